"""Reading the package's data files, wherever the package is installed."""

from __future__ import annotations

import os
import sys

__all__ = ["read_text"]


def read_text(name: str) -> str:
    """
    Return the text of the data file *name* (``"defectors.json"``) as UTF-8.

    The file is read through the package's loader, as :func:`pkgutil.get_data` does (without
    importing :mod:`pkgutil`), which works for a package in a directory, a read-only
    location or a zip file;
    :mod:`importlib.resources` serves any other loader. (Importing
    :mod:`importlib.resources` pulls in :mod:`tempfile` and :mod:`zipfile`, a third of the
    package's cold start.)
    """
    package = sys.modules["defectors"]
    loader = getattr(package.__spec__, "loader", None)
    get_data = getattr(loader, "get_data", None)
    data: bytes | None = None
    if get_data is not None and package.__file__ is not None:
        directory = os.path.dirname(package.__file__)  # noqa: PTH120 - no pathlib at import
        data = get_data(os.path.join(directory, "data", name))  # noqa: PTH118
    if data is None:  # a loader without get_data(): ask importlib.resources
        from importlib import resources  # noqa: PLC0415 - costly, and rarely needed

        return resources.files("defectors").joinpath(f"data/{name}").read_text("utf-8")
    return data.decode("utf-8")
