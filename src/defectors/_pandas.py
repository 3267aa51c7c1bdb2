"""pandas: the records as a DataFrame of the flat table's columns, and back."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from defectors._flat import COLUMNS, Column, check_header, native_row, record_from_natives
from defectors._model import Defector
from defectors._reader import structure_date
from defectors.exceptions import DatasetError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["from_pandas", "to_pandas"]

_BY_NAME = {c.name: c for c in COLUMNS}


def _pandas(caller: str) -> Any:  # noqa: ANN401 - the pandas module
    try:
        import pandas as pd  # noqa: PLC0415 - optional and heavy: imported on first use
    except ImportError as exc:
        msg = f"{caller} needs pandas: install it with 'pip install \"defectors[pandas]\"'"
        raise ImportError(msg) from exc
    return pd


def _series(pd: Any, column: Column, values: list[object]) -> Any:  # noqa: ANN401 - pandas
    """Return one column of the frame, with the dtype its kind calls for."""
    if column.many:
        series = pd.Series(values, dtype=object)
    elif column.kind == "int":
        series = pd.Series(values, dtype="Int64")
    elif column.kind == "date":
        series = pd.to_datetime(pd.Series(values, dtype=object))
    elif column.category or column.country:
        categories = column.category or sorted({v for v in values if v is not None})  # type: ignore[type-var]
        series = pd.Series(values, dtype=pd.CategoricalDtype(categories))
    else:
        series = pd.Series(values, dtype="string")
    return series


def to_pandas(records: Iterable[Defector]) -> pd.DataFrame:
    """Return *records* as a DataFrame; see :meth:`Dataset.to_pandas`."""
    pandas = _pandas("Dataset.to_pandas()")
    rows = [native_row(r) for r in records]
    data = {
        column.name: _series(pandas, column, [row[index] for row in rows])
        for index, column in enumerate(COLUMNS)
    }
    frame: pd.DataFrame = pandas.DataFrame(data, columns=[c.name for c in COLUMNS])
    return frame


def _missing(value: object) -> bool:
    """Whether a cell is pandas' or Python's mark for a missing value."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    # pd.NA and pd.NaT (and numpy's NaT) are their own types; test them without pandas.
    return type(value).__name__ in {"NAType", "NaTType"} or (
        type(value).__name__ == "datetime64" and str(value) == "NaT"
    )


def _scalar(column: Column, value: object) -> object:
    """Return the native value of one non-missing cell (or item) of *column*."""
    if column.kind == "text":
        if not isinstance(value, str):
            msg = f"expected text, not {type(value).__name__}"
            raise TypeError(msg)
        return str(value)
    if column.kind == "int":
        if isinstance(value, bool):
            msg = "expected an integer, not bool"
            raise TypeError(msg)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        index = getattr(value, "__index__", None)
        if index is None:
            msg = f"expected an integer, not {type(value).__name__}"
            raise TypeError(msg)
        return int(index())
    return _day(value)


def _day(value: object) -> dt.date:
    if isinstance(value, str):
        return structure_date(value)
    if type(value).__name__ == "datetime64":
        value = cast("Any", value).astype("datetime64[us]").item()
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None or value.time() != dt.time():
            msg = f"expected a day, not a time of day ({value.isoformat()})"
            raise ValueError(msg)
        return value.date()
    if isinstance(value, dt.date):
        return value
    msg = f"expected a date, not {type(value).__name__}"
    raise TypeError(msg)


def _native(column: Column, value: object) -> object:
    """Return the native value of one cell of *column*: ``None`` or a tuple where many."""
    if column.many:
        if _missing(value):
            return ()
        if type(value).__name__ == "ndarray" and getattr(value, "ndim", None) == 1:
            value = cast("Any", value).tolist()  # Parquet, Feather and apply() give arrays
        if not isinstance(value, (tuple, list)):
            msg = (
                f"expected a tuple, list or one-dimensional array, not {type(value).__name__} "
                "(to read defectors' CSV, use defectors.load())"
            )
            raise TypeError(msg)
        items = cast("Iterable[object]", value)
        return tuple(None if _missing(v) else _scalar(column, v) for v in items)
    return None if _missing(value) else _scalar(column, value)


def from_pandas(frame: pd.DataFrame) -> list[Defector]:
    """Return the records a DataFrame in :func:`to_pandas`' shape holds; see the method."""
    pandas = _pandas("Dataset.from_pandas()")
    if not isinstance(frame, pandas.DataFrame):
        msg = f"from_pandas() takes a pandas DataFrame, not {type(frame).__name__}"
        raise TypeError(msg)
    names = [str(c) if isinstance(c, str) else repr(c) for c in frame.columns]
    check_header(names, "the DataFrame")
    columns = [_BY_NAME[n] for n in names]
    lists = [frame[c].tolist() for c in frame.columns]
    records: list[Defector] = []
    for index in range(len(frame)):
        natives: dict[str, object] = {}
        for column, values in zip(columns, lists, strict=True):
            if column.derived:
                natives[column.name] = _derived(column, values[index])
                continue
            try:
                natives[column.name] = _native(column, values[index])
            except (ValueError, TypeError) as exc:
                raw = natives.get("id")
                raise DatasetError(
                    f"{exc} (column {column.name})",
                    index=index,
                    record_id=raw if isinstance(raw, str) else None,
                ) from exc
        records.append(record_from_natives(natives, index))
    return records


def _derived(column: Column, value: object) -> object:
    """Keep only whether a derived cell is empty: its value is recomputed from the keys."""
    if column.many:
        return () if _missing(value) or not value else ("...",)
    if _missing(value):
        return None
    return value if isinstance(value, str) else str(value)
