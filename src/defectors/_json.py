"""
JSON and JSON Lines: reading records from their text and writing records as it.

The reading side parses the text, structures each row through the fast path of
:mod:`defectors._reader`, and falls back to the converter to explain a row it refuses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from defectors._dataset import Dataset
from defectors._files import EMPTY, JsonReader
from defectors._lazy import once
from defectors._model import Defector
from defectors._reader import PACKED_LAYOUT, pack, structure_defector
from defectors.exceptions import DatasetError, quote

if TYPE_CHECKING:
    import cattrs

__all__ = ["dumps_json", "dumps_jsonl", "dumps_packed", "parse", "structure_rows", "to_records"]


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

_PATH_FIELD = re.compile(r"\$\.([A-Za-z_][A-Za-z0-9_]*)")


def to_records(records: Iterable[Defector]) -> list[dict[str, Any]]:
    """Return *records* as new JSON-ready dicts."""
    unstructure = _reader().unstructure
    return [unstructure(r) for r in records]


def dumps_json(records: Iterable[Defector], indent: int | None) -> str:
    """Return *records* as a JSON array ending in a newline; see :meth:`Dataset.to_json`."""
    if indent is not None:
        if type(indent) is not int:
            msg = f"indent must be an int or None, not {type(indent).__name__}"
            raise TypeError(msg)
        if not 0 <= indent <= _MAX_INDENT:
            msg = f"indent must be from 0 to {_MAX_INDENT}, not {quote(indent)}"
            raise ValueError(msg)
    return json.dumps(to_records(records), indent=indent, ensure_ascii=False) + "\n"


def dumps_packed(records: Iterable[Defector]) -> str:
    """
    Return *records* as the package's packed data file, ``data/records.json``.

    An object naming the layout (:data:`~defectors._reader.PACKED_LAYOUT`) and the records as
    arrays, one a line; :func:`defectors._reader.read_packed` reads it. Only for the package's
    own data, written by ``tools/import_tsv.py`` beside ``defectors.json``.
    """
    # ASCII with escapes: decoding it is a third of the time UTF-8 text takes, parsing the same.
    lines = [json.dumps(pack(row)) for row in to_records(records)]
    layout = json.dumps(PACKED_LAYOUT)
    return f'{{"layout": {layout},\n"records": [\n' + ",\n".join(lines) + "\n]}\n"


def dumps_jsonl(records: Iterable[Defector]) -> str:
    """Return *records* as JSON Lines; see :meth:`Dataset.to_jsonl`."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in to_records(records))


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
        import heapq  # noqa: PLC0415 - only for a malformed record

        extra = heapq.nsmallest(4, map(str, exc.extra_fields))  # not all of a million
        more = ", ..." if len(exc.extra_fields) > len(extra) else ""
        return f"unknown field(s) {', '.join(quote(f) for f in extra)}{more}"
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
    leaves = list(islice(_leaves(exc), 5))  # the first few problems are enough
    message = "; ".join(f"{_message(e)} @ {p}" if p != "$" else _message(e) for p, e in leaves)
    fields = [_field_of(p, e) for p, e in leaves]
    return message, next((f for f in fields if f is not None), None)


def structure_rows(rows: list[Any]) -> Dataset:
    """Return the dataset of JSON rows, or raise :class:`DatasetError` naming the bad row."""
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


def parse(text: str, origin: str) -> list[Any]:
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:  # a truncated file must not read as "no records"
        raise DatasetError(f"{origin} {EMPTY}")
    reader = JsonReader()  # refuses a key repeated in an object (checked below)
    if stripped.startswith("["):
        try:
            data = reader.loads(stripped)
        except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
            raise DatasetError(f"{origin} is not valid JSON: {exc}") from exc
        except RecursionError:
            raise DatasetError(f"{origin} nests arrays or objects too deeply") from None
        if not isinstance(data, list):  # pragma: no cover - a "[" text parses to a list
            raise DatasetError(f"{origin} must hold a JSON array of records")
        return reader.checked(cast("list[Any]", data), origin, lines=False)  # type: ignore[redundant-cast] # for pyright
    rows: list[Any] = []
    # Lines end at "\n" only: str.splitlines() would also split at U+2028, U+2029 and U+0085,
    # which to_jsonl() leaves unescaped inside strings (a trailing "\r" is JSON whitespace).
    for number, line in enumerate(stripped.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rows.append(reader.loads(line))
        except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
            raise DatasetError(
                f"{origin} is neither a JSON array nor JSON Lines (line {number}: {exc})"
            ) from exc
        except RecursionError:
            raise DatasetError(
                f"{origin} line {number} nests arrays or objects too deeply"
            ) from None
    return reader.checked(rows, origin, lines=True)
