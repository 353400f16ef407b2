"""Spreadsheet formula-injection defence for CSV and Excel output (OWASP "CSV injection").

Commentary and improvement plans are free text typed by services; a cell that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula when the file is opened
in Excel. Such text gets a leading `'` so it is shown as typed. Numbers are never touched: a
negative number is a number, not text.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

#: Characters that make a spreadsheet treat a text cell as a formula (or DDE command).
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that would be read as a formula gets a leading `'`; anything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised; numeric and date columns are left alone."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue
        out[column] = pd.Series([neutralise(v) for v in series], index=series.index, dtype=object)
    return out


def _whole_numbers_as_int(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole numbers in float columns are written as `1448`, not `1448.0` (others unchanged)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_float_dtype(series):
            values = [
                int(v) if pd.notna(v) and float(v).is_integer() and abs(v) < 2**53 else v
                for v in series
            ]
            out[column] = pd.Series(values, index=series.index, dtype=object)
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as UTF-8 with a byte-order mark (so Excel shows £ and ▲), injection-safe."""
    safe = neutralise_frame(_whole_numbers_as_int(frame))
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
