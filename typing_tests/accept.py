"""
Code the type checkers must accept, with the types they must infer (``assert_type``).

Checked, not run: ``mypy --strict typing_tests`` and ``pyright typing_tests`` (the nox
``typing`` session). ``typing_extensions.assert_type`` works on Python 3.10, where
``typing.assert_type`` does not exist yet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typing_extensions import assert_type

import defectors
from defectors import (
    Country,
    Dataset,
    Defector,
    Era,
    Metadata,
    Period,
    Place,
    Provenance,
    Sector,
    normalize_country,
)


def normalization(flag: bool) -> None:  # noqa: FBT001 - a bool of unknown value
    """The ``normalize_country`` overloads: strict gives a Country, else maybe None."""
    assert_type(normalize_country("USSR"), Country)
    assert_type(normalize_country("USSR", strict=True), Country)
    assert_type(normalize_country("USSR", strict=False), Country | None)
    assert_type(normalize_country("USSR", strict=flag), Country | None)
    assert_type(defectors.normalize_place("Ukraine, Russian Empire"), Place)
    assert_type(defectors.successors("USSR"), tuple[Country, ...])
    assert_type(defectors.get_country("POL"), Country)
    assert_type(defectors.get_country("POL", None), Country | None)
    assert_type(defectors.get_country("POL", "none"), Country | str)
    assert_type(defectors.is_eastern_bloc(normalize_country("POL"), 1950), bool)
    assert_type(defectors.normalize_countries(["USSR", None]), list[Country | None])
    assert_type(defectors.state_of("Lithuania", 1970), Country)
    assert_type(defectors.state_of(normalize_country("LTU"), 1970), Country)


def lookups(ds: Dataset) -> None:
    """``Dataset.get`` and ``defectors.get``: a default widens the result type."""
    assert_type(ds.get("czeslaw-milosz"), Defector)
    assert_type(ds.get("czeslaw-milosz", None), Defector | None)
    assert_type(ds.get("czeslaw-milosz", 0), Defector | int)
    assert_type(defectors.get("Czeslaw Milosz"), Defector)
    assert_type(defectors.get("Czeslaw Milosz", None), Defector | None)


def sequence(ds: Dataset) -> None:
    """Indexing with an int gives a record, with a slice a Dataset."""
    assert_type(ds[0], Defector)
    assert_type(ds[-1], Defector)
    assert_type(ds[1:3], Dataset)
    assert_type(len(ds), int)
    for record in ds:
        assert_type(record, Defector)
    assert_type(ds.ids, tuple[str, ...])


def queries(ds: Dataset) -> None:
    """Queries return datasets and dicts; keywords take names, objects and collections."""
    assert_type(ds.filter(origin="USSR"), Dataset)
    assert_type(
        ds.filter(
            origin=["USSR", normalize_country("POL")],
            years=(1950, 1960),
            sector={"sport", Sector.ARTS},
            era="khrushchev",
            outcome="defected",
        ),
        Dataset,
    )
    assert_type(ds.search("milosz"), Dataset)
    assert_type(ds.sorted_by("year", reverse=True), Dataset)
    assert_type(ds.filter(years=(1969, None), confidence="high"), Dataset)
    assert_type(
        ds.filter(between=(dt.date(1961, 1, 1), None), provenance="wikipedia-list"), Dataset
    )
    assert_type(ds.count_by("origin"), dict[Country, int])
    assert_type(ds.count_by("destination"), dict[Country | None, int])
    assert_type(ds.count_by("sector"), dict[Sector | None, int])
    assert_type(ds.count_by("era", scheme="cold-war"), dict[Era | None, int])
    assert_type(ds.count_by("decade"), dict[int, int])
    assert_type(ds.count_by("provenance"), dict[Provenance | None, int])
    assert_type(ds.count_by("origin", "decade"), dict[Country, dict[int, int]])
    assert_type(ds.count_by("era", "sector"), dict[Era | None, dict[Sector | None, int]])
    assert_type(ds.group_by("decade"), dict[int, Dataset])
    assert_type(ds.group_by("origin"), dict[Country, Dataset])
    for country, n in ds.count_by("origin").items():
        assert_type(country.name, str)
        assert_type(n, int)
    assert_type(ds.merge(ds, on_conflict="theirs"), Dataset)
    assert_type(ds.to_records(), list[dict[str, Any]])
    assert_type(ds.to_flat_records(), list[dict[str, str]])


def records(record: Defector) -> None:
    """Record fields have precise types; collections are tuples."""
    assert_type(record.id, str)
    assert_type(record.year, int)
    assert_type(record.date, dt.date | None)
    assert_type(record.origin, Country)
    assert_type(record.destination, Country | None)
    assert_type(record.sectors, tuple[Sector, ...])
    assert_type(record.also_known_as, tuple[str, ...])
    assert_type(defectors.record_era(record), Era | None)


def module_functions() -> None:
    """The module-level functions, lazily imported ones included."""
    assert_type(defectors.load(), Dataset)
    assert_type(defectors.load(Path("mine.json")), Dataset)
    assert_type(defectors.load("mine.json"), Dataset)
    assert_type(defectors.metadata(), Metadata)
    assert_type(defectors.parse_period("c. 1945"), Period)
    assert_type(defectors.era_of(1956), Era)
    assert_type(defectors.eras_of("1953"), tuple[Era, ...])
    assert_type(defectors.eras(), tuple[Era, ...])
    assert_type(defectors.get_era("stalin"), Era)
    assert_type(defectors.fold("Miłosz"), str)
    assert_type(defectors.slugify("Czesław Miłosz"), str)
    assert_type(defectors.sectors_for("KGB officer"), tuple[Sector, ...])
    assert_type(defectors.parse_sector("sport"), Sector)
    assert_type(defectors.countries(), tuple[Country, ...])
    assert_type(defectors.eastern_bloc(1956), tuple[Country, ...])
    assert_type(defectors.SCHEMES, tuple[str, ...])
    assert_type(defectors.__version__, str)


def errors() -> None:
    """Errors are both the package's and the builtin a caller would catch."""
    try:
        normalize_country("Atlantis")
    except LookupError as exc:
        assert_type(exc, LookupError)
    try:
        defectors.load("mine.json")
    except defectors.DatasetError as exc:
        assert_type(exc.index, int | None)
        assert_type(exc.field, str | None)


def sources_and_links(ds: Dataset) -> None:
    """Source kinds and Wikipedia links are typed, and so is the filter on kinds."""
    record = ds[0]
    assert_type(record.wikipedia, str | None)
    assert_type(record.sources[0].kind, defectors.SourceKind | None)
    assert_type(ds.filter(source_kind="news"), Dataset)
    assert_type(ds.filter(source_kind=[defectors.SourceKind.NEWS, "blog"]), Dataset)
    assert_type(defectors.canonical_wikipedia("https://en.wikipedia.org/wiki/X"), str)
