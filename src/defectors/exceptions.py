"""
Exceptions raised by :mod:`defectors`.

Every error the package raises on purpose derives from :class:`DefectorsError`, and each
specific error also derives from the builtin exception a caller would naturally catch, so
``except LookupError`` and ``except ValueError`` work as expected.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from defectors._eras import Era

__all__ = [
    "AmbiguousEraError",
    "AmbiguousStateError",
    "CountryQueryError",
    "DatasetError",
    "DefectorsError",
    "PeriodParseError",
    "UnknownCountryError",
    "UnknownDefectorError",
    "UnknownEraError",
    "UnknownSectorError",
]

_QUOTE_LIMIT = 60


def quote(value: object, limit: int = _QUOTE_LIMIT) -> str:
    """
    Return ``repr(value)`` cut short to about *limit* characters, for error messages.

    Args:
        value: Whatever the caller passed in.
        limit: The longest representation to keep whole.

    Returns:
        The representation, with ``...`` and the original length where it was cut.
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    length = len(value) if isinstance(value, (str, bytes)) else len(text)
    return f"{text[:limit]}... ({length} characters)"


def _suggest(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"


class DefectorsError(Exception):
    """
    Base class of every error raised on purpose by :mod:`defectors`.

    .. versionadded:: 0.1.0
    """


class DatasetError(DefectorsError, ValueError):
    """
    A data file or a collection of records is malformed.

    The message names the record (its index and, where known, its id) and the field.

    Attributes:
        index: Position of the offending record, or ``None`` when the whole file is at fault.
        record_id: The offending record's id, where it has one.
        field: Name of the offending field, where one is at fault.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        message: str,
        *,
        index: int | None = None,
        record_id: str | None = None,
        field: str | None = None,
    ) -> None:
        self.index = index
        self.record_id = record_id
        self.field = field
        where: list[str] = []
        if index is not None:
            where.append(f"record {index}")
        if record_id is not None:
            where.append(f"(id {quote(record_id)})")
        if field is not None:
            where.append(f"field {field!r}")
        prefix = " ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class UnknownCountryError(DefectorsError, LookupError):
    """
    A text or key names no country or polity that :mod:`defectors` knows.

    Attributes:
        query: The text that was looked up.
        suggestions: Up to three close names, best first.
        by_key: Whether *query* was looked up as an exact key (by :func:`defectors.get_country`
            and in data files) rather than as a name.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self, query: str, suggestions: Sequence[str] = (), *, by_key: bool = False
    ) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        self.by_key = by_key
        if by_key:
            message = (
                f"unknown country key {quote(query)}: expected a key such as 'POL', 'SUHH' "
                "or 'russian-empire' (normalize_country(name).key gives the key of a name)"
            )
        else:
            message = (
                f"unknown country or polity {quote(query)}: expected a country name, "
                f"an ISO 3166 code or a historical state's name"
            )
        super().__init__(message + _suggest(self.suggestions))


class UnknownDefectorError(DefectorsError, LookupError):
    """
    No record has the given id, name or other name.

    Attributes:
        query: The key that was looked up.
        suggestions: Up to three close names, best first.

    .. versionadded:: 0.1.0
    """

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        super().__init__(f"no defector with id or name {quote(query)}{_suggest(self.suggestions)}")


class UnknownEraError(DefectorsError, LookupError):
    """
    An era name, scheme or date is not known, or lies outside every era.

    .. versionadded:: 0.1.0
    """


class AmbiguousEraError(DefectorsError, LookupError):
    """
    A date or period overlaps more than one era of a scheme.

    Attributes:
        candidates: The eras it overlaps, in order.

    .. versionadded:: 0.1.0
    """

    def __init__(self, message: str, candidates: Sequence[Era]) -> None:
        self.candidates: tuple[Era, ...] = tuple(candidates)
        super().__init__(message)


class UnknownSectorError(DefectorsError, ValueError):
    """
    A sector name is not one of :class:`defectors.Sector`'s values.

    .. versionadded:: 0.1.0
    """


class PeriodParseError(DefectorsError, ValueError):
    """
    A text is not a date or period that :func:`defectors.parse_period` understands.

    Attributes:
        text: The text that failed to parse.

    .. versionadded:: 0.1.0
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        super().__init__(f"cannot parse {quote(text)} as a date or period: {reason}")


# --- Countries: state_of() and country queries ------------------------------
# Each takes its message first and everything else by keyword with a default, and passes only
# the message to Exception: BaseException.__reduce__ rebuilds it from ``args`` (the message)
# and then restores the attributes from ``__dict__``, so both survive pickling.


class AmbiguousStateError(DefectorsError, LookupError):
    """
    No single state held a territory in the year asked (see :func:`defectors.state_of`).

    Either the territory was split between states, or the state holding it changed during
    the year (``candidates`` names them), or the package's table does not say (``candidates``
    is empty).

    Attributes:
        candidates: The states that held all or part of it that year, sorted by name.
        country: The territory asked about, where known.
        year: The year asked about, where known.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        message: str,
        candidates: Sequence[object] = (),
        *,
        country: object = None,
        year: int | None = None,
    ) -> None:
        self.candidates = tuple(candidates)
        self.country = country
        self.year = year
        super().__init__(message)


class CountryQueryError(DefectorsError, ValueError):
    """
    A country keyword of :meth:`defectors.Dataset.filter` can match no record by the data's rules.

    A record's origin is always one of the eight Eastern Bloc states, so ``origin="Russia"``
    could only ever return nothing; the message names the state meant (the Soviet Union).

    Attributes:
        keyword: The keyword (``"origin"``).
        country: The country given, where known.
        meant: The states the keyword does accept that the user probably means.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        message: str,
        *,
        keyword: str | None = None,
        country: object = None,
        meant: Sequence[object] = (),
    ) -> None:
        self.keyword = keyword
        self.country = country
        self.meant = tuple(meant)
        super().__init__(message)
