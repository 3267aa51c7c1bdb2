from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors
import defectors._normalize as normalize_module
from defectors._countries import country_table, get_country
from defectors._model import ORIGIN_KEYS
from defectors._normalize import (
    _index,
    _key,
    eastern_bloc,
    is_eastern_bloc,
    normalize_country,
    normalize_place,
    successors,
)
from defectors.exceptions import DefectorsError, UnknownCountryError

SUPPLEMENT = Path(__file__).resolve().parents[2] / "shared" / "data" / "supplement_1961_1991.tsv"

#: ISO spellings that deliberately resolve elsewhere, as documented in aliases.tsv.
DELIBERATE = {
    "AI": "AIA",  # Anguilla, not the French Afars and Issas
    "BQ": "BES",  # Bonaire, not the British Antarctic Territory
    "BY": "BLR",  # Belarus, which continues the Byelorussian SSR
    "BYS": "BLR",
    "BYAA": "BLR",
    "Byelorussian SSR Soviet Socialist Republic": "BLR",
    "CS": "CSHH",  # Czechoslovakia, never Serbia and Montenegro
    "ATF": "ATF",  # the French Southern Territories, not the withdrawn FQHH
    "GE": "GEO",  # Georgia, not the Gilbert and Ellice Islands
    "SK": "SVK",  # Slovakia, not Sikkim
}

#: Renamed states: every name and code of the withdrawn entry goes to today's state.
RENAMED = {
    "AIDJ": "DJI",
    "BUMM": "MMR",
    "DYBJ": "BEN",
    "HVBF": "BFA",
    "NHVU": "VUT",
    "RHZW": "ZWE",
    "TPTL": "TLS",
    "ZRCD": "COD",
}

#: Entries of the package's table that no text reaches (only get_country does).
UNREACHABLE = {"BYAA", *RENAMED}

names = st.sampled_from(sorted(_index().names))


def key_of(text: str) -> str:
    """Return the key of what *text* normalizes to."""
    return normalize_country(text).key


class TestNormalizeCountry:
    @pytest.mark.parametrize(
        ("text", "key"),
        [
            ("USSR", "SUHH"),
            ("U.S.S.R.", "SUHH"),
            ("the Soviet Union", "SUHH"),
            ("СССР", "SUHH"),
            ("G.D.R.", "DDDE"),
            ("East Germany", "DDDE"),
            ("Deutsche Demokratische Republik", "DDDE"),
            ("FRG", "DEU"),
            ("West Germany", "DEU"),
            ("Czecho-Slovakia", "CSHH"),
            ("Československo", "CSHH"),
            ("Yugoslavia", "YUCS"),
            ("Federal Republic of Yugoslavia", "YUCS"),
            ("UK", "GBR"),
            ("U.S.", "USA"),
            ("Polska", "POL"),
            ("Magyarország", "HUN"),
            ("Ukrainian SSR", "UKR"),
            ("Ukrainian Soviet Socialist Republic", "UKR"),
            ("Byelorussian SSR", "BLR"),
            ("Russian SFSR", "RUS"),
            ("Russia", "RUS"),
            ("Georgia", "GEO"),
            ("Russian Empire", "russian-empire"),
            ("Austria-Hungary", "austria-hungary"),
            ("Weimar Republic", "weimar-republic"),
            ("Nazi Germany", "nazi-germany"),
            ("Manchukuo", "manchukuo"),
            ("Ottoman Empire", "ottoman-empire"),
            ("Kingdom of Hungary", "kingdom-of-hungary"),
            ("Second Polish Republic", "second-polish-republic"),
            ("Protectorate of Bohemia and Moravia", "protectorate-of-bohemia-and-moravia"),
            ("Soviet occupation zone of Germany", "soviet-occupation-zone-of-germany"),
        ],
    )
    def test_names_from_the_issue(self, text, key):
        """Each name the issue lists resolves to the documented entry."""
        assert key == key_of(text)

    @pytest.mark.parametrize(
        ("text", "key"),
        [("SU", "SUHH"), ("DD", "DDDE"), ("CS", "CSHH"), ("YU", "YUCS"), ("SCG", "CSXX")],
    )
    def test_withdrawn_codes_keep_their_state(self, text, key):
        """Withdrawn codes resolve to the state that had them, never to a successor."""
        assert key == key_of(text)

    @pytest.mark.parametrize(
        "text", ["EAST GERMANY", "  East   Germany ", "East\u2013Germany", "The East Germany"]
    )
    def test_case_spacing_dashes_and_the_do_not_matter(self, text):
        """Case, runs of spaces, dash shapes and a leading "the" are ignored."""
        assert normalize_country("East Germany") == normalize_country(text)

    def test_diacritics_do_not_matter(self):
        """A name without its diacritics resolves like the name with them."""
        assert normalize_country("Magyarország") == normalize_country("Magyarorszag")

    @pytest.mark.parametrize("key", sorted(set(country_table()) - UNREACHABLE))
    def test_every_key_resolves_to_its_entry(self, key):
        """The package's own keys are accepted and resolve to their entries."""
        assert get_country(key) == normalize_country(key)

    @pytest.mark.parametrize("iso", list(pycountry.countries), ids=lambda c: c.alpha_3)
    def test_every_current_iso_spelling_resolves_to_itself(self, iso):
        """A current state's ISO names and codes resolve to it, bar documented aliases."""
        for attr in ("name", "common_name", "official_name", "alpha_2", "alpha_3"):
            text = getattr(iso, attr, None)
            if text is not None:
                assert DELIBERATE.get(text, iso.alpha_3) == key_of(text)

    @pytest.mark.parametrize("iso", list(pycountry.historic_countries), ids=lambda c: c.alpha_4)
    def test_every_withdrawn_iso_spelling_resolves_to_itself(self, iso):
        """A withdrawn state's ISO name and codes resolve to it, bar documented aliases."""
        for text in (iso.name, iso.alpha_2, iso.alpha_3, iso.alpha_4):
            expected = RENAMED.get(iso.alpha_4, iso.alpha_4)
            assert DELIBERATE.get(text, expected) == key_of(text)

    @pytest.mark.parametrize(("old", "new"), sorted(RENAMED.items()))
    def test_renamed_states_go_to_todays_state_and_keep_their_entry(self, old, new):
        """A renamed state's key resolves to today's state; its entry's successor is that."""
        assert new == key_of(old)
        assert (get_country(new),) == successors(get_country(old))

    @given(names)
    def test_idempotent(self, form):
        """Whatever a text resolves to resolves to itself by its own name."""
        found = normalize_country(form)
        assert found == normalize_country(found.name)

    @given(st.text(max_size=40))
    def test_arbitrary_text_returns_a_country_or_raises_unknown(self, text):
        """Arbitrary text gives a Country or an UnknownCountryError, nothing else."""
        found = normalize_country(text, strict=False)
        if found is None:
            with pytest.raises(UnknownCountryError) as info:
                normalize_country(text)
            assert text == info.value.query
            assert len(info.value.suggestions) <= 3
        else:
            assert isinstance(found, defectors.Country)

    def test_unknown_text_raises_with_suggestions(self):
        """A near miss raises UnknownCountryError, quoting the input and suggesting names."""
        with pytest.raises(UnknownCountryError, match="'Czechoslovkia'") as info:
            normalize_country("Czechoslovkia")
        assert get_country("CSHH").name == info.value.suggestions[0]
        assert isinstance(info.value, DefectorsError)
        assert isinstance(info.value, LookupError)

    def test_long_input_is_cut_in_the_message(self):
        """A long unknown text is cut short in the message."""
        with pytest.raises(UnknownCountryError, match=r"\(500 characters\)"):
            normalize_country("x" * 500)

    @pytest.mark.parametrize("text", ["", "   ", "the"])
    def test_blank_text_raises(self, text):
        """Blank text names no country."""
        with pytest.raises(UnknownCountryError):
            normalize_country(text)

    def test_split_region_raises_suggesting_its_states(self):
        """A region split between states is refused, suggesting those states."""
        with pytest.raises(UnknownCountryError) as info:
            normalize_country("Ossetia")
        expected = (get_country("RUS").name, get_country("GEO").name)
        assert expected == info.value.suggestions

    @pytest.mark.parametrize("text", ["Atlantis", "", "Ossetia"])
    def test_not_strict_returns_none(self, text):
        """With strict=False, text that names nothing gives None."""
        assert None is normalize_country(text, strict=False)

    @pytest.mark.parametrize("value", [None, 42, b"USSR", ["USSR"]])
    def test_non_string_raises_type_error(self, value):
        """A non-string is a TypeError, strict or not."""
        with pytest.raises(TypeError):
            normalize_country(value)
        with pytest.raises(TypeError):
            normalize_country(value, strict=False)


class TestBlocTable:
    def test_bloc_members_are_the_origin_states(self):
        """The states eastern_bloc() can list are exactly those a record's origin may be."""
        assert ORIGIN_KEYS == frozenset(normalize_module._BLOC)


class TestIndex:
    def test_pycountry_is_not_imported_with_the_module(self):
        """Importing the package or the module does not load pycountry."""
        code = "import sys, defectors._normalize; print('pycountry' in sys.modules)"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        expected = "False"
        assert expected == result.stdout.strip()

    def test_built_once(self):
        """The index is built once and shared."""
        assert _index() is _index()

    @given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
    def test_lookup_form_ignores_case_and_a_leading_the(self, text):
        """The lookup form of a text is that of its upper case, and of it after "the"."""
        assert _key(text) == _key(text.upper())
        if _key(text):
            assert _key(text) == _key(f"the {text}") or len(_key(text).split()) == 1

    @pytest.mark.parametrize(
        ("rows", "message"),
        [
            ([(7, "Freedonia", "FRD", "")], "no country or polity has the key 'FRD'"),
            ([(7, "USSR", "SUHH", ""), (8, "U.S.S.R.", "SUHH", "")], "repeats an earlier alias"),
        ],
    )
    def test_bad_alias_rows_are_refused(self, monkeypatch, rows, message):
        """An alias row with an unknown key, or one repeating another, stops the build."""
        monkeypatch.setattr(normalize_module, "_alias_rows", lambda: rows)
        with pytest.raises(RuntimeError, match=message):
            _index.__wrapped__()

    def test_generated_rows_with_unknown_keys_are_skipped(self, monkeypatch):
        """A names.tsv row whose key our table lacks is skipped, not a crash."""
        real = normalize_module.read_text

        def read_text(name):
            text = real(name)
            return text + "Freedonia\tFRD\ttest\n" if name == "names.tsv" else text

        monkeypatch.setattr(normalize_module, "read_text", read_text)
        index = _index.__wrapped__()
        assert (get_country("POL"), None) == (
            index.names.get("poland"),
            index.names.get("freedonia"),
        )

    def test_index_is_read_only(self):
        """The index's mappings cannot be changed."""
        with pytest.raises(TypeError):
            _index().names["x"] = get_country("POL")  # type: ignore[index]


class TestNormalizePlace:
    @pytest.mark.parametrize(
        ("text", "country", "polity"),
        [
            ("Russia", "RUS", None),
            ("Ukraine, Russian Empire", "UKR", "russian-empire"),
            ("Turkmenistan", "TKM", None),
            ("Georgia", "GEO", None),
            ("Austria-Hungary", None, "austria-hungary"),
            ("Poland, Russian Empire", "POL", "russian-empire"),
            ("USSR", None, "SUHH"),
            ("Ossetia", None, None),
            ("Czechoslovakia", None, "CSHH"),
            ("Latvian SSR, Soviet Union", "LVA", "SUHH"),
            ("Russian SFSR, Soviet Union", "RUS", "SUHH"),
            ("Latvian SSR", "LVA", "SUHH"),
            ("East Germany", "DEU", "DDDE"),
            ("Germany (Weimar Republic)", "DEU", "weimar-republic"),
            ("Poland (Second Polish Republic)", "POL", "second-polish-republic"),
            ("Ossetia, Soviet Union", None, "SUHH"),
        ],
    )
    def test_forms(self, text, country, polity):
        """Single names, "Region, State" and "Country (State)" give the documented place."""
        place = normalize_place(text)
        assert text == place.text
        assert country == (place.country and place.country.key)
        assert polity == (place.polity and place.polity.key)

    @pytest.mark.skipif(not SUPPLEMENT.exists(), reason="the shared supplement is not here")
    def test_every_supplement_value_resolves(self):
        """Every country or place text of the 1961-1991 supplement normalizes."""
        columns = ["birthplace_today", "birthplace_historical", "origin_state"]
        columns.append("destination_country")
        with SUPPLEMENT.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        values = {row[c] for row in rows for c in columns if row[c]}
        for value in values:
            assert value == normalize_place(value).text

    def test_seed_birthplaces_are_what_normalize_place_returns(self, dataset):
        """For every seed record, the stored birthplace is normalize_place of its text."""
        wikipedia = "https://en.wikipedia.org/wiki/List_of_Soviet_and_Eastern_Bloc_defectors"
        seed = [r for r in dataset if any(s.url == wikipedia for s in r.sources)]
        assert 49 == len(seed)
        for record in seed:
            if record.birthplace is not None and record.birthplace.text is not None:
                assert record.birthplace == normalize_place(record.birthplace.text)

    @given(names, st.sampled_from(["{}", " {} ", "{}  ", "THE {}"]))
    def test_text_is_kept_exactly(self, form, template):
        """Place.text is always the input, unchanged."""
        text = template.format(form)
        assert text == normalize_place(text).text

    @pytest.mark.parametrize(
        "text", ["Kyiv, Ukraine", "Atlantis", "", "Ukraine, Atlantis", "Atlantis, Ukraine"]
    )
    def test_unknown_part_raises(self, text):
        """A part that names nothing raises UnknownCountryError quoting the whole text."""
        with pytest.raises(UnknownCountryError) as info:
            normalize_place(text)
        assert text == info.value.query

    def test_non_string_raises_type_error(self):
        """A non-string is a TypeError."""
        with pytest.raises(TypeError):
            normalize_place(None)  # type: ignore[arg-type]


class TestSuccessors:
    def test_ussr_has_fifteen(self):
        """The USSR's successors are its fifteen republics."""
        expected = 15
        assert expected == len(set(successors("USSR")))
        assert get_country("RUS") in successors(get_country("SUHH"))

    @pytest.mark.parametrize(
        ("text", "keys"),
        [
            ("Czechoslovakia", ["CZE", "SVK"]),
            ("East Germany", ["DEU"]),
            ("Yugoslavia", ["BIH", "HRV", "MKD", "MNE", "SRB", "SVN"]),
            ("Poland", ["POL"]),
        ],
    )
    def test_documented_lists(self, text, keys):
        """Withdrawn states give their documented successors; a current state itself."""
        assert keys == sorted(c.key for c in successors(text))

    @pytest.mark.parametrize("key", sorted(country_table()))
    def test_every_entry_has_current_successors(self, key):
        """Every entry has at least one successor, and all of them exist today."""
        found = successors(get_country(key))
        assert found
        assert all(not c.historic for c in found)
        assert sorted(found, key=lambda c: c.name) == list(found)

    def test_bad_input(self):
        """Unknown names raise UnknownCountryError; other types TypeError."""
        with pytest.raises(UnknownCountryError):
            successors("Atlantis")
        with pytest.raises(TypeError):
            successors(1)  # type: ignore[arg-type]


class TestEasternBloc:
    @pytest.mark.parametrize(
        ("year", "keys"),
        [
            (1921, []),
            (1922, ["SUHH"]),
            (1946, ["ALB", "BGR", "SUHH"]),
            (1950, ["ALB", "BGR", "CSHH", "DDDE", "HUN", "POL", "ROU", "SUHH"]),
            (1962, ["BGR", "CSHH", "DDDE", "HUN", "POL", "ROU", "SUHH"]),
            (1990, ["BGR", "DDDE", "SUHH"]),
            (1991, ["SUHH"]),
            (1992, []),
        ],
    )
    def test_members(self, year, keys):
        """Membership follows the documented dates."""
        assert keys == sorted(c.key for c in eastern_bloc(year))

    @pytest.mark.parametrize(("year", "member"), [(1961, True), (1962, False), (1968, False)])
    def test_albania(self, year, member):
        """Albania counts through its 1961 break with Moscow, not after."""
        assert member is is_eastern_bloc("Albania", year)

    @given(st.integers(1900, 2000))
    def test_yugoslavia_never(self, year):
        """Yugoslavia is never a member."""
        assert not is_eastern_bloc("Yugoslavia", year)

    @given(st.integers(1900, 2000), st.sampled_from(sorted(country_table())))
    def test_is_agrees_with_the_list(self, year, key):
        """is_eastern_bloc is membership of eastern_bloc's result."""
        country = get_country(key)
        assert (country in eastern_bloc(year)) is is_eastern_bloc(country, year)

    @pytest.mark.parametrize("year", [True, 1956.0, "1956", None])
    def test_year_must_be_int(self, year):
        """A year that is not an int is a TypeError."""
        with pytest.raises(TypeError):
            eastern_bloc(year)
        with pytest.raises(TypeError):
            is_eastern_bloc("Poland", year)
