"""
Names of countries, polities and places; successor states; Eastern Bloc membership.

Lookup goes through one index, built on first use from three sources, in this order of
precedence: the documented alias table ``data/aliases.tsv``; the package's own table of
countries and polities (their keys, names and codes); and the generated spellings of
``data/names.tsv`` (ISO 3166-1 and ISO 3166-3 names and codes from pycountry, IOC and FIFA
codes, and the CLDR territory names in fifteen-odd languages, written by
``tools/build_countries.py`` at build time). Every result is one of the package's own
:class:`Country` objects, so no upgrade of another package can rename anything.

A text is normalized once (:func:`_parse`): case, diacritics, apostrophes, punctuation, "the",
"of" and "and", abbreviations ("Rep.", "Dem.", "St.", "Is.", "PDR") and runs of initials
("U.A.E.") fold away, and the words are looked up in three dicts: in their order, as a set
(so "Korea, Rep." is "Republic of Korea"), and as a set without the words that only give a
form of government ("Kosovo, Republic of" is "Kosovo"), where that set names one country
only. Failing those, the text outside parentheses and then its first comma or slash part are
tried ("Zimbabwe (Rhodesia)", "Burma/Myanmar"). No regular expression per country, no list
walked per call, and misses cost about what hits cost: suggestions are computed only when an
error's message or :attr:`~defectors.UnknownCountryError.suggestions` is read.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final, Literal, overload

import attrs

from defectors._countries import country_table
from defectors._data import read_text
from defectors._lazy import once
from defectors._model import Country, Place
from defectors._text import fold, parenthesised
from defectors.exceptions import UnknownCountryError, quote

__all__ = [
    "eastern_bloc",
    "is_eastern_bloc",
    "normalize_countries",
    "normalize_country",
    "normalize_place",
    "successors",
]

#: Lookup forms this short are codes, never offered as suggestions.
_SHORTEST_SUGGESTION: Final = 3


#: Parenthesised or bracketed parts of a name: "Bahamas (the)", "Virgin Islands [U.S.]".
_BRACKETS: Final = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
#: What separates the parts of a label: "Korea, Rep.", "Burma/Myanmar", "China: Hong Kong".
_SEPARATORS: Final = re.compile(r"[,;:/|]")
_WORD: Final = re.compile(r"\w+")

#: Words dropped wherever they stand in a text of more than one word ("Former USSR").
_FILLER: Final = frozenset({"the", "of", "and", "former", "ex"})

#: Abbreviations, spelled out in texts of more than one word (alone, "IS" is Iceland and
#: "ST" Sao Tome, by their ISO codes). Singular and plural "island" are one word, as are
#: "federal" and "federated", and "north" and "northern".
_WORDS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "st": ("saint",),
        "sint": ("saint",),
        "ste": ("sainte",),
        "is": ("island",),
        "isl": ("island",),
        "isls": ("island",),
        "islands": ("island",),
        "rep": ("republic",),
        "repub": ("republic",),
        "dem": ("democratic",),
        "fed": ("federal",),
        "federated": ("federal",),
        "sts": ("states",),
        "utd": ("united",),
        "terr": ("territory",),
        "territories": ("territory",),
        "prov": ("province",),
        "mt": ("mount",),
        "pdr": ("peoples", "democratic", "republic"),
        "dpr": ("democratic", "peoples", "republic"),
        "dr": ("democratic", "republic"),
        "pr": ("peoples", "republic"),
        "rb": ("bolivarian", "republic"),
        "fyr": ("yugoslav", "republic"),  # "former" is filler
        "ssr": ("soviet", "socialist", "republic"),
        "sfsr": ("soviet", "federative", "socialist", "republic"),
        "n": ("north",),
        "s": ("south",),
        "e": ("east",),
        "w": ("west",),
        "northern": ("north",),
        "southern": ("south",),
        "eastern": ("east",),
        "western": ("west",),
        "fr": ("french",),
        "br": ("british",),
        "neth": ("netherlands",),
        "eq": ("equatorial",),
        "amer": ("american",),
        "herz": ("herzegovina",),
        "ir": ("islamic", "republic"),
        "macau": ("macao",),
    }
)

#: Word pairs written as one word or two.
_PAIRS: Final[Mapping[tuple[str, str], str]] = MappingProxyType(
    {("viet", "nam"): "vietnam", ("south", "west"): "southwest", ("co", "operative"): "cooperative"}
)

#: Words that only give a form of government or a status, in English and, for "republic", in
#: the languages of the CLDR names, dropped for the third dict ("Kosovo, Republic of",
#: "Federation of Saint Kitts and Nevis", "Republika Slovenija"). Words that tell states
#: apart ("democratic", "federal", "people's", "socialist", "islamic", "united") are kept:
#: "German Federal Republic" must never meet "German Democratic Republic".
_GOVERNMENT: Final = frozenset(
    {
        "republic", "kingdom", "principality", "state", "sultanate", "grand", "duchy",
        "commonwealth", "union", "sar", "special", "administrative", "region", "province",
        "independent", "territory", "emirate", "government", "country", "collectivity",
        "territorial", "cooperative", "oriental", "nation", "federation", "dominion",
        # "Republic" in the languages of the CLDR names: "Republika Hrvatska" is Hrvatska.
        "republika", "republica", "republique", "repubblica", "republik", "republiek",
        "република", "республика", "cumhuriyeti",
    }
)  # fmt: skip

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
        "independent-state-of-croatia": "BIH HRV SRB",
        "slovak-state": "SVK",
        "south-vietnam": "VNM",
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


def _joined_initials(found: list[str]) -> list[str]:
    """Join runs of single letters: "U.A.E." and "U S" are one word each, "uae" and "us"."""
    words: list[str] = []
    initials = ""
    for word in found:
        if len(word) == 1 and word.isalpha():
            initials += word
            continue
        if initials:
            words.append(initials)
            initials = ""
        words.append(word)
    if initials:
        words.append(initials)
    return words


def _words(text: str, *, expand: bool) -> list[str]:
    """Return the folded words of one part of a name, abbreviations spelled out."""
    out: list[str] = []
    for word in _joined_initials(_WORD.findall(text)):
        if not expand:
            out.append(word)  # one word alone is a name or a code: "ET" is Ethiopia
        elif word in _FILLER:
            continue
        elif word in _WORDS:
            out.extend(_WORDS[word])
        elif out and (out[-1], word) in _PAIRS:
            out[-1] = _PAIRS[out[-1], word]
        else:
            out.append(word)
    if len(out) == 1 and out[0].isdigit():
        out[0] = str(int(out[0]))  # ISO numeric codes with or without leading zeros
    return out


def _clean(text: str) -> str:
    return fold(text).replace("'", "").replace("&", " and ").replace("_", " ")


def _key(text: str) -> str:
    """Return the lookup form of *text*: its folded words in order, abbreviations spelled out."""
    clean = _clean(text)
    return " ".join(_words(clean, expand=len(_WORD.findall(clean)) > 1))


def _bag(words: list[str]) -> str:
    return " ".join(sorted(set(words)))


def _bare(words: list[str]) -> str:
    return " ".join(sorted(set(words) - _GOVERNMENT))


def _parse(text: str) -> tuple[list[str], list[str] | None, list[str] | None, list[str]]:
    """
    Return the word lists to try for *text*: whole, outside parentheses, first part.

    The second is the text outside parentheses, where it has any (``None`` otherwise); the
    third its first comma, semicolon, colon or slash part, where it has several, and last
    the other parts' texts.
    """
    clean = _clean(text)
    expand = len(_WORD.findall(clean)) > 1
    whole = _words(clean, expand=expand)
    main: list[str] | None = None
    outside = clean
    if "(" in clean or "[" in clean:
        outside = _BRACKETS.sub(" ", clean)
        main = _words(outside, expand=expand)
    if _SEPARATORS.search(outside) is None:
        return whole, main, None, []
    first, *rest = _SEPARATORS.split(outside)
    return whole, main, _words(first, expand=expand), rest


def _new_memo() -> dict[str, Country | tuple[Country, ...] | None]:
    return {}


@attrs.frozen
class _Index:
    names: MappingProxyType[str, Country]
    bags: MappingProxyType[str, Country]
    bare: MappingProxyType[str, Country]
    implied: MappingProxyType[str, Country]
    regions: MappingProxyType[str, tuple[Country, ...]]
    pool: tuple[str, ...]
    #: Memo of text -> result for repeated texts (a column of names repeats): bounded.
    memo: dict[str, Country | tuple[Country, ...] | None] = attrs.field(factory=_new_memo, eq=False)


#: The memo is emptied when it holds this many texts.
_MEMO_SIZE: Final = 1 << 16


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
) -> tuple[dict[str, Country], dict[str, Country], dict[str, tuple[Country, ...]], list[str]]:
    """Read ``aliases.tsv`` into (names, implied polities, split regions, alias texts)."""
    names: dict[str, Country] = {}
    implied: dict[str, Country] = {}
    regions: dict[str, tuple[Country, ...]] = {}
    texts: list[str] = []

    def entry(number: int, key: str) -> Country:
        if key not in table:
            msg = f"aliases.tsv line {number}: no country or polity has the key {key!r}"
            raise RuntimeError(msg)
        return table[key]

    for number, alias, keys, polity in _alias_rows():
        form = _key(alias)
        if form in names or form in regions:
            msg = f"aliases.tsv line {number}: {alias!r} repeats an earlier alias"
            raise RuntimeError(msg)
        if "|" in keys:
            regions[form] = tuple(entry(number, k) for k in keys.split("|"))
        else:
            names[form] = entry(number, keys)
            texts.append(alias)
            if polity:
                implied[form] = entry(number, polity)
    return names, implied, regions, texts


def _generated_rows(table: Mapping[str, Country]) -> Iterator[tuple[str, Country]]:
    """Yield (text, country) from ``names.tsv``; keys our table lacks are skipped."""
    for line in read_text("names.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        text, key = line.split("\t", 2)[:2]
        country = table.get(key)
        if country is not None:
            yield text, country


def _spellings(table: Mapping[str, Country]) -> Iterator[tuple[str, Country]]:
    """Yield (text, country) from our table, then the generated spellings."""
    yield from ((c.key, c) for c in table.values())
    for c in table.values():
        if not c.historic:
            yield from ((text, c) for text in (c.name, c.alpha_2, c.alpha_3) if text)
    yield from ((c.name, c) for c in table.values() if c.historic)
    yield from _generated_rows(table)


@once
def _index() -> _Index:
    """Build the lookup index, once: aliases first, then our table, then generated names."""
    table = country_table()
    names, implied, regions, alias_texts = _alias_layer(table)
    bags: dict[str, Country] = {}
    bare: dict[str, Country | None] = {}
    texts: list[tuple[str, Country]] = [(t, names[_key(t)]) for t in alias_texts]
    for text, country in _spellings(table):
        form = _key(text)
        if form and form not in regions and names.setdefault(form, country) is country:
            texts.append((text, country))
    for text, country in texts:
        words = _parse(text)[0]
        if len(words) > 1:
            bags.setdefault(_bag(words), country)
        rest = _bare(words)
        if rest and bare.setdefault(rest, country) not in (country, None):
            bare[rest] = None  # names two countries: no answer by this route
    for form in regions:  # a region split between states is never one country
        bags.pop(form, None)
        bare.pop(form, None)
    pool = tuple(sorted(f for f in (*names, *regions) if len(f) > _SHORTEST_SUGGESTION))
    return _Index(
        MappingProxyType(names),
        MappingProxyType(bags),
        MappingProxyType({k: v for k, v in bare.items() if v is not None}),
        MappingProxyType(implied),
        MappingProxyType(regions),
        pool,
    )


def _lookup(words: list[str] | None, index: _Index) -> Country | tuple[Country, ...] | None:
    """Look up one word list in the three dicts: in order, as a set, without status words."""
    if not words:
        return None
    form = " ".join(words)
    found = index.regions.get(form) or index.names.get(form)
    if found is None and len(words) > 1:
        found = index.bags.get(_bag(words)) or index.bare.get(_bare(words))
    return found


def _find(text: str, index: _Index) -> Country | tuple[Country, ...] | None:
    """
    Return what *text* names: a country, a split region's states, or ``None``.

    The whole text decides; failing it, the text outside parentheses; failing that, the
    first comma or slash part, where every other part names something too ("Burma/Myanmar",
    "Aruba, Kingdom of the Netherlands"; never "Ukraine, Atlantis").
    """
    memo = index.memo
    if text in memo:
        return memo[text]
    # Fast path: a plain name ("Poland", "united kingdom") is its own lookup form, since
    # lookup forms are folded words that no further step changes.
    plain = fold(text)
    found = index.regions.get(plain) or index.names.get(plain)
    if found is None:
        whole, main, first, rest = _parse(text)
        found = _lookup(whole, index) or _lookup(main, index)
        if found is None and first is not None:
            found = _lookup(first, index)
            if found is not None and not all(_find(part, index) is not None for part in rest):
                found = None
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[text] = found
    return found


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


class _LazyUnknownCountryError(UnknownCountryError):
    """
    An :class:`UnknownCountryError` whose suggestions are computed when first read.

    Looking for close names costs about a millisecond, a thousand times a lookup: a column
    with thousands of unknown texts should not pay it for errors nobody reads. The message
    and ``suggestions`` are those of the eager error; pickling and copying give the eager
    error itself.
    """

    def __init__(self, query: str) -> None:
        # Not UnknownCountryError.__init__: it would compute the message, suggestions first.
        Exception.__init__(self, query)
        self.query = query
        self.by_key = False
        self._computed: tuple[str, ...] | None = None

    @property
    def suggestions(self) -> tuple[str, ...]:  # pyright: ignore[reportIncompatibleVariableOverride]
        """Up to three close names, best first, computed on first use."""
        if self._computed is None:
            self._computed = _suggestions(_key(self.query), _index())
        return self._computed

    @suggestions.setter
    def suggestions(self, value: tuple[str, ...]) -> None:
        self._computed = tuple(value)

    @property
    def args(self) -> tuple[object, ...]:  # pyright: ignore[reportIncompatibleVariableOverride]
        """The message, as the eager error's ``args`` (and what pickling gives)."""
        return (str(self),)

    @args.setter
    def args(  # pyright: ignore[reportIncompatibleVariableOverride]
        self, value: tuple[object, ...]
    ) -> None:
        BaseException.args.__set__(self, value)  # type: ignore[attr-defined]

    def _eager(self) -> UnknownCountryError:
        return UnknownCountryError(self.query, self.suggestions)

    def __str__(self) -> str:
        return str(self._eager())

    def __repr__(self) -> str:
        return repr(self._eager())

    def __reduce__(self) -> tuple[Any, ...]:
        return self._eager().__reduce__()


# Tracebacks name the public class: this one is an implementation detail.
_LazyUnknownCountryError.__name__ = _LazyUnknownCountryError.__qualname__ = "UnknownCountryError"
_LazyUnknownCountryError.__module__ = "defectors.exceptions"


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

    Accepts, for every ISO 3166-1 state, every state withdrawn from ISO 3166 and every
    polity of the package:

    * codes: ISO 3166-1 alpha-2, alpha-3 and numeric (``"004"`` or ``"4"``), ISO 3166-3
      alpha-4, the package's own keys (``"russian-empire"``), Kosovo's ``XK``/``XKX``, and
      the IOC and FIFA codes and the Correlates of War state abbreviations that collide with
      no ISO code (``"GER"``, ``"SUI"``, ``"URS"``, ``"UKG"``);
    * English short, common and official names, the UN, World Bank, IMF, GENC and CLDR
      forms: ISO-style articles (``"Bahamas (the)"``, ``"Gambia, The"``), comma inversions
      (``"Korea, Rep."``, ``"Congo, Dem. Rep."``, ``"Micronesia, Fed. Sts."``), UN
      parentheticals (``"Bolivia (Plurinational State of)"``, ``"Virgin Islands (U.S.)"``),
      abbreviations and initials (``"UAE"``, ``"U.A.E."``, ``"DPRK"``, ``"Lao PDR"``,
      ``"St. Lucia"``), qualifiers after the name (``"Korea South"``, ``"Congo-Brazzaville"``),
      and labels pairing a name with a former one (``"Zimbabwe (Rhodesia)"``,
      ``"Burma/Myanmar"``: the first name decides);
    * the CLDR names in the languages of the eight origin states, of the Soviet republics and
      in German, French, Italian and Spanish (``"Polska"``, ``"Magyarország"``, ``"Niemcy"``,
      ``"Allemagne"``, Cyrillic, Georgian and Armenian forms);
    * historical names and Soviet republic forms (``"Latvian SSR"``).

    Case, diacritics, punctuation, "the", "of", "and" and word order do not matter.

    Renamed states are the same state: every old name and code of a state that only changed
    its name goes to today's entry (``"Zaire"``, ``"ZR"`` and ``"ZRCD"`` to the Democratic
    Republic of the Congo; ``"Burma"``, ``"Upper Volta"``, ``"Dahomey"``, ``"Ceylon"``,
    ``"East Timor"``, ``"Ukrainian SSR"``, ``"West Germany"`` likewise), and a colony's name
    goes to the state it became (``"Gold Coast"``: Ghana). States that dissolved or merged
    stay themselves, as withdrawn ISO 3166-3 entries (``"USSR"``, ``"East Germany"``,
    ``"Czechoslovakia"``, ``"Yugoslavia"``; so ``"CS"`` is Czechoslovakia, never Serbia and
    Montenegro). Polities ISO never coded (``"Austria-Hungary"``) resolve to the package's
    own entries. An ambiguous name goes to the sovereign state (``"Georgia"``), and a region
    split between states (``"Korea"``, ``"Bessarabia"``) names none. Every choice is
    documented in the package's ``data/aliases.tsv``.

    A miss costs about what a hit costs; for a whole column, see
    :func:`normalize_countries`.

    Args:
        text: The name or code.
        strict: When false, return ``None`` instead of raising for text that names nothing.

    Returns:
        The :class:`Country` (``None`` when not *strict* and nothing matches).

    Raises:
        UnknownCountryError: *strict*, and *text* names no country or polity, is blank, or
            names a region split between states (``"Ossetia"``, suggesting those states).
            Its suggestions are computed when first read.
        TypeError: *text* is not a string.

    Example:
        >>> import defectors
        >>> defectors.normalize_country("U.S.S.R.").key
        'SUHH'
        >>> defectors.normalize_country("the Byelorussian SSR").name
        'Belarus'
        >>> defectors.normalize_country("Korea, Dem. People's Rep.").alpha_3
        'PRK'
        >>> defectors.normalize_country("Zaire").name
        'Democratic Republic of the Congo'
        >>> defectors.normalize_country("Atlantis", strict=False) is None
        True

    .. versionadded:: 0.1.0
    """
    _check_text(text, "country name")
    found = _find(text, _index())
    if isinstance(found, Country):
        return found
    if not strict:
        return None
    raise _LazyUnknownCountryError(text)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def normalize_countries(
    texts: Iterable[str | None], *, strict: bool = False
) -> list[Country | None]:
    """
    Return :func:`normalize_country` of each text, for a whole column at once.

    Each distinct text is looked up once. A missing value (``None``, or a float NaN as
    pandas gives for an empty cell) gives ``None``, as does a text that names nothing unless
    *strict*.

    Args:
        texts: The names or codes, such as a list or a pandas ``Series``.
        strict: Raise for the first text that names nothing, instead of giving ``None``.

    Returns:
        A list as long as *texts*, of :class:`Country` or ``None``.

    Raises:
        UnknownCountryError: *strict*, and a text names no country or polity.
        TypeError: *texts* is not iterable, or holds a value that is neither a string nor
            missing.

    Example:
        >>> import defectors
        >>> found = defectors.normalize_countries(["Korea, Rep.", "UAE", None, "Atlantis"])
        >>> [c and c.alpha_3 for c in found]
        ['KOR', 'ARE', None, None]

    .. versionadded:: 0.1.0
    """
    if isinstance(texts, (str, bytes)):
        msg = f"texts must be an iterable of names, not a single {type(texts).__name__}"
        raise TypeError(msg)
    try:
        texts = iter(texts)
    except TypeError:
        msg = (
            "texts must be an iterable of names (a list, a tuple or a pandas Series), "
            f"not {type(texts).__name__}"
        )
        raise TypeError(msg) from None
    index = _index()
    done: dict[str, Country | None] = {}
    out: list[Country | None] = []
    for text in texts:
        if _missing(text):
            out.append(None)
            continue
        name = _check_text(text, "country name")
        if name in done:
            out.append(done[name])
            continue
        hit = _find(name, index)
        found = hit if isinstance(hit, Country) else None
        if found is None and strict:
            raise _LazyUnknownCountryError(name)
        done[name] = found
        out.append(found)
    return out


def implied_polity(text: str) -> Country | None:
    """Return the state a name implies by itself (``"Kazakh SSR"``: the USSR), if any."""
    return _index().implied.get(_key(text))


def _present_day(country: Country) -> Country | None:
    """Return *country* if it exists today, else its only successor, else ``None``."""
    if not country.historic:
        return country
    heirs = successors(country)
    return heirs[0] if len(heirs) == 1 else None


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
        return _place(text, found, index.implied.get(form))
    parts = parenthesised(text)  # "Country (State)"
    if parts is not None:
        region, state = parts
    elif "," in text:
        region, _, state = text.rpartition(",")
    else:
        region = state = ""
    where = _find(region, index) if region else None
    polity = _find(state, index) if region else None
    if where is not None and polity is not None:  # a split region gives no country
        country = None if isinstance(where, tuple) else _present_day(where)
        return Place(
            text=text, country=country, polity=None if isinstance(polity, tuple) else polity
        )
    whole = _find(text, index)
    if isinstance(whole, tuple):
        return Place(text=text)
    if whole is None:
        raise _LazyUnknownCountryError(text)
    return _place(text, whole, None)


def _place(text: str, found: Country, implied: Country | None) -> Place:
    if found.historic:
        return Place(text=text, country=_present_day(found), polity=found)
    return Place(text=text, country=found, polity=implied)


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
    A name that itself names the state, a Soviet republic's SSR form, stands for the Soviet
    Union, as in :func:`state_of`, so ``is_eastern_bloc("Byelorussian SSR", 1953)`` is true. To ask
    about a territory, pass what :func:`state_of` gives: ``is_eastern_bloc(state_of("Latvia",
    1960), 1960)``.

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
        >>> defectors.is_eastern_bloc("Byelorussian SSR", 1953)
        True

    .. versionadded:: 0.1.0
    """
    entry = _as_country(country)
    _check_year(year)
    if isinstance(country, str):
        # A Soviet republic's SSR form names the Union, as state_of() answers for it.
        entry = implied_polity(country) or entry
    span = _BLOC.get(entry.key)
    return span is not None and span[0] <= year <= span[1]
