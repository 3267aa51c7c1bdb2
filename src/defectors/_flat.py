"""The flat table form of records: one row of strings per record, for CSV and pandas."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

from defectors._model import Country, Defector

__all__ = ["FLAT_COLUMNS", "flat_row", "to_csv"]

_SEP = "; "


def _key(country: Country | None) -> str:
    return "" if country is None else country.key


def _name(country: Country | None) -> str:
    return "" if country is None else country.name


def _birth(record: Defector, part: str) -> Country | None:
    place = record.birthplace
    return None if place is None else getattr(place, part)


def _opt(text: str | None) -> str:
    return "" if text is None else text


#: The columns of the flat table, in order, each with how it is computed from a record.
#: Empty strings stand for missing values; several values in one cell are joined by "; "
#: (source URLs, which may contain semicolons, by a single space).
FLAT_COLUMNS: tuple[tuple[str, Callable[[Defector], str]], ...] = (
    ("id", lambda d: d.id),
    ("name", lambda d: d.name),
    ("also_known_as", lambda d: _SEP.join(d.also_known_as)),
    ("profession", lambda d: _opt(d.profession)),
    ("sectors", lambda d: _SEP.join(s.value for s in d.sectors)),
    ("birthplace", lambda d: "" if d.birthplace is None else _opt(d.birthplace.text)),
    ("birth_country_key", lambda d: _key(_birth(d, "country"))),
    ("birth_country", lambda d: _name(_birth(d, "country"))),
    ("birth_polity_key", lambda d: _key(_birth(d, "polity"))),
    ("birth_polity", lambda d: _name(_birth(d, "polity"))),
    ("year", lambda d: str(d.year)),
    ("date", lambda d: "" if d.date is None else d.date.isoformat()),
    ("origin_key", lambda d: d.origin.key),
    ("origin", lambda d: d.origin.name),
    ("destination_key", lambda d: _key(d.destination)),
    ("destination", lambda d: _name(d.destination)),
    ("defection_place", lambda d: _opt(d.defection_place)),
    ("route_keys", lambda d: _SEP.join(c.key for c in d.route)),
    ("route", lambda d: _SEP.join(c.name for c in d.route)),
    ("outcome", lambda d: d.outcome.value),
    ("summary", lambda d: d.summary),
    ("confidence", lambda d: "" if d.confidence is None else d.confidence.value),
    ("source_urls", lambda d: " ".join(s.url for s in d.sources)),
)


def flat_row(record: Defector) -> dict[str, str]:
    """Return *record* as one flat row: column name to string, in :data:`FLAT_COLUMNS` order."""
    return {name: get(record) for name, get in FLAT_COLUMNS}


def to_csv(records: Iterable[Defector]) -> str:
    """Return *records* as CSV text with a header row and CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[name for name, _ in FLAT_COLUMNS])
    writer.writeheader()
    rows = [flat_row(r) for r in records]
    try:
        writer.writerows(rows)
    except csv.Error:  # Python 3.10's writer cannot write a NUL character at all
        return _rfc4180([[name for name, _ in FLAT_COLUMNS], *(list(r.values()) for r in rows)])
    return out.getvalue()


def _rfc4180(rows: list[list[str]]) -> str:
    """Write *rows* as the csv module (3.11 on) does: quote fields holding , " CR or LF."""
    return "".join(
        ",".join(
            f'"{f.replace(chr(34), chr(34) * 2)}"' if any(c in f for c in ',"\r\n') else f
            for f in row
        )
        + "\r\n"
        for row in rows
    )
