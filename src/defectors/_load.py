"""Loading a dataset: the bundled data, or a user's file."""

from __future__ import annotations

import errno
import os
from typing import TypeVar, overload

from defectors._countries import MISSING as _MISSING
from defectors._data import read_text
from defectors._dataset import Dataset
from defectors._json import parse, structure_rows
from defectors._lazy import once
from defectors._model import Defector
from defectors.exceptions import DatasetError, quote

__all__ = ["get", "load"]

_T = TypeVar("_T")


@once
def _bundled() -> Dataset:
    text = read_text("defectors.json")
    return structure_rows(parse(text, "the bundled data file"))


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """
    Return the bundled dataset, or the records of a JSON file.

    Without *path*, returns the dataset shipped with the package, read from package data on
    the first call (offline) and the very same object on every later call; it is safe for
    many threads to make the first call at once.

    With *path*, reads a file in the form :meth:`Dataset.to_json` writes (a JSON array of
    records) or :meth:`Dataset.to_jsonl` writes (JSON Lines), so you can keep your own
    additions or corrections in a file.

    Args:
        path: A file to read; ``None`` for the bundled data.

    Returns:
        A :class:`Dataset`.

    Raises:
        DatasetError: The file is not JSON, not an array of records, a record is malformed
            (the message names the record's index, its id and the field), or two records
            share an id.
        FileNotFoundError: *path* does not exist; other :class:`OSError`: it cannot be read
            (a name too long for the system is quoted cut short).
        ValueError: *path* cannot be a file name (it holds a NUL character or a lone
            surrogate).
        TypeError: *path* is not a string or path.

    Example:
        >>> import defectors
        >>> ds = defectors.load()
        >>> ds is defectors.load()
        True
        >>> ds[0].name
        'George Balanchine'

    .. versionadded:: 0.1.0
    """
    if path is None:
        return _bundled()
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path must be a str or os.PathLike, not {type(path).__name__}"
        raise TypeError(msg)
    name = quote(os.fspath(path))
    try:
        with open(path, encoding="utf-8") as handle:  # noqa: PTH123 - accepts str or PathLike
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{name} is not UTF-8 text: {exc}") from exc
    except ValueError as exc:  # open() refuses a NUL character or a lone surrogate
        msg = f"{name} cannot be a file name: {exc}"
        raise ValueError(msg) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            # Refused for its length alone: say so without repeating the whole name. Any
            # other OSError (a missing file, say) goes up unchanged, filename and all.
            raise OSError(exc.errno, exc.strerror, name) from exc
        raise
    return structure_rows(parse(text, name))


@overload
def get(key: str) -> Defector: ...
@overload
def get(key: str, default: _T) -> Defector | _T: ...
def get(key: str, default: object = _MISSING) -> object:
    """
    Return the bundled record with id *key*, or whose name or other name is *key*.

    The same as ``defectors.load().get(key, default)``; see :meth:`Dataset.get`.

    Args:
        key: An id or a name (case- and diacritic-insensitive).
        default: Returned on a miss; without it, a miss raises.

    Returns:
        The :class:`Defector`, or *default*.

    Raises:
        UnknownDefectorError: Nothing matches and no *default* was given.
        TypeError: *key* is not a string.

    Example:
        >>> import defectors
        >>> defectors.get("milosz", None) is None
        True
        >>> defectors.get("Czeslaw Milosz").id
        'czeslaw-milosz'

    .. versionadded:: 0.1.0
    """
    return load().get(key, default)
