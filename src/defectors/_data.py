"""Reading the package's data files, wherever the package is installed."""

from __future__ import annotations

import pkgutil

__all__ = ["read_text"]


def read_text(name: str) -> str:
    """
    Return the text of the data file *name* (``"defectors.json"``) as UTF-8.

    The file is read through the package's loader (:func:`pkgutil.get_data`), which works
    for a package in a directory, a read-only location or a zip file, and costs no imports;
    :mod:`importlib.resources` serves any other loader. (Importing
    :mod:`importlib.resources` pulls in :mod:`tempfile` and :mod:`zipfile`, a third of the
    package's cold start.)
    """
    data = pkgutil.get_data("defectors", f"data/{name}")
    if data is None:  # a loader without get_data(): ask importlib.resources
        from importlib import resources  # noqa: PLC0415 - costly, and rarely needed

        return resources.files("defectors").joinpath(f"data/{name}").read_text("utf-8")
    return data.decode("utf-8")
