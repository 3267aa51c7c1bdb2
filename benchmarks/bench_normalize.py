"""
Time :func:`defectors.normalize_country` per name, once its index is built.

Run with ``python benchmarks/bench_normalize.py``. The inputs are a few hundred distinct,
realistically messy names (every name in the package's table, in several spellings). The
baseline, measured in the same run, is a plain dict lookup of the same inputs already folded,
which is the least any lookup must cost; the figure that matters is normalization's own time
per name, against the aim of 0.02 ms. Runs alternate between the two and the medians are
reported, so a busy machine slows both alike. Nothing here asserts on time.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from defectors._countries import country_table
from defectors._normalize import _index, _key, normalize_country

ROUNDS = 15
REPEAT = 20
TARGET_MS = 0.02


def inputs() -> list[str]:
    """Return distinct messy spellings of every name in the package's table."""
    names = [c.name for c in country_table().values() if c.key != "BYAA"]
    variants = [
        *names,
        *(name.upper() for name in names),
        *(f"the  {name.lower()}" for name in names),
        "U.S.S.R.",
        "G.D.R.",
        "Czecho-Slovakia",
        "Ukraine",
        "Ukrainian S.S.R.",
        "Magyarország",
        "Československo",
        "\u0421\u0421\u0421\u0420",  # Cyrillic
    ]
    return list(dict.fromkeys(variants))


def timed(func: Callable[[], object]) -> float:
    """Return the seconds one call of *func* takes."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> None:
    """Measure and print the figures."""
    texts = inputs()
    started = time.perf_counter()
    _index()
    build_ms = (time.perf_counter() - started) * 1000
    folded = [_key(t) for t in texts]
    table = {_key(t): normalize_country(t) for t in texts}

    def normalize() -> None:
        for _ in range(REPEAT):
            for text in texts:
                normalize_country(text)

    def baseline() -> None:
        for _ in range(REPEAT):
            for form in folded:
                table[form]

    ours, base = [], []
    for _ in range(ROUNDS):
        ours.append(timed(normalize))
        base.append(timed(baseline))
    per_name = statistics.median(ours) / (REPEAT * len(texts)) * 1000
    base_per_name = statistics.median(base) / (REPEAT * len(texts)) * 1000
    print(f"inputs: {len(texts)} distinct names; index built in {build_ms:.0f} ms")
    print(f"normalize_country: {per_name:.5f} ms per name (aim: at most {TARGET_MS} ms)")
    print(f"baseline (dict lookup of pre-folded text): {base_per_name:.5f} ms per name")
    print(f"ratio: {per_name / base_per_name:.1f}x the baseline")


if __name__ == "__main__":
    main()
