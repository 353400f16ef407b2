"""What a file would change before it is loaded: reported statuses that differ from the rule.

Used by the Data page's preview; the rows are rated with the stored catalogue and the
definitions in force, exactly as they will be once loaded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics.definitions import timeline
from metrics.periods import month_label
from metrics.report import measure_statuses
from metrics.reported import disagreement
from metrics.vocab import status_label
from store import queries
from store.database import read_connection
from store.reads import definition_versions

COLUMNS = ["Measure", "Period", "Reported", "Rule gives", "Note"]


def disagreements_in(db_path: Path, returns: pd.DataFrame | None) -> pd.DataFrame:
    """Every incoming whole-measure row whose reported status (or YTD status) differs from the
    rule's, one line each."""
    empty = pd.DataFrame(columns=COLUMNS)
    if returns is None or returns.empty or not db_path.exists():
        return empty
    rows = returns[returns["team"].fillna("").eq("")].copy()
    given = rows["reported_status"].notna() | rows["reported_ytd_status"].notna()
    rows = rows[given]
    if rows.empty:
        return empty
    rows["period"] = pd.to_datetime(rows["period"])
    with read_connection(db_path) as con:
        catalogue = queries.measures(con)
        segments = timeline(definition_versions(con))
    rated = measure_statuses(rows, catalogue, segments)
    out = []
    for r in rated.itertuples(index=False):
        for reported, computed, note, what in (
            (r.reported_status, r.computed_status, r.status_note, ""),
            (r.reported_ytd_status, r.computed_ytd_status, None, " (YTD)"),
        ):
            if disagreement(reported, computed, note):
                out.append(
                    {
                        "Measure": f"{r.measure_id}{what}",
                        "Period": month_label(r.period),
                        "Reported": status_label(reported),
                        "Rule gives": status_label(computed),
                        "Note": note if isinstance(note, str) else "",
                    }
                )
    return pd.DataFrame(out, columns=COLUMNS)
