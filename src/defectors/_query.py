"""Filtering, searching, sorting and grouping records: the logic behind Dataset's methods."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import operator
import typing
from collections.abc import Callable, Collection, Hashable, Sequence
from typing import Any, Final, TypeVar

from defectors._eras import Era, eras, get_era, record_era
from defectors._model import (
    Confidence,
    Country,
    Defector,
    Outcome,
    Provenance,
    Sector,
    SourceKind,
)
from defectors._names import name_key, name_keys, similar, words
from defectors._normalize import normalize_country
from defectors._sectors import parse_sector
from defectors._states import check_origin_query, query_keys
from defectors._text import fold
from defectors._types import CountryQuery, Field
from defectors.exceptions import InvalidArgumentError, UnknownDefectorError, quote

__all__ = [
    "FIELDS",
    "CountryQuery",
    "Field",
    "find",
    "fuzzy_search",
    "haystacks",
    "key_of",
    "not_found",
    "order_of",
    "predicates",
    "rank_search",
]

#: The fields :meth:`Dataset.sorted_by`, :meth:`Dataset.count_by` and
#: :meth:`Dataset.group_by` accept, in the order listed.
FIELDS: tuple[Field, ...] = typing.get_args(Field)


def _one_or_many(
    value: object, single: tuple[type, ...], keyword: str, noun: str, takes: str
) -> Collection[object]:
    """
    Return a keyword's value as a collection of the values it gives.

    The value is one of a *single* type, or a non-empty collection (whose items the caller
    checks).

    Raises:
        InvalidArgumentError: *value* is an empty collection ("give at least one *noun*").
        TypeError: *value* is neither (the message says the keyword *takes* ...).
    """
    if isinstance(value, single):
        return (value,)
    if isinstance(value, Collection):
        items = typing.cast("Collection[object]", value)
        if not items:
            msg = f"{keyword}= got an empty collection: give at least one {noun}"
            raise InvalidArgumentError(msg)
        return items
    msg = f"{keyword}= takes {takes} or a collection of those, not {type(value).__name__}"
    raise TypeError(msg)


def _country_keys(value: CountryQuery, keyword: str) -> frozenset[str]:
    items = _one_or_many(value, (str, Country), keyword, "country", "a country name, a Country")
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


def _span(record: Defector) -> tuple[dt.date, dt.date]:
    if record.date is not None:
        return record.date, record.date
    return dt.date(record.year, 1, 1), dt.date(record.year, 12, 31)


def _bound(value: object, keyword: str, kind: type[int | dt.date]) -> object:
    """Check one end of a range: a year (int) or a day (date), or ``None`` for open."""
    if value is None:
        return None
    ok = type(value) is int if kind is int else type(value) is dt.date
    if not ok:
        expected = "an int year" if kind is int else "a datetime.date"
        msg = f"{keyword} must be {expected} or None, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _pair_error(keyword: str, kind: type[int | dt.date], value: object) -> TypeError:
    what = "ints" if kind is int else "dates"
    msg = f"{keyword}= takes a (start, end) pair of {what} or None, not {quote(value)}"
    return TypeError(msg)


def _range(value: object, keyword: str, kind: type[int | dt.date]) -> tuple[Any, Any]:
    """Check a ``(start, end)`` pair whose ends may be ``None`` (open)."""
    if not isinstance(value, tuple):
        raise _pair_error(keyword, kind, value)
    pair = typing.cast("tuple[object, ...]", value)
    if len(pair) != 2:  # noqa: PLR2004 - a pair
        raise _pair_error(keyword, kind, pair)
    start = _bound(pair[0], f"{keyword}[0]", kind)
    end = _bound(pair[1], f"{keyword}[1]", kind)
    if start is not None and end is not None and start > end:  # type: ignore[operator]
        msg = f"{keyword}=({start}, {end}) is reversed: the start must not be after the end"
        raise InvalidArgumentError(msg)
    return start, end


_E = TypeVar("_E", bound=enum.Enum)


def _members(value: object, kind: type[_E], keyword: str) -> frozenset[_E]:
    """Read an enum keyword: a member, its value, or a non-empty collection of those."""
    items = _one_or_many(value, (kind, str), keyword, "value", f"a {kind.__name__}, its value")
    found: set[_E] = set()
    for item in items:
        if isinstance(item, kind):
            found.add(item)
            continue
        if not isinstance(item, str):
            msg = f"{keyword}= items must be {kind.__name__} or str, not {type(item).__name__}"
            raise TypeError(msg)
        text = item.strip().lower().replace("_", "-")
        member = next((m for m in kind if m.value == text), None)
        if member is None:
            expected = ", ".join(repr(m.value) for m in kind)
            msg = f"unknown {keyword} {quote(item)}: expected {expected}"
            raise InvalidArgumentError(msg)
        found.add(member)
    return frozenset(found)


def _sectors(value: Sector | str | Collection[Sector | str]) -> frozenset[Sector]:
    items = _one_or_many(value, (Sector, str), "sector", "sector", "a Sector, its name")
    return frozenset(parse_sector(typing.cast("Sector | str", v)) for v in items)


def predicates(  # noqa: C901, PLR0912 - one clause a keyword reads best as one function
    *,
    origin: CountryQuery | None = None,
    born_in: CountryQuery | None = None,
    destination: CountryQuery | None = None,
    year: int | None = None,
    years: tuple[int | None, int | None] | None = None,
    between: tuple[dt.date | None, dt.date | None] | None = None,
    era: str | Era | None = None,
    sector: Sector | str | Collection[Sector | str] | None = None,
    profession: str | None = None,
    outcome: Outcome | str | Collection[Outcome | str] | None = None,
    confidence: Confidence | str | Collection[Confidence | str] | None = None,
    provenance: Provenance | str | Collection[Provenance | str] | None = None,
    source_kind: SourceKind | str | Collection[SourceKind | str] | None = None,
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
        first, last = _range(years, "years", int)
        low = -1 if first is None else first
        high = 10_000 if last is None else last
        tests.append(lambda r: low <= r.year <= high)
    if between is not None:
        since, until = _range(between, "between", dt.date)
        start = dt.date.min if since is None else since
        end = dt.date.max if until is None else until
        tests.append(lambda r: start <= _span(r)[0] and _span(r)[1] <= end)
    if era is not None:
        found = get_era(era)
        tests.append(lambda r: record_era(r, found.scheme) == found)
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
        results = _members(outcome, Outcome, "outcome")
        tests.append(lambda r: r.outcome in results)
    if confidence is not None:
        grades = _members(confidence, Confidence, "confidence")
        tests.append(lambda r: r.confidence in grades)
    if provenance is not None:
        collections = _members(provenance, Provenance, "provenance")
        tests.append(lambda r: r.provenance in collections)
    if source_kind is not None:
        kinds = _members(source_kind, SourceKind, "source_kind")
        tests.append(lambda r: any(s.kind in kinds for s in r.sources))
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
    words = _words(text)
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


def fuzzy_search(
    records: Sequence[Defector], index: Sequence[tuple[str, str]], text: str
) -> list[Defector]:
    """
    Return the records whose names hold a word like each word of *text*, closest first.

    Words are split at anything but letters and digits, and compared by their
    :func:`~defectors._names.name_key` (transliteration and spelling differences removed)
    and then by similarity, so ``"Nuriev"``, ``"Noureev"`` and ``"Нуреев"`` find Rudolf
    Nureyev. Only names and other names are searched. Records rank by the summed similarity
    of their best-matching words, ties in this dataset's order.
    """
    query = [name_key(w) for w in dict.fromkeys(words(" ".join(_words(text))))]
    if not query:
        return []  # punctuation only: like plain search, nothing holds it
    scored: list[tuple[float, int, Defector]] = []
    for position, (record, (names, _)) in enumerate(zip(records, index, strict=True)):
        keys = name_keys(names)
        total = 0.0
        for word in query:
            best = max((similar(word, key) for key in keys), default=0.0)
            if not best:
                break
            total += best
        else:
            scored.append((-total, position, record))
    scored.sort(key=operator.itemgetter(0, 1))
    return [record for _, _, record in scored]


def _words(text: object) -> list[str]:
    """Return the distinct folded words of a search text, or raise."""
    if not isinstance(text, str):
        msg = f"search text must be a str, not {type(text).__name__}"
        raise TypeError(msg)
    words = list(dict.fromkeys(fold(text).split()))  # a repeated word is tested once
    if not words:
        msg = f"search text {quote(text)} is empty: give at least one word"
        raise InvalidArgumentError(msg)
    return words


def find(
    records: Sequence[Defector], index: Sequence[tuple[str, str]], key: str
) -> Defector | None:
    """
    Return the first record whose name or other name is *key*, else whose folded one is.

    An exact match wins over an earlier record that matches only once folded (``"Jan
    Novak"`` finds Jan Novak, not an earlier Jan Novák). *index* holds each record's
    :func:`haystacks`, in the same order, so no name is folded again: a substring test rules
    out most records before their names are compared.
    (Ids are Dataset.get's business.)
    """
    if not isinstance(key, str):
        msg = f"key must be an id or a name (str), not {type(key).__name__}"
        raise TypeError(msg)
    for record in records:
        if key == record.name or key in record.also_known_as:
            return record
    folded = fold(key)
    if not folded:
        return None
    for record, (names, _) in zip(records, index, strict=True):
        if folded in names and folded in names.split(_NAME_SEPARATOR):
            return record
    return None


def not_found(
    records: Sequence[Defector], index: Sequence[tuple[str, str]], key: str
) -> UnknownDefectorError:
    """
    Return the error for a failed lookup, with up to three close names.

    Names close to the whole key come first; failing those, the names of the records a fuzzy
    search for the key finds (a surname, or another spelling). *index* holds each record's
    :func:`haystacks`, in the same order.
    """
    names = {fold(n): n for r in records for n in (r.name, *r.also_known_as)}
    folded = fold(key)
    longest = max(map(len, names), default=0)
    # A key far longer than every name cannot be close to one (and difflib's cost grows
    # with its length), so it gets no suggestions.
    if len(folded) > 2 * longest:
        return UnknownDefectorError(key)
    close = [names[c] for c in difflib.get_close_matches(folded, list(names), n=3, cutoff=0.6)]
    if not close and folded:  # a surname, or another spelling: the names holding like words
        close = list(dict.fromkeys(r.name for r in fuzzy_search(records, index, folded)))[:3]
    return UnknownDefectorError(key, close)


def _check_field(field: object) -> Field:
    if field not in FIELDS:
        msg = f"unknown field {quote(field)}: expected one of {', '.join(FIELDS)}"
        raise InvalidArgumentError(msg)
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
    "year": operator.attrgetter("year"),
    "provenance": operator.attrgetter("provenance"),
}


def key_of(field: str, scheme: str = "soviet-leaders") -> Callable[[Defector], Hashable] | None:
    """
    Return the function giving a record's key for *field*, or ``None`` for ``"sector"``.

    A record has one key for every field but ``"sector"``: its sectors, or ``None`` when
    it has none. For ``"era"`` the key is :func:`~defectors.record_era` in *scheme*.

    Raises:
        ValueError: *field* is not one of :data:`FIELDS`.
        UnknownEraError: *scheme* is not a known scheme.
    """
    checked = _check_field(field)
    eras(scheme)  # an unknown scheme raises, whatever the field
    if checked == "sector":
        return None
    if checked == "era":
        return lambda r: record_era(r, scheme)
    return _SINGLE[checked]


def order_of(key: Hashable) -> tuple[int, object]:
    """Sort key for group keys: countries by name, eras by start, enums in order, None last."""
    if key is None:
        return (1, 0)
    if isinstance(key, Country):
        return (0, fold(key.name))
    if isinstance(key, Era):
        return (0, key.start)
    if isinstance(key, (Sector, Provenance)):
        return (0, list(type(key)).index(key))
    return (0, key)
