"""
Bulk load, queries and memory on a generated file of 100,000 records.

Run with ``python benchmarks/bench_dataset.py``. The file is made from the bundled records,
each copied with a new id, and written to a temporary directory. Figures, each against a
baseline measured in the same run:

* bulk load: ``defectors.load(path)`` against ``json.load`` of the same file (target: 5x);
* queries: ``filter``, ``search`` and ``count_by`` on the loaded dataset against a plain list
  comprehension over the same records doing the same test (target: 3x); a search is timed
  after the first, which builds the dataset's search index (its cost is shown separately);
* memory (tracemalloc): the dataset against the same file read as plain dicts, both what
  stays allocated and the peak while reading (no target: shown for information).
"""

from __future__ import annotations

import gc
import json
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from _harness import BULK, alternate, report, write_bulk

import defectors

LOAD_ROUNDS = 5
FIRST, LAST = 1950, 1960
QUERY_ROUNDS = 15


def read_json(path: Path) -> list[object]:
    """The baseline for bulk loading: the file as plain dicts."""
    with path.open(encoding="utf-8") as handle:
        rows: list[object] = json.load(handle)
    return rows


def memory(func: Callable[[], object]) -> tuple[int, int]:
    """Return the bytes still allocated for *func*'s result, and the peak while it ran."""
    gc.collect()
    tracemalloc.start()
    result = func()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return current, peak


def bulk(path: Path) -> defectors.Dataset:
    """Measure loading; return the dataset."""
    ours, base = alternate(LOAD_ROUNDS, lambda: defectors.load(path), lambda: read_json(path))
    report(f"bulk load: load() of {BULK:,} records", ours, base, 5)
    return defectors.load(path)


def queries(ds: defectors.Dataset) -> None:
    """Measure filter, search and count_by against list comprehensions."""
    records = list(ds)
    hungary = defectors.normalize_country("Hungary")

    ours, base = alternate(
        QUERY_ROUNDS,
        lambda: ds.filter(origin="Hungary", years=(FIRST, LAST)),
        lambda: [r for r in records if r.origin == hungary and FIRST <= r.year <= LAST],
    )
    report("query: filter(origin=, years=)", ours, base, 3)

    start = time.perf_counter()
    ds.search("milosz")
    first = time.perf_counter() - start
    ours, base = alternate(
        QUERY_ROUNDS,
        lambda: ds.search("milosz"),
        lambda: [
            r for r in records if "milosz" in r.name.casefold() or "milosz" in r.summary.casefold()
        ],
    )
    report("query: search('milosz')", ours, base, 3)
    report("query: first search (builds the index)", first, base, None)

    ours, base = alternate(
        QUERY_ROUNDS,
        lambda: ds.count_by("origin"),
        lambda: Counter([r.origin for r in records]),
    )
    report("query: count_by('origin')", ours, base, 3)


def memory_use(path: Path) -> None:
    """Measure memory of the dataset against plain dicts."""
    defectors.load()  # the country table and other one-off tables, outside the measurement
    dataset = memory(lambda: defectors.load(path))
    dicts = memory(lambda: read_json(path))
    report("memory: dataset held (tracemalloc)", dataset[0], dicts[0], None, unit="MiB")
    report("memory: peak while reading", dataset[1], dicts[1], None, unit="MiB")


def main() -> None:
    """Measure and print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_bulk(Path(tmp) / "bulk.json")
        ds = bulk(path)
        queries(ds)
        del ds
        memory_use(path)


if __name__ == "__main__":
    main()
