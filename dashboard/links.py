"""Links between pages that carry the view in the URL, with data text shown as plain text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.text import md_text
from metrics.periods import period_key

EXPLORER = "pages/explorer.py"


def explorer_params(measure_id: str, period: pd.Timestamp | None, **extra: str) -> dict[str, str]:
    """The explorer's URL parameters for one measure (and the period being looked at)."""
    params = {"measure": measure_id}
    if period is not None:
        params["period"] = period_key(period)
    params.update({k: v for k, v in extra.items() if v})
    return params


def explorer_link(
    label: str, measure_id: str, period: pd.Timestamp | None, container=None, key_help: str = ""
) -> None:
    """A link that opens the measure explorer on this measure."""
    where = container or st
    where.page_link(
        EXPLORER,
        label=md_text(label, one_line=True),
        query_params=explorer_params(measure_id, period),
        help=key_help or None,
    )
