r"""
The flat table: records as rows of one value a column, for CSV and pandas, both ways.

The columns are derived from the record classes' attrs fields, by each field's type, in one
place (:data:`COLUMNS` and :func:`_specs_for`): a new field of a type already handled (text,
an int, a date, an enum, a country, a tuple of those, an optional nested record, a tuple of
nested records) gets its columns, its CSV encoding and its pandas dtype without any other
change here. See :func:`_specs_for` for the naming rules.

A row is kept in two forms:

- *native* values (what pandas holds): ``str``, ``int``, :class:`datetime.date`, ``None``
  for a missing value, and tuples for a multi-valued column;
- *cells* (what CSV holds): text only. A missing value is an empty cell; several values are
  one line each in the cell; a backslash starts an escape in every text value (``\\`` a
  backslash, ``\n``, ``\r`` and ``\0`` a line feed, a carriage return and a NUL inside a
  value, and ``\e``
  on its own the empty string), so every record survives a round trip.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, Literal, Union

import attrs

from defectors._countries import get_country
from defectors._model import Country, Defector
from defectors._reader import structure_date, structure_enum
from defectors.exceptions import DatasetError, quote

__all__ = [
    "COLUMNS",
    "FLAT_COLUMNS",
    "Column",
    "escape",
    "flat_row",
    "from_cells",
    "native_row",
    "read_csv",
    "record_from_natives",
    "to_csv",
    "unescape",
]

#: What a value of a column is natively: text, an integer or a day.
Kind = Literal["text", "int", "date"]

#: Separates the values of a multi-valued cell: one value a line.
LINE: Final = "\n"
#: A cell, or one line of a multi-valued cell, that holds the empty string.
EMPTY: Final = "\\e"

_UNESCAPE: Final = {"\\": "\\", "n": "\n", "r": "\r", "0": "\0"}
_ESCAPE_RE: Final = re.compile(r"\\(.?)", re.DOTALL)
_INT_RE: Final = re.compile(r"-?[0-9]{1,9}", re.ASCII)


def escape(text: str) -> str:
    r"""Return *text* as a cell (or one line of one): backslash escapes, ``\\e`` for ``""``."""
    if not text:
        return EMPTY
    # NUL too: Python 3.10's csv module can neither write nor read it.
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0")


def _unescape_one(match: re.Match[str]) -> str:
    char = match.group(1)
    found = _UNESCAPE.get(char)
    if found is None:
        msg = (
            f"unknown escape {quote(match.group(0))}: a backslash must be followed by "
            "another backslash, n, r or 0 (or be \\e, the empty string, on its own)"
        )
        raise ValueError(msg)
    return found


def unescape(cell: str) -> str:
    """Return the text a non-empty cell (or one line of one) holds; see :func:`escape`."""
    if cell == EMPTY:
        return ""
    if "\\" not in cell:
        return cell
    return _ESCAPE_RE.sub(_unescape_one, cell)


@attrs.frozen
class Column:
    """
    One column of the flat table.

    Attributes:
        name: The column's name.
        kind: What each value is natively: ``"text"``, ``"int"`` or ``"date"``.
        many: Whether a cell holds a tuple of values (one a line in CSV).
        derived: Written for people (a country's name, the decade); ignored on reading.
        category: For text columns, the values it may take, when they are a small fixed set
            (an enum's values); ``()`` when open. pandas makes such columns categorical.
        country: Whether the values are country keys or names (categorical in pandas).
        required: Whether reading refuses a row without a value here.
    """

    name: str
    kind: Kind
    many: bool = False
    derived: bool = False
    category: tuple[str, ...] = ()
    country: bool = False
    required: bool = False


# -- Scalar codecs: a field's value <-> its native column value -----------------------------


@attrs.frozen
class _Scalar:
    kind: Kind
    to_native: Callable[[Any], object]
    from_native: Callable[[Any], object]
    category: tuple[str, ...] = ()
    country: bool = False


def _same(value: object) -> object:
    """
    Return *value*: a native str, int or date is the field's value itself.

    Both readers give natives of the column's kind (text, int or date), checked as they read
    a cell, and the record classes' validators check them again.
    """
    return value


#: The scalar codecs of the native kinds.
_NATIVE: Final[dict[object, Kind]] = {str: "text", int: "int", dt.date: "date"}


def _scalar(tp: object) -> _Scalar:
    native = _NATIVE.get(tp)
    if native is not None:
        return _Scalar(native, _same, _same)
    if tp is Country:
        return _Scalar("text", lambda c: c.key, get_country, country=True)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        kind: type[enum.Enum] = tp
        return _Scalar(
            "text",
            lambda m: m.value,
            lambda v: structure_enum(v, kind),
            category=tuple(str(m.value) for m in kind),
        )
    msg = f"no flat column form for {tp!r}"  # pragma: no cover - a new field's type
    raise TypeError(msg)  # pragma: no cover


def _optional(tp: object) -> tuple[object, bool]:
    """Return *tp* without ``None``, and whether ``None`` was allowed."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (Union, types.UnionType) and type(None) in args:
        # Every optional field is ``T | None`` for a single T.
        (inner,) = (a for a in args if a is not type(None))
        return inner, True
    return tp, False


class _Absent:
    """The marker for "this field's columns are all empty": use the field's default."""


_ABSENT: Final = _Absent()


# -- Field specs: a record field <-> its columns ---------------------------------------------


@attrs.frozen
class _Spec:
    """How one attrs field is written as columns and read back from them."""

    field: str
    columns: tuple[Column, ...]
    #: The field's value -> one native value per column.
    write: Callable[[Any], tuple[object, ...]]
    #: One native value per column (``None`` where missing) -> the field's value or _ABSENT.
    read: Callable[[tuple[object, ...]], object]


def _single(field: str, tp: object, *, required: bool, name: str) -> _Spec:
    """A field holding one value (or ``None``), in one column, two for a country."""
    scalar = _scalar(tp)
    if scalar.country:
        columns = (
            Column(
                f"{name}_key",
                "text",
                country=True,
                required=required,
            ),
            Column(name, "text", derived=True, country=True),
        )

        def write(value: Any) -> tuple[object, ...]:  # noqa: ANN401 - any field value
            return (None, None) if value is None else (value.key, value.name)

        def read(natives: tuple[object, ...]) -> object:
            key, label = natives
            if key is None:
                if label is not None:
                    msg = (
                        f"{name}_key is empty but {name} names {quote(label)}: give the key "
                        f"(defectors.normalize_country({label!r}).key)"
                    )
                    raise ValueError(msg)
                return _ABSENT
            return scalar.from_native(key)

        return _Spec(field, columns, write, read)

    column = Column(
        name,
        scalar.kind,
        category=scalar.category,
        required=required,
    )

    def write_one(value: Any) -> tuple[object, ...]:  # noqa: ANN401 - any field value
        return (None if value is None else scalar.to_native(value),)

    def read_one(natives: tuple[object, ...]) -> object:
        (native,) = natives
        return _ABSENT if native is None else scalar.from_native(native)

    return _Spec(field, (column,), write_one, read_one)


def _many(field: str, tp: object, *, name: str) -> _Spec:
    """A field holding a tuple of values, in one multi-valued column, two for countries."""
    scalar = _scalar(tp)
    if scalar.country:
        columns = (
            Column(f"{name}_keys", "text", many=True, country=True),
            Column(name, "text", many=True, derived=True, country=True),
        )

        def write(value: Any) -> tuple[object, ...]:  # noqa: ANN401 - any field value
            return (tuple(c.key for c in value), tuple(c.name for c in value))

        def read(natives: tuple[object, ...]) -> object:
            keys, labels = natives
            if not keys:
                if labels:
                    msg = f"{name}_keys is empty but {name} is not: give the keys"
                    raise ValueError(msg)
                return _ABSENT
            return tuple(scalar.from_native(_required_item(k)) for k in _items(keys))

        return _Spec(field, columns, write, read)

    column = Column(name, scalar.kind, many=True, category=scalar.category)

    def write_many(value: Any) -> tuple[object, ...]:  # noqa: ANN401 - any field value
        return (tuple(scalar.to_native(v) for v in value),)

    def read_many(natives: tuple[object, ...]) -> object:
        (values,) = natives
        if not values:
            return _ABSENT
        return tuple(scalar.from_native(_required_item(v)) for v in _items(values))

    return _Spec(field, (column,), write_many, read_many)


def _items(value: object) -> tuple[object, ...]:
    if not isinstance(value, tuple):  # pragma: no cover - natives are made by this module
        msg = f"expected several values, not {type(value).__name__}"
        raise TypeError(msg)
    return typing.cast("tuple[object, ...]", value)


def _required_item(value: object) -> object:
    if value is None:
        msg = "a value is missing (an empty line)"
        raise ValueError(msg)
    return value


#: Column name prefixes of nested records' fields. A nested field named ``text`` takes the
#: outer field's own name (the birthplace's text is the ``birthplace`` column).
_PREFIX: Final = {"birthplace": "birth_", "sources": "source_"}


def _nested_name(outer: str, inner: str) -> str:
    return outer if inner == "text" else _PREFIX.get(outer, f"{outer}_") + inner


def _nested(field: str, cls: type) -> _Spec:
    """An optional nested record (a :class:`Place`): one group of columns a field of it."""
    inner = [
        _single(
            a.name,
            _optional(hint)[0],
            required=False,
            name=_nested_name(field, a.name),
        )
        for a, hint in _hints(cls)
    ]
    columns = tuple(c for s in inner for c in s.columns)

    def write(value: Any) -> tuple[object, ...]:  # noqa: ANN401 - any field value
        if value is None:
            return (None,) * len(columns)
        return tuple(n for s in inner for n in s.write(getattr(value, s.field)))

    def read(natives: tuple[object, ...]) -> object:
        kwargs: dict[str, object] = {}
        at = 0
        for spec in inner:
            value = spec.read(natives[at : at + len(spec.columns)])
            at += len(spec.columns)
            if value is not _ABSENT:
                kwargs[spec.field] = value
        return cls(**kwargs) if kwargs else _ABSENT

    return _Spec(field, columns, write, read)


def _parallel(field: str, cls: type) -> _Spec:
    """
    A tuple of nested records (the :class:`Source` list): one multi-valued column a field.

    Line *i* of every column belongs to the *i*-th record; an empty line is a missing value,
    and an entirely empty cell a missing value for each record.
    """
    parts: list[tuple[str, _Scalar, bool]] = []
    columns: list[Column] = []
    for a, hint in _hints(cls):
        tp, optional = _optional(hint)
        scalar = _scalar(tp)
        name = _nested_name(field, a.name)
        required = not optional and a.default is attrs.NOTHING
        parts.append((a.name, scalar, required))
        columns.append(
            Column(
                name,
                scalar.kind,
                many=True,
                category=scalar.category,
                required=required,
            )
        )

    def write(value: Any) -> tuple[object, ...]:  # noqa: ANN401 - any field value
        return tuple(
            tuple(None if (v := getattr(r, n)) is None else s.to_native(v) for r in value)
            for n, s, _ in parts
        )

    def read(natives: tuple[object, ...]) -> object:
        lists = [_items(n) if n is not None else () for n in natives]
        size = max(map(len, lists))
        if size == 0:
            return _ABSENT
        records: list[object] = []
        for index in range(size):
            kwargs: dict[str, object] = {}
            for (name, scalar, required), values, column in zip(parts, lists, columns, strict=True):
                if len(values) not in (0, size):
                    msg = (
                        f"{column.name} has {len(values)} lines but another source column "
                        f"has {size}: give one line a source"
                    )
                    raise ValueError(msg)
                native = values[index] if values else None
                if native is not None:
                    kwargs[name] = scalar.from_native(native)
                elif required:
                    msg = f"required value missing (column {column.name}, line {index + 1})"
                    raise ValueError(msg)
            records.append(cls(**kwargs))
        return tuple(records)

    return _Spec(field, tuple(columns), write, read)


def _hints(cls: type) -> Iterator[tuple[attrs.Attribute[Any], object]]:
    hints = typing.get_type_hints(cls)
    for a in attrs.fields(cls):
        yield a, hints[a.name]


def _specs_for(cls: type[Defector]) -> tuple[_Spec, ...]:
    """
    Return the flat specs of every field of *cls*, in field order, chosen by type.

    - ``T`` or ``T | None`` for text, int, date or an enum: one column named as the field.
    - :class:`Country` (or ``| None``): ``<field>_key`` and the derived ``<field>`` (its name).
    - ``tuple[T, ...]``: one multi-valued column; for countries ``<field>_keys`` and
      ``<field>``.
    - An optional nested attrs record (:class:`Place`): its fields' columns, prefixed.
    - A tuple of nested attrs records (:class:`Source`): one multi-valued column per field
      of the nested record, line *i* for the *i*-th record.

    A field is required when it is neither optional nor has a default.
    """
    specs: list[_Spec] = []
    for a, hint in _hints(cls):
        tp, optional = _optional(hint)
        if typing.get_origin(tp) is tuple:
            item = typing.get_args(tp)[0]
            if attrs.has(item) and item is not Country:
                specs.append(_parallel(a.name, item))
            else:
                specs.append(_many(a.name, item, name=a.name))
        elif isinstance(tp, type) and attrs.has(tp) and tp is not Country:
            specs.append(_nested(a.name, tp))
        else:
            required = not optional and a.default is attrs.NOTHING
            specs.append(_single(a.name, tp, required=required, name=a.name))
        if a.name == "year":
            specs.append(_DECADE)
    return tuple(specs)


def _decade_write(year: Any) -> tuple[object, ...]:  # noqa: ANN401 - the year
    return (year // 10 * 10,)


#: The derived ``decade`` column (1950 for 1950-1959), written after ``year`` from the year;
#: reading it gives nothing (the year's own spec reads the year).
_DECADE: Final = _Spec(
    "year",
    (Column("decade", "int", derived=True),),
    _decade_write,
    lambda _natives: _ABSENT,
)

#: Every field's spec, in the record class's field order.
SPECS: Final = _specs_for(Defector)
#: The columns of the flat table, in order.
COLUMNS: Final = tuple(c for s in SPECS for c in s.columns)
#: The column names, in order (kept for the old name of :data:`COLUMNS`' names).
FLAT_COLUMNS: Final = tuple(c.name for c in COLUMNS)
_BY_NAME: Final = {c.name: c for c in COLUMNS}


# -- Rows -----------------------------------------------------------------------------------


def native_row(record: Defector) -> tuple[object, ...]:
    """Return *record* as one native value a column, in :data:`COLUMNS` order."""
    row: list[object] = []
    for spec in SPECS:
        row.extend(spec.write(getattr(record, spec.field)))
    return tuple(row)


def _cell(column: Column, native: object) -> str:
    if column.many:
        values = _items(native)
        return LINE.join("" if v is None else _scalar_cell(column, v) for v in values)
    return "" if native is None else _scalar_cell(column, native)


def _scalar_cell(column: Column, native: object) -> str:
    if column.kind == "text":
        return escape(typing.cast("str", native))
    if column.kind == "int":
        return str(native)
    return typing.cast("dt.date", native).isoformat()


def flat_row(record: Defector) -> dict[str, str]:
    """Return *record* as one row of CSV cells: column name to text, in column order."""
    return {c.name: _cell(c, n) for c, n in zip(COLUMNS, native_row(record), strict=True)}


def to_csv(records: Iterable[Defector]) -> str:
    """Return *records* as CSV text with a header row and CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FLAT_COLUMNS)
    for record in records:
        writer.writerow(_cell(c, n) for c, n in zip(COLUMNS, native_row(record), strict=True))
    return out.getvalue()


# -- Reading ----------------------------------------------------------------------------------


def _native_of_cell(column: Column, cell: str) -> object:
    # Carriage returns in values are written escaped (\r), so a raw one can only be part of
    # a CRLF line break inside a cell (a file saved with Windows line ends): a line break.
    if "\r" in cell:
        cell = cell.replace("\r\n", LINE)
    if column.many:
        if not cell:
            return ()
        return tuple(
            None if line == "" else _scalar_of_cell(column, line) for line in cell.split(LINE)
        )
    return None if cell == "" else _scalar_of_cell(column, cell)


def _scalar_of_cell(column: Column, text: str) -> object:
    if column.kind == "text":
        return unescape(text)
    if column.kind == "int":
        if _INT_RE.fullmatch(text.strip()) is None:
            msg = f"expected an integer, not {quote(text)}"
            raise ValueError(msg)
        return int(text)
    return structure_date(text)


def check_header(header: Sequence[str], origin: str) -> None:
    """
    Refuse a header with unknown, repeated or missing required columns.

    Raises:
        DatasetError: The header is not one :func:`read_csv` can read.
    """
    unknown = [h for h in header if h not in _BY_NAME]
    if unknown:
        msg = (
            f"{origin} has unknown column(s) {', '.join(map(quote, unknown))}: "
            f"expected the columns of Dataset.to_csv() ({', '.join(FLAT_COLUMNS)})"
        )
        raise DatasetError(msg)
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise DatasetError(f"{origin} repeats column(s) {', '.join(map(quote, repeated))}")
    missing = [c.name for c in COLUMNS if c.required and c.name not in header]
    if missing:
        raise DatasetError(f"{origin} lacks the required column(s) {', '.join(missing)}")


def record_from_natives(natives: Mapping[str, object], index: int) -> Defector:
    """
    Return the record one row of native values describes.

    *natives* maps column names to native values; absent columns count as empty.

    Raises:
        DatasetError: A value is malformed or missing; the message names the row and field.
    """
    raw_id = natives.get("id")
    record_id = raw_id if isinstance(raw_id, str) else None
    kwargs: dict[str, object] = {}
    field = None
    try:
        for spec in SPECS:
            field = spec.field
            got = spec.read(tuple(natives.get(c.name) for c in spec.columns))
            if got is not _ABSENT:
                kwargs[spec.field] = got
            elif any(c.required for c in spec.columns):
                msg = f"required value missing (column {spec.columns[0].name})"
                raise ValueError(msg)  # noqa: TRY301 - one handler names the field
        field = None
        return Defector(**kwargs)  # type: ignore[arg-type]
    except (ValueError, TypeError, LookupError) as exc:
        field = getattr(exc, "field", None) or field
        raise DatasetError(str(exc), index=index, record_id=record_id, field=field) from exc


def from_cells(cells: Mapping[str, str], index: int) -> Defector:
    """Return the record one CSV row (column name to cell text) describes."""
    natives: dict[str, object] = {}
    raw_id = cells.get("id")
    for name, cell in cells.items():
        column = _BY_NAME[name]
        if column.derived and not column.country:
            # Recomputed from the year: what the cell says is not read. (A country's name is
            # read, only to refuse a name given without its key.)
            continue
        try:
            natives[name] = _native_of_cell(column, cell)
        except (ValueError, TypeError) as exc:
            owner = next(s.field for s in SPECS if column in s.columns) or None
            raise DatasetError(
                f"{exc} (column {name})", index=index, record_id=raw_id, field=owner
            ) from exc
    return record_from_natives(natives, index)


def read_csv(text: str, origin: str) -> list[Defector]:
    """
    Return the records of CSV text in the form :func:`to_csv` writes.

    Raises:
        DatasetError: The header or a row is malformed; the message names the row and field.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return []
        check_header(header, origin)
        records: list[Defector] = []
        for index, row in enumerate(reader):
            if not row:
                continue
            if len(row) != len(header):
                raise DatasetError(
                    f"has {len(row)} cells but the header has {len(header)} columns",
                    index=index,
                )
            records.append(from_cells(dict(zip(header, row, strict=True)), index))
    except csv.Error as exc:
        raise DatasetError(f"{origin} is not valid CSV: {exc}") from exc
    return records
