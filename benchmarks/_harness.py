"""
Shared helpers for the benchmark scripts: alternating timed runs and one report line a figure.

Every figure is a ratio against a baseline measured in the same run, so a busy machine slows
both alike. Runs alternate between the measured code and its baseline, and the medians are
compared. Nothing here asserts on time: a missed target is printed, not raised.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import defectors

#: Records in the generated bulk file.
BULK = 100_000


def alternate(
    rounds: int, ours: Callable[[], object], base: Callable[[], object]
) -> tuple[float, float]:
    """Time *ours* and *base* alternately *rounds* times; return their median seconds."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        for func, times in ((ours, mine), (base, theirs)):
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(theirs)


def report(label: str, ours: float, base: float, target: float | None, unit: str = "ms") -> None:
    """Print one figure: both measurements, their ratio, and the target with met or missed."""
    scale = 1000 if unit == "ms" else 1 / 2**20
    ratio = ours / base
    verdict = (
        "no target"
        if target is None
        else (f"target <= {target:g}x: {'met' if ratio <= target else 'MISSED'}")
    )
    print(
        f"{label:<44} {ours * scale:10.4g} {unit} vs {base * scale:10.4g} {unit}"
        f"  ratio {ratio:5.2f}x  ({verdict})"
    )


def write_bulk(path: Path, count: int = BULK) -> Path:
    """Write *count* records made from the bundled ones, each with a new id, as a JSON array."""
    rows = defectors.load().to_records()
    out = []
    for n in range(count):
        row = dict(rows[n % len(rows)])
        row["id"] = f"{row['id']}-{n}"
        out.append(row)
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return path
