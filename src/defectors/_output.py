"""Writing exports to a file: atomically, so a reader never sees half a file."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from defectors.exceptions import quote

__all__ = ["check_path", "write_atomically"]


def check_path(path: object) -> str | os.PathLike[str]:
    """
    Return *path* if it can name a file to write.

    Raises:
        TypeError: *path* is neither a string nor an :class:`os.PathLike`.
    """
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path must be a str or os.PathLike, not {type(path).__name__}"
        raise TypeError(msg)
    return path  # pyright: ignore[reportUnknownVariableType]


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """
    Write *text* as UTF-8 to *path*, exactly (no newline translation), atomically.

    The text goes to a temporary file in the same directory, which is flushed to disk and
    then renamed over *path*: a reader (or a crash) sees the old file or the new one, never
    a part. An existing file's permission bits are kept.

    A symbolic link is followed: the file it names is replaced, and the link kept.

    Raises:
        OSError: The directory cannot be written, or *path* names something that is not a
            regular file (a directory, a device, a FIFO), which is never replaced.
        ValueError: *path* is empty.
    """
    raw = os.fspath(check_path(path))
    if not raw:
        msg = "'' cannot be a file name: the path is empty"
        raise ValueError(msg)
    # Write through a symbolic link to the file it names, rather than replace the link.
    target = Path(os.path.realpath(raw))
    data = text.encode("utf-8")
    try:
        status = target.stat()
    except FileNotFoundError:
        mode: int | None = None
    else:
        if not stat.S_ISREG(status.st_mode):  # a directory, a device, a FIFO: never replaced
            raise OSError(
                errno.EINVAL, f"{quote(raw)} is not a regular file, so it cannot be replaced"
            )
        mode = status.st_mode & 0o7777
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)  # noqa: PTH101 - a str from mkstemp
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)  # noqa: PTH101 - a str from mkstemp
        os.replace(temp, target)  # noqa: PTH105 - a str from mkstemp
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
