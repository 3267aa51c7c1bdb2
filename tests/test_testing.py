"""The public Hypothesis strategies generate valid values."""

from __future__ import annotations

import pytest
from hypothesis import Phase, find, given, settings

import defectors
from defectors import testing


class TestStrategies:
    @given(testing.defectors())
    def test_records_are_valid(self, record):
        """Generated records are Defector instances with in-range years."""
        assert isinstance(record, defectors.Defector)
        assert 1917 <= record.year <= 1991

    @given(testing.datasets(max_size=5))
    def test_datasets_have_unique_ids(self, ds):
        """Generated datasets have unique ids."""
        assert len(ds) == len(set(ds.ids))

    @given(testing.origins())
    def test_origins_are_bloc_states(self, country):
        """Generated origins are the eight states."""
        assert country.key in {"SUHH", "POL", "CSHH", "HUN", "ROU", "BGR", "DDDE", "ALB"}

    @given(testing.defectors(id=testing.ids().map(lambda s: "x-" + s)))
    def test_id_strategy_is_used(self, record):
        """A given id strategy is used for the id."""
        assert record.id.startswith("x-")


class TestFullRange:
    @pytest.mark.parametrize(
        "condition",
        [
            lambda r: r.profession == "",
            lambda r: r.profession is not None and r.profession.isspace(),
            lambda r: "\u200b" in r.name or "\ufeff" in r.name,
            lambda r: "\x00" in r.summary or "\x1b" in r.summary,
            lambda r: any(ord(c) > 0xFFFF for c in r.name),
            lambda r: "\u2028" in r.summary,
            lambda r: len(r.id) > 60,
            lambda r: any(s.retrieved is not None and s.retrieved.year < 1900 for s in r.sources),
            lambda r: any(not s.url.startswith("https://") for s in r.sources),
        ],
        ids=[
            "empty profession",
            "blank profession",
            "invisible characters",
            "control characters",
            "astral characters",
            "line separator",
            "long id",
            "old retrieval day",
            "any url",
        ],
    )
    def test_strategies_reach_awkward_valid_values(self, condition):
        """The record strategy reaches the corners of valid input, not only tidy text."""
        found = find(
            testing.defectors(),
            condition,
            settings=settings(max_examples=2000, database=None, phases=[Phase.generate]),
        )
        assert condition(found)

    @settings(max_examples=50)  # each example writes and reads two files
    @given(testing.datasets(max_size=4))
    def test_generated_datasets_write_and_load_back(self, tmp_path_factory, ds):
        """Every generated dataset writes to JSON, JSON Lines and CSV, and loads back equal."""
        folder = tmp_path_factory.mktemp("round-trip")
        for name, text in (("a.json", ds.to_json()), ("a.jsonl", ds.to_jsonl())):
            path = folder / name
            path.write_text(text, encoding="utf-8")
            if name.endswith("jsonl") and not ds:
                continue  # no lines: JSON Lines cannot say "no records" on purpose
            assert ds == defectors.load(path)
        assert ds.to_csv().count("\n") >= len(ds)

    @given(testing.texts(min_size=0, blank=True))
    def test_texts_are_valid_unicode(self, text):
        """Generated text always encodes as UTF-8: no lone surrogates."""
        assert text == text.encode("utf-8").decode("utf-8")
