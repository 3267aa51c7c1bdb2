"""The package's own table of countries and polities, read lazily from package data."""

from __future__ import annotations

import json
from types import MappingProxyType
from typing import Final, TypeVar, overload

from defectors._data import read_text
from defectors._lazy import once
from defectors._model import Country, table_entries
from defectors.exceptions import UnknownCountryError

__all__ = ["countries", "country_table", "get_country"]

_T = TypeVar("_T")


class _Missing:
    """The type of the marker for "no default given" (shared with Dataset.get)."""


MISSING: Final = _Missing()


@once
def country_table() -> MappingProxyType[str, Country]:
    """Return the read-only mapping of key to :class:`Country`, built on first use."""
    text = read_text("countries.json")
    return MappingProxyType(table_entries(json.loads(text)))


def countries() -> tuple[Country, ...]:
    """
    Return every country and polity the package knows, sorted by key.

    The result holds current ISO 3166-1 states (keyed by alpha-3), states withdrawn from
    ISO 3166 (keyed by their ISO 3166-3 alpha-4 code) and the historical polities ISO never
    coded (keyed by a lowercase slug such as ``"russian-empire"``).

    Returns:
        A tuple of :class:`Country`.

    .. versionadded:: 0.1.0
    """
    return tuple(country_table().values())


@overload
def get_country(key: str) -> Country: ...
@overload
def get_country(key: str, default: _T) -> Country | _T: ...
def get_country(key: str, default: object = MISSING) -> object:
    """
    Return the country or polity whose :attr:`~Country.key` is exactly *key*.

    This is the strict lookup that data files use. To turn a name or any ISO code into a
    :class:`Country`, use :func:`defectors.normalize_country`.

    Args:
        key: An alpha-3 code (``"POL"``), an alpha-4 code (``"SUHH"``) or a polity slug
            (``"russian-empire"``).
        default: Returned when no entry has that key; without it, a miss raises.

    Returns:
        The :class:`Country`, or *default*.

    Raises:
        UnknownCountryError: No entry has that key and no *default* was given.
        TypeError: *key* is not a string.

    .. versionadded:: 0.1.0
    """
    if not isinstance(key, str):
        msg = f"country key must be a str, not {type(key).__name__}"
        raise TypeError(msg)
    found = country_table().get(key)
    if found is not None:
        return found
    if default is not MISSING:
        return default
    raise UnknownCountryError(key, by_key=True)
