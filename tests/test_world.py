"""Country names of the whole world, fast misses, the batch form, state_of and country queries."""

from __future__ import annotations

import copy
import itertools
import math
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors
import defectors._normalize as module
from defectors._countries import country_table, get_country
from defectors._model import ORIGIN_KEYS
from defectors._normalize import _find, _index, _key, normalize_countries, normalize_country
from defectors._states import _HELD, EARLIER_STATES, query_keys, state_of
from defectors.exceptions import (
    AmbiguousStateError,
    CountryQueryError,
    DefectorsError,
    UnknownCountryError,
)

VARIANTS = Path(__file__).parent / "data" / "country_variants.tsv"


def _variants() -> list[tuple[str, str, str]]:
    rows = []
    for line in VARIANTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            variant, key, source = line.split("\t")
            rows.append((variant, key, source))
    return rows


#: How code lists abbreviate the words of names.
_ABBREVIATIONS = (
    ("Republic", "Rep."),
    ("Democratic", "Dem."),
    ("Saint", "St."),
    ("Islands", "Is."),
    (" and ", " & "),
    ("Federated", "Fed."),
    ("States", "Sts."),
)


def _abbreviated(name: str) -> str:
    for long, short in _ABBREVIATIONS:
        name = name.replace(long, short)
    return name


def _list_styles(name: str) -> set[str]:
    """Return the forms code lists give *name*: inverted, abbreviated, with articles."""
    out = {name, name.upper(), name.lower(), f"The {name}", _abbreviated(name)}
    match = re.fullmatch(r"(.+?) of (?:the )?(.+)", name)
    if match is not None:
        head, rest = match.groups()
        out |= {f"{rest}, {head}", f"{rest} ({head} of)", f"{rest}, {head} of the"}
        out.add(_abbreviated(f"{rest}, {head}"))
    return out


def _found_key(text: str) -> str | None:
    found = _find(text, _index())
    if isinstance(found, tuple):
        return "|".join(c.key for c in found)
    return None if found is None else found.key


class TestWorldNames:
    @pytest.mark.parametrize(("variant", "key", "source"), _variants())
    def test_corpus_variant(self, variant, key, source):
        """Each hand-written variant from the code lists gives its documented key."""
        assert key == _found_key(variant), source

    def test_corpus_hit_rate_is_reported(self, capsys):
        """The whole corpus resolves; the rate is printed for the record (pytest -s)."""
        rows = _variants()
        hits = sum(_found_key(variant) == key for variant, key, _ in rows)
        with capsys.disabled():
            print(  # noqa: T201 - the hit rate is the figure this test reports
                f"\ncountry variant corpus: {hits}/{len(rows)} ({hits / len(rows):.1%})"
            )
        assert len(rows) == hits

    @pytest.mark.parametrize(
        ("text", "key"),
        [
            ("UAE", "ARE"),
            ("DPRK", "PRK"),
            ("DR Congo", "COD"),
            ("Republic of Ireland", "IRL"),
            ("Korea, South", "KOR"),
            ("US Virgin Islands", "VIR"),
            ("Chinese Taipei", "TWN"),
            ("Soviet Russia", "RUS"),
            ("Bahamas (the)", "BHS"),
            ("Gambia, The", "GMB"),
            ("Netherlands (Kingdom of the)", "NLD"),
            ("Korea, Rep.", "KOR"),
            ("Congo, Dem. Rep.", "COD"),
            ("Iran, Islamic Rep.", "IRN"),
            ("Venezuela, RB", "VEN"),
            ("Micronesia, Fed. Sts.", "FSM"),
            ("Korea, North", "PRK"),
            ("U.A.E.", "ARE"),
            ("DRC", "COD"),
            ("Lao PDR", "LAO"),
            ("Dominican Rep.", "DOM"),
            ("St. Lucia", "LCA"),
            ("St Lucia", "LCA"),
            ("Trinidad & Tobago", "TTO"),
            ("Korea South", "KOR"),
            ("Congo Kinshasa", "COD"),
            ("Congo-Brazzaville", "COG"),
            ("Hong Kong SAR, China", "HKG"),
            ("China, Macao SAR", "MAC"),
            ("Formosa", "TWN"),
            ("Bolivia (Plurinational State of)", "BOL"),
            ("Virgin Islands (U.S.)", "VIR"),
            ("Zimbabwe (Rhodesia)", "ZWE"),
            ("Russia (Soviet Union)", "RUS"),
            ("Burma/Myanmar", "MMR"),
            ("Zaire", "COD"),
            ("Upper Volta", "BFA"),
            ("Dahomey", "BEN"),
            ("Ceylon", "LKA"),
            ("Burma", "MMR"),
            ("East Timor", "TLS"),
            ("Gold Coast", "GHA"),
            ("Surinam", "SUR"),
            ("German Federal Republic", "DEU"),
            ("XK", "XKX"),
            ("XKX", "XKX"),
            ("Bessarabia", "MDA|UKR"),
        ],
    )
    def test_forms_from_the_issue(self, text, key):
        """Every form the issue lists as failing resolves (Bessarabia: a split region)."""
        assert key == _found_key(text)

    def test_lookup_forms_are_fixed_points(self):
        """Every lookup form is its own lookup form: the fast path for plain names is exact."""
        index = _index()
        assert [] == [f for f in (*index.names, *index.regions) if _key(f) != f]

    @pytest.mark.parametrize("iso", list(pycountry.countries), ids=lambda c: c.alpha_3)
    def test_numeric_codes_with_or_without_zeros(self, iso):
        """ISO numeric codes resolve, padded or not."""
        assert iso.alpha_3 == normalize_country(iso.numeric).key
        assert iso.alpha_3 == normalize_country(str(int(iso.numeric))).key

    @pytest.mark.parametrize("iso", list(pycountry.countries), ids=lambda c: c.alpha_3)
    def test_iso_names_survive_reformatting(self, iso):
        """An ISO name upper-cased, inverted at its last word or stripped of dots resolves."""
        name = iso.name
        for text in (name.upper(), name.replace(".", ""), f"  {name.lower()}  "):
            assert iso.alpha_3 == normalize_country(text).key, text

    def test_different_government_words_never_meet(self):
        """Words that tell states apart are kept: no German state is the other one."""
        assert "DEU" == normalize_country("German Federal Republic").key
        assert "DDDE" == normalize_country("German Democratic Republic").key
        assert "KOR" == normalize_country("Korea, Republic").key

    @pytest.mark.parametrize(
        "text",
        [
            "Korea",
            "Ukraine, Atlantis",
            "Atlantis (Ukraine)x",
            "Atlantis, Poland",
            "Papal States",
            "Mariana Islands",
            "Stateless",
            "Unknown",
            "European Union",
            "Republic",
            "Republika",
            "Federation",
            "People's Republic",
        ],
    )
    def test_no_guesses(self, text):
        """A split region, a label whose other part names nothing, or no place, gives nothing."""
        assert None is normalize_country(text, strict=False)

    @pytest.mark.parametrize(
        ("text", "key"),
        [
            ("AUS", "AUS"),  # COW: Austria
            ("SWZ", "SWZ"),  # COW: Switzerland
            ("SLO", "SVN"),  # COW: Slovakia; IOC: Slovenia
            ("MNG", "MNG"),  # COW: Montenegro
            ("MAC", "MAC"),  # COW: Macedonia
            ("NIR", "GBR"),  # COW: Niger; IOC: Northern Ireland
            ("BAH", "BHS"),  # COW: Bahrain; IOC: the Bahamas
            ("UKG", "GBR"),
            ("GFR", "DEU"),
            ("ROM", "ROU"),
        ],
    )
    def test_state_abbreviations_never_shadow_iso_or_ioc_codes(self, text, key):
        """A COW abbreviation is known only where no ISO or IOC code has those letters."""
        assert key == _found_key(text)

    @pytest.mark.parametrize(
        ("text", "key"),
        [
            ("Congo", "COG"),  # ISO 3166-1's short name of the Republic of the Congo
            ("Guinea", "GIN"),
            ("Sudan", "SDN"),
            ("Macedonia", "MKD"),
            ("Micronesia", "FSM"),
            ("Georgia", "GEO"),
            ("Virgin Islands", "VIR"),
            ("Virgin Islands (UK)", "VGB"),  # the qualifier decides
            ("Congo (Zaire)", "COD"),
            ("England", "GBR"),
        ],
    )
    def test_ambiguous_names_follow_the_documented_rules(self, text, key):
        """A name shared with a non-state goes to the state; a qualifier decides."""
        assert key == _found_key(text)

    def test_every_generated_row_resolves_to_its_key_or_a_documented_winner(self):
        """Each spelling in names.tsv resolves to its own key, bar documented precedence."""
        text = (Path(defectors.__file__).parent / "data" / "names.tsv").read_text("utf-8")
        elsewhere = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                name, key, _ = line.split("\t")
                found = normalize_country(name, strict=False)
                if found is None or found.key != key:
                    elsewhere[name, key] = found and found.key
        assert {
            ("AI", "DJI"): "AIA",  # current states keep their codes (aliases.tsv)
            ("BQ", "BQAQ"): "BES",
            ("GE", "GEHH"): "GEO",
            ("SK", "SKIN"): "SVK",
            ("ATF", "FQHH"): "ATF",
            ("296", "GEHH"): "KIR",
            ("CS", "CSXX"): "CSHH",  # the older state, for this period
            ("891", "CSXX"): "YUCS",
            ("France", "FXFR"): "FRA",  # a current state's name wins
            ("Viet-Nam", "VDVN"): "VNM",
            ("Yemen", "YDYE"): "YEM",
        } == elsewhere

    @pytest.mark.parametrize("iso", list(pycountry.countries), ids=lambda c: c.alpha_3)
    def test_list_style_variants_of_iso_names(self, iso):
        """Inversions, abbreviations, articles and case of every ISO name resolve."""
        for attr in ("name", "official_name", "common_name"):
            name = getattr(iso, attr, None)
            if name is not None:
                for text in _list_styles(name):
                    assert iso.alpha_3 == normalize_country(text).key, text

    @given(st.sampled_from(sorted(c.key for c in country_table().values())))
    def test_names_of_every_entry_resolve_to_a_state_with_that_name(self, key):
        """The name of every entry resolves to an entry (renamed ones to today's state)."""
        found = normalize_country(get_country(key).name)
        assert found.name == get_country(key).name or get_country(key).historic


class TestPlaces:
    @pytest.mark.parametrize(
        ("text", "country", "polity"),
        [
            ("Korea, Rep.", "KOR", None),
            ("Ossetia/Korea", None, None),
            ("Zaire", "COD", None),
            ("Kazakh SSR", "KAZ", "SUHH"),
            ("Czechoslovakia (Slovak Socialist Republic)", None, "CSHH"),
        ],
    )
    def test_world_forms_as_places(self, text, country, polity):
        """Place texts in world forms give the country, or nothing for split regions."""
        place = defectors.normalize_place(text)
        assert (country, polity) == (
            place.country and place.country.key,
            place.polity and place.polity.key,
        )

    def test_unknown_labels_raise(self):
        """A label none of whose parts names anything raises."""
        with pytest.raises(UnknownCountryError):
            defectors.normalize_place("Atlantis/Mu")


class TestFastMisses:
    def test_suggestions_are_computed_when_read(self, monkeypatch):
        """Raising does not look for close names; reading them does."""
        calls = []
        real = module._suggestions
        monkeypatch.setattr(module, "_suggestions", lambda *a: calls.append(a) or real(*a))
        with pytest.raises(UnknownCountryError) as info:
            normalize_country("Czechoslovkia")
        assert [] == calls
        assert ("Czechoslovakia",) == info.value.suggestions
        assert "did you mean 'Czechoslovakia'" in str(info.value)
        assert 1 == len(calls)

    def test_lazy_error_is_an_unknown_country_error(self):
        """The error is the documented class in every way a caller sees."""
        with pytest.raises(UnknownCountryError) as info:
            normalize_country("Atlantis")
        error = info.value
        assert isinstance(error, DefectorsError)
        assert isinstance(error, LookupError)
        assert "Atlantis" == error.query
        assert error.by_key is False
        assert "UnknownCountryError" == type(error).__name__
        assert "UnknownCountryError" in repr(error)

    def test_lazy_error_pickles_and_copies_as_the_eager_one(self):
        """Pickling and copying give an UnknownCountryError with the same suggestions."""
        with pytest.raises(UnknownCountryError) as info:
            normalize_country("Czechoslovkia")
        pickled = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own
        for clone in (copy.copy(info.value), pickled):
            assert isinstance(clone, UnknownCountryError)
            assert ("Czechoslovakia",) == clone.suggestions

    def test_args_are_the_message_before_and_after_pickling(self):
        """The raised error's args are its message, as after pickle or copy."""
        with pytest.raises(UnknownCountryError) as info:
            normalize_country("Atlantis")
        error = info.value
        assert ((str(error),),) * 3 == (
            error.args,
            pickle.loads(pickle.dumps(error)).args,  # noqa: S301 - our own bytes
            copy.copy(error).args,
        )

    def test_suggestions_can_be_set(self):
        """Like the eager error's, the attribute can be assigned."""
        with pytest.raises(UnknownCountryError) as info:
            normalize_country("Atlantis")
        info.value.suggestions = ("Poland",)
        assert ("Poland",) == info.value.suggestions

    def test_misses_do_not_compute_suggestions(self, monkeypatch):
        """A miss, raising or not, looks for close names only when the error is read.

        Looking for close names is what made a miss cost a thousand hits; the figures are in
        benchmarks/bench_normalize.py (speed is measured there, not in tests).
        """
        calls = []
        real = module._suggestions

        def counting(*args):
            calls.append(args)
            return real(*args)

        monkeypatch.setattr(module, "_suggestions", counting)
        _index().memo.clear()
        for i in range(100):
            assert normalize_country(f"Nowhereland {i}", strict=False) is None
            with pytest.raises(UnknownCountryError):
                normalize_country(f"Elsewhere {i}")
        assert [] == calls
        with pytest.raises(UnknownCountryError) as info:
            normalize_country("Czechoslovakiaa")
        assert ("Czechoslovakia" in str(info.value), 1) == (True, len(calls))
        _index().memo.clear()

    def test_memo_is_bounded(self, monkeypatch):
        """The memo of looked-up texts is emptied when full."""
        monkeypatch.setattr(module, "_MEMO_SIZE", 3)
        _index().memo.clear()
        for text in ["Poland", "Hungary", "Romania", "Bulgaria"]:
            normalize_country(text)
        assert len(_index().memo) <= 3
        _index().memo.clear()


class TestBatch:
    def test_column(self):
        """Each text gives its country; misses and missing values give None."""
        found = normalize_countries(["Korea, Rep.", "UAE", None, math.nan, "Atlantis", "UAE"])
        assert ["KOR", "ARE", None, None, None, "ARE"] == [c and c.key for c in found]

    def test_strict_raises_for_the_first_miss(self):
        """With strict=True, the first text that names nothing raises."""
        with pytest.raises(UnknownCountryError, match="Atlantis"):
            normalize_countries(["Poland", "Atlantis", "Mu"], strict=True)

    def test_pandas_series(self):
        """A Series with missing cells works."""
        pd = pytest.importorskip("pandas")
        series = pd.Series(["Viet Nam", None, "Czechoslovakia"])
        assert ["VNM", None, "CSHH"] == [c and c.key for c in normalize_countries(series)]

    def test_generator_and_empty(self):
        """Any iterable, empty included."""
        assert [] == normalize_countries(iter([]))
        assert ["POL"] == [c.key for c in normalize_countries(x for x in ["PL"]) if c]

    @pytest.mark.parametrize("value", ["Poland", b"PL", 42])
    def test_type_errors(self, value):
        """A single string, or a value that is neither a string nor missing, is a TypeError."""
        with pytest.raises(TypeError):
            normalize_countries(value if isinstance(value, (str, bytes)) else [value])

    @pytest.mark.parametrize("value", [None, 42, 3.5])
    def test_not_iterable(self, value):
        """A value that is no collection at all is a TypeError that says what is expected."""
        with pytest.raises(TypeError, match=rf"iterable of names .* not {type(value).__name__}$"):
            normalize_countries(value)

    @given(st.lists(st.text(max_size=12) | st.none(), max_size=20))
    def test_agrees_with_normalize_country(self, texts):
        """The batch form is normalize_country(strict=False) of each text."""
        expected = [None if t is None else normalize_country(t, strict=False) for t in texts]
        assert expected == normalize_countries(texts)


class TestStateOf:
    @pytest.mark.parametrize(
        ("country", "year", "key"),
        [
            ("Lithuania", 1970, "SUHH"),
            ("Lithuania", 1930, "LTU"),
            ("Slovakia", 1980, "CSHH"),
            ("Croatia", 1980, "YUCS"),
            ("Byelorussian SSR", 1953, "SUHH"),
            ("Byelorussian SSR", 1925, "SUHH"),
            ("Kazakh SSR", 1970, "SUHH"),
            ("Poland", 1960, "POL"),
            ("Poland", 1930, "second-polish-republic"),
            ("Poland", 1942, "german-occupied-poland"),
            ("Latvia", 1943, "nazi-germany"),
            ("Estonia", 2000, "EST"),
            ("Ukraine", 1930, "SUHH"),
            ("Germany", 1925, "weimar-republic"),
            ("Germany", 1938, "nazi-germany"),
            ("Germany", 1947, "allied-occupied-germany"),
            ("Germany", 1995, "DEU"),
            ("East Germany", 1970, "DDDE"),
            ("East Germany", 1947, "soviet-occupation-zone-of-germany"),
            ("Czechia", 1942, None),
            ("Slovakia", 1942, "slovak-state"),
            ("Bosnia and Herzegovina", 1942, "independent-state-of-croatia"),
            ("Austria", 1940, "nazi-germany"),
            ("Serbia", 2005, "CSXX"),
            ("Montenegro", 1942, "ITA"),
            ("Kosovo", 2010, "XKX"),
            ("Hungary", 1930, "kingdom-of-hungary"),
            ("Romania", 1930, "kingdom-of-romania"),
            ("USSR", 1960, "SUHH"),
            ("Czechoslovakia", 1980, "CSHH"),
            ("France", 1960, "FRA"),
            ("Zaire", 1980, "COD"),
            ("Weimar Republic", 1925, "weimar-republic"),
        ],
    )
    def test_answers(self, country, year, key):
        """The documented holder, or a refusal where several held it."""
        if key is None:
            with pytest.raises(AmbiguousStateError):
                state_of(country, year)
        else:
            assert key == state_of(country, year).key

    @pytest.mark.parametrize(
        ("country", "year", "keys"),
        [
            ("Germany", 1970, {"DEU", "DDDE"}),
            ("Lithuania", 1940, {"LTU", "SUHH"}),
            ("Russia", 1991, {"SUHH", "RUS"}),
            ("Czechoslovakia", 1942, {
                "protectorate-of-bohemia-and-moravia", "slovak-state", "nazi-germany",
            }),
        ],
    )  # fmt: skip
    def test_refusals_name_the_candidates(self, country, year, keys):
        """An ambiguous year raises a LookupError naming the candidates."""
        with pytest.raises(AmbiguousStateError) as info:
            state_of(country, year)
        assert keys == {c.key for c in info.value.candidates}
        assert isinstance(info.value, LookupError)
        assert isinstance(info.value, DefectorsError)
        for candidate in info.value.candidates:
            assert candidate.name in str(info.value)

    @pytest.mark.parametrize(("country", "year"), [("Kazakhstan", 1900), ("USSR", 1900)])
    def test_years_the_table_does_not_cover(self, country, year):
        """Outside the table, and outside a historical state's years, it refuses."""
        with pytest.raises(AmbiguousStateError, match="does not say") as info:
            state_of(country, year)
        assert () == info.value.candidates

    def test_accepts_a_country(self):
        """A Country works like its name."""
        assert state_of("Lithuania", 1970) == state_of(get_country("LTU"), 1970)

    @pytest.mark.parametrize(("country", "year"), [("Poland", "1960"), (42, 1960)])
    def test_type_errors(self, country, year):
        """A year that is not an int, or a country that is neither, is a TypeError."""
        with pytest.raises(TypeError):
            state_of(country, year)

    def test_unknown_country(self):
        """An unknown name raises UnknownCountryError."""
        with pytest.raises(UnknownCountryError):
            state_of("Atlantis", 1960)

    def test_error_pickles(self):
        """AmbiguousStateError round-trips through pickle with its attributes."""
        with pytest.raises(AmbiguousStateError) as info:
            state_of("Germany", 1970)
        clone = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own
        assert str(info.value) == str(clone)
        assert info.value.candidates == clone.candidates
        assert (info.value.country, info.value.year) == (clone.country, clone.year)

    @given(
        st.sampled_from(sorted(_HELD)),
        st.integers(1850, 2030),
    )
    def test_every_answer_existed_that_year(self, key, year):
        """A single answer is a state that existed that year; a refusal is the documented error."""
        try:
            found = state_of(get_country(key), year)
        except AmbiguousStateError:
            return
        assert (found.start or year) <= year <= (found.end or year) or not found.historic

    def test_rows_are_in_order_and_name_known_keys(self):
        """Each territory's rows run forward without overlaps, with keys of the table."""
        table = country_table()
        for key, rows in _HELD.items():
            assert key in table
            for (_, last, _), (first, _, _) in itertools.pairwise(rows):
                assert last < first, key
            for first, last, holders in rows:
                assert first <= last
                assert all(k in table for k in holders.split()), (key, holders)

    def test_is_eastern_bloc_uses_it_for_ssr_forms(self):
        """A Soviet republic's SSR form counts as the Soviet Union; today's state does not."""
        assert defectors.is_eastern_bloc("Byelorussian SSR", 1953)
        assert defectors.is_eastern_bloc("Latvian SSR", 1960)
        assert not defectors.is_eastern_bloc("Belarus", 1953)
        assert not defectors.is_eastern_bloc("Byelorussian SSR", 1921)


class TestCountryQueries:
    @pytest.mark.parametrize(
        ("origin", "meant"),
        [
            ("Russia", ["SUHH"]),
            ("Ukraine", ["SUHH"]),
            ("Slovakia", ["CSHH"]),
            ("Germany", ["DDDE"]),
            ("Russian Empire", ["POL", "SUHH"]),
            ("Yugoslavia", []),
            ("France", []),
        ],
    )
    def test_origin_that_cannot_match_raises(self, dataset, origin, meant):
        """An origin that is not one of the eight states raises, naming the state meant."""
        with pytest.raises(CountryQueryError) as info:
            dataset.filter(origin=origin)
        assert meant == [c.key for c in info.value.meant]
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, DefectorsError)
        assert "origin=" in str(info.value)
        for country in info.value.meant:
            assert country.name in str(info.value)

    def test_origin_in_a_collection_is_checked_too(self, dataset):
        """Every item of a collection is checked."""
        with pytest.raises(CountryQueryError):
            dataset.filter(origin=["Poland", "Russia"])

    @pytest.mark.parametrize("key", sorted(ORIGIN_KEYS))
    def test_the_eight_origins_match_records(self, dataset, key):
        """Each origin state passes the check and matches records."""
        assert len(dataset.filter(origin=get_country(key))) > 0

    def test_germany_matches_its_earlier_states(self, dataset):
        """destination="Germany" finds the Weimar and Nazi-era records too."""
        found = {d.destination.key for d in dataset.filter(destination="Germany")}
        assert {"DEU", "weimar-republic", "nazi-germany"} <= found
        assert "DDDE" not in found

    def test_west_germany_is_germany(self, dataset):
        """West Germany is the same query as Germany."""
        assert dataset.filter(destination="West Germany") == dataset.filter(destination="DEU")

    def test_earlier_states_match_only_themselves(self, dataset):
        """A query for an earlier state does not widen to the later one."""
        found = {d.destination.key for d in dataset.filter(destination="Weimar Republic")}
        assert {"weimar-republic"} == found

    def test_query_keys(self):
        """A state's query keys are its own and its earlier states'."""
        assert {"DEU", *EARLIER_STATES["DEU"]} == query_keys(get_country("DEU"))
        assert {"CZE"} == query_keys(get_country("CZE"))
        for key, earlier in EARLIER_STATES.items():
            assert key in country_table()
            assert all(k in country_table() for k in earlier)

    def test_error_pickles(self, dataset):
        """CountryQueryError round-trips through pickle with its attributes."""
        with pytest.raises(CountryQueryError) as info:
            dataset.filter(origin="Russia")
        clone = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own
        assert str(info.value) == str(clone)
        assert (info.value.keyword, info.value.country, info.value.meant) == (
            clone.keyword,
            clone.country,
            clone.meant,
        )


class TestColdStart:
    def test_babel_is_never_imported(self):
        """Babel is a build-time tool only: using the lookup does not import it."""
        code = (
            "import sys, defectors; defectors.normalize_country('Korea, Rep.'); "
            "defectors.state_of('Lithuania', 1970); print('babel' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False" == result.stdout.strip()
