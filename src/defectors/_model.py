"""The record types: immutable attrs classes and the enums they use."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Any, Final, TypeVar, cast

import attrs

from defectors.exceptions import InvalidArgumentError, InvalidRecordError, quote

__all__ = [
    "ORIGIN_KEYS",
    "Confidence",
    "Country",
    "Defector",
    "Outcome",
    "Place",
    "Provenance",
    "Sector",
    "Source",
    "SourceKind",
    "canonical_wikipedia",
]

#: Year range a record's year of defection must fall in.
FIRST_YEAR = 1917
LAST_YEAR = 1991

#: Keys of the eight states a record's ``origin`` may be: USSR, Poland, Czechoslovakia,
#: Hungary, Romania, Bulgaria, East Germany and Albania.
ORIGIN_KEYS = frozenset({"SUHH", "POL", "CSHH", "HUN", "ROU", "BGR", "DDDE", "ALB"})

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: The start of every :attr:`Defector.wikipedia` address.
WIKIPEDIA_PREFIX = "https://en.wikipedia.org/wiki/"
#: Characters a canonical article address leaves unencoded in the title (MediaWiki's set,
#: besides letters, digits and ``_.-~``): ``Alexander_Orlov_(Soviet_defector)``.
_TITLE_SAFE = ";:@$!*(),/~"
#: Namespaces whose pages are not articles about a person.
_NOT_ARTICLES = (
    "special:",
    "talk:",
    "user:",
    "user_talk:",
    "wikipedia:",
    "file:",
    "mediawiki:",
    "template:",
    "help:",
    "category:",
    "portal:",
    "draft:",
    "module:",
    "timedtext:",
    "gadget:",
    "media:",
    "wp:",
    "wt:",
    "project:",
    "image:",
    "user_talk:",
    "wikipedia_talk:",
    "file_talk:",
    "template_talk:",
    "help_talk:",
    "category_talk:",
    "portal_talk:",
    "draft_talk:",
    "module_talk:",
    "project_talk:",
    "image_talk:",
)


def canonical_wikipedia(url: str) -> str:
    """
    Return the one canonical address of the English Wikipedia article *url* names.

    The title is decoded (it may be given percent-encoded, ``%C5%82``, or as text, ``ł``),
    spaces become underscores (a run of them one, none at either end), the first letter a
    capital (the English Wikipedia's titles all begin with one), and it is encoded again as
    UTF-8 the way MediaWiki writes article addresses: letters, digits and
    ``_.-~;:@$!*(),/`` as they are, everything else percent-encoded (``'`` is ``%27``). So
    two spellings of one address compare equal.

    Args:
        url: An address of the form ``https://en.wikipedia.org/wiki/Title``.

    Returns:
        The canonical address.

    Raises:
        ValueError: *url* is not an English Wikipedia article's address: another scheme or
            host, a port, a query or fragment (``?oldid=``, ``#Section``), a title that is
            empty, starts with ``/``, is a ``.`` or ``..`` segment, is in a namespace other
            than the articles' (``Talk:``, ``Special:``, ...), holds white space other than
            a space, a control or format character (``%00``, a direction mark), or percent-
            encoding that is not UTF-8.
        TypeError: *url* is not a string.

    Example:
        >>> import defectors
        >>> defectors.canonical_wikipedia("https://en.wikipedia.org/wiki/Józef Światło")
        'https://en.wikipedia.org/wiki/J%C3%B3zef_%C5%9Awiat%C5%82o'

    .. versionadded:: 0.2.0
    """
    if not isinstance(url, str):
        msg = f"a Wikipedia address must be a str, not {type(url).__name__}"
        raise TypeError(msg)
    expected = f"expected an English Wikipedia article's address, {WIKIPEDIA_PREFIX}Title"
    if not url.startswith(WIKIPEDIA_PREFIX):
        msg = f"{quote(url)} does not start with {WIKIPEDIA_PREFIX}: {expected}"
        raise InvalidArgumentError(msg)
    raw = url[len(WIKIPEDIA_PREFIX) :]
    if "?" in raw or "#" in raw:
        msg = f"{quote(url)} has a query or a fragment: {expected}, without ? or #"
        raise InvalidArgumentError(msg)
    try:
        title = _unquote(raw).replace(" ", "_")
    except UnicodeDecodeError:
        msg = f"{quote(url)} has percent-encoding that is not UTF-8: {expected}"
        raise InvalidArgumentError(msg) from None
    if title.isascii():  # the common case: one scan, no character table
        found = _ASCII_UNFIT.search(title)
        bad = None if found is None else found.group()
    else:
        bad = next((c for c in title if _unfit_in_title(c)), None)
    if bad is not None:
        msg = f"{quote(url)} has {quote(bad)} in its title: {expected}, a printable title"
        raise InvalidArgumentError(msg)
    # MediaWiki's own normalisation of a title: runs of underscores (spaces) are one, none
    # stands at either end, and the first letter is a capital on the English Wikipedia.
    title = _UNDERSCORES.sub("_", title).strip("_")
    if title and len(title[0].upper()) == 1:
        title = title[0].upper() + title[1:]
    if not title or title.startswith("/") or {".", ".."} & set(title.split("/")):
        msg = f"{quote(url)} has no article title, or a . or .. part: {expected}"
        raise InvalidArgumentError(msg)
    if title.lower().startswith(_NOT_ARTICLES):
        msg = f"{quote(url)} is not an article (it is in another namespace): {expected}"
        raise InvalidArgumentError(msg)
    return WIKIPEDIA_PREFIX + "".join(
        char if char in _UNQUOTED else "".join(f"%{byte:02X}" for byte in char.encode())
        for char in title
    )


#: A run of underscores: MediaWiki reads it as one space.
_UNDERSCORES = re.compile("_{2,}")
#: The ASCII characters that cannot stand in an article title: white space and controls.
_ASCII_UNFIT = re.compile(r"[\x00-\x20\x7f]")


#: Characters an article address writes as they are: ASCII letters and digits, ``_.-~``
#: and :data:`_TITLE_SAFE` (what ``urllib.parse.quote(title, safe=_TITLE_SAFE)`` leaves).
_UNQUOTED: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~" + _TITLE_SAFE
)
_ESCAPE: Final = re.compile(r"%([0-9A-Fa-f]{2})")


def _unquote(text: str) -> str:
    """
    Decode the ``%XX`` escapes of *text* as UTF-8, strictly, as ``urllib.parse.unquote``.

    A ``%`` not followed by two hex digits stays as it is. Written here rather than imported
    so that reading the bundled data does not import :mod:`urllib.parse`.

    Raises:
        UnicodeDecodeError: The escaped bytes are not UTF-8.
    """
    if "%" not in text:
        return text
    parts: list[str] = []
    pending = bytearray()
    position = 0
    for match in _ESCAPE.finditer(text):
        if match.start() != position:
            if pending:
                parts.append(pending.decode("utf-8"))
                pending.clear()
            parts.append(text[position : match.start()])
        pending.append(int(match.group(1), 16))
        position = match.end()
    if pending:
        parts.append(pending.decode("utf-8"))
    parts.append(text[position:])
    return "".join(parts)


def _unfit_in_title(char: str) -> bool:
    """Whether *char* cannot stand in an article title: white space, controls, format marks."""
    import unicodedata  # noqa: PLC0415 - only for a title with non-ASCII characters

    return char != "_" and (
        char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Zs")
    )


class Sector(enum.Enum):
    """
    The broad field a defector was prominent in, derived from their profession.

    See :func:`defectors.sectors_for` for the mapping from professions.

    .. versionadded:: 0.1.0
    """

    INTELLIGENCE = "intelligence"
    """Intelligence and security services (OGPU, NKVD, GRU, KGB, UB, StB, ...)."""
    MILITARY = "military"
    """Armed forces, such as officers, soldiers, pilots and sailors."""
    GOVERNMENT = "government"
    """Politics, administration and diplomacy."""
    ARTS = "arts"
    """Literature, music, dance, film, theatre, visual arts, photography, architecture."""
    SPORT = "sport"
    """Sport, chess included."""
    SCIENCE = "science"
    """Science, engineering, medicine, academia and philosophy."""
    RELIGION = "religion"
    """Clergy and religious leaders."""
    MEDIA = "media"
    """Journalism and broadcasting."""
    OTHER = "other"
    """A profession none of the other sectors covers."""


class Outcome(enum.Enum):
    """
    Whether the defection succeeded.

    .. versionadded:: 0.1.0
    """

    DEFECTED = "defected"
    """The person reached the protection they sought."""
    ATTEMPTED = "attempted"
    """The source shows that the attempt failed."""


class Confidence(enum.Enum):
    """
    How firmly a record's sources support it, where a source grades it.

    .. versionadded:: 0.1.0
    """

    HIGH = "high"
    """At least two independent sources agree on who, when and how."""
    MEDIUM = "medium"
    """The defection is confirmed but a material element is doubtful."""


class SourceKind(enum.Enum):
    """
    What kind of publication a :class:`Source` is, so users can weigh it.

    The bundled data classifies every source by its site (the table is
    ``tools/data/source_kinds.tsv`` in the repository); a user's own sources may leave
    :attr:`Source.kind` empty.

    .. versionadded:: 0.2.0
    """

    ENCYCLOPEDIA = "encyclopedia"
    """A general or national encyclopedia (Wikipedia, Britannica, Munzinger's biographies)."""
    NEWS = "news"
    """A newspaper, magazine, wire service or broadcaster, or its own archive."""
    ARCHIVE = "archive"
    """A library's or archive's digitised holdings, a museum, memorial or oral-history project."""
    OFFICIAL = "official"
    """A government, agency, federation, club or institution speaking for itself."""
    SCHOLARLY = "scholarly"
    """A journal, an academic publisher or a university's research page."""
    BOOK = "book"
    """A book, through its publisher's or a library's page."""
    REFERENCE = "reference"
    """A reference database (sports results, chess games, film credits, biographies)."""
    BLOG = "blog"
    """A personal or independent blog or small site."""


class Provenance(enum.Enum):
    """
    Which of the dataset's collections a record belongs to: where it was first compiled.

    The collections were gathered differently (see the dataset card), so compare them with
    care. The value is stored with each record and set by the tool that imports it
    (``tools/import_tsv.py --provenance``), never inferred from the year.

    .. versionadded:: 0.2.0
    """

    WIKIPEDIA_LIST = "wikipedia-list"
    """Wikipedia's *List of Soviet and Eastern Bloc defectors* (the 1924-1960 records)."""
    RESEARCH_1961_1991 = "research-1961-1991"
    """The records for 1961-1991 compiled for this project from two or more sources each."""
    LATER_RESEARCH = "later-research"
    """Records compiled for this project after the first release."""


def _fail(kind: type[Exception], field: str, message: str) -> Exception:
    """Return an exception of *kind* that also says which field it is about."""
    if kind is ValueError:
        return InvalidRecordError(message, field=field)
    exc = kind(message)
    exc.field = field  # type: ignore[attr-defined]
    return exc


def _is_built(self: object) -> bool:
    """Whether the attrs instance *self* has its fields set (``__init__`` has run)."""
    # attrs.fields() would check the class on every record built: this is the same tuple.
    fields: tuple[attrs.Attribute[object], ...] = getattr(type(self), "__attrs_attrs__")  # noqa: B009
    try:
        object.__getattribute__(self, fields[0].name)
    except AttributeError:
        return False
    return True


def refuse_reinit(self: attrs.AttrsInstance) -> None:
    """
    An ``__attrs_pre_init__``: refuse to run ``__init__`` again on a built instance.

    Records are shared (the bundled dataset, the country table), so re-running ``__init__``
    on one would change it for every holder.
    """
    if _is_built(self):
        msg = f"{type(self).__name__} objects are immutable: __init__ cannot run again"
        raise TypeError(msg)


_Cls = TypeVar("_Cls", bound=type)


def guard_setstate(cls: _Cls) -> _Cls:
    """
    Make an attrs class's ``__setstate__`` refuse a built instance (a class decorator).

    It is what :func:`refuse_reinit` does for ``__init__``: unpickling and copying call
    ``__setstate__`` on a new, empty instance, which it still fills.
    """
    original: Any = getattr(cls, "__setstate__")  # noqa: B009 - attrs adds it to slotted classes

    def __setstate__(self: object, state: object) -> None:  # noqa: N807 - the protocol's name
        if _is_built(self):
            msg = f"{type(self).__name__} objects are immutable: __setstate__ cannot change one"
            raise TypeError(msg)
        original(self, state)

    setattr(cls, "__setstate__", __setstate__)  # noqa: B010 - a type checker knows no such slot
    return cls


def _is_blank(text: str) -> bool:
    """Whether *text* shows nothing: only spaces, invisible characters or combining marks."""
    if text.isascii():
        return not text.strip()
    from defectors._text import is_blank  # noqa: PLC0415 - not needed for a cold start

    return is_blank(text)


def _check_text(field: str, value: str) -> None:
    """Refuse a string that is not valid Unicode text: one holding a lone surrogate."""
    if value.isascii():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        msg = (
            f"{field} holds a lone surrogate ({quote(exc.object[exc.start : exc.end])} at "
            f"{exc.start}), which is not text: it cannot be written as UTF-8"
        )
        raise InvalidRecordError(msg, field=field) from None


class IsInstance:
    """
    An attrs validator: the value is an instance of *kind* (or ``None``, when optional).

    Unlike :func:`attrs.validators.instance_of`, the error names the field and the wrong
    type but never repeats the value, which may be huge.
    """

    __slots__ = ("kind", "optional")

    def __init__(self, kind: type[Any], *, optional: bool = False) -> None:
        self.kind = kind
        self.optional = optional

    def __call__(self, _inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and self.optional:
            return
        if not isinstance(value, self.kind):
            expected = self.kind.__name__ + (" or None" if self.optional else "")
            msg = f"{attribute.name} must be {expected}, not {type(value).__name__}"
            raise _fail(TypeError, attribute.name, msg)
        if self.kind is str:
            _check_text(attribute.name, cast("str", value))


class _TupleOf:
    """An attrs validator: the value is a tuple of instances of *kind* (see IsInstance)."""

    __slots__ = ("kind",)

    def __init__(self, kind: type[Any]) -> None:
        self.kind = kind

    def __call__(self, _inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            msg = f"{attribute.name} must be a tuple, not {type(value).__name__}"
            raise _fail(TypeError, attribute.name, msg)
        items = cast("tuple[object, ...]", value)  # isinstance() leaves its items unknown
        for index, item in enumerate(items):
            if not isinstance(item, self.kind):
                msg = (
                    f"{attribute.name}[{index}] must be {self.kind.__name__}, "
                    f"not {type(item).__name__}"
                )
                raise _fail(TypeError, attribute.name, msg)
            if self.kind is str:
                text = cast("str", item)
                if _is_blank(text):
                    msg = f"{attribute.name}[{index}] must be a non-empty string, not {quote(text)}"
                    raise _fail(ValueError, attribute.name, msg)
                _check_text(f"{attribute.name}[{index}]", text)


def _tuple_of(kind: type[Any]) -> _TupleOf:
    return _TupleOf(kind)


def _optional(kind: type[Any]) -> IsInstance:
    return IsInstance(kind, optional=True)


def _optional_year(
    _inst: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is not None and (type(value) is not int):
        msg = f"{attribute.name} must be an int or None, not {type(value).__name__}"
        raise _fail(TypeError, attribute.name, msg)


def table_entries(rows: Iterable[dict[str, Any]]) -> dict[str, Country]:
    """
    Build the package's country table from its file's rows (only ``_countries`` calls this).

    The table is the package's own file, which the test suite validates entry by entry, so
    its entries are built without their validators (and without the check that a key is in
    the table being built), each field read straight into its slot: it keeps the first
    lookup quick.

    Raises:
        ValueError: A row has more or fewer fields than :class:`Country`.
        KeyError: A row lacks one of them (and has another instead).
    """
    setters = [(a.name, getattr(Country, a.name).__set__) for a in attrs.fields(Country)]
    new = object.__new__
    table: dict[str, Country] = {}
    for row in rows:
        if len(row) != len(setters):
            msg = f"a country table entry has the fields {sorted(row)}"
            raise ValueError(msg)
        entry = new(Country)
        for name, set_slot in setters:
            set_slot(entry, row[name])
        table[row["key"]] = entry
    return table


def _check_in_table(key: str) -> None:
    """Refuse a key the package's table lacks: such a country would not load back."""
    from defectors._countries import country_table  # noqa: PLC0415 - built after this module

    if key not in country_table():
        msg = (
            f"no country or polity of the package's table has the key {quote(key)}: "
            "get countries from normalize_country() or get_country()"
        )
        raise InvalidRecordError(msg, field="key")


@guard_setstate
@attrs.frozen(kw_only=True, order=False)
class Country:
    """
    A country or historical polity.

    Identity is the :attr:`key` alone: two :class:`Country` objects are equal, and hash
    alike, when their keys are equal, and the key is what the data files store. Get
    instances from :func:`defectors.normalize_country` or :func:`defectors.get_country`
    rather than building them.

    Attributes:
        key: ISO 3166-1 alpha-3 code for a current state (``"RUS"``), ISO 3166-3 alpha-4
            code for a state withdrawn from ISO 3166 (``"SUHH"`` for the USSR), or a
            lowercase project slug for a polity ISO never coded (``"russian-empire"``).
        name: Common English name, from the package's own table (so a pycountry upgrade
            cannot rename it).
        alpha_2: ISO alpha-2 code, for withdrawn states the one they had; ``None`` for
            polities ISO never coded.
        alpha_3: ISO alpha-3 code, likewise.
        alpha_4: ISO 3166-3 alpha-4 code of a withdrawn state, else ``None``.
        historic: Whether the state no longer exists under this identity.
        start: First year of existence, where known.
        end: Last year of existence, where it has ended and is known.

    Raises:
        InvalidRecordError: *key* is not in the package's table (such a country would write
            a file that does not load back), or a text holds a lone surrogate.
        TypeError: A field has the wrong type; or ``__init__`` is called again on a built
            country.

    .. versionadded:: 0.1.0
    """

    key: str = attrs.field(validator=IsInstance(str))
    name: str = attrs.field(eq=False, validator=IsInstance(str))
    alpha_2: str | None = attrs.field(default=None, eq=False, repr=False)
    alpha_3: str | None = attrs.field(default=None, eq=False, repr=False)
    alpha_4: str | None = attrs.field(default=None, eq=False, repr=False)
    historic: bool = attrs.field(default=False, eq=False, repr=False)
    start: int | None = attrs.field(default=None, eq=False, repr=False, validator=_optional_year)
    end: int | None = attrs.field(default=None, eq=False, repr=False, validator=_optional_year)

    __attrs_pre_init__ = refuse_reinit

    def __attrs_post_init__(self) -> None:
        """Refuse a key the package's table lacks."""
        _check_in_table(self.key)

    def __str__(self) -> str:
        """Return the country's name."""
        return self.name


@guard_setstate
@attrs.frozen(kw_only=True)
class Place:
    """
    A place as a source names it, with the country and historical state it lies in.

    Attributes:
        text: The source's own text, exactly, or ``None`` where no text was given.
        country: The present-day country, or ``None`` where the text names none (or names
            a region now split between states).
        polity: The historical state the text names (Russian Empire, USSR, ...), or ``None``.

    Raises:
        InvalidRecordError: *text* holds a lone surrogate.
        TypeError: A field has the wrong type; or ``__init__`` is called again.

    .. versionadded:: 0.1.0
    """

    text: str | None = attrs.field(default=None, validator=_optional(str))
    country: Country | None = attrs.field(default=None, validator=_optional(Country))
    polity: Country | None = attrs.field(default=None, validator=_optional(Country))

    __attrs_pre_init__ = refuse_reinit


def _check_name(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        msg = f"{attribute.name} must be a str, not {type(value).__name__}"
        raise _fail(TypeError, attribute.name, msg)
    if _is_blank(value):
        msg = f"{attribute.name} must be a non-empty string, not {quote(value)}"
        raise _fail(ValueError, attribute.name, msg)
    _check_text(attribute.name, value)


def _check_retrieved(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    # Exactly a date: a datetime is a date too, but its time would be lost writing JSON.
    if value is not None and type(value) is not dt.date:
        msg = f"retrieved must be a datetime.date or None, not {type(value).__name__}"
        raise _fail(TypeError, "retrieved", msg)


@guard_setstate
@attrs.frozen(kw_only=True)
class Source:
    """
    Where a record's facts come from.

    Attributes:
        url: Address of the source.
        title: Its title, where recorded.
        revision: The revision or edition used (for a wiki page, the revision date).
        retrieved: The day it was read, where recorded.
        kind: What kind of publication it is, where classified (every source of the
            bundled data is).

    Raises:
        InvalidRecordError: *url* is empty or blank, or a text holds a lone surrogate.
        TypeError: A field has the wrong type (*retrieved* must be exactly a
            :class:`datetime.date`: a :class:`datetime.datetime` would lose its time in JSON);
            or ``__init__`` is called again.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Added :attr:`kind`.
    """

    url: str = attrs.field(validator=_check_name)
    title: str | None = attrs.field(default=None, validator=_optional(str))
    revision: str | None = attrs.field(default=None, validator=_optional(str))
    retrieved: dt.date | None = attrs.field(default=None, validator=_check_retrieved)
    kind: SourceKind | None = attrs.field(default=None, validator=_optional(SourceKind))

    __attrs_pre_init__ = refuse_reinit


_NOWHERE = Place()


def _to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)):
        msg = f"expected a collection, not a single {type(value).__name__}"
        raise TypeError(msg)
    return tuple(value)


def _no_empty_place(value: Place | None) -> Place | None:
    """Store a place that says nothing (no text, country or state) as no place."""
    if isinstance(value, Place) and value == _NOWHERE:
        return None
    return value


def _check_id(_inst: object, _attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        msg = f"id must be a str, not {type(value).__name__}"
        raise _fail(TypeError, "id", msg)
    if _ID_RE.fullmatch(value) is None:
        msg = f"id must be a lowercase ASCII slug such as 'czeslaw-milosz', not {quote(value)}"
        raise _fail(ValueError, "id", msg)


def _check_year(_inst: object, _attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int:
        msg = f"year must be an int, not {type(value).__name__}"
        raise _fail(TypeError, "year", msg)
    if not FIRST_YEAR <= value <= LAST_YEAR:
        msg = f"year must be between {FIRST_YEAR} and {LAST_YEAR}, not {quote(value)}"
        raise _fail(ValueError, "year", msg)


def _check_date(inst: Defector, _attribute: attrs.Attribute[dt.date | None], value: object) -> None:
    if value is None:
        return
    if type(value) is not dt.date:
        msg = f"date must be a datetime.date or None, not {type(value).__name__}"
        raise _fail(TypeError, "date", msg)
    if value.year != inst.year:
        msg = f"date {value.isoformat()} is not in the record's year {inst.year}"
        raise _fail(ValueError, "date", msg)


def _check_origin(_inst: object, _attribute: attrs.Attribute[Country], value: object) -> None:
    if not isinstance(value, Country):
        msg = f"origin must be a Country, not {type(value).__name__}"
        raise _fail(TypeError, "origin", msg)
    if value.key not in ORIGIN_KEYS:
        msg = (
            f"origin must be one of the eight Eastern Bloc states "
            f"({', '.join(sorted(ORIGIN_KEYS))}), not {quote(value.key)}"
        )
        raise _fail(ValueError, "origin", msg)


def _check_sectors(
    _inst: object, _attribute: attrs.Attribute[tuple[Sector, ...]], value: tuple[object, ...]
) -> None:
    for item in value:
        if not isinstance(item, Sector):
            msg = f"sectors must hold Sector members, not {quote(item)}"
            raise _fail(TypeError, "sectors", msg)
    if len(set(value)) != len(value):
        msg = f"sectors must not repeat: {quote(value)}"
        raise _fail(ValueError, "sectors", msg)


def _check_wikipedia(_inst: object, _attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        msg = f"wikipedia must be a str or None, not {type(value).__name__}"
        raise _fail(TypeError, "wikipedia", msg)
    _check_text("wikipedia", value)
    try:
        canonical = canonical_wikipedia(value)
    except ValueError as exc:
        raise InvalidRecordError(f"wikipedia: {exc}", field="wikipedia") from None
    if canonical != value:
        msg = (
            f"wikipedia must be written in its canonical form {quote(canonical)}, not "
            f"{quote(value)} (see defectors.canonical_wikipedia)"
        )
        raise InvalidRecordError(msg, field="wikipedia")


def _check_sources(
    _inst: object, _attribute: attrs.Attribute[tuple[Source, ...]], value: tuple[Source, ...]
) -> None:
    if not value:
        msg = "sources must name at least one source"
        raise _fail(ValueError, "sources", msg)


@guard_setstate
@attrs.frozen(kw_only=True)
class Defector:
    """
    One notable defection.

    Instances are immutable and hashable; every collection field is a tuple. The facts a
    source states (name, profession, birthplace text, year) are kept exactly as the source
    gives them; :attr:`summary` is written in the project's own words.

    Attributes:
        id: Stable ASCII slug derived from the name (``"czeslaw-milosz"``); a promise to
            users who join on it.
        name: The name as the source writes it (NFC), diacritics kept.
        also_known_as: Other names (birth names, pen names), as the source writes them.
        profession: The source's own text, or ``None`` where it has none.
        sectors: Broad fields derived from :attr:`profession` by :func:`defectors.sectors_for`;
            empty where the profession is unknown.
        birthplace: Where they were born, or ``None`` where no source says (a
            :class:`Place` with no text, country or state is stored as ``None``).
        year: Year of the defection.
        date: Day of the defection, where a source gives it.
        origin: The Eastern Bloc state they left: one of the USSR, Poland, Czechoslovakia,
            Hungary, Romania, Bulgaria, East Germany or Albania.
        destination: The state whose protection they sought, as the source says, else ``None``.
        defection_place: Where it physically happened, in a few words, else ``None``.
        route: Countries the source says they passed through on the way, in order.
        outcome: :attr:`Outcome.DEFECTED`, or :attr:`Outcome.ATTEMPTED` where the source shows
            that the attempt failed.
        summary: One or two sentences in the project's own words.
        confidence: How firmly the sources support the record, where a source grades it.
        sources: Where the facts come from; never empty.
        wikipedia: The person's English Wikipedia article, where one was confirmed, in the
            canonical form :func:`defectors.canonical_wikipedia` gives
            (``https://en.wikipedia.org/wiki/J%C3%B3zef_%C5%9Awiat%C5%82o``); the key to
            join on Wikidata and other datasets.
        provenance: The collection of the bundled data the record belongs to, or ``None``
            for a record that is not part of it (your own).

    Raises:
        InvalidRecordError: A value the record cannot hold (a :class:`ValueError`): *year*
            outside 1917-1991, an *id* that is not a slug, a blank *name*, *summary* or
            *also_known_as* entry, no
            *sources*, repeated *sectors*, an *origin* outside the eight states, a *date*
            outside *year*, or a text holding a lone surrogate. Its ``field`` names the field.
        TypeError: A field has the wrong type; or ``__init__`` is called again.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Added :attr:`wikipedia` and :attr:`provenance`.
    """

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_name)
    also_known_as: tuple[str, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(str)
    )
    profession: str | None = attrs.field(default=None, validator=_optional(str))
    sectors: tuple[Sector, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_check_sectors
    )
    birthplace: Place | None = attrs.field(
        default=None, converter=_no_empty_place, validator=_optional(Place)
    )
    year: int = attrs.field(validator=_check_year)
    date: dt.date | None = attrs.field(default=None, validator=_check_date)
    origin: Country = attrs.field(validator=_check_origin)
    destination: Country | None = attrs.field(default=None, validator=_optional(Country))
    defection_place: str | None = attrs.field(default=None, validator=_optional(str))
    route: tuple[Country, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Country)
    )
    outcome: Outcome = attrs.field(default=Outcome.DEFECTED, validator=IsInstance(Outcome))
    summary: str = attrs.field(validator=_check_name)
    confidence: Confidence | None = attrs.field(default=None, validator=_optional(Confidence))
    sources: tuple[Source, ...] = attrs.field(
        converter=_to_tuple, validator=[_tuple_of(Source), _check_sources]
    )
    wikipedia: str | None = attrs.field(default=None, validator=_check_wikipedia)
    provenance: Provenance | None = attrs.field(default=None, validator=_optional(Provenance))

    __attrs_pre_init__ = refuse_reinit
