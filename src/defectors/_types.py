"""The public type aliases of query arguments: which fields, and which countries."""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal, TypeAlias

from defectors._model import Country

__all__ = ["CountryQuery", "Field"]

#: What the country keywords of :meth:`Dataset.filter` accept: a name or code that
#: :func:`defectors.normalize_country` understands, a :class:`Country`, or a collection of those.
CountryQuery: TypeAlias = "str | Country | Collection[str | Country]"

#: The fields :meth:`Dataset.sorted_by`, :meth:`Dataset.count_by` and :meth:`Dataset.group_by`
#: accept.
Field: TypeAlias = Literal[
    "origin", "destination", "birth_country", "sector", "era", "year", "decade", "provenance"
]

#: The fields by the type of their keys, for the overloads of count_by() and group_by().
CountryField: TypeAlias = Literal["origin"]
OptionalCountryField: TypeAlias = Literal["destination", "birth_country"]
SectorField: TypeAlias = Literal["sector"]
EraField: TypeAlias = Literal["era"]
IntField: TypeAlias = Literal["year", "decade"]
ProvenanceField: TypeAlias = Literal["provenance"]
