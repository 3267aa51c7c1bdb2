"""The curation tool that adds rows of a TSV file to the data file (tools/import_tsv.py)."""

from __future__ import annotations

import errno
import importlib.util
import os
import re
from pathlib import Path

import pytest

import defectors

TOOLS = Path(__file__).resolve().parent.parent / "tools"
SUPPLEMENT = TOOLS / "data" / "supplement_1961_1991.tsv"
LATER = defectors.Provenance.LATER_RESEARCH
SEED_LIST = "https://en.wikipedia.org/wiki/List_of_Soviet_and_Eastern_Bloc_defectors"
HEADER = SUPPLEMENT.read_text(encoding="utf-8").splitlines()[0]


def _load_tool():
    spec = importlib.util.spec_from_file_location("import_tsv", TOOLS / "import_tsv.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(autouse=True)
def example_sites(monkeypatch):
    """Classify the example.org addresses the rows below cite, besides the real table."""
    kinds, denied = tool.site_tables()
    monkeypatch.setattr(
        tool, "site_tables", lambda: ({**kinds, "example.org": defectors.SourceKind.BLOG}, denied)
    )


@pytest.fixture
def workspace(tmp_path, dataset):
    """A copy of the seed records as a data file, with an empty released-id list."""
    data = tmp_path / "defectors.json"
    seed = [r for r in dataset if any(s.url == SEED_LIST for s in r.sources)]
    data.write_text(defectors.Dataset(seed).to_json(), encoding="utf-8")
    ids = tmp_path / "ids.txt"
    ids.write_text("", encoding="utf-8")
    return data, ids


def write_tsv(path: Path, *rows: str) -> Path:
    """Write a TSV file with the supplement's header and the given rows."""
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


ROW = "\t".join(  # noqa: FLY002 - one cell a line reads best
    [
        "Jane Roe (Jana Rová)",
        "Chess player",
        "Czech Republic",
        "Czechoslovakia",
        "1977",
        "1977-05-01",
        "Czechoslovakia",
        "West Germany",
        "Munich",
        "A test row written for the tool's tests.",
        "https://example.org/a https://example.org/b",
        "high",
    ]
)


class TestConversion:
    def test_landed_files_reproduce_the_shipped_records(self, workspace, dataset):
        """Importing every landed file into the seed records gives exactly the shipped data."""
        data, ids = workspace
        assert 0 == tool.main(["--landed", "--data", str(data), "--released-ids", str(ids)])
        assert dataset == defectors.load(data)
        seed = {r.id for r in dataset if any(s.url == SEED_LIST for s in r.sources)}
        assert [i for i in dataset.ids if i not in seed] == sorted(
            ids.read_text().split(), key=dataset.ids.index
        )

    def test_row_fields(self, tmp_path):
        """A row's columns become the documented fields."""
        record = tool.read_tsv(write_tsv(tmp_path / "r.tsv", ROW), provenance=LATER)[0]
        assert (
            "jane-roe",
            "Jane Roe",
            ("Jana Rová",),
            (defectors.Sector.SPORT,),
            "Czechoslovakia",
            "CZE",
            "CSHH",
            "CSHH",
            "DEU",
            "1977-05-01",
            defectors.Confidence.HIGH,
            ("https://example.org/a", "https://example.org/b"),
        ) == (
            record.id,
            record.name,
            record.also_known_as,
            record.sectors,
            record.birthplace.text,
            record.birthplace.country.key,
            record.birthplace.polity.key,
            record.origin.key,
            record.destination.key,
            record.date.isoformat(),
            record.confidence,
            tuple(s.url for s in record.sources),
        )

    def test_optional_columns_kinds_and_provenance(self, tmp_path):
        """Route and wikipedia columns are read; sources get their kind; rows their collection."""
        path = tmp_path / "o.tsv"
        path.write_text(
            f"{HEADER}\n{ROW}\tAustria; Italy\thttps://en.wikipedia.org/wiki/Jane Roe\n",
            encoding="utf-8",
        )
        record = tool.read_tsv(path, provenance=LATER)[0]
        assert (
            ("AUT", "ITA"),
            "https://en.wikipedia.org/wiki/Jane_Roe",
            {defectors.SourceKind.BLOG},
            LATER,
        ) == (
            tuple(c.key for c in record.route),
            record.wikipedia,
            {s.kind for s in record.sources},
            record.provenance,
        )

    @pytest.mark.parametrize(
        ("urls", "message"),
        [
            ("https://piglix.com/x https://example.org/b", "denied site (wikipedia-copy)"),
            ("http://161.35.110.226/x https://example.org/b", "bare IP address"),
            ("https://unclassified.invalid/x", "has no class"),
        ],
    )
    def test_rows_citing_bad_sites_are_refused(self, tmp_path, urls, message):
        """A row citing a denied site, an IP address or an unclassified site names its line."""
        row = ROW.replace("https://example.org/a https://example.org/b", urls)
        with pytest.raises(tool.RowError, match=re.escape(message)) as info:
            tool.read_tsv(write_tsv(tmp_path / "b.tsv", row), provenance=LATER)
        assert str(info.value).startswith("line 2 (Jane Roe (Jana Rová))")

    def test_tsv_files_need_a_provenance(self, workspace, capsys):
        """Naming TSV files without --provenance is a usage error, not a silent default."""
        data, ids = workspace
        with pytest.raises(SystemExit):
            tool.main([str(SUPPLEMENT), "--data", str(data), "--released-ids", str(ids)])
        assert "--provenance is required" in capsys.readouterr().err

    def test_rerun_changes_nothing(self, workspace):
        """Running the tool twice adds nothing the second time."""
        data, ids = workspace
        args = [
            "--provenance",
            "research-1961-1991",
            str(SUPPLEMENT),
            "--data",
            str(data),
            "--released-ids",
            str(ids),
        ]
        tool.main(args)
        first = data.read_bytes()
        tool.main(args)
        assert (first, 130) == (data.read_bytes(), len(ids.read_text().split()))

    def test_dry_run_writes_nothing(self, workspace):
        """--dry-run checks the rows but leaves the files alone."""
        data, ids = workspace
        before = data.read_bytes()
        args = [
            "--provenance",
            "research-1961-1991",
            str(SUPPLEMENT),
            "--data",
            str(data),
            "--released-ids",
            str(ids),
            "--dry-run",
        ]
        assert 0 == tool.main(args)
        assert (before, "") == (data.read_bytes(), ids.read_text())

    def test_writes_the_csv_beside_the_data(self, workspace):
        """The flat CSV beside the data file is rewritten too."""
        data, ids = workspace
        tool.main(
            [
                "--provenance",
                "research-1961-1991",
                str(SUPPLEMENT),
                "--data",
                str(data),
                "--released-ids",
                str(ids),
            ]
        )
        expected = defectors.load(data).to_csv().encode("utf-8")
        assert expected == data.with_suffix(".csv").read_bytes()


class TestRefusals:
    @pytest.mark.parametrize(
        ("column", "value", "message"),
        [
            (4, "19x7", "year must be four digits"),
            (4, "1995", "between 1917 and 1991"),
            (5, "1977-02-30", "expected an ISO 8601 date"),
            (5, "19770501", "expected an ISO 8601 date"),
            (6, "Atlantis", "unknown country"),
            (6, "France", "one of the eight Eastern Bloc states"),
            (10, "", "no sources"),
            (11, "low", "'low' is not a valid Confidence"),
            (0, "", "the name is empty"),
        ],
    )
    def test_bad_rows_name_the_line(self, tmp_path, column, value, message):
        """A row that does not validate is refused with its line and name."""
        cells = ROW.split("\t")
        cells[column] = value
        path = write_tsv(
            tmp_path / "bad.tsv", ROW.replace("Jane Roe", "Other One"), "\t".join(cells)
        )
        with pytest.raises(tool.RowError, match=rf"line 3 .*{message}"):
            tool.read_tsv(path, provenance=LATER)

    def test_id_collision_with_existing_record(self, tmp_path, workspace, capsys):
        """A row whose id belongs to a different existing record is refused."""
        data, ids = workspace
        row = ROW.replace("Jane Roe (Jana Rová)", "George Balanchine")
        path = write_tsv(tmp_path / "c.tsv", row)
        before = data.read_bytes()
        status = tool.main(
            [
                "--provenance",
                "research-1961-1991",
                str(path),
                "--data",
                str(data),
                "--released-ids",
                str(ids),
            ]
        )
        assert (1, before) == (status, data.read_bytes())
        assert "'george-balanchine' (George Balanchine) is already taken" in capsys.readouterr().err

    def test_provenance_is_stored_in_added_records(self, tmp_path, workspace):
        """--provenance names the collection every added record belongs to."""
        data, ids = workspace
        path = write_tsv(tmp_path / "later.tsv", ROW)
        args = ["--provenance", "later-research", str(path), "--data", str(data)]
        assert 0 == tool.main([*args, "--released-ids", str(ids)])
        added = defectors.load(data).get("jane-roe")
        assert defectors.Provenance.LATER_RESEARCH is added.provenance

    def test_provenance_is_required(self, tmp_path, workspace, capsys):
        """Without --provenance the tool refuses to run: every record must say its collection."""
        data, ids = workspace
        path = write_tsv(tmp_path / "x.tsv", ROW)
        with pytest.raises(SystemExit):
            tool.main([str(path), "--data", str(data), "--released-ids", str(ids)])
        assert "--provenance" in capsys.readouterr().err

    def test_update_replaces_on_purpose(self, tmp_path, workspace):
        """--update replaces a record of the same id."""
        data, ids = workspace
        row = ROW.replace("Jane Roe (Jana Rová)", "George Balanchine").replace("1977", "1924")
        path = write_tsv(tmp_path / "u.tsv", row.replace("1924-05-01", ""))
        args = ["--provenance", "research-1961-1991", str(path), "--data", str(data)]
        args += ["--released-ids", str(ids), "--update"]
        assert 0 == tool.main(args)
        assert "Chess player" == defectors.load(data).get("george-balanchine").profession

    def test_same_person_under_other_name(self, tmp_path, workspace):
        """A row whose other name is an existing record's name is refused."""
        data, _ = workspace
        row = ROW.replace("Jana Rová", "Czesław Miłosz")
        with pytest.raises(ValueError, match="looks like the existing record 'czeslaw-milosz'"):
            tool.merge(
                list(defectors.load(data)),
                tool.read_tsv(write_tsv(tmp_path / "s.tsv", row), provenance=LATER),
            )

    def test_repeated_id_within_file(self, tmp_path):
        """Two rows of one id in a file are refused, naming both lines."""
        path = write_tsv(tmp_path / "d.tsv", ROW, ROW)
        with pytest.raises(tool.RowError, match=r"line 3 .*already used on line 2 of d\.tsv"):
            tool.read_tsv(path, provenance=LATER)

    def test_repeated_id_across_files(self, tmp_path, workspace, capsys):
        """The same id in two files of one run is refused, naming the first file's line."""
        data, ids = workspace
        first = write_tsv(tmp_path / "a.tsv", ROW)
        second = write_tsv(tmp_path / "b.tsv", ROW.replace("high", "medium"))
        args = [str(first), str(second), "--data", str(data), "--released-ids", str(ids)]
        assert 1 == tool.main(["--provenance", "research-1961-1991", *args, "--update"])
        assert "already used on line 2 of a.tsv" in capsys.readouterr().err

    def test_missing_columns(self, tmp_path):
        """A file without the expected header is refused."""
        path = tmp_path / "h.tsv"
        path.write_text("name\tyear\nX\t1970\n", encoding="utf-8")
        with pytest.raises(ValueError, match="missing columns profession"):
            tool.read_tsv(path, provenance=LATER)


class TestAtomicWrites:
    @staticmethod
    def _snapshot(data: Path) -> dict[str, bytes]:
        """Give the data file an old CSV beside it; return every file's bytes by name."""
        data.with_suffix(".csv").write_bytes(b"old csv\n")
        return {p.name: p.read_bytes() for p in data.parent.iterdir()}

    def test_full_disk_while_writing_changes_nothing(self, workspace, monkeypatch, capsys):
        """A write failing part-way (a full disk) leaves every file as it was, no leftovers."""
        data, ids = workspace
        before = self._snapshot(data)
        real_fsync = os.fsync
        calls = []

        def fsync(fd):
            calls.append(fd)
            if len(calls) == 2:  # the second file: the CSV
                raise OSError(errno.ENOSPC, "No space left on device")
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        args = ["--landed", "--data", str(data), "--released-ids", str(ids)]
        assert 1 == tool.main(args)
        assert before == {p.name: p.read_bytes() for p in data.parent.iterdir()}
        assert "No space left on device" in capsys.readouterr().err

    def test_failure_before_writing_changes_nothing(self, workspace, monkeypatch):
        """A failure making the CSV leaves the JSON unchanged (it used to be written first)."""
        data, ids = workspace
        before = self._snapshot(data)

        def fail(_self):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(defectors.Dataset, "to_csv", fail)
        args = ["--landed", "--data", str(data), "--released-ids", str(ids)]
        assert 1 == tool.main(args)
        assert before == {p.name: p.read_bytes() for p in data.parent.iterdir()}

    def test_success_replaces_all_four_and_leaves_no_temporary_files(self, workspace, dataset):
        """On success the JSON, CSV, packed copy and id list are new, and only they are there."""
        data, ids = workspace
        assert 0 == tool.main(["--landed", "--data", str(data), "--released-ids", str(ids)])
        assert {"defectors.json", "defectors.csv", "records.json", "ids.txt"} == {
            p.name for p in data.parent.iterdir()
        }
        imported = [r for r in dataset if r.provenance is not defectors.Provenance.WIKIPEDIA_LIST]
        assert len(imported) == len(ids.read_text().split())


class TestSplitName:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Viktor Suvorov (Vladimir Rezun)", ("Viktor Suvorov", ("Vladimir Rezun",))),
            ("  Jane Roe  ( Jana Rová )  ", ("Jane Roe", ("Jana Rová",))),
            ("A (B) (C)", ("A (B)", ("C",))),
            ("Name(Other)", ("Name(Other)", ())),
            ("Name ()", ("Name ()", ())),
            ("(Other)", ("(Other)", ())),
            ("Plain Name", ("Plain Name", ())),
        ],
    )
    def test_forms(self, text, expected):
        """A trailing parenthesised name after a space is an other name; nothing else is."""
        assert expected == tool.split_name(text)

    def test_long_runs_of_spaces(self):
        """A million spaces before a parenthesis split at once (the old regex took hours)."""
        assert ("a", ()) == tool.split_name("a" + " " * 1_000_000)
        assert ("a", ("b",)) == tool.split_name("a" + " " * 1_000_000 + "(b)")
