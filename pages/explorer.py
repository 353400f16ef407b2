"""Measure explorer: find a measure, then see its definition, history, teams, SPC and snapshots.

The search (`?q=`) and the chosen measure (`?measure=`) live in the URL so a link restores the
view. Status and direction come from `Dataset.statuses`; SPC from `metrics.spc`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.benchmarks import neighbour_chart
from charts.events import add_events, mark_start
from charts.performance import measure_trend
from charts.replacement import replacement_figure
from charts.spc import assurance_badge, improvement_for, spc_chart, variation_badge
from charts.waiting import add_ytd_line, team_lines
from dashboard.downloads import csv_button
from dashboard.plain import escaped
from dashboard.plan_links import measure_section
from dashboard.sections.explorer import (
    NO_TARGET,
    POLARITY_WORDS,
    SPC_TERMS,
    UNIT_WORDS,
    event_table,
    icon_html,
    rebase_from,
    recorded,
    search,
    series_frame,
    snapshot_table,
    spc_baseline,
    tolerance_words,
    variation_meaning,
)
from dashboard.state import restore_from_url, synced_select, view, write_url
from dashboard.text import md_text
from dashboard.ui import badge_html, empty_state, styled
from metrics.annex import status_note
from metrics.baseline import measure_spc
from metrics.benchmarks import BenchmarkGroups, benchmark_table, neighbour_values
from metrics.definitions import replaced_by
from metrics.events import events_for
from metrics.formatting import format_value
from metrics.periods import (
    financial_year,
    month_label,
    month_long,
    period_key,
)
from metrics.spc import MIN_POINTS_FOR_ICONS
from metrics.vocab import direction_label
from store.reference import published_points

v = view()
st.title("Measure explorer")
catalogue = v.data.catalogue
if v.priority:
    catalogue = catalogue[catalogue["priority_id"] == v.priority]
if catalogue.empty:
    empty_state("There are no measures to explore yet. Load a measures file on the Data page.")
    st.stop()

restore_from_url("url_q", "q", str, "")
search_col, pick_col = st.columns([1, 2])
query = search_col.text_input(
    "Search measures",
    key="url_q",
    placeholder="ID or words, e.g. DoLS",
    help="Matches the measure ID, name, description or priority. Every word must match.",
)
write_url("q", query)

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
st.header(f"{md_text(info['name'])} ({md_text(measure_id)})")
st.markdown(
    f"**Priority:** {md_text(info['priority_id'])} – {md_text(info['priority_name'])} · "
    f"**Director:** {recorded(info['director'])} · "
    f"**Portfolio holder:** {recorded(info['portfolio_holder'])}  \n"
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
note = status_note(current)
if note:
    st.markdown(f"**{md_text(note, one_line=True)}**")

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
segments = v.data.definitions
mine = (
    segments[segments["measure_id"] == measure_id]
    if segments is not None
    else pd.DataFrame(columns=["start"])
)
for start in mine["start"].dropna():
    mark_start(fig, start, "New definition")
add_events(fig, events_for(v.data.events, measure_id), end=rows["period"].max())
fig.update_layout(height=480)
st.plotly_chart(fig, width="stretch", key="explorer_history")
if len(mine) > 1:
    st.subheader("Definition over time")
    st.caption("Each period is rated by the definition in force then.")
    st.dataframe(
        pd.DataFrame(
            {
                "In force from": [
                    month_label(s) if pd.notna(s) else "The first figure" for s in mine["start"]
                ],
                "Polarity": [POLARITY_WORDS.get(p, p) for p in mine["polarity"]],
                "Amber band": [
                    tolerance_words(t, k, unit)
                    for t, k in zip(mine["tolerance"], mine["tolerance_type"], strict=True)
                ],
                "Frequency": [str(f).capitalize() for f in mine["frequency"]],
            }
        ),
        hide_index=True,
        width="stretch",
        key="explorer_definitions",
    )

# A measure that replaced another, or was replaced: both histories, the change marked.
links = replaced_by(v.data.catalogue)
older = info.get("replaces")
older = older if isinstance(older, str) and older else None
newer = links.get(measure_id)
if older or newer:
    old_id, new_id = (older, measure_id) if older else (measure_id, newer)
    st.subheader("Replaced measure")
    st.markdown(
        f"**{md_text(new_id, one_line=True)} replaced {md_text(old_id, one_line=True)}.** Both histories are shown."
    )
    pair = statuses[statuses["measure_id"].isin([old_id, new_id])]
    if v.period is not None:
        pair = pair[pair["period"] <= v.period]
    fig = replacement_figure(
        pair[pair["measure_id"] == old_id], pair[pair["measure_id"] == new_id], old_id, new_id, unit
    )
    fig.update_layout(height=420)
    st.plotly_chart(fig, width="stretch", key="explorer_replaced")

# Benchmarks: England, region and nearest neighbours (the Benchmarks page has every measure).
_groups = BenchmarkGroups.from_env()
_bench = benchmark_table(
    v.data.statuses[v.data.statuses["measure_id"] == measure_id],
    comparators[comparators["measure_id"] == measure_id],
    v.data.catalogue,
    _groups,
    up_to=v.period,
)
if len(_bench):
    _b = _bench.iloc[0]
    st.subheader(f"Benchmarks, {financial_year(_b['period'])}")
    _gap = "–" if pd.isna(_b["gap"]) else f"{_b['gap']:+.1f} {_b['gap_unit']}"
    _rank = "–" if pd.isna(_b["rank"]) else f"{int(_b['rank'])} of {int(_b['ranked'])}"
    _q = "–" if pd.isna(_b["quartile"]) else f"quartile {int(_b['quartile'])}"
    st.caption(
        f"England {format_value(_b['england'], unit)} · gap {_gap} · "
        f"{_b['versus_england']} England · rank among neighbours {_rank} ({_q}). " + _groups.rule()
    )
    _fig = neighbour_chart(
        neighbour_values(
            v.data.statuses,
            comparators,
            measure_id,
            _b["period"],
            _groups,
            council_name="This council",
        ),
        f"{info['name']} among its neighbours, {financial_year(_b['period'])}",
        unit,
    )
    st.plotly_chart(_fig, width="stretch", key="explorer_benchmarks")

# Team breakdown.
teams = v.data.team_rows([measure_id])
team_rows = teams[(teams["measure_id"] == measure_id) & (teams["period"] <= rows["period"].max())]
if len(team_rows):
    fig = team_lines(team_rows, title=f"{info['name']} by team", unit=unit)
    fig.update_layout(height=440)
    st.plotly_chart(fig, width="stretch", key="explorer_teams")

# SPC.
st.subheader("Statistical process control (XmR)")
with st.expander("What an SPC chart tells you (XmR, variation, assurance)", expanded=False):
    st.markdown(SPC_TERMS)
baseline = spc_baseline(rows)
spc = measure_spc(rows, str(info["polarity"]), v.data.events, measure_id, baseline, unit)
summary = spc.summary
improvement = improvement_for(info["polarity"])
title, fill, colour = variation_badge(summary["variation"])
st.markdown(
    "**Variation:** " + icon_html(title, fill, colour, variation_meaning(summary)),
    unsafe_allow_html=True,
)
title, fill, colour = assurance_badge(spc.assurance)
st.markdown(
    "**Assurance:** " + icon_html(title, fill, colour, spc.assurance_text),
    unsafe_allow_html=True,
)
points = int(pd.to_numeric(rows["actual"], errors="coerce").notna().sum())
if summary["variation"] == "insufficient_data":
    st.caption("There is not enough data for process limits: at least 2 figures are needed.")
elif bool(summary["trial_limits"]):
    st.caption(
        f"These are trial limits: the latest set of limits rests on fewer than "
        f"{MIN_POINTS_FOR_ICONS} figures, so treat the signals with caution."
    )
if spc.shift is not None:
    st.warning(spc.shift.sentence, icon="⚠️")
    st.button(
        f"Start new limits from {month_label(spc.shift.start)}",
        key="spc_rebase_shift",
        on_click=rebase_from,
        args=(period_key(spc.shift.start),),
        help="Rebase: compute a new mean and limits from the start of the shift.",
    )
fig = spc_chart(spc.result, title=f"{info['name']}: SPC chart", unit=unit)
add_events(fig, spc.events, start=rows["period"].min(), end=rows["period"].max())
fig.update_layout(height=460)
st.plotly_chart(fig, width="stretch", key="explorer_spc")
if spc.rebased_at:
    st.caption(
        "New limits start in "
        + ", ".join(month_label(p) for p in spc.rebased_at)
        + " (a process change or the date you chose)."
    )
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
if len(spc.events):
    st.markdown("**Events on this measure's charts**")
    st.dataframe(event_table(spc.events), hide_index=True, width="stretch", key="spc_events")

# Snapshots.
st.subheader("Every figure reported")
st.caption(f"All {len(rows):,} figures, newest first; commentary in full.")
# A static table, not a scrolling grid: every row shows and long commentary wraps.
st.table(
    styled(escaped(snapshot_table(rows, unit)), status_columns=("Status", "YTD status")),
    hide_index=True,
)
csv_button(v, series_frame(rows), f"{measure_id}-series", key="explorer_csv")
measure_section(v, measure_id)
