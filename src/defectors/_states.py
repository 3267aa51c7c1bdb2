"""
Which state held a territory in a given year, and how country queries relate to states.

:func:`state_of` reads ``_HELD``, a table curated from the dates the package already records
(``countries.json``: the founding and end years of the USSR, Czechoslovakia, Yugoslavia, the
two Germanies, the interwar kingdoms and the wartime polities) and from the standard dates of
the Baltic annexation (1940), the German invasion of the USSR (1941), the liberations
(1944-1945) and the independences of 1991-1993 and 2006-2008.

The helpers at the end (:func:`query_keys`, :func:`check_origin_query`) are what
:meth:`defectors.Dataset.filter` calls for its country keywords.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from defectors._countries import country_table
from defectors._model import ORIGIN_KEYS, Country
from defectors._normalize import (
    _as_country,  # pyright: ignore[reportPrivateUsage]
    _check_year,  # pyright: ignore[reportPrivateUsage]
    implied_polity,
    successors,
)
from defectors.exceptions import AmbiguousStateError, CountryQueryError, quote

__all__ = ["EARLIER_STATES", "check_origin_query", "query_keys", "state_of"]

_SOVIET_WAR: Final = (
    (1941, 1941, "SUHH nazi-germany"),
    (1942, 1943, "nazi-germany"),
    (1944, 1944, "nazi-germany SUHH"),
)


def _baltic(
    key: str, russian: tuple[int, int], *, courland: bool
) -> tuple[tuple[int, int, str], ...]:
    russian_until = russian[1]
    return (
        (russian[0], russian_until, "russian-empire"),
        (russian_until + 1, 1919, ""),
        (1920, 1939, key),
        (1940, 1940, f"{key} SUHH"),
        *_SOVIET_WAR,
        (1945, 1945, "nazi-germany SUHH" if courland else "SUHH"),
        (1946, 1990, "SUHH"),
        (1991, 1991, f"SUHH {key}"),
        (1992, 9999, key),
    )


def _soviet(key: str) -> tuple[tuple[int, int, str], ...]:
    return ((1923, 1990, "SUHH"), (1991, 1991, f"SUHH {key}"), (1992, 9999, key))


#: Occupiers of each Yugoslav republic's territory, 1941-1944.
_AXIS: Final = {
    "SVN": "nazi-germany ITA kingdom-of-hungary",
    "HRV": "independent-state-of-croatia ITA",
    "BIH": "independent-state-of-croatia",
    "SRB": "nazi-germany kingdom-of-hungary kingdom-of-bulgaria independent-state-of-croatia",
    "MNE": "ITA nazi-germany",
    "MKD": "kingdom-of-bulgaria ITA",
    "XKX": "ITA nazi-germany kingdom-of-bulgaria",
}


def _yugoslav(key: str, until: int) -> tuple[tuple[int, int, str], ...]:
    axis = _AXIS[key]
    war = [(1942, 1943, axis)]
    if key == "MNE":  # Italian until its surrender in September 1943, then German
        war = [(1942, 1942, "ITA"), (1943, 1943, axis)]
    rows: list[tuple[int, int, str]] = [
        (1919, 1940, "YUCS"),
        (1941, 1941, f"YUCS {axis}"),
        *war,
        (1944, 1945, f"{axis} YUCS"),
        (1946, until, "YUCS"),
    ]
    if key in {"SRB", "MNE"}:
        rows += [
            (2003, 2003, "YUCS CSXX"),
            (2004, 2005, "CSXX"),
            (2006, 2006, f"CSXX {key}"),
            (2007, 9999, key),
        ]
    elif key == "XKX":
        rows += [(1999, 2008, ""), (2009, 9999, key)]
    else:
        rows += [(until + 1, until + 1, f"YUCS {key}"), (until + 2, 9999, key)]
    if key in {"SVN", "HRV"}:
        rows.insert(0, (1867, 1917, "austria-hungary"))
        rows.insert(1, (1918, 1918, "austria-hungary YUCS"))
    elif key == "BIH":
        rows.insert(0, (1908, 1917, "austria-hungary"))
        rows.insert(1, (1918, 1918, "austria-hungary YUCS"))
    return tuple(rows)


_GERMANY: Final = (
    (1871, 1917, "german-empire"),
    (1918, 1918, "german-empire weimar-republic"),
    (1919, 1932, "weimar-republic"),
    (1933, 1933, "weimar-republic nazi-germany"),
    (1934, 1944, "nazi-germany"),
)

#: Territory key -> rows of (first year, last year, holders), inclusive. One holder key is the
#: answer; several (space-separated) make the year ambiguous; none means the table does not
#: say. A present-day state without rows is taken to have held its own territory in every
#: year; a withdrawn state or polity without rows, in the years of its own existence.
_HELD: Final[Mapping[str, tuple[tuple[int, int, str], ...]]] = MappingProxyType(
    {
        # The Soviet Union: its republics, from the Union's founding year (30 December 1922,
        # so 1922 itself is refused for the founding republics) to its end (26 December 1991).
        "RUS": (
            (1721, 1916, "russian-empire"),
            (1917, 1917, ""),
            (1918, 1921, "RUS"),
            (1922, 1922, "RUS SUHH"),
            (1923, 1990, "SUHH"),
            (1991, 1991, "SUHH RUS"),
            (1992, 9999, "RUS"),
        ),
        "UKR": (
            (1867, 1916, "russian-empire austria-hungary"),
            (1917, 1922, ""),
            (1923, 1940, "SUHH"),
            (1941, 1941, "SUHH nazi-germany kingdom-of-romania"),
            (1942, 1943, "nazi-germany kingdom-of-romania"),
            (1944, 1944, "nazi-germany kingdom-of-romania SUHH"),
            (1945, 1990, "SUHH"),
            (1991, 1991, "SUHH UKR"),
            (1992, 9999, "UKR"),
        ),
        "BLR": (
            (1795, 1916, "russian-empire"),
            (1917, 1922, ""),
            (1923, 1940, "SUHH"),
            *_SOVIET_WAR,
            (1945, 1990, "SUHH"),
            (1991, 1991, "SUHH BLR"),
            (1992, 9999, "BLR"),
        ),
        "MDA": (
            (1812, 1916, "russian-empire"),
            (1917, 1923, ""),
            (1924, 1940, "kingdom-of-romania SUHH"),
            (1941, 1941, "SUHH kingdom-of-romania"),
            (1942, 1943, "kingdom-of-romania"),
            (1944, 1944, "kingdom-of-romania SUHH"),
            (1945, 1990, "SUHH"),
            (1991, 1991, "SUHH MDA"),
            (1992, 9999, "MDA"),
        ),
        # The Baltic states: independent from 1920 (after the wars of 1918-1920), annexed by
        # the USSR in June-August 1940, occupied by Germany from June-July 1941 until 1944
        # (western Latvia, the Courland Pocket, until May 1945).
        # Russian from the Treaty of Nystad (1721) and the Third Partition of Poland (1795).
        "EST": _baltic("EST", (1721, 1916), courland=False),
        "LVA": _baltic("LVA", (1795, 1914), courland=True),
        "LTU": _baltic("LTU", (1795, 1914), courland=False),
        "ARM": _soviet("ARM"),
        "AZE": _soviet("AZE"),
        "GEO": _soviet("GEO"),
        "KAZ": _soviet("KAZ"),
        "KGZ": _soviet("KGZ"),
        "TJK": _soviet("TJK"),
        "TKM": _soviet("TKM"),
        "UZB": _soviet("UZB"),
        "FIN": ((1809, 1916, "russian-empire"), (1917, 1917, ""), (1918, 9999, "FIN")),
        # The two Germanies (founded 1949, reunited 3 October 1990).
        "DEU": (
            *_GERMANY,
            (1945, 1945, "nazi-germany allied-occupied-germany"),
            (1946, 1948, "allied-occupied-germany"),
            (1949, 1949, "allied-occupied-germany DEU DDDE"),
            (1950, 1990, "DEU DDDE"),
            (1991, 9999, "DEU"),
        ),
        "DDDE": (
            *_GERMANY,
            (1945, 1945, "nazi-germany soviet-occupation-zone-of-germany"),
            (1946, 1948, "soviet-occupation-zone-of-germany"),
            (1949, 1949, "soviet-occupation-zone-of-germany DDDE"),
            (1950, 1989, "DDDE"),
            (1990, 1990, "DDDE DEU"),
            (1991, 9999, "DEU"),
        ),
        "AUT": (
            (1867, 1917, "austria-hungary"),
            (1918, 1918, "austria-hungary AUT"),
            (1919, 1937, "AUT"),
            (1938, 1938, "AUT nazi-germany"),
            (1939, 1944, "nazi-germany"),
            (1945, 1945, "nazi-germany AUT"),
            (1946, 9999, "AUT"),
        ),
        "POL": (
            (1871, 1916, "russian-empire german-empire austria-hungary"),
            (1917, 1918, ""),
            (1919, 1938, "second-polish-republic"),
            (1939, 1939, "second-polish-republic german-occupied-poland SUHH"),
            (1940, 1941, "german-occupied-poland SUHH"),
            (1942, 1943, "german-occupied-poland"),
            (1944, 1944, "german-occupied-poland POL"),
            (1945, 9999, "POL"),
        ),
        # Czechoslovakia (28 October 1918 - 31 December 1992), the Protectorate and the
        # Slovak State (March 1939 - 1945), the Sudetenland annexed by Germany (1938-1945).
        "CSHH": (
            (1918, 1918, "austria-hungary CSHH"),
            (1919, 1938, "CSHH"),
            (1939, 1939, "CSHH protectorate-of-bohemia-and-moravia slovak-state nazi-germany"),
            (1940, 1944, "protectorate-of-bohemia-and-moravia slovak-state nazi-germany"),
            (1945, 1945, "protectorate-of-bohemia-and-moravia slovak-state nazi-germany CSHH"),
            (1946, 1992, "CSHH"),
            (1993, 9999, "CZE SVK"),
        ),
        "CZE": (
            (1867, 1917, "austria-hungary"),
            (1918, 1918, "austria-hungary CSHH"),
            (1919, 1937, "CSHH"),
            (1938, 1938, "CSHH nazi-germany"),
            (1939, 1939, "CSHH protectorate-of-bohemia-and-moravia nazi-germany"),
            (1940, 1944, "protectorate-of-bohemia-and-moravia nazi-germany"),
            (1945, 1945, "protectorate-of-bohemia-and-moravia nazi-germany CSHH"),
            (1946, 1992, "CSHH"),
            (1993, 9999, "CZE"),
        ),
        "SVK": (
            (1867, 1917, "austria-hungary"),
            (1918, 1918, "austria-hungary CSHH"),
            (1919, 1938, "CSHH"),
            (1939, 1939, "CSHH slovak-state"),
            (1940, 1944, "slovak-state"),
            (1945, 1945, "slovak-state CSHH"),
            (1946, 1992, "CSHH"),
            (1993, 9999, "SVK"),
        ),
        # Yugoslavia (1 December 1918 - 2003, the package's YU entry), its occupation and
        # partition (April 1941 - 1945) and its successors' independence.
        "YUCS": (
            (1918, 1918, "austria-hungary YUCS"),
            (1919, 1940, "YUCS"),
            (1941, 1941, "YUCS nazi-germany ITA kingdom-of-hungary kingdom-of-bulgaria"),
            (1942, 1943, "nazi-germany ITA kingdom-of-hungary kingdom-of-bulgaria"),
            (1944, 1945, "nazi-germany ITA kingdom-of-hungary kingdom-of-bulgaria YUCS"),
            (1946, 1990, "YUCS"),
        ),
        "SVN": _yugoslav("SVN", 1990),
        "HRV": _yugoslav("HRV", 1990),
        "MKD": _yugoslav("MKD", 1990),
        "BIH": _yugoslav("BIH", 1991),
        "SRB": _yugoslav("SRB", 2002),
        "MNE": _yugoslav("MNE", 2002),
        "XKX": _yugoslav("XKX", 1998),
        # The interwar kingdoms and their people's republics.
        "HUN": (
            (1867, 1917, "austria-hungary"),
            (1918, 1918, "austria-hungary kingdom-of-hungary"),
            (1919, 1945, "kingdom-of-hungary"),
            (1946, 1946, "kingdom-of-hungary HUN"),
            (1947, 9999, "HUN"),
        ),
        "ROU": (
            (1881, 1946, "kingdom-of-romania"),
            (1947, 1947, "kingdom-of-romania ROU"),
            (1948, 9999, "ROU"),
        ),
        "BGR": (
            (1908, 1945, "kingdom-of-bulgaria"),
            (1946, 1946, "kingdom-of-bulgaria BGR"),
            (1947, 9999, "BGR"),
        ),
        "ALB": (
            (1920, 1938, "ALB"),
            (1939, 1939, "ALB ITA"),
            (1940, 1942, "ITA"),
            (1943, 1943, "ITA nazi-germany"),
            (1944, 1944, "nazi-germany ALB"),
            (1945, 9999, "ALB"),
        ),
    }
)

#: Present-day state -> the earlier states it continues (the same state under an earlier
#: name or regime). A query for the state matches records of these too; never the reverse.
#: States that dissolved or merged are not earlier states of their successors.
EARLIER_STATES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "DEU": ("german-empire", "weimar-republic", "nazi-germany", "allied-occupied-germany"),
        "POL": ("second-polish-republic", "german-occupied-poland"),
        "RUS": ("russian-empire",),
        "HUN": ("kingdom-of-hungary",),
        "ROU": ("kingdom-of-romania",),
        "BGR": ("kingdom-of-bulgaria",),
        "DDDE": ("soviet-occupation-zone-of-germany",),
        "BLR": ("BYAA",),
        "BEN": ("DYBJ",),
        "BFA": ("HVBF",),
        "COD": ("ZRCD",),
        "DJI": ("AIDJ",),
        "MMR": ("BUMM",),
        "TLS": ("TPTL",),
        "VUT": ("NHVU",),
        "ZWE": ("RHZW",),
    }
)


def _names(countries: tuple[Country, ...]) -> str:
    return ", ".join(c.name for c in countries)


def state_of(country: Country | str, year: int) -> Country:
    """
    Return the sovereign state that held the territory of *country* in *year*.

    *country* names a territory, usually as today's state: ``state_of("Lithuania", 1970)`` is
    the Soviet Union, ``state_of("Lithuania", 1930)`` Lithuania, ``state_of("Slovakia",
    1980)`` Czechoslovakia, ``state_of("Croatia", 1980)`` Yugoslavia, ``state_of("Poland",
    1942)`` German-occupied Poland. A name that itself names the state, a Soviet republic's
    SSR form (``"Byelorussian SSR"``, ``"Kazakh SSR"``), gives the Soviet Union in every
    year of the Union (1922-1991). A withdrawn state or polity gives itself in the years it
    existed, unless the table says otherwise (Czechoslovakia under occupation, 1939-1945).

    The table follows each state's own line, not every border strip: Lithuania in 1930 is the
    Republic of Lithuania though Vilnius was then in Poland, and Ukraine in 1930 the Soviet
    Union though Galicia was Polish. It covers the USSR's fifteen republics (from 1923; the
    Baltic states, Belarus, Ukraine, Moldova and Russia further back), Czechoslovakia and its
    successors, Yugoslavia and its successors (Kosovo included), the two Germanies,
    Austria, Poland, Hungary, Romania, Bulgaria, Albania and Finland, with the Baltic
    annexation of 1940 and the German, Italian, Hungarian, Bulgarian and Romanian
    occupations of 1939-1945 where the package records the occupying state. Any other
    present-day state is taken to have held its own territory in every year; Berlin and
    other cities are not covered. The docs' country guide prints the whole table.

    Args:
        country: A :class:`Country`, or any text :func:`normalize_country` accepts.
        year: A year, such as ``1953``.

    Returns:
        The :class:`Country` that held the territory.

    Raises:
        AmbiguousStateError: No single state held it: the territory was split (Germany
            1950-1989), or its state changed during the year (Lithuania 1940), or the
            table does not reach that year. ``candidates`` names the states, where known.
        UnknownCountryError: *country* is a name or key the package does not know.
        TypeError: *country* is neither a :class:`Country` nor a string, or *year* is not
            an int.

    Example:
        >>> import defectors
        >>> defectors.state_of("Lithuania", 1970).name
        'Soviet Union'
        >>> defectors.state_of("Lithuania", 1930).name
        'Lithuania'
        >>> defectors.state_of("Kazakh SSR", 1960).key
        'SUHH'
        >>> try:
        ...     defectors.state_of("Germany", 1970)
        ... except defectors.AmbiguousStateError as error:
        ...     print([c.name for c in error.candidates])
        ['East Germany', 'Germany']

    .. versionadded:: 0.1.0
    """
    entry = _as_country(country)
    _check_year(year)
    if isinstance(country, str):
        implied = implied_polity(country)
        if implied is not None and (implied.start or year) <= year <= (implied.end or year):
            return implied
    table = country_table()
    for first, last, holders in _HELD.get(entry.key, ()):
        if first <= year <= last:
            keys = holders.split()
            if len(keys) == 1:
                return table[keys[0]]
            candidates = tuple(sorted((table[k] for k in keys), key=lambda c: c.name))
            if not candidates:
                break
            msg = f"no single state held {entry.name} in {year}: {_names(candidates)}"
            raise AmbiguousStateError(msg, candidates, country=entry, year=year)
    else:
        if entry.key not in _HELD and not entry.historic:
            return entry
        if entry.historic and (entry.start or year) <= year <= (entry.end or year):
            return entry
    msg = f"the package's table does not say which state held {entry.name} in {year}"
    raise AmbiguousStateError(msg, (), country=entry, year=year)


def query_keys(country: Country) -> frozenset[str]:
    """Return the keys a query for *country* matches: its own and its earlier states'."""
    return frozenset((country.key, *EARLIER_STATES.get(country.key, ())))


def _origins_meant(country: Country) -> tuple[Country, ...]:
    """Return the origin states a user probably means by *country*, sorted by name."""
    table = country_table()
    found: list[Country] = []
    for key in ORIGIN_KEYS:
        origin = table[key]
        heirs = successors(origin)
        if (country in heirs and key != country.key) or (
            country.historic and set(heirs) & set(successors(country))
        ):
            found.append(origin)
    return tuple(sorted(found, key=lambda c: c.name))


def check_origin_query(country: Country, keyword: str = "origin") -> None:
    """
    Raise :class:`CountryQueryError` if no record's origin can be *country*.

    A record's origin is one of the eight Eastern Bloc states (``ORIGIN_KEYS``). The error
    names the origin states the user probably means: the Soviet Union for Russia or Ukraine,
    Czechoslovakia for Slovakia, East Germany for Germany.
    """
    if country.key in ORIGIN_KEYS:
        return
    meant = _origins_meant(country)
    table = country_table()
    allowed = _names(tuple(sorted((table[k] for k in ORIGIN_KEYS), key=lambda c: c.name)))
    hint = f"; did you mean {_names(meant)}?" if meant else ""
    msg = (
        f"{keyword}={quote(country.name)} can match no record: a record's origin is one of "
        f"the eight states it was defected from ({allowed}){hint}"
    )
    raise CountryQueryError(msg, keyword=keyword, country=country, meant=meant)
