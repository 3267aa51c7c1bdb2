"""
Add the rows of a curated TSV file to the bundled dataset, ``src/defectors/data/defectors.json``.

The TSV format is the one of ``tools/data/supplement_1961_1991.tsv`` (see
``tools/data/README.md``): tab-separated UTF-8 with the header ``name profession
birthplace_today birthplace_historical year date origin_state destination_country
defection_place summary sources confidence``. Usage::

    python tools/import_tsv.py --provenance research-1961-1991 tools/data/supplement_1961_1991.tsv

``--provenance`` names the collection the rows belong to (a :class:`defectors.Provenance`
value): ``research-1961-1991`` for the supplement, ``later-research`` for rows researched
after the first release. Every record the run adds carries it.

Each row becomes a :class:`defectors.Defector`:

* ``name``: a trailing parenthesised name (``Viktor Suvorov (Vladimir Rezun)``) becomes an
  entry of ``also_known_as``; the id is the slug of the name before it;
* ``birthplace``: ``text`` is ``birthplace_historical`` where given, else
  ``birthplace_today``; ``country`` is ``birthplace_today``; ``polity`` the historical state
  ``birthplace_historical`` names (``None`` where both columns are empty: no birthplace);
* ``origin_state`` and ``destination_country`` go through :func:`defectors.normalize_country`;
* ``sectors`` come from the profession by :func:`defectors.sectors_for`;
* ``sources``: one :class:`defectors.Source` per space-separated URL.

A row is refused, naming its line, when it does not validate or when its id is already taken
by a different record (rerun with ``--update`` to replace records of the same id on purpose).
Rows whose record is already present unchanged are skipped, so a rerun changes nothing. The
file is rewritten in canonical form (``Dataset.to_json()``, ordered by year, then folded name)
with its flat ``defectors.csv`` beside it; new ids are appended to the released-id list.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import defectors
from defectors import Confidence, Dataset, Defector, Place, Provenance, Source

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "defectors" / "data" / "defectors.json"
RELEASED_IDS = ROOT / "tests" / "data" / "released_ids.txt"

COLUMNS = (
    "name",
    "profession",
    "birthplace_today",
    "birthplace_historical",
    "year",
    "date",
    "origin_state",
    "destination_country",
    "defection_place",
    "summary",
    "sources",
    "confidence",
)

_ALIAS = re.compile(r"(?P<name>.+?)\s+\((?P<aka>[^()]+)\)")


class RowError(ValueError):
    """A row of the TSV file cannot become a record."""

    def __init__(self, line: int, name: str, message: str) -> None:
        """Say which line and name are at fault, and why."""
        super().__init__(f"line {line} ({name or 'no name'}): {message}")


def split_name(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the name and the other names of a ``Name (Other Name)`` text."""
    match = _ALIAS.fullmatch(text.strip())
    if match is None:
        return text.strip(), ()
    return match["name"], (match["aka"].strip(),)


def _birthplace(today: str, historical: str) -> Place | None:
    if not today and not historical:
        return None
    country = defectors.normalize_country(today) if today else None
    polity = defectors.normalize_place(historical).polity if historical else None
    return Place(text=historical or today, country=country, polity=polity)


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text):
        msg = f"year must be four digits, not {text!r}"
        raise ValueError(msg)
    return int(text)


def _date(text: str) -> object:
    # The rule data files follow (YYYY-MM-DD only), not date.fromisoformat's wider one.
    from defectors._reader import structure_date  # noqa: PLC0415 - the package's own rule

    return structure_date(text) if text else None


def to_record(
    row: dict[str, str], line: int, provenance: Provenance = Provenance.RESEARCH_1961_1991
) -> Defector:
    """Return the record for one TSV row, or raise :class:`RowError` naming the line."""
    cells = {k: (row.get(k) or "").strip() for k in COLUMNS}
    name, aka = split_name(cells["name"])
    try:
        if not name:
            msg = "the name is empty"
            raise ValueError(msg)  # noqa: TRY301 - reported with the row below
        urls = cells["sources"].split()
        if not urls:
            msg = "no sources"
            raise ValueError(msg)  # noqa: TRY301
        return Defector(
            id=defectors.slugify(name),
            name=name,
            also_known_as=aka,
            profession=cells["profession"] or None,
            sectors=defectors.sectors_for(cells["profession"] or None),
            birthplace=_birthplace(cells["birthplace_today"], cells["birthplace_historical"]),
            year=_year(cells["year"]),
            date=_date(cells["date"]),
            origin=defectors.normalize_country(cells["origin_state"]),
            destination=(
                defectors.normalize_country(cells["destination_country"])
                if cells["destination_country"]
                else None
            ),
            defection_place=cells["defection_place"] or None,
            summary=cells["summary"],
            confidence=Confidence(cells["confidence"]) if cells["confidence"] else None,
            sources=[Source(url=url) for url in urls],
            provenance=provenance,
        )
    except (ValueError, TypeError, LookupError) as exc:
        raise RowError(line, cells["name"], str(exc)) from exc


def read_tsv(
    path: Path,
    seen: dict[str, str] | None = None,
    provenance: Provenance = Provenance.RESEARCH_1961_1991,
) -> list[Defector]:
    """
    Read every row of a TSV file into records, refusing bad rows and repeated ids.

    *seen* maps ids already read (from earlier files of the same run) to where; it is updated.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            msg = f"{path}: missing columns {', '.join(missing)}"
            raise ValueError(msg)
        records: list[Defector] = []
        seen = {} if seen is None else seen
        for line, row in enumerate(reader, start=2):
            record = to_record(row, line, provenance)
            if record.id in seen:
                msg = f"id {record.id!r} is already used on {seen[record.id]}"
                raise RowError(line, row.get("name", ""), msg)
            seen[record.id] = f"line {line} of {path.name}"
            records.append(record)
    return records


def sort_key(record: Defector) -> tuple[int, str, str]:
    """The canonical order of the data file: year, then folded name, then id."""
    return (record.year, defectors.fold(record.name), record.id)


def merge(
    existing: Sequence[Defector], new: Iterable[Defector], *, update: bool = False
) -> tuple[list[Defector], list[str]]:
    """
    Return the merged records in canonical order and the ids that were added.

    Raises:
        ValueError: A new record's id belongs to a different existing record and *update*
            is false, or a new record has the folded name of an existing record of another id.
    """
    by_id = {r.id: r for r in existing}
    names = {defectors.fold(n): r.id for r in existing for n in (r.name, *r.also_known_as)}
    added: list[str] = []
    for record in new:
        old = by_id.get(record.id)
        if old == record:
            continue
        if old is not None and not update:
            msg = (
                f"id {record.id!r} ({record.name}) is already taken by a different record; "
                "pass --update to replace it"
            )
            raise ValueError(msg)
        for other in (record.name, *record.also_known_as):
            owner = names.get(defectors.fold(other))
            if owner is not None and owner != record.id:
                msg = f"{record.name!r} looks like the existing record {owner!r}"
                raise ValueError(msg)
        if old is None:
            added.append(record.id)
        by_id[record.id] = record
    return sorted(by_id.values(), key=sort_key), added


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool; return the exit status."""
    parser = argparse.ArgumentParser(description="Add a curated TSV file's rows to the dataset.")
    parser.add_argument("tsv", type=Path, nargs="+")
    parser.add_argument("--data", type=Path, default=DATA, help="the JSON data file to update")
    parser.add_argument("--released-ids", type=Path, default=RELEASED_IDS)
    parser.add_argument("--update", action="store_true", help="replace records of the same id")
    parser.add_argument("--dry-run", action="store_true", help="check, but write nothing")
    parser.add_argument(
        "--provenance",
        type=Provenance,
        required=True,
        choices=list(Provenance),
        metavar="{" + ",".join(p.value for p in Provenance) + "}",
        help="the collection the rows belong to (stored in every record added)",
    )
    args = parser.parse_args(argv)
    try:
        existing = list(defectors.load(args.data))
        seen: dict[str, str] = {}  # ids read so far, across every file of this run
        new = [r for path in args.tsv for r in read_tsv(path, seen, args.provenance)]
        merged, added = merge(existing, new, update=args.update)
    except (ValueError, OSError) as exc:
        print(f"import_tsv: {exc}", file=sys.stderr)
        return 1
    dataset = Dataset(merged)
    if not args.dry_run:
        args.data.write_text(dataset.to_json(), encoding="utf-8")
        args.data.with_suffix(".csv").write_bytes(dataset.to_csv().encode("utf-8"))
        if added:
            with args.released_ids.open("a", encoding="utf-8") as handle:
                handle.writelines(f"{i}\n" for i in added)
    print(f"{len(new)} rows read, {len(added)} records added, {len(dataset)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
