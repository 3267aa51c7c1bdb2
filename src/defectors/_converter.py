"""The documented cattrs converter for the record types."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import cattrs

from defectors._countries import get_country
from defectors._model import Country

__all__ = ["configure_converter", "converter", "make_converter"]


def _structure_str(value: object, _type: type) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _structure_int(value: object, _type: type) -> int:
    if type(value) is not int:
        msg = f"expected an integer, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _structure_bool(value: object, _type: type) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _structure_date(value: object, _type: type) -> dt.date:
    if not isinstance(value, str):
        msg = f"expected an ISO 8601 date string (YYYY-MM-DD), not {type(value).__name__}"
        raise TypeError(msg)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"expected an ISO 8601 date (YYYY-MM-DD), not {value!r}"
        raise ValueError(msg) from None


def _structure_country(value: object, _type: type) -> Country:
    if not isinstance(value, str):
        msg = f"expected a country key string, not {type(value).__name__}"
        raise TypeError(msg)
    return get_country(value)


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    try:
        return type_(value)
    except ValueError:
        expected = ", ".join(repr(m.value) for m in type_)
        msg = f"expected one of {expected}, not {value!r}"
        raise ValueError(msg) from None


def configure_converter(conv: cattrs.Converter) -> None:
    """
    Register the hooks for :mod:`defectors`' record types on *conv*.

    It registers:

    * :class:`~defectors.Country` as its :attr:`~defectors.Country.key` string, structured
      back through the package's country table (an unknown key raises
      :class:`~defectors.exceptions.UnknownCountryError`);
    * :class:`datetime.date` as an ISO 8601 string (``"1961-06-16"``);
    * enums (:class:`~defectors.Sector`, :class:`~defectors.Outcome`,
      :class:`~defectors.Confidence`) by value;
    * ``str``, ``int`` and ``bool`` strictly: ``"1956"`` is not an ``int`` and ``1956`` is not
      a ``str``, where cattrs by default would convert them silently.

    The converter should also be made with ``forbid_extra_keys=True`` (so a misspelt field is
    an error) and tuples unstructured as lists (so the output is JSON-ready), as
    :func:`make_converter` does.

    Args:
        conv: The converter to configure.
    """
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(Country, _structure_country)
    conv.register_unstructure_hook(Country, _country_key)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_value
    )


def _country_key(country: Country) -> str:
    return country.key


def _enum_value(member: enum.Enum) -> Any:  # noqa: ANN401 - enum values are any type
    return member.value


def make_converter() -> cattrs.Converter:
    """
    Return a new cattrs converter configured for every record type.

    ``converter.unstructure(record)`` gives JSON-ready data (dicts, lists, strings, numbers,
    ``None``) and ``converter.structure(data, Defector)`` reads it back; the two round-trip.
    Each call returns an independent converter, so hooks registered on one do not affect
    another, nor how :func:`defectors.load` reads data.

    Returns:
        A :class:`cattrs.Converter` made with ``forbid_extra_keys=True`` and tuples
        unstructured as lists, configured by :func:`configure_converter`.

    Example:
        >>> import defectors
        >>> conv = defectors.make_converter()
        >>> record = defectors.load()[0]
        >>> conv.structure(conv.unstructure(record), defectors.Defector) == record
        True

    .. versionadded:: 0.1.0
    """
    conv = cattrs.Converter(
        forbid_extra_keys=True,
        unstruct_collection_overrides={tuple: list},
    )
    configure_converter(conv)
    return conv


#: A converter for users, made by :func:`make_converter`. Register your own hooks on it
#: freely: :func:`defectors.load` uses a private converter of its own.
converter: cattrs.Converter = make_converter()
