"""
Hypothesis strategies for :mod:`defectors`' record types, for property-testing your own code.

Requires the ``hypothesis`` extra (``pip install "defectors[hypothesis]"``).

>>> from hypothesis import given
>>> from defectors.testing import defectors
>>> @given(defectors())
... def test_year_in_range(record):
...     assert 1917 <= record.year <= 1991

Every strategy here generates only valid values: records that :class:`~defectors.Defector`
accepts and that survive a round-trip through :func:`defectors.make_converter` and JSON.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    msg = (
        "defectors.testing needs Hypothesis: install it with "
        "'pip install \"defectors[hypothesis]\"'"
    )
    raise ImportError(msg) from exc

from defectors._countries import country_table
from defectors._dataset import Dataset
from defectors._model import (
    FIRST_YEAR,
    LAST_YEAR,
    ORIGIN_KEYS,
    Confidence,
    Country,
    Defector,
    Outcome,
    Place,
    Provenance,
    Sector,
    Source,
)

__all__ = [
    "countries",
    "datasets",
    "defectors",
    "ids",
    "origins",
    "places",
    "sources",
    "texts",
]

# JSON text must be encodable as UTF-8: no lone surrogates.
_ALPHABET = st.characters(exclude_categories=["Cs"])


def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text of any script, encodable as UTF-8."""
    return st.text(_ALPHABET, min_size=min_size, max_size=max_size).filter(
        lambda s: bool(s.strip())
    )


def ids() -> st.SearchStrategy[str]:
    """Record ids: lowercase ASCII slugs such as ``"czeslaw-milosz"``."""
    return st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}", fullmatch=True)


def countries() -> st.SearchStrategy[Country]:
    """Any country or polity of the package's table."""
    return st.sampled_from(sorted(country_table().values(), key=lambda c: c.key))


def origins() -> st.SearchStrategy[Country]:
    """One of the eight Eastern Bloc states a record's ``origin`` may be."""
    table = country_table()
    return st.sampled_from([table[key] for key in sorted(ORIGIN_KEYS)])


def places() -> st.SearchStrategy[Place]:
    """Places with or without text, country and polity."""
    return st.builds(
        Place,
        text=st.none() | texts(),
        country=st.none() | countries(),
        polity=st.none() | countries(),
    )


def sources() -> st.SearchStrategy[Source]:
    """Sources with an http(s) URL and optional title, revision and retrieval day."""
    return st.builds(
        Source,
        url=st.from_regex(r"https://[a-z]{1,10}\.(org|com)/[a-z0-9_/]{0,20}", fullmatch=True),
        title=st.none() | texts(),
        revision=st.none() | texts(max_size=20),
        retrieved=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    )


@st.composite
def defectors(draw: st.DrawFn, *, id: st.SearchStrategy[str] | None = None) -> Defector:  # noqa: A002
    """
    Valid :class:`~defectors.Defector` records.

    Args:
        draw: Supplied by Hypothesis.
        id: A strategy for the id; by default :func:`ids`.
    """
    year = draw(st.integers(FIRST_YEAR, LAST_YEAR))
    return Defector(
        id=draw(id if id is not None else ids()),
        name=draw(texts()),
        also_known_as=draw(st.lists(texts(), max_size=2)),
        profession=draw(st.none() | texts()),
        sectors=draw(st.lists(st.sampled_from(Sector), unique=True, max_size=3)),
        birthplace=draw(st.none() | places()),
        year=year,
        date=draw(st.none() | st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))),
        origin=draw(origins()),
        destination=draw(st.none() | countries()),
        defection_place=draw(st.none() | texts()),
        route=draw(st.lists(countries(), max_size=3)),
        outcome=draw(st.sampled_from(Outcome)),
        summary=draw(texts(max_size=200)),
        confidence=draw(st.none() | st.sampled_from(Confidence)),
        sources=draw(st.lists(sources(), min_size=1, max_size=3)),
        provenance=draw(st.none() | st.sampled_from(Provenance)),
    )


def datasets(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[Dataset]:
    """:class:`~defectors.Dataset` values of records with unique ids."""
    return st.lists(
        defectors(), min_size=min_size, max_size=max_size, unique_by=lambda d: d.id
    ).map(Dataset)
