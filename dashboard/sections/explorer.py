"""The Measure explorer's sections: search, the heading, latest figure, history, replacement,
benchmarks, teams and every figure reported (the SPC section is dashboard.sections.explorer_spc).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.benchmarks import neighbour_chart
from charts.events import add_events, mark_start
from charts.performance import measure_trend
from charts.replacement import replacement_figure
from charts.waiting import add_ytd_line, team_lines
from dashboard.downloads import csv_button
from dashboard.plain import escaped
from dashboard.plan_links import measure_section
from dashboard.state import View
from dashboard.text import md_text
from dashboard.ui import badge_html, empty_state, styled
from metrics.annex import status_note
from metrics.benchmarks import BenchmarkGroups, benchmark_table, neighbour_values
from metrics.definitions import replaced_by
from metrics.events import events_for
from metrics.formatting import format_value, restatement
from metrics.periods import (
    financial_year,
    month_label,
    month_long,
    period_key,
)
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
