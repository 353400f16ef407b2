"""This week: what the weekly Meaningful Measures meeting opens.

Everything that changed since a chosen date (default: 7 days before the meeting date): loads
and restatements, exceptions that started or stopped, status changes, actions due, overdue,
closed or escalated, and risks whose score moved. Each item links to its page.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.downloads import prepared_pdf
from dashboard.plan_state import meeting_date
from dashboard.sections.this_week import (
    cached_digest,
    with_links,
)
from dashboard.shared import own
from dashboard.state import view
from dashboard.ui import count_tiles, empty_state, styled
from exports.pdf.this_week import week_pdf
from metrics.periods import day_label
from plan.tables import week_tables
from plan.this_week import default_since
from store.database import db_version

v = view()
st.title("This week")
until, note = meeting_date(v)
if note:
    st.caption(note)
pick, _ = st.columns([1, 3])
since = pick.date_input(
    "Changes since",
    value=default_since(until),
    max_value=until,
    format="DD/MM/YYYY",
    key="week_since",
    help="Loads on or after this date count as this week's. Default: 7 days before the meeting.",
)
st.caption(
    f"Meeting date {day_label(until)}. Changes loaded from {day_label(since)} to "
    f"{day_label(until)}; actions due up to {day_label(until + dt.timedelta(days=14))}."
)

digest = own(cached_digest(str(v.settings.db_path), db_version(v.settings.db_path), since, until))
tables = week_tables(digest)

with st.popover("Download this week as a one-page PDF"):
    prepared_pdf(
        v,
        ("week_pdf", db_version(v.settings.db_path), since, until),
        lambda: week_pdf(digest, tables, demo=v.data.demo),
        f"this-week-{until:%Y-%m-%d}.pdf",
        ("Prepare the PDF", "Download the PDF"),
        ("week_prepare", "week_download"),
    )

SECTIONS = (
    ("Loads and restatements", ("Loads", "Restatements")),
    ("Exceptions", ("Became exceptions", "Stopped being exceptions")),
    ("Status changes", ("Status changes",)),  # one list: its own heading
    (
        "Actions",
        (
            "Actions due in the next 14 days",
            "Actions overdue",
            "Actions closed",
            "Actions escalated",
        ),
    ),
    ("Risks", ("Risks whose score moved",)),
)
EMPTY = {
    "Loads": "Nothing was loaded in this window.",
    "Restatements": "No figure was restated.",
    "Became exceptions": "No measure became an exception.",
    "Stopped being exceptions": "No measure stopped being an exception.",
    "Status changes": "No measure changed status.",
    "Actions due in the next 14 days": "No open action falls due in the next 14 days.",
    "Actions overdue": "No action is overdue.",
    "Actions closed": "No action was completed or closed.",
    "Actions escalated": "No action was escalated.",
    "Risks whose score moved": "No risk's residual score moved.",
}

count_tiles(
    [
        (label, len(tables[name]))
        for label, name in (
            ("Loads", "Loads"),
            ("Became exceptions", "Became exceptions"),
            ("Actions overdue", "Actions overdue"),
            ("Actions escalated", "Actions escalated"),
            ("Risks moved", "Risks whose score moved"),
        )
    ]
)

for heading, names in SECTIONS:
    if len(names) > 1:
        st.header(heading)
    for name in names:
        table = tables[name]
        title = f"{name} ({len(table):,})"
        if len(names) == 1:
            st.header(title)
        else:
            st.subheader(title)
        if table.empty:
            empty_state(EMPTY[name])
            continue
        shown, config = with_links(table, v)
        st.dataframe(
            styled(shown, status_columns=("Was", "Now")),
            hide_index=True,
            width="stretch",
            column_config=config,
            key=f"week_{name}",
        )
