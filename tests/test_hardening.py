"""Failure modes: hostile input, malformed files, immutability, threads, pickling, zip imports."""

from __future__ import annotations

import ast
import concurrent.futures
import copy
import datetime as dt
import functools
import io
import json
import multiprocessing
import os
import pickle
import pickletools
import re
import subprocess
import sys
import textwrap
import unicodedata
import zipfile
from enum import Enum
from pathlib import Path

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors
from defectors import (
    Dataset,
    DatasetError,
    Defector,
    DefectorsError,
    InvalidRecordError,
    UnknownDefectorError,
    _data,
)
from defectors._reader import structure_defector
from defectors._text import _EXTRA
from defectors.testing import defectors as defector_strategy

HUGE = "a" * 1_000_000
HUGE_UNICODE = "ł̃ 東\u0301\U0001f600" * 200_000


def _nested(depth: int) -> list[object]:
    """A list nested *depth* levels deep: repr() of it raises RecursionError."""
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


class _BadRepr:
    """An object whose repr() raises."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


_SELF: list[object] = []
_SELF.append(_SELF)

#: Values no public function takes, or takes only to refuse: among them values whose repr()
#: fails (too deep, an int past the digit limit, a broken __repr__).
HOSTILE = [
    None,
    0,
    -5,
    10**30,
    1.5,
    True,
    b"bytes",
    [],
    {},
    (),
    object(),
    dt.date(1956, 1, 1),
    _nested(100_000),
    (_nested(100_000),),
    {"key": _nested(100_000)},
    10**5000,
    -(10**5000),
    [10**5000],
    _BadRepr(),
    _SELF,
]
TEXTS = ["", "   ", "\x00", "\ud800", "\u200b", "x" * 300, HUGE, HUGE_UNICODE]
#: The longest message a hostile input may give, however long the input.
LONGEST_MESSAGE = 800


def _dataset() -> Dataset:
    return defectors.load()


def _filter_by(keyword: str):
    return lambda value: _dataset().filter(**{keyword: value})


#: name -> (call taking one argument, the errors its docstring documents).
CALLS = {
    "fold": (defectors.fold, (TypeError,)),
    "slugify": (defectors.slugify, (TypeError,)),
    "normalize_country": (
        defectors.normalize_country,
        (defectors.UnknownCountryError, TypeError),
    ),
    "normalize_country(strict=False)": (
        lambda v: defectors.normalize_country(v, strict=False),
        (TypeError,),
    ),
    "normalize_place": (
        defectors.normalize_place,
        (defectors.UnknownCountryError, TypeError),
    ),
    "successors": (
        defectors.successors,
        (defectors.UnknownCountryError, TypeError),
    ),
    "eastern_bloc": (defectors.eastern_bloc, (TypeError,)),
    "is_eastern_bloc(country)": (
        lambda v: defectors.is_eastern_bloc(v, 1956),
        (defectors.UnknownCountryError, TypeError),
    ),
    "is_eastern_bloc(year)": (lambda v: defectors.is_eastern_bloc("Poland", v), (TypeError,)),
    "parse_period": (
        defectors.parse_period,
        (defectors.PeriodParseError, TypeError),
    ),
    "parse_sector": (
        defectors.parse_sector,
        (defectors.UnknownSectorError, TypeError),
    ),
    "sectors_for": (defectors.sectors_for, (TypeError,)),
    "cite": (defectors.cite, (ValueError, TypeError)),
    "eras": (defectors.eras, (defectors.UnknownEraError, TypeError)),
    "get_era": (defectors.get_era, (defectors.UnknownEraError, TypeError)),
    "era_of": (
        defectors.era_of,
        (
            defectors.AmbiguousEraError,
            defectors.UnknownEraError,
            defectors.PeriodParseError,
            TypeError,
        ),
    ),
    "eras_of": (
        defectors.eras_of,
        (defectors.UnknownEraError, defectors.PeriodParseError, TypeError),
    ),
    "era_of(scheme)": (
        lambda v: defectors.era_of(1956, v),
        (defectors.UnknownEraError, TypeError),
    ),
    "record_era": (defectors.record_era, (TypeError,)),
    "record_era(scheme)": (
        lambda v: defectors.record_era(_dataset()[0], v),
        (defectors.UnknownEraError, TypeError),
    ),
    "get": (defectors.get, (defectors.UnknownDefectorError, TypeError)),
    "get(default)": (lambda v: defectors.get(v, None), (TypeError,)),
    "get_country": (
        defectors.get_country,
        (defectors.UnknownCountryError, TypeError),
    ),
    "get_country(default)": (lambda v: defectors.get_country(v, None), (TypeError,)),
    "load": (
        lambda v: defectors.load(v) if v is not None else None,
        (DatasetError, OSError, ValueError, TypeError),
    ),
    "Dataset": (Dataset, (DatasetError, TypeError)),
    "Dataset.search": (lambda v: _dataset().search(v), (ValueError, TypeError)),
    "Dataset.get": (
        lambda v: _dataset().get(v),
        (defectors.UnknownDefectorError, TypeError),
    ),
    "Dataset.sorted_by": (lambda v: _dataset().sorted_by(v), (ValueError,)),
    "Dataset.sorted_by(reverse)": (
        lambda v: _dataset().sorted_by("year", reverse=v),
        (TypeError,),
    ),
    "Dataset.group_by": (lambda v: _dataset().group_by(v), (ValueError,)),
    "Dataset.count_by": (lambda v: _dataset().count_by(v), (ValueError,)),
    "Dataset.merge": (lambda v: _dataset().merge(v), (TypeError,)),
    "Dataset.merge(on_conflict)": (
        lambda v: _dataset().merge(_dataset(), on_conflict=v),
        (ValueError,),
    ),
    "Dataset[]": (lambda v: _dataset()[v], (IndexError, TypeError)),
    "Dataset.to_json(indent)": (
        lambda v: _dataset()[:2].to_json(indent=v),
        (ValueError, TypeError),
    ),
    **{
        f"Dataset.filter({keyword}=)": (
            _filter_by(keyword),
            (
                defectors.UnknownCountryError,
                defectors.UnknownEraError,
                defectors.UnknownSectorError,
                ValueError,
                TypeError,
            ),
        )
        for keyword in (
            "origin",
            "born_in",
            "destination",
            "year",
            "years",
            "era",
            "sector",
            "profession",
            "outcome",
        )
    },
}

#: Every field of every public record type, given a hostile value through attrs.evolve().
_RECORD_ERRORS = (defectors.InvalidRecordError, TypeError)
RECORD_CALLS = {
    f"{type(example).__name__}({field.name}=)": (
        lambda v, example=example, name=field.name: attrs.evolve(example, **{name: v}),
        _RECORD_ERRORS,
    )
    for example in (
        defectors.load()[0],
        defectors.Place(text="Warsaw"),
        defectors.Source(url="https://example.org"),
        defectors.parse_period("1956"),
        defectors.eras()[0],
    )
    for field in attrs.fields(type(example))
}
RECORD_CALLS["Country(key=)"] = (
    lambda v: defectors.Country(key=v, name="Poland"),
    _RECORD_ERRORS,
)
CALLS.update(RECORD_CALLS)

#: The calls that take text, for arbitrary Unicode.
TEXT_CALLS = [
    name
    for name in CALLS
    if not name.startswith(("eastern_bloc", "is_eastern_bloc(year)", "Dataset.sorted_by(rev"))
    and name not in {"record_era", "Dataset", "Dataset.merge", "Dataset[]", "load"}
    and "indent" not in name
    and name not in RECORD_CALLS
]


def _check(name: str, value: object) -> None:
    """Call *name* with *value*; fail on an undocumented error or an over-long message."""
    call, documented = CALLS[name]
    try:
        call(value)
    except documented as exc:
        message = str(exc)
        assert len(message) <= LONGEST_MESSAGE, f"{name}: message of {len(message)} characters"
        # Whatever a public callable raises crosses a process boundary intact.
        _same_error(exc, pickle.loads(pickle.dumps(exc)))  # noqa: S301 - our own error
        _same_error(exc, copy.copy(exc))
        if isinstance(value, str) and len(value) > LONGEST_MESSAGE and value in message:
            pytest.fail(f"{name} quotes the whole input")


class TestHostileInput:
    @pytest.mark.parametrize(
        "value", HOSTILE, ids=[f"{i}-{type(v).__name__}" for i, v in enumerate(HOSTILE)]
    )
    @pytest.mark.parametrize("name", sorted(CALLS))
    def test_wrong_types_raise_documented_errors(self, name, value):
        """Every public function given a wrong type raises only its documented errors."""
        _check(name, value)

    @pytest.mark.parametrize("value", TEXTS, ids=lambda v: f"{v[:8]!r}x{len(v)}")
    @pytest.mark.parametrize("name", sorted(CALLS))
    def test_odd_and_huge_texts_raise_documented_errors(self, name, value):
        """Empty, blank, control, surrogate and 1 MB strings raise only documented errors."""
        _check(name, value)

    @pytest.mark.parametrize("name", TEXT_CALLS)
    @given(text=st.text())
    def test_arbitrary_unicode_raises_documented_errors(self, name, text):
        """Arbitrary Unicode text raises only the documented errors."""
        _check(name, text)

    @pytest.mark.parametrize(
        "call",
        [
            lambda: defectors.normalize_country(HUGE),
            lambda: defectors.parse_period(HUGE),
            lambda: defectors.get_era(HUGE),
            lambda: defectors.get(HUGE),
            lambda: defectors.parse_sector(HUGE),
            lambda: defectors.load(HUGE),
            lambda: _dataset().filter(years=HUGE),  # type: ignore[arg-type]
            lambda: _dataset().search(" " * 1_000_000),
        ],
    )
    def test_messages_quote_huge_input_cut_short(self, call):
        """An error about a 1 MB input quotes it cut short, with its length."""
        with pytest.raises((DefectorsError, ValueError, TypeError, OSError)) as info:
            call()
        assert "(1000000 characters)" in str(info.value)

    def test_nul_in_path_is_a_value_error_quoting_it(self):
        """load() of a path with a NUL character raises ValueError quoting the path."""
        with pytest.raises(ValueError, match=r"'a\\x00b' cannot be a file name"):
            defectors.load("a\x00b")

    def test_short_missing_path_is_unchanged(self, tmp_path):
        """A missing file of an ordinary name raises FileNotFoundError naming it as given."""
        missing = tmp_path / "missing.json"
        with pytest.raises(FileNotFoundError) as info:
            defectors.load(missing)
        assert str(missing) == info.value.filename

    @pytest.mark.parametrize("indent", [-1, 33, 10**9])
    def test_indent_out_of_range(self, indent):
        """to_json() refuses an indentation that would blow up the output."""
        with pytest.raises(ValueError, match="indent must be from 0 to 32"):
            _dataset().to_json(indent=indent)

    @pytest.mark.parametrize("indent", [0, 32, None])
    def test_indent_in_range(self, indent):
        """to_json() takes an indentation from 0 to 32, or None."""
        assert json.loads(_dataset()[:1].to_json(indent=indent)) == _dataset()[:1].to_records()


class TestFold:
    @staticmethod
    def reference(text: str) -> str:
        """The plain definition of fold(), which the faster one must match."""
        text = text.translate(_EXTRA)
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        folded = stripped.casefold().translate(_EXTRA)
        return re.sub(r"\s+", " ", folded).strip()

    @given(st.text())
    def test_matches_reference(self, text):
        """fold() equals its plain definition on arbitrary text."""
        assert self.reference(text) == defectors.fold(text)

    def test_matches_reference_on_every_character(self):
        """fold() equals its plain definition on every code point, each after a letter."""
        chunk = 512
        differ = []
        for first in range(0, sys.maxunicode + 1, chunk):
            text = "".join(f"a{chr(code)}" for code in range(first, first + chunk)) + "B"
            if self.reference(text) != defectors.fold(text):
                differ.append(hex(first))
        assert [] == differ


def _row(record: Defector) -> dict[str, object]:
    data: dict[str, object] = defectors.make_converter().unstructure(record)
    return data


JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-10, 3000)
    | st.floats(allow_nan=False)
    | st.text(max_size=6)
    | st.sampled_from(["SUHH", "POL", "XXX", "arts", "high", "attempted", "1956-06-01"])
    | st.sampled_from(["19560601", "1956-W01-1", "1956-13-01", "https://x.org/"])
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)
NESTED_KEYS = ["text", "country", "polity", "url", "title", "revision", "retrieved"]


@st.composite
def rows(draw: st.DrawFn) -> object:
    """A record's JSON form, perhaps with one field dropped, added, replaced or nested-broken."""
    row = _row(draw(defector_strategy()))
    key = draw(st.sampled_from(sorted(row)))
    change = draw(st.sampled_from(["none", "drop", "extra", "replace", "nested"]))
    if change == "drop":
        del row[key]
    elif change == "extra":
        row[draw(st.text(max_size=6))] = draw(JSON_VALUES)
    elif change == "replace":
        row[key] = draw(JSON_VALUES)
    elif change == "nested":
        target = draw(st.sampled_from(["birthplace", "sources"]))
        value = draw(st.dictionaries(st.sampled_from([*NESTED_KEYS, "x"]), JSON_VALUES))
        row[target] = value if target == "birthplace" else [value]
    return row


def _outcome(read):
    try:
        return ("read", read())
    except (TypeError, ValueError, LookupError, cattrs.BaseValidationError):
        return ("refused", None)


class TestFastReader:
    @given(defector_strategy())
    def test_valid_records_read_equal(self, record):
        """The fast reader reads every valid record's JSON form back to an equal record."""
        assert record == structure_defector(_row(record))

    @given(rows())
    def test_agrees_with_the_converter(self, row):
        """The fast reader accepts exactly the rows the converter accepts, with equal results."""
        conv = defectors.make_converter()
        expected = _outcome(lambda: conv.structure(row, Defector))
        assert expected == _outcome(lambda: structure_defector(row))

    def test_bundled_data_agrees_with_the_converter(self, dataset):
        """Every bundled record reads the same through the fast reader and the converter."""
        conv = defectors.make_converter()
        rows_ = dataset.to_records()
        assert [conv.structure(r, Defector) for r in rows_] == [
            structure_defector(r) for r in rows_
        ]


def _write(tmp_path: Path, rows_: object) -> Path:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(rows_), encoding="utf-8")
    return path


def _good(dataset: Dataset, count: int = 3) -> list[dict[str, object]]:
    return [_row(r) for r in dataset[:count]]


class TestMalformedFiles:
    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("year", "1956", "expected an integer, not str"),
            ("year", 1956.0, "expected an integer, not float"),
            ("year", 1900, "year must be between 1917 and 1991, not 1900"),
            ("year", 1992, "year must be between 1917 and 1991, not 1992"),
            ("origin", "XXX", "unknown country key 'XXX'"),
            ("origin", "RUS", "origin must be one of the eight Eastern Bloc states"),
            ("destination", 5, "expected a country key string, not int"),
            ("route", "POL", "expected a JSON array, not str"),
            ("also_known_as", "Yuri", "expected a JSON array, not str"),
            ("also_known_as", {"a": 1}, "expected a JSON array, not dict"),
            ("sectors", ["arts", "nope"], "expected one of"),
            ("birthplace", "Moscow", "expected a JSON object, not str"),
            ("birthplace", [], "expected a JSON object, not list"),
            ("sources", {"url": "https://x.org/"}, "expected a JSON array, not dict"),
            ("sources", [], "sources must name at least one source"),
            ("date", "19560101", "expected an ISO 8601 date (YYYY-MM-DD)"),
            ("date", "1956-W01-1", "expected an ISO 8601 date (YYYY-MM-DD)"),
            ("id", "Not A Slug", "id must be a lowercase ASCII slug"),
            ("name", "", "name must be a non-empty string"),
            ("outcome", "won", "expected one of 'defected', 'attempted'"),
        ],
    )
    def test_bad_value_names_record_and_field(self, tmp_path, dataset, field, value, message):
        """A bad value raises DatasetError naming the record's index, its id and the field."""
        rows_ = _good(dataset)
        rows_[1][field] = value
        with pytest.raises(DatasetError) as info:
            defectors.load(_write(tmp_path, rows_))
        error = info.value
        assert (1, field) == (error.index, error.field)
        assert message in str(error)
        assert str(error).startswith("record 1 ")

    def test_missing_field(self, tmp_path, dataset):
        """A missing required field raises DatasetError naming it."""
        rows_ = _good(dataset)
        del rows_[2]["summary"]
        with pytest.raises(DatasetError, match="required field missing") as info:
            defectors.load(_write(tmp_path, rows_))
        assert (2, dataset[2].id, "summary") == (
            info.value.index,
            info.value.record_id,
            info.value.field,
        )

    def test_unknown_field(self, tmp_path, dataset):
        """A field Defector lacks raises DatasetError naming it, cut short if long."""
        rows_ = _good(dataset)
        rows_[0]["x" * 5000] = 1
        with pytest.raises(DatasetError, match=r"unknown field\(s\) 'xxx") as info:
            defectors.load(_write(tmp_path, rows_))
        assert len(str(info.value)) < LONGEST_MESSAGE

    def test_duplicate_ids(self, tmp_path, dataset):
        """Two records with one id raise DatasetError naming the second and the id field."""
        rows_ = _good(dataset)
        rows_[2]["id"] = rows_[0]["id"]
        with pytest.raises(DatasetError, match="duplicate id") as info:
            defectors.load(_write(tmp_path, rows_))
        assert (2, rows_[0]["id"], "id") == (
            info.value.index,
            info.value.record_id,
            info.value.field,
        )

    def test_huge_bad_id_is_cut_short(self, tmp_path, dataset):
        """A 1 MB malformed id is quoted cut short in the message."""
        rows_ = _good(dataset)
        rows_[0]["id"] = "X" * 1_000_000
        with pytest.raises(DatasetError, match=r"\(1000000 characters\)") as info:
            defectors.load(_write(tmp_path, rows_))
        assert len(str(info.value)) < LONGEST_MESSAGE

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('[{"id": "a"', "is not valid JSON"),
            ("[" * 100_000, "nests arrays or objects too deeply"),
            ('{"a": ' * 100_000, "line 1 nests arrays or objects too deeply"),
            ('{"id": 1}\n{"id"', "neither a JSON array nor JSON Lines (line 2"),
            ("[1, 2]", "record 0: expected a JSON object, not int"),
        ],
    )
    def test_unreadable_files(self, tmp_path, text, message):
        """Truncated, too deeply nested or non-record JSON raises DatasetError, not more."""
        path = tmp_path / "bad.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DatasetError, match=re.escape(message)):
            defectors.load(path)

    def test_not_utf8(self, tmp_path):
        """A file that is not UTF-8 raises DatasetError."""
        path = tmp_path / "latin1.json"
        path.write_bytes('[{"name": "Miłosz"}]'.encode("utf-16"))
        with pytest.raises(DatasetError, match="is not UTF-8 text"):
            defectors.load(path)


def _rows(dataset: Dataset, count: int = 2) -> list[dict[str, object]]:
    return dataset[:count].to_records()


class TestHostileFiles:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("route", ["XXX"] * 1_000_000),
            ("also_known_as", [1] * 1_000_000),
            ("sources", [{}] * 1_000_000),
            ("sectors", ["nope"] * 1_000_000),
        ],
    )
    def test_a_million_bad_items_stop_early(self, tmp_path, dataset, field, value):
        """A huge array of bad items is refused after the first few, with a short message."""
        row = {**_rows(dataset, 1)[0], field: value}
        path = tmp_path / "huge.json"
        path.write_text(json.dumps([row]), encoding="utf-8")
        with pytest.raises(DatasetError) as info:
            defectors.load(path)
        message = str(info.value)
        assert (field, 0) == (info.value.field, info.value.index)
        assert len(message) <= LONGEST_MESSAGE
        assert f"[{defectors._converter.MAX_ITEM_ERRORS}]" not in message

    def test_a_million_unknown_fields_give_a_short_message(self, tmp_path, dataset):
        """A record with a million unknown fields names a few of them, briefly."""
        row = {**_rows(dataset, 1)[0], **{f"x{i}": 1 for i in range(100_000)}}
        path = tmp_path / "wide.json"
        path.write_text(json.dumps([row]), encoding="utf-8")
        with pytest.raises(DatasetError, match=r"unknown field\(s\) 'x0', 'x1', .*\.\.\.") as info:
            defectors.load(path)
        assert len(str(info.value)) <= LONGEST_MESSAGE

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
    def test_devices_are_refused(self):
        """load("/dev/zero") is refused at once, not read until memory runs out."""
        with pytest.raises(DatasetError, match="'/dev/zero' is not a regular file"):
            defectors.load("/dev/zero")

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
    def test_fifos_are_refused_without_blocking(self, tmp_path):
        """load() of a FIFO with no writer is refused at once instead of blocking forever."""
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        script = f"import defectors; defectors.load({str(fifo)!r})"
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
        )
        assert "is not a regular file" in result.stderr

    def test_directories_are_refused(self, tmp_path):
        """A directory is not a data file."""
        with pytest.raises(DatasetError, match="is not a regular file"):
            defectors.load(tmp_path)

    def test_path_of_bytes_is_refused(self):
        """A path-like object that gives bytes is a TypeError, as a bytes path is."""

        class BytesPath:
            def __fspath__(self) -> bytes:
                return b"data.json"

        with pytest.raises(TypeError, match=r"os\.PathLike of str, not of bytes"):
            defectors.load(BytesPath())  # type: ignore[arg-type]

    def test_deeply_nested_repeated_key(self, tmp_path):
        """A key repeated deep inside a record is found, named with a message cut short."""
        depth = 900
        text = "[" + '{"a": ' * depth + '{"b": 1, "b": 2}' + "}" * depth + "]"
        path = tmp_path / "deep.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DatasetError, match=r"repeats the key 'b' in a\.a\.a") as info:
            defectors.load(path)
        assert ("a", True) == (info.value.field, len(str(info.value)) <= LONGEST_MESSAGE)

    def test_empty_path_is_refused(self):
        """load("") is a ValueError, not the bundled data nor a confusing OSError."""
        with pytest.raises(ValueError, match="the path is empty"):
            defectors.load("")

    @pytest.mark.parametrize("text", ["", "   ", "\n\n", "\ufeff", " \t\r\n ", "\n\x1c\n"])
    def test_files_without_records_are_refused(self, tmp_path, text):
        """An empty or blank file says it holds no records: [] is the empty dataset."""
        path = tmp_path / "empty.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DatasetError, match=r"holds no records \(write \[\] for an empty"):
            defectors.load(path)

    @pytest.mark.parametrize("text", ["[]", " [ ] \n"])
    def test_an_empty_array_is_an_empty_dataset(self, tmp_path, text):
        """A JSON array with no records is the empty dataset, on purpose."""
        path = tmp_path / "empty.json"
        path.write_text(text, encoding="utf-8")
        assert Dataset() == defectors.load(path)

    @pytest.mark.parametrize("jsonl", [False, True], ids=["array", "lines"])
    @pytest.mark.parametrize(
        "case",
        [
            ('"year": ', '"year": 1950, "year": ', "year", "year"),
            ('"url": ', '"url": "https://x.org", "url": ', "url", "sources"),
            ('"text": ', '"text": "x", "text": ', "text", "birthplace"),
        ],
    )
    def test_repeated_keys_are_refused(self, tmp_path, dataset, jsonl, case):
        """A JSON object repeating a key is refused, naming the record, field and key."""
        old, new, key, field = case
        records = dataset.filter(born_in="Russia")[:3]
        text = records.to_jsonl() if jsonl else records.to_json(indent=None)
        position = text.index(old, text.index('"id"', 1 + text.index('"id"')))
        path = tmp_path / "dup.json"
        path.write_text(text[:position] + text[position:].replace(old, new, 1), encoding="utf-8")
        with pytest.raises(DatasetError, match=f"repeats the key '{key}'") as info:
            defectors.load(path)
        assert (1, records[1].id, field) == (
            info.value.index,
            info.value.record_id,
            info.value.field,
        )

    @pytest.mark.parametrize("field", ["name", "summary", "profession"])
    def test_lone_surrogates_are_refused(self, tmp_path, dataset, field):
        """A lone surrogate escaped in a record's text is refused on load, naming the field."""
        rows = _rows(dataset)
        rows[1][field] = "Jan \ud800 Novak"
        path = tmp_path / "surrogate.json"
        path.write_text(json.dumps(rows), encoding="utf-8")
        with pytest.raises(DatasetError, match="lone surrogate") as info:
            defectors.load(path)
        assert (1, field) == (info.value.index, info.value.field)


class TestNothingChangesTheBundledData:
    def test_records_are_frozen(self, dataset):
        """A record's fields cannot be assigned."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            dataset[0].name = "x"  # type: ignore[misc]

    @pytest.mark.parametrize("name", ["_records", "_by_id", "_search_index", "anything"])
    def test_dataset_attributes_cannot_be_set_or_deleted(self, dataset, name):
        """A dataset's attributes, private ones included, cannot be rebound or deleted."""
        with pytest.raises(AttributeError, match="cannot be changed"):
            setattr(dataset, name, None)
        with pytest.raises(AttributeError, match="cannot be changed"):
            delattr(dataset, name)

    def test_exports_are_copies(self, dataset):
        """Changing what the exports and groupings return changes nothing in the data."""
        before = dataset.to_records()
        rows_ = dataset.to_records()
        born = next(row for row in rows_ if row["birthplace"] is not None)
        rows_[0]["name"] = "changed"
        rows_[0]["sources"].append({"url": "x"})
        born["birthplace"]["text"] = "changed"
        dataset.to_flat_records()[0]["name"] = "changed"
        dataset.group_by("origin").clear()
        dataset.count_by("origin").clear()
        assert before == defectors.load().to_records()

    def test_collections_are_tuples(self, dataset):
        """Every collection a record or a lookup gives is an immutable tuple."""
        record = dataset[0]
        values = [
            record.also_known_as,
            record.sectors,
            record.route,
            record.sources,
            dataset.ids,
            defectors.countries(),
            defectors.eras(),
            defectors.successors("USSR"),
            defectors.eastern_bloc(1960),
            defectors.metadata().sources,
            *defectors.SECTOR_RULES.values(),
        ]
        assert all(isinstance(v, tuple) for v in values)

    def test_public_converter_cannot_change_load(self, tmp_path, dataset):
        """Hooks registered on defectors.converter do not change how load() reads."""
        path = tmp_path / "d.json"
        path.write_text(dataset[:5].to_json(), encoding="utf-8")
        conv = defectors.converter
        conv.register_structure_hook(Defector, lambda *_: pytest.fail("public converter used"))
        try:
            assert dataset[:5] == defectors.load(path)
            bad = dataset[:2].to_records()
            bad[1]["year"] = "1956"
            path.write_text(json.dumps(bad), encoding="utf-8")
            with pytest.raises(DatasetError, match="field 'year'"):
                defectors.load(path)
        finally:
            conv.register_structure_hook(
                Defector, defectors.make_converter().get_structure_hook(Defector)
            )


CONCURRENT = textwrap.dedent(
    """
    import json, sys, threading
    sys.setswitchinterval(1e-6)
    import defectors
    from defectors import _countries, _eras, _json, _load, _normalize, _query, _sectors

    builds = {}

    def counted(name, func):
        def wrapper(*args):
            builds[name] = builds.get(name, 0) + 1
            return func(*args)
        return wrapper

    for name, cached in [
        ("dataset", _load._bundled),
        ("countries", _countries.country_table),
        ("normalization index", _normalize._index),
        ("reader", _json._reader),
        ("eras", _eras._schemes),
        ("era names", _eras._by_name),
        ("sector patterns", _sectors._matcher),
    ]:
        cached._func = counted(name, cached._func)
    _query.haystacks = counted("search index entries", _query.haystacks)

    THREADS = 32
    barrier = threading.Barrier(THREADS)
    seen = []

    def work():
        barrier.wait()
        ds = defectors.load()
        seen.append(id(ds))
        defectors.normalize_country("USSR")
        ds.search("milosz")
        defectors.get_era("stalin")
        defectors.sectors_for("KGB officer")
        ds[:1].to_records()

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    builds["datasets seen"] = len(set(seen))
    builds["records"] = len(defectors.load())
    print(json.dumps(builds, sort_keys=True))
    """
)


class TestConcurrentFirstUse:
    def test_everything_is_built_once(self):
        """Threads making their first calls at once build each table and index once."""
        result = subprocess.run(
            [sys.executable, "-c", CONCURRENT], capture_output=True, text=True, check=True
        )
        builds = json.loads(result.stdout)
        records = builds.pop("records")
        assert {
            "countries": 1,
            "dataset": 1,
            "datasets seen": 1,
            "era names": 1,
            "eras": 1,
            "normalization index": 1,
            "reader": 1,
            "search index entries": records,
            "sector patterns": 1,
        } == builds


def _strings_in_pickle(data: bytes) -> set[str]:
    return {arg for _, arg, _ in pickletools.genops(data) if isinstance(arg, str)}


class TestPickle:
    @given(defector_strategy())
    def test_records_round_trip(self, record):
        """A record pickles and unpickles equal."""
        assert record == pickle.loads(pickle.dumps(record))  # noqa: S301 - our own data

    def test_bundled_dataset_round_trips(self, dataset):
        """The bundled dataset pickles and unpickles equal, with working lookups."""
        copy = pickle.loads(pickle.dumps(dataset))  # noqa: S301 - our own data
        assert (dataset, dataset[5]) == (copy, copy.get(dataset[5].id))

    def test_no_locks_or_caches_in_the_pickled_state(self, dataset):
        """A searched dataset pickles to just its records: no index, lock or lookup table."""
        searched = Dataset(list(dataset))
        searched.search("milosz")
        data = pickle.dumps(searched)
        assert pickle.dumps(Dataset(list(dataset))) == data
        names = _strings_in_pickle(data)
        # Attribute names only: the records' own texts may say "locked" or start with "_".
        attributes = {n for n in names if n.isidentifier()}
        assert set() == {n for n in attributes if "lock" in n.lower() or n.startswith("_")}


_QUERIES = st.text() | st.integers() | st.none()
_ERAS = st.lists(st.sampled_from(defectors.eras() + defectors.eras("cold-war")), max_size=3)

#: A Hypothesis strategy for each public error class, over its constructor's arguments.
ERRORS = {
    defectors.DefectorsError: st.lists(st.text(), max_size=3).map(
        lambda args: defectors.DefectorsError(*args)
    ),
    defectors.DatasetError: st.builds(
        defectors.DatasetError,
        st.text(),
        index=st.none() | st.integers(0, 10**6),
        record_id=st.none() | st.text(),
        field=st.none() | st.text(),
    ),
    defectors.InvalidArgumentError: st.builds(defectors.InvalidArgumentError, st.text()),
    defectors.InvalidRecordError: st.builds(
        defectors.InvalidRecordError, st.text(), field=st.none() | st.text()
    ),
    defectors.UnknownCountryError: st.builds(
        defectors.UnknownCountryError,
        _QUERIES,
        st.lists(st.text(), max_size=3),
        by_key=st.booleans(),
    ),
    defectors.UnknownDefectorError: st.builds(
        defectors.UnknownDefectorError, _QUERIES, st.lists(st.text(), max_size=3)
    ),
    defectors.UnknownEraError: st.builds(defectors.UnknownEraError, st.text()),
    defectors.AmbiguousEraError: st.builds(defectors.AmbiguousEraError, st.text(), _ERAS),
    defectors.UnknownSectorError: st.builds(defectors.UnknownSectorError, st.text()),
    defectors.PeriodParseError: st.builds(defectors.PeriodParseError, _QUERIES, st.text()),
    defectors.AmbiguousStateError: st.builds(
        defectors.AmbiguousStateError,
        st.text(),
        st.lists(st.sampled_from(defectors.countries()), max_size=3),
        country=st.none() | st.text() | st.sampled_from(defectors.countries()),
        year=st.none() | st.integers(1800, 2100),
    ),
    defectors.CountryQueryError: st.builds(
        defectors.CountryQueryError,
        st.text(),
        keyword=st.none() | st.sampled_from(["origin", "destination", "born_in"]),
        country=st.none() | st.text() | st.sampled_from(defectors.countries()),
        meant=st.lists(st.sampled_from(defectors.countries()), max_size=3),
    ),
}


def _same_error(expected: BaseException, actual: BaseException) -> None:
    """Assert that two errors have the same type, message, arguments and attributes."""
    if isinstance(expected, defectors.UnknownCountryError):
        # normalize_country() raises a private subclass that computes its suggestions
        # lazily; it pickles and copies as the eager error built here.
        expected = defectors.UnknownCountryError(
            expected.query, expected.suggestions, by_key=expected.by_key
        )
    assert type(expected) is type(actual)
    assert str(expected) == str(actual)
    assert expected.args == actual.args
    assert vars(expected) == vars(actual)


class TestErrorsSurviveProcesses:
    def test_every_public_error_class_has_a_strategy(self):
        """The round-trip tests below cover every error class the package exports."""
        public = {getattr(defectors.exceptions, n) for n in defectors.exceptions.__all__}
        assert public == set(ERRORS)

    @pytest.mark.parametrize("kind", list(ERRORS), ids=lambda k: k.__name__)
    @given(data=st.data())
    def test_pickle_and_copy_keep_type_message_and_attributes(self, kind, data):
        """Every error pickles (every protocol), copies and deep-copies intact."""
        error = data.draw(ERRORS[kind])
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            _same_error(error, pickle.loads(pickle.dumps(error, protocol)))  # noqa: S301
        _same_error(error, copy.copy(error))
        _same_error(error, copy.deepcopy(error))

    @pytest.mark.parametrize("kind", list(ERRORS), ids=lambda k: k.__name__)
    @given(data=st.data())
    def test_messages_are_bounded(self, kind, data):
        """However long the arguments, a message stays short."""
        error = data.draw(ERRORS[kind])
        assert len(str(error)) <= LONGEST_MESSAGE

    def test_exceptions_module_imports_nothing_of_the_package(self):
        """defectors.exceptions imports no defectors module at run time (no import circle)."""
        tree = ast.parse(Path(defectors.exceptions.__file__).read_text(encoding="utf-8"))
        guarded = {
            id(node)
            for block in ast.walk(tree)
            if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
            for node in ast.walk(block)
        }
        imported = [
            ast.unparse(node)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            and id(node) not in guarded
            and "defectors" in ast.unparse(node)
        ]
        assert [] == imported

    def test_public_callables_raise_across_a_process_pool(self, tmp_path, dataset):
        """Errors of every kind come back from worker processes intact, never hanging."""
        bad_file = tmp_path / "bad.json"
        bad_file.write_text('[{"id": "x"}]', encoding="utf-8")
        record = dataset[0]
        fields = {f.name: getattr(record, f.name) for f in attrs.fields(Defector)}
        calls = [
            functools.partial(defectors.parse_period, "nonsense"),
            functools.partial(defectors.parse_period, "1956-13"),
            functools.partial(defectors.normalize_country, "Narnia"),
            functools.partial(defectors.normalize_place, "Narnia, Atlantis"),
            functools.partial(defectors.get, "Nobody At All"),
            functools.partial(defectors.get_country, "XXX"),
            functools.partial(defectors.get_era, "nobody"),
            functools.partial(defectors.eras, "nope"),
            functools.partial(defectors.era_of, "1953"),
            functools.partial(defectors.era_of, 1800),
            functools.partial(defectors.parse_sector, "nope"),
            functools.partial(defectors.successors, "Narnia"),
            functools.partial(defectors.is_eastern_bloc, "Poland", "1956"),
            functools.partial(defectors.cite, "nope"),
            functools.partial(defectors.fold, 5),
            functools.partial(defectors.load, str(bad_file)),
            functools.partial(defectors.load, str(tmp_path / "missing.json")),
            functools.partial(Dataset, [record, record]),
            functools.partial(dataset.filter, years=(1960, 1950)),
            functools.partial(dataset.sorted_by, "nope"),
            functools.partial(Defector, **{**fields, "year": 1800}),
            functools.partial(defectors.Country, key="XX", name="Narnia"),
        ]
        expected = []
        for call in calls:
            with pytest.raises(Exception) as info:  # noqa: PT011 - each call's own error
                call()
            expected.append(info.value)
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
            futures = [pool.submit(call) for call in calls]
            remote = [f.exception(timeout=60) for f in futures]
        for local, far in zip(expected, remote, strict=True):
            assert far is not None
            _same_error(local, far)

    def test_pool_map_returns_results_and_errors(self):
        """multiprocessing.Pool.map() over a bad period raises its error, not hangs."""
        with (
            multiprocessing.get_context("spawn").Pool(2) as pool,
            pytest.raises(defectors.PeriodParseError, match="nonsense"),
        ):
            pool.map_async(defectors.parse_period, ["1956", "nonsense"]).get(timeout=60)


class _BadStr:
    """An object whose str() raises."""

    def __str__(self) -> str:
        raise RuntimeError("no str")

    def __repr__(self) -> str:
        return "<bad str>"


class TestSafeMessages:
    def test_long_messages_are_cut_with_their_length(self):
        """A message longer than the limit is cut, saying how long it was."""
        error = defectors.DatasetError("x" * 10_000, index=3)
        assert str(error).endswith("... (10000 characters)")
        assert len(str(error)) <= LONGEST_MESSAGE

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (10**5000, "<int of 16610 bits>"),
            (_nested(100_000), "[[[[...]]]]"),
            (_BadRepr(), "<_BadRepr instance at"),
            ("x" * 1000, "... (1000 characters)"),
        ],
        ids=["huge int", "deep list", "broken repr", "long text"],
    )
    def test_quote_never_fails(self, value, expected):
        """quote() describes values whose repr() fails or is huge, briefly."""
        text = defectors.exceptions.quote(value)
        assert expected in text
        assert len(text) < 100

    def test_message_that_cannot_be_a_string(self):
        """An error given an object whose str() raises still has a message."""
        assert "<bad str>" == str(defectors.DefectorsError(_BadStr()))

    @pytest.mark.parametrize(
        ("suggestions", "expected"),
        [
            (5, ()),
            ("Poland", ()),
            ([1, "Poland", _BadStr()], ("1", "Poland", "<bad str>")),
            ((x for x in [1, 0] if 1 / x), ()),
        ],
        ids=["not iterable", "a string", "mixed", "raising"],
    )
    def test_suggestions_never_fail(self, suggestions, expected):
        """Odd suggestions give strings, or none, never a second error."""
        assert expected == defectors.UnknownCountryError("x", suggestions).suggestions

    def test_candidates_never_fail(self):
        """A candidates value that is not iterable gives no candidates, not a second error."""
        assert () == defectors.AmbiguousEraError("m", 5).candidates  # type: ignore[arg-type]


class TestSharedObjectsCannotBeReinitialised:
    @staticmethod
    def _examples(dataset):
        metadata = defectors.metadata()
        born = next(r for r in dataset if r.birthplace is not None)
        return {
            Dataset: dataset,
            defectors.Defector: dataset[0],
            defectors.Country: defectors.normalize_country("Poland"),
            defectors.Place: born.birthplace,
            defectors.Source: dataset[0].sources[0],
            defectors.Period: defectors.parse_period("1956"),
            defectors.Era: defectors.eras()[0],
            defectors.Metadata: metadata,
            defectors.DataSource: metadata.sources[0],
        }

    def test_every_public_class_has_an_example(self, dataset):
        """The test below covers every public class whose instances may be shared."""
        classes = {
            obj
            for name in defectors.__all__
            if isinstance(obj := getattr(defectors, name), type)
            and not issubclass(obj, (BaseException, Enum))
        }
        assert classes == set(self._examples(dataset))

    def test_init_again_raises_and_changes_nothing(self, dataset):
        """Calling __init__ on a built object raises TypeError and leaves it as it was."""
        for kind, obj in self._examples(dataset).items():
            before = pickle.dumps(obj)
            if kind is Dataset:
                arguments: dict[str, object] = {"records": []}
            else:
                arguments = {f.name: getattr(obj, f.name) for f in attrs.fields(kind)}
                first = attrs.fields(kind)[0].name
                arguments[first] = getattr(dataset[1] if kind is defectors.Defector else obj, first)
            with pytest.raises(TypeError, match="cannot run again"):
                obj.__init__(**arguments)
            assert before == pickle.dumps(obj), kind

    def test_setstate_again_raises_and_changes_nothing(self, dataset):
        """__setstate__ on a built object raises TypeError too; pickling still works."""
        for kind, obj in self._examples(dataset).items():
            if kind is Dataset:
                continue
            before = pickle.dumps(obj)
            with pytest.raises(TypeError, match="cannot change one"):
                obj.__setstate__(obj.__getstate__())
            assert (before, obj) == (pickle.dumps(obj), pickle.loads(before)), kind  # noqa: S301 - our own bytes

    def test_bundled_dataset_and_countries_stay_whole(self, dataset):
        """After failed re-initialisation, load() and Poland are unchanged."""
        with pytest.raises(TypeError):
            defectors.load().__init__([])
        with pytest.raises(TypeError):
            defectors.normalize_country("Poland").__init__(key="POL", name="Narnia")
        assert len(dataset) == defectors.metadata().record_count == len(defectors.load())
        assert "Poland" == defectors.normalize_country("POL").name


class TestRecordErrors:
    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"year": 1800}, "year"),
            ({"id": "Not A Slug"}, "id"),
            ({"name": "  "}, "name"),
            ({"summary": ""}, "summary"),
            ({"sources": ()}, "sources"),
            ({"origin": defectors.normalize_country("France")}, "origin"),
            ({"name": "Jan \ud800"}, "name"),
            ({"also_known_as": ("\udfff",)}, "also_known_as[0]"),
            ({"profession": "spy\ud800"}, "profession"),
            ({"defection_place": "\ud800"}, "defection_place"),
        ],
    )
    def test_invalid_values_raise_the_package_error(self, dataset, changes, field):
        """An invalid record raises InvalidRecordError (a ValueError) naming the field."""
        with pytest.raises(defectors.InvalidRecordError) as info:
            attrs.evolve(dataset[0], **changes)
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, DefectorsError)
        assert field == info.value.field

    @pytest.mark.parametrize(
        "build",
        [
            lambda: defectors.Place(text="\ud800"),
            lambda: defectors.Source(url="https://x.org/\ud800"),
            lambda: defectors.Source(url="https://x.org", title="\udc00"),
            lambda: defectors.Country(key="atlantis", name="Atlantis"),
            lambda: defectors.Period(
                start=dt.date(1957, 1, 1), end=dt.date(1956, 12, 31), precision="year"
            ),
        ],
    )
    def test_other_constructors_raise_the_package_error(self, build):
        """Places, sources, countries and periods refuse invalid values the same way."""
        with pytest.raises(defectors.InvalidRecordError):
            build()

    def test_datetime_is_not_a_retrieval_day(self):
        """Source(retrieved=datetime) is refused: to_json would drop its time."""
        with pytest.raises(TypeError, match=r"retrieved must be a datetime\.date"):
            defectors.Source(url="https://x.org", retrieved=dt.datetime(2020, 1, 1, 12, 30))  # noqa: DTZ001

    @given(record=defector_strategy())
    def test_generated_records_round_trip_through_json(self, record):
        """Every record the strategies make writes to JSON and reads back equal."""
        rows = json.loads(Dataset([record]).to_json())
        assert record == defectors.converter.structure(rows[0], Defector)


RUN_FROM_ELSEWHERE = textwrap.dedent(
    """
    import sys
    import defectors
    where = sys.argv[1]
    assert defectors.__file__.startswith(where), (defectors.__file__, where)
    ds = defectors.load()
    assert len(ds) == defectors.metadata().record_count
    assert defectors.normalize_country("G.D.R.").key == "DDDE"
    assert defectors.get("Czeslaw Milosz").id == "czeslaw-milosz"
    assert ds.search("milosz")
    assert defectors.parse_period("June 1974").precision == "month"
    print("ok", len(ds))
    """
)


def _elsewhere_env(path: Path) -> dict[str, str]:
    """The environment to import the package from *path*, not measured by coverage."""
    env = {**os.environ, "PYTHONPATH": str(path), "PYTHONDONTWRITEBYTECODE": "1"}
    # Coverage cannot map code in a zip or a temporary copy back to src/.
    env.pop("COVERAGE_PROCESS_START", None)
    return env


class TestInstalledElsewhere:
    @pytest.fixture
    def package_dir(self):
        """The installed package's directory."""
        return Path(defectors.__file__).parent

    def _files(self, root: Path) -> list[Path]:
        return sorted(
            p
            for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        )

    def test_works_from_a_zip_file(self, tmp_path, package_dir):
        """The package imports and reads its data from a zip file (zipimport)."""
        archive = tmp_path / "defectors.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            for path in self._files(package_dir):
                zipped.write(path, Path("defectors") / path.relative_to(package_dir))
        env = _elsewhere_env(archive)
        result = subprocess.run(
            [sys.executable, "-c", RUN_FROM_ELSEWHERE, str(archive)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert ("", 0) == (result.stderr, result.returncode)
        assert result.stdout.startswith("ok ")

    def test_command_line_from_a_zip_file(self, tmp_path, package_dir):
        """Python -m defectors runs from a zip file."""
        archive = tmp_path / "defectors.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            for path in self._files(package_dir):
                zipped.write(path, Path("defectors") / path.relative_to(package_dir))
        env = _elsewhere_env(archive)
        result = subprocess.run(
            [sys.executable, "-m", "defectors", "show", "czeslaw-milosz"],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert (0, "") == (result.returncode, result.stderr)
        assert "Czesław Miłosz" in result.stdout

    def test_writes_nothing_beside_itself(self, tmp_path, package_dir):
        """Using the package from a directory creates no file in it (so it may be read-only)."""
        copy = tmp_path / "site" / "defectors"
        for path in self._files(package_dir):
            target = copy / path.relative_to(package_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        before = self._files(copy)
        env = _elsewhere_env(copy.parent)
        result = subprocess.run(
            [sys.executable, "-c", RUN_FROM_ELSEWHERE, str(copy)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert ("", 0) == (result.stderr, result.returncode)
        assert before == self._files(copy)

    def test_loader_without_get_data_uses_importlib_resources(self, monkeypatch):
        """Where the loader cannot read data (get_data gives None), importlib.resources does."""
        monkeypatch.setattr(defectors.__spec__.loader, "get_data", lambda _path: None)
        text = _data.read_text("datapackage.json")
        assert defectors.metadata().title == json.loads(text)["title"]


IMPORTED_BY_LOAD = textwrap.dedent(
    """
    import json, sys
    before = set(sys.modules)
    import defectors
    defectors.load()
    print(json.dumps(sorted(set(sys.modules) - before)))
    """
)


class TestLazyImports:
    def test_load_imports_only_what_it_needs(self):
        """Import defectors; defectors.load() leaves the query, normalization and CLI unloaded."""
        result = subprocess.run(
            [sys.executable, "-c", IMPORTED_BY_LOAD], capture_output=True, text=True, check=True
        )
        imported = set(json.loads(result.stdout))
        deferred = {
            "argparse",
            "cattrs",
            "csv",
            "dateutil",
            "difflib",
            "importlib.metadata",
            "importlib.resources",
            "pandas",
            "pycountry",
            "defectors._cli",
            "defectors._converter",
            "defectors._eras",
            "defectors._flat",
            "defectors._pandas",
            "defectors._normalize",
            "defectors._periods",
            "defectors._query",
            "defectors._sectors",
        }
        assert set() == imported & deferred

    @pytest.mark.parametrize("name", sorted(defectors._LAZY))
    def test_lazy_names_import_on_use(self, name):
        """Each lazily imported name is the object its module defines."""
        module = sys.modules.get(f"defectors.{defectors._LAZY[name]}") or __import__(
            f"defectors.{defectors._LAZY[name]}", fromlist=["_"]
        )
        assert getattr(module, name) is getattr(defectors, name)

    def test_from_import_works(self):
        """From defectors import <lazy name> works in a new process."""
        code = "from defectors import normalize_country, Era, SCHEMES; print(SCHEMES[0])"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "soviet-leaders\n" == result.stdout

    def test_dir_lists_every_public_name(self):
        """dir(defectors) lists every public name, imported yet or not."""
        assert set(defectors.__all__) <= set(dir(defectors))


#: Inputs that made a regular expression or a loop take super-linear time, run in a fresh
#: interpreter so that a regression fails at the timeout instead of hanging the suite.
LINEAR_TIME = textwrap.dedent(
    """
    import defectors
    ds = defectors.load()
    n = 1_000_000
    hostile = [" " * n, "x" + " " * n + "y", "a" + " " * n + "(", "a (" * (n // 3), "(" * n]
    for text in hostile:
        for call in (defectors.normalize_place, defectors.normalize_country,
                     defectors.parse_period, defectors.get_era, defectors.get):
            try:
                call(text)
            except (LookupError, ValueError):
                pass
    assert ds.search("a " * n) == ds.search("a")
    assert ds.search("milosz " * n)
    print("ok")
    """
)


class TestLinearTime:
    def test_hostile_text_finishes(self):
        """Megabyte runs of spaces and repeated words are handled at once, not in hours."""
        result = subprocess.run(
            [sys.executable, "-c", LINEAR_TIME],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert (0, "ok") == (result.returncode, result.stdout.strip()), result.stderr[-2000:]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Germany (Weimar Republic)", ("DEU", "weimar-republic")),
            ("Germany   (Weimar Republic)   ", ("DEU", "weimar-republic")),
            ("Ukraine, Russian Empire", ("UKR", "russian-empire")),
        ],
    )
    def test_place_forms_still_read(self, text, expected):
        """The parenthesis and comma forms read as before the regular expression went."""
        place = defectors.normalize_place(text)
        assert expected == (place.country.key, place.polity.key)

    @pytest.mark.parametrize("text", ["(Poland)", " (Poland)", "Poland ()"])
    def test_stray_parentheses_are_ignored(self, text):
        """Empty or lone parentheses around a name are stray punctuation, as in a country name."""
        assert "POL" == defectors.normalize_place(text).country.key

    @pytest.mark.parametrize("text", ["A (B) (C)", "Narnia (Atlantis)"])
    def test_unknown_parenthesis_forms_are_unknown(self, text):
        """A parenthesis form naming nothing known names no place."""
        with pytest.raises(defectors.UnknownCountryError):
            defectors.normalize_place(text)


INVISIBLE = ["\u200b", "\u00ad", "\ufeff", "\u200e", "\u200f", "\u2060", "\u202e", "\u2066"]


class TestLookups:
    @pytest.mark.parametrize("mark", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
    def test_invisible_characters_are_ignored(self, mark):
        """Zero-width spaces, soft hyphens, BOMs and direction marks do not defeat lookups."""
        assert ("POL", "czeslaw-milosz", "Khrushchev", "1956") == (
            defectors.normalize_country(f"{mark}Pol{mark}and{mark}").key,
            defectors.get(f"Czes{mark}law Mi{mark}losz").id,
            defectors.get_era(f"khru{mark}shchev").name,
            str(defectors.parse_period(f"{mark}19{mark}56")),
        )

    def test_exact_name_wins_over_an_earlier_folded_one(self, dataset):
        """get("Jan Novak") finds Jan Novak even after a Jan Novák; folding finds the first."""
        first = attrs.evolve(dataset[0], id="jan-novak-1", name="Jan Novák")
        second = attrs.evolve(dataset[1], id="jan-novak-2", name="Jan Novak")
        both = Dataset([first, second])
        assert (second, first, first) == (
            both.get("Jan Novak"),
            both.get("Jan Novák"),
            both.get("JAN NOVAK"),
        )

    def test_other_name_exact_match_wins_too(self, dataset):
        """An exact other name also wins over an earlier folded name."""
        first = attrs.evolve(dataset[0], id="a", name="Émile Roux")
        second = attrs.evolve(dataset[1], id="b", also_known_as=("Emile Roux",))
        assert second == Dataset([first, second]).get("Emile Roux")

    def test_key_that_folds_to_nothing(self, dataset):
        """A name of marks and invisible characters only cannot be made, nor found."""
        with pytest.raises(InvalidRecordError, match="name must be a non-empty"):
            attrs.evolve(dataset[0], id="odd", name="\u0301\u200b")
        with pytest.raises(UnknownDefectorError, match="no defector"):
            dataset.get("\u0301\u200b")

    def test_repeated_search_words_count_once(self, dataset):
        """Searching a word many times finds what searching it once finds."""
        assert dataset.search("milosz") == dataset.search("milosz " * 1000)


class TestCsvOnEveryPython:
    def test_nul_characters_are_written_and_read_back(self):
        """A record whose text holds NUL writes to CSV on every Python (3.10 refused it)."""
        record = attrs.evolve(defectors.load()[0], summary='a\x00b, "c"')
        text = Dataset([record]).to_csv()
        assert ("\x00" not in text, Dataset([record])) == (
            True,
            defectors.load(io.StringIO(text)),
        )
