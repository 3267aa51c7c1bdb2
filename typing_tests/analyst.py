"""
A new analyst's script, as issue 13 asks it to run without a workaround.

Defections per state per decade as a pivot table; the same from the analyst's own CSV (with
columns of their own); and back to CSV, which loads back equal. The typing session checks it
with mypy --strict and pyright (strict); ``tests/test_analyst.py`` runs it.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd

import defectors

MY_CSV = """\
Person,Job,Left,Went to,When,Source
Jan Novák,Violinist,ČSSR,Austria,June 1977,https://example.org/novak
Ilona Szabó,chess grandmaster,Hungarian People's Republic,West Germany,c. 1975,https://example.org/szabo
"""


def per_state_per_decade(ds: defectors.Dataset) -> dict[str, dict[int, int]]:
    """Defections per state per decade, every decade under every state."""
    return {country.name: row for country, row in ds.count_by("origin", "decade").items()}


def pivot(ds: defectors.Dataset) -> pd.DataFrame:
    """The same as a pandas pivot table: states down, decades across."""
    frame = ds.to_pandas()
    return pd.crosstab(frame["origin"], frame["decade"])


def read_mine(path: Path) -> defectors.Dataset:
    """Records from a CSV with the analyst's own columns."""
    records: list[defectors.Defector] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            when = defectors.parse_period(row["When"])
            records.append(
                defectors.Defector(
                    id=defectors.slugify(row["Person"]),
                    name=row["Person"],
                    profession=row["Job"],
                    sectors=defectors.sectors_for(row["Job"]),
                    year=when.start.year,
                    date=when.start if when.start == when.end else None,
                    origin=defectors.normalize_country(row["Left"]),
                    destination=defectors.normalize_country(row["Went to"]),
                    summary=f"{row['Job']} who left for {row['Went to']}.",
                    sources=[defectors.Source(url=row["Source"])],
                )
            )
    return defectors.Dataset(records)


def main(workdir: Path) -> int:
    """Run the analysis in *workdir*; return the exit status."""
    bundled = defectors.load()
    counts = per_state_per_decade(bundled)
    table = pivot(bundled)
    assert sum(map(sum, (r.values() for r in counts.values()))) == len(bundled)  # noqa: S101
    assert int(table.to_numpy().sum()) == len(bundled)  # noqa: S101

    mine_path = workdir / "mine.csv"
    mine_path.write_text(MY_CSV, encoding="utf-8")
    mine = read_mine(mine_path)
    both = bundled.merge(mine)
    assert per_state_per_decade(both)["Czechoslovakia"][1970] == (  # noqa: S101
        counts["Czechoslovakia"][1970] + 1
    )

    out = workdir / "both.csv"
    both.to_csv(out)
    assert defectors.load(out) == both  # noqa: S101
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()))
