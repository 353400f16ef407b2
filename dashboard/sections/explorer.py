"""The Measure explorer's sections: the heading, latest figure, history, replacement, benchmarks,
teams, SPC (with its baseline controls, kept in the URL) and every figure reported.
"""

from __future__ import annotations

import html

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
from dashboard.state import View, restore_choice, restore_from_url, write_url
from dashboard.text import md_text
from dashboard.ui import badge_html, empty_state, styled
from metrics.annex import status_note
from metrics.baseline import Baseline, measure_spc
from metrics.benchmarks import BenchmarkGroups, benchmark_table, neighbour_values
from metrics.definitions import replaced_by
from metrics.events import events_for
from metrics.formatting import format_value, restatement
from metrics.periods import (
    day_label,
    financial_year,
    month_label,
    month_long,
    parse_period,
    period_key,
)
from metrics.spc import MIN_FIX_AFTER, MIN_POINTS_FOR_ICONS
from metrics.vocab import direction_label, status_label
from store.reference import published_points

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


def recorded(value: object) -> str:
    """Optional catalogue text, shown literally, or 'Not recorded' when blank."""
    return md_text(value) if isinstance(value, str) and value.strip() else "Not recorded"


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
            "Status note": [status_note(r) for _, r in rows.iterrows()],
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


SPC_TERMS = """
**SPC** (statistical process control) separates the ordinary ups and downs of a measure from
real change. **XmR** is the chart used here: each figure (X) is plotted with its mean and
process limits worked out from the moving range (mR, the gap between one figure and the
next). The limits are where the figures will fall 99% of the time if nothing changes.

**Variation** (the first icon, as in NHS England's *Making Data Count*):
- *Common cause* (grey): the figures move within their usual range; nothing has changed.
- *Special cause – improvement* (blue): a real change for the better: a point outside a
  limit, 7 points in a row on the good side of the mean, 7 rising or falling in a row, or 2 of
  3 points close to a limit.
- *Special cause – concern* (orange): the same signals, on the bad side.
- *Special cause – neither* (purple): a real change in a measure with no better direction.

**Assurance** (the second icon): will the process meet its target?
- *Consistently passing*: the target lies outside the limits, on the good side: every figure
  the process is expected to produce meets it.
- *Consistently failing*: the target lies outside the limits on the bad side: no expected
  figure meets it, so something must change in the process, not just more effort.
- *Hit and miss*: the target lies inside the limits: the process will meet it some months
  and miss it in others, by chance alone.

**Rebasing**: when the process really changes (a new team, a new system), the old limits
describe a process that has gone. A *process change* event starts a new set of limits; you can
also start them from a date, or fix the limits after the first N figures.
"""


def rebase_from(value: str) -> None:
    """Rebase from a period: kept in the URL so the link opens the same limits."""
    st.session_state["spc_since"] = value
    write_url("spc_since", value)


def _fix_after(raw: str) -> int:
    """`?spc_fix=N` as the number input's value: N when it is a whole number, at least MIN_FIX_AFTER; else 0."""
    return int(raw) if raw.isdigit() and int(raw) >= MIN_FIX_AFTER else 0


def spc_baseline(rows: pd.DataFrame) -> Baseline:
    """The baseline controls (kept in the URL): fix after N points, since a date, events."""
    options = [""] + [period_key(p) for p in rows["period"]]
    restore_choice("spc_since", "spc_since", options, "")
    most = max(len(rows), MIN_FIX_AFTER)
    restore_from_url("spc_fix", "spc_fix", _fix_after, 0)
    if st.session_state["spc_fix"] > most:  # another measure with fewer figures
        st.session_state["spc_fix"] = 0
    restore_from_url("spc_events", "spc_events", lambda raw: raw != "0", True)
    box = st.container(border=True, key="spc_controls")
    box.markdown("**Limits (the baseline)**")
    c1, c2, c3 = box.columns([1.2, 1.2, 1.4])
    since = c1.selectbox(
        "Start new limits from",
        options,
        key="spc_since",
        format_func=lambda p: "The first figure" if p == "" else month_label(parse_period(p)),
        help="Rebase: a new mean and limits from this month on.",
    )
    fix = c2.number_input(
        "Fix limits after N points (0 = use all)",
        min_value=0,
        max_value=most,
        step=1,
        key="spc_fix",
        help=f"Work out the limits from the first N figures (at least {MIN_FIX_AFTER}) of each "
        "set and hold them for the rest, so later figures are judged against them.",
    )
    use_events = c3.checkbox(
        "New limits at each process change (events)",
        key="spc_events",
        help="Process changes recorded in events.csv start a new set of limits.",
    )
    write_url("spc_since", since)
    write_url("spc_fix", str(int(fix)) if fix else "")
    write_url("spc_events", "1" if use_events else "0", default="1")
    fixed = int(fix) if fix and int(fix) >= MIN_FIX_AFTER else None
    if fix and fixed is None:
        box.caption(f"Limits are fixed after {MIN_FIX_AFTER} points or more; using all points.")
    return Baseline(
        fix_after=fixed,
        since=pd.Timestamp(parse_period(since)) if since else None,
        use_events=bool(use_events),
    )


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """Events as people read them: date, which measures, what, and whether limits restart."""
    return pd.DataFrame(
        {
            "Date": [day_label(d) for d in events["date"]],
            "Applies to": [m if m else "Every measure" for m in events["measure_id"].fillna("")],
            "Event": list(events["label"]),
            "New limits": ["Yes: process change" if p else "No" for p in events["process_change"]],
        }
    )


def measure_heading(info: pd.Series, measure_id: str, unit: str) -> None:
    """The measure's name and id, then its definition: priority, owners, frequency, polarity, unit, tolerance."""
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
        st.caption(md_text(info["description"]))


def latest_figure(
    rows: pd.DataFrame, info: pd.Series, unit: str, period: pd.Timestamp | None
) -> None:
    """The latest figure's tiles (actual, target, direction, year to date) and its status."""
    current = rows.iloc[-1]
    has_target = pd.to_numeric(rows["target"], errors="coerce").notna().any()
    if period is not None and current["period"] != period:
        st.caption(
            f"This measure did not report for {month_long(period)}; showing its latest figure, "
            f"{month_long(current['period'])} (it reports {info['frequency']})."
        )
    tiles = st.columns(4)
    tiles[0].metric(
        f"Actual, {month_label(current['period'])}",
        format_value(current["actual"], unit),
        border=True,
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


def history_section(
    v: View, rows: pd.DataFrame, info: pd.Series, measure_id: str, unit: str
) -> None:
    """The full history with comparators, published anchors, definitions and events marked."""
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


def replaced_section(v: View, info: pd.Series, measure_id: str, unit: str) -> None:
    """A measure that replaced another, or was replaced: both histories, the change marked."""
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
        statuses = v.data.statuses
        pair = statuses[statuses["measure_id"].isin([old_id, new_id])]
        if v.period is not None:
            pair = pair[pair["period"] <= v.period]
        fig = replacement_figure(
            pair[pair["measure_id"] == old_id],
            pair[pair["measure_id"] == new_id],
            old_id,
            new_id,
            unit,
        )
        fig.update_layout(height=420)
        st.plotly_chart(fig, width="stretch", key="explorer_replaced")


def benchmarks_section(v: View, info: pd.Series, measure_id: str, unit: str) -> None:
    """England, region and nearest neighbours (the Benchmarks page has every measure)."""
    comparators = v.data.comparators
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
            f"{_b['versus_england']} England · rank among neighbours {_rank} ({_q}). "
            + _groups.rule()
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


def teams_section(v: View, rows: pd.DataFrame, info: pd.Series, measure_id: str, unit: str) -> None:
    """The measure by team, up to the latest figure shown."""
    teams = v.data.team_rows([measure_id])
    team_rows = teams[
        (teams["measure_id"] == measure_id) & (teams["period"] <= rows["period"].max())
    ]
    if len(team_rows):
        fig = team_lines(team_rows, title=f"{info['name']} by team", unit=unit)
        fig.update_layout(height=440)
        st.plotly_chart(fig, width="stretch", key="explorer_teams")


def spc_section(v: View, rows: pd.DataFrame, info: pd.Series, measure_id: str, unit: str) -> None:
    """The XmR chart with its variation and assurance icons, baseline controls and events."""
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


def snapshots_section(v: View, rows: pd.DataFrame, measure_id: str, unit: str) -> None:
    """Every figure reported, newest first with commentary in full, and the downloads."""
    st.subheader("Every figure reported")
    st.caption(f"All {len(rows):,} figures, newest first; commentary in full.")
    # A static table, not a scrolling grid: every row shows and long commentary wraps.
    st.table(
        styled(escaped(snapshot_table(rows, unit)), status_columns=("Status", "YTD status")),
        hide_index=True,
    )
    csv_button(v, series_frame(rows), f"{measure_id}-series", key="explorer_csv")
    measure_section(v, measure_id)
