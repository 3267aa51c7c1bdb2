"""
A curated, typed dataset of notable Soviet and Eastern Bloc defectors (1917-1991).

>>> import defectors
>>> ds = defectors.load()
>>> d = ds.get("george-balanchine")
>>> d.name, d.year, d.origin.name
('George Balanchine', 1924, 'Soviet Union')

The package re-exports its public names here; the modules behind them are private. The
record types, :class:`Dataset` and :func:`load` are imported with the package; the other
names are imported from their modules on first use (``from defectors import eras`` works as
usual), so ``import defectors`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from defectors import exceptions
from defectors._dataset import Dataset
from defectors._load import get, load
from defectors._model import (
    Confidence,
    Country,
    Defector,
    Outcome,
    Place,
    Provenance,
    Sector,
    Source,
    SourceKind,
    canonical_wikipedia,
)
from defectors._types import CountryQuery, Field
from defectors.exceptions import (
    AmbiguousEraError,
    AmbiguousStateError,
    CountryQueryError,
    DatasetError,
    DefectorsError,
    InvalidArgumentError,
    InvalidRecordError,
    PeriodParseError,
    UnknownCountryError,
    UnknownDefectorError,
    UnknownEraError,
    UnknownSectorError,
)

if TYPE_CHECKING:
    from defectors._cite import cite
    from defectors._converter import configure_converter, converter, make_converter
    from defectors._countries import countries, get_country
    from defectors._eras import SCHEMES, Era, era_of, eras, eras_of, get_era, record_era
    from defectors._metadata import DataSource, Metadata, metadata
    from defectors._normalize import (
        eastern_bloc,
        is_eastern_bloc,
        normalize_countries,
        normalize_country,
        normalize_place,
        successors,
    )
    from defectors._periods import Period, parse_period
    from defectors._sectors import SECTOR_RULES, parse_sector, sectors_for
    from defectors._states import state_of
    from defectors._text import fold, slugify

    __version__: str

__all__ = [
    "AmbiguousEraError",
    "AmbiguousStateError",
    "Confidence",
    "Country",
    "CountryQuery",
    "CountryQueryError",
    "DataSource",
    "Dataset",
    "DatasetError",
    "Defector",
    "DefectorsError",
    "Era",
    "Field",
    "InvalidArgumentError",
    "InvalidRecordError",
    "Metadata",
    "Outcome",
    "Period",
    "PeriodParseError",
    "Place",
    "Provenance",
    "SCHEMES",
    "SECTOR_RULES",
    "Sector",
    "Source",
    "SourceKind",
    "UnknownCountryError",
    "UnknownDefectorError",
    "UnknownEraError",
    "UnknownSectorError",
    "__version__",
    "canonical_wikipedia",
    "cite",
    "configure_converter",
    "converter",
    "countries",
    "eastern_bloc",
    "era_of",
    "eras",
    "eras_of",
    "exceptions",
    "fold",
    "get",
    "get_country",
    "get_era",
    "is_eastern_bloc",
    "load",
    "make_converter",
    "metadata",
    "normalize_countries",
    "normalize_country",
    "normalize_place",
    "parse_period",
    "parse_sector",
    "record_era",
    "sectors_for",
    "slugify",
    "state_of",
    "successors",
]

#: Public names imported from their private module on first use, not at ``import defectors``.
_LAZY = {
    "DataSource": "_metadata",
    "Metadata": "_metadata",
    "metadata": "_metadata",
    "cite": "_cite",
    "configure_converter": "_converter",
    "converter": "_converter",
    "make_converter": "_converter",
    "countries": "_countries",
    "get_country": "_countries",
    "SCHEMES": "_eras",
    "Era": "_eras",
    "era_of": "_eras",
    "eras": "_eras",
    "eras_of": "_eras",
    "get_era": "_eras",
    "record_era": "_eras",
    "eastern_bloc": "_normalize",
    "is_eastern_bloc": "_normalize",
    "normalize_countries": "_normalize",
    "normalize_country": "_normalize",
    "normalize_place": "_normalize",
    "successors": "_normalize",
    "state_of": "_states",
    "Period": "_periods",
    "parse_period": "_periods",
    "SECTOR_RULES": "_sectors",
    "parse_sector": "_sectors",
    "sectors_for": "_sectors",
    "fold": "_text",
    "slugify": "_text",
}


# Hidden from type checkers, which would otherwise accept any attribute of the package (a
# misspelt name included) as this function's return type; they see the imports above.
if not TYPE_CHECKING:  # pragma: no branch - always true when run

    def __getattr__(name: str) -> object:
        """
        Import a public name from its module on first use, and ``__version__`` from metadata.

        Reading package metadata costs 10-17 ms, so ``__version__`` is looked up only when asked.
        """
        module = _LAZY.get(name)
        if module is not None:
            from importlib import import_module  # noqa: PLC0415 - deferred on purpose

            value: object = getattr(import_module(f"defectors.{module}"), name)
        elif name == "__version__":
            from importlib.metadata import version  # noqa: PLC0415 - deferred on purpose

            value = version("defectors")
        else:
            msg = f"module 'defectors' has no attribute {name!r}"
            raise AttributeError(msg)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    """List the public names, imported or not yet, with the module's own attributes."""
    return sorted({*globals(), *__all__})
