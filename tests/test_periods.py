from __future__ import annotations

import calendar
import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from defectors._periods import Period, parse_period
from defectors.exceptions import DefectorsError, PeriodParseError

D = dt.date


def _unit(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the unit of *precision* that holds *day*."""
    if precision == "day":
        return day, day
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    first = day.year if precision == "year" else day.year - day.year % 10
    last = day.year if precision == "year" else first + 9
    return D(first, 1, 1), D(last, 12, 31)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Any valid Period."""
    precision = draw(st.sampled_from(["day", "month", "year", "decade"]))
    ends = sorted(draw(st.lists(st.dates(min_value=D(10, 1, 1)), min_size=2, max_size=2)))
    return Period(
        start=_unit(ends[0], precision)[0],
        end=_unit(ends[1], precision)[1],
        precision=precision,
        approximate=draw(st.booleans()),
        uncertain=draw(st.booleans()),
    )


class TestForms:
    @pytest.mark.parametrize(
        ("text", "start", "end", "precision", "edtf"),
        [
            ("1956", D(1956, 1, 1), D(1956, 12, 31), "year", "1956"),
            ("1956\u201357", D(1956, 1, 1), D(1957, 12, 31), "year", "1956/1957"),
            ("1956-1957", D(1956, 1, 1), D(1957, 12, 31), "year", "1956/1957"),
            ("1956/1957", D(1956, 1, 1), D(1957, 12, 31), "year", "1956/1957"),
            ("1950s", D(1950, 1, 1), D(1959, 12, 31), "decade", "195X"),
            ("195X", D(1950, 1, 1), D(1959, 12, 31), "decade", "195X"),
            ("early 1950s", D(1950, 1, 1), D(1953, 12, 31), "year", "1950/1953"),
            ("mid 1950s", D(1954, 1, 1), D(1956, 12, 31), "year", "1954/1956"),
            ("late 1950s", D(1957, 1, 1), D(1959, 12, 31), "year", "1957/1959"),
            ("June 1974", D(1974, 6, 1), D(1974, 6, 30), "month", "1974-06"),
            ("1974-06", D(1974, 6, 1), D(1974, 6, 30), "month", "1974-06"),
            ("29 June 1974", D(1974, 6, 29), D(1974, 6, 29), "day", "1974-06-29"),
            ("June 29, 1974", D(1974, 6, 29), D(1974, 6, 29), "day", "1974-06-29"),
            ("1974-06-29", D(1974, 6, 29), D(1974, 6, 29), "day", "1974-06-29"),
        ],
    )
    def test_plain_forms(self, text, start, end, precision, edtf):
        """Each documented form gives the documented range, precision and EDTF text."""
        period = parse_period(text)
        assert (start, end, precision) == (period.start, period.end, period.precision)
        assert edtf == str(period)
        assert text == period.text

    @pytest.mark.parametrize("text", ["c. 1945", "circa 1945", "ca. 1945", "C. 1945", "1945~"])
    def test_approximate(self, text):
        """Circa forms and EDTF ~ mark the period approximate."""
        period = parse_period(text)
        assert parse_period("1945~") == period
        assert period.approximate
        assert not period.uncertain

    def test_uncertain_and_both(self):
        """EDTF ? marks it uncertain, % both."""
        uncertain, both = parse_period("1945?"), parse_period("1945%")
        expected = [(False, True, "1945?"), (True, True, "1945%")]
        assert expected == [(p.approximate, p.uncertain, str(p)) for p in (uncertain, both)]

    def test_approximate_range(self):
        """A circa range is written with both ends qualified."""
        expected = "1956~/1957~"
        assert expected == str(parse_period("c. 1956-57"))

    def test_text_is_not_part_of_equality(self):
        """Two spellings of one period are equal and hash alike."""
        assert parse_period("c. 1945") == parse_period("1945~")
        assert hash(parse_period("29 June 1974")) == hash(parse_period("1974-06-29"))


class TestInvalid:
    @pytest.mark.parametrize(
        "text",
        [
            "",
            "   ",
            "1956-13",
            "31 February 1956",
            "the year Stalin died",
            "June",
            "1957-1956",
            "0000",
            "1956/1957/1958",
            "Juni 1974",
            "\u0661\u0669\u0664\u0665",
        ],
    )
    def test_raises_period_parse_error(self, text):
        """Invalid text raises PeriodParseError, a ValueError, quoting the input."""
        with pytest.raises(PeriodParseError) as info:
            parse_period(text)
        assert text == info.value.text
        assert repr(text) in str(info.value)
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, DefectorsError)

    @pytest.mark.parametrize("value", [None, 1956, b"1956"])
    def test_non_string(self, value):
        """A non-string is a TypeError."""
        with pytest.raises(TypeError):
            parse_period(value)

    @given(st.text(max_size=30))
    def test_arbitrary_text_raises_only_period_parse_error(self, text):
        """Arbitrary text parses or raises PeriodParseError, nothing else."""
        try:
            period = parse_period(text)
        except PeriodParseError:
            return
        assert period == parse_period(str(period))


class TestInvalidMessages:
    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("1999-00", "there is no month 00"),
            ("1957-06/1957-03", "it ends (1957-03-31) before it starts (1957-06-01)"),
            ("1956-02-30", "day is out of range for month"),
        ],
    )
    def test_reason_is_said_once(self, text, reason):
        """The message quotes the input once and gives the precise reason."""
        with pytest.raises(PeriodParseError) as info:
            parse_period(text)
        message = str(info.value)
        assert (1, True) == (message.count("cannot parse"), message.endswith(reason))


class TestPeriod:
    @given(periods())
    def test_round_trips_through_edtf(self, period):
        """parse_period(str(p)) == p for every period."""
        assert period == parse_period(str(period))

    @pytest.mark.parametrize(
        ("start", "end", "precision"),
        [
            (D(1957, 1, 1), D(1956, 12, 31), "year"),
            (D(1956, 1, 2), D(1956, 12, 31), "year"),
            (D(1956, 6, 1), D(1956, 6, 29), "month"),
            (D(1951, 1, 1), D(1959, 12, 31), "decade"),
            (D(1956, 1, 1), D(1956, 12, 31), "century"),
        ],
    )
    def test_invalid_construction(self, start, end, precision):
        """Reversed ends, or ends not on whole units of the precision, are a ValueError."""
        with pytest.raises(ValueError):  # noqa: PT011 - attrs' message varies by release
            Period(start=start, end=end, precision=precision)

    def test_datetime_is_not_a_day(self):
        """Ends must be dates, not datetimes."""
        with pytest.raises(TypeError):
            Period(start=dt.datetime(1956, 1, 1), end=D(1956, 12, 31), precision="year")  # noqa: DTZ001


class TestLaziness:
    def test_dateutil_is_not_imported_with_the_module(self):
        """Importing the module does not load dateutil's parser."""
        code = "import sys, defectors._periods; print('dateutil.parser' in sys.modules)"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        expected = "False"
        assert expected == result.stdout.strip()
