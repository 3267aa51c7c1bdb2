"""
Check that hostile input costs time linear in its length.

Each figure is the time for an input ten times longer against the time for the shorter one,
measured in the same run. Run with ``python benchmarks/bench_hostile.py``. Linear work gives
a ratio near 10; the quadratic regular expression ``normalize_place()`` used to have gave
about 100 (100,000 spaces took 14 s, a million never finished), and ``Dataset.search()``
with a word repeated a million times took 5 s before repeated words were collapsed. The
target, at most 20x, leaves room for noise. Nothing here asserts on time.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _harness import report

import defectors

SHORT = 200_000
ROUNDS = 5
TARGET = 20.0


def _best(call: Callable[[], object]) -> float:
    """Return the fastest of a few runs of *call*, errors included (they are the point)."""
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        with contextlib.suppress(LookupError, ValueError):
            call()
        times.append(time.perf_counter() - start)
    return min(times)


def _load_route(folder: Path, count: int) -> Callable[[], object]:
    row = {**defectors.load().to_records()[0], "route": ["XXX"] * count}
    path = folder / f"route-{count}.json"
    path.write_text(json.dumps([row]), encoding="utf-8")
    return lambda: defectors.load(path)


def main() -> None:
    """Print one line a hostile input: the ten-times-longer run against the shorter one."""
    dataset = defectors.load()
    cases: dict[str, Callable[[int], Callable[[], object]]] = {
        "normalize_place(spaces)": lambda n: lambda: defectors.normalize_place(" " * n),
        "normalize_place('x' spaces 'y')": lambda n: (
            lambda: defectors.normalize_place("x" + " " * n + "y")
        ),
        "normalize_country(spaces)": lambda n: lambda: defectors.normalize_country(" " * n),
        "parse_period('a (' repeated)": lambda n: lambda: defectors.parse_period("a (" * (n // 3)),
        "Dataset.search('a ' repeated)": lambda n: lambda: dataset.search("a " * n),
        "Dataset.get(spaces)": lambda n: lambda: dataset.get(" " * n, None),
    }
    for label, make in cases.items():
        short, long = _best(make(SHORT)), _best(make(10 * SHORT))
        report(f"{label} x10 length", long, short, TARGET)
    with tempfile.TemporaryDirectory() as folder:
        short = _best(_load_route(Path(folder), SHORT))
        long = _best(_load_route(Path(folder), 10 * SHORT))
        report("load(): bad route items x10", long, short, TARGET)


if __name__ == "__main__":
    main()
