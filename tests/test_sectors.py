"""The profession-to-sector mapping and sector parsing."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors
from defectors import Sector, UnknownSectorError


class TestSectorsFor:
    @pytest.mark.parametrize(
        ("profession", "expected"),
        [
            ("Chess player, medical doctor", (Sector.SPORT, Sector.SCIENCE)),
            ("KGB major", (Sector.INTELLIGENCE,)),
            ("UB, lieutenant colonel", (Sector.INTELLIGENCE,)),
            ("Tank commander", (Sector.MILITARY,)),
            ("Scientist and politician", (Sector.GOVERNMENT, Sector.SCIENCE)),
            ("Architect/engineer", (Sector.ARTS, Sector.SCIENCE)),
            ("Cardinal", (Sector.RELIGION,)),
            ("Novelist and playwright; broadcaster", (Sector.ARTS, Sector.MEDIA)),
            # A later career gives no sector: only the profession at the time counts.
            ("Sprint canoeist; later naval architect", (Sector.SPORT,)),
            ("Ballet dancer (Bolshoi Ballet), later film actor", (Sector.ARTS,)),
            ("StB officer; Later professor", (Sector.INTELLIGENCE,)),
            ("Seaman; later author", (Sector.OTHER,)),
            ("Later a professor", (Sector.SCIENCE,)),
            ("Artistic gymnast", (Sector.SPORT,)),
            ("Waiter", (Sector.OTHER,)),
            ("Romanian foreign-intelligence (DIE) officer", (Sector.INTELLIGENCE,)),
            ("Writer, poet and art scholar", (Sector.ARTS, Sector.SCIENCE)),
            # Words with other common meanings count only inside their phrases.
            ("Jazz trumpet player", (Sector.OTHER,)),
            ("Tool and die maker", (Sector.OTHER,)),
            ("Literary agent", (Sector.ARTS,)),
            ("Tennis player", (Sector.SPORT,)),
            ("Organic chemist, member of the USSR Academy of Sciences", (Sector.SCIENCE,)),
            ("Violinist, competition gold medallist", (Sector.ARTS,)),
            ("Theatre director and painter", (Sector.ARTS,)),
            ("Former head of the Provisional Government", (Sector.GOVERNMENT,)),
            # "government" alone has other meanings: a government grant is no government job.
            ("Literary critic on a French government scholarship", (Sector.ARTS,)),
            ("Historian of religions on an Italian government study grant", (Sector.SCIENCE,)),
            ("Boxer (later world champion in another class)", (Sector.SPORT,)),
            ("Engineer \u2013 later singer", (Sector.SCIENCE,)),
            ("Engineer - later singer", (Sector.SCIENCE,)),
            ("; later author", (Sector.OTHER,)),
            ("Sculptor and drummer", (Sector.ARTS,)),
            ("Officer of the Western Group of Forces", (Sector.MILITARY,)),
            ("Deputy commander of a tank unit", (Sector.MILITARY,)),
        ],
    )
    def test_documented_examples(self, profession, expected):
        """The mapping gives the documented sectors."""
        assert expected == defectors.sectors_for(profession)

    @pytest.mark.parametrize("profession", [None, "", "   "])
    def test_unknown_profession_has_no_sector(self, profession):
        """No profession means no sector."""
        assert () == defectors.sectors_for(profession)

    def test_non_string_is_type_error(self):
        """A profession that is not a string is a TypeError."""
        with pytest.raises(TypeError, match="profession must be"):
            defectors.sectors_for(42)  # type: ignore[arg-type]

    @given(st.text())
    def test_total_and_ordered(self, text):
        """Any text maps to unique sectors in enum order, OTHER only alone."""
        found = defectors.sectors_for(text)
        order = list(Sector)
        assert sorted(found, key=order.index) == list(found)
        assert len(set(found)) == len(found)
        assert Sector.OTHER not in found or found == (Sector.OTHER,)

    @given(st.text(alphabet=string.ascii_letters + " ;,-/()", max_size=40))
    def test_insensitive_to_case(self, text):
        """Upper-casing a profession does not change its sectors."""
        assert defectors.sectors_for(text) == defectors.sectors_for(text.upper())

    @given(st.sampled_from(["KGB officer", "Chess player", "Pianist", "Diplomat"]))
    def test_insensitive_to_diacritics(self, text):
        """Accents on a profession do not change its sectors."""
        accented = text.replace("a", "á").replace("o", "ö").replace("e", "é")
        assert defectors.sectors_for(text) == defectors.sectors_for(accented)


class TestRules:
    def test_each_phrase_belongs_to_one_sector(self):
        """No phrase is listed under two sectors, so a match names exactly one."""
        phrases = [p for words in defectors.SECTOR_RULES.values() for p in words]
        assert len(set(phrases)) == len(phrases)

    def test_longest_phrase_wins(self):
        """A phrase inside a longer listed phrase is not matched again on its own."""
        assert (Sector.SCIENCE,) == defectors.sectors_for("Naval architect")


class TestParseSector:
    @pytest.mark.parametrize("text", ["sport", "SPORT", " Sport "])
    def test_names(self, text):
        """Sector names parse case-insensitively."""
        assert defectors.parse_sector(text) == Sector.SPORT

    def test_member_passes_through(self):
        """A Sector parses to itself."""
        assert defectors.parse_sector(Sector.ARTS) == Sector.ARTS

    def test_unknown(self):
        """An unknown name is UnknownSectorError, a ValueError listing the choices."""
        with pytest.raises(UnknownSectorError, match="expected one of intelligence") as info:
            defectors.parse_sector("spies")
        assert isinstance(info.value, ValueError)

    def test_type(self):
        """A non-string is a TypeError."""
        with pytest.raises(TypeError):
            defectors.parse_sector(3)  # type: ignore[arg-type]
