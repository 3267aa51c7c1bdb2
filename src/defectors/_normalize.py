"""
Names of countries, polities and places; successor states; Eastern Bloc membership.

Lookup goes through one index, built on first use from three sources, in this order of
precedence: the documented alias table ``data/aliases.tsv``; the package's own table of
countries and polities (their keys and names); and pycountry's ISO 3166-1 and ISO 3166-3 names
and codes, current states before withdrawn ones, so a code reused by a current state goes to
that state. pycountry only supplies spellings: every result is one of the package's own
:class:`Country` objects, so a pycountry upgrade cannot rename anything.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Final, Literal, overload

import attrs

from defectors._countries import country_table
from defectors._data import read_text
from defectors._lazy import once
from defectors._model import Country, Place
from defectors._text import fold, parenthesised
from defectors.exceptions import UnknownCountryError, quote

__all__ = ["eastern_bloc", "is_eastern_bloc", "normalize_country", "normalize_place", "successors"]

#: "Ukrainian SSR" also matches "Ukrainian Soviet Socialist Republic", and so on.
_EXPANSIONS: Final = (
    (" sfsr", " soviet federative socialist republic"),
    (" ssr", " soviet socialist republic"),
)

#: Lookup forms this short are codes, never offered as suggestions.
_SHORTEST_SUGGESTION: Final = 3

#: Present-day states whose territory a withdrawn state or polity covered, at the borders
#: its docstring in ``successors`` gives. A current state is its own successor.
_SUCCESSORS: Final = MappingProxyType(
    {
        "SUHH": "ARM AZE BLR EST GEO KAZ KGZ LTU LVA MDA RUS TJK TKM UKR UZB",
        "CSHH": "CZE SVK",
        "DDDE": "DEU",
        "YUCS": "BIH HRV MKD MNE SRB SVN",
        "CSXX": "MNE SRB",
        "BYAA": "BLR",
        "austria-hungary": "AUT BIH CZE HRV HUN ITA MNE POL ROU SRB SVK SVN UKR",
        "russian-empire": "ARM AZE BLR EST FIN GEO KAZ KGZ LTU LVA MDA POL RUS TJK TKM TUR UKR UZB",
        "ottoman-empire": "IRQ ISR JOR LBN PSE SAU SYR TUR YEM",
        "german-empire": "BEL CZE DEU DNK FRA LTU POL RUS",
        "weimar-republic": "DEU POL RUS",
        "nazi-germany": "DEU POL RUS",
        "allied-occupied-germany": "DEU",
        "soviet-occupation-zone-of-germany": "DEU",
        "free-city-of-danzig": "POL",
        "second-polish-republic": "BLR LTU POL UKR",
        "german-occupied-poland": "BLR LTU POL UKR",
        "kingdom-of-hungary": "AUT HRV HUN POL ROU SRB SVK SVN UKR",
        "kingdom-of-bulgaria": "BGR",
        "kingdom-of-romania": "BGR MDA ROU UKR",
        "protectorate-of-bohemia-and-moravia": "CZE",
        "manchukuo": "CHN",
        "AIDJ": "DJI",
        "ANHH": "BES CUW SXM",
        "BQAQ": "ATA",
        "BUMM": "MMR",
        "CTKI": "KIR",
        "DYBJ": "BEN",
        "FQHH": "ATA ATF",
        "FXFR": "FRA",
        "GEHH": "KIR TUV",
        "HVBF": "BFA",
        "JTUM": "UMI",
        "MIUM": "UMI",
        "NHVU": "VUT",
        "NQAQ": "ATA",
        "NTHH": "IRQ SAU",
        "PCHH": "FSM MHL MNP PLW",
        "PUUM": "UMI",
        "PZPA": "PAN",
        "RHZW": "ZWE",
        "SKIN": "IND",
        "TPTL": "TLS",
        "VDVN": "VNM",
        "WKUM": "UMI",
        "YDYE": "YEM",
        "ZRCD": "COD",
    }
)

#: Eastern Bloc members: key -> (first year, last year), inclusive. See ``eastern_bloc``.
_BLOC: Final = MappingProxyType(
    {
        "SUHH": (1922, 1991),
        "ALB": (1946, 1961),
        "BGR": (1946, 1990),
        "POL": (1947, 1989),
        "ROU": (1947, 1989),
        "CSHH": (1948, 1989),
        "HUN": (1949, 1989),
        "DDDE": (1949, 1990),
    }
)


def _key(text: str) -> str:
    """Return the lookup form of *text*: folded, dots dropped, hyphens as spaces, no "the"."""
    words = fold(text).replace(".", "").replace("-", " ").split()
    if len(words) > 1 and words[0] == "the":
        del words[0]
    return " ".join(words)


@attrs.frozen
class _Index:
    names: MappingProxyType[str, Country]
    implied: MappingProxyType[str, Country]
    regions: MappingProxyType[str, tuple[Country, ...]]
    pool: tuple[str, ...]


def _alias_rows() -> list[tuple[int, str, str, str]]:
    """Return ``(line number, alias, key, polity)`` for each row of ``aliases.tsv``."""
    text = read_text("aliases.tsv")
    rows: list[tuple[int, str, str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        alias, key, polity = ([*line.split("\t"), "", ""])[:3]
        rows.append((number, alias.strip(), key.strip(), polity.strip()))
    return rows


def _alias_layer(
    table: Mapping[str, Country],
) -> tuple[dict[str, Country], dict[str, Country], dict[str, tuple[Country, ...]]]:
    """Read ``aliases.tsv`` into (names, implied polities, split regions) by lookup form."""
    names: dict[str, Country] = {}
    implied: dict[str, Country] = {}
    regions: dict[str, tuple[Country, ...]] = {}

    def entry(number: int, key: str) -> Country:
        if key not in table:
            msg = f"aliases.tsv line {number}: no country or polity has the key {key!r}"
            raise RuntimeError(msg)
        return table[key]

    for number, alias, keys, polity in _alias_rows():
        form = _key(alias)
        forms = [form] + [
            form[: -len(short)] + long for short, long in _EXPANSIONS if form.endswith(short)
        ]
        for spelling in forms:
            if spelling in names or spelling in regions:
                msg = f"aliases.tsv line {number}: {alias!r} repeats an earlier alias"
                raise RuntimeError(msg)
            if "|" in keys:
                regions[spelling] = tuple(entry(number, k) for k in keys.split("|"))
            else:
                names[spelling] = entry(number, keys)
                if polity:
                    implied[spelling] = entry(number, polity)
    return names, implied, regions


def _spellings(table: Mapping[str, Country]) -> Iterator[tuple[str | None, Country]]:
    """Yield (text, country) from our table and pycountry, in order of precedence."""
    import pycountry  # noqa: PLC0415 - its databases load on first use, not at import

    yield from ((c.key, c) for c in table.values())
    yield from ((c.name, c) for c in table.values() if not c.historic)
    # A pycountry newer than our table may know entries the table lacks: they are skipped
    # (the table, not pycountry, says which countries exist), never a KeyError.
    for iso in pycountry.countries:
        country = table.get(iso.alpha_3)
        if country is not None:
            for attr in ("name", "common_name", "official_name", "alpha_2", "alpha_3"):
                yield getattr(iso, attr, None), country
    yield from ((c.name, c) for c in table.values() if c.historic)
    for iso in pycountry.historic_countries:
        country = table.get(iso.alpha_4)
        if country is not None:
            for text in (iso.name, iso.name.split(",")[0], iso.alpha_2, iso.alpha_3):
                yield text, country


@once
def _index() -> _Index:
    """Build the lookup index, once: aliases first, then our table, then pycountry."""
    table = country_table()
    names, implied, regions = _alias_layer(table)
    for text, country in _spellings(table):
        if text:
            names.setdefault(_key(text), country)
    for form in regions:  # a region split between states is never one country
        names.pop(form, None)
    pool = tuple(sorted(f for f in (*names, *regions) if len(f) > _SHORTEST_SUGGESTION))
    return _Index(
        MappingProxyType(names), MappingProxyType(implied), MappingProxyType(regions), pool
    )


def _suggestions(form: str, index: _Index) -> tuple[str, ...]:
    """Return up to three names close to the lookup form *form*, best first."""
    region = index.regions.get(form)
    if region is not None:
        return tuple(c.name for c in region[:3])
    found: list[str] = []
    for match in difflib.get_close_matches(form, index.pool, n=12, cutoff=0.75):
        candidates = index.regions.get(match) or (index.names[match],)
        for country in candidates:
            if country.name not in found:
                found.append(country.name)
    return tuple(found[:3])


def _check_text(text: object, what: str) -> str:
    if not isinstance(text, str):
        msg = f"{what} must be a str, not {type(text).__name__}: {quote(text)}"
        raise TypeError(msg)
    return text


@overload
def normalize_country(text: str, *, strict: Literal[True] = True) -> Country: ...
@overload
def normalize_country(text: str, *, strict: bool) -> Country | None: ...
def normalize_country(text: str, *, strict: bool = True) -> Country | None:
    """
    Return the country or historical polity that *text* names.

    Accepts ISO 3166-1 alpha-2 and alpha-3 codes, ISO 3166-3 alpha-4 codes and the package's
    own keys (``"russian-empire"``); English short, common and official names; historical
    names and abbreviations, with or without dots (``"U.S.S.R."``, ``"GDR"``, ``"UK"``);
    names in the country's own language and script (``"Polska"``, ``"Magyarország"``, and
    the Cyrillic, Georgian, Armenian and Chinese forms the alias table lists); Soviet
    republic forms (``"Latvian SSR"``). Case, diacritics, runs of spaces, hyphens and
    dashes and a leading "the" do not matter.

    Old names resolve to today's state where it continues the old one under the same code
    (``"Ukrainian SSR"`` and ``"West Germany"`` to Ukraine and Germany), and to the withdrawn
    ISO 3166-3 entry where the state dissolved or merged (``"USSR"``, ``"East Germany"``,
    ``"Czechoslovakia"``, ``"Yugoslavia"``; so ``"CS"`` is Czechoslovakia, never Serbia and
    Montenegro). Polities ISO never coded (``"Austria-Hungary"``) resolve to the package's
    own entries. An ambiguous name goes to the sovereign state (``"Georgia"``). Every choice
    is documented in the package's ``data/aliases.tsv``.

    Args:
        text: The name or code.
        strict: When false, return ``None`` instead of raising for text that names nothing.

    Returns:
        The :class:`Country` (``None`` when not *strict* and nothing matches).

    Raises:
        UnknownCountryError: *strict*, and *text* names no country or polity, is blank, or
            names a region split between states (``"Ossetia"``, suggesting those states).
        TypeError: *text* is not a string.

    Example:
        >>> import defectors
        >>> defectors.normalize_country("U.S.S.R.").key
        'SUHH'
        >>> defectors.normalize_country("the Byelorussian SSR").name
        'Belarus'
        >>> defectors.normalize_country("Magyarország").key
        'HUN'
        >>> defectors.normalize_country("Atlantis", strict=False) is None
        True

    .. versionadded:: 0.1.0
    """
    _check_text(text, "country name")
    index = _index()
    form = _key(text)
    found = index.names.get(form)
    if found is not None or not strict:
        return found
    raise UnknownCountryError(text, _suggestions(form, index))


def _present_day(country: Country) -> Country | None:
    """Return *country* if it exists today, else its only successor, else ``None``."""
    if not country.historic:
        return country
    heirs = successors(country)
    return heirs[0] if len(heirs) == 1 else None


def _resolve_part(form: str, index: _Index, text: str) -> Country | None:
    """Resolve one part of a place text: a country, or ``None`` for a split region."""
    if form in index.regions:
        return None
    found = index.names.get(form)
    if found is None:
        raise UnknownCountryError(text, _suggestions(form, index))
    return found


def normalize_place(text: str) -> Place:
    """
    Return the :class:`Place` that a birthplace-style text names.

    Three forms are understood:

    * a single name: a present-day state gives the ``country`` (and, for a Soviet republic
      form such as ``"Latvian SSR"``, the USSR as ``polity``); a historical state gives the
      ``polity``, and also the ``country`` where exactly one present-day state covers its
      territory (``"East Germany"``: Germany), else none (``"USSR"``, ``"Austria-Hungary"``);
    * ``"Region, State"``: the country the region part names, in the state the last part
      names (``"Ukraine, Russian Empire"``, ``"Latvian SSR, Soviet Union"``);
    * ``"Country (State)"``: likewise (``"Germany (Weimar Republic)"``).

    A region split between present-day states (``"Ossetia"``: North Ossetia is in Russia,
    South Ossetia in Georgia) gives no country rather than a guess. :attr:`Place.text` is
    always *text*, unchanged.

    Args:
        text: The place as a source writes it.

    Returns:
        A :class:`Place`.

    Raises:
        UnknownCountryError: A part of *text* names no country, polity or known region, or
            *text* is blank.
        TypeError: *text* is not a string.

    Example:
        >>> import defectors
        >>> place = defectors.normalize_place("Ukraine, Russian Empire")
        >>> place.country.name, place.polity.name
        ('Ukraine', 'Russian Empire')
        >>> defectors.normalize_place("Ossetia")
        Place(text='Ossetia', country=None, polity=None)

    .. versionadded:: 0.1.0
    """
    _check_text(text, "place")
    index = _index()
    form = _key(text)
    if form in index.regions:
        return Place(text=text)
    found = index.names.get(form)
    if found is not None:
        if found.historic:
            return Place(text=text, country=_present_day(found), polity=found)
        return Place(text=text, country=found, polity=index.implied.get(form))
    parts = parenthesised(text)  # "Country (State)"
    if parts is not None:
        region, state = parts
    elif "," in text:
        region, _, state = text.rpartition(",")
    else:
        raise UnknownCountryError(text, _suggestions(form, index))
    where = _resolve_part(_key(region), index, text)
    polity = _resolve_part(_key(state), index, text)
    country = None if where is None else _present_day(where)
    return Place(text=text, country=country, polity=polity)


def _as_country(country: Country | str) -> Country:
    """Return the table's entry for a :class:`Country` or a name."""
    if isinstance(country, str):
        return normalize_country(country)
    if not isinstance(country, Country):
        msg = f"expected a Country or a name, not {type(country).__name__}: {quote(country)}"
        raise TypeError(msg)
    found = country_table().get(country.key)
    if found is None:
        raise UnknownCountryError(country.key, by_key=True)
    return found


def successors(country: Country | str) -> tuple[Country, ...]:
    """
    Return the present-day states that cover the territory of *country*.

    A current state is its own successor. For a withdrawn state the list is the states it
    split into or merged with: the USSR's fifteen republics, Czechoslovakia's Czechia and
    Slovakia, East Germany's Germany, Yugoslavia's six republics (Kosovo has no ISO 3166
    code, so it is not listed), and the successors ISO 3166-3 records for the rest. For an
    empire, the states now holding any of its territory at its last borders before the First
    World War (the Russian Empire, Austria-Hungary, the German and Ottoman Empires, the
    Kingdom of Hungary with its crown lands); for the interwar states, their 1937 borders
    (the Weimar Republic and Nazi Germany: Germany, Poland and Russia; the Second Polish
    Republic and German-occupied Poland: Poland, Belarus, Lithuania and Ukraine; the Kingdom
    of Romania: Romania, Moldova, Ukraine and Bulgaria). Wartime annexations are not counted.

    Args:
        country: A :class:`Country`, or any text :func:`normalize_country` accepts.

    Returns:
        The successor states, sorted by name.

    Raises:
        UnknownCountryError: *country* is a name or key the package does not know.
        TypeError: *country* is neither a :class:`Country` nor a string.

    Example:
        >>> import defectors
        >>> [c.name for c in defectors.successors("Czechoslovakia")]
        ['Czechia', 'Slovakia']
        >>> defectors.successors("Poland") == (defectors.normalize_country("POL"),)
        True

    .. versionadded:: 0.1.0
    """
    entry = _as_country(country)
    keys = _SUCCESSORS.get(entry.key)
    if keys is None:
        return (entry,)
    table = country_table()
    return tuple(sorted((table[k] for k in keys.split()), key=lambda c: c.name))


def _check_year(year: object) -> int:
    if type(year) is not int:
        msg = f"year must be an int, not {type(year).__name__}: {quote(year)}"
        raise TypeError(msg)
    return year


def eastern_bloc(year: int) -> tuple[Country, ...]:
    """
    Return the states of the Eastern Bloc in *year*, sorted by name.

    A state counts for every year in which it was a member on at least one day:

    * the USSR from its founding (Treaty on the Creation of the USSR, 30 December 1922) to
      its dissolution (26 December 1991): 1922-1991;
    * Albania from the proclamation of the People's Republic (11 January 1946) to its break
      with Moscow (the Soviet Union cut diplomatic relations in December 1961; Albania had
      stopped taking part in the Warsaw Pact and Comecon that year): 1946-1961. Its formal
      withdrawal from the Warsaw Pact (13 September 1968) only confirmed this;
    * Bulgaria from the People's Republic (15 September 1946) to its renaming as the
      Republic of Bulgaria (15 November 1990): 1946-1990;
    * Poland from the Small Constitution after the rigged election (19 February 1947) to the
      constitutional amendment restoring the Republic of Poland (29 December 1989): 1947-1989;
    * Romania from the People's Republic (30 December 1947) to the revolution (22 December
      1989): 1947-1989;
    * Czechoslovakia from the Communist coup (25 February 1948) to Václav Havel's election
      as president (29 December 1989): 1948-1989;
    * Hungary from the People's Republic (20 August 1949) to the Third Republic (23 October
      1989): 1949-1989;
    * East Germany from its founding (7 October 1949) to reunification (3 October 1990):
      1949-1990.

    Yugoslavia never counts, nor do the Communist states outside Europe (Mongolia, China,
    North Korea, Vietnam, Cuba).

    Args:
        year: A year, such as ``1956``.

    Returns:
        The member states (empty before 1922 and after 1991).

    Raises:
        TypeError: *year* is not an int.

    Example:
        >>> import defectors
        >>> [c.name for c in defectors.eastern_bloc(1950)][:3]
        ['Albania', 'Bulgaria', 'Czechoslovakia']
        >>> len(defectors.eastern_bloc(1970))
        7

    .. versionadded:: 0.1.0
    """
    _check_year(year)
    table = country_table()
    members = (table[k] for k, (first, last) in _BLOC.items() if first <= year <= last)
    return tuple(sorted(members, key=lambda c: c.name))


def is_eastern_bloc(country: Country | str, year: int) -> bool:
    """
    Return whether *country* was a member of the Eastern Bloc in *year*.

    The rules are those of :func:`eastern_bloc`. Only the member states themselves count: a
    Soviet republic's present-day state (Ukraine, Latvia, ...) is not a member, the USSR is.

    Args:
        country: A :class:`Country`, or any text :func:`normalize_country` accepts.
        year: A year, such as ``1956``.

    Returns:
        Whether it was a member.

    Raises:
        UnknownCountryError: *country* is a name or key the package does not know.
        TypeError: *country* is neither a :class:`Country` nor a string, or *year* is not
            an int.

    Example:
        >>> import defectors
        >>> [defectors.is_eastern_bloc("Albania", year) for year in (1960, 1970)]
        [True, False]
        >>> defectors.is_eastern_bloc("Yugoslavia", 1950)
        False

    .. versionadded:: 0.1.0
    """
    entry = _as_country(country)
    _check_year(year)
    span = _BLOC.get(entry.key)
    return span is not None and span[0] <= year <= span[1]
