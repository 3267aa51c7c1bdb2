"""The flat table: CSV written by to_csv() reads back with load(), and its cell encoding."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from importlib import resources

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors
from defectors import Dataset, DatasetError, Place, Source
from defectors._flat import COLUMNS, escape, unescape
from defectors.testing import datasets
from defectors.testing import defectors as records


def _csv(ds: Dataset) -> io.StringIO:
    return io.StringIO(ds.to_csv())


class TestRoundTrip:
    @given(datasets(max_size=6))
    def test_any_dataset_round_trips_through_csv(self, ds):
        """Every valid dataset reads back equal from the CSV to_csv() writes."""
        assert ds == defectors.load(_csv(ds))

    def test_bundled_dataset_round_trips(self, dataset):
        """The bundled dataset reads back equal from its CSV."""
        assert dataset == defectors.load(_csv(dataset))

    @given(
        records(),
        st.sampled_from(["", "\\", "\\e", "a; b", 'say "hi"', "x\r\ny", "\\n", "\n", "\x00"]),
    )
    def test_awkward_text_round_trips(self, record, text):
        """Text with separators, quotes, backslashes, line breaks or nothing survives."""
        # Names and addresses must not be blank: there the text is wrapped in letters.
        named = text if text.strip() else f"x{text}y"
        changed = attrs.evolve(
            record,
            also_known_as=(named, "plain"),
            profession=text,
            defection_place=text,
            sources=(Source(url=named, title=text), Source(url="https://e.org/", revision=text)),
        )
        assert Dataset([changed]) == defectors.load(_csv(Dataset([changed])))

    def test_empty_place_is_no_place(self, dataset):
        """A birthplace with nothing in it is stored, and written, as no birthplace."""
        record = attrs.evolve(dataset[0], birthplace=Place())
        assert None is record.birthplace

    def test_shipped_csv_loads_equal_to_the_json(self, dataset):
        """The shipped defectors.csv loads to the bundled dataset."""
        path = resources.files("defectors").joinpath("data/defectors.csv")
        with path.open("rb") as handle:
            assert dataset == defectors.load(handle)


class TestEncoding:
    @given(st.text())
    def test_escape_round_trips(self, text):
        """unescape() undoes escape() for every text."""
        assert text == unescape(escape(text))

    @given(st.text())
    def test_escaped_text_has_no_line_breaks(self, text):
        """An escaped value never holds a line break, so values can be one a line."""
        assert ("\n", "\r") == tuple(c for c in "\n\r" if c not in escape(text))

    def test_multi_valued_cells_are_one_value_a_line(self, dataset):
        """Several values are one a line in a cell; the empty cell means none."""
        row = dataset.to_flat_records()[dataset.ids.index("boris-bazhanov")]
        assert ("IRN\nIND", "Iran\nIndia", "") == (
            row["route_keys"],
            row["route"],
            row["also_known_as"],
        )

    def test_unknown_escape_is_an_error(self, dataset):
        """A backslash before anything but a backslash, n or r is refused, naming the field."""
        rows = dataset[:1].to_flat_records()
        rows[0]["profession"] = "C:\\temp"
        with pytest.raises(DatasetError, match="unknown escape") as info:
            defectors.load(io.StringIO(_write(rows)))
        assert "profession" == info.value.field


def _write(rows: list[dict[str, str]], columns: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


class TestReading:
    def test_minimal_columns(self):
        """A CSV with only the required columns reads, the other fields at their defaults."""
        text = _write(
            [
                {
                    "id": "jane-roe",
                    "name": "Jane Roe",
                    "year": "1977",
                    "origin_key": "CSHH",
                    "summary": "A test record.",
                    "source_url": "https://example.org/a\nhttps://example.org/b",
                }
            ]
        )
        record = defectors.load(io.StringIO(text))[0]
        assert ("Czechoslovakia", (), 2, defectors.Outcome.DEFECTED) == (
            record.origin.name,
            record.sectors,
            len(record.sources),
            record.outcome,
        )

    @pytest.mark.parametrize(
        ("column", "cell", "message"),
        [
            ("year", "nineteen", "expected an integer"),
            ("date", "1977-13-01", "ISO 8601"),
            ("origin_key", "", "origin_key is empty"),
            ("summary", "", "required value missing"),
            ("outcome", "won", "expected one of"),
            ("sectors", "sport\nnothing", "expected one of"),
            ("route_keys", "XXX", "XXX"),
            ("source_title", "a\nb\nc", "give one line a source"),
            ("source_url", "", "required value missing"),
            ("also_known_as", "A\n\nB", "a value is missing"),
            ("route_keys", "", "route_keys is empty but route is not"),
        ],
    )
    def test_bad_cells(self, dataset, column, cell, message):
        """A malformed cell raises DatasetError naming the row and what was expected."""
        # Two records with one source each, so that three source titles are too many.
        two = Dataset([r for r in dataset if len(r.sources) == 1][:2])
        rows = two.to_flat_records()
        rows[1][column] = cell
        with pytest.raises(DatasetError, match=message) as info:
            defectors.load(io.StringIO(_write(rows)))
        assert (1, two[1].id) == (info.value.index, info.value.record_id)

    def test_name_without_key(self, dataset):
        """A country name without its key is refused, with the key to give."""
        rows = Dataset([next(r for r in dataset if r.destination is not None)]).to_flat_records()
        rows[0]["destination_key"] = ""
        with pytest.raises(DatasetError, match="destination_key is empty"):
            defectors.load(io.StringIO(_write(rows)))

    def test_derived_columns_are_ignored(self, dataset):
        """Country names and the decade are recomputed from the keys and the year."""
        rows = dataset[:1].to_flat_records()
        rows[0]["origin"] = "anything"
        rows[0]["decade"] = "1800"
        assert dataset[:1] == defectors.load(io.StringIO(_write(rows)))
        rows[0]["decade"] = "not a decade"
        assert dataset[:1] == defectors.load(io.StringIO(_write(rows)))

    @pytest.mark.parametrize(
        ("header", "message"),
        [
            ("id,name,colour\r\n", "unknown column"),
            ("id,name,id\r\n", "repeats column"),
            ("id,name\r\n", "lacks the required column"),
        ],
    )
    def test_bad_headers(self, header, message):
        """Unknown, repeated and missing required columns are refused."""
        with pytest.raises(DatasetError, match=message):
            defectors.load(io.StringIO(header))

    def test_ragged_row(self, dataset):
        """A row with more or fewer cells than the header is refused."""
        text = dataset[:1].to_csv() + "a,b\r\n"
        with pytest.raises(DatasetError, match="cells but the header has"):
            defectors.load(io.StringIO(text))

    def test_blank_lines_are_skipped(self, dataset):
        """Blank lines between rows (as some editors leave) are not records."""
        text = dataset[:2].to_csv().replace("\r\n", "\r\n\r\n")
        assert dataset[:2] == defectors.load(io.StringIO(text))

    def test_header_only(self, dataset):
        """A CSV with a header and no rows is an empty dataset."""
        assert Dataset() == defectors.load(io.StringIO(dataset[:0].to_csv()))

    def test_unterminated_quote(self, dataset):
        """CSV the csv module refuses (a quote left open) is a DatasetError."""
        text = dataset[:1].to_csv() + 'x,"unterminated\r\n'
        with pytest.raises(DatasetError, match="not valid CSV"):
            defectors.load(io.StringIO(text))

    def test_byte_order_mark(self, dataset):
        """A CSV saved with a UTF-8 byte order mark (as spreadsheets do) reads."""
        data = ("\ufeff" + dataset[:2].to_csv()).encode("utf-8")
        assert dataset[:2] == defectors.load(io.BytesIO(data))

    def test_columns_match_datapackage(self):
        """datapackage.json describes every column, in order."""
        package = json.loads(
            resources.files("defectors").joinpath("data/datapackage.json").read_text("utf-8")
        )
        fields = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
        assert [c.name for c in COLUMNS] == fields


class TestFiles:
    @pytest.mark.parametrize("form", ["to_csv", "to_json", "to_jsonl"])
    def test_write_to_path_and_load(self, tmp_path, dataset, form):
        """Each format writes to a path, returns None, and loads back equal."""
        path = tmp_path / f"out.{form}"
        assert None is getattr(dataset, form)(path)
        assert dataset == defectors.load(path)

    @pytest.mark.parametrize("form", ["to_csv", "to_json", "to_jsonl"])
    def test_path_holds_exactly_the_text(self, tmp_path, dataset, form):
        """The file holds exactly the text the method returns, as UTF-8, line ends kept."""
        path = tmp_path / "out"
        getattr(dataset[:3], form)(str(path))
        assert getattr(dataset[:3], form)().encode("utf-8") == path.read_bytes()

    def test_replaces_and_keeps_permissions(self, tmp_path, dataset):
        """Writing over a file replaces it whole and keeps its permission bits."""
        path = tmp_path / "out.csv"
        path.write_text("old", encoding="utf-8")
        path.chmod(0o600)
        dataset[:2].to_csv(path)
        assert (dataset[:2], 0o600) == (defectors.load(path), stat.S_IMODE(path.stat().st_mode))

    def test_failed_write_leaves_no_temporary_file(self, tmp_path, dataset):
        """Writing to a directory fails with OSError and leaves nothing behind."""
        target = tmp_path / "dir"
        target.mkdir()
        with pytest.raises(OSError):  # noqa: PT011 - IsADirectoryError on Linux
            dataset.to_json(target)
        assert ["dir"] == [p.name for p in tmp_path.iterdir()]

    def test_path_type(self, dataset):
        """A path that is not a str or PathLike is a TypeError."""
        with pytest.raises(TypeError, match="path must be"):
            dataset.to_csv(3)  # type: ignore[call-overload]

    @pytest.mark.parametrize("form", ["to_csv", "to_json", "to_jsonl"])
    def test_load_open_text_and_binary_files(self, tmp_path, dataset, form):
        """load() reads an open file in text or binary mode."""
        path = tmp_path / "out"
        getattr(dataset, form)(path)
        with path.open(encoding="utf-8", newline="") as text, path.open("rb") as binary:
            assert (dataset, dataset) == (defectors.load(text), defectors.load(binary))

    def test_file_that_is_not_utf8(self):
        """An open binary file that is not UTF-8 raises DatasetError."""
        with pytest.raises(DatasetError, match="not UTF-8"):
            defectors.load(io.BytesIO(b"\xff\xfe"))

    def test_file_whose_read_gives_neither_text_nor_bytes(self):
        """An object whose read() gives something else is a TypeError."""

        class Odd:
            def read(self):
                return 3

        with pytest.raises(TypeError, match="must give str or bytes"):
            defectors.load(Odd())  # type: ignore[arg-type]


class TestWindowsLineEnds:
    def test_crlf_everywhere_reads_back_equal(self, dataset):
        """A CSV whose every line break is CRLF (cells' included) reads back the same records."""
        record = next(r for r in dataset if len(r.sources) > 1 and r.also_known_as)
        text = Dataset([record]).to_csv().replace("\r\n", "\n").replace("\n", "\r\n")
        assert Dataset([record]) == defectors.load(io.StringIO(text))


class TestWritingToPaths:
    def test_a_symbolic_link_is_written_through(self, dataset, tmp_path):
        """Writing to a link replaces the file it names and keeps the link."""
        target = tmp_path / "target.csv"
        target.write_text("old", encoding="utf-8")
        link = tmp_path / "link.csv"
        link.symlink_to(target)
        dataset[:2].to_csv(link)
        assert (True, dataset[:2]) == (link.is_symlink(), defectors.load(target))

    @pytest.mark.parametrize("form", ["to_csv", "to_json", "to_jsonl"])
    def test_what_is_not_a_regular_file_is_never_replaced(self, dataset, tmp_path, form):
        """A directory or a FIFO at the path is refused with an OSError and left alone."""
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        for path in (tmp_path, fifo):
            with pytest.raises(OSError, match="is not a regular file"):
                getattr(dataset[:1], form)(path)
        assert fifo.is_fifo()

    def test_the_empty_path_is_refused(self, dataset):
        """An empty path is a ValueError, as load("") is."""
        with pytest.raises(ValueError, match="the path is empty"):
            dataset[:1].to_csv("")


class TestOpenFiles:
    def test_unreadable_files_are_type_errors(self, dataset, tmp_path):
        """A file open for writing only, or closed, is the documented TypeError."""
        path = tmp_path / "d.json"
        path.write_text(dataset[:1].to_json(), encoding="utf-8")
        closed = path.open(encoding="utf-8")
        closed.close()
        with path.open("a", encoding="utf-8") as writing:
            for handle in (writing, closed):
                with pytest.raises(TypeError, match="not a file open for reading"):
                    defectors.load(handle)

    def test_a_text_file_in_another_encoding_is_refused(self, dataset, tmp_path):
        """A text file opened as latin-1 is refused rather than read garbled."""
        path = tmp_path / "d.json"
        path.write_text(dataset[:1].to_json(), encoding="utf-8")
        with path.open(encoding="latin-1") as handle, pytest.raises(DatasetError, match="UTF-8"):
            defectors.load(handle)
        with path.open(encoding="UTF8") as handle:
            assert dataset[:1] == defectors.load(handle)
