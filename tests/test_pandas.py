"""pandas: to_pandas() gives typed columns, and Dataset.from_pandas() reads them back."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from hypothesis import given

import defectors
from defectors import Dataset, DatasetError
from defectors.testing import datasets

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")


class TestDtypes:
    def test_states_and_enums_are_categorical(self, dataset):
        """Countries, outcome and confidence are categorical columns."""
        frame = dataset.to_pandas()
        assert {"category"} == {
            str(frame[c].dtype)
            for c in ("origin", "origin_key", "destination", "outcome", "confidence")
        }

    def test_numbers_dates_and_text(self, dataset):
        """Year and decade are nullable integers, date a datetime, text the string dtype."""
        frame = dataset.to_pandas()
        assert ("Int64", "Int64", "string") == (
            str(frame["year"].dtype),
            str(frame["decade"].dtype),
            str(frame["name"].dtype),
        )
        assert pd.api.types.is_datetime64_any_dtype(frame["date"])

    def test_multi_valued_cells_are_tuples(self, dataset):
        """Sectors and the source columns hold tuples, one item a value."""
        row = dataset.to_pandas().set_index("id").loc["boris-bazhanov"]
        assert (("government",), ("IRN", "IND")) == (row["sectors"], row["route_keys"])

    def test_outcome_categories_are_every_value(self, dataset):
        """An enum column's categories are all its values, present or not."""
        frame = dataset[:1].to_pandas()
        assert ["defected", "attempted"] == list(frame["outcome"].cat.categories)

    def test_pivot_of_states_by_decade(self, dataset):
        """A pivot table of defections per state per decade counts every record once."""
        frame = dataset.to_pandas()
        table = frame.pivot_table(
            index="origin", columns="decade", values="id", aggfunc="count", observed=True
        )
        assert len(dataset) == int(table.fillna(0).to_numpy().sum())


class TestFromPandas:
    @given(datasets(max_size=5))
    def test_any_dataset_round_trips(self, ds):
        """Every valid dataset reads back equal from its DataFrame."""
        assert ds == Dataset.from_pandas(ds.to_pandas())

    def test_bundled_dataset_round_trips(self, dataset):
        """The bundled dataset reads back equal from its DataFrame."""
        assert dataset == Dataset.from_pandas(dataset.to_pandas())

    def test_array_cells_are_read(self, dataset):
        """Multi-valued cells held as one-dimensional NumPy arrays (as Parquet gives) are read."""
        import numpy as np  # noqa: PLC0415 - pandas brings it

        frame = dataset[:5].to_pandas()
        for column in ("also_known_as", "sectors", "route_keys", "source_url"):
            frame[column] = frame[column].map(np.array)
        assert dataset[:5] == Dataset.from_pandas(frame)

    def test_frame_built_by_hand(self):
        """A DataFrame with the required columns, plain Python values, reads."""
        frame = pd.DataFrame(
            {
                "id": ["jane-roe"],
                "name": ["Jane Roe"],
                "year": [1977.0],
                "date": ["1977-05-01"],
                "origin_key": ["CSHH"],
                "sectors": [["sport"]],
                "summary": ["A test record."],
                "source_url": [["https://example.org/a"]],
                "source_retrieved": [[pd.Timestamp("2024-01-02")]],
            }
        )
        record = Dataset.from_pandas(frame)[0]
        assert (1977, dt.date(1977, 5, 1), (defectors.Sector.SPORT,), dt.date(2024, 1, 2)) == (
            record.year,
            record.date,
            record.sectors,
            record.sources[0].retrieved,
        )

    @pytest.mark.parametrize(
        "day",
        [dt.date(1977, 5, 1), pd.Timestamp("1977-05-01"), "1977-05-01"],
    )
    def test_date_forms(self, dataset, day):
        """A date cell may be a date, a timestamp at midnight or an ISO 8601 string."""
        frame = dataset[:1].to_pandas().astype(object)
        record = dataset[0]
        frame.at[0, "year"] = 1977
        frame.at[0, "date"] = day
        frame.at[0, "source_retrieved"] = (np.datetime64("2024-01-02"),) * len(record.sources)
        back = Dataset.from_pandas(frame)[0]
        assert (dt.date(1977, 5, 1), dt.date(2024, 1, 2)) == (
            back.date,
            back.sources[0].retrieved,
        )

    def test_edited_frame(self, dataset):
        """Rows a user filtered and changed in pandas read back as those records."""
        frame = dataset.to_pandas()
        frame = frame[frame["origin"] == "Hungary"].copy()
        frame.loc[:, "profession"] = "Athlete"
        back = Dataset.from_pandas(frame)
        assert (len(dataset.filter(origin="Hungary")), {"Athlete"}) == (
            len(back),
            {r.profession for r in back},
        )

    @pytest.mark.parametrize(
        ("column", "value", "message"),
        [
            ("year", "1977", "expected an integer"),
            ("year", True, "not bool"),
            ("date", pd.Timestamp("1977-01-01 10:00"), "not a time of day"),
            ("sectors", "sport", "expected a tuple, list"),
            ("name", 3, "expected text"),
            ("date", 3.5, "expected a date"),
            ("year", object(), "expected an integer"),
        ],
    )
    def test_bad_cells(self, dataset, column, value, message):
        """A cell of the wrong type raises DatasetError naming the row and column."""
        frame = dataset[:2].to_pandas().astype(object)
        frame.at[1, column] = value
        with pytest.raises(DatasetError, match=message) as info:
            Dataset.from_pandas(frame)
        assert 1 == info.value.index

    def test_unknown_column(self, dataset):
        """A column the flat table lacks is refused."""
        frame = dataset[:1].to_pandas().assign(colour="red")
        with pytest.raises(DatasetError, match="unknown column"):
            Dataset.from_pandas(frame)

    def test_not_a_frame(self):
        """Anything but a DataFrame is a TypeError."""
        with pytest.raises(TypeError, match="takes a pandas DataFrame"):
            Dataset.from_pandas([])  # type: ignore[arg-type]

    def test_without_pandas(self, monkeypatch):
        """Without pandas, from_pandas() says which extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"defectors\[pandas\]"):
            Dataset.from_pandas(object())  # type: ignore[arg-type]
