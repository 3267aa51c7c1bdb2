"""Failure modes: hostile input, malformed files, immutability, threads, pickling, zip imports."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import pickletools
import re
import subprocess
import sys
import textwrap
import unicodedata
import zipfile
from pathlib import Path

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors
from defectors import Dataset, DatasetError, Defector, DefectorsError, _data
from defectors._reader import structure_defector
from defectors._text import _EXTRA
from defectors.testing import defectors as defector_strategy

HUGE = "a" * 1_000_000
HUGE_UNICODE = "ł̃ 東\u0301\U0001f600" * 200_000
#: Values no public function takes, or takes only to refuse.
HOSTILE = [None, 0, -5, 10**30, 1.5, True, b"bytes", [], {}, (), object(), dt.date(1956, 1, 1)]
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

#: The calls that take text, for arbitrary Unicode.
TEXT_CALLS = [
    name
    for name in CALLS
    if not name.startswith(("eastern_bloc", "is_eastern_bloc(year)", "Dataset.sorted_by(rev"))
    and name not in {"record_era", "Dataset", "Dataset.merge", "Dataset[]", "load"}
    and "indent" not in name
]


def _check(name: str, value: object) -> None:
    """Call *name* with *value*; fail on an undocumented error or an over-long message."""
    call, documented = CALLS[name]
    try:
        call(value)
    except documented as exc:
        message = str(exc)
        assert len(message) <= LONGEST_MESSAGE, f"{name}: message of {len(message)} characters"
        if isinstance(value, str) and len(value) > LONGEST_MESSAGE and value in message:
            pytest.fail(f"{name} quotes the whole input")


class TestHostileInput:
    @pytest.mark.parametrize("value", HOSTILE, ids=repr)
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
        rows_[0]["name"] = "changed"
        rows_[0]["sources"].append({"url": "x"})
        rows_[0]["birthplace"]["text"] = "changed"
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
        assert set() == {n for n in names if "lock" in n.lower() or n.startswith("_")}


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
        monkeypatch.setattr(_data.pkgutil, "get_data", lambda *_: None)
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
