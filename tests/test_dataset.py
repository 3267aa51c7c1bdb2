"""Dataset: the immutable sequence, loading files and the exports."""

from __future__ import annotations

import csv
import io
import json
import pickle
import tempfile
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors
from defectors import Dataset, DatasetError, Defector
from defectors import _load as module
from defectors._load import _bundled
from defectors.testing import datasets


class TestSequence:
    def test_is_a_sequence(self, dataset):
        """A Dataset is a Sequence of Defector."""
        assert isinstance(dataset, Sequence)

    def test_no_item_assignment(self, dataset):
        """Items cannot be assigned or deleted."""
        with pytest.raises(TypeError):
            dataset[0] = dataset[1]  # type: ignore[index]
        with pytest.raises(TypeError):
            del dataset[0]  # type: ignore[attr-defined]

    def test_slice_is_a_dataset(self, dataset):
        """A slice is a Dataset of the same records."""
        part = dataset[1:4]
        assert (Dataset, list(dataset)[1:4]) == (type(part), list(part))

    def test_negative_index(self, dataset):
        """Negative indexes count from the end."""
        assert list(dataset)[-1] == dataset[-1]

    def test_contains(self, dataset):
        """A record is in the dataset it came from, and a changed copy is not."""
        record = dataset[0]
        assert (True, False, False) == (
            record in dataset,
            attrs.evolve(record, summary="changed") in dataset,
            "george-balanchine" in dataset,
        )

    def test_equality_is_by_records_and_order(self, dataset):
        """Datasets are equal when they hold equal records in the same order."""
        assert (True, False, False) == (
            Dataset(list(dataset)) == dataset,
            Dataset(reversed(dataset)) == dataset,
            list(dataset) == dataset,
        )

    def test_hashable(self, dataset):
        """Equal datasets hash alike."""
        assert hash(Dataset(list(dataset))) == hash(dataset)

    def test_repr_says_size(self, dataset):
        """repr() gives the number of records."""
        assert f"<Dataset of {len(dataset)} records>" == repr(dataset)

    def test_duplicate_ids_are_rejected(self, dataset):
        """Building a Dataset with two records of one id raises DatasetError naming it."""
        first = dataset[0]
        with pytest.raises(DatasetError, match=first.id) as info:
            Dataset([first, first])
        assert (1, first.id, "id") == (
            info.value.index,
            info.value.record_id,
            info.value.field,
        )

    def test_non_records_are_rejected(self):
        """Only Defector records go into a Dataset."""
        with pytest.raises(TypeError, match="not dict"):
            Dataset([{"id": "x"}])  # type: ignore[list-item]

    def test_ids(self, dataset):
        """Ids lists every record's id in order."""
        assert [r.id for r in dataset] == list(dataset.ids)

    @given(datasets(max_size=5))
    def test_pickle_round_trip(self, ds):
        """Datasets pickle and unpickle equal."""
        assert ds == pickle.loads(pickle.dumps(ds))  # noqa: S301 - our own data


class TestLoadBundled:
    def test_same_object_every_call(self):
        """load() returns the very same dataset on every call."""
        assert defectors.load() is defectors.load()

    def test_concurrent_first_use_builds_once(self, monkeypatch):
        """Many threads making the first call at once build the dataset once."""
        calls = []
        real = module.read_packed

        def counting(data):
            calls.append(1)
            return real(data)

        monkeypatch.setattr(module, "read_packed", counting)
        _bundled.clear()
        barrier = threading.Barrier(16)
        results = []

        def worker():
            barrier.wait()
            results.append(defectors.load())

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert (1, 1) == (len(calls), len({id(r) for r in results}))


class TestLoadFile:
    def test_json_round_trip(self, tmp_path, dataset):
        """to_json() then load(path) gives back an equal dataset."""
        path = tmp_path / "d.json"
        path.write_text(dataset.to_json(), encoding="utf-8")
        assert dataset == defectors.load(path)

    def test_jsonl_round_trip(self, tmp_path, dataset):
        """to_jsonl() then load(path) gives back an equal dataset."""
        path = tmp_path / "d.jsonl"
        path.write_text(dataset.to_jsonl(), encoding="utf-8")
        assert dataset == defectors.load(str(path))

    @given(datasets(max_size=5))
    def test_arbitrary_round_trip(self, ds):
        """Any valid dataset survives to_json and load."""
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "d.json"
            path.write_text(ds.to_json(indent=None), encoding="utf-8")
            assert ds == defectors.load(path)

    def test_empty_array_is_empty_dataset(self, tmp_path):
        """An empty array loads as an empty dataset."""
        path = tmp_path / "e.json"
        path.write_text("[]", encoding="utf-8")
        assert 0 == len(defectors.load(path))

    def test_missing_file(self, tmp_path):
        """A missing file raises the usual FileNotFoundError."""
        with pytest.raises(FileNotFoundError):
            defectors.load(tmp_path / "nope.json")

    def test_path_type(self):
        """A path that is not a str or PathLike is a TypeError."""
        with pytest.raises(TypeError, match=r"load\(\) takes a file name"):
            defectors.load(42)  # type: ignore[arg-type]

    def _write(self, tmp_path, rows):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(rows), encoding="utf-8")
        return path

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("year", "1924", "expected an integer"),
            ("year", 1900, "between 1917 and 1991"),
            ("origin", "ZZZZ", "ZZZZ"),
            ("origin", "USA", "Eastern Bloc"),
            ("date", "1924-13-01", "ISO 8601"),
            ("sectors", ["spies"], "spies"),
            ("name", 7, "expected a string"),
            ("id", "Not A Slug", "slug"),
            ("sources", [], "at least one source"),
        ],
    )
    def test_bad_field_names_record_and_field(self, tmp_path, dataset, field, value, message):
        """A malformed field raises DatasetError naming the record's index, id and the field."""
        rows = dataset[:3].to_records()
        rows[2][field] = value
        with pytest.raises(DatasetError, match=message) as info:
            defectors.load(self._write(tmp_path, rows))
        assert (2, field) == (info.value.index, info.value.field)
        assert (rows[2]["id"] if field != "id" else "Not A Slug") == info.value.record_id

    def test_missing_field(self, tmp_path, dataset):
        """A record lacking a required field names that field."""
        rows = dataset[:1].to_records()
        del rows[0]["summary"]
        with pytest.raises(DatasetError, match="summary"):
            defectors.load(self._write(tmp_path, rows))

    def test_duplicate_ids_in_file(self, tmp_path, dataset):
        """A file with two records of one id raises DatasetError."""
        rows = dataset[:1].to_records() * 2
        with pytest.raises(DatasetError, match="duplicate id"):
            defectors.load(self._write(tmp_path, rows))

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('[{"id": "a"', "not valid JSON"),
            ("{}", "required field missing @ \\$.id"),
            ('{\n  "id": "x"\n}', "neither a JSON array nor JSON Lines"),
            ("[1]", "expected a JSON object"),
            ("nonsense", "unknown column"),
            ("id,name\nx,y\n", "lacks the required column"),
            ("42", "holds a JSON number value, not records"),
            (" -1.5e3\n", "holds a JSON number value, not records"),
            ('"Belenko"', "holds a JSON string value, not records"),
            ("null", "holds a JSON null value, not records"),
            ("false\n", "holds a JSON boolean value, not records"),
            ("\ufeff 42", "holds a JSON number value, not records"),
        ],
    )
    def test_malformed_files(self, tmp_path, text, message):
        """Truncated, non-array or single-value files raise DatasetError saying what they hold."""
        path = tmp_path / "bad.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DatasetError, match=message):
            defectors.load(path)

    def test_not_utf8(self, tmp_path):
        """A file that is not UTF-8 raises DatasetError."""
        path = tmp_path / "bad.json"
        path.write_bytes(b"[\xff]")
        with pytest.raises(DatasetError, match="not UTF-8"):
            defectors.load(path)

    @given(
        st.dictionaries(
            st.sampled_from(["id", "name", "year", "origin", "summary", "sources", "extra"]),
            st.none() | st.integers() | st.text(max_size=5) | st.lists(st.integers(), max_size=2),
        )
    )
    def test_arbitrary_rows_raise_only_dataset_error(self, row):
        """Arbitrary malformed records give DatasetError, never another exception."""
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "d.json"
            path.write_text(json.dumps([row]), encoding="utf-8")
            with pytest.raises(DatasetError):
                defectors.load(path)


class TestExports:
    def test_to_records_is_a_copy(self, dataset):
        """Changing what to_records() returns changes nothing in the dataset."""
        rows = dataset.to_records()
        rows[0]["name"] = "changed"
        rows[0]["sectors"].append("x")
        assert (dataset[0].name, list(dataset[0].sectors)) == (
            dataset.to_records()[0]["name"],
            [defectors.Sector(s) for s in dataset.to_records()[0]["sectors"]],
        )

    def test_to_json_is_array_of_records(self, dataset):
        """to_json() is the JSON form of to_records()."""
        assert dataset.to_records() == json.loads(dataset.to_json())

    def test_to_jsonl_lines(self, dataset):
        """to_jsonl() has one JSON object a line."""
        lines = dataset.to_jsonl().splitlines()
        assert dataset.to_records() == [json.loads(line) for line in lines]

    def test_csv_columns_match_datapackage(self, dataset):
        """The CSV header is exactly the fields datapackage.json describes."""
        package = json.loads(
            resources.files("defectors").joinpath("data/datapackage.json").read_text("utf-8")
        )
        fields = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
        header = next(csv.reader(io.StringIO(dataset.to_csv())))
        assert fields == header

    def test_csv_rows_are_flat_records(self, dataset):
        """Each CSV row equals the record's flat form."""
        rows = list(csv.DictReader(io.StringIO(dataset.to_csv())))
        assert dataset.to_flat_records() == rows

    def test_shipped_csv_is_current(self, dataset):
        """The shipped defectors.csv is exactly what to_csv() gives for the bundled data."""
        shipped = resources.files("defectors").joinpath("data/defectors.csv").read_bytes()
        assert dataset.to_csv().encode("utf-8") == shipped

    def test_flat_route_and_countries(self, dataset):
        """Flat rows carry a key and a name column for each country."""
        record = dataset[1]
        row = dataset.to_flat_records()[1]
        assert (
            record.origin.key,
            record.origin.name,
            "\n".join(c.key for c in record.route),
        ) == (row["origin_key"], row["origin"], row["route_keys"])


class TestMetadata:
    def test_metadata(self, dataset):
        """metadata() gives the licence, revision, sources and record count."""
        meta = defectors.metadata()
        assert ("CC-BY-SA-4.0", len(dataset)) == (meta.licence, meta.record_count)

    def test_metadata_lists_the_three_collections(self):
        """metadata() names the Wikipedia list (and its revision), the supplement, the research."""
        wiki, supplement, later = defectors.metadata().sources
        assert (
            "https://en.wikipedia.org/wiki/List_of_Soviet_and_Eastern_Bloc_defectors",
            "2025-11-06",
            "Supplementary records, 1961-1991",
            None,
            "Later research, 1917-1991",
            defectors.metadata().revision,
        ) == (
            wiki.url,
            wiki.revision,
            supplement.title,
            supplement.url,
            later.title,
            later.revision,
        )

    def test_records_are_defectors(self, dataset):
        """Every item of the bundled dataset is a Defector."""
        assert all(isinstance(r, Defector) for r in dataset)
