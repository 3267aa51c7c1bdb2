"""
Approximate dates and periods ("c. 1945", "1956-57", "early 1950s") and their EDTF form.

:class:`Period` is a closed range of days at a stated precision, with the two qualifiers of
the Extended Date/Time Format (EDTF, ISO 8601-2, level 1): approximate (``~``) and
uncertain (``?``). ``str(period)`` is its EDTF form and :func:`parse_period` reads that back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Final, Literal, get_args

import attrs

from defectors._model import IsInstance, guard_setstate, refuse_reinit
from defectors._text import DASHES, visible
from defectors.exceptions import InvalidRecordError, PeriodParseError, quote

__all__ = ["Period", "Precision", "parse_period"]

#: How finely a period's ends are known, finest first.
Precision = Literal["day", "month", "year", "decade"]
_PRECISIONS: Final[tuple[Precision, ...]] = get_args(Precision)

#: Which years of a decade "early", "mid" and "late" mean: documented thirds.
_THIRDS: Final = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}

_DASHES: Final = str.maketrans(dict.fromkeys(DASHES, "-"))
_APPROX: Final = re.compile(r"(?:circa|ca\.|c\.|ca\s|c\s|approx\.|approximately)\s*", re.ASCII)
_ENDPOINT: Final = re.compile(
    r"(?:(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?|(?P<dec>\d{3})x)(?P<q>[~?%])?", re.ASCII
)
_YEARS: Final = re.compile(r"(?P<a>\d{4})\s*-\s*(?P<b>\d{4}|\d{2})", re.ASCII)
_DECADE: Final = re.compile(r"(?:(?P<part>early|mid|late)[\s-]*)?(?P<dec>\d{3})0'?s", re.ASCII)
_DAY: Final = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_MONTH_FORMS: Final = (
    re.compile(rf"(?:{_DAY}\s+)?(?P<m>[a-z]+)\.?,?\s+(?P<y>\d{{4}})", re.ASCII),
    re.compile(rf"(?P<m>[a-z]+)\.?\s+{_DAY},?\s+(?P<y>\d{{4}})", re.ASCII),
)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _aligned(day: dt.date, precision: Precision, *, end: bool) -> bool:
    """Return whether *day* is the first (or, for an *end*, the last) day of its unit."""
    if precision == "day":
        return True
    if end:
        aligned = day.day == _last_day(day.year, day.month)
        edge_month, edge_digit = 12, 9
    else:
        aligned = day.day == 1
        edge_month, edge_digit = 1, 0
    if precision != "month":
        aligned = aligned and day.month == edge_month
    if precision == "decade":
        aligned = aligned and day.year % 10 == edge_digit
    return aligned


def _check_day(_inst: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    if type(value) is not dt.date:
        msg = f"{attribute.name} must be a datetime.date, not {type(value).__name__}"
        raise TypeError(msg)


def _check_precision(_inst: object, _attribute: attrs.Attribute[Precision], value: object) -> None:
    if value not in _PRECISIONS:
        msg = f"precision must be one of {', '.join(map(repr, _PRECISIONS))}, not {quote(value)}"
        if isinstance(value, str):
            raise InvalidRecordError(msg, field="precision")
        raise TypeError(msg)


@guard_setstate
@attrs.frozen(kw_only=True)
class Period:
    """
    A closed range of days known to a given precision, perhaps approximate or uncertain.

    Equality and hashing ignore :attr:`text`, so ``parse_period("c. 1945") ==
    parse_period("1945~")``. ``str()`` gives the EDTF form: a single unit where start and end
    fall in one (``"1956"``, ``"1974-06"``, ``"1974-06-29"``, ``"195X"`` for a decade, with
    ``~``, ``?`` or ``%`` for approximate, uncertain or both), else an interval
    (``"1950/1953"``, ``"1956~/1957~"``).

    Attributes:
        start: First day.
        end: Last day (inclusive), not before *start*.
        precision: ``"day"``, ``"month"``, ``"year"`` or ``"decade"``; *start* must be the first
            and *end* the last day of such a unit.
        approximate: The source hedges the date ("c. 1945", ``1945~``).
        uncertain: The source doubts the date (``1945?``).
        text: The text it was parsed from, where it was; not part of equality.

    Raises:
        TypeError: *start* or *end* is not a :class:`datetime.date`, a flag not a bool,
            *precision* not a string or *text* neither a string nor ``None``.
        InvalidRecordError: *end* is before *start*, they do not fit *precision*, *precision*
            is not one of the four, or *text* holds a lone surrogate (a :class:`ValueError`).

    .. versionadded:: 0.1.0
    """

    start: dt.date = attrs.field(validator=_check_day)
    end: dt.date = attrs.field(validator=_check_day)
    precision: Precision = attrs.field(validator=_check_precision)
    approximate: bool = attrs.field(default=False, validator=IsInstance(bool))
    uncertain: bool = attrs.field(default=False, validator=IsInstance(bool))
    text: str | None = attrs.field(default=None, eq=False, validator=IsInstance(str, optional=True))

    __attrs_pre_init__ = refuse_reinit

    def __attrs_post_init__(self) -> None:
        """Check that the ends are in order and fit the precision."""
        if self.end < self.start:
            msg = f"end {self.end.isoformat()} is before start {self.start.isoformat()}"
            raise InvalidRecordError(msg, field="end")
        if not (
            _aligned(self.start, self.precision, end=False)
            and _aligned(self.end, self.precision, end=True)
        ):
            msg = (
                f"{self.start.isoformat()}..{self.end.isoformat()} does not start and end on "
                f"whole units of precision {self.precision!r}"
            )
            raise InvalidRecordError(msg, field="precision")

    def _unit(self, day: dt.date) -> str:
        if self.precision == "day":
            return day.isoformat()
        if self.precision == "month":
            return f"{day.year:04d}-{day.month:02d}"
        if self.precision == "year":
            return f"{day.year:04d}"
        return f"{day.year // 10:03d}X"

    def __str__(self) -> str:
        """Return the EDTF form."""
        qualifier = {(True, True): "%", (True, False): "~", (False, True): "?"}.get(
            (self.approximate, self.uncertain), ""
        )
        first, last = self._unit(self.start), self._unit(self.end)
        if first == last:
            return first + qualifier
        return f"{first}{qualifier}/{last}{qualifier}"


def _ordered(text: str, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """Return *first* and *last*, or raise if the range runs backwards."""
    if last < first:
        reason = f"it ends ({last.isoformat()}) before it starts ({first.isoformat()})"
        raise PeriodParseError(text, reason)
    return first, last


def _endpoint(text: str, part: str) -> tuple[dt.date, dt.date, Precision, str]:
    """Parse one EDTF date or decade; return its first and last days, precision, qualifier."""
    match = _ENDPOINT.fullmatch(part)
    if match is None:
        raise PeriodParseError(text, "not a recognised date or period form")
    qualifier = match["q"] or ""
    try:
        if match["dec"] is not None:
            decade = int(match["dec"]) * 10
            return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "decade", qualifier
        year = int(match["y"])
        if match["m"] is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", qualifier
        month = int(match["m"])
        if match["d"] is None and 1 <= month <= 12:  # noqa: PLR2004 - the months of a year
            last = dt.date(year, month, _last_day(year, month))
            return dt.date(year, month, 1), last, "month", qualifier
        if match["d"] is None:
            reason = f"there is no month {month:02d}"
        else:
            day = dt.date(year, month, int(match["d"]))
            return day, day, "day", qualifier
    except ValueError as error:
        reason = str(error)
    raise PeriodParseError(text, reason)


def _edtf(text: str, body: str) -> Period:
    """Parse an EDTF date, decade or ``A/B`` interval."""
    parts = body.split("/")
    if len(parts) > 2:  # noqa: PLR2004 - an interval has two ends
        raise PeriodParseError(text, "an interval has exactly one '/'")
    ends = [_endpoint(text, part) for part in parts]
    precision = _PRECISIONS[min(_PRECISIONS.index(e[2]) for e in ends)]
    start, end = _ordered(text, ends[0][0], ends[-1][1])
    qualifiers = "".join(e[3] for e in ends)
    return Period(
        start=start,
        end=end,
        precision=precision,
        approximate=bool(set(qualifiers) & {"~", "%"}),
        uncertain=bool(set(qualifiers) & {"?", "%"}),
        text=text,
    )


def _years(text: str, first: int, last: int) -> Period:
    try:
        start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    except ValueError as error:
        raise PeriodParseError(text, str(error)) from None
    _ordered(text, start, end)
    return Period(start=start, end=end, precision="year", text=text)


def _month_form(text: str, body: str) -> Period | None:
    """Parse "June 1974", "29 June 1974" or "June 29, 1974" with dateutil, else ``None``."""
    match = next((m for form in _MONTH_FORMS if (m := form.fullmatch(body))), None)
    if match is None:
        return None
    from dateutil import parser  # noqa: PLC0415 - imported on first use only

    if parser.parserinfo().month(match["m"]) is None:
        raise PeriodParseError(text, f"{quote(match['m'])} is not a month")
    # Parse twice, assuming different days: whatever differs was not in the text, and
    # nothing is ever filled in from today's date.
    try:
        one = parser.parse(body, default=dt.datetime(2000, 1, 1))  # noqa: DTZ001 - naive on purpose
        two = parser.parse(body, default=dt.datetime(2004, 2, 2))  # noqa: DTZ001
    except (ValueError, OverflowError) as error:
        raise PeriodParseError(text, str(error).split(":")[0]) from None
    if one.year != two.year or one.month != two.month:
        raise PeriodParseError(text, "a year and a month are needed")
    if one.day == two.day:
        day = one.date()
        return Period(start=day, end=day, precision="day", text=text)
    last = _last_day(one.year, one.month)
    return Period(
        start=dt.date(one.year, one.month, 1),
        end=dt.date(one.year, one.month, last),
        precision="month",
        text=text,
    )


def _parse(text: str, body: str) -> Period:
    years = _YEARS.fullmatch(body)
    if years is not None:
        a, b = years["a"], years["b"]
        if len(b) == 4 or int(b) > 12:  # noqa: PLR2004 - "1956-57", not a month
            return _years(text, int(a), int(b) if len(b) == 4 else int(a[:2] + b))  # noqa: PLR2004
    decade = _DECADE.fullmatch(body)
    if decade is not None:
        first = int(decade["dec"]) * 10
        low, high = _THIRDS.get(decade["part"] or "", (0, 9))
        if decade["part"] is None:
            return _edtf(text, f"{decade['dec']}x")
        return _years(text, first + low, first + high)
    found = _month_form(text, body)
    return found if found is not None else _edtf(text, body)


def parse_period(text: str) -> Period:
    """
    Parse a date or period as sources and EDTF write it.

    Accepted forms: a year (``"1956"``); a range of years (``"1956-1957"``, ``"1956-57"``,
    or with an en dash); a decade (``"1950s"``) or part of one (``"early 1950s"`` is 1950-1953,
    ``"mid 1950s"`` 1954-1956, ``"late 1950s"`` 1957-1959); a month (``"June 1974"``,
    ``"1974-06"``); a day (``"29 June 1974"``, ``"June 29, 1974"``, ``"1974-06-29"``); the
    EDTF forms ``"1945~"`` (approximate), ``"1945?"`` (uncertain), ``"1945%"`` (both),
    ``"195X"`` and intervals ``"1956/1957"``; and any of them after ``"c."``, ``"ca."`` or
    ``"circa"`` (approximate). A two-digit end year stays in the start's century; ``"YYYY-NN"``
    is a month when ``NN`` is 01-12. Case, spacing and dash shapes do not matter. Nothing is
    ever filled in from today's date.

    Args:
        text: The text to parse.

    Returns:
        The :class:`Period`, keeping *text* in :attr:`Period.text`.

    Raises:
        PeriodParseError: *text* is empty, not one of the forms, or not a real date
            (``"1956-13"``, ``"31 February 1956"``); the message quotes it.
        TypeError: *text* is not a string.

    Example:
        >>> import defectors
        >>> str(defectors.parse_period("c. 1945"))
        '1945~'
        >>> str(defectors.parse_period("1956-57")), str(defectors.parse_period("late 1950s"))
        ('1956/1957', '1957/1959')
        >>> defectors.parse_period("29 June 1974") == defectors.parse_period("1974-06-29")
        True

    .. versionadded:: 0.1.0
    """
    if not isinstance(text, str):
        msg = f"period must be a str, not {type(text).__name__}: {quote(text)}"
        raise TypeError(msg)
    body = " ".join(visible(text).translate(_DASHES).lower().split())
    if not body:
        raise PeriodParseError(text, "it is empty")
    approx = _APPROX.match(body)
    if approx is None:
        return _parse(text, body)
    found = _parse(text, body[approx.end() :])
    return attrs.evolve(found, approximate=True)
