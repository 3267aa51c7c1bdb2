"""Edge cases of the readers, queries and command line that the other test modules leave out."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

import attrs
import cattrs
import pytest

import defectors
from defectors import Dataset, DatasetError, Defector, Outcome, Sector
from defectors._cli import main
from defectors._json import _describe, _field_of


class TestConverterEdges:
    def test_bool_is_strict(self):
        """The converter reads true and false as bools, and refuses 1 and "true"."""
        conv = defectors.make_converter()
        assert [True, False] == [conv.structure(b, bool) for b in (True, False)]
        for value in (1, "true"):
            with pytest.raises(TypeError, match="expected true or false"):
                conv.structure(value, bool)

    def test_arrays_without_detailed_validation(self):
        """A converter without detailed validation reads arrays and refuses strings the same."""
        conv = cattrs.Converter(detailed_validation=False, forbid_extra_keys=True)
        defectors.configure_converter(conv)
        assert ("a", "b") == conv.structure(["a", "b"], tuple[str, ...])
        with pytest.raises(TypeError, match="expected a JSON array, not str"):
            conv.structure("ab", tuple[str, ...])
        with pytest.raises(TypeError, match="expected a string, not int"):
            conv.structure(["a", 1], tuple[str, ...])

    def test_records_need_objects(self):
        """The converter reads a record only from a JSON object."""
        with pytest.raises(TypeError, match="expected a JSON object, not list"):
            defectors.make_converter().structure([], Defector)


class TestErrorDescriptions:
    def test_foreign_notes_are_ignored(self):
        """A note the converter did not add leaves the error's path alone."""
        cause = ValueError("bad")
        cause.__notes__ = ["a note of our own"]  # type: ignore[attr-defined]
        group = cattrs.ClassValidationError("While structuring Defector", [cause], Defector)
        assert ("bad", None) == _describe(group)

    def test_field_from_an_attrs_validator(self):
        """An error raised by one of attrs' own validators names its attribute."""
        with pytest.raises(TypeError) as info:
            defectors.Place(text=5)  # type: ignore[arg-type]
        assert "text" == _field_of("$", info.value)

    def test_no_field_when_nothing_names_one(self):
        """An error that names no field gives none."""
        assert _field_of("$", ValueError("bad")) is None


class TestModelEdges:
    def test_origin_must_be_a_country(self, dataset):
        """A record's origin must be a Country, not its key."""
        with pytest.raises(TypeError, match="origin must be a Country, not str") as info:
            attrs.evolve(dataset[0], origin="SUHH")
        assert "origin" == info.value.field  # type: ignore[attr-defined]

    def test_era_prints_as_its_name(self):
        """str() of an era is its name."""
        assert "Khrushchev" == str(defectors.get_era("khrushchev"))

    def test_unknown_country_object(self):
        """A Country with a key the table lacks is refused when built, naming the key."""
        with pytest.raises(defectors.InvalidRecordError, match="'atlantis'") as info:
            defectors.Country(key="atlantis", name="Atlantis")
        assert "key" == info.value.field


class TestPeriodEdges:
    def test_month_zero(self):
        """An EDTF month 00 is refused, naming the month."""
        with pytest.raises(defectors.PeriodParseError, match="there is no month 00"):
            defectors.parse_period("1956-00")

    def test_year_zero(self):
        """A range starting in year 0 (no such year in the calendar) is refused."""
        with pytest.raises(defectors.PeriodParseError, match="'0000-0001'"):
            defectors.parse_period("0000-0001")


class TestQueryEdges:
    def test_outcome_member(self, dataset):
        """filter(outcome=) takes an Outcome member as well as its value."""
        assert dataset.filter(outcome="attempted") == dataset.filter(outcome=Outcome.ATTEMPTED)

    def test_sorted_by_sector(self, dataset):
        """sorted_by("sector") orders by the first sector, records with none last."""
        order = list(Sector)
        ranks = [
            order.index(r.sectors[0]) if r.sectors else len(order)
            for r in dataset.sorted_by("sector")
        ]
        assert sorted(ranks) == ranks

    def test_count_by_agrees_with_group_by(self, dataset):
        """count_by() gives each group_by() key its group's size, largest first."""
        for field in ("origin", "sector", "era", "decade", "birth_country"):
            groups = dataset.group_by(field)
            counts = dataset.count_by(field)
            assert {k: len(v) for k, v in groups.items()} == counts
            assert sorted(counts.values(), reverse=True) == list(counts.values())

    def test_unknown_field_on_empty_dataset(self):
        """An unknown field is an error even when there are no records."""
        for method in (Dataset().sorted_by, Dataset().group_by, Dataset().count_by):
            with pytest.raises(ValueError, match="unknown field 'name'"):
                method("name")  # type: ignore[arg-type]

    def test_search_after_filter(self, dataset):
        """A filtered dataset searches its own records only."""
        polish = dataset.filter(origin="Poland")
        assert [r for r in dataset.search("milosz") if r in polish] == list(polish.search("milosz"))

    def test_slices_search_their_own_index(self, dataset):
        """Each slice builds its own search index from its own records."""
        assert [] == list(dataset[:1].search("milosz"))
        assert ["czeslaw-milosz"] == [r.id for r in dataset.search("czeslaw milosz")]


class TestLoadEdges:
    def test_json_lines_skip_blank_lines(self, tmp_path, dataset):
        """Blank lines in a JSON Lines file are skipped."""
        path = tmp_path / "d.jsonl"
        path.write_text("\n" + dataset[:2].to_jsonl().replace("\n", "\n\n"), encoding="utf-8")
        assert dataset[:2] == defectors.load(path)

    def test_long_missing_path_is_kept_whole(self, tmp_path):
        """A missing file raises the usual FileNotFoundError, whose filename is the path given."""
        path = str(tmp_path / ("x" * 200))
        with pytest.raises(FileNotFoundError) as info:
            defectors.load(path)
        assert path == info.value.filename

    def test_line_separators_inside_strings(self, tmp_path, dataset):
        """JSON Lines whose strings hold U+2028, U+2029 or U+0085 load back equal."""
        odd = Dataset([attrs.evolve(dataset[0], summary="a\u2028b\u2029c\x85d")])
        path = tmp_path / "d.jsonl"
        path.write_text(odd.to_jsonl(), encoding="utf-8")
        assert odd == defectors.load(path)

    @pytest.mark.parametrize("form", ['[{{"year": {n}}}]', '{{"year": {n}}}'])
    def test_huge_integer_is_dataset_error(self, tmp_path, form):
        """An integer too long for Python to convert is a DatasetError, not a bare ValueError."""
        path = tmp_path / "d.json"
        path.write_text(form.format(n="1" + "0" * 5000), encoding="utf-8")
        with pytest.raises(DatasetError, match=r"not valid JSON|neither a JSON array"):
            defectors.load(path)

    def test_dates_are_read(self, tmp_path, dataset):
        """A record's day survives writing and reading back."""
        dated = next(r for r in dataset if r.date is not None)
        path = tmp_path / "d.json"
        path.write_text(Dataset([dated]).to_json(), encoding="utf-8")
        assert dated.date == defectors.load(path)[0].date
        assert isinstance(defectors.load(path)[0].date, dt.date)


class TestCommandLineEdges:
    def test_closed_pipe_ends_quietly(self, monkeypatch, capfd):
        """Output to a pipe whose reader has gone ends with status 0 and nothing on stderr."""
        read, write = os.pipe()
        os.close(read)
        out = open(write, "w", encoding="utf-8")  # noqa: PTH123, SIM115 - a raw pipe
        monkeypatch.setattr(sys, "stdout", out)
        try:
            status = main(["list", "--format", "jsonl"])
        finally:
            out.close()
        assert (0, "") == (status, capfd.readouterr().err)

    def test_country_without_known_years(self, capsys):
        """A state with no known first or last year is shown without years."""
        assert 0 == main(["country", "Aruba"])
        assert "ABW\tAruba (current state; alpha-2 AW, alpha-3 ABW)\n" == capsys.readouterr().out

    def test_show_json_reads_back(self, capsys, dataset):
        """The show command with --format json prints the record in the form load() reads."""
        assert 0 == main(["show", "czeslaw-milosz", "--format", "json"])
        row = json.loads(capsys.readouterr().out)
        assert dataset.get("czeslaw-milosz") == defectors.make_converter().structure(row, Defector)

    def test_bad_data_file_is_one_line(self, capsys, tmp_path):
        """A malformed --data file gives one error line naming the record and field."""
        path = tmp_path / "bad.json"
        path.write_text(json.dumps([{"id": "x"}]), encoding="utf-8")
        assert 1 == main(["--data", str(path), "list"])
        err = capsys.readouterr().err
        assert 1 == len(err.splitlines())
        assert err.startswith("defectors: error: record 0 (id 'x') field ")
