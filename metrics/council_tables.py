"""The report's tables as the council prints them: Table 1 by reason, Table 2 across the
financial year with percentages, Table 3 (Red measures by name).

Pure frames from `measure_statuses` output (status = the status used); pages and exports lay
them out.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from metrics.exceptions import red_in_order
from metrics.periods import add_months, financial_year_start, month_label, month_long
from metrics.report import counts_by_frequency, status_counts
from metrics.vocab import FREQUENCY_MONTHS, status_label

#: Table 1's columns: (key in status_counts, heading).
TABLE1_COLUMNS = (
    ("green", status_label("green")),
    ("amber", status_label("amber")),
    ("red", status_label("red")),
    ("monitoring", "Monitoring only"),
    ("data_unavailable", "Data unavailable"),
    ("none_received", "None received (e.g. no complaints)"),
)


def _pct(n: float, total: float) -> str:
    return f"{round(100 * n / total):.0f}%" if total else "0%"


def _cell(n: float, total: float) -> str:
    """'19 (58%)': the count and its share, as one cell."""
    return f"{int(n):,} ({_pct(n, total)})"


def table1(reporting: pd.DataFrame) -> pd.DataFrame:
    """'19 (58%)' cells: counts and row shares by frequency, a Total row, each row's share of all."""
    if reporting.empty:
        return pd.DataFrame()
    table = pd.concat(
        [counts_by_frequency(reporting), status_counts(reporting).rename(index={"all": "total"})]
    )
    grand = int(table.loc["total", "total"])
    out = pd.DataFrame(
        {"Frequency": [str(i).capitalize() if i != "total" else "Total" for i in table.index]}
    )
    for key, heading in TABLE1_COLUMNS:
        out[heading] = [_cell(v, t) for v, t in zip(table[key], table["total"], strict=True)]
    out["Total"] = [_cell(t, grand) for t in table["total"]]
    return out


def financial_year_months(period: dt.date | pd.Timestamp) -> list[pd.Timestamp]:
    """April of the period's financial year up to the period itself."""
    end = pd.Timestamp(period)
    start = pd.Timestamp(financial_year_start(end))
    return list(pd.date_range(start, end, freq="MS"))


def table2(statuses: pd.DataFrame, period: dt.date | pd.Timestamp) -> pd.DataFrame:
    """Each month of the financial year so far: counts and shares of that month's measures."""
    rows = []
    for month in financial_year_months(period):
        reporting = statuses[statuses["period"] == month]
        counts = status_counts(reporting).loc["all"] if len(reporting) else pd.Series(dtype=int)

        def get(key: str, counts: pd.Series = counts) -> int:
            return int(counts.get(key, 0))

        total = get("total")
        row: dict[str, object] = {"Reporting month": month_long(month)}
        for heading, value in (
            (status_label("green"), get("green")),
            (status_label("amber"), get("amber")),
            (status_label("red"), get("red")),
            ("Monitoring only / No data", get("monitoring") + get("data_unavailable")),
            ("None received (e.g. no complaints)", get("none_received")),
        ):
            row[heading] = _cell(value, total)
        row["Total"] = f"{total:,}"
        rows.append(row)
    return pd.DataFrame(rows)


def table3(reporting: pd.DataFrame) -> pd.DataFrame:
    """The measures reporting Red, by id and name."""
    red = red_in_order(reporting)
    return pd.DataFrame(
        {"Measure": [f"{m} {n}" for m, n in zip(red["measure_id"], red["name"], strict=True)]}
    )


NO_PREVIOUS = "No previous data available to enable comparison"


def previous_period(period: pd.Timestamp, frequency: object) -> pd.Timestamp:
    """The measure's own previous reporting period: a bimonthly measure's is two months back."""
    step = FREQUENCY_MONTHS.get(str(frequency), 1)
    return pd.Timestamp(add_months(pd.Timestamp(period), -step))


def exception_table(exceptions: pd.DataFrame, period: dt.date | pd.Timestamp) -> pd.DataFrame:
    """The council's exception table: measure, previous and current status named by month,
    and the director.

    The previous column is headed by its month ("Aug 2024 status") when every row shares one;
    otherwise it is "Previous status" and each cell names its month.
    """
    period = pd.Timestamp(period)
    expected = [previous_period(period, f) for f in exceptions["frequency"]]
    shared = len(set(expected)) == 1
    cells = []
    for row, month in zip(exceptions.itertuples(index=False), expected, strict=True):
        had = isinstance(row.previous_status, str) and pd.notna(row.previous_period)
        if not had:
            cells.append(NO_PREVIOUS)
        elif pd.Timestamp(row.previous_period) != month:
            cells.append(
                f"No report for {month_label(month)} (last: {status_label(row.previous_status)}, "
                f"{month_label(pd.Timestamp(row.previous_period))})"
            )
        else:
            label = status_label(row.previous_status)
            cells.append(label if shared else f"{label} ({month_label(month)})")
    previous = f"{month_label(expected[0])} status" if shared and expected else "Previous status"
    return pd.DataFrame(
        {
            "Measure": [
                f"{m} {n}"
                for m, n in zip(exceptions["measure_id"], exceptions["name"], strict=True)
            ],
            previous: cells,
            f"{month_label(period)} status": [status_label(s) for s in exceptions["status"]],
            "Director": [
                d if isinstance(d, str) and d.strip() else "–" for d in exceptions["director"]
            ],
        }
    )
