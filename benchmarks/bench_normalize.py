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

import time

from _harness import alternate, report

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

    ours, base = alternate(ROUNDS, normalize, baseline)
    per_name = ours / (REPEAT * len(texts))
    base_per_name = base / (REPEAT * len(texts))
    print(f"normalization: {len(texts)} distinct names; index built in {build_ms:.0f} ms")
    report("normalize_country() per name", per_name, base_per_name, None)
    verdict = "met" if per_name * 1000 <= TARGET_MS else "MISSED"
    print(
        f"{'normalize_country() per name, absolute':<44} {per_name * 1000:10.5f} ms"
        f"  (target <= {TARGET_MS} ms per name: {verdict})"
    )


if __name__ == "__main__":
    main()
