"""The package's own country table and strict key lookup."""

from __future__ import annotations

import pytest

import defectors
from defectors import UnknownCountryError


class TestTable:
    def test_sorted_and_unique(self):
        """countries() is sorted by key with no repeats."""
        keys = [c.key for c in defectors.countries()]
        assert sorted(set(keys)) == keys

    @pytest.mark.parametrize(
        ("key", "name", "alpha_2", "alpha_3", "alpha_4"),
        [
            ("SUHH", "Soviet Union", "SU", "SUN", "SUHH"),
            ("DDDE", "East Germany", "DD", "DDR", "DDDE"),
            ("CSHH", "Czechoslovakia", "CS", "CSK", "CSHH"),
            ("YUCS", "Yugoslavia", "YU", "YUG", "YUCS"),
            ("RUS", "Russia", "RU", "RUS", None),
            ("russian-empire", "Russian Empire", None, None, None),
        ],
    )
    def test_documented_entries(self, key, name, alpha_2, alpha_3, alpha_4):
        """Withdrawn states keep the codes they had; polities have none."""
        c = defectors.get_country(key)
        assert (name, alpha_2, alpha_3, alpha_4) == (c.name, c.alpha_2, c.alpha_3, c.alpha_4)

    def test_historic_states_have_end_years(self):
        """The four dissolved states carry the years they existed."""
        years = {
            k: (defectors.get_country(k).start, defectors.get_country(k).end)
            for k in ("SUHH", "DDDE", "CSHH", "YUCS")
        }
        assert {
            "SUHH": (1922, 1991),
            "DDDE": (1949, 1990),
            "CSHH": (1918, 1992),
            "YUCS": (1918, 2003),
        } == years

    def test_current_states_are_not_historic(self):
        """Alpha-3 keys are current states, everything else historic."""
        wrong = [
            c.key
            for c in defectors.countries()
            if c.historic != (len(c.key) != 3 or c.key.islower())
        ]
        assert [] == wrong


class TestGetCountry:
    def test_unknown_key_raises(self):
        """An unknown key raises UnknownCountryError, a LookupError quoting it."""
        with pytest.raises(UnknownCountryError, match="'XXX'") as info:
            defectors.get_country("XXX")
        assert isinstance(info.value, LookupError)

    def test_name_given_as_key_says_keys_are_expected(self):
        """A name given where a key belongs gets a message that asks for a key."""
        with pytest.raises(
            UnknownCountryError, match=r"unknown country key 'Poland': .*'POL'"
        ) as info:
            defectors.get_country("Poland")
        assert True is info.value.by_key

    def test_default(self):
        """With a default, a miss returns it."""
        assert None is defectors.get_country("XXX", None)

    def test_keys_are_exact(self):
        """get_country is strict: names and lowercase codes are not keys."""
        assert (None, None) == (
            defectors.get_country("rus", None),
            defectors.get_country("Russia", None),
        )

    def test_type_error(self):
        """A non-string key is a TypeError."""
        with pytest.raises(TypeError, match="must be a str"):
            defectors.get_country(643)  # type: ignore[arg-type]
