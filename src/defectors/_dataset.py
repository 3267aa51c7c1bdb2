"""
The immutable :class:`Dataset`: a collection of records and its queries.

Reading and writing file formats lives apart: JSON in :mod:`defectors._json`, the flat table
(CSV) in :mod:`defectors._flat`, pandas in :mod:`defectors._pandas`; loading files in
:mod:`defectors._load`; the data's provenance in :mod:`defectors._metadata`. The export
methods here only hand the records to those modules.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, overload

from defectors._countries import MISSING as _MISSING
from defectors._model import (
    Confidence,
    Country,
    Defector,
    Outcome,
    Provenance,
    Sector,
    SourceKind,
)
from defectors.exceptions import DatasetError, InvalidArgumentError, quote

if TYPE_CHECKING:
    # Imported on first use, not with the package (see ``defectors.__init__``); queries
    # and exports pull them in when they are needed.
    import pandas as pd

    from defectors._eras import Era
    from defectors._types import (
        CountryField,
        CountryQuery,
        EraField,
        Field,
        IntField,
        OptionalCountryField,
        ProvenanceField,
        SectorField,
    )

_T = TypeVar("_T")


__all__ = ["Dataset"]

#: Guards building a dataset's search index, once even when many threads search at once.
_INDEX_LOCK: Final = threading.Lock()


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
        if hasattr(self, "_records"):  # load()'s dataset is shared: it must never change
            raise TypeError("a Dataset is immutable: __init__ cannot run again")
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
        msg = f"cannot assign to {quote(name)}: a Dataset cannot be changed"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        """Refuse: a dataset cannot be changed."""
        msg = f"cannot delete {quote(name)}: a Dataset cannot be changed"
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
        raise not_found(self._records, self._searched(), key)

    # -- Queries -----------------------------------------------------------------------

    def filter(
        self,
        *,
        origin: CountryQuery | None = None,
        born_in: CountryQuery | None = None,
        destination: CountryQuery | None = None,
        year: int | None = None,
        years: tuple[int | None, int | None] | None = None,
        between: tuple[dt.date | None, dt.date | None] | None = None,
        era: str | Era | None = None,
        sector: Sector | str | Collection[Sector | str] | None = None,
        profession: str | None = None,
        outcome: Outcome | str | Collection[Outcome | str] | None = None,
        confidence: Confidence | str | Collection[Confidence | str] | None = None,
        provenance: Provenance | str | Collection[Provenance | str] | None = None,
        source_kind: SourceKind | str | Collection[SourceKind | str] | None = None,
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
            years: An inclusive ``(start, end)`` range of years; either end may be ``None``
                for an open range: ``years=(1969, None)`` is 1969 and later.
            between: An inclusive ``(first, last)`` range of days (:class:`datetime.date`),
                either end ``None`` for open. A record with a date matches when the date
                lies in the range; a record with only a year, when its whole year does.
            era: An era's name or :class:`Era`; a record matches when the era is its era
                in the era's scheme, by the rule of :func:`defectors.record_era` (the same
                rule :meth:`count_by` and :meth:`group_by` use).
            sector: A :class:`Sector` or its name (``"sport"``), or a collection (any matches).
            profession: Text the profession contains, case- and diacritic-insensitively.
            outcome: An :class:`Outcome` or its value (``"attempted"``), or a collection.
            confidence: A :class:`Confidence` or its value (``"high"``), or a collection;
                records without a grade never match.
            provenance: A :class:`Provenance` or its value (``"wikipedia-list"``,
                ``"research-1961-1991"``, ``"later-research"``), or a collection: which
                collection of the bundled data a record belongs to.
            source_kind: A :class:`SourceKind` or its value (``"news"``), or a collection:
                a record matches when at least one of its sources is of such a kind.

        Returns:
            A new :class:`Dataset`, in this dataset's order.

        Raises:
            UnknownCountryError: A country names nothing known.
            CountryQueryError: *origin* is not one of the eight origin states (a query for a
                state also matches the earlier states it continues: see the countries guide).
            UnknownEraError: *era* names no era.
            UnknownSectorError: *sector* names no sector.
            ValueError: A range is reversed, an *outcome*, *confidence*, *provenance* or
                *source_kind* is unknown, or a collection is empty.
            TypeError: A keyword is unknown or has the wrong type.

        Example:
            >>> import defectors
            >>> ds = defectors.load().filter(provenance="wikipedia-list")
            >>> hungarians = ds.filter(origin="Hungary", years=(1950, 1960))
            >>> sorted({d.destination.name for d in hungarians if d.destination})[:3]
            ['Australia', 'Austria', 'Germany']
            >>> len(defectors.load().filter(years=(1985, None), confidence="high")) > 0
            True

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           Open *years* ranges, and the *between*, *confidence*, *provenance* and
           *source_kind* keywords;
           *era* follows :func:`defectors.record_era`.
        """
        from defectors._query import predicates  # noqa: PLC0415 - on first use

        tests = predicates(
            origin=origin,
            born_in=born_in,
            destination=destination,
            year=year,
            years=years,
            between=between,
            era=era,
            sector=sector,
            profession=profession,
            outcome=outcome,
            confidence=confidence,
            provenance=provenance,
            source_kind=source_kind,
        )
        kept: Iterable[Defector] = self._records
        for test in tests:
            kept = [r for r in kept if test(r)]
        return Dataset._of(kept)

    def search(self, text: str, *, fuzzy: bool = False) -> Dataset:
        """
        Return the records whose name, other names, profession or summary hold every word.

        Matching folds case and diacritics, including letters Unicode does not decompose
        (ł, ø, đ, ß): ``"milosz"`` finds Czesław Miłosz. Records whose names hold every
        word come first, then the others, each in this dataset's order.

        With *fuzzy*, only names and other names are searched (not professions or
        summaries), words are split at hyphens and other punctuation too, and a word matches
        a name's word written another way: transliterations of Cyrillic and their German,
        Polish and French spellings (``"Nuriev"``, ``"Nurejew"``, ``"Noureev"`` and
        ``"Нуреев"`` all find Rudolf Nureyev), or a letter or two off. Spellings are compared
        by a key that removes those differences (``"Max"`` becomes ``"maks"``): a key of
        fewer than four letters must match exactly, and one of four or more also matches the
        start of a name (``"Vlad"`` finds every Vladimir and Vladislav). The closest records
        come first.

        Args:
            text: One or more words.
            fuzzy: Match names by spelling-insensitive similarity instead of substrings.

        Returns:
            A new :class:`Dataset` in rank order.

        Raises:
            InvalidArgumentError: *text* has no words (a :class:`ValueError`).
            TypeError: *text* is not a string, or *fuzzy* is not a bool.

        Example:
            >>> import defectors
            >>> [d.name for d in defectors.load().search("swiatlo")]
            ['Józef Światło']
            >>> [d.name for d in defectors.load().search("Baryschnikow", fuzzy=True)]
            ['Mikhail Baryshnikov']

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           Added *fuzzy*.
        """
        from defectors._query import fuzzy_search, rank_search  # noqa: PLC0415 - on first use

        if not isinstance(fuzzy, bool):
            msg = f"fuzzy must be a bool, not {type(fuzzy).__name__}"
            raise TypeError(msg)
        search = fuzzy_search if fuzzy else rank_search
        return Dataset._of(search(self._records, self._searched(), text))

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

    def sorted_by(
        self, field: Field, *, reverse: bool = False, scheme: str = "soviet-leaders"
    ) -> Dataset:
        """
        Return the records ordered by *field*, keeping this order among equal keys.

        Countries sort by name, eras by start date, and records with no value (``None``)
        come last in either direction. For ``"sector"`` a record sorts by its first sector.

        Args:
            field: One of the :data:`Field` names: ``origin``, ``destination``,
                ``birth_country``, ``sector``, ``era``, ``year``, ``decade`` and
                ``provenance``.
            reverse: Sort in descending order.
            scheme: The era scheme, for ``"era"`` (see :func:`defectors.record_era`).

        Returns:
            A new :class:`Dataset`.

        Raises:
            ValueError: *field* is not one of those.
            UnknownEraError: *scheme* is unknown.
            TypeError: *reverse* is not a bool.

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           The *scheme* keyword and the ``provenance`` field.
        """
        from defectors._query import key_of, order_of  # noqa: PLC0415 - on first use

        if not isinstance(reverse, bool):
            msg = f"reverse must be True or False, not {type(reverse).__name__}"
            raise TypeError(msg)
        single = key_of(field, scheme) or _first_sector
        keyed = [(order_of(single(r)), r) for r in self._records]
        known = [(key, r) for key, r in keyed if key[0] == 0]
        unknown = [r for key, r in keyed if key[0] == 1]
        known.sort(key=_first, reverse=reverse)
        return Dataset._of([*(r for _, r in known), *unknown])

    @overload
    def group_by(self, field: CountryField, *, scheme: str = ...) -> dict[Country, Dataset]: ...
    @overload
    def group_by(
        self, field: OptionalCountryField, *, scheme: str = ...
    ) -> dict[Country | None, Dataset]: ...
    @overload
    def group_by(
        self, field: SectorField, *, scheme: str = ...
    ) -> dict[Sector | None, Dataset]: ...
    @overload
    def group_by(self, field: EraField, *, scheme: str = ...) -> dict[Era | None, Dataset]: ...
    @overload
    def group_by(self, field: IntField, *, scheme: str = ...) -> dict[int, Dataset]: ...
    @overload
    def group_by(
        self, field: ProvenanceField, *, scheme: str = ...
    ) -> dict[Provenance | None, Dataset]: ...
    @overload
    def group_by(self, field: Field, *, scheme: str = ...) -> dict[Any, Dataset]: ...
    def group_by(self, field: Field, *, scheme: str = "soviet-leaders") -> dict[Any, Dataset]:
        """
        Return the records grouped by *field*, as a new dict of key to :class:`Dataset`.

        Keys are :class:`Country` for ``origin``, ``destination`` and ``birth_country``,
        :class:`Sector` for ``sector``, :class:`Era` for ``era`` (the record's era in
        *scheme*, see :func:`defectors.record_era`), :class:`Provenance` for
        ``provenance``, and ints for ``year`` and ``decade`` (``1950``). ``None`` is a real
        key for records with no value, sorted last. Type checkers see the key type that
        follows from the field (``dict[Country, Dataset]`` for ``"origin"``). For
        single-valued fields the groups partition the dataset; for ``sector`` a record
        appears once under each of its sectors (and under ``None`` if it has none).

        Args:
            field: As for :meth:`sorted_by`.
            scheme: The era scheme, for ``"era"``.

        Returns:
            A dict ordered by key (countries by name, eras by start date, ``None`` last).

        Raises:
            ValueError: *field* is not a known field.
            UnknownEraError: *scheme* is unknown.

        Example:
            >>> import defectors
            >>> listed = defectors.load().filter(provenance="wikipedia-list")
            >>> groups = listed.filter(years=(1920, 1939)).group_by("decade")
            >>> [(decade, len(ds)) for decade, ds in groups.items()]
            [(1920, 2), (1930, 9)]

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           The *scheme* keyword and the ``provenance`` field.
        """
        from defectors._query import order_of  # noqa: PLC0415 - on first use

        buckets: dict[Hashable, list[Defector]] = {}
        for record, key in self._keyed(field, scheme):
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [record]
            else:
                bucket.append(record)
        return {key: Dataset._of(buckets[key]) for key in sorted(buckets, key=order_of)}

    def _keyed(self, field: Field, scheme: str) -> Iterator[tuple[Defector, Hashable]]:
        """Yield each record with each of its keys for *field* (several for sectors)."""
        keys = _keys_of(field, scheme)
        for record in self._records:
            for key in keys(record):
                yield record, key

    @overload
    def count_by(
        self, field: CountryField, by: None = None, *, scheme: str = ...
    ) -> dict[Country, int]: ...
    @overload
    def count_by(
        self, field: OptionalCountryField, by: None = None, *, scheme: str = ...
    ) -> dict[Country | None, int]: ...
    @overload
    def count_by(
        self, field: SectorField, by: None = None, *, scheme: str = ...
    ) -> dict[Sector | None, int]: ...
    @overload
    def count_by(
        self, field: EraField, by: None = None, *, scheme: str = ...
    ) -> dict[Era | None, int]: ...
    @overload
    def count_by(
        self, field: IntField, by: None = None, *, scheme: str = ...
    ) -> dict[int, int]: ...
    @overload
    def count_by(
        self, field: ProvenanceField, by: None = None, *, scheme: str = ...
    ) -> dict[Provenance | None, int]: ...
    @overload
    def count_by(
        self, field: CountryField, by: CountryField, *, scheme: str = ...
    ) -> dict[Country, dict[Country, int]]: ...
    @overload
    def count_by(
        self, field: CountryField, by: OptionalCountryField, *, scheme: str = ...
    ) -> dict[Country, dict[Country | None, int]]: ...
    @overload
    def count_by(
        self, field: CountryField, by: SectorField, *, scheme: str = ...
    ) -> dict[Country, dict[Sector | None, int]]: ...
    @overload
    def count_by(
        self, field: CountryField, by: EraField, *, scheme: str = ...
    ) -> dict[Country, dict[Era | None, int]]: ...
    @overload
    def count_by(
        self, field: CountryField, by: IntField, *, scheme: str = ...
    ) -> dict[Country, dict[int, int]]: ...
    @overload
    def count_by(
        self, field: CountryField, by: ProvenanceField, *, scheme: str = ...
    ) -> dict[Country, dict[Provenance | None, int]]: ...
    @overload
    def count_by(
        self, field: OptionalCountryField, by: CountryField, *, scheme: str = ...
    ) -> dict[Country | None, dict[Country, int]]: ...
    @overload
    def count_by(
        self, field: OptionalCountryField, by: OptionalCountryField, *, scheme: str = ...
    ) -> dict[Country | None, dict[Country | None, int]]: ...
    @overload
    def count_by(
        self, field: OptionalCountryField, by: SectorField, *, scheme: str = ...
    ) -> dict[Country | None, dict[Sector | None, int]]: ...
    @overload
    def count_by(
        self, field: OptionalCountryField, by: EraField, *, scheme: str = ...
    ) -> dict[Country | None, dict[Era | None, int]]: ...
    @overload
    def count_by(
        self, field: OptionalCountryField, by: IntField, *, scheme: str = ...
    ) -> dict[Country | None, dict[int, int]]: ...
    @overload
    def count_by(
        self, field: OptionalCountryField, by: ProvenanceField, *, scheme: str = ...
    ) -> dict[Country | None, dict[Provenance | None, int]]: ...
    @overload
    def count_by(
        self, field: SectorField, by: CountryField, *, scheme: str = ...
    ) -> dict[Sector | None, dict[Country, int]]: ...
    @overload
    def count_by(
        self, field: SectorField, by: OptionalCountryField, *, scheme: str = ...
    ) -> dict[Sector | None, dict[Country | None, int]]: ...
    @overload
    def count_by(
        self, field: SectorField, by: SectorField, *, scheme: str = ...
    ) -> dict[Sector | None, dict[Sector | None, int]]: ...
    @overload
    def count_by(
        self, field: SectorField, by: EraField, *, scheme: str = ...
    ) -> dict[Sector | None, dict[Era | None, int]]: ...
    @overload
    def count_by(
        self, field: SectorField, by: IntField, *, scheme: str = ...
    ) -> dict[Sector | None, dict[int, int]]: ...
    @overload
    def count_by(
        self, field: SectorField, by: ProvenanceField, *, scheme: str = ...
    ) -> dict[Sector | None, dict[Provenance | None, int]]: ...
    @overload
    def count_by(
        self, field: EraField, by: CountryField, *, scheme: str = ...
    ) -> dict[Era | None, dict[Country, int]]: ...
    @overload
    def count_by(
        self, field: EraField, by: OptionalCountryField, *, scheme: str = ...
    ) -> dict[Era | None, dict[Country | None, int]]: ...
    @overload
    def count_by(
        self, field: EraField, by: SectorField, *, scheme: str = ...
    ) -> dict[Era | None, dict[Sector | None, int]]: ...
    @overload
    def count_by(
        self, field: EraField, by: EraField, *, scheme: str = ...
    ) -> dict[Era | None, dict[Era | None, int]]: ...
    @overload
    def count_by(
        self, field: EraField, by: IntField, *, scheme: str = ...
    ) -> dict[Era | None, dict[int, int]]: ...
    @overload
    def count_by(
        self, field: EraField, by: ProvenanceField, *, scheme: str = ...
    ) -> dict[Era | None, dict[Provenance | None, int]]: ...
    @overload
    def count_by(
        self, field: IntField, by: CountryField, *, scheme: str = ...
    ) -> dict[int, dict[Country, int]]: ...
    @overload
    def count_by(
        self, field: IntField, by: OptionalCountryField, *, scheme: str = ...
    ) -> dict[int, dict[Country | None, int]]: ...
    @overload
    def count_by(
        self, field: IntField, by: SectorField, *, scheme: str = ...
    ) -> dict[int, dict[Sector | None, int]]: ...
    @overload
    def count_by(
        self, field: IntField, by: EraField, *, scheme: str = ...
    ) -> dict[int, dict[Era | None, int]]: ...
    @overload
    def count_by(
        self, field: IntField, by: IntField, *, scheme: str = ...
    ) -> dict[int, dict[int, int]]: ...
    @overload
    def count_by(
        self, field: IntField, by: ProvenanceField, *, scheme: str = ...
    ) -> dict[int, dict[Provenance | None, int]]: ...
    @overload
    def count_by(
        self, field: ProvenanceField, by: CountryField, *, scheme: str = ...
    ) -> dict[Provenance | None, dict[Country, int]]: ...
    @overload
    def count_by(
        self, field: ProvenanceField, by: OptionalCountryField, *, scheme: str = ...
    ) -> dict[Provenance | None, dict[Country | None, int]]: ...
    @overload
    def count_by(
        self, field: ProvenanceField, by: SectorField, *, scheme: str = ...
    ) -> dict[Provenance | None, dict[Sector | None, int]]: ...
    @overload
    def count_by(
        self, field: ProvenanceField, by: EraField, *, scheme: str = ...
    ) -> dict[Provenance | None, dict[Era | None, int]]: ...
    @overload
    def count_by(
        self, field: ProvenanceField, by: IntField, *, scheme: str = ...
    ) -> dict[Provenance | None, dict[int, int]]: ...
    @overload
    def count_by(
        self, field: ProvenanceField, by: ProvenanceField, *, scheme: str = ...
    ) -> dict[Provenance | None, dict[Provenance | None, int]]: ...
    @overload
    def count_by(self, field: Field, by: None = None, *, scheme: str = ...) -> dict[Any, int]: ...
    @overload
    def count_by(
        self, field: Field, by: Field, *, scheme: str = ...
    ) -> dict[Any, dict[Any, int]]: ...
    def count_by(
        self, field: Field, by: Field | None = None, *, scheme: str = "soviet-leaders"
    ) -> dict[Any, Any]:
        """
        Return how many records fall under each key of *field* (and of *by*), largest first.

        With one field, a dict of key to count. Counts agree with :meth:`group_by`:
        ``count_by(f)[k] == len(group_by(f)[k])``. Ties keep :meth:`group_by`'s key order,
        so ``None`` comes last among equals.

        With two fields, a cross-table: a dict of each key of *field* (largest total first)
        to a dict of every key of *by* found in the dataset (in key order: decades in time
        order) to the count, zeros included, so every row has the same columns:
        ``count_by("origin", "decade")[country][1950]``.

        Type checkers see the key types that follow from the fields
        (``dict[Country, int]`` for ``"origin"``, ``dict[Country, dict[int, int]]`` for
        ``("origin", "decade")``).

        Args:
            field: As for :meth:`sorted_by`.
            by: A second field, for a cross-table; ``None`` for plain counts.
            scheme: The era scheme, for ``"era"`` (see :func:`defectors.record_era`).

        Returns:
            A new dict of key to count, or of key to a dict of key to count.

        Raises:
            ValueError: *field* or *by* is not a known field.
            UnknownEraError: *scheme* is unknown.

        Example:
            >>> import defectors
            >>> listed = defectors.load().filter(provenance="wikipedia-list")
            >>> next(iter(listed.count_by("origin").items()))
            (Country(key='SUHH', name='Soviet Union'), 27)
            >>> listed.count_by("origin", "decade")[defectors.get_country("HUN")]
            {1920: 0, 1930: 0, 1940: 1, 1950: 11, 1960: 0}

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           The second field *by*, the *scheme* keyword and the ``provenance`` field.
        """
        from defectors._query import order_of  # noqa: PLC0415 - on first use

        counts = Counter(key for _, key in self._keyed(field, scheme))
        in_key_order = sorted(counts.items(), key=lambda item: order_of(item[0]))
        totals = dict(sorted(in_key_order, key=lambda item: -item[1]))
        if by is None:
            return totals
        rows = _keys_of(field, scheme)
        cols = _keys_of(by, scheme)
        pairs = Counter(
            (r, c) for record in self._records for r in rows(record) for c in cols(record)
        )
        columns = sorted({c for _, c in pairs}, key=order_of)
        return {key: {c: pairs[key, c] for c in columns} for key in totals}

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
            raise InvalidArgumentError(msg)
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
        from defectors._json import to_records  # noqa: PLC0415 - on first use

        return to_records(self._records)

    @overload
    def to_json(self, path: None = None, *, indent: int | None = 2) -> str: ...
    @overload
    def to_json(self, path: str | os.PathLike[str], *, indent: int | None = 2) -> None: ...
    def to_json(
        self, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2
    ) -> str | None:
        """
        Return the records as a JSON array, the form :func:`load` reads back, or write it.

        Args:
            path: A file to write (atomically: see :meth:`to_csv`); ``None`` to return the
                text.
            indent: Spaces to indent by, from 0 to 32, as for :func:`json.dumps`; ``None`` for
                one line.

        Returns:
            The JSON text, ending in a newline; ``None`` when written to *path*.

        Raises:
            TypeError: *indent* is neither an int nor ``None``, or *path* is not a path.
            ValueError: *indent* is outside 0 to 32.
            OSError: *path* cannot be written.

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           Takes a *path* to write to.
        """
        from defectors._json import dumps_json  # noqa: PLC0415 - on first use

        return _written(path, dumps_json(self._records, indent))

    @overload
    def to_jsonl(self, path: None = None) -> str: ...
    @overload
    def to_jsonl(self, path: str | os.PathLike[str]) -> None: ...
    def to_jsonl(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """
        Return the records as JSON Lines (one JSON object a line), or write them.

        Args:
            path: A file to write (atomically: see :meth:`to_csv`); ``None`` to return the
                text.

        Returns:
            The text, each line ending in a newline (empty for an empty dataset); ``None``
            when written to *path*.

        Raises:
            TypeError: *path* is not a path.
            OSError: *path* cannot be written.

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           Takes a *path* to write to.
        """
        from defectors._json import dumps_jsonl  # noqa: PLC0415 - on first use

        return _written(path, dumps_jsonl(self._records))

    def to_flat_records(self) -> list[dict[str, str]]:
        """
        Return the records as flat rows of strings: the cells of :meth:`to_csv`.

        Returns:
            A list of new dicts of column name to cell text, one a record.

        .. versionadded:: 0.1.0
        """
        from defectors._flat import flat_row  # noqa: PLC0415 - on first use

        return [flat_row(r) for r in self._records]

    @overload
    def to_csv(self, path: None = None) -> str: ...
    @overload
    def to_csv(self, path: str | os.PathLike[str]) -> None: ...
    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        r"""
        Return the records as CSV with a header row (the flat table), or write them.

        :func:`load` reads the CSV back to an equal dataset. One row a record; the columns
        (listed on the dataset card and in ``datapackage.json``) follow the record's fields:

        - A missing value is an empty cell.
        - A country is two columns: its key (``origin_key``), which is read back, and its
          name (``origin``), written for people and ignored on reading, like ``decade``.
        - A multi-valued field (``also_known_as``, ``sectors``, ``route_keys``) holds one
          value a line within its cell. A record's sources are the ``source_*`` columns,
          line *i* of each belonging to the *i*-th source (an empty line: no value).
        - In every text value a backslash starts an escape: ``\\`` is a backslash, ``\n``
          and ``\r`` are line breaks inside one value, ``\0`` is a NUL character, and a
          cell (or line) that is just ``\e`` is the empty string. Values without
          backslashes or line breaks (nearly all) read the same in a spreadsheet as in
          Python.

        With *path*, the file is written atomically: the text goes to a temporary file in the
        same directory, which then replaces *path*, so no reader ever sees half a file.

        Args:
            path: A file to write (UTF-8); ``None`` to return the text.

        Returns:
            RFC 4180 CSV text with CRLF line ends; ``None`` when written to *path*.

        Raises:
            TypeError: *path* is not a path.
            OSError: *path* cannot be written.

        Example:
            >>> import defectors
            >>> ds = defectors.load()[:3]
            >>> import io
            >>> defectors.load(io.StringIO(ds.to_csv())) == ds
            True

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           Writes multi-valued cells one value a line with backslash escapes, so the CSV
           reads back; takes a *path* to write to.
        """
        from defectors._flat import to_csv  # noqa: PLC0415 - csv is imported on first use

        return _written(path, to_csv(self._records))

    def to_pandas(self) -> pd.DataFrame:
        """
        Return the records as a pandas DataFrame with the flat table's columns.

        The columns are those of :meth:`to_csv`, with pandas dtypes:

        - states and other countries (``origin``, ``origin_key``, ``destination``, ...),
          ``outcome`` and ``confidence`` are categorical (countries over the values present,
          enums over all their values);
        - ``year`` and ``decade`` are nullable integers (``Int64``), ``date`` is a datetime
          column (``NaT`` where the day is unknown);
        - other text is pandas' ``string`` dtype, missing values are ``pd.NA``;
        - multi-valued columns (``also_known_as``, ``sectors``, ``route_keys``, ``route`` and
          the ``source_*`` columns) hold tuples: ``df.explode("sectors")`` gives one row a
          sector.

        :meth:`from_pandas` reads the frame back to an equal dataset.

        Returns:
            A new :class:`pandas.DataFrame`, one row a record.

        Raises:
            ImportError: pandas is not installed; install the ``pandas`` extra
                (``pip install "defectors[pandas]"``).

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           Categorical, nullable-integer and string dtypes; tuples in multi-valued columns;
           the ``decade`` column.
        """
        from defectors._pandas import to_pandas  # noqa: PLC0415 - pandas on first use

        return to_pandas(self._records)

    @classmethod
    def from_pandas(cls, frame: pd.DataFrame) -> Dataset:
        """
        Return the records of a DataFrame in the shape :meth:`Dataset.to_pandas` gives.

        Reads back what :meth:`to_pandas` gives, and a frame you built in that shape: the
        required columns are ``id``, ``name``, ``year``, ``origin_key``, ``summary`` and
        ``source_url``; other columns may be left out. Cells may be missing (``None``,
        ``pd.NA``, ``NaN``, ``NaT``); multi-valued cells are tuples or lists; dates may be
        :class:`datetime.date`, timestamps at midnight or ISO 8601 strings. Country names and
        ``decade`` are derived columns and are ignored (the keys are read). Rows become
        records in the frame's order; its index is ignored.

        Args:
            frame: The DataFrame.

        Returns:
            A new :class:`Dataset`.

        Raises:
            DatasetError: A column is unknown or repeated, a required column is missing, or
                a cell is malformed (the message names the row, the id and the field).
            TypeError: *frame* is not a DataFrame.
            ImportError: pandas is not installed.

        Example:
            >>> import defectors
            >>> ds = defectors.load()
            >>> defectors.Dataset.from_pandas(ds.to_pandas()) == ds
            True

        .. versionadded:: 0.2.0
        """
        from defectors._pandas import from_pandas  # noqa: PLC0415 - pandas on first use

        return cls(from_pandas(frame))


def _written(path: str | os.PathLike[str] | None, text: str) -> str | None:
    """Return *text*, or write it to *path* and return ``None``."""
    if path is None:
        return text
    from defectors._output import write_atomically  # noqa: PLC0415 - on first use

    write_atomically(path, text)
    return None


def _keys_of(field: Field, scheme: str) -> Callable[[Defector], tuple[Hashable, ...]]:
    """Return the function giving a record's keys for *field*: one, or its sectors."""
    from defectors._query import key_of  # noqa: PLC0415 - on first use

    single = key_of(field, scheme)
    if single is None:
        return lambda r: r.sectors or (None,)
    return lambda r: (single(r),)


def _first_sector(record: Defector) -> Sector | None:
    return record.sectors[0] if record.sectors else None


def _first(item: tuple[tuple[int, Any], Defector]) -> Any:  # noqa: ANN401 - any sort key
    return item[0]
