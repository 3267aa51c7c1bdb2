from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors
from defectors._eras import SCHEMES, SPAN, Era, era_of, eras, eras_of, get_era, record_era
from defectors._periods import parse_period
from defectors.exceptions import (
    AmbiguousEraError,
    DefectorsError,
    PeriodParseError,
    UnknownEraError,
)

schemes = st.sampled_from(SCHEMES)
days_in_span = st.dates(min_value=SPAN[0], max_value=SPAN[1])


class TestSchemes:
    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_partitions_the_span(self, scheme):
        """Each scheme runs from 7 Nov 1917 to 26 Dec 1991, each era starting the day after."""
        found = eras(scheme)
        assert SPAN[0] == found[0].start
        assert SPAN[1] == found[-1].end
        for before, after in itertools.pairwise(found):
            assert before.end + dt.timedelta(days=1) == after.start
        assert all(e.start <= e.end and e.scheme == scheme for e in found)

    @given(schemes, days_in_span)
    def test_every_day_has_exactly_one_era(self, scheme, day):
        """Every day of the span lies in exactly one era of each scheme."""
        containing = [e for e in eras(scheme) if e.start <= day <= e.end]
        assert [era_of(day, scheme)] == containing

    def test_default_scheme_is_the_leaders(self):
        """The default scheme lists the seven leaders in order."""
        expected = ["Lenin", "Stalin", "Khrushchev", "Brezhnev", "Andropov", "Chernenko"]
        assert [*expected, "Gorbachev"] == [e.name for e in eras()]

    @pytest.mark.parametrize(
        ("name", "start"),
        [
            ("Stalin", dt.date(1924, 1, 21)),
            ("Khrushchev", dt.date(1953, 3, 5)),
            ("Brezhnev", dt.date(1964, 10, 14)),
            ("Gorbachev", dt.date(1985, 3, 10)),
            ("Second World War", dt.date(1939, 9, 1)),
            ("Détente", dt.date(1962, 10, 28)),
        ],
    )
    def test_documented_boundaries(self, name, start):
        """Eras start on the documented dates."""
        assert start == get_era(name).start

    def test_interregnum_goes_to_khrushchev(self):
        """The months between Stalin's death and Khrushchev's election are Khrushchev's."""
        expected = ["Stalin", "Khrushchev", "Khrushchev"]
        days = [dt.date(1953, 3, 4), dt.date(1953, 3, 5), dt.date(1953, 9, 6)]
        assert expected == [era_of(day).name for day in days]

    def test_names_are_unique_across_schemes(self):
        """No two eras share a name, case and diacritics ignored."""
        names = [e.name.casefold() for s in SCHEMES for e in eras(s)]
        assert len(set(names)) == len(names)

    @pytest.mark.parametrize("scheme", ["leaders", "", "Soviet-Leaders"])
    def test_unknown_scheme(self, scheme):
        """An unknown scheme raises UnknownEraError, a LookupError."""
        with pytest.raises(UnknownEraError, match="unknown era scheme") as info:
            eras(scheme)
        assert isinstance(info.value, LookupError)
        assert isinstance(info.value, DefectorsError)

    def test_scheme_must_be_a_string(self):
        """A non-string scheme is a TypeError."""
        with pytest.raises(TypeError):
            eras(1)  # type: ignore[arg-type]


class TestGetEra:
    @pytest.mark.parametrize("name", ["khrushchev", "KHRUSHCHEV", " Khrushchev "])
    def test_case_insensitive(self, name):
        """Names match whatever their case and spacing."""
        assert get_era("Khrushchev") == get_era(name)

    def test_diacritics_and_hyphens(self):
        """Diacritics and hyphens do not matter."""
        assert get_era("Détente") == get_era("detente")
        assert get_era("Second Cold War") == get_era("second-cold-war")

    def test_era_returns_itself(self):
        """A built-in Era is returned as it is."""
        era = eras("cold-war")[2]
        assert era is get_era(era)

    def test_unknown(self):
        """An unknown name or a home-made Era raises UnknownEraError quoting it."""
        with pytest.raises(UnknownEraError, match="'Putin'"):
            get_era("Putin")
        fake = Era(name="X", scheme="x", start=SPAN[0], end=SPAN[1], event="")
        with pytest.raises(UnknownEraError):
            get_era(fake)

    def test_type(self):
        """Other types are a TypeError."""
        with pytest.raises(TypeError):
            get_era(1953)  # type: ignore[arg-type]


class TestEraOf:
    @pytest.mark.parametrize(
        ("when", "name"),
        [
            (1956, "Khrushchev"),
            (dt.date(1974, 6, 29), "Brezhnev"),
            (dt.datetime(1974, 6, 29, 23, 59), "Brezhnev"),  # noqa: DTZ001
            ("June 1974", "Brezhnev"),
            (parse_period("c. 1945"), "Stalin"),
            (1917, "Lenin"),
            (1991, "Gorbachev"),
        ],
    )
    def test_accepted_forms(self, when, name):
        """Dates, datetimes, years, periods and period strings all resolve."""
        assert name == era_of(when).name

    def test_spanning_a_boundary_is_ambiguous(self):
        """1953 spans Stalin and Khrushchev: AmbiguousEraError with both as candidates."""
        with pytest.raises(AmbiguousEraError, match="1953") as info:
            era_of(1953)
        assert (get_era("Stalin"), get_era("Khrushchev")) == info.value.candidates
        assert isinstance(info.value, LookupError)

    @pytest.mark.parametrize("when", [1916, 1992, dt.date(1917, 11, 6), 0, 10_000])
    def test_outside_the_span(self, when):
        """A time wholly outside the span raises UnknownEraError, and has no eras."""
        with pytest.raises(UnknownEraError):
            era_of(when)
        assert () == eras_of(when)

    def test_eras_of_lists_in_order(self):
        """eras_of gives every overlapped era, in order."""
        expected = tuple(get_era(name) for name in ("Stalin", "Khrushchev", "Brezhnev"))
        assert expected == eras_of("1950/1970")

    @pytest.mark.parametrize("when", [True, 1956.0, None, [1956]])
    def test_bad_types(self, when):
        """Other types, bools included, are a TypeError."""
        with pytest.raises(TypeError):
            era_of(when)

    def test_bad_period_text(self):
        """A string that is no period raises PeriodParseError."""
        with pytest.raises(PeriodParseError):
            era_of("the thaw")

    @given(schemes, st.integers(1917, 1991))
    def test_year_is_one_era_or_ambiguous(self, scheme, year):
        """A year has one era, or is ambiguous between the eras it overlaps."""
        overlapped = eras_of(year, scheme)
        if len(overlapped) == 1:
            assert overlapped == (era_of(year, scheme),)
        else:
            with pytest.raises(AmbiguousEraError) as info:
                era_of(year, scheme)
            assert overlapped == info.value.candidates


class TestRecordEra:
    def test_every_record(self, dataset):
        """A record's era is its date's if it has one, else its year's when unambiguous."""
        for record in dataset:
            found = record_era(record)
            if record.date is not None and SPAN[0] <= record.date <= SPAN[1]:
                assert era_of(record.date) == found
            elif record.date is None and len(eras_of(record.year)) == 1:
                assert era_of(record.year) == found
            elif record.date is None:
                assert found in eras_of(record.year)
            else:
                assert found is None

    @pytest.mark.parametrize(
        ("year", "scheme", "expected"),
        [
            (1924, "soviet-leaders", "Stalin"),  # Lenin died on 21 January
            (1953, "soviet-leaders", "Khrushchev"),  # Stalin died on 5 March
            (1964, "soviet-leaders", "Khrushchev"),  # removed on 14 October
            (1982, "soviet-leaders", "Brezhnev"),  # died on 10 November
            (1984, "soviet-leaders", "Chernenko"),  # Andropov died on 9 February
            (1985, "soviet-leaders", "Gorbachev"),  # Chernenko died on 10 March
            (1917, "soviet-leaders", "Lenin"),  # only 7 Nov - 31 Dec lies in the span
            (1962, "cold-war", "Thaw and crises"),  # Cuba settled on 28 October
            (1979, "cold-war", "Détente"),  # Afghanistan on 24 December
        ],
    )
    def test_boundary_year_goes_to_the_era_holding_most_of_it(
        self, dataset, year, scheme, expected
    ):
        """A year-only record on a boundary belongs to the era holding most of that year."""
        record = attrs.evolve(dataset[0], year=year, date=None)
        assert expected == record_era(record, scheme).name

    def test_day_before_the_span_has_no_era(self, dataset):
        """A record dated before 7 November 1917 has no era."""
        record = attrs.evolve(dataset[0], year=1917, date=dt.date(1917, 3, 1))
        assert None is record_era(record)

    def test_filter_count_and_group_agree(self, dataset):
        """filter(era=), count_by("era") and group_by("era") place records alike."""
        for scheme in defectors.SCHEMES:
            counts = dataset.count_by("era", scheme=scheme)
            groups = dataset.group_by("era", scheme=scheme)
            filtered = {era: len(dataset.filter(era=era)) for era in defectors.eras(scheme)}
            assert (len(dataset), counts) == (
                sum(counts.values()),
                {era: len(g) for era, g in groups.items()},
            )
            assert {era: n for era, n in filtered.items() if n} == counts


class TestEraOfDefault:
    def test_default_instead_of_ambiguity(self):
        """era_of() returns the default for a boundary year or a time outside every era."""
        assert (None, "none", "Khrushchev") == (
            era_of(1953, default=None),
            era_of(1900, default="none"),
            era_of(1956, default=None).name,
        )

    def test_bad_input(self, dataset):
        """A non-record is a TypeError; an unknown scheme raises UnknownEraError."""
        with pytest.raises(TypeError):
            record_era("Nureyev")  # type: ignore[arg-type]
        with pytest.raises(UnknownEraError):
            record_era(dataset[0], "tsars")
