"""
Code the type checkers must reject: each line carries the ignore comment its error needs.

mypy (``--strict``, so ``warn_unused_ignores``) and pyright (``reportUnnecessaryTypeIgnoreComment``,
switched on below) both fail on an ignore comment that silences nothing, so a line that stops
being an error fails the check. The error codes are mypy's; pyright honours the comment as a
whole.
"""

# pyright: reportUnnecessaryTypeIgnoreComment=true

from __future__ import annotations

import defectors
from defectors import Country, Dataset, Defector, Sector


def records_are_frozen(record: Defector) -> None:
    """Record fields cannot be assigned."""
    record.name = "Someone else"  # type: ignore[misc]


def keywords_have_types(ds: Dataset) -> None:
    """Query keywords, fields and options take only their documented types and values."""
    ds.filter(origin=1956)  # type: ignore[arg-type]
    ds.filter(years=1956)  # type: ignore[arg-type]
    ds.filter(colour="red")  # type: ignore[call-arg]
    ds.sorted_by("name")  # type: ignore[arg-type]
    ds.count_by("country")  # type: ignore[call-overload]
    ds.group_by("decades")  # type: ignore[call-overload]
    ds.merge(ds, on_conflict="mine")  # type: ignore[arg-type]
    ds.merge([])  # type: ignore[arg-type]
    ds.search(["milosz"])  # type: ignore[arg-type]
    ds.to_json(indent="  ")  # type: ignore[call-overload]


def lookups_need_strings(ds: Dataset) -> None:
    """Lookups take strings; a Dataset is indexed by int or slice only."""
    ds.get(5)  # type: ignore[call-overload]
    ds["czeslaw-milosz"]  # type: ignore[call-overload]
    defectors.get(None)  # type: ignore[call-overload]
    defectors.normalize_country(None)  # type: ignore[call-overload]
    defectors.load(5)  # type: ignore[arg-type]
    defectors.parse_period(1956)  # type: ignore[arg-type]


def non_strict_may_be_none() -> None:
    """normalize_country(strict=False) may give None, which is not a Country."""
    country: Country = defectors.normalize_country("Atlantis", strict=False)  # type: ignore[assignment]
    del country


def no_such_names() -> None:
    """Names the package does not define are errors, lazily imported ones included."""
    defectors.no_such_function()  # type: ignore[attr-defined]
    Sector.NOT_A_SECTOR  # type: ignore[attr-defined]  # noqa: B018


def kinds_are_enums() -> None:
    """A source kind is a SourceKind or its value, not a number."""
    defectors.load().filter(source_kind=3)  # type: ignore[arg-type]
    kind: defectors.SourceKind = defectors.load()[0].sources[0].kind  # type: ignore[assignment]
    del kind
