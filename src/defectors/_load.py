"""Loading a dataset: the bundled data, or a user's file."""

from __future__ import annotations

import json
import os
from typing import IO, TypeVar, overload

from defectors._countries import MISSING as _MISSING
from defectors._data import read_text
from defectors._dataset import Dataset
from defectors._lazy import once
from defectors._model import Defector
from defectors._reader import read_packed
from defectors.exceptions import DatasetError, quote

__all__ = ["get", "load"]

_T = TypeVar("_T")


@once
def _bundled() -> Dataset:
    # The package's packed copy of defectors.json (tools/import_tsv.py writes both), whose
    # records the test suite checks against the checked build of defectors.json: plain
    # json.loads, and records built without re-running their validators.
    return Dataset(read_packed(json.loads(read_text("records.json"))))


def load(path: str | os.PathLike[str] | IO[str] | IO[bytes] | None = None) -> Dataset:
    """
    Return the bundled dataset, or the records of a JSON, JSON Lines or CSV file.

    Without *path*, returns the dataset shipped with the package, read from package data
    on the first call (offline) and the very same object on every later call; it is safe for
    many threads to make the first call at once.

    With *path*, a file name or an open file (text or binary, UTF-8), reads any of the
    forms the dataset writes, so you can keep your own additions or corrections in a file:
    a JSON array of records (:meth:`Dataset.to_json`), JSON Lines (:meth:`Dataset.to_jsonl`)
    or the flat CSV table (:meth:`Dataset.to_csv`). The form is told from the text: a JSON
    array starts with ``[``, JSON Lines with ``{``, anything else is read as CSV, whose header
    must name columns of the flat table. A file with no text at all is refused rather than
    read as no records, so that a truncated file is noticed.

    Args:
        path: A file name or an open file to read; ``None`` for the bundled data.

    Returns:
        A :class:`Dataset`.

    Raises:
        DatasetError: *path* names something that is not a regular file (a directory, a
            device, a FIFO); the text is not UTF-8, nor JSON, JSON Lines or CSV in the
            dataset's form; it holds no records at all (an empty or blank file: write ``[]``
            for an empty dataset) or a single JSON value that is not an array of records
            (``42``, ``null``); it repeats a key in an object; a record is malformed (the
            message names the record's index, its id and the field, and the first few
            problems only); or two records share an id.
        FileNotFoundError: *path* does not exist; other :class:`OSError`: it cannot be read
            (a name too long for the system is quoted cut short).
        ValueError: *path* cannot be a file name (it is empty, or holds a NUL character or
            a lone surrogate).
        TypeError: *path* is not a string, a path or a file opened for reading.

    Example:
        >>> import defectors
        >>> ds = defectors.load()
        >>> ds is defectors.load()
        True
        >>> ds.get("czeslaw-milosz").name
        'Czesław Miłosz'
        >>> import io
        >>> defectors.load(io.StringIO(ds[:2].to_csv())) == ds[:2]
        True

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Reads CSV, and takes an open file.
    """
    if path is None:
        return _bundled()
    if isinstance(path, (str, os.PathLike)):
        text, name = _read_path(path)
    elif callable(getattr(path, "read", None)):
        text, name = _read_file(path)
    else:
        msg = f"load() takes a file name, a path or an open file, not {type(path).__name__}"
        raise TypeError(msg)
    return _from_text(text, name)


def _from_text(text: str, name: str) -> Dataset:
    """Return the records of the text of a JSON, JSON Lines or CSV file."""
    head = text.lstrip("\ufeff").lstrip()[:1]  # str.lstrip(): all Unicode white space
    if head in ("[", "{", ""):
        from defectors._json import parse, structure_rows  # noqa: PLC0415 - a user's file

        return structure_rows(parse(text, name))
    from defectors._flat import read_csv  # noqa: PLC0415 - csv is imported on first use

    try:
        return Dataset(read_csv(text, name))
    except DatasetError:
        kind = _json_scalar(text)
        if kind is None:
            raise
        msg = (
            f"{name} holds a JSON {kind} value, not records: expected a JSON array of records "
            "([...]), JSON Lines or the CSV that Dataset.to_csv() writes"
        )
        raise DatasetError(msg) from None


def _json_scalar(text: str) -> str | None:
    """Name the kind of JSON value *text* is (a string, a number, ...), if it is one."""
    try:
        value: object = json.loads(text.lstrip("\ufeff"))
    except ValueError:  # not JSON at all: a CSV, as it was read
        return None
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return "string" if isinstance(value, str) else "number"


def _read_file(source: IO[str] | IO[bytes]) -> tuple[str, str]:
    """Return the text of an open file and a name for it in messages."""
    raw_name: object = getattr(source, "name", None)
    name = quote(raw_name) if isinstance(raw_name, str) else "the file"
    encoding: object = getattr(source, "encoding", None)
    if isinstance(encoding, str) and not _is_utf8(encoding):
        msg = (
            f"{name} was opened with the encoding {quote(encoding)}: the dataset's files are "
            "UTF-8 (open it with encoding='utf-8', or in binary mode)"
        )
        raise DatasetError(msg)
    try:
        data: object = source.read()
    except ValueError as exc:  # closed, or not readable (io.UnsupportedOperation)
        msg = f"{name} is not a file open for reading: {exc}"
        raise TypeError(msg) from None
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8"), name
        except UnicodeDecodeError as exc:
            raise DatasetError(f"{name} is not UTF-8 text: {exc}") from exc
    if not isinstance(data, str):
        msg = f"the file's read() must give str or bytes, not {type(data).__name__}"
        raise TypeError(msg)
    return data, name


def _is_utf8(encoding: str) -> bool:
    """Whether *encoding* names UTF-8 (with or without a byte order mark)."""
    import codecs  # noqa: PLC0415 - only for an open text file

    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def _read_path(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Return the text of the regular file *path* names and a name for it in messages."""
    from defectors._files import read_file  # noqa: PLC0415 - only for a user's file

    return read_file(path)  # a regular file's UTF-8 text, or a documented error


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
