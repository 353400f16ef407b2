"""Measure explorer: find a measure, then see its definition, history, teams, SPC and snapshots.

The search (`?q=`) and the chosen measure (`?measure=`) live in the URL so a link restores the
view. Status and direction come from `Dataset.statuses`; SPC from `metrics.spc`.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from charts.performance import measure_trend
from charts.spc import assurance_badge, improvement_for, spc_chart, variation_badge
from charts.waiting import add_ytd_line, team_lines
from dashboard.downloads import csv_button
from dashboard.state import synced_select, view
from dashboard.ui import badge_html, empty_state, styled
from metrics.demo import published_points
from metrics.formatting import format_value, restatement
from metrics.periods import financial_year, month_label, month_long, period_key
from metrics.spc import MIN_POINTS_FOR_ICONS, summarise, xmr
from metrics.vocab import direction_label, status_label

NO_TARGET = "This measure has no target, so it has no RAG status; it is shown for monitoring."
POLARITY_WORDS = {
    "higher_is_better": "Higher is better",
    "lower_is_better": "Lower is better",
    "monitoring_only": "Monitoring only (no better direction)",
}
UNIT_WORDS = {
    "count": "Count",
    "percent": "Per cent",
    "rate": "Rate per 100,000",
    "days": "Days",
    "currency": "Pounds (£)",
    "minutes": "Minutes",
    "number": "Number",
}


def search(catalogue: pd.DataFrame, query: str) -> pd.DataFrame:
    """Measures whose id, name, description or priority contain every word of the query."""
    words = [w for w in query.lower().split() if w]
    if not words:
        return catalogue
    text = (
        catalogue["measure_id"].fillna("")
        + " "
        + catalogue["name"].fillna("")
        + " "
        + catalogue["description"].fillna("")
        + " "
        + catalogue["priority_name"].fillna("")
    ).str.lower()
    hit = pd.Series(True, index=catalogue.index)
    for word in words:
        hit &= text.str.contains(word, regex=False)
    return catalogue[hit]


def tolerance_words(tolerance: object, tolerance_type: object, unit: str) -> str:
    """The amber band in words, e.g. 'Amber within 10% of the target'."""
    if tolerance is None or pd.isna(tolerance):
        return "–"
    value = float(tolerance)
    if tolerance_type == "absolute":
        if unit == "percent":
            amount = f"{value:g} percentage point" + ("" if value == 1 else "s")
        else:
            amount = format_value(value, unit)
        return f"Amber within {amount} of the target"
    return f"Amber within {value * 100:g}% of the target"


def series_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The measure's series as the columns offered for download."""
    columns = [
        "measure_id",
        "name",
        "period",
        "actual",
        "target",
        "status",
        "direction",
        "ytd_actual",
        "ytd_target",
        "ytd_status",
        "commentary",
    ]
    out = rows[[c for c in columns if c in rows]].copy()
    out["period"] = [period_key(p) for p in out["period"]]
    return out


def snapshot_table(rows: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Every snapshot, newest first, with statuses and directions as symbols and words."""
    rows = rows.sort_values("period", ascending=False)

    return pd.DataFrame(
        {
            "Period": [month_label(p) for p in rows["period"]],
            "Actual": [format_value(a, unit) for a in rows["actual"]],
            "Target": [format_value(t, unit) for t in rows["target"]],
            "Status": [status_label(s) for s in rows["status"]],
            "Direction": [
                direction_label(d, m)
                for d, m in zip(rows["direction"], rows["movement"], strict=True)
            ],
            "YTD actual": [format_value(a, unit) for a in rows["ytd_actual"]],
            "YTD status": [
                status_label(s) if isinstance(s, str) else "–" for s in rows["ytd_status"]
            ],
            "Restated": [
                restatement(o, n, unit, w)
                for o, n, w in zip(
                    rows["restated_from"], rows["actual"], rows["loaded_at"], strict=True
                )
            ],
            "Commentary": [c if isinstance(c, str) else "" for c in rows["commentary"]],
        }
    )


RULE_WORDS = {
    "Above UCL": "the latest point is above the upper process limit",
    "Below LCL": "the latest point is below the lower process limit",
    "7 Point Trend (Increasing)": "7 or more points in a row are rising",
    "7 Point Trend (Decreasing)": "7 or more points in a row are falling",
    "2 in 3 Above CL": "2 of 3 points are close to the upper process limit",
    "2 in 3 Below CL": "2 of 3 points are close to the lower process limit",
    "7 Points Above CL": "7 or more points in a row are above the mean",
    "7 Points Below CL": "7 or more points in a row are below the mean",
}


def variation_meaning(summary: pd.Series) -> str:
    """The variation icon's meaning in words, naming the rule the latest point triggered."""
    text = str(summary["variation_text"])
    text = text.replace(", high", ": unusually high").replace(", low", ": unusually low")
    rule = summary.get("special_cause_type")
    if str(summary["variation"]).startswith("special_cause") and isinstance(rule, str):
        text += f" ({RULE_WORDS.get(rule, rule)})"
    return text


def icon_html(title: str, fill: str, text_colour: str, meaning: str) -> str:
    """An SPC icon as a badge with its meaning in words beside it."""
    return (
        f'<span style="background:{fill};color:{text_colour};padding:2px 8px;'
        f'border-radius:4px;font-weight:600;white-space:nowrap">{html.escape(title)}</span> '
        f"{html.escape(meaning)}"
    )


v = view()
st.title("Measure explorer")
catalogue = v.data.catalogue
if v.priority:
    catalogue = catalogue[catalogue["priority_id"] == v.priority]
if catalogue.empty:
    empty_state("There are no measures to explore yet. Load a measures file on the Data page.")
    st.stop()

if "url_q" not in st.session_state:
    st.session_state["url_q"] = st.query_params.get("q", "")
search_col, pick_col = st.columns([1, 2])
query = search_col.text_input(
    "Search measures",
    key="url_q",
    placeholder="ID or words, e.g. DoLS",
    help="Matches the measure ID, name, description or priority. Every word must match.",
)
if query:
    st.query_params["q"] = query
elif "q" in st.query_params:
    del st.query_params["q"]

matches = search(catalogue, query or "")
if matches.empty:
    empty_state(f"No measure matches “{query}”. Try fewer or shorter words.")
    st.stop()
labels = dict(zip(matches["measure_id"], matches["name"], strict=True))
measure_id = synced_select(
    f"Measure ({len(matches):,} of {len(catalogue):,} match)",
    "measure",
    list(labels),
    next(iter(labels)),
    format_func=lambda m: f"{m} – {labels.get(m, m)}",
    container=pick_col,
)

info = catalogue.set_index("measure_id").loc[measure_id]
unit = str(info["unit"])
st.header(f"{info['name']} ({measure_id})")
st.markdown(
    f"**Priority:** {info['priority_id']} – {info['priority_name']} · "
    f"**Director:** {info['director']} · **Portfolio holder:** {info['portfolio_holder']}  \n"
    f"**Frequency:** {str(info['frequency']).capitalize()} · "
    f"**Polarity:** {POLARITY_WORDS.get(info['polarity'], info['polarity'])} · "
    f"**Unit:** {UNIT_WORDS.get(unit, unit)} · "
    f"**Tolerance:** {tolerance_words(info['tolerance'], info['tolerance_type'], unit)}"
)
if isinstance(info.get("description"), str) and info["description"]:
    st.caption(info["description"])

statuses = v.data.statuses
all_rows = statuses[statuses["measure_id"] == measure_id].sort_values("period")
rows = all_rows[all_rows["period"] <= v.period] if v.period is not None else all_rows
if rows.empty:
    when = f" up to {month_long(v.period)}" if v.period is not None else ""
    empty_state(f"No figures have been reported for this measure{when}.")
    st.stop()

current = rows.iloc[-1]
has_target = pd.to_numeric(rows["target"], errors="coerce").notna().any()
if v.period is not None and current["period"] != v.period:
    st.caption(
        f"This measure did not report for {month_long(v.period)}; showing its latest figure, "
        f"{month_long(current['period'])} (it reports {info['frequency']})."
    )
tiles = st.columns(4)
tiles[0].metric(
    f"Actual, {month_label(current['period'])}", format_value(current["actual"], unit), border=True
)
tiles[1].metric("Target", format_value(current["target"], unit), border=True)
tiles[2].metric(
    "Direction of travel",
    direction_label(current["direction"], current["movement"]),
    border=True,
)
tiles[3].metric(
    f"Year to date, {financial_year(current['period'])}",
    format_value(current["ytd_actual"], unit),
    help=f"Year-to-date target {format_value(current['ytd_target'], unit)}",
    border=True,
)
if has_target:
    ytd = current["ytd_status"] if isinstance(current["ytd_status"], str) else "no_data"
    st.markdown(
        f"Status: {badge_html(current['status'])} · Year to date: {badge_html(ytd)}",
        unsafe_allow_html=True,
    )
else:
    empty_state(NO_TARGET)

# Full history.
anchors = published_points()
anchors = anchors[anchors["measure_id"] == measure_id]
comparators = v.data.comparators
fig = measure_trend(
    rows,
    comparators[comparators["measure_id"] == measure_id],
    name=f"{info['name']}: full history",
    unit=unit,
    periods=len(rows),
    anchors=anchors[["period", "value"]],
)
fig = add_ytd_line(fig, rows, unit)
fig.update_layout(height=480)
st.plotly_chart(fig, width="stretch", key="explorer_history")

# Team breakdown.
teams = v.data.team_snapshots
team_rows = teams[(teams["measure_id"] == measure_id) & (teams["period"] <= rows["period"].max())]
if len(team_rows):
    fig = team_lines(team_rows, title=f"{info['name']} by team", unit=unit)
    fig.update_layout(height=440)
    st.plotly_chart(fig, width="stretch", key="explorer_teams")

# SPC.
st.subheader("Statistical process control (XmR)")
improvement = improvement_for(info["polarity"])
frame = pd.DataFrame(
    {
        "series": measure_id,
        "t": rows["period"].to_numpy(),
        "y": pd.to_numeric(rows["actual"], errors="coerce").to_numpy(),
        "target": pd.to_numeric(rows["target"], errors="coerce").to_numpy(),
    }
)
result = xmr(frame, improvement=improvement)
summary = summarise(result).iloc[0]
title, fill, colour = variation_badge(summary["variation"])
st.markdown(
    "**Variation:** " + icon_html(title, fill, colour, variation_meaning(summary)),
    unsafe_allow_html=True,
)
title, fill, colour = assurance_badge(summary["assurance"])
st.markdown(
    "**Assurance:** " + icon_html(title, fill, colour, summary["assurance_text"]),
    unsafe_allow_html=True,
)
points = int(frame["y"].notna().sum())
if summary["variation"] == "insufficient_data":
    st.caption("There is not enough data for process limits: at least 2 figures are needed.")
elif bool(summary["trial_limits"]):
    st.caption(
        f"These are trial limits: the measure has {points} figures, fewer than "
        f"{MIN_POINTS_FOR_ICONS}, so treat the signals with caution."
    )
fig = spc_chart(result, title=f"{info['name']}: SPC chart", unit=unit)
fig.update_layout(height=460)
st.plotly_chart(fig, width="stretch", key="explorer_spc")
st.caption(
    "Points outside the process limits, runs of 7 on one side of the mean, trends of 7 and "
    "2 of 3 near a limit are special cause variation. "
    + {
        "increase": "Higher is better for this measure.",
        "decrease": "Lower is better for this measure.",
        "neutral": "This measure has no better direction, so special causes are neither "
        "improvement nor concern.",
    }[improvement]
)

# Snapshots.
st.subheader("Every figure reported")
st.dataframe(
    styled(snapshot_table(rows, unit), status_columns=("Status", "YTD status")),
    hide_index=True,
    width="stretch",
    key="explorer_snapshots",
    column_config={
        "Period": st.column_config.TextColumn("Period", width="small"),
        "Actual": st.column_config.TextColumn("Actual", width="small"),
        "Target": st.column_config.TextColumn("Target", width="small"),
        "Restated": st.column_config.TextColumn("Restated", width="medium"),
        "Commentary": st.column_config.TextColumn("Commentary", width="large"),
    },
)
csv_button(v, series_frame(rows), f"{measure_id}-series", key="explorer_csv")
