"""Benchmarks and Table 13 as printed in the board pack (PDF pages, slides and Excel sheets).

Display frames are built once here so the PDF, the slides and the workbook show the same words;
the PDF pages that lay them out are exports/pdf/benchmarks.py and exports/pdf/finance.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from metrics.formatting import format_value
from metrics.periods import financial_year
from metrics.vocab import status_label

if TYPE_CHECKING:
    from exports.pack import Pack

_GAP_WORD = {"pp": "pp", "%": "%"}


def _signed(value: object, unit: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    number = float(value)
    sign = "−" if number < 0 else "+" if number > 0 else ""
    return f"{sign}{abs(number):,.1f} {_GAP_WORD.get(unit, unit)}"


def benchmark_display(pack: Pack) -> pd.DataFrame:
    """One row per benchmarked measure, numbers as they read in the pack."""
    table = pack.benchmarks
    if table.empty:
        return pd.DataFrame()

    def rank(r: pd.Series) -> str:
        if pd.isna(r["rank"]):
            return "–"
        return f"{int(r['rank'])} of {int(r['ranked'])}"

    return pd.DataFrame(
        {
            "Measure ID": table["measure_id"],
            "Measure": table["name"],
            "Year": table["period"].map(financial_year),
            "Council": [
                format_value(v, u) for v, u in zip(table["council"], table["unit"], strict=True)
            ],
            "England": [
                format_value(v, u) for v, u in zip(table["england"], table["unit"], strict=True)
            ],
            "Region": [
                format_value(v, u) for v, u in zip(table["region"], table["unit"], strict=True)
            ],
            "Gap to England": [
                _signed(v, u) for v, u in zip(table["gap"], table["gap_unit"], strict=True)
            ],
            "Compared with England": table["versus_england"].map(
                lambda w: "–" if w == "no comparison" else f"{w.capitalize()} England"
            ),
            "Change on previous year": [
                _signed(v, u) for v, u in zip(table["change"], table["change_unit"], strict=True)
            ],
            "Rank among neighbours": table.apply(rank, axis=1),
            "Quartile (1 = best)": table["quartile"].map(
                lambda q: "–" if pd.isna(q) else str(int(q))
            ),
        }
    )


def finance_display(pack: Pack) -> pd.DataFrame:
    """Table 13 in £000 with the traffic light as shape and word."""
    table = pack.finance
    if table.empty:
        return pd.DataFrame()

    def k(value: object) -> str:
        return "–" if value is None or pd.isna(value) else f"{float(value) / 1000:,.0f}"

    return pd.DataFrame(
        {
            "Service area": table["service_area"],
            "Net budget £000": table["net_budget"].map(k),
            "Forecast £000": table["forecast"].map(k),
            "Variance £000": table["variance"].map(k),
            "Variance %": table["variance_pct"].map(lambda p: "–" if pd.isna(p) else f"{p:.2f}%"),
            "Last reported £000": table["variance_last_reported"].map(k),
            "Change £000": table["change"].map(k),
            "Traffic light": table["light"].map(status_label),
        }
    )
