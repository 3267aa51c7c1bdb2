"""Filtering, searching, sorting and grouping records: the logic behind Dataset's methods."""

from __future__ import annotations

import datetime as dt
import difflib
import operator
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from typing import Final, Literal, TypeAlias

from defectors._eras import Era, get_era, record_era
from defectors._model import Country, Defector, Outcome, Sector
from defectors._normalize import normalize_country
from defectors._sectors import parse_sector
from defectors._states import check_origin_query, query_keys
from defectors._text import fold
from defectors.exceptions import UnknownDefectorError, quote

__all__ = [
    "FIELDS",
    "CountryQuery",
    "Field",
    "find",
    "haystacks",
    "key_of",
    "not_found",
    "order_of",
    "predicates",
    "rank_search",
]

#: What the country keywords of :meth:`Dataset.filter` accept: a name or code that
#: :func:`defectors.normalize_country` understands, a :class:`Country`, or a collection of those.
CountryQuery: TypeAlias = "str | Country | Collection[str | Country]"

#: The fields :meth:`Dataset.sorted_by`, :meth:`Dataset.count_by` and
#: :meth:`Dataset.group_by` accept.
Field = Literal["origin", "destination", "sector", "decade", "era", "year", "birth_country"]
FIELDS: tuple[Field, ...] = (
    "origin",
    "destination",
    "sector",
    "decade",
    "era",
    "year",
    "birth_country",
)


def _country_keys(value: CountryQuery, keyword: str) -> frozenset[str]:
    items: Iterable[object]
    if isinstance(value, (str, Country)):
        items = (value,)
    elif isinstance(value, Collection):
        items = value
        if not value:
            msg = f"{keyword}= got an empty collection: give at least one country"
            raise ValueError(msg)
    else:
        msg = (
            f"{keyword}= takes a country name, a Country or a collection of those, "
            f"not {type(value).__name__}"
        )
        raise TypeError(msg)
    keys: set[str] = set()
    for item in items:
        if isinstance(item, Country):
            country = item
        elif isinstance(item, str):
            country = normalize_country(item)
        else:
            msg = f"{keyword}= items must be country names or Country, not {type(item).__name__}"
            raise TypeError(msg)
        if keyword == "origin":  # an origin is one of eight states: never a silent nothing
            check_origin_query(country)
        keys |= query_keys(country)  # a state and the earlier states it continues
    return frozenset(keys)


def _year(value: object, keyword: str) -> int:
    if type(value) is not int:
        msg = f"{keyword} must be an int year, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _overlaps(span: tuple[dt.date, dt.date], era: Era) -> bool:
    """Whether the days from ``span[0]`` to ``span[1]`` share at least one with *era*."""
    return span[0] <= era.end and span[1] >= era.start


def _span(record: Defector) -> tuple[dt.date, dt.date]:
    if record.date is not None:
        return record.date, record.date
    return dt.date(record.year, 1, 1), dt.date(record.year, 12, 31)


def _sectors(value: Sector | str | Collection[Sector | str]) -> frozenset[Sector]:
    if isinstance(value, (Sector, str)):
        return frozenset({parse_sector(value)})
    if isinstance(value, Collection):
        if not value:
            msg = "sector= got an empty collection: give at least one sector"
            raise ValueError(msg)
        return frozenset(parse_sector(v) for v in value)
    msg = f"sector= takes a Sector, its name or a collection of those, not {type(value).__name__}"
    raise TypeError(msg)


def _outcome(value: Outcome | str) -> Outcome:
    if isinstance(value, Outcome):
        return value
    if isinstance(value, str):
        for member in Outcome:
            if value.strip().lower() == member.value:
                return member
        msg = f"unknown outcome {quote(value)}: expected 'defected' or 'attempted'"
        raise ValueError(msg)
    msg = f"outcome= takes an Outcome or its name, not {type(value).__name__}"
    raise TypeError(msg)


def predicates(  # noqa: C901 - one clause a keyword reads best as one function
    *,
    origin: CountryQuery | None = None,
    born_in: CountryQuery | None = None,
    destination: CountryQuery | None = None,
    year: int | None = None,
    years: tuple[int, int] | None = None,
    era: str | Era | None = None,
    sector: Sector | str | Collection[Sector | str] | None = None,
    profession: str | None = None,
    outcome: Outcome | str | None = None,
) -> list[Callable[[Defector], bool]]:
    """
    Return one test a keyword for the records the given keywords admit.

    Every keyword is checked before any record is: a bad keyword raises even on an empty
    dataset. A record matches when it passes every test; :meth:`Dataset.filter` applies them
    one after another, each to the records the previous ones kept.
    """
    tests: list[Callable[[Defector], bool]] = []
    if origin is not None:
        origins = _country_keys(origin, "origin")
        tests.append(lambda r: r.origin.key in origins)
    if born_in is not None:
        born = _country_keys(born_in, "born_in")
        tests.append(
            lambda r: (
                r.birthplace is not None
                and any(
                    c is not None and c.key in born
                    for c in (r.birthplace.country, r.birthplace.polity)
                )
            )
        )
    if destination is not None:
        dests = _country_keys(destination, "destination")
        tests.append(lambda r: r.destination is not None and r.destination.key in dests)
    if year is not None:
        exact = _year(year, "year")
        tests.append(lambda r: r.year == exact)
    if years is not None:
        if not isinstance(years, tuple) or len(years) != 2:  # noqa: PLR2004 - a pair
            msg = f"years= takes a (start, end) pair of ints, not {quote(years)}"
            raise TypeError(msg)
        start, end = _year(years[0], "years[0]"), _year(years[1], "years[1]")
        if start > end:
            msg = f"years=({start}, {end}) is reversed: the start must not be after the end"
            raise ValueError(msg)
        tests.append(lambda r: start <= r.year <= end)
    if era is not None:
        found = get_era(era)
        tests.append(lambda r: _overlaps(_span(r), found))
    if sector is not None:
        wanted = _sectors(sector)
        tests.append(lambda r: not wanted.isdisjoint(r.sectors))
    if profession is not None:
        if not isinstance(profession, str):
            msg = f"profession= takes a str, not {type(profession).__name__}"
            raise TypeError(msg)
        needle = fold(profession)
        tests.append(lambda r: r.profession is not None and needle in fold(r.profession))
    if outcome is not None:
        result = _outcome(outcome)
        tests.append(lambda r: r.outcome is result)
    return tests


#: How :func:`haystacks` joins a record's folded texts: a newline, which no search word
#: (split on whitespace) and no folded name can contain, so it never matches itself.
_NAME_SEPARATOR: Final = "\n"


def haystacks(record: Defector) -> tuple[str, str]:
    """Return the folded text :func:`rank_search` looks in: the names, and the rest."""
    names = _NAME_SEPARATOR.join(fold(n) for n in (record.name, *record.also_known_as))
    rest = _NAME_SEPARATOR.join(fold(t) for t in (record.profession or "", record.summary))
    return names, rest


def rank_search(
    records: Sequence[Defector], index: Sequence[tuple[str, str]], text: str
) -> list[Defector]:
    """
    Return the records matching every word of *text*, name matches first.

    *index* holds each record's :func:`haystacks`, in the same order.
    """
    if not isinstance(text, str):
        msg = f"search text must be a str, not {type(text).__name__}"
        raise TypeError(msg)
    words = fold(text).split()
    if not words:
        msg = f"search text {quote(text)} is empty: give at least one word"
        raise ValueError(msg)
    first = words[0]
    in_names: list[Defector] = []
    elsewhere: list[Defector] = []
    for record, (names, rest) in zip(records, index, strict=True):
        # The first word rules out most records at the cost of two substring tests.
        if first not in names and first not in rest:
            continue
        if all(w in names for w in words):
            in_names.append(record)
        elif all(w in names or w in rest for w in words):
            elsewhere.append(record)
    return in_names + elsewhere


def find(
    records: Sequence[Defector], index: Sequence[tuple[str, str]], key: str
) -> Defector | None:
    """
    Return the first record whose folded name or other name equals *key* (ids: Dataset.get).

    *index* holds each record's :func:`haystacks`, in the same order, so no name is folded
    again: a substring test rules out most records before their names are compared.
    """
    if not isinstance(key, str):
        msg = f"key must be an id or a name (str), not {type(key).__name__}"
        raise TypeError(msg)
    folded = fold(key)
    if not folded:
        return None
    for record, (names, _) in zip(records, index, strict=True):
        if folded in names and folded in names.split(_NAME_SEPARATOR):
            return record
    return None


def not_found(records: Sequence[Defector], key: str) -> UnknownDefectorError:
    """Return the error for a failed lookup, with up to three close names."""
    names = {fold(n): n for r in records for n in (r.name, *r.also_known_as)}
    folded = fold(key)
    longest = max(map(len, names), default=0)
    # A key far longer than every name cannot be close to one (and difflib's cost grows
    # with its length), so it gets no suggestions.
    if len(folded) > 2 * longest:
        return UnknownDefectorError(key)
    close = difflib.get_close_matches(folded, list(names), n=3, cutoff=0.6)
    return UnknownDefectorError(key, [names[c] for c in close])


def _check_field(field: object) -> Field:
    if field not in FIELDS:
        msg = f"unknown field {quote(field)}: expected one of {', '.join(FIELDS)}"
        raise ValueError(msg)
    return field


def _birth_country(record: Defector) -> Country | None:
    return None if record.birthplace is None else record.birthplace.country


def _decade(record: Defector) -> int:
    return record.year // 10 * 10


_SINGLE: dict[str, Callable[[Defector], Hashable]] = {
    "origin": operator.attrgetter("origin"),
    "destination": operator.attrgetter("destination"),
    "birth_country": _birth_country,
    "decade": _decade,
    "era": record_era,
    "year": operator.attrgetter("year"),
}


def key_of(field: str) -> Callable[[Defector], Hashable] | None:
    """
    Return the function giving a record's key for *field*, or ``None`` for ``"sector"``.

    A record has one key for every field but ``"sector"``: its sectors, or ``None`` when
    it has none.

    Raises:
        ValueError: *field* is not one of :data:`FIELDS`.
    """
    checked = _check_field(field)
    return None if checked == "sector" else _SINGLE[checked]


def order_of(key: Hashable) -> tuple[int, object]:
    """Sort key for group keys: countries by name, eras by start, None last."""
    if key is None:
        return (1, 0)
    if isinstance(key, Country):
        return (0, fold(key.name))
    if isinstance(key, Era):
        return (0, key.start)
    if isinstance(key, Sector):
        return (0, list(Sector).index(key))
    return (0, key)
