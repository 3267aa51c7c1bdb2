"""
Named eras of Soviet history, in two schemes, and the era of a date, year or period.

The schemes, their boundaries and the events that set them are documented in :func:`eras`.
"""

from __future__ import annotations

import datetime as dt
import functools
from types import MappingProxyType
from typing import Final, TypeVar, overload

import attrs

from defectors._countries import MISSING
from defectors._lazy import once
from defectors._model import Defector, IsInstance, guard_setstate, refuse_reinit
from defectors._periods import Period, parse_period
from defectors._text import fold
from defectors.exceptions import AmbiguousEraError, UnknownEraError, quote

_T = TypeVar("_T")

__all__ = ["Era", "SCHEMES", "era_of", "eras", "eras_of", "get_era", "record_era"]

#: The built-in schemes, the default first.
SCHEMES: Final[tuple[str, ...]] = ("soviet-leaders", "cold-war")

#: First and last day every scheme covers.
SPAN: Final = (dt.date(1917, 11, 7), dt.date(1991, 12, 26))

#: scheme -> ((name, first day, the event that opens it), ...), in order.
_TABLE: Final = {
    "soviet-leaders": (
        ("Lenin", "1917-11-07", "The October Revolution brings Lenin's Bolsheviks to power."),
        ("Stalin", "1924-01-21", "Lenin dies."),
        ("Khrushchev", "1953-03-05", "Stalin dies; Khrushchev is First Secretary from 7 Sep."),
        ("Brezhnev", "1964-10-14", "The Central Committee removes Khrushchev."),
        ("Andropov", "1982-11-10", "Brezhnev dies."),
        ("Chernenko", "1984-02-09", "Andropov dies."),
        ("Gorbachev", "1985-03-10", "Chernenko dies."),
    ),
    "cold-war": (
        ("Revolution and Civil War", "1917-11-07", "The October Revolution."),
        ("Interwar years", "1922-12-30", "The Treaty on the Creation of the USSR."),
        ("Second World War", "1939-09-01", "Germany invades Poland."),
        ("Early Cold War", "1945-09-02", "Japan signs the instrument of surrender."),
        ("Thaw and crises", "1953-03-05", "Stalin dies."),
        ("Détente", "1962-10-28", "Khrushchev agrees to withdraw the missiles from Cuba."),
        ("Second Cold War", "1979-12-24", "The Soviet intervention in Afghanistan begins."),
        ("End of the Cold War", "1985-03-11", "Gorbachev is elected General Secretary."),
    ),
}


@guard_setstate
@attrs.frozen(kw_only=True)
class Era:
    """
    A named stretch of Soviet history in one scheme.

    Get instances from :func:`eras` or :func:`get_era` rather than building them.

    Attributes:
        name: Its name, unique across schemes (``"Khrushchev"``).
        scheme: The scheme it belongs to (``"soviet-leaders"``).
        start: First day (inclusive): the day of the event that opens it.
        end: Last day (inclusive): the day before the next era begins.
        event: The dated event that opens it.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=IsInstance(str))
    scheme: str = attrs.field(validator=IsInstance(str))
    start: dt.date = attrs.field(validator=IsInstance(dt.date))
    end: dt.date = attrs.field(validator=IsInstance(dt.date))
    event: str = attrs.field(eq=False, validator=IsInstance(str))

    __attrs_pre_init__ = refuse_reinit

    def __str__(self) -> str:
        """Return the era's name."""
        return self.name


@once
def _schemes() -> MappingProxyType[str, tuple[Era, ...]]:
    """Return scheme -> its eras, built from the table on first use."""
    schemes: dict[str, tuple[Era, ...]] = {}
    for scheme, rows in _TABLE.items():
        starts = [dt.date.fromisoformat(row[1]) for row in rows]
        ends = [*(day - dt.timedelta(days=1) for day in starts[1:]), SPAN[1]]
        schemes[scheme] = tuple(
            Era(name=name, scheme=scheme, start=start, end=end, event=event)
            for (name, _, event), start, end in zip(rows, starts, ends, strict=True)
        )
    return MappingProxyType(schemes)


@once
def _by_name() -> MappingProxyType[str, Era]:
    """Return the folded name -> era index, built on first use."""
    return MappingProxyType(
        {" ".join(fold(e.name).split()): e for scheme in _schemes().values() for e in scheme}
    )


def eras(scheme: str = "soviet-leaders") -> tuple[Era, ...]:
    """
    Return the eras of *scheme*, in order.

    Each scheme covers the span from the October Revolution (7 November 1917) to the
    dissolution of the USSR (26 December 1991) without gaps or overlaps: an era begins on the
    day of the event that opens it and ends the day before the next one begins.

    ``"soviet-leaders"`` (the default), one era per leader of the Soviet state and party; each
    boundary is the day the predecessor died or was removed:

    ==========  ==========  ==============================================================
    Era         Begins      Event
    ==========  ==========  ==============================================================
    Lenin       1917-11-07  The October Revolution brings the Bolsheviks to power.
    Stalin      1924-01-21  Lenin dies.
    Khrushchev  1953-03-05  Stalin dies.
    Brezhnev    1964-10-14  The Central Committee removes Khrushchev and elects Brezhnev.
    Andropov    1982-11-10  Brezhnev dies.
    Chernenko   1984-02-09  Andropov dies.
    Gorbachev   1985-03-10  Chernenko dies (Gorbachev is elected the next day).
    ==========  ==========  ==============================================================

    The six months between Stalin's death (5 March 1953) and Khrushchev's election as First
    Secretary (7 September 1953), the collective leadership of Malenkov, Beria and
    Khrushchev, belong to the Khrushchev era: the rule puts the boundary at Stalin's death,
    the changes that define the era (the amnesty of 27 March 1953, the end of the Doctors'
    plot in April) began in those months, and Khrushchev ran the party's Secretariat from
    14 March 1953.

    ``"cold-war"``: the revolution and interwar years, the Second World War and the phases
    of the Cold War, each opened by a dated event:

    ========================  ==========  ==================================================
    Era                       Begins      Event
    ========================  ==========  ==================================================
    Revolution and Civil War  1917-11-07  The October Revolution.
    Interwar years            1922-12-30  The Treaty on the Creation of the USSR.
    Second World War          1939-09-01  Germany invades Poland.
    Early Cold War            1945-09-02  Japan signs the instrument of surrender.
    Thaw and crises           1953-03-05  Stalin dies.
    Détente                   1962-10-28  Khrushchev agrees to remove the missiles from Cuba.
    Second Cold War           1979-12-24  The Soviet intervention in Afghanistan begins.
    End of the Cold War       1985-03-11  Gorbachev is elected General Secretary.
    ========================  ==========  ==================================================

    Args:
        scheme: ``"soviet-leaders"`` or ``"cold-war"``.

    Returns:
        The eras, which together cover 7 November 1917 to 26 December 1991 exactly once.

    Raises:
        UnknownEraError: *scheme* is not a known scheme.
        TypeError: *scheme* is not a string.

    Example:
        >>> import defectors
        >>> [e.name for e in defectors.eras()][:3]
        ['Lenin', 'Stalin', 'Khrushchev']

    .. versionadded:: 0.1.0
    """
    if not isinstance(scheme, str):
        msg = f"scheme must be a str, not {type(scheme).__name__}: {quote(scheme)}"
        raise TypeError(msg)
    found = _schemes().get(scheme)
    if found is None:
        msg = f"unknown era scheme {quote(scheme)}: expected one of {', '.join(SCHEMES)}"
        raise UnknownEraError(msg)
    return found


def get_era(name_or_era: str | Era) -> Era:
    """
    Return the era with this name, in any scheme, ignoring case and diacritics.

    Args:
        name_or_era: An era's name (``"khrushchev"``, ``"detente"``), or an :class:`Era`,
            which is returned as it is if it is one of the built-in eras.

    Returns:
        The :class:`Era`.

    Raises:
        UnknownEraError: No built-in era has that name (or is that era).
        TypeError: *name_or_era* is neither a string nor an :class:`Era`.

    Example:
        >>> import defectors
        >>> defectors.get_era("khrushchev").start
        datetime.date(1953, 3, 5)

    .. versionadded:: 0.1.0
    """
    if isinstance(name_or_era, Era):
        if name_or_era in _schemes().get(name_or_era.scheme, ()):
            return name_or_era
        msg = f"{quote(name_or_era)} is not one of the built-in eras"
        raise UnknownEraError(msg)
    if not isinstance(name_or_era, str):
        msg = f"era must be a name or an Era, not {type(name_or_era).__name__}"
        raise TypeError(msg)
    found = _by_name().get(" ".join(fold(name_or_era).replace("-", " ").split()))
    if found is None:
        names = ", ".join(e.name for e in _by_name().values())
        msg = f"unknown era {quote(name_or_era)}: expected one of {names}"
        raise UnknownEraError(msg)
    return found


def _bounds(when: object) -> tuple[dt.date, dt.date]:
    """Return the first and last day of *when*."""
    if isinstance(when, dt.datetime):
        return when.date(), when.date()
    if isinstance(when, dt.date):
        return when, when
    if isinstance(when, Period):
        return when.start, when.end
    if isinstance(when, str):
        period = parse_period(when)
        return period.start, period.end
    if type(when) is int:  # eras_of() has ruled out years with no calendar days
        return dt.date(when, 1, 1), dt.date(when, 12, 31)
    msg = f"expected a date, a year, a Period or a period string, not {type(when).__name__}"
    raise TypeError(msg)


def eras_of(when: dt.date | int | Period | str, scheme: str = "soviet-leaders") -> tuple[Era, ...]:
    """
    Return every era of *scheme* that *when* overlaps, in order.

    Args:
        when: A :class:`datetime.date` or :class:`datetime.datetime` (its day), an ``int``
            year, a :class:`Period`, or a string :func:`parse_period` accepts.
        scheme: ``"soviet-leaders"`` or ``"cold-war"``.

    Returns:
        The eras, possibly none (for a time wholly outside 1917-11-07 .. 1991-12-26).

    Raises:
        UnknownEraError: *scheme* is unknown.
        PeriodParseError: *when* is a string that is not a date or period.
        TypeError: *when* or *scheme* has another type.

    Example:
        >>> import defectors
        >>> [e.name for e in defectors.eras_of(1953)]
        ['Stalin', 'Khrushchev']

    .. versionadded:: 0.1.0
    """
    candidates = eras(scheme)
    if type(when) is int and not 1 <= when <= dt.MAXYEAR:
        return ()  # a year with no calendar days lies wholly outside every era
    start, end = _bounds(when)
    return tuple(e for e in candidates if e.start <= end and start <= e.end)


@overload
def era_of(when: dt.date | int | Period | str, scheme: str = "soviet-leaders") -> Era: ...
@overload
def era_of(
    when: dt.date | int | Period | str, scheme: str = "soviet-leaders", *, default: _T
) -> Era | _T: ...
def era_of(
    when: dt.date | int | Period | str,
    scheme: str = "soviet-leaders",
    *,
    default: object = MISSING,
) -> object:
    """
    Return the one era of *scheme* that *when* falls in.

    A year or period falls in an era when every part of it inside the span of the schemes
    (7 November 1917 to 26 December 1991) does: so 1917 is Lenin's and 1991 Gorbachev's.

    Args:
        when: A :class:`datetime.date` or :class:`datetime.datetime` (its day), an ``int``
            year, a :class:`Period`, or a string :func:`parse_period` accepts.
        scheme: ``"soviet-leaders"`` or ``"cold-war"``.
        default: Returned, instead of raising, when *when* spans a boundary or lies outside
            every era; ``era_of(1953, default=None)`` is ``None``. (A record's era never
            needs this: see :func:`record_era`.)

    Returns:
        The :class:`Era`, or *default*.

    Raises:
        AmbiguousEraError: *when* spans a boundary (1953 in the default scheme) and no
            *default* was given; its ``candidates`` are the eras it overlaps.
        UnknownEraError: *when* lies wholly outside the span and no *default* was given, or
            *scheme* is unknown.
        PeriodParseError: *when* is a string that is not a date or period.
        TypeError: *when* or *scheme* has another type.

    Example:
        >>> import defectors
        >>> defectors.era_of(1956).name, defectors.era_of("June 1974").name
        ('Khrushchev', 'Brezhnev')
        >>> defectors.era_of(1956, scheme="cold-war").name
        'Thaw and crises'
        >>> defectors.era_of(1953, default=None) is None
        True

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The *default* keyword.
    """
    found = eras_of(when, scheme)
    if len(found) == 1:
        return found[0]
    if default is not MISSING:
        return default
    if not found:
        msg = f"{quote(when)} lies outside every era of {scheme!r} (1917-11-07 .. 1991-12-26)"
        raise UnknownEraError(msg)
    names = ", ".join(e.name for e in found)
    msg = f"{quote(when)} spans several eras of {scheme!r}: {names}"
    raise AmbiguousEraError(msg, found)


def record_era(record: Defector, scheme: str = "soviet-leaders") -> Era | None:
    """
    Return the one era of *scheme* a record belongs to.

    This is the package's one rule for a record's era, used by every part of it:
    ``Dataset.filter(era=...)``, ``count_by("era")``, ``group_by("era")``,
    ``sorted_by("era")`` and the command line.

    - A record with a date belongs to the era that day falls in.
    - A record with only a year belongs to the era holding the most days of that year
      (within the span the schemes cover); on a tie, the later era. So 1953 (Stalin died on
      5 March) is Khrushchev's, and 1924 (Lenin died on 21 January) Stalin's.

    Each record thus has one era in each scheme, so counts by era add up to the number of
    records.

    Args:
        record: A :class:`Defector`.
        scheme: ``"soviet-leaders"`` or ``"cold-war"``.

    Returns:
        The :class:`Era`, or ``None`` where the record's date (or whole year) lies outside
        every era (a date in 1917 before 7 November).

    Raises:
        UnknownEraError: *scheme* is unknown.
        TypeError: *record* is not a :class:`Defector`, or *scheme* not a string.

    Example:
        >>> import defectors
        >>> balanchine = defectors.get("george-balanchine")
        >>> balanchine.year, balanchine.date  # Lenin died on 21 January 1924
        (1924, None)
        >>> defectors.record_era(balanchine).name
        'Stalin'
        >>> defectors.record_era(balanchine, "cold-war").name
        'Interwar years'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       A year on an era boundary belongs to the era holding most of it, not to none.
    """
    if not isinstance(record, Defector):
        msg = f"record must be a Defector, not {type(record).__name__}"
        raise TypeError(msg)
    eras(scheme)  # an unknown scheme raises, rather than reading as "no era"
    return _own_era(record.date if record.date is not None else record.year, scheme)


@functools.lru_cache(maxsize=4096)
def _own_era(when: dt.date | int, scheme: str) -> Era | None:
    """Return the era of a known *scheme* a day, or most of a year, falls in; else ``None``."""
    found = eras_of(when, scheme)
    if len(found) <= 1 or isinstance(when, dt.date):
        return found[0] if found else None
    first, last = dt.date(when, 1, 1), dt.date(when, 12, 31)

    def days(era: Era) -> tuple[int, dt.date]:
        return ((min(last, era.end) - max(first, era.start)).days, era.start)

    return max(found, key=days)
