"""The record types: validation, immutability and identity."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given

import defectors
from defectors import Confidence, Country, Defector, Outcome, Place, Sector, Source
from defectors.exceptions import InvalidRecordError
from defectors.testing import countries as country_strategy
from defectors.testing import defectors as defector_strategy

USSR = defectors.get_country("SUHH")
SOURCE = Source(url="https://example.org/a")


def make(**changes: object) -> Defector:
    """Return a minimal valid record with *changes* applied."""
    fields: dict[str, object] = {
        "id": "jane-doe",
        "name": "Jane Doe",
        "year": 1960,
        "origin": USSR,
        "summary": "A test record.",
        "sources": (SOURCE,),
    }
    fields.update(changes)
    return Defector(**fields)  # type: ignore[arg-type]


class TestDefectorValidation:
    def test_minimal_record_has_documented_defaults(self):
        """A record needs only id, name, year, origin, summary and sources."""
        record = make()
        assert (
            record.also_known_as,
            record.profession,
            record.sectors,
            record.birthplace,
            record.date,
            record.destination,
            record.defection_place,
            record.route,
            record.outcome,
            record.confidence,
        ) == (
            (),
            None,
            (),
            None,
            None,
            None,
            None,
            (),
            Outcome.DEFECTED,
            None,
        )

    def test_lists_become_tuples(self):
        """Collections given as lists are stored as tuples."""
        record = make(also_known_as=["J. D."], sectors=[Sector.ARTS], route=[USSR])
        assert (
            record.also_known_as,
            record.sectors,
            record.route,
        ) == (("J. D.",), (Sector.ARTS,), (USSR,))

    @pytest.mark.parametrize("bad", ["Jane Doe", "jane_doe", "-jane", "jane-", "", "jäne"])
    def test_id_must_be_a_slug(self, bad):
        """An id that is not a lowercase ASCII slug is rejected."""
        with pytest.raises(ValueError, match="slug"):
            make(id=bad)

    @pytest.mark.parametrize("year", [1916, 1992, -1])
    def test_year_out_of_range(self, year):
        """A year outside 1917-1991 is a ValueError that says the range."""
        with pytest.raises(ValueError, match="between 1917 and 1991"):
            make(year=year)

    @pytest.mark.parametrize("year", ["1960", 1960.0, True])
    def test_year_must_be_int(self, year):
        """A year that is not an int is a TypeError."""
        with pytest.raises(TypeError, match="year must be an int"):
            make(year=year)

    def test_date_must_match_year(self):
        """A date outside the record's year is rejected."""
        with pytest.raises(ValueError, match="not in the record's year 1960"):
            make(date=dt.date(1961, 1, 1))

    def test_datetime_is_not_a_date(self):
        """A datetime is rejected: the field holds days, not instants."""
        with pytest.raises(TypeError, match=r"datetime\.date"):
            make(date=dt.datetime(1960, 1, 1))  # noqa: DTZ001

    def test_origin_must_be_an_eastern_bloc_state(self):
        """An origin outside the eight states is rejected, listing them."""
        with pytest.raises(ValueError, match="one of the eight Eastern Bloc states"):
            make(origin=defectors.get_country("USA"))

    def test_sources_must_not_be_empty(self):
        """Every record names at least one source."""
        with pytest.raises(ValueError, match="at least one source"):
            make(sources=())

    def test_repeated_sector_is_rejected(self):
        """Sectors do not repeat."""
        with pytest.raises(ValueError, match="must not repeat"):
            make(sectors=(Sector.ARTS, Sector.ARTS))

    def test_sector_must_be_enum(self):
        """Sectors are Sector members, not strings."""
        with pytest.raises(TypeError, match="Sector members"):
            make(sectors=("arts",))

    def test_single_string_is_not_a_collection(self):
        """A lone string given for a tuple field is an error, not a tuple of letters."""
        with pytest.raises(TypeError, match="not a single str"):
            make(also_known_as="Jane")

    @pytest.mark.parametrize("name", ["", "   ", "\u200b", "\ufeff \u00ad", "\u0301"])
    def test_blank_name_is_rejected(self, name):
        """A name that shows nothing (spaces, invisible characters, a lone mark) is rejected."""
        with pytest.raises(ValueError, match="non-empty"):
            make(name=name)

    @pytest.mark.parametrize("text", ["", " \t", "\u200b", "\u0301"])
    def test_blank_alias_and_source_address_are_rejected(self, text):
        """An other name or a source address that shows nothing is an InvalidRecordError."""
        with pytest.raises(InvalidRecordError, match=r"also_known_as\[1\] must be a non-empty"):
            make(also_known_as=("Jan Novak", text))
        with pytest.raises(InvalidRecordError, match="url must be a non-empty string"):
            Source(url=text)

    def test_keyword_only(self):
        """Records are built with keywords only, so fields cannot be swapped by position."""
        with pytest.raises(TypeError):
            Defector("jane-doe", "Jane Doe")  # type: ignore[misc]


class TestTypeErrors:
    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (lambda v: Place(country=v), "country"),
            (lambda v: Source(url=v.encode()), "url"),
            (lambda v: Source(url="https://example.org", retrieved=v), "retrieved"),
            (lambda v: make(route=(v,)), "route"),
            (lambda v: make(profession=[v]), "profession"),
        ],
    )
    def test_wrong_type_names_field_not_value(self, build, field):
        """A wrong-typed value is a TypeError naming the field, without repeating the value."""
        huge = "x" * 1_000_000
        with pytest.raises(TypeError, match=rf"^{field}(\[0\])? must be ") as info:
            build(huge)
        assert (field, True) == (info.value.field, len(str(info.value)) < 100)


class TestImmutability:
    def test_records_are_frozen(self):
        """Assigning to a record's field raises."""
        record = make()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.name = "Other"  # type: ignore[misc]

    def test_country_is_frozen(self):
        """Assigning to a country's field raises."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            USSR.name = "Other"  # type: ignore[misc]

    @given(defector_strategy())
    def test_records_hash_and_pickle(self, record):
        """Records are hashable and survive pickling equal."""
        assert record == pickle.loads(pickle.dumps(record))  # noqa: S301 - our own data
        assert hash(record) == hash(pickle.loads(pickle.dumps(record)))  # noqa: S301


class TestCountryIdentity:
    def test_equality_is_by_key(self):
        """Two countries with the same key are equal whatever their other fields."""
        assert Country(key="SUHH", name="USSR") == USSR

    def test_hash_is_by_key(self):
        """Countries with the same key hash alike, so they dedupe in sets."""
        assert 1 == len({Country(key="SUHH", name="USSR"), USSR})

    def test_str_is_name(self):
        """str() of a country is its name."""
        assert "Soviet Union" == str(USSR)

    @given(country_strategy())
    def test_every_table_entry_is_its_own_key(self, country):
        """get_country(c.key) returns an equal country for every entry."""
        assert country == defectors.get_country(country.key)

    def test_year_fields_must_be_int(self):
        """A country's start and end years are ints or None."""
        with pytest.raises(TypeError, match="start must be an int"):
            Country(key="X", name="X", start="1922")  # type: ignore[arg-type]


class TestEnums:
    def test_confidence_values(self):
        """Confidence has exactly high and medium."""
        assert ["high", "medium"] == [c.value for c in Confidence]

    def test_place_defaults_to_nothing_known(self):
        """An empty Place knows no text, country or polity."""
        assert (None, None, None) == attrs.astuple(Place(), recurse=False)
