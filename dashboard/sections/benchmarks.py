"""The Benchmarks page's table as printed (numbers stay numbers, words beside them)."""

from __future__ import annotations

import pandas as pd

from metrics.periods import financial_year

UNIT_WORDS = {"pp": "pp", "%": "% of England"}


def annex(table: pd.DataFrame) -> pd.DataFrame:
    """The table as printed: numbers stay numbers (sortable), units and words beside them."""
    return pd.DataFrame(
        {
            "Measure": table["name"] + " (" + table["measure_id"] + ")",
            "Year": table["period"].map(financial_year),
            "Council": table["council"],
            "England": table["england"],
            "Gap to England": table["gap"].round(1),
            "Gap in": table["gap_unit"].map(UNIT_WORDS),
            "Compared with England": table["versus_england"].map(
                lambda w: "–" if w == "no comparison" else f"{w.capitalize()} England"
            ),
            "Region": table["region"],
            "Change on last year": table["change"].round(1),
            "Change in": table["change_unit"].map({"pp": "pp", "%": "% of last year"}),
            "Rank": table["rank"],
            "Of": table["ranked"].where(table["rank"].notna()),
            "Quartile (1 = best)": table["quartile"],
            "Neighbours with no figure": table["neighbours_missing"],
        }
    )
