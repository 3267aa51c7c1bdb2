"""
Exceptions raised by :mod:`defectors`.

Every error the package raises on purpose derives from :class:`DefectorsError`, and each
specific error also derives from the builtin exception a caller would naturally catch, so
``except LookupError`` and ``except ValueError`` work as expected.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # annotations only: this module imports nothing of the package at run time
    from defectors._eras import Era

__all__ = [
    "AmbiguousEraError",
    "AmbiguousStateError",
    "CountryQueryError",
    "DatasetError",
    "DefectorsError",
    "InvalidArgumentError",
    "InvalidRecordError",
    "PeriodParseError",
    "UnknownCountryError",
    "UnknownDefectorError",
    "UnknownEraError",
    "UnknownSectorError",
]

_QUOTE_LIMIT = 60
#: The longest message an error keeps whole; the rest is cut, saying how long it was.
MESSAGE_LIMIT = 600


class _Repr(reprlib.Repr):
    """A :class:`reprlib.Repr` that bounds every level, never recursing or expanding deeply."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxstring = 10_000  # strings are cut by quote() itself, with their length
        self.maxother = 80
        self.maxlong = 40

    def repr_int(self, x: int, level: int) -> str:  # noqa: ARG002 - reprlib's signature
        # repr() of an int past sys.get_int_max_str_digits() raises ValueError; its bit length
        # says how large it is without converting it.
        if x.bit_length() > 128:  # noqa: PLR2004 - about 39 digits: beyond any year or index
            return f"<int of {x.bit_length()} bits>"
        return repr(x)


_REPR = _Repr()


def _safe_repr(value: object) -> str:
    """Return a bounded repr of *value*; never raises, whatever *value* is."""
    try:
        if type(value) is str or type(value) is bytes:
            return repr(value)
        return _REPR.repr(value)
    except Exception:  # noqa: BLE001 # pragma: no cover - reprlib already catches a broken __repr__
        return f"<{type(value).__name__} object>"


def quote(value: object, limit: int = _QUOTE_LIMIT) -> str:
    """
    Return a representation of *value* cut short to about *limit* characters, for messages.

    Safe on anything: deeply nested or self-referencing containers, integers too long for
    :func:`repr`, and objects whose ``__repr__`` raises are all described, never re-raised.

    Args:
        value: Whatever the caller passed in.
        limit: The longest representation to keep whole.

    Returns:
        The representation, with ``...`` and the original length where it was cut.
    """
    if isinstance(value, str) and len(value) > 4 * limit:
        # repr() of a long string costs its whole length: cut it first.
        text = repr(value[: 4 * limit])
    else:
        text = _safe_repr(value)
    if len(text) <= limit:
        return text
    length = len(value) if isinstance(value, (str, bytes)) else len(text)
    return f"{text[:limit]}... ({length} characters)"


def _bounded(message: object, limit: int = MESSAGE_LIMIT) -> str:
    """Return *message* as a string of at most about *limit* characters, saying if cut."""
    text = message if isinstance(message, str) else _safe_str(message)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text)} characters)"


def _safe_str(value: object) -> str:
    try:
        return str(value)
    except Exception:  # noqa: BLE001 - a broken __str__ must not hide the error
        return _safe_repr(value)


def _texts(values: object) -> tuple[str, ...]:
    """Return the strings of an iterable of suggestions; anything else gives none."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        return ()
    try:
        items = cast("Iterable[object]", values)
        return tuple(v if isinstance(v, str) else _safe_str(v) for v in items)
    except Exception:  # noqa: BLE001 - suggestions are a courtesy, never a second error
        return ()


def _suggest(suggestions: tuple[str, ...]) -> str:
    if not suggestions:
        return ""
    return "; did you mean " + ", ".join(quote(s) for s in suggestions[:3]) + "?"


def _rebuild(cls: type[BaseException], args: tuple[Any, ...]) -> BaseException:
    """
    Recreate an error of *cls* with *args* without running its ``__init__``.

    Pickle and :mod:`copy` call this (see :meth:`DefectorsError.__reduce__`) and then restore
    the attributes, so an error keeps its type, message and attributes across processes.
    """
    exc = cls.__new__(cls, *args)
    exc.args = args
    return exc


class DefectorsError(Exception):
    """
    Base class of every error raised on purpose by :mod:`defectors`.

    Every error of the package survives :mod:`pickle` and :mod:`copy` with its type, message
    and attributes, so it crosses process boundaries (:mod:`multiprocessing`,
    :class:`concurrent.futures.ProcessPoolExecutor`) intact. Messages are built safely: the
    value at fault is quoted cut short, and a message never exceeds a few hundred characters.

    .. versionadded:: 0.1.0
    """

    def __init__(self, *args: object) -> None:
        if len(args) == 1:
            args = (_bounded(args[0]),)
        super().__init__(*args)

    def _set_message(self, message: str) -> None:
        """Set a message the subclass built from bounded parts, without cutting it again."""
        Exception.__init__(self, message)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the message and attributes only: unpickling does not run ``__init__``."""
        state = self.__dict__ or None
        return (_rebuild, (type(self), self.args), state)


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
            where.append(f"record {quote(index)}")
        if record_id is not None:
            where.append(f"(id {quote(record_id)})")
        if field is not None:
            where.append(f"field {quote(field)}")
        prefix = " ".join(where)
        text = _bounded(message, MESSAGE_LIMIT - len(prefix))
        self._set_message(f"{prefix}: {text}" if prefix else text)


class InvalidRecordError(DefectorsError, ValueError):
    """
    A record's field holds a value of the right type that the record cannot have.

    Raised by the constructors of :class:`~defectors.Defector`, :class:`~defectors.Place`,
    :class:`~defectors.Source` and :class:`~defectors.Country` (and so by
    :func:`attrs.evolve`): a year outside 1917-1991, a malformed id, a blank name, a string
    holding a lone surrogate, a country that is not in the package's table, and so on. A
    value of the wrong type raises :class:`TypeError` instead.

    Attributes:
        field: Name of the offending field.

    .. versionadded:: 0.1.0
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class InvalidArgumentError(DefectorsError, ValueError):
    """
    An argument has the right type but a value the function cannot take.

    Raised, for example, for an unknown ``confidence=``, ``provenance=``, ``outcome=`` or
    ``source_kind=`` of :meth:`~defectors.Dataset.filter`, a reversed range, an empty
    collection, an unknown field of :meth:`~defectors.Dataset.count_by`, an address that is
    no English Wikipedia article (:func:`defectors.canonical_wikipedia`), an unknown citation
    format or an empty search. The message says what was wrong and what was expected.

    .. versionadded:: 0.2.0
    """


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
        self, query: str, suggestions: Iterable[str] = (), *, by_key: bool = False
    ) -> None:
        self.query = query
        self.suggestions = _texts(suggestions)
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
        self._set_message(message + _suggest(self.suggestions))


class UnknownDefectorError(DefectorsError, LookupError):
    """
    No record has the given id, name or other name.

    Attributes:
        query: The key that was looked up.
        suggestions: Up to three close names, best first.

    .. versionadded:: 0.1.0
    """

    def __init__(self, query: str, suggestions: Iterable[str] = ()) -> None:
        self.query = query
        self.suggestions = _texts(suggestions)
        self._set_message(f"no defector with id or name {quote(query)}{_suggest(self.suggestions)}")


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

    def __init__(self, message: str, candidates: Iterable[Era] = ()) -> None:
        try:
            found = tuple(candidates)
        except TypeError:
            found = ()
        self.candidates: tuple[Era, ...] = found
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
        reason: Why it failed.

    .. versionadded:: 0.1.0
    """

    def __init__(self, text: str, reason: str = "not a recognised date or period form") -> None:
        self.text = text
        self.reason = reason
        self._set_message(
            f"cannot parse {quote(text)} as a date or period: {_bounded(reason, _QUOTE_LIMIT * 8)}"
        )


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
