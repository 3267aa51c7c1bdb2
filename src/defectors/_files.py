"""
Reading a user's data file safely: regular files only, UTF-8, JSON without repeated keys.

:func:`defectors.load` reads through here. Anything that is not a regular file (a directory,
``/dev/zero``, a FIFO, a terminal) is refused before a byte is read, so a hostile path can
neither exhaust memory nor block forever; a file holding no records is an error, not an empty
dataset; and a JSON object that repeats a key is refused instead of keeping the last value.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterable
from typing import Any, Final, cast

from defectors.exceptions import DatasetError, quote

__all__ = ["EMPTY", "JsonReader", "check_repeated_keys", "read_file"]

#: What a file that holds no records is told: ``[]`` is how to write an empty dataset.
EMPTY: Final = "holds no records (write [] for an empty dataset on purpose)"

_NOT_REGULAR: Final = "is not a regular file, so it cannot hold records"

#: ``O_NONBLOCK`` where the system has it: opening a FIFO for reading then returns at once
#: instead of waiting for a writer (the file is refused right after, as not a regular file).
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)


def read_file(path: str | os.PathLike[str]) -> tuple[str, str]:
    """
    Return the text of the regular file *path* and its name quoted for messages.

    Raises:
        DatasetError: *path* is not a regular file, or not UTF-8 text.
        FileNotFoundError: *path* does not exist; other :class:`OSError`: it cannot be read
            (a name too long for the system is quoted cut short, once).
        ValueError: *path* is empty or holds a NUL character or a lone surrogate.
        TypeError: *path* is not a string or path.
    """
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path must be a str or os.PathLike, not {type(path).__name__}"
        raise TypeError(msg)
    raw = os.fspath(path)
    if not isinstance(raw, str):
        msg = f"path must be a str or os.PathLike of str, not of {type(raw).__name__}"
        raise TypeError(msg)
    name = quote(raw)
    if not raw:
        msg = "'' cannot be a file name: the path is empty"
        raise ValueError(msg)
    try:
        fd = os.open(raw, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    except ValueError as exc:  # a NUL character or a lone surrogate
        msg = f"{name} cannot be a file name: {exc}"
        raise ValueError(msg) from None
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG and os.path.isdir(raw):  # pragma: no cover - Windows  # noqa: PTH112 - no pathlib at import
            # Windows refuses to open a directory at all: say what it is, as elsewhere.
            raise DatasetError(f"{name} {_NOT_REGULAR}") from None
        if exc.errno == errno.ENAMETOOLONG:
            # Refused for its length alone: say so without repeating the whole name. Any
            # other OSError (a missing file, say) goes up unchanged, filename and all.
            raise OSError(exc.errno, f"{exc.strerror}: {name}") from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a directory, a device, a FIFO, ...
            raise DatasetError(f"{name} {_NOT_REGULAR}")
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read()
    finally:
        os.close(fd)
    try:
        return data.decode("utf-8"), name
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{name} is not UTF-8 text: {exc}") from None


class _Repeated(dict[str, Any]):
    """A JSON object that repeated a key: the first key repeated is :attr:`key`."""

    __slots__ = ("key",)

    def __init__(self, pairs: list[tuple[str, Any]], key: str) -> None:
        super().__init__(pairs)
        self.key = key


class JsonReader:
    """
    ``json.loads`` that marks objects repeating a key, for :func:`check_repeated_keys`.

    :attr:`repeated` says whether any object read so far repeated a key, so the check walks
    the rows only then.
    """

    __slots__ = ("_decoder", "repeated")

    def __init__(self) -> None:
        self.repeated = False
        self._decoder = json.JSONDecoder(object_pairs_hook=self._object)

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        self.repeated = True
        seen: set[str] = set()
        for key, _ in pairs:  # pragma: no branch - some key repeats
            if key in seen:
                return _Repeated(pairs, key)
            seen.add(key)
        return obj  # pragma: no cover

    def loads(self, text: str) -> Any:  # noqa: ANN401 - any JSON value
        """Parse one JSON text, as :func:`json.loads` does."""
        return self._decoder.decode(text)

    def checked(self, rows: list[Any], origin: str, *, lines: bool) -> list[Any]:
        """
        Return *rows* read from *origin*, refusing repeated keys and, for JSON Lines, no rows.

        Raises:
            DatasetError: An object repeated a key, or a JSON Lines text held no record.
        """
        if lines and not rows:
            raise DatasetError(f"{origin} {EMPTY}")
        if self.repeated:
            check_repeated_keys(rows, origin)
        return rows


def _repeated(value: object, path: str) -> tuple[str, str] | None:
    """Return the path and key of the first object under *value* that repeats a key."""
    if isinstance(value, _Repeated):
        return path, value.key
    items: Iterable[tuple[object, object]]
    if isinstance(value, dict):
        items = ((f".{k}", v) for k, v in cast("dict[str, object]", value).items())
    elif isinstance(value, list):
        items = ((f"[{i}]", v) for i, v in enumerate(cast("list[object]", value)))
    else:
        return None
    for step, item in items:
        found = _repeated(item, f"{path}{step}")
        if found is not None:
            return found
    return None


def check_repeated_keys(rows: list[Any], origin: str) -> None:
    """
    Refuse *rows* if any JSON object in them repeated a key, naming the record and the key.

    Raises:
        DatasetError: A repeated key, with the record's index and id and the field.
    """
    for index, row in enumerate(rows):
        try:
            found = _repeated(row, "$")
        except RecursionError:  # pragma: no cover - json.loads refuses such depth first
            raise DatasetError(
                f"{origin} nests arrays or objects too deeply", index=index
            ) from None
        if found is None:
            continue
        path, key = found
        record_id = cast("dict[str, object]", row).get("id") if isinstance(row, dict) else None
        where = "" if path == "$" else f" in {path[2:]}"
        field = key if path == "$" else path[2:].split(".")[0].split("[")[0]
        raise DatasetError(
            f"{origin} repeats the key {quote(key)}{where}: JSON keys must be unique",
            index=index,
            record_id=record_id if isinstance(record_id, str) else None,
            field=field,
        )
