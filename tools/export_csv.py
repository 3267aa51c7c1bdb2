"""
Write ``src/defectors/data/defectors.csv``, the flat form of the canonical JSON data.

Run it after changing ``defectors.json``; a test fails while the two disagree::

    python tools/export_csv.py
"""

from __future__ import annotations

from pathlib import Path

import defectors

OUT = Path(__file__).resolve().parent.parent / "src" / "defectors" / "data" / "defectors.csv"


def main() -> None:
    """Write the CSV from the data the installed package reads."""
    dataset = defectors.load(OUT.with_suffix(".json"))
    OUT.write_bytes(dataset.to_csv().encode("utf-8"))
    print(f"wrote {len(dataset)} rows to {OUT}")


if __name__ == "__main__":
    main()
