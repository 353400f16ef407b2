"""The Measure explorer's SPC section: the XmR chart, its variation and assurance icons, and the
baseline controls (fix after N points, new limits from a month, at events), kept in the URL.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from charts.events import add_events
from charts.spc import assurance_badge, improvement_for, spc_chart, variation_badge
from dashboard.state import View, restore_choice, restore_from_url, write_url
from metrics.baseline import Baseline, measure_spc
from metrics.periods import (
    day_label,
    month_label,
    parse_period,
    period_key,
)
from metrics.spc import MIN_FIX_AFTER, MIN_POINTS_FOR_ICONS

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
