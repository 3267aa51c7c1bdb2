"""Where the bundled data comes from: its sources, revision and licence."""

from __future__ import annotations

import json
from typing import Any

import attrs

from defectors._data import read_text
from defectors._lazy import once
from defectors._model import guard_setstate, refuse_reinit

__all__ = ["DataSource", "Metadata", "metadata"]


@guard_setstate
@attrs.frozen(kw_only=True)
class DataSource:
    """
    One source the bundled dataset was drawn from, as a whole.

    Each record also names its own sources (:attr:`Defector.sources`).

    Attributes:
        title: The source's title.
        url: Where it can be read, or ``None`` for records compiled for this project.
        revision: The revision used (for the Wikipedia list, its revision date).
        description: What the source contributed.

    .. versionadded:: 0.1.0
    """

    title: str
    url: str | None
    revision: str | None
    description: str | None

    __attrs_pre_init__ = refuse_reinit


@guard_setstate
@attrs.frozen(kw_only=True)
class Metadata:
    """
    Where the bundled data comes from and under which terms it may be used.

    Attributes:
        title: The dataset's title.
        revision: Revision of the data: the date it last changed.
        licence: SPDX identifier of the data licence (``"CC-BY-SA-4.0"``).
        licence_url: Where the licence text is.
        attribution: How to credit the data.
        sources: The sources the records were drawn from, as :class:`DataSource`.
        record_count: How many records the bundled dataset holds.

    .. versionadded:: 0.1.0
    """

    title: str
    revision: str
    licence: str
    licence_url: str
    attribution: str
    sources: tuple[DataSource, ...]
    record_count: int

    __attrs_pre_init__ = refuse_reinit


@once
def _datapackage() -> dict[str, Any]:
    text = read_text("datapackage.json")
    data: dict[str, Any] = json.loads(text)
    return data


def metadata() -> Metadata:
    """
    Return where the bundled data comes from, its revision, licence and size.

    The information is read from the package's ``datapackage.json``.

    Returns:
        A :class:`Metadata`.

    Example:
        >>> import defectors
        >>> defectors.metadata().licence
        'CC-BY-SA-4.0'

    .. versionadded:: 0.1.0
    """
    from defectors._load import load  # noqa: PLC0415 - the records, on first use

    package = _datapackage()
    licence = package["licenses"][0]
    return Metadata(
        title=package["title"],
        revision=package["version"],
        licence=licence["name"],
        licence_url=licence["path"],
        attribution=package["x-attribution"],
        sources=tuple(
            DataSource(
                title=s["title"],
                url=s.get("path"),
                revision=s.get("version"),
                description=s.get("description"),
            )
            for s in package["sources"]
        ),
        record_count=len(load()),
    )
