"""The documented cattrs converter for the record types."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Mapping
from typing import Any, cast, get_args, get_origin

import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn

from defectors._model import Country, Defector, Place, Source
from defectors._reader import (
    check_array,
    check_object,
    structure_bool,
    structure_country,
    structure_date,
    structure_enum,
    structure_int,
    structure_str,
)

__all__ = ["configure_converter", "converter", "make_converter"]

#: How many bad items of one array are reported before reading it stops.
MAX_ITEM_ERRORS = 3

#: The record types read from JSON objects (``Country`` is read from its key).
_RECORD_TYPES: tuple[object, ...] = (Defector, Place, Source)


def _is_enum(type_: object) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _is_record(type_: object) -> bool:
    return type_ in _RECORD_TYPES


def _is_array(type_: object) -> bool:
    """Whether *type_* is a homogeneous tuple, ``tuple[X, ...]``."""
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _array_hook(conv: cattrs.Converter) -> Any:  # noqa: ANN401 - a cattrs hook
    """Return a hook reading ``tuple[X, ...]`` from a JSON array only, item by item."""

    def structure(value: object, type_: Any) -> tuple[Any, ...]:  # noqa: ANN401
        items = check_array(value)
        item_type = get_args(type_)[0]
        if not conv.detailed_validation:
            return tuple(conv.structure(item, item_type) for item in items)
        result: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(items):
            try:
                result.append(conv.structure(item, item_type))
            except Exception as exc:  # noqa: BLE001, PERF203 - collected and re-raised, as cattrs does
                note = IterableValidationNote(
                    f"Structuring {type_} @ index {index}", index, item_type
                )
                # As cattrs does; Exception.add_note() is Python 3.11+.
                exc.__notes__ = [*getattr(exc, "__notes__", ()), note]  # type: ignore[attr-defined]
                errors.append(exc)
                if len(errors) == MAX_ITEM_ERRORS:
                    break  # a hostile array may hold millions of bad items: stop here
        if errors:
            msg = f"While structuring {type_!r}"
            raise IterableValidationError(msg, errors, type_)
        return tuple(result)

    return structure


def _record_hook(conv: cattrs.Converter, cls: type[Any]) -> Any:  # noqa: ANN401 - a cattrs hook
    """Return cattrs' generated hook for the record type *cls*, taking JSON objects only."""
    generated = cast(
        "Callable[[Mapping[str, Any], type[Any]], object]",
        make_dict_structure_fn(
            cls,
            conv,
            _cattrs_forbid_extra_keys=conv.forbid_extra_keys,
            _cattrs_detailed_validation=conv.detailed_validation,
        ),
    )

    def structure(value: object, type_: type[Any]) -> object:
        obj: Mapping[str, Any] = check_object(value)
        return generated(obj, type_)

    return structure


def configure_converter(conv: cattrs.Converter) -> None:
    """
    Register the hooks for :mod:`defectors`' record types on *conv*.

    It registers:

    * :class:`~defectors.Country` as its :attr:`~defectors.Country.key` string, structured
      back through the package's country table (an unknown key raises
      :class:`~defectors.exceptions.UnknownCountryError`);
    * :class:`datetime.date` as an ISO 8601 string of the form ``YYYY-MM-DD``
      (``"1961-06-16"``; not the basic or week forms that :meth:`datetime.date.fromisoformat`
      also reads from Python 3.11 on);
    * enums (:class:`~defectors.Sector`, :class:`~defectors.Outcome`,
      :class:`~defectors.Confidence`, :class:`~defectors.Provenance`) by value;
    * ``str``, ``int`` and ``bool`` strictly: ``"1956"`` is not an ``int`` and ``1956`` is not
      a ``str``, where cattrs by default would convert them silently;
    * tuples (``tuple[str, ...]``, ...) from JSON arrays only (with detailed validation,
      reporting the first three bad items of an array, not every one), and the record types
      (:class:`~defectors.Defector`, :class:`~defectors.Place`, :class:`~defectors.Source`)
      from JSON objects only: a string is not a list of its characters, nor a list an empty
      object.

    The converter should also be made with ``forbid_extra_keys=True`` (so a misspelt field is
    an error) and tuples unstructured as lists (so the output is JSON-ready), as
    :func:`make_converter` does.

    Args:
        conv: The converter to configure.
    """
    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(bool, structure_bool)
    conv.register_structure_hook(dt.date, structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(Country, structure_country)
    conv.register_unstructure_hook(Country, _country_key)
    conv.register_structure_hook_func(_is_enum, structure_enum)
    conv.register_unstructure_hook_func(_is_enum, _enum_value)
    conv.register_structure_hook_func(_is_array, _array_hook(conv))
    conv.register_structure_hook_factory(_is_record, functools.partial(_record_hook, conv))


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
