"""How to cite the package, the bundled dataset and the sources it was drawn from."""

from __future__ import annotations

import re
from typing import Final, Literal

from defectors._metadata import DataSource, metadata
from defectors._text import slugify
from defectors.exceptions import InvalidArgumentError, quote

__all__ = ["cite"]

#: The citation styles :func:`cite` knows.
_STYLES: Final = ("text", "bibtex")

#: Characters BibTeX treats specially in a field's text, and their escaped forms.
_BIBTEX_ESCAPES: Final = str.maketrans({"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$"})

_YEAR: Final = re.compile(r"\d{4}")


def _software() -> tuple[str, str, str]:
    """Return the installed distribution's author, version and source address."""
    # Reading package metadata costs 10-17 ms: only when a citation is asked for.
    from importlib.metadata import metadata as distribution  # noqa: PLC0415

    dist = distribution("defectors")
    authors = dist.get_all("Author") or ["The defectors developers"]
    urls: dict[str, str] = {}
    for entry in dist.get_all("Project-URL") or ():
        label, _, address = entry.partition(",")
        urls[label.strip()] = address.strip()
    url = urls.get("Source") or next(iter(dist.get_all("Home-page") or ()), "")
    return authors[0], dist["Version"], url


def _source_author(source: DataSource, software_author: str) -> str | None:
    """Return who wrote *source*: Wikipedia's contributors, or us for our own compilation."""
    if source.url is None:
        return software_author
    return "Wikipedia contributors" if "wikipedia.org/" in source.url else None


def _year_of(revision: str | None) -> str | None:
    match = _YEAR.match(revision or "")
    return None if match is None else match.group()


def _text() -> str:
    facts = metadata()
    author, version, url = _software()
    lines = [
        (
            f"{author}. defectors: {facts.title} (software version {version}, "
            f"data revision {facts.revision})." + (f" {url}" if url else "")
        ),
        f"Data licence: {facts.licence} ({facts.licence_url}). {facts.attribution}.",
        "Sources:",
    ]
    for source in facts.sources:
        who = _source_author(source, author)
        parts = [f'{who}, "{source.title}"' if who else f'"{source.title}"']
        if source.revision:
            parts.append(f"revision of {source.revision}")
        parts.append(source.url or "compiled for this project; each record lists its own sources")
        lines.append("- " + ", ".join(parts) + ".")
    return "\n".join(lines) + "\n"


def _bibtex_entry(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _escape(text: str) -> str:
    return text.translate(_BIBTEX_ESCAPES)


def _bibtex() -> str:
    facts = metadata()
    author, version, url = _software()
    entries = [
        _bibtex_entry(
            "misc",
            "defectors",
            [
                ("author", "{" + _escape(author) + "}"),
                ("title", "{defectors}: " + _escape(facts.title)),
                ("year", _year_of(facts.revision)),
                ("version", version),
                ("url", url),
                (
                    "note",
                    _escape(
                        f"Software version {version}; data revision {facts.revision}; "
                        f"data licence {facts.licence}"
                    ),
                ),
            ],
        )
    ]
    for source in facts.sources:
        who = _source_author(source, author)
        note = [f"Revision of {source.revision}"] if source.revision else []
        if source.url is None:
            note.append("Compiled for the defectors project; each record lists its own sources")
        entries.append(
            _bibtex_entry(
                "misc",
                slugify(source.title),
                [
                    ("author", None if who is None else "{" + _escape(who) + "}"),
                    ("title", _escape(source.title)),
                    ("howpublished", "Wikipedia" if who == "Wikipedia contributors" else None),
                    ("year", _year_of(source.revision)),
                    ("url", source.url),
                    ("note", _escape(". ".join(note)) or None),
                ],
            )
        )
    return "\n".join(entries)


def cite(style: Literal["text", "bibtex"] = "text") -> str:
    """
    Return how to cite the bundled dataset, the package and the dataset's sources.

    The citation names the package version, the data revision and licence, and each
    source the records were drawn from with the revision used (for Wikipedia's list, the
    date of the page revision). Every fact is read from :func:`defectors.metadata` and the
    installed package's metadata, so the citation always matches the data you have.

    Args:
        style: ``"text"`` for a plain-text citation, one source a line; ``"bibtex"`` for
            BibTeX ``@misc`` entries, the package's first (key ``defectors``), then one a
            source.

    Returns:
        The citation, ending in a newline.

    Raises:
        ValueError: *style* is not ``"text"`` or ``"bibtex"``; the message quotes it.
        TypeError: *style* is not a string.

    Example:
        >>> import defectors
        >>> text = defectors.cite()
        >>> "List of Soviet and Eastern Bloc defectors" in text
        True
        >>> "revision of 2025-11-06" in text
        True
        >>> print(defectors.cite("bibtex").splitlines()[0])
        @misc{defectors,

    .. versionadded:: 0.1.0
    """
    if not isinstance(style, str):
        msg = f"style must be a str, not {type(style).__name__}: {quote(style)}"
        raise TypeError(msg)
    if style == "text":
        return _text()
    if style == "bibtex":
        return _bibtex()
    msg = f"unknown citation style {quote(style)}: expected one of {', '.join(map(repr, _STYLES))}"
    raise InvalidArgumentError(msg)
