"""
Add the rows of a curated TSV file to the bundled dataset, ``src/defectors/data/defectors.json``.

The TSV format is the one of ``tools/data/supplement_1961_1991.tsv`` (see
``tools/data/README.md``): tab-separated UTF-8 with the header ``name profession
birthplace_today birthplace_historical year date origin_state destination_country
defection_place summary sources confidence``, and optionally ``route`` and ``wikipedia``.
Usage::

    python tools/import_tsv.py --provenance later-research tools/data/research/NEW.tsv

and, to rebuild the shipped records from every file they come from (:data:`LANDED`)::

    python tools/import_tsv.py --landed

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
* ``sources``: one :class:`defectors.Source` per space-separated URL, its ``kind`` taken from
  the table of sites ``tools/data/source_kinds.tsv`` (matched on the host name or a parent
  domain of it). A site with no class, a site in ``tools/data/denied_domains.tsv`` (copies
  of Wikipedia, pirated-book sites, content farms) and a bare IP address are refused;
* the optional ``route`` column: country names joined by ``;``, in order, each through
  :func:`defectors.normalize_country`;
* the optional ``wikipedia`` column: the person's English Wikipedia article, its address
  made canonical by :func:`defectors.canonical_wikipedia`.

``--refresh`` applies the source table and ``tools/data/wikipedia_links.tsv`` (``id``,
``url``: the confirmed article of a record that no TSV row carries, such as the seed
list's) to every record already in the data file, and refuses a record citing a denied site.

A row is refused, naming its line, when it does not validate or when its id is already taken
by a different record (rerun with ``--update`` to replace records of the same id on purpose).
Rows whose record is already present unchanged are skipped, so a rerun changes nothing. The
file is rewritten in canonical form (``Dataset.to_json()``, ordered by year, then folded name)
with its flat ``defectors.csv`` beside it; new ids are appended to the released-id list.
"""

from __future__ import annotations

import argparse
import csv
import functools
import ipaddress
import json
import os
import re
import sys
import tempfile
import urllib.parse
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import attrs

import defectors
from defectors import (
    Confidence,
    Country,
    Dataset,
    Defector,
    Place,
    Provenance,
    Source,
    SourceKind,
    canonical_wikipedia,
)
from defectors._json import dumps_packed
from defectors._reader import read_packed

_V = TypeVar("_V")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "defectors" / "data" / "defectors.json"
RELEASED_IDS = ROOT / "tests" / "data" / "released_ids.txt"
SOURCE_KINDS = ROOT / "tools" / "data" / "source_kinds.tsv"
DENIED = ROOT / "tools" / "data" / "denied_domains.tsv"
WIKIPEDIA_LINKS = ROOT / "tools" / "data" / "wikipedia_links.tsv"
RESEARCH = ROOT / "tools" / "data" / "research"

#: The curated files the shipped records were imported from, in order, each with the
#: collection its rows belong to: ``--landed`` imports them all. A research batch's rows
#: still waiting for their independent check are in its ``*.pending.tsv`` file, which is
#: never imported.
LANDED: tuple[tuple[Path, Provenance], ...] = (
    (ROOT / "tools" / "data" / "supplement_1961_1991.tsv", Provenance.RESEARCH_1961_1991),
    (RESEARCH / "r1_ussr_early_bulgaria.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r2_ussr_late_albania.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r3_pol_hun_rom.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r4_cze.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r4_gdr.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r5_1990s_1930s.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r6_1990s_interwar.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r7_breadth_1940_1989.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r8_gdr_cze_hun_intel.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r9_1990_1991.tsv", Provenance.LATER_RESEARCH),
    (RESEARCH / "r10_balkans_leads.tsv", Provenance.LATER_RESEARCH),
)

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

#: Columns a TSV file may have besides :data:`COLUMNS`.
OPTIONAL_COLUMNS = ("route", "wikipedia")


class RowError(ValueError):
    """A row of the TSV file cannot become a record."""

    def __init__(self, line: int, name: str, message: str) -> None:
        """Say which line and name are at fault, and why."""
        super().__init__(f"line {line} ({name or 'no name'}): {message}")


def _rows(path: Path, *columns: str) -> Iterable[tuple[int, list[str]]]:
    """
    Yield the line number and the named cells of each row of a TSV table, stripped.

    Raises:
        ValueError: A column is missing, or a row lacks a cell (naming the file and line).
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            msg = f"{path.name}: missing column(s) {', '.join(missing)}"
            raise ValueError(msg)
        for line, row in enumerate(reader, start=2):
            cells = [row.get(c) for c in columns]
            if any(c is None or not c.strip() for c in cells):
                msg = f"{path.name} line {line}: every row needs {', '.join(columns)}"
                raise ValueError(msg)
            yield line, [c.strip() for c in cells if c is not None]


def site_key(host: str) -> str:
    """Return how the tables name the site *host* is on: lowercased, without ``www.``."""
    host = host.rstrip(".").lower()
    return host.removeprefix("www.")


def _read_sites(path: Path, column: str) -> dict[str, str]:
    """Return the site (first column, by :func:`site_key`) to *column* table of *path*."""
    table: dict[str, str] = {}
    for line, (domain, value) in _rows(path, "domain", column):
        key = site_key(domain)
        if table.get(key, value) != value:
            msg = f"{path.name} line {line}: {domain} is listed twice, as {table[key]} and {value}"
            raise ValueError(msg)
        table[key] = value
    return table


@functools.cache
def site_tables() -> tuple[dict[str, SourceKind], dict[str, str]]:
    """
    Return the kind of each classified site, and the reason each denied site is denied.

    Raises:
        ValueError: A kind is not a :class:`SourceKind` value, a site is listed twice with
            different values, or a site is both classified and denied.
    """
    raw = _read_sites(SOURCE_KINDS, "kind")
    kinds: dict[str, SourceKind] = {}
    for domain, kind in raw.items():
        try:
            kinds[domain] = SourceKind(kind)
        except ValueError:  # noqa: PERF203 - an error for the first bad row only
            expected = ", ".join(k.value for k in SourceKind)
            msg = f"{SOURCE_KINDS.name}: {domain} has the kind {kind!r}; expected {expected}"
            raise ValueError(msg) from None
    denied = _read_sites(DENIED, "reason")
    both = sorted(set(kinds) & set(denied))
    if both:
        msg = f"sites both classified and denied: {', '.join(both)}"
        raise ValueError(msg)
    return kinds, denied


#: What a source's address may not hold: white space, controls and backslashes, which
#: browsers and urllib read differently (``https://a.example\@time.com/`` opens a.example).
_UNSAFE_URL = re.compile(r"[\s\x00-\x1f\x7f\\]")


def host_of(url: str) -> str:
    """
    Return the host name of the http(s) address *url*, lowercased, without a trailing dot.

    Raises:
        ValueError: *url* is not an http or https address with a host, or holds white
            space, a control character or a backslash, or a malformed port.
    """
    if _UNSAFE_URL.search(url):
        msg = f"source {url!r} holds white space, a control character or a backslash"
        raise ValueError(msg)
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        msg = f"source {url!r} is not a valid address: {exc}"
        raise ValueError(msg) from None
    if parts.scheme not in ("http", "https"):
        msg = f"source {url!r} is not an http or https address"
        raise ValueError(msg)
    host = (parts.hostname or "").rstrip(".").lower()
    if not host or "" in host.split("."):
        msg = f"source {url!r} has no host name"
        raise ValueError(msg)
    return host


def _lookup(host: str, table: dict[str, _V]) -> _V | None:
    """Return *table*'s entry for *host* or its nearest parent domain, else ``None``."""
    labels = site_key(host).split(".")
    for start in range(len(labels) - 1):
        found = table.get(".".join(labels[start:]))
        if found is not None:
            return found
    return None


def classify(url: str) -> SourceKind:
    """
    Return the kind of the site *url* is on.

    Raises:
        ValueError: *url* is not a plain http(s) address with a host (see :func:`host_of`),
            is on a bare IP address or a denied site, or its site has no class in the table.
    """
    host = host_of(url)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        msg = f"source {url!r} is on a bare IP address: cite the site's own address"
        raise ValueError(msg)
    kinds, denied = site_tables()
    reason = _lookup(host, denied)
    if reason is not None:
        msg = f"source {url!r} is on a denied site ({reason})"
        raise ValueError(msg)
    kind = _lookup(host, kinds)
    if kind is None:
        msg = f"source {url!r}: the site {site_key(host)!r} has no class in {SOURCE_KINDS.name}"
        raise ValueError(msg)
    return kind


def _route(text: str) -> tuple[Country, ...]:
    return tuple(
        defectors.normalize_country(part.strip()) for part in text.split(";") if part.strip()
    )


def split_name(text: str) -> tuple[str, tuple[str, ...]]:
    """
    Return the name and the other names of a ``Name (Other Name)`` text.

    String methods, not a regular expression: the time is linear in the length of *text*
    whatever it holds (a lazy pattern backtracked quadratically on a run of spaces).
    """
    stripped = text.strip()
    opening = stripped.rfind("(")
    if stripped.endswith(")") and opening > 0:
        name, aka = stripped[:opening], stripped[opening + 1 : -1]
        if name[-1].isspace() and aka.strip() and ")" not in aka:
            return name.rstrip(), (aka.strip(),)
    return stripped, ()


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


def to_record(row: dict[str, str], line: int, *, provenance: Provenance) -> Defector:
    """Return the record for one TSV row, or raise :class:`RowError` naming the line."""
    cells = {k: (row.get(k) or "").strip() for k in (*COLUMNS, *OPTIONAL_COLUMNS)}
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
            route=_route(cells["route"]),
            summary=cells["summary"],
            confidence=Confidence(cells["confidence"]) if cells["confidence"] else None,
            sources=[Source(url=url, kind=classify(url)) for url in urls],
            wikipedia=canonical_wikipedia(cells["wikipedia"]) if cells["wikipedia"] else None,
            provenance=provenance,
        )
    except (ValueError, TypeError, LookupError) as exc:
        raise RowError(line, cells["name"], str(exc)) from exc


def read_tsv(
    path: Path, seen: dict[str, str] | None = None, *, provenance: Provenance
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
            record = to_record(row, line, provenance=provenance)
            if record.id in seen:
                msg = f"id {record.id!r} is already used on {seen[record.id]}"
                raise RowError(line, row.get("name", ""), msg)
            seen[record.id] = f"line {line} of {path.name}"
            records.append(record)
    return records


def refresh(records: Iterable[Defector], links: dict[str, str]) -> list[Defector]:
    """
    Return *records* with their sources classified, links set and sectors derived again.

    Every source gets its kind from the table of sites, each record of *links* its
    confirmed article, and every record the sectors of its profession (so a change of the
    sector rules reaches every record).

    Raises:
        ValueError: A source cannot be classified (see :func:`classify`), a link names no
            record, or it differs from the article a record already carries.
    """
    out: list[Defector] = []
    unused = dict(links)
    for record in records:
        link = unused.pop(record.id, None)
        if link is not None and record.wikipedia not in (None, link):
            msg = f"{record.id}: wikipedia {record.wikipedia!r} differs from the table's {link!r}"
            raise ValueError(msg)
        try:
            sources = [attrs.evolve(s, kind=classify(s.url)) for s in record.sources]
        except ValueError as exc:
            msg = f"{record.id}: {exc}"
            raise ValueError(msg) from exc
        out.append(
            attrs.evolve(
                record,
                sectors=defectors.sectors_for(record.profession),
                sources=sources,
                wikipedia=record.wikipedia or link,
            )
        )
    if unused:
        msg = f"the table of links names no record with the id(s) {', '.join(sorted(unused))}"
        raise ValueError(msg)
    return out


def read_links(path: Path) -> dict[str, str]:
    """
    Return the ``id`` to ``url`` table of confirmed Wikipedia articles in *path*.

    Each address is given in its canonical form.

    Raises:
        ValueError: A row lacks a cell, repeats an id, or its address is not an English
            Wikipedia article's (naming the file and line).
    """
    links: dict[str, str] = {}
    for line, (record_id, url) in _rows(path, "id", "url"):
        if record_id in links:
            msg = f"{path.name} line {line}: the id {record_id} is listed twice"
            raise ValueError(msg)
        try:
            links[record_id] = canonical_wikipedia(url)
        except ValueError as exc:
            msg = f"{path.name} line {line}: {exc}"
            raise ValueError(msg) from None
    return links


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
    parser.add_argument("tsv", type=Path, nargs="*")
    parser.add_argument("--data", type=Path, default=DATA, help="the JSON data file to update")
    parser.add_argument("--released-ids", type=Path, default=RELEASED_IDS)
    parser.add_argument("--update", action="store_true", help="replace records of the same id")
    parser.add_argument("--dry-run", action="store_true", help="check, but write nothing")
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="classify every record's sources and apply the table of Wikipedia links",
    )
    parser.add_argument("--links", type=Path, default=WIKIPEDIA_LINKS)
    parser.add_argument(
        "--landed",
        action="store_true",
        help="import every file the shipped records come from, each with its collection "
        "(implies --refresh --update)",
    )
    parser.add_argument(
        "--provenance",
        type=Provenance,
        choices=list(Provenance),
        metavar="{" + ",".join(p.value for p in Provenance) + "}",
        help="the collection the rows of the TSV files named belong to (stored in every "
        "record added); required with TSV files",
    )
    args = parser.parse_args(argv)
    if args.tsv and args.provenance is None:
        parser.error("--provenance is required with TSV files")
    files = [(path, args.provenance) for path in args.tsv]
    if args.landed:
        files = [*LANDED, *files]
        args.refresh = args.update = True
    if not files and not args.refresh:
        parser.error("give at least one TSV file, --landed or --refresh")
    try:
        existing = list(defectors.load(args.data))
        seen: dict[str, str] = {}  # ids read so far, across every file of this run
        new = [r for path, coll in files for r in read_tsv(path, seen, provenance=coll)]
        merged, added = merge(existing, new, update=args.update)
        if args.refresh:
            merged = refresh(merged, read_links(args.links))
    except (ValueError, OSError) as exc:
        print(f"import_tsv: {exc}", file=sys.stderr)
        return 1
    dataset = Dataset(merged)
    if not args.dry_run:
        try:
            write_all(dataset, args.data, args.released_ids, added)
        except (ValueError, OSError) as exc:
            print(f"import_tsv: nothing was changed: {exc}", file=sys.stderr)
            return 1
    print(f"{len(new)} rows read, {len(added)} records added, {len(dataset)} in all")
    return 0


def _temporary(target: Path, data: bytes) -> Path:
    """
    Write *data* to a new file beside *target*, flushed to disk; return its path.

    The file gets the permissions a file created the usual way would (0o666 less the
    umask), not the owner-only ones of a temporary file: package data must be readable.
    """
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    path = Path(handle.name)
    try:
        umask = os.umask(0)
        os.umask(umask)
        path.chmod(0o666 & ~umask)
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def write_all(dataset: Dataset, data: Path, released_ids: Path, added: Sequence[str]) -> None:
    """
    Replace the JSON data file, its CSV, its packed copy and the released-id list together.

    The packed copy (``records.json``) is what :func:`defectors.load` reads. Either every
    file is replaced or none is.

    Each is written to a temporary file beside it; the whole set is checked (the JSON loads
    back to *dataset*, the CSV is its CSV, the id list is the old one plus *added*) before
    any is moved into place with :func:`os.replace`, so a full disk or a crash leaves the
    old files whole. A failure removes the temporary files and raises.
    """
    old_ids = released_ids.read_bytes() if released_ids.exists() else b""
    if old_ids and not old_ids.endswith(b"\n"):
        old_ids += b"\n"
    packed = data.with_name("records.json")
    contents = {
        data: dataset.to_json().encode("utf-8"),
        data.with_suffix(".csv"): dataset.to_csv().encode("utf-8"),
        packed: dumps_packed(dataset).encode("utf-8"),
        released_ids: old_ids + "".join(f"{i}\n" for i in added).encode("utf-8"),
    }
    written: dict[Path, Path] = {}
    try:
        for target, content in contents.items():
            written[target] = _temporary(target, content)
        for target, content in contents.items():
            if written[target].read_bytes() != content:
                msg = f"{target.name}: the temporary copy does not read back as written"
                raise OSError(msg)
        if defectors.load(written[data]) != dataset:
            msg = f"{data.name}: the written file does not load back to the merged records"
            raise ValueError(msg)
        if read_packed(json.loads(contents[packed])) != list(dataset):
            msg = f"{packed.name}: the written file does not read back to the merged records"
            raise ValueError(msg)
        for target, temporary in written.items():
            temporary.replace(target)  # os.replace: atomic on one file system
    finally:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
