"""
A curated, typed dataset of notable Soviet and Eastern Bloc defectors (1924-1991).

>>> import defectors
>>> ds = defectors.load()
>>> ds[0].name, ds[0].year, ds[0].origin.name
('George Balanchine', 1924, 'Soviet Union')

The package re-exports its public names here; the modules behind them are private.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from defectors import exceptions
from defectors._converter import configure_converter, converter, make_converter
from defectors._countries import countries, get_country
from defectors._dataset import Dataset, DataSource, Metadata, get, load, metadata
from defectors._eras import SCHEMES, Era, era_of, eras, eras_of, get_era, record_era
from defectors._model import Confidence, Country, Defector, Outcome, Place, Sector, Source
from defectors._normalize import (
    eastern_bloc,
    is_eastern_bloc,
    normalize_country,
    normalize_place,
    successors,
)
from defectors._periods import Period, parse_period
from defectors._sectors import SECTOR_RULES, parse_sector, sectors_for
from defectors._text import fold, slugify
from defectors.exceptions import (
    AmbiguousEraError,
    DatasetError,
    DefectorsError,
    PeriodParseError,
    UnknownCountryError,
    UnknownDefectorError,
    UnknownEraError,
    UnknownSectorError,
)

if TYPE_CHECKING:
    __version__: str

__all__ = [
    "AmbiguousEraError",
    "Confidence",
    "Country",
    "DataSource",
    "Dataset",
    "DatasetError",
    "Defector",
    "DefectorsError",
    "Era",
    "Metadata",
    "Outcome",
    "Period",
    "PeriodParseError",
    "Place",
    "SCHEMES",
    "SECTOR_RULES",
    "Sector",
    "Source",
    "UnknownCountryError",
    "UnknownDefectorError",
    "UnknownEraError",
    "UnknownSectorError",
    "__version__",
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
    "normalize_country",
    "normalize_place",
    "parse_period",
    "parse_sector",
    "record_era",
    "sectors_for",
    "slugify",
    "successors",
]


def __getattr__(name: str) -> str:
    """Look up ``__version__`` from the installed metadata on first use, not at import."""
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - deferred on purpose

        value = version("defectors")
        globals()["__version__"] = value
        return value
    msg = f"module 'defectors' has no attribute {name!r}"
    raise AttributeError(msg)
