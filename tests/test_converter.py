"""The documented cattrs converter."""

from __future__ import annotations

import datetime as dt
import json

import cattrs
import pytest
from hypothesis import given

import defectors
from defectors import Defector
from defectors.testing import defectors as defector_strategy


class TestRoundTrip:
    @given(defector_strategy())
    def test_structure_inverts_unstructure(self, record):
        """structure(unstructure(d), Defector) == d for every valid record."""
        conv = defectors.make_converter()
        assert record == conv.structure(conv.unstructure(record), Defector)

    @given(defector_strategy())
    def test_unstructured_is_json_ready(self, record):
        """Unstructure gives data that survives json.dumps and json.loads unchanged."""
        data = defectors.converter.unstructure(record)
        assert data == json.loads(json.dumps(data))

    def test_bundled_records_round_trip(self, dataset):
        """Every bundled record round-trips through the public converter."""
        conv = defectors.converter
        assert list(dataset) == [conv.structure(conv.unstructure(r), Defector) for r in dataset]


class TestRepresentation:
    def test_documented_forms(self, dataset):
        """Countries are keys, dates ISO strings, enums values, tuples lists."""
        record = next(r for r in dataset if r.route)
        data = defectors.converter.unstructure(record)
        assert (
            record.origin.key,
            [c.key for c in record.route],
            [s.value for s in record.sectors],
            record.outcome.value,
        ) == (data["origin"], data["route"], data["sectors"], data["outcome"])

    def test_date_is_iso(self):
        """A date unstructures to YYYY-MM-DD."""
        assert "1961-06-16" == defectors.converter.unstructure(dt.date(1961, 6, 16))


class TestStrictness:
    def test_string_year_is_rejected(self, dataset):
        """The converter does not turn "1945" into 1945."""
        data = defectors.converter.unstructure(dataset[0])
        data["year"] = "1924"
        with pytest.raises(cattrs.ClassValidationError) as info:
            defectors.converter.structure(data, Defector)
        assert ["invalid value for type, expected int @ $.year"] == cattrs.transform_error(
            info.value
        )
        assert "expected an integer, not str" == str(info.value.exceptions[0])

    def test_extra_key_is_rejected(self, dataset):
        """A misspelt field is an error, not silently dropped."""
        data = defectors.converter.unstructure(dataset[0])
        data["yeer"] = 1924
        with pytest.raises(cattrs.ClassValidationError) as info:
            defectors.converter.structure(data, Defector)
        assert "yeer" in "; ".join(cattrs.transform_error(info.value))


class TestIndependence:
    def test_make_converter_returns_new_converters(self):
        """Each call returns a distinct converter."""
        assert defectors.make_converter() is not defectors.make_converter()

    def test_user_hooks_do_not_change_load(self, tmp_path, dataset):
        """Hooks registered on defectors.converter do not change how load() reads files."""
        path = tmp_path / "mine.json"
        path.write_text(dataset[:2].to_json(), encoding="utf-8")
        conv = defectors.converter
        conv.register_structure_hook(Defector, lambda _d, _t: "hijacked")
        try:
            assert dataset[:2] == defectors.load(path)
        finally:
            conv.register_structure_hook(
                Defector, defectors.make_converter().get_structure_hook(Defector)
            )
