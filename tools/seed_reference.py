"""
Extract the reference files the tests check the seed records against.

The seed is a copy of Wikipedia's "List of Soviet and Eastern Bloc defectors" (revision of
2025-11-06), kept outside the repository. This script reads it and writes, under
``tests/data/``:

* ``seed_facts.tsv``: the facts of each row (name, profession, birthplace, year), exactly as
  the source gives them, with the one shifted row repaired; the tests check every seed record
  against it;
* ``seed_notes_shingles.txt``: SHA-256 digests (first 16 hex digits) of every run of five
  consecutive words of the Notes column, folded, so that a test can check that no summary
  repeats the source's prose without the repository shipping that prose.

Usage::

    python tools/seed_reference.py ../shared/seed/list_of_soviet_and_eastern_bloc_defectors.txt
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from pathlib import Path

TESTS_DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SHINGLE = 5
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def words(text: str) -> list[str]:
    """Split *text* into casefolded words (letters and digits), as the tests do."""
    return [w.casefold() for w in _WORD.findall(unicodedata.normalize("NFC", text))]


def shingles(text: str) -> set[str]:
    """Return the digests of every run of :data:`SHINGLE` words of *text*."""
    ws = words(text)
    return {
        hashlib.sha256(" ".join(ws[i : i + SHINGLE]).encode()).hexdigest()[:16]
        for i in range(len(ws) - SHINGLE + 1)
    }


def parse(path: Path) -> list[tuple[str, str, str, str, str]]:
    """Return the table's rows as (name, profession, birthplace, year, notes)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| Defector |"):
            continue
        cells = [
            unicodedata.normalize("NFC", c.strip()) for c in line.strip().strip("|").split("|")
        ]
        name, profession, birthplace, year, notes = cells[:5]
        if not year.isdigit() and birthplace.isdigit():
            # The shifted row: no profession, so every later cell moved one to the left.
            profession, birthplace, year, notes = "", profession, birthplace, year
        rows.append((name, profession, birthplace, year, notes))
    return rows


def main() -> None:
    """Write the two reference files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("seed", type=Path)
    args = parser.parse_args()
    rows = parse(args.seed)
    if len(rows) != 49:  # noqa: PLR2004 - the revision of 2025-11-06 has 49 rows
        sys.exit(f"expected 49 rows, found {len(rows)}")
    facts = ["name\tprofession\tbirthplace\tyear"]
    facts += ["\t".join(row[:4]) for row in rows]
    (TESTS_DATA / "seed_facts.tsv").write_text("\n".join(facts) + "\n", encoding="utf-8")
    digests = sorted(set().union(*(shingles(row[4]) for row in rows)))
    (TESTS_DATA / "seed_notes_shingles.txt").write_text("\n".join(digests) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows and {len(digests)} shingle digests to {TESTS_DATA}")


if __name__ == "__main__":
    main()
