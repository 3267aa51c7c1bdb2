"""
Reading records from JSON-ready data: the strict scalar rules, and a fast path for records.

The converter (:mod:`defectors._converter`) registers the scalar functions here as its hooks.
:func:`structure_defector` is a hand-written equivalent of ``converter.structure(row,
Defector)``: it accepts exactly the rows the converter accepts and returns equal records, a
property the test suite checks with Hypothesis. It exists because the converter's generated
hooks cost more to build than the whole bundled dataset costs to read this way. It does not
explain failures: :func:`defectors.load` hands a row it rejects to the converter, whose
detailed errors name the field.

:func:`read_packed` reads the package's own data, from the packed copy ``data/records.json``,
without any check (the test suite checks it against the checked build of ``defectors.json``).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar, cast

import attrs

from defectors._countries import country_table, get_country
from defectors._model import (
    Confidence,
    Country,
    Defector,
    Outcome,
    Place,
    Provenance,
    Sector,
    Source,
    SourceKind,
)
from defectors.exceptions import quote

__all__ = [
    "check_array",
    "check_object",
    "structure_bool",
    "structure_country",
    "structure_date",
    "structure_defector",
    "structure_enum",
    "structure_int",
    "structure_str",
]

_E = TypeVar("_E", bound=enum.Enum)

#: The only date form data files use: ``YYYY-MM-DD`` (``date.fromisoformat`` also takes
#: ``YYYYMMDD`` and week dates from Python 3.11 on, which would make files read differently).
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)

#: The keys a record, a place and a source may have: their attrs fields' names.
_DEFECTOR_FIELDS: Final = frozenset(a.name for a in attrs.fields(Defector))
_PLACE_FIELDS: Final = frozenset(a.name for a in attrs.fields(Place))
_SOURCE_FIELDS: Final = frozenset(a.name for a in attrs.fields(Source))


def structure_str(value: object, _type: object = str) -> str:
    """Return *value* if it is a string; a number or anything else is an error."""
    if not isinstance(value, str):
        msg = f"expected a string, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def structure_int(value: object, _type: object = int) -> int:
    """Return *value* if it is an int (not a bool, a float or a numeric string)."""
    if type(value) is not int:
        msg = f"expected an integer, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def structure_bool(value: object, _type: object = bool) -> bool:
    """Return *value* if it is ``True`` or ``False``."""
    if not isinstance(value, bool):
        msg = f"expected true or false, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def structure_date(value: object, _type: object = dt.date) -> dt.date:
    """Return the day an ISO 8601 ``YYYY-MM-DD`` string names."""
    if not isinstance(value, str):
        msg = f"expected an ISO 8601 date string (YYYY-MM-DD), not {type(value).__name__}"
        raise TypeError(msg)
    try:
        if _ISO_DATE.fullmatch(value) is None:
            raise ValueError  # noqa: TRY301 - one message for every malformed date
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"expected an ISO 8601 date (YYYY-MM-DD), not {quote(value)}"
        raise ValueError(msg) from None


def structure_country(value: object, _type: object = Country) -> Country:
    """Return the country or polity of the package's table whose key is *value*."""
    if not isinstance(value, str):
        msg = f"expected a country key string, not {type(value).__name__}"
        raise TypeError(msg)
    return get_country(value)


def structure_enum(value: object, type_: type[_E]) -> _E:
    """Return the member of the enum *type_* whose value is *value*."""
    if type(value) is str:  # the common case, a dict lookup without Enum's machinery
        member = type_._value2member_map_.get(value)
        if member is not None:
            return cast("_E", member)
    try:
        return type_(value)
    except (ValueError, TypeError):
        expected = ", ".join(repr(m.value) for m in type_)
        msg = f"expected one of {expected}, not {quote(value)}"
        raise ValueError(msg) from None


def check_array(value: object) -> list[Any] | tuple[Any, ...]:
    """Return *value* if it is a JSON array (a list, or a tuple from Python code)."""
    if not isinstance(value, (list, tuple)):
        msg = f"expected a JSON array, not {type(value).__name__}"
        raise TypeError(msg)
    return value  # pyright: ignore[reportUnknownVariableType] - items are checked one by one


def check_object(value: object) -> Mapping[str, Any]:
    """Return *value* if it is a JSON object (a mapping)."""
    if not isinstance(value, Mapping):
        msg = f"expected a JSON object, not {type(value).__name__}"
        raise TypeError(msg)
    return value  # pyright: ignore[reportUnknownVariableType] - keys are checked by the caller


def _fields(value: object, allowed: frozenset[str]) -> Mapping[str, Any]:
    # A dict (what JSON gives) skips the slower check for any other mapping.
    obj = cast("Mapping[str, Any]", value) if type(value) is dict else check_object(value)
    if not allowed.issuperset(obj):
        msg = "unknown field(s)"
        raise ValueError(msg)
    return obj


def _optional_str(value: object) -> str | None:
    return None if value is None else structure_str(value)


def _optional_country(value: object) -> Country | None:
    return None if value is None else structure_country(value)


_R = TypeVar("_R")


def _checked(cls: type[_R], fields: dict[str, Any]) -> _R:
    """Build a record through its constructor: converters and validators run."""
    return cls(**fields)


def _place(value: Any) -> Place | None:  # noqa: ANN401 - a JSON value
    if value is None:
        return None
    obj = _fields(value, _PLACE_FIELDS)
    get = obj.get
    fields = {
        "text": _optional_str(get("text")),
        "country": _optional_country(get("country")),
        "polity": _optional_country(get("polity")),
    }
    if fields["text"] is None and fields["country"] is None and fields["polity"] is None:
        return None  # as Defector's converter stores a place that says nothing
    return _checked(Place, fields)


def _source(value: Any) -> Source:  # noqa: ANN401 - a JSON value
    obj = _fields(value, _SOURCE_FIELDS)
    get = obj.get
    retrieved = get("retrieved")
    kind = get("kind")
    fields = {
        "url": structure_str(obj["url"]),
        "title": _optional_str(get("title")),
        "revision": _optional_str(get("revision")),
        "retrieved": None if retrieved is None else structure_date(retrieved),
        "kind": None if kind is None else structure_enum(kind, SourceKind),
    }
    return _checked(Source, fields)


def structure_defector(row: Mapping[str, Any]) -> Defector:
    """
    Return the record *row* describes, exactly as the converter would, or raise.

    Raises:
        TypeError: A value has the wrong type.
        ValueError: A value is malformed, or *row* has a field :class:`Defector` lacks.
        LookupError: A country key or a required field is missing.
    """
    _fields(row, _DEFECTOR_FIELDS)
    get = row.get
    date = get("date")
    confidence = get("confidence")
    provenance = get("provenance")
    fields = {
        "id": structure_str(row["id"]),
        "name": structure_str(row["name"]),
        "also_known_as": tuple(structure_str(v) for v in check_array(row["also_known_as"]))
        if "also_known_as" in row
        else (),
        "profession": _optional_str(get("profession")),
        "sectors": tuple(structure_enum(v, Sector) for v in check_array(row["sectors"]))
        if "sectors" in row
        else (),
        "birthplace": _place(get("birthplace")),
        "year": structure_int(row["year"]),
        "date": None if date is None else structure_date(date),
        "origin": structure_country(row["origin"]),
        "destination": _optional_country(get("destination")),
        "defection_place": _optional_str(get("defection_place")),
        "route": tuple(structure_country(v) for v in check_array(row["route"]))
        if "route" in row
        else (),
        "outcome": structure_enum(row["outcome"], Outcome)
        if "outcome" in row
        else Outcome.DEFECTED,
        "summary": structure_str(row["summary"]),
        "confidence": None if confidence is None else structure_enum(confidence, Confidence),
        "sources": tuple(_source(v) for v in check_array(row["sources"])),
        "wikipedia": _optional_str(get("wikipedia")),
        "provenance": None if provenance is None else structure_enum(provenance, Provenance),
    }
    return _checked(Defector, fields)


def _slot_setters(cls: type[Any], *names: str) -> tuple[Callable[[object, object], None], ...]:
    """Return the setters of the slots *names* of *cls*, which must be all its fields, in order."""
    fields = tuple(a.name for a in attrs.fields(cls))
    if names != fields:  # pragma: no cover - a field added to a record type and not here
        msg = f"the packed reader sets {names} of {cls.__name__}, whose fields are {fields}"
        raise RuntimeError(msg)
    return tuple(getattr(cls, name).__set__ for name in names)


(
    _set_id,
    _set_name,
    _set_also_known_as,
    _set_profession,
    _set_sectors,
    _set_birthplace,
    _set_year,
    _set_date,
    _set_origin,
    _set_destination,
    _set_defection_place,
    _set_route,
    _set_outcome,
    _set_summary,
    _set_confidence,
    _set_sources,
    _set_wikipedia,
    _set_provenance,
) = _slot_setters(
    Defector,
    "id",
    "name",
    "also_known_as",
    "profession",
    "sectors",
    "birthplace",
    "year",
    "date",
    "origin",
    "destination",
    "defection_place",
    "route",
    "outcome",
    "summary",
    "confidence",
    "sources",
    "wikipedia",
    "provenance",
)
_set_text, _set_country, _set_polity = _slot_setters(Place, "text", "country", "polity")
_set_url, _set_title, _set_revision, _set_retrieved, _set_kind = _slot_setters(
    Source, "url", "title", "revision", "retrieved", "kind"
)
_SECTORS: Final = cast("Mapping[str, Sector]", Sector._value2member_map_)
_OUTCOMES: Final = cast("Mapping[str, Outcome]", Outcome._value2member_map_)
_CONFIDENCES: Final = cast("Mapping[str, Confidence]", Confidence._value2member_map_)
_PROVENANCES: Final = cast("Mapping[str, Provenance]", Provenance._value2member_map_)
_SOURCE_KINDS: Final = cast("Mapping[str, SourceKind]", SourceKind._value2member_map_)


#: The layout of the package's packed data file (``data/records.json``): every record is an
#: array of its fields' JSON values in this order, its birthplace an array of text, country
#: key and polity key (or null), each source an array of url, title, revision, retrieved and
#: kind. The file names the layout it was written in, and :func:`read_packed` checks it.
PACKED_LAYOUT: Final = {
    "record": [a.name for a in attrs.fields(Defector)],
    "birthplace": [a.name for a in attrs.fields(Place)],
    "source": [a.name for a in attrs.fields(Source)],
}


def pack(row: Mapping[str, Any]) -> list[Any]:
    """Return the packed array of a canonical JSON row (:meth:`Dataset.to_json`)."""
    place = row["birthplace"]
    packed: dict[str, Any] = dict(row)
    packed["birthplace"] = (
        None if place is None else [place[name] for name in PACKED_LAYOUT["birthplace"]]
    )
    packed["sources"] = [[s[name] for name in PACKED_LAYOUT["source"]] for s in row["sources"]]
    return [packed[name] for name in PACKED_LAYOUT["record"]]


def read_packed(data: Mapping[str, Any]) -> list[Defector]:
    """
    Build the records of the package's packed data file, without any check.

    The packed file holds the records of ``data/defectors.json`` as arrays (see
    :data:`PACKED_LAYOUT`): half the text to parse, and each value read by position straight
    into its record's slot, which the cold start pays on every run. The test suite checks
    that the records equal the checked build of ``defectors.json``, record by record.

    Raises:
        ValueError: The file was written in another layout than this version reads.
    """
    if data.get("layout") != PACKED_LAYOUT:
        msg = "the package's records.json was written for another version of defectors"
        raise ValueError(msg)
    new = object.__new__
    table = country_table()
    fromisoformat = dt.date.fromisoformat
    records: list[Defector] = []
    append = records.append
    for (
        id_,
        name,
        also_known_as,
        profession,
        sectors,
        birthplace,
        year,
        date,
        origin,
        destination,
        defection_place,
        route,
        outcome,
        summary,
        confidence,
        packed_sources,
        wikipedia,
        provenance,
    ) in data["records"]:
        place: Place | None = None
        if birthplace is not None:
            text, country, polity = birthplace
            place = new(Place)
            _set_text(place, text)
            _set_country(place, None if country is None else table[country])
            _set_polity(place, None if polity is None else table[polity])
        sources: list[Source] = []
        for url, title, revision, retrieved, kind in packed_sources:
            source = new(Source)
            _set_url(source, url)
            _set_title(source, title)
            _set_revision(source, revision)
            _set_retrieved(source, None if retrieved is None else fromisoformat(retrieved))
            _set_kind(source, None if kind is None else _SOURCE_KINDS[kind])
            sources.append(source)
        record = new(Defector)
        _set_id(record, id_)
        _set_name(record, name)
        _set_also_known_as(record, tuple(also_known_as))
        _set_profession(record, profession)
        _set_sectors(record, tuple([_SECTORS[value] for value in sectors]))
        _set_birthplace(record, place)
        _set_year(record, year)
        _set_date(record, None if date is None else fromisoformat(date))
        _set_origin(record, table[origin])
        _set_destination(record, None if destination is None else table[destination])
        _set_defection_place(record, defection_place)
        _set_route(record, tuple([table[key] for key in route]))
        _set_outcome(record, _OUTCOMES[outcome])
        _set_summary(record, summary)
        _set_confidence(record, None if confidence is None else _CONFIDENCES[confidence])
        _set_sources(record, tuple(sources))
        _set_wikipedia(record, wikipedia)
        _set_provenance(record, None if provenance is None else _PROVENANCES[provenance])
        append(record)
    return records
