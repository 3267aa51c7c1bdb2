"""Dataset queries: filter, search, get, sorting, grouping, counting and merging."""

from __future__ import annotations

import datetime as dt
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors
from defectors import (
    Dataset,
    DatasetError,
    Sector,
    UnknownCountryError,
    UnknownDefectorError,
    UnknownSectorError,
)
from defectors._names import name_key, similar
from defectors._text import fold
from defectors.exceptions import UnknownEraError
from defectors.testing import datasets

SINGLE_VALUED = [
    "origin",
    "destination",
    "decade",
    "era",
    "year",
    "birth_country",
    "provenance",
]


class TestFilter:
    def test_origin_by_name_code_and_country(self, dataset):
        """An origin given as a name, a code or a Country selects the same records."""
        hungary = defectors.get_country("HUN")
        by_name = dataset.filter(origin="Hungary")
        assert by_name == dataset.filter(origin="HU") == dataset.filter(origin=hungary)
        assert len(by_name) > 0
        assert all(r.origin == hungary for r in by_name)

    def test_collection_matches_any(self, dataset):
        """A collection of countries matches records of any of them."""
        both = dataset.filter(origin=["Poland", "Czechoslovakia"])
        assert len(dataset.filter(origin="Poland")) + len(
            dataset.filter(origin="Czechoslovakia")
        ) == len(both)

    def test_born_in_matches_polity(self, dataset):
        """born_in matches the historical state a birthplace names."""
        names = {r.name for r in dataset.filter(born_in="Russian Empire")}
        assert {"Boris Bazhanov", "Genrikh Lyushkov"} <= names

    def test_years_inclusive(self, dataset):
        """years=(a, b) includes both ends."""
        picked = dataset.filter(years=(1953, 1954))
        assert {1953, 1954} == {r.year for r in picked}

    def test_year_exact(self, dataset):
        """year=N selects that year only."""
        assert {1956} == {r.year for r in dataset.filter(year=1956)}

    def test_era_is_the_records_era(self, dataset):
        """An era selects exactly the records whose own era (record_era) it is."""
        era = defectors.get_era("khrushchev")
        picked = dataset.filter(era="Khrushchev")
        assert [r for r in dataset if defectors.record_era(r) == era] == list(picked)

    def test_open_year_ranges(self, dataset):
        """years= takes None for an open start or end."""
        assert (
            [r for r in dataset if r.year >= 1969],
            [r for r in dataset if r.year <= 1930],
            list(dataset),
        ) == (
            list(dataset.filter(years=(1969, None))),
            list(dataset.filter(years=(None, 1930))),
            list(dataset.filter(years=(None, None))),
        )

    def test_between_dates(self, dataset):
        """between= keeps dated records in the range and year-only records wholly in it."""
        first, last = dt.date(1961, 6, 1), dt.date(1962, 12, 31)
        picked = dataset.filter(between=(first, last))
        expected = [
            r
            for r in dataset
            if (r.date is not None and first <= r.date <= last)
            or (r.date is None and r.year == 1962)
        ]
        assert (expected, True) == (
            list(picked),
            "rudolf-nureyev" in picked.ids,
        )

    def test_between_open_end(self, dataset):
        """between= takes None for an open end."""
        since = dt.date(1985, 1, 1)
        assert [r for r in dataset if r.year >= 1985] == list(dataset.filter(between=(since, None)))

    def test_confidence(self, dataset):
        """confidence= takes a grade, its value or several; ungraded records never match."""
        high = [r for r in dataset if r.confidence is defectors.Confidence.HIGH]
        graded = [r for r in dataset if r.confidence is not None]
        assert (high, high, graded) == (
            list(dataset.filter(confidence="high")),
            list(dataset.filter(confidence=defectors.Confidence.HIGH)),
            list(dataset.filter(confidence=["high", "medium"])),
        )

    def test_provenance(self, dataset):
        """provenance= selects a collection; the three together are the whole dataset."""
        parts = [dataset.filter(provenance=p) for p in defectors.Provenance]
        assert (49, len(dataset)) == (
            len(dataset.filter(provenance="wikipedia-list")),
            sum(map(len, parts)),
        )
        assert all(r.provenance is defectors.Provenance.RESEARCH_1961_1991 for r in parts[1])

    def test_source_kind(self, dataset):
        """source_kind= keeps the records citing at least one source of a kind."""
        news = dataset.filter(source_kind="news")
        both = dataset.filter(source_kind=["news", defectors.SourceKind.BLOG])
        assert (True, True, True) == (
            0 < len(news) < len(dataset),
            all(any(s.kind is defectors.SourceKind.NEWS for s in r.sources) for r in news),
            set(news.ids) <= set(both.ids),
        )

    @pytest.mark.parametrize(
        ("value", "error"),
        [("gossip", ValueError), ([], ValueError), (3, TypeError), ([None], TypeError)],
    )
    def test_source_kind_refuses(self, dataset, value, error):
        """An unknown kind, an empty collection or a wrong type is refused."""
        with pytest.raises(error, match="source_kind"):
            dataset.filter(source_kind=value)

    def test_outcome_collection(self, dataset):
        """outcome= takes several outcomes."""
        assert dataset == dataset.filter(outcome=["defected", "attempted"])

    def test_sector_by_name(self, dataset):
        """sector= accepts a name or a Sector."""
        assert dataset.filter(sector="sport") == dataset.filter(sector=Sector.SPORT)

    def test_profession_substring(self, dataset):
        """profession= matches text inside the profession, ignoring case."""
        assert {"Choreographer", "Gymnastics choreographer"} == {
            r.profession for r in dataset.filter(profession="CHOREO")
        }

    def test_outcome(self, dataset):
        """outcome='attempted' finds the failed attempts."""
        assert ["Konstantin Volkov"] == [r.name for r in dataset.filter(outcome="attempted")]

    def test_no_keywords_is_everything(self, dataset):
        """filter() with no keywords returns an equal dataset."""
        assert dataset == dataset.filter()

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"origin": "Atlantis"}, UnknownCountryError),
            ({"era": "Nixon"}, UnknownEraError),
            ({"sector": "spies"}, UnknownSectorError),
            ({"years": (1960, 1950)}, ValueError),
            ({"origin": []}, ValueError),
            ({"outcome": "maybe"}, ValueError),
            ({"confidence": "low"}, ValueError),
            ({"provenance": []}, ValueError),
            ({"provenance": 3}, TypeError),
            ({"confidence": [3]}, TypeError),
            ({"between": (dt.date(1960, 1, 1), dt.date(1950, 1, 1))}, ValueError),
            ({"between": (1950, 1960)}, TypeError),
            ({"between": "1950"}, TypeError),
            ({"years": (1950, "1960")}, TypeError),
            ({"origin": 7}, TypeError),
            ({"year": "1956"}, TypeError),
            ({"years": (1950,)}, TypeError),
            ({"colour": "red"}, TypeError),
        ],
    )
    def test_bad_arguments_fail_loudly(self, dataset, kwargs, error):
        """Typos and bad values raise the documented error, never an empty result."""
        with pytest.raises(error):
            dataset.filter(**kwargs)

    def test_reversed_years_message(self, dataset):
        """The reversed-years error says what was wrong."""
        with pytest.raises(ValueError, match=r"years=\(1960, 1950\) is reversed"):
            dataset.filter(years=(1960, 1950))

    @given(
        datasets(max_size=10),
        st.sampled_from(["SUHH", "HUN", "POL"]),
        st.sampled_from([None, "sport", "intelligence"]),
        st.integers(1917, 1991),
    )
    def test_chained_filters_equal_combined(self, ds, origin, sector, start):
        """filter(a=x).filter(b=y) == filter(a=x, b=y)."""
        assert ds.filter(origin=origin).filter(sector=sector, years=(start, 1991)) == ds.filter(
            origin=origin, sector=sector, years=(start, 1991)
        )


class TestSearch:
    @pytest.mark.parametrize(
        ("query", "name"),
        [
            ("milosz", "Czesław Miłosz"),
            ("swiatlo", "Józef Światło"),
            ("MIŁOSZ", "Czesław Miłosz"),
            ("puskas", "Ferenc Puskás"),
            ("hayhanen", "Reino Häyhänen"),
        ],
    )
    def test_diacritic_insensitive(self, dataset, query, name):
        """Search ignores case and diacritics, including ł."""
        assert name == dataset.search(query)[0].name

    def test_names_rank_first(self, dataset):
        """A name match ranks before an earlier record that matches only in its summary."""
        assert ["Nora Kovach", "Istvan Rabovsky"] == [r.name for r in dataset.search("kovach")]

    def test_summary_match(self, dataset):
        """A word found only in a summary still matches."""
        assert "Nasreddin Murat-Khan" in [r.name for r in dataset.search("Pakistan")]

    @pytest.mark.parametrize("query", ["|", "milosz |"])
    def test_separator_is_not_a_wildcard(self, dataset, query):
        """A character no record's text holds matches nothing, not every record."""
        assert [] == list(dataset.search(query))

    def test_empty_query(self, dataset):
        """An empty query is a ValueError, not everything."""
        with pytest.raises(ValueError, match="empty"):
            dataset.search("   ")

    @given(datasets(min_size=1, max_size=5), st.data())
    def test_case_insensitive_property(self, ds, data):
        """Searching a record's name in upper case finds it."""
        record = data.draw(st.sampled_from(list(ds)))
        words = defectors.fold(record.name).split()
        if words:
            assert record in ds.search(record.name.upper())


class TestFuzzySearch:
    @pytest.mark.parametrize(
        ("query", "name"),
        [
            ("Nuriev", "Rudolf Nureyev"),  # another English transliteration
            ("Nurejew", "Rudolf Nureyev"),  # German
            ("Noureev", "Rudolf Nureyev"),  # French
            ("Нуреев", "Rudolf Nureyev"),  # Cyrillic
            ("Rudolph Nureyev", "Rudolf Nureyev"),
            ("Baryschnikow", "Mikhail Baryshnikov"),
            ("Gordievskiy", "Oleg Gordievsky"),
            ("Kortschnoi", "Viktor Korchnoi"),
            ("Alliluieva", "Svetlana Alliluyeva"),
            ("Bielenko", "Viktor Belenko"),
            ("Swiatlo", "Józef Światło"),
            ("Mogilnyi", "Alexander Mogilny"),
        ],
    )
    def test_spellings_find_the_person(self, dataset, query, name):
        """Transliterations and their German, French and Cyrillic forms find the record first."""
        assert name == dataset.search(query, fuzzy=True)[0].name

    def test_only_names_are_searched(self, dataset):
        """A word found only in summaries matches nothing when fuzzy."""
        assert ([], True) == (
            list(dataset.search("Pakistan", fuzzy=True)),
            len(dataset.search("Pakistan")) > 0,
        )

    def test_short_words_must_be_exact(self, dataset):
        """A word of fewer than four letters is not matched approximately."""
        found = dataset.search("Leo", fuzzy=True)
        assert found
        assert all("leo" in defectors.fold(r.name).split() for r in found)

    @pytest.mark.parametrize(
        ("query", "name"),
        [("Khan", "Nasreddin Murat-Khan"), ("Shostakovich Jr", "Dmitri Shostakovich Jr.")],
    )
    def test_punctuation_divides_words(self, dataset, query, name):
        """Hyphens and dots divide a name's words, in the name and in the query."""
        assert name in [r.name for r in dataset.search(query, fuzzy=True)]

    @pytest.mark.parametrize("spelling", ["Szczaranski", "Schtscharanski", "Щаранский"])
    def test_spellings_of_one_sound_share_a_key(self, spelling):
        """Polish, German and Cyrillic spellings of shch give the English key."""
        assert name_key("sharansky") == name_key(fold(spelling))

    def test_long_words_are_compared_only_whole(self):
        """Keys past 64 letters match only when equal or a start: no quadratic comparison."""
        long = "ab" * 100
        assert (similar(long, long), similar(long[:70], long), similar("ba" * 100, long)) == (
            1.0,
            0.9,
            0.0,
        )

    def test_suggestions_do_not_repeat(self, dataset):
        """Two records of one name are suggested once."""
        nureyev = dataset.get("Rudolf Nureyev")
        twins = Dataset([nureyev, attrs.evolve(nureyev, id="rudolf-nureyev-2")])
        with pytest.raises(UnknownDefectorError) as info:
            twins.get("Nuriev")
        assert ("Rudolf Nureyev",) == info.value.suggestions

    def test_every_word_must_match(self, dataset):
        """A second word that is like no name word rules the record out."""
        assert [] == list(dataset.search("Nureyev Zzyzx", fuzzy=True))

    def test_arguments_are_checked(self, dataset):
        """No words is an InvalidArgumentError; a fuzzy that is not a bool is a TypeError."""
        with pytest.raises(defectors.InvalidArgumentError, match="empty"):
            dataset.search(" ", fuzzy=True)
        with pytest.raises(TypeError, match="fuzzy must be a bool"):
            dataset.search("Nureyev", fuzzy="yes")  # type: ignore[arg-type]

    @given(st.data())
    def test_every_name_finds_its_record(self, dataset, data):
        """Any bundled record's own name, searched fuzzily, finds it first or tied first."""
        record = data.draw(st.sampled_from(list(dataset)))
        found = list(dataset.search(record.name, fuzzy=True))

        def keys(r):
            return {name_key(w) for n in (r.name, *r.also_known_as) for w in fold(n).split()}

        # Records holding every word of the name exactly score highest, in dataset order.
        best = [r for r in found if {name_key(w) for w in fold(record.name).split()} <= keys(r)]
        assert record in found[: len(best)]

    def test_a_miss_suggests_the_spelling(self, dataset):
        """get() of another spelling of a surname suggests the person."""
        with pytest.raises(UnknownDefectorError, match="did you mean 'Rudolf Nureyev'"):
            dataset.get("Nuriev")


class TestGet:
    def test_by_id(self, dataset):
        """get() finds a record by id."""
        assert "Czesław Miłosz" == dataset.get("czeslaw-milosz").name

    def test_by_plain_name(self, dataset):
        """get() finds a record by its name without diacritics."""
        assert "ferenc-puskas" == dataset.get("Ferenc Puskas").id

    def test_other_name(self, dataset):
        """get() finds a record by its other name, and not by names run together."""
        assert ("viktor-suvorov", None) == (
            dataset.get("vladimir rezun").id,
            dataset.get("Viktor Suvorov | Vladimir Rezun", None),
        )

    def test_miss_with_default(self, dataset):
        """A miss returns the default when one is given."""
        assert None is dataset.get("Nobody", None)

    def test_miss_raises_with_suggestions(self, dataset):
        """A miss raises UnknownDefectorError, a LookupError, with close names."""
        with pytest.raises(UnknownDefectorError, match="Ferenc Puskás") as info:
            dataset.get("Ferenc Puskaz")
        assert isinstance(info.value, LookupError)

    def test_module_level_get(self):
        """defectors.get() looks up the bundled data."""
        assert defectors.load().get("czeslaw-milosz") is defectors.get("czeslaw-milosz")

    def test_type_error(self, dataset):
        """A non-string key is a TypeError."""
        with pytest.raises(TypeError):
            dataset.get(3)  # type: ignore[call-overload]


class TestGrouping:
    @pytest.mark.parametrize("field", SINGLE_VALUED)
    def test_groups_partition(self, dataset, field):
        """For single-valued fields the groups sum to the whole dataset."""
        groups = dataset.group_by(field)
        assert len(dataset) == sum(len(g) for g in groups.values())

    @pytest.mark.parametrize("field", [*SINGLE_VALUED, "sector"])
    def test_count_agrees_with_group(self, dataset, field):
        """count_by agrees with group_by."""
        counts = dataset.count_by(field)
        groups = dataset.group_by(field)
        assert {k: len(g) for k, g in groups.items()} == counts

    def test_count_largest_first(self, dataset):
        """count_by is ordered largest first."""
        counts = list(dataset.count_by("origin").values())
        assert sorted(counts, reverse=True) == counts

    def test_none_is_last_key(self, dataset):
        """None is a real key, sorted last."""
        keys = list(dataset.group_by("destination"))
        assert None is keys[-1]

    def test_sector_counts_each_sector(self, dataset):
        """A record with two sectors counts under both."""
        record = dataset.get("fedir-bohatyrchuk")
        groups = dataset.group_by("sector")
        assert record in groups[Sector.SPORT]
        assert record in groups[Sector.SCIENCE]

    def test_decade_keys(self, dataset):
        """Decades are ints such as 1950."""
        decades = list(dataset.group_by("decade"))
        assert (sorted({r.year // 10 * 10 for r in dataset}), True) == (
            decades,
            all(isinstance(d, int) and d % 10 == 0 for d in decades),
        )

    def test_cross_table_agrees_with_groups(self, dataset):
        """count_by(a, b)[x][y] counts the records of group x whose key for b is y."""
        table = dataset.count_by("origin", "decade")
        groups = dataset.group_by("origin")
        decades = sorted({r.year // 10 * 10 for r in dataset})
        assert {
            country: {d: len(group.filter(years=(d, d + 9))) for d in decades}
            for country, group in groups.items()
        } == table

    def test_cross_table_rows_largest_first_columns_in_order(self, dataset):
        """Rows come largest total first; every row has every column, in key order."""
        table = dataset.count_by("origin", "decade")
        assert (list(dataset.count_by("origin")), [sorted(row) for row in table.values()]) == (
            list(table),
            [list(row) for row in table.values()],
        )

    def test_cross_table_with_sectors(self, dataset):
        """A record counts once under each of its sectors in a cross-table too."""
        table = dataset.count_by("sector", "decade")
        assert dataset.count_by("sector") == {k: sum(row.values()) for k, row in table.items()}

    def test_era_scheme(self, dataset):
        """count_by, group_by and sorted_by take the era scheme."""
        counts = dataset.count_by("era", scheme="cold-war")
        assert ({"cold-war"}, len(dataset)) == (
            {e.scheme for e in counts if e is not None},
            sum(counts.values()),
        )
        assert list(dataset.group_by("era", scheme="cold-war")) == sorted(
            counts, key=lambda e: e.start
        )
        first = dataset.sorted_by("era", scheme="cold-war")[0]
        assert min(r.year for r in dataset) == first.year

    def test_unknown_scheme(self, dataset):
        """An unknown scheme raises UnknownEraError, whatever the field."""
        with pytest.raises(UnknownEraError):
            dataset.count_by("origin", scheme="tsars")

    def test_unknown_field(self, dataset):
        """An unknown field is a ValueError listing the fields."""
        with pytest.raises(ValueError, match="expected one of origin"):
            dataset.count_by("colour")  # type: ignore[arg-type]

    @given(datasets(max_size=10), st.sampled_from(SINGLE_VALUED))
    def test_partition_property(self, ds, field):
        """Groups of single-valued fields sum to the whole for any dataset."""
        assert len(ds) == sum(len(g) for g in ds.group_by(field).values())


class TestSorting:
    def test_sorted_by_year_reverse(self, dataset):
        """sorted_by('year', reverse=True) puts the latest first."""
        years = [r.year for r in dataset.sorted_by("year", reverse=True)]
        assert sorted(years, reverse=True) == years

    @pytest.mark.parametrize("reverse", [False, True])
    def test_none_last_both_ways(self, dataset, reverse):
        """Records without a destination come last in either direction."""
        ordered = dataset.sorted_by("destination", reverse=reverse)
        tail = [r.destination for r in ordered][-3:]
        assert [None, None, None] == tail

    def test_stable(self, dataset):
        """Equal keys keep the dataset's order."""
        ordered = dataset.sorted_by("origin")
        soviet = [r.id for r in ordered if r.origin.key == "SUHH"]
        assert [r.id for r in dataset if r.origin.key == "SUHH"] == soviet


class TestMerge:
    def test_merge_with_itself(self, dataset):
        """ds.merge(ds) == ds."""
        assert dataset == dataset.merge(dataset)

    def test_adds_new_records(self, dataset):
        """Records with new ids are appended."""
        extra = Dataset([attrs.evolve(dataset[0], id="someone-new")])
        merged = dataset.merge(extra)
        assert (len(dataset) + 1, "someone-new") == (len(merged), merged[-1].id)

    def test_conflict_policies(self, dataset):
        """A changed record conflicts: error raises, ours keeps, theirs replaces."""
        changed = attrs.evolve(dataset[0], summary="Corrected summary.")
        other = Dataset([changed])
        with pytest.raises(DatasetError, match=dataset[0].id):
            dataset.merge(other)
        assert dataset[0] == dataset.merge(other, on_conflict="ours")[0]
        assert changed == dataset.merge(other, on_conflict="theirs")[0]

    def test_bad_policy(self, dataset):
        """An unknown on_conflict is a ValueError."""
        with pytest.raises(ValueError, match="on_conflict"):
            dataset.merge(dataset, on_conflict="mine")  # type: ignore[arg-type]

    def test_merge_type(self, dataset):
        """Only a Dataset can be merged."""
        with pytest.raises(TypeError):
            dataset.merge(list(dataset))  # type: ignore[arg-type]

    @given(datasets(max_size=8))
    def test_merge_idempotent(self, ds):
        """Merging any dataset with itself gives it back."""
        assert ds == ds.merge(ds)


class TestPandas:
    def test_without_pandas(self, dataset, monkeypatch):
        """Without pandas, to_pandas() says which extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"defectors\[pandas\]"):
            dataset.to_pandas()
