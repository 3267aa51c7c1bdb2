"""The immutable :class:`Dataset` and loading it from package data or a user's file."""

from __future__ import annotations

import errno
import json
import os
import re
import threading
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, cast, overload

import attrs

from defectors._countries import MISSING as _MISSING
from defectors._data import read_text
from defectors._lazy import once
from defectors._model import Defector, Outcome, Sector
from defectors._reader import structure_defector
from defectors.exceptions import DatasetError, quote

if TYPE_CHECKING:
    # Imported on first use, not with the package (see ``defectors.__init__``); queries,
    # exports and the converter's detailed errors pull them in when they are needed.
    import cattrs
    import pandas as pd

    from defectors._eras import Era
    from defectors._query import CountryQuery, Field

_T = TypeVar("_T")


__all__ = ["DataSource", "Dataset", "Metadata", "get", "load", "metadata"]


@once
def _reader() -> cattrs.Converter:
    """
    Return the private converter, made on first use.

    :func:`load` reads through :func:`~defectors._reader.structure_defector` and this
    converter, never the public ``defectors.converter``, so hooks users register there cannot
    change how the package reads its data.
    """
    from defectors._converter import make_converter  # noqa: PLC0415 - built on first use

    return make_converter()


#: The widest indentation :meth:`Dataset.to_json` writes (json.dumps would take any size).
_MAX_INDENT: Final = 32

#: Guards building a dataset's search index, once even when many threads search at once.
_INDEX_LOCK: Final = threading.Lock()

_PATH_FIELD = re.compile(r"\$\.([A-Za-z_][A-Za-z0-9_]*)")


class Dataset(Sequence[Defector]):
    """
    An immutable, ordered collection of :class:`Defector` records with unique ids.

    A :class:`Dataset` is a :class:`~collections.abc.Sequence`: index it, slice it (a slice
    is a :class:`Dataset`), iterate over it, take its ``len()``. It cannot be changed; every
    method returns new objects. Two datasets are equal when they hold equal records in the
    same order.

    Args:
        records: Any iterable of :class:`Defector`.

    Raises:
        DatasetError: Two records share an id.
        TypeError: An item is not a :class:`Defector`.

    Example:
        >>> import defectors
        >>> ds = defectors.load()
        >>> mine = defectors.Dataset(list(ds)[:3])
        >>> len(mine)
        3

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_by_id", "_records", "_search_index")

    _records: tuple[Defector, ...]
    _by_id: dict[str, Defector]
    # Built on the first search, once even when many threads search at once; never pickled.
    _search_index: tuple[tuple[str, str], ...] | None

    def __init__(self, records: Iterable[Defector] = ()) -> None:
        items = tuple(records)
        by_id: dict[str, Defector] = {}
        for index, record in enumerate(items):
            if not isinstance(record, Defector):
                msg = (
                    f"Dataset items must be Defector records, "
                    f"not {type(record).__name__} (item {index})"
                )
                raise TypeError(msg)
            if record.id in by_id:
                raise DatasetError("duplicate id", index=index, record_id=record.id, field="id")
            by_id[record.id] = record
        self._init(items, by_id)

    def _init(self, records: tuple[Defector, ...], by_id: dict[str, Defector]) -> None:
        object.__setattr__(self, "_records", records)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_search_index", None)

    @classmethod
    def _of(cls, records: Iterable[Defector]) -> Dataset:
        """Return a dataset of records taken from a dataset: known valid, ids unique."""
        items = tuple(records)
        self = object.__new__(cls)
        self._init(items, {r.id: r for r in items})
        return self

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: a dataset cannot be changed."""
        msg = f"cannot assign to {name!r}: a Dataset cannot be changed"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        """Refuse: a dataset cannot be changed."""
        msg = f"cannot delete {name!r}: a Dataset cannot be changed"
        raise AttributeError(msg)

    # -- Sequence protocol -------------------------------------------------------------

    def __len__(self) -> int:
        """Return the number of records."""
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> Defector: ...
    @overload
    def __getitem__(self, index: slice) -> Dataset: ...
    def __getitem__(self, index: int | slice) -> Defector | Dataset:
        """
        Return the record at *index*, or a :class:`Dataset` of a slice.

        Raises:
            IndexError: *index* is out of range.
            TypeError: *index* is neither an int nor a slice.
        """
        if isinstance(index, slice):
            return Dataset._of(self._records[index])
        return self._records[index]

    def __iter__(self) -> Iterator[Defector]:
        """Iterate over the records in order."""
        return iter(self._records)

    def __contains__(self, item: object) -> bool:
        """Whether *item* is one of the records."""
        return isinstance(item, Defector) and self._by_id.get(item.id) == item

    def __eq__(self, other: object) -> bool:
        """Whether *other* is a :class:`Dataset` with equal records in the same order."""
        if not isinstance(other, Dataset):
            return NotImplemented
        return self._records == other._records

    def __hash__(self) -> int:
        """Hash the records, so datasets can be set members and dict keys."""
        return hash(self._records)

    def __repr__(self) -> str:
        """Return a short description: the number of records."""
        return f"<Dataset of {len(self._records)} records>"

    def __reduce__(self) -> tuple[type[Dataset], tuple[tuple[Defector, ...]]]:
        """Pickle the records only; indexes are rebuilt on unpickling."""
        return (Dataset, (self._records,))

    # -- Access ------------------------------------------------------------------------

    @property
    def ids(self) -> tuple[str, ...]:
        """The records' ids, in order."""
        return tuple(self._by_id)

    @overload
    def get(self, key: str) -> Defector: ...
    @overload
    def get(self, key: str, default: _T) -> Defector | _T: ...
    def get(self, key: str, default: object = _MISSING) -> object:
        """
        Return the record with id *key*, or whose name or other name is *key*.

        Names match case- and diacritic-insensitively (``"Ferenc Puskas"`` finds Ferenc
        Puskás); an id matches exactly and wins over a name.

        Args:
            key: An id (``"ferenc-puskas"``) or a name.
            default: Returned on a miss; without it, a miss raises.

        Returns:
            The :class:`Defector`, or *default*.

        Raises:
            UnknownDefectorError: Nothing matches and no *default* was given; the message
                offers up to three close names.
            TypeError: *key* is not a string.

        Example:
            >>> import defectors
            >>> defectors.load().get("Ferenc Puskas").year
            1956
            >>> defectors.load().get("nobody", None) is None
            True

        .. versionadded:: 0.1.0
        """
        if isinstance(key, str) and key in self._by_id:
            return self._by_id[key]
        from defectors._query import find, not_found  # noqa: PLC0415 - on first use

        found = find(self._records, self._searched(), key)
        if found is not None:
            return found
        if default is not _MISSING:
            return default
        raise not_found(self._records, key)

    # -- Queries -----------------------------------------------------------------------

    def filter(
        self,
        *,
        origin: CountryQuery | None = None,
        born_in: CountryQuery | None = None,
        destination: CountryQuery | None = None,
        year: int | None = None,
        years: tuple[int, int] | None = None,
        era: str | Era | None = None,
        sector: Sector | str | Collection[Sector | str] | None = None,
        profession: str | None = None,
        outcome: Outcome | str | None = None,
    ) -> Dataset:
        """
        Return the records every given keyword admits (keywords combine with AND).

        Args:
            origin: The state left: a name or code :func:`defectors.normalize_country`
                understands, a :class:`Country`, or a collection of those (any matches).
            born_in: Matches the birthplace's present-day country or the historical state
                its text names; same forms as *origin*.
            destination: The state whose protection was sought; same forms as *origin*.
            year: The exact year of defection.
            years: An inclusive ``(start, end)`` range of years.
            era: An era's name or :class:`Era`; a record matches when its date, or else its
                year, overlaps the era.
            sector: A :class:`Sector` or its name (``"sport"``), or a collection (any matches).
            profession: Text the profession contains, case- and diacritic-insensitively.
            outcome: An :class:`Outcome` or its value (``"attempted"``).

        Returns:
            A new :class:`Dataset`, in this dataset's order.

        Raises:
            UnknownCountryError: A country names nothing known.
            CountryQueryError: *origin* is not one of the eight origin states (a query for a
                state also matches the earlier states it continues: see the countries guide).
            UnknownEraError: *era* names no era.
            UnknownSectorError: *sector* names no sector.
            ValueError: *years* is reversed, *outcome* is unknown, or a collection is empty.
            TypeError: A keyword is unknown or has the wrong type.

        Example:
            >>> import defectors
            >>> hungarians = defectors.load().filter(origin="Hungary", years=(1950, 1960))
            >>> sorted({d.destination.name for d in hungarians if d.destination})[:3]
            ['Australia', 'Austria', 'Germany']

        .. versionadded:: 0.1.0
        """
        from defectors._query import predicates  # noqa: PLC0415 - on first use

        tests = predicates(
            origin=origin,
            born_in=born_in,
            destination=destination,
            year=year,
            years=years,
            era=era,
            sector=sector,
            profession=profession,
            outcome=outcome,
        )
        kept: Iterable[Defector] = self._records
        for test in tests:
            kept = [r for r in kept if test(r)]
        return Dataset._of(kept)

    def search(self, text: str) -> Dataset:
        """
        Return the records whose name, other names, profession or summary hold every word.

        Matching folds case and diacritics, including letters Unicode does not decompose
        (ł, ø, đ, ß): ``"milosz"`` finds Czesław Miłosz. Records whose names hold every
        word come first, then the others, each in this dataset's order.

        Args:
            text: One or more words.

        Returns:
            A new :class:`Dataset` in rank order.

        Raises:
            ValueError: *text* has no words.
            TypeError: *text* is not a string.

        Example:
            >>> import defectors
            >>> [d.name for d in defectors.load().search("swiatlo")]
            ['Józef Światło']

        .. versionadded:: 0.1.0
        """
        from defectors._query import rank_search  # noqa: PLC0415 - on first use

        return Dataset._of(rank_search(self._records, self._searched(), text))

    def _searched(self) -> tuple[tuple[str, str], ...]:
        """Return the folded text of every record that :meth:`search` looks in, built once."""
        index = self._search_index
        if index is None:
            with _INDEX_LOCK:
                index = self._search_index
                if index is None:
                    from defectors._query import haystacks  # noqa: PLC0415 - on first use

                    index = tuple(map(haystacks, self._records))
                    object.__setattr__(self, "_search_index", index)
        return index

    def sorted_by(self, field: Field, *, reverse: bool = False) -> Dataset:
        """
        Return the records ordered by *field*, keeping this order among equal keys.

        Countries sort by name, eras by start date, and records with no value (``None``)
        come last in either direction. For ``"sector"`` a record sorts by its first sector.

        Args:
            field: One of ``origin``, ``destination``, ``sector``, ``decade``, ``era``,
                ``year`` and ``birth_country``.
            reverse: Sort in descending order.

        Returns:
            A new :class:`Dataset`.

        Raises:
            ValueError: *field* is not one of those.
            TypeError: *reverse* is not a bool.

        .. versionadded:: 0.1.0
        """
        from defectors._query import key_of, order_of  # noqa: PLC0415 - on first use

        if not isinstance(reverse, bool):
            msg = f"reverse must be True or False, not {type(reverse).__name__}"
            raise TypeError(msg)
        single = key_of(field) or _first_sector
        keyed = [(order_of(single(r)), r) for r in self._records]
        known = [(key, r) for key, r in keyed if key[0] == 0]
        unknown = [r for key, r in keyed if key[0] == 1]
        known.sort(key=_first, reverse=reverse)
        return Dataset._of([*(r for _, r in known), *unknown])

    def group_by(self, field: Field) -> dict[Hashable, Dataset]:
        """
        Return the records grouped by *field*, as a new dict of key to :class:`Dataset`.

        Keys are :class:`Country` for ``origin``, ``destination`` and ``birth_country``,
        :class:`Sector` for ``sector``, :class:`Era` for ``era`` (the record's own era in the
        ``soviet-leaders`` scheme, see :func:`defectors.record_era`), and ints for ``year``
        and ``decade`` (``1950``). ``None`` is a real key for records with no value, sorted
        last. For single-valued fields the groups partition the dataset; for ``sector`` a
        record appears once under each of its sectors (and under ``None`` if it has none).

        Args:
            field: As for :meth:`sorted_by`.

        Returns:
            A dict ordered by key (countries by name, eras by start date, ``None`` last).

        Raises:
            ValueError: *field* is not a known field.

        Example:
            >>> import defectors
            >>> groups = defectors.load().filter(years=(1920, 1939)).group_by("decade")
            >>> [(decade, len(ds)) for decade, ds in groups.items()]
            [(1920, 2), (1930, 9)]

        .. versionadded:: 0.1.0
        """
        from defectors._query import key_of, order_of  # noqa: PLC0415 - on first use

        single = key_of(field)
        buckets: dict[Hashable, list[Defector]] = {}
        for record in self._records:
            for key in (single(record),) if single is not None else record.sectors or (None,):
                bucket = buckets.get(key)
                if bucket is None:
                    buckets[key] = [record]
                else:
                    bucket.append(record)
        return {key: Dataset._of(buckets[key]) for key in sorted(buckets, key=order_of)}

    def count_by(self, field: Field) -> dict[Hashable, int]:
        """
        Return how many records fall under each key of *field*, largest first.

        Counts agree with :meth:`group_by`: ``count_by(f)[k] == len(group_by(f)[k])``. Ties
        keep :meth:`group_by`'s key order, so ``None`` comes last among equals.

        Args:
            field: As for :meth:`sorted_by`.

        Returns:
            A new dict of key to count.

        Raises:
            ValueError: *field* is not a known field.

        Example:
            >>> import defectors
            >>> early = defectors.load().filter(years=(1917, 1960))
            >>> next(iter(early.count_by("origin").items()))
            (Country(key='SUHH', name='Soviet Union'), 27)

        .. versionadded:: 0.1.0
        """
        from defectors._query import key_of, order_of  # noqa: PLC0415 - on first use

        single = key_of(field)
        if single is not None:
            counts = Counter(map(single, self._records))
        else:
            counts = Counter(chain.from_iterable(r.sectors or (None,) for r in self._records))
        in_key_order = sorted(counts.items(), key=lambda item: order_of(item[0]))
        return dict(sorted(in_key_order, key=lambda item: -item[1]))

    def merge(
        self, other: Dataset, *, on_conflict: Literal["error", "ours", "theirs"] = "error"
    ) -> Dataset:
        """
        Return this dataset combined with *other*, to add or correct records.

        The result holds this dataset's records in order, then *other*'s records whose ids
        are new, in *other*'s order. A record of *other* whose id is already here and which
        differs from ours is a conflict, settled by *on_conflict*. Equal records are not
        conflicts, so ``ds.merge(ds) == ds``.

        Args:
            other: The records to add.
            on_conflict: ``"error"`` to raise, ``"ours"`` to keep this dataset's record,
                ``"theirs"`` to take *other*'s record in its place.

        Returns:
            A new :class:`Dataset`.

        Raises:
            DatasetError: A conflict, when *on_conflict* is ``"error"``.
            ValueError: *on_conflict* is not one of the three values.
            TypeError: *other* is not a :class:`Dataset`.

        .. versionadded:: 0.1.0
        """
        if not isinstance(other, Dataset):
            msg = f"merge() takes a Dataset, not {type(other).__name__}"
            raise TypeError(msg)
        if on_conflict not in ("error", "ours", "theirs"):
            msg = f"on_conflict must be 'error', 'ours' or 'theirs', not {quote(on_conflict)}"
            raise ValueError(msg)
        records = list(self._records)
        for index, record in enumerate(records):
            theirs = other._by_id.get(record.id)
            if theirs is None or theirs == record:
                continue
            if on_conflict == "error":
                raise DatasetError(
                    "the other dataset has a different record with this id; "
                    "pass on_conflict='ours' or 'theirs' to choose",
                    record_id=record.id,
                )
            if on_conflict == "theirs":
                records[index] = theirs
        records.extend(r for r in other._records if r.id not in self._by_id)
        return Dataset(records)

    # -- Exports -----------------------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """
        Return the records as new JSON-ready dicts (the form :func:`load` reads back).

        The result is a fresh copy: changing it changes nothing in the dataset.

        Returns:
            A list of dicts with the fields of :class:`Defector`.
        """
        unstructure = _reader().unstructure
        return [unstructure(r) for r in self._records]

    def to_json(self, *, indent: int | None = 2) -> str:
        """
        Return the records as a JSON array, the form :func:`load` reads back.

        Args:
            indent: Spaces to indent by, from 0 to 32, as for :func:`json.dumps`; ``None`` for
                one line.

        Returns:
            The JSON text, ending in a newline.

        Raises:
            TypeError: *indent* is neither an int nor ``None``.
            ValueError: *indent* is outside 0 to 32.
        """
        if indent is not None:
            if type(indent) is not int:
                msg = f"indent must be an int or None, not {type(indent).__name__}"
                raise TypeError(msg)
            if not 0 <= indent <= _MAX_INDENT:
                msg = f"indent must be from 0 to {_MAX_INDENT}, not {quote(indent)}"
                raise ValueError(msg)
        return json.dumps(self.to_records(), indent=indent, ensure_ascii=False) + "\n"

    def to_jsonl(self) -> str:
        """
        Return the records as JSON Lines: one JSON object a line.

        Returns:
            The text, each line ending in a newline; empty for an empty dataset.
        """
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in self.to_records())

    def to_flat_records(self) -> list[dict[str, str]]:
        """
        Return the records as flat rows of strings, the columns of :meth:`to_csv`.

        The columns are documented in the dataset card and ``datapackage.json``: one key and
        one name column for each country, several values joined by ``"; "``, ``""`` for a
        missing value.

        Returns:
            A list of new dicts, one a record.
        """
        from defectors._flat import flat_row  # noqa: PLC0415 - on first use

        return [flat_row(r) for r in self._records]

    def to_csv(self) -> str:
        """
        Return the records as CSV text with a header row (the flat columns).

        Returns:
            RFC 4180 CSV text.
        """
        from defectors._flat import to_csv  # noqa: PLC0415 - csv is imported on first use

        return to_csv(self._records)

    def to_pandas(self) -> pd.DataFrame:
        """
        Return the records as a pandas DataFrame with the flat columns of :meth:`to_csv`.

        ``year`` is an integer column, ``date`` a datetime column (``NaT`` where unknown), and
        a missing text value is missing to pandas (``pandas.isna()`` is true for it: ``None``
        in pandas 2's object columns, ``NaN`` in pandas 3's string columns).

        Returns:
            A new :class:`pandas.DataFrame`, one row a record.

        Raises:
            ImportError: pandas is not installed; install the ``pandas`` extra
                (``pip install "defectors[pandas]"``).

        .. versionadded:: 0.1.0
        """
        try:
            import pandas as pd  # noqa: PLC0415 - optional and heavy: imported on first use
        except ImportError as exc:
            msg = (
                "Dataset.to_pandas() needs pandas: install it with "
                "'pip install \"defectors[pandas]\"'"
            )
            raise ImportError(msg) from exc
        from defectors._flat import FLAT_COLUMNS  # noqa: PLC0415 - on first use

        columns = [name for name, _ in FLAT_COLUMNS]
        rows = [
            {k: (v if v != "" else None) for k, v in row.items()} for row in self.to_flat_records()
        ]
        frame: pd.DataFrame = pd.DataFrame(rows, columns=columns)
        frame["year"] = frame["year"].astype("int64")
        frame["date"] = pd.to_datetime(frame["date"])
        return frame


def _first_sector(record: Defector) -> Sector | None:
    return record.sectors[0] if record.sectors else None


def _first(item: tuple[tuple[int, Any], Defector]) -> Any:  # noqa: ANN401 - any sort key
    return item[0]


def _leaves(exc: BaseException, path: str = "$") -> Iterator[tuple[str, BaseException]]:
    """Walk a cattrs validation error down to its causes, with the path of each."""
    import cattrs  # noqa: PLC0415 - only for a malformed record

    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        yield path, exc
    elif isinstance(exc, cattrs.BaseValidationError):
        subs = cast("Sequence[BaseException]", exc.exceptions)  # pyright: ignore[reportUnknownMemberType]
        for sub in subs:
            step = ""
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, cattrs.AttributeValidationNote):
                    step = f".{note.name}"
                elif isinstance(note, cattrs.IterableValidationNote):
                    step = f"[{note.index}]"
            yield from _leaves(sub, path + step)
    else:
        yield path, exc


def _message(exc: BaseException) -> str:
    import cattrs  # noqa: PLC0415 - only for a malformed record

    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(quote(f) for f in sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    return str(exc)


def _field_of(path: str, exc: BaseException) -> str | None:
    """Name the record's field an error is about: from its path, or the attrs validator."""
    match = _PATH_FIELD.match(path)
    if match:
        return match.group(1)
    field = getattr(exc, "field", None)
    if isinstance(field, str):
        return field
    # attrs' own validators raise TypeError(message, attribute, expected, value).
    args: tuple[object, ...] = getattr(exc, "args", ())
    attribute = args[1] if len(args) > 1 else None
    if isinstance(attribute, attrs.Attribute):
        return str(attribute.name)
    return None


def _describe(exc: BaseException) -> tuple[str, str | None]:
    """Return a one-line message and the first field at fault for a structuring error."""
    leaves = list(_leaves(exc))
    message = "; ".join(f"{_message(e)} @ {p}" if p != "$" else _message(e) for p, e in leaves)
    fields = [_field_of(p, e) for p, e in leaves]
    return message, next((f for f in fields if f is not None), None)


def _structure(rows: list[Any]) -> Dataset:
    records: list[Defector] = []
    append = records.append
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise DatasetError(f"expected a JSON object, not {type(row).__name__}", index=index)
        try:
            record = structure_defector(row)  # pyright: ignore[reportUnknownArgumentType]
        except (ValueError, TypeError, LookupError):
            record = _explain(row, index)  # pyright: ignore[reportUnknownArgumentType]
        append(record)
    return Dataset(records)


def _explain(row: dict[str, Any], index: int) -> Defector:
    """
    Read a row the fast path refused with the converter, to raise an error naming the field.

    The two accept the same rows (the test suite checks it), so this raises; were they ever
    to disagree, the converter's reading is the documented one and is returned.
    """
    import cattrs  # noqa: PLC0415 - only for a malformed record

    raw_id = row.get("id")
    record_id = raw_id if isinstance(raw_id, str) else None
    try:
        record: Defector = _reader().structure(row, Defector)
    except (cattrs.BaseValidationError, ValueError, TypeError, LookupError) as exc:
        message, field = _describe(exc)
        raise DatasetError(message, index=index, record_id=record_id, field=field) from exc
    return record  # pragma: no cover - the two agree (a Hypothesis test checks it)


def _parse(text: str, origin: str) -> list[Any]:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
            raise DatasetError(f"{origin} is not valid JSON: {exc}") from exc
        except RecursionError:
            raise DatasetError(f"{origin} nests arrays or objects too deeply") from None
        if not isinstance(data, list):  # pragma: no cover - a "[" text parses to a list
            raise DatasetError(f"{origin} must hold a JSON array of records")
        return cast("list[Any]", data)  # type: ignore[redundant-cast] # for pyright
    rows: list[Any] = []
    # Lines end at "\n" only: str.splitlines() would also split at U+2028, U+2029 and U+0085,
    # which to_jsonl() leaves unescaped inside strings (a trailing "\r" is JSON whitespace).
    for number, line in enumerate(stripped.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
            raise DatasetError(
                f"{origin} is neither a JSON array nor JSON Lines (line {number}: {exc})"
            ) from exc
        except RecursionError:
            raise DatasetError(
                f"{origin} line {number} nests arrays or objects too deeply"
            ) from None
    return rows


@once
def _bundled() -> Dataset:
    text = read_text("defectors.json")
    return _structure(_parse(text, "the bundled data file"))


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """
    Return the bundled dataset, or the records of a JSON file.

    Without *path*, returns the dataset shipped with the package, read from package data on
    the first call (offline) and the very same object on every later call; it is safe for
    many threads to make the first call at once.

    With *path*, reads a file in the form :meth:`Dataset.to_json` writes (a JSON array of
    records) or :meth:`Dataset.to_jsonl` writes (JSON Lines), so you can keep your own
    additions or corrections in a file.

    Args:
        path: A file to read; ``None`` for the bundled data.

    Returns:
        A :class:`Dataset`.

    Raises:
        DatasetError: The file is not JSON, not an array of records, a record is malformed
            (the message names the record's index, its id and the field), or two records
            share an id.
        FileNotFoundError: *path* does not exist; other :class:`OSError`: it cannot be read
            (a name too long for the system is quoted cut short).
        ValueError: *path* cannot be a file name (it holds a NUL character or a lone
            surrogate).
        TypeError: *path* is not a string or path.

    Example:
        >>> import defectors
        >>> ds = defectors.load()
        >>> ds is defectors.load()
        True
        >>> ds[0].name
        'George Balanchine'

    .. versionadded:: 0.1.0
    """
    if path is None:
        return _bundled()
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path must be a str or os.PathLike, not {type(path).__name__}"
        raise TypeError(msg)
    name = quote(os.fspath(path))
    try:
        with open(path, encoding="utf-8") as handle:  # noqa: PTH123 - accepts str or PathLike
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{name} is not UTF-8 text: {exc}") from exc
    except ValueError as exc:  # open() refuses a NUL character or a lone surrogate
        msg = f"{name} cannot be a file name: {exc}"
        raise ValueError(msg) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            # Refused for its length alone: say so without repeating the whole name. Any
            # other OSError (a missing file, say) goes up unchanged, filename and all.
            raise OSError(exc.errno, exc.strerror, name) from exc
        raise
    return _structure(_parse(text, name))


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


@overload
def get(key: str) -> Defector: ...
@overload
def get(key: str, default: _T) -> Defector | _T: ...
def get(key: str, default: object = _MISSING) -> object:
    """
    Return the bundled record with id *key*, or whose name or other name is *key*.

    The same as ``defectors.load().get(key, default)``; see :meth:`Dataset.get`.

    Args:
        key: An id or a name (case- and diacritic-insensitive).
        default: Returned on a miss; without it, a miss raises.

    Returns:
        The :class:`Defector`, or *default*.

    Raises:
        UnknownDefectorError: Nothing matches and no *default* was given.
        TypeError: *key* is not a string.

    Example:
        >>> import defectors
        >>> defectors.get("milosz", None) is None
        True
        >>> defectors.get("Czeslaw Milosz").id
        'czeslaw-milosz'

    .. versionadded:: 0.1.0
    """
    return load().get(key, default)
