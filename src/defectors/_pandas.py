"""pandas: the records as a DataFrame with the flat table's columns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from defectors._flat import FLAT_COLUMNS, flat_row
from defectors._model import Defector

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_pandas"]


def to_pandas(records: Iterable[Defector]) -> pd.DataFrame:
    """Return *records* as a DataFrame; see :meth:`Dataset.to_pandas`."""
    try:
        import pandas as pd  # noqa: PLC0415 - optional and heavy: imported on first use
    except ImportError as exc:
        msg = (
            "Dataset.to_pandas() needs pandas: install it with 'pip install \"defectors[pandas]\"'"
        )
        raise ImportError(msg) from exc

    columns = [name for name, _ in FLAT_COLUMNS]
    rows = [{k: (v if v != "" else None) for k, v in flat_row(r).items()} for r in records]
    frame: pd.DataFrame = pd.DataFrame(rows, columns=columns)
    frame["year"] = frame["year"].astype("int64")
    frame["date"] = pd.to_datetime(frame["date"])
    return frame
