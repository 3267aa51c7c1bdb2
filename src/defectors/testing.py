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
    WIKIPEDIA_PREFIX,
    Confidence,
    Country,
    Defector,
    Outcome,
    Place,
    Provenance,
    Sector,
    Source,
    SourceKind,
    canonical_wikipedia,
)
from defectors._text import is_blank

__all__ = [
    "countries",
    "datasets",
    "defectors",
    "ids",
    "origins",
    "places",
    "sources",
    "texts",
    "wikipedia_links",
]

# Every character a valid text may hold: all of Unicode but the surrogates, which are not
# text (they cannot be written as UTF-8, so the record types refuse them).
_ALPHABET = st.characters(exclude_categories=["Cs"])

#: Characters that are easy to mishandle, drawn often: invisible and direction characters,
#: line and paragraph separators, controls, combining marks, astral letters, and the
#: characters that CSV and JSON escape; with a few letters, so that such text can be a name.
_AWKWARD = (
    "\x00\t\n\r\x1b\x7f\x85\xa0\xad\u0301\u200b\u200d\u200e\u202e\u2028\u2029\u2066"
    '\ufeff\ufffd\U0001f600\U0010fffd"\\,; aéŁ'
)


def texts(*, min_size: int = 1, max_size: int = 40, blank: bool = False) -> st.SearchStrategy[str]:
    """
    Text of any script: every Unicode character but the surrogates may appear.

    Args:
        min_size: The fewest characters.
        max_size: The most characters.
        blank: Also give text with nothing a reader would see (whitespace, invisible
            characters, combining marks, or nothing at all with ``min_size=0``), as the
            optional text fields accept; by default the text has a character that shows,
            as a name or a summary needs.

    .. versionchanged:: 0.1.0
       Draws invisible, control and separator characters often; *blank* added.
    .. versionchanged:: 0.2.0
       Without *blank*, text of invisible characters or combining marks alone is not drawn.
    """
    # Two kinds of text: any characters, and mostly awkward ones (drawn from all of Unicode,
    # they would almost never appear).
    strategy = st.one_of(
        st.text(_ALPHABET, min_size=min_size, max_size=max_size),
        st.text(_AWKWARD, min_size=min_size, max_size=max_size),
    )
    return strategy if blank else strategy.filter(lambda s: not is_blank(s))


def _free_texts() -> st.SearchStrategy[str]:
    """Any valid text, empty and blank included: what the optional text fields accept."""
    return st.sampled_from(["", " ", "\t\n", "\u3000"]) | texts(min_size=0, blank=True)


def ids() -> st.SearchStrategy[str]:
    """Record ids: lowercase ASCII slugs such as ``"czeslaw-milosz"``, of any length."""
    return st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True)


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
        text=st.none() | _free_texts(),
        country=st.none() | countries(),
        polity=st.none() | countries(),
    )


def sources() -> st.SearchStrategy[Source]:
    """
    Sources: mostly an https URL, but any non-blank text; optional title, revision and day.

    .. versionchanged:: 0.2.0
       The address is never empty or blank, as :class:`~defectors.Source` requires.
    """
    return st.builds(
        Source,
        url=st.from_regex(r"https://[a-z]{1,10}\.(org|com)/[a-z0-9_/]{0,20}", fullmatch=True)
        | texts(),
        title=st.none() | _free_texts(),
        revision=st.none() | _free_texts(),
        retrieved=st.none() | st.dates(),
        kind=st.none() | st.sampled_from(SourceKind),
    )


def wikipedia_links() -> st.SearchStrategy[str]:
    """
    English Wikipedia article addresses, as :attr:`~defectors.Defector.wikipedia` takes them.

    Titles are of any script, percent-encoded by :func:`defectors.canonical_wikipedia`.
    """
    title_chars = st.characters(
        exclude_categories=["Cc", "Cf", "Cs", "Zl", "Zp", "Zs"], exclude_characters="?#"
    )
    return (
        st.text(title_chars, min_size=1, max_size=30)
        .map(lambda title: WIKIPEDIA_PREFIX + title)
        .filter(_is_article_address)
        .map(canonical_wikipedia)
    )


def _is_article_address(url: str) -> bool:
    try:
        canonical_wikipedia(url)
    except ValueError:
        return False
    return True


@st.composite
def defectors(draw: st.DrawFn, *, id: st.SearchStrategy[str] | None = None) -> Defector:  # noqa: A002
    """
    Valid :class:`~defectors.Defector` records.

    Args:
        draw: Supplied by Hypothesis.
        id: A strategy for the id; by default :func:`ids`.

    .. versionchanged:: 0.2.0
       Other names (*also_known_as*) are never empty or blank, as the record requires.
    """
    year = draw(st.integers(FIRST_YEAR, LAST_YEAR))
    return Defector(
        id=draw(id if id is not None else ids()),
        name=draw(texts()),
        also_known_as=draw(st.lists(texts(), max_size=2)),
        profession=draw(st.none() | _free_texts()),
        sectors=draw(st.lists(st.sampled_from(Sector), unique=True, max_size=3)),
        birthplace=draw(st.none() | places()),
        year=year,
        date=draw(st.none() | st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))),
        origin=draw(origins()),
        destination=draw(st.none() | countries()),
        defection_place=draw(st.none() | _free_texts()),
        route=draw(st.lists(countries(), max_size=3)),
        outcome=draw(st.sampled_from(Outcome)),
        summary=draw(texts(max_size=200)),
        confidence=draw(st.none() | st.sampled_from(Confidence)),
        sources=draw(st.lists(sources(), min_size=1, max_size=3)),
        wikipedia=draw(st.none() | wikipedia_links()),
        provenance=draw(st.none() | st.sampled_from(Provenance)),
    )


def datasets(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[Dataset]:
    """:class:`~defectors.Dataset` values of records with unique ids."""
    return st.lists(
        defectors(), min_size=min_size, max_size=max_size, unique_by=lambda d: d.id
    ).map(Dataset)
