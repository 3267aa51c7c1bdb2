"""
Cold start: a new process running ``import defectors; defectors.load()``.

Run with ``python benchmarks/bench_cold_start.py [ROUNDS]``. The baseline is a new process
running ``import attrs, cattrs, json``: the least a typed, attrs-based dataset package must
import. Target: at most 1.5x. The data grows, so the same start is also measured against the
stricter ``import attrs, json`` (target: at most 1.4x, whatever the number of records).
Processes alternate between the two, and the medians are compared. ``import defectors`` alone
is shown too, against the first baseline.
"""

from __future__ import annotations

import subprocess
import sys
from functools import partial

from _harness import alternate, report

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 31
BASELINE = "import attrs, cattrs, json"
BARE_BASELINE = "import attrs, json"
LOAD = "import defectors; defectors.load()"
IMPORT = "import defectors"


def run(code: str) -> None:
    """Run *code* in a new Python process."""
    subprocess.run([sys.executable, "-c", code], check=True)


def main() -> None:
    """Measure and print the figures."""
    run(LOAD)  # warm the file system cache and the bytecode cache, for both alike
    run(BASELINE)
    ours, base = alternate(ROUNDS, partial(run, LOAD), partial(run, BASELINE))
    report("cold start: import + load()", ours, base, 1.5)
    ours, base = alternate(ROUNDS, partial(run, LOAD), partial(run, BARE_BASELINE))
    report("cold start vs import attrs, json", ours, base, 1.4)
    ours, base = alternate(ROUNDS, partial(run, IMPORT), partial(run, BASELINE))
    report("cold start: import only", ours, base, None)


if __name__ == "__main__":
    main()
