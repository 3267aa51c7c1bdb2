"""The public Hypothesis strategies generate valid values."""

from __future__ import annotations

from hypothesis import given

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
