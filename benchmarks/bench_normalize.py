"""
Time :func:`defectors.normalize_country` per name on hits and misses, and the batch form.

Run with ``python benchmarks/bench_normalize.py``. Figures, each per name once the index is
built, against the aim of 0.02 ms per name:

* hits: a few hundred distinct, realistically messy names (every name in the package's table in
  several spellings, and the world variants of ``tests/data/country_variants.tsv``), with the
  memo of looked-up texts emptied before each pass, so every lookup does the full work;
* misses: as many distinct names that name nothing, with ``strict=False`` and with
  ``strict=True`` (raising, and catching the error without reading its suggestions);
* the batch form: ``normalize_countries()`` of a 100,000-row column of those hits with 3,000
  distinct unknown texts mixed in.

The baseline, measured in the same run, is a plain dict lookup of the same inputs already
folded, the least any lookup must cost. Where pycountry (``pycountry.countries.lookup``) and
country_converter (``coco.convert``) are installed, they run on the same names in the same
process, and the share of the variant corpus each resolves to the right ISO code is printed
too. Runs alternate and the medians are reported. Nothing here asserts on time.
"""

from __future__ import annotations

import contextlib
import io
import logging
import time
from collections.abc import Callable
from pathlib import Path

from _harness import alternate, report

from defectors._countries import country_table
from defectors._normalize import _index, _key, normalize_countries, normalize_country
from defectors.exceptions import UnknownCountryError

ROUNDS = 9
TARGET_MS = 0.02
COLUMN = 100_000
UNKNOWN = 3_000
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "country_variants.tsv"


def corpus() -> list[tuple[str, str]]:
    """Return (variant, expected key) rows of the world variant corpus."""
    rows = []
    if CORPUS.exists():
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                variant, key, _ = line.split("\t")
                if "|" not in key:
                    rows.append((variant, key))
    return rows


def hits() -> list[str]:
    """Return distinct messy spellings of every name in the table, and the world variants."""
    names = [c.name for c in country_table().values() if c.key != "BYAA"]
    variants = [
        *names,
        *(name.upper() for name in names),
        *(f"the  {name.lower()}" for name in names),
        *(variant for variant, _ in corpus()),
        "U.S.S.R.",
        "G.D.R.",
        "Czecho-Slovakia",
        "Ukrainian S.S.R.",
        "Magyarország",
        "Československo",
        "\u0421\u0421\u0421\u0420",  # Cyrillic
    ]
    return list(dict.fromkeys(variants))


def misses(count: int) -> list[str]:
    """Return *count* distinct texts that name nothing, shaped like country names."""
    stems = ["Nowhereland", "Republic of Atlantis", "Mu, Dem. Rep.", "Lemuria (the)", "Oz/Xanadu"]
    return [f"{stems[n % len(stems)]} {n}" for n in range(count)]


def per_name(func: Callable[[], object], count: int) -> Callable[[], object]:
    """Return *func*, for timing; the caller divides by *count*."""
    del count
    return func


def main() -> None:  # noqa: C901 - one figure after another reads best in one place
    """Measure and print the figures."""
    started = time.perf_counter()
    index = _index()
    build_ms = (time.perf_counter() - started) * 1000
    found = hits()
    lost = misses(len(found))
    folded_hits = [_key(t) for t in found]
    folded_misses = [_key(t) for t in lost]
    table = {_key(t): normalize_country(t) for t in found}

    def baseline_hits() -> None:
        for form in folded_hits:
            table.get(form)

    def baseline_misses() -> None:
        for form in folded_misses:
            table.get(form)

    def our_hits() -> None:
        index.memo.clear()
        for text in found:
            normalize_country(text)

    def our_misses_quiet() -> None:
        index.memo.clear()
        for text in lost:
            normalize_country(text, strict=False)

    def our_misses_raising() -> None:
        index.memo.clear()
        for text in lost:
            with contextlib.suppress(UnknownCountryError):
                normalize_country(text)

    print(
        f"normalization: {len(found)} distinct names, {len(lost)} distinct misses; "
        f"index built in {build_ms:.0f} ms"
    )
    figures: list[tuple[str, float]] = []
    for label, ours, base, count in [
        ("normalize_country() hit, per name", our_hits, baseline_hits, len(found)),
        ("miss, strict=False, per name", our_misses_quiet, baseline_misses, len(lost)),
        ("miss, strict=True (raising), per name", our_misses_raising, baseline_misses, len(lost)),
    ]:
        mine, theirs = alternate(ROUNDS, ours, base)
        report(label, mine / count, theirs / count, None)
        figures.append((label, mine / count))

    column = [found[n % len(found)] for n in range(COLUMN - UNKNOWN)]
    column += [f"Unknown place {n}" for n in range(UNKNOWN)]

    def batch() -> None:
        index.memo.clear()
        normalize_countries(column)

    def batch_baseline() -> None:
        for text in column:
            table.get(text)

    mine, theirs = alternate(3, batch, batch_baseline)
    report(f"normalize_countries(), {COLUMN:,} rows, per row", mine / COLUMN, theirs / COLUMN, None)
    figures.append(("normalize_countries(), per row", mine / COLUMN))
    for label, seconds in figures:
        verdict = "met" if seconds * 1000 <= TARGET_MS else "MISSED"
        print(
            f"{label + ', absolute':<52} {seconds * 1000:10.5f} ms  (<= {TARGET_MS} ms: {verdict})"
        )
    compare(found, lost)


def _time(func: Callable[[], object]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def compare(found: list[str], lost: list[str]) -> None:
    """Run pycountry and country_converter on the same names, where installed."""
    rows = corpus()

    def ours(text: str) -> str | None:
        country = normalize_country(text, strict=False)
        return None if country is None else country.alpha_3 or country.key

    contenders: list[tuple[str, Callable[[str], str | None]]] = [("defectors", ours)]
    try:
        import pycountry  # noqa: PLC0415 - optional here

        def by_pycountry(text: str) -> str | None:
            try:
                return pycountry.countries.lookup(text).alpha_3
            except LookupError:
                return None

        contenders.append(("pycountry", by_pycountry))
    except ImportError:
        print("pycountry: not installed")
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            import country_converter  # noqa: PLC0415 - optional here

            converter = country_converter.CountryConverter()
        logging.getLogger("country_converter").setLevel(logging.CRITICAL)  # one line a miss

        def by_coco(text: str) -> str | None:
            with contextlib.redirect_stdout(io.StringIO()):
                found = converter.convert(text, to="ISO3", not_found=None)
            return found if isinstance(found, str) else None

        contenders.append(("country_converter", by_coco))
    except Exception as error:  # noqa: BLE001 - any failure to start it means "not available"
        print(f"country_converter: not available ({type(error).__name__}: {error})")
    table = country_table()
    sample_hits, sample_misses = found[:200], lost[:200]
    for name, lookup in contenders:
        right = 0
        for variant, key in rows:
            expected = table[key].alpha_3 or key
            right += lookup(variant) == expected
        hit = _time(lambda lookup=lookup: [lookup(t) for t in sample_hits]) / len(sample_hits)
        miss = _time(lambda lookup=lookup: [lookup(t) for t in sample_misses]) / len(sample_misses)
        print(
            f"{name:<18} variant corpus {right}/{len(rows)} ({right / max(len(rows), 1):.0%}); "
            f"hit {hit * 1000:.4f} ms, miss {miss * 1000:.4f} ms per name"
        )


if __name__ == "__main__":
    main()
