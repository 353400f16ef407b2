"""Display tables for the plan pages and their exports (one place, so page and file agree).

Codes become words (▲ Off track, ● Amber, 30 Jun 2025, Sep 2025); ids stay as they are so the
pages can turn them into links. Nothing here knows about Streamlit.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from metrics.formatting import format_value
from metrics.periods import day_label, month_label, stamp_label
from metrics.showing import latest_rows as latest_statuses
from metrics.vocab import direction_label, status_label
from plan.actions import STATUS_WORD, flag_actions
from plan.actions import status_label as action_status
from plan.quality import split_list, statements
from plan.service import PlanData
from plan.this_week import WeekDigest

SPARK_PERIODS = 12


def day(value: object) -> str:
    """30 Jun 2025, or '–'."""
    return day_label(value) if isinstance(value, dt.date) and pd.notna(value) else "–"


def month_text(value: object) -> str:
    """Sep 2025, or '–' when blank."""
    return (
        month_label(value) if isinstance(value, dt.date | pd.Timestamp) and pd.notna(value) else "–"
    )


def status_text(value: object) -> str:
    """'▲ Red' (shape and word), or '–' when blank."""
    return status_label(value) if isinstance(value, str) else "–"


def _text(value: object) -> str:
    return value if isinstance(value, str) and value.strip() else "–"


def actions_table(actions: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """Actions as the meeting reads them: id, title, owner, due, status, overdue, escalation."""
    flagged = flag_actions(actions, on)
    return pd.DataFrame(
        {
            "Action": flagged["action_id"],
            "Title": flagged["title"],
            "Workstream": [_text(w) for w in flagged["workstream_id"]],
            "Owner": flagged["owner"],
            "Due": [day(d) for d in flagged["due"]],
            "Status": [action_status(s) for s in flagged["status"]],
            "Overdue": [
                f"▲ {n:,} day{'s' if n != 1 else ''} overdue" if late else "No"
                for late, n in zip(flagged["overdue"], flagged["days_overdue"], strict=True)
            ],
            "Escalated to": [_text(e) for e in flagged["escalated_to"]],
            "Progress": [_text(p) for p in flagged["progress_note"]],
        }
    )


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """An action's progress log: one row per version, oldest first."""
    return pd.DataFrame(
        {
            "Version": history["version"].astype(int),
            "Loaded": [stamp_label(t) for t in pd.to_datetime(history["loaded_at"])],
            "File": history["file_name"],
            "Status": [action_status(s) for s in history["status"]],
            "Due": [day(d) for d in history["due"]],
            "Progress note": [_text(p) for p in history["progress_note"]],
            "Escalated to": [_text(e) for e in history["escalated_to"]],
            "Closed on": [day(d) for d in history["closed_on"]],
        }
    )


def status_counts(actions: pd.DataFrame, on: dt.date) -> dict[str, int]:
    """Actions by status plus overdue and escalated, for tiles and summaries."""
    flagged = flag_actions(actions, on)
    counts = {s: int((flagged["status"] == s).sum()) for s in STATUS_WORD}
    counts["overdue"] = int(flagged["overdue"].sum())
    counts["escalated"] = int((flagged["escalated"] & ~flagged["finished"]).sum())
    return counts


def workstream_summary(plan: PlanData, on: dt.date) -> pd.DataFrame:
    """One row per workstream: lead, actions by status, overdue count, statements."""
    rows = []
    flagged = flag_actions(plan.actions, on)
    for w in plan.workstreams.itertuples(index=False):
        mine = flagged[flagged["workstream_id"] == w.workstream_id]
        finished = int(mine["finished"].sum())
        rows.append(
            {
                "Workstream": w.workstream_id,
                "Name": w.name,
                "Lead": w.lead,
                "Actions": len(mine),
                "Complete or closed": finished,
                "Open": len(mine) - finished,
                "▲ Off track": int((mine["status"] == "off_track").sum()),
                "● At risk": int((mine["status"] == "at_risk").sum()),
                "Overdue": int(mine["overdue"].sum()),
                "Quality statements": "; ".join(split_list(w.quality_statements)) or "–",
            }
        )
    return pd.DataFrame(rows)


LATEST_COLUMNS = ["Measure", "Name", "Period", "Status", "Value", "Target", "Direction"]


def latest_figures(
    measure_ids: list[str],
    statuses: pd.DataFrame,
    period: pd.Timestamp | None,
    names: pd.Series | dict,
    nothing: str = "Nothing reported yet",
) -> pd.DataFrame:
    """Each measure's latest figure up to the period: month, status, value, target, direction.

    A measure with no figure yet reads `nothing` with a No data status, named from `names`.
    Bimonthly and quarterly measures show their latest report, with its month.
    """
    latest = latest_statuses(statuses, period)
    rows = []
    for measure_id in measure_ids:
        if measure_id in latest.index:
            r = latest.loc[measure_id]
            rows.append(
                {
                    "Measure": measure_id,
                    "Name": r["name"],
                    "Period": month_text(r["period"]),
                    "Status": status_text(r["status"]),
                    "Value": format_value(r["actual"], r["unit"]),
                    "Target": format_value(r["target"], r["unit"]),
                    "Direction": direction_label(r["direction"], r["movement"]),
                }
            )
        else:
            rows.append(
                {
                    "Measure": measure_id,
                    "Name": names.get(measure_id, "Not in the catalogue"),
                    "Period": "–",
                    "Status": status_label("no_data"),
                    "Value": nothing,
                    "Target": "–",
                    "Direction": "–",
                }
            )
    return pd.DataFrame(rows, columns=LATEST_COLUMNS)


def success_measures(
    measure_ids: list[str],
    statuses: pd.DataFrame,
    catalogue: pd.DataFrame,
    period: pd.Timestamp | None,
) -> pd.DataFrame:
    """Each success measure's latest status, value, direction and last 12 figures (sparkline)."""
    names = catalogue.set_index("measure_id")["name"] if len(catalogue) else pd.Series(dtype=str)
    table = latest_figures(measure_ids, statuses, period, names)
    sparks = []
    for measure_id in measure_ids:
        series = statuses[(statuses["measure_id"] == measure_id)]
        if period is not None:
            series = series[series["period"] <= period]
        sparks.append(
            [
                float(x)
                for x in series.sort_values("period")["actual"].tail(SPARK_PERIODS)
                if pd.notna(x)
            ]
        )
    table["Trend"] = pd.Series(sparks, index=table.index, dtype=object)
    return table


# --- this week -----------------------------------------------------------------------------


def week_tables(d: WeekDigest) -> dict[str, pd.DataFrame]:
    """The digest's lists as display tables, in the page's order."""
    loads = pd.DataFrame(
        {
            "Load": d.loads["load_id"].astype(int) if len(d.loads) else [],
            "Loaded": [stamp_label(t) for t in pd.to_datetime(d.loads["loaded_at"])],
            "File": d.loads["file_name"],
            "Kinds": d.loads["kinds"],
            "Rows accepted": d.loads["rows_accepted"].astype(int) if len(d.loads) else [],
            "Loaded by": d.loads["loaded_by"],
        }
    )
    restated = pd.DataFrame(
        {
            "Measure": d.restatements["measure_id"],
            "Name": [_text(n) for n in d.restatements.get("name", pd.Series(dtype=str))],
            "Period": [month_text(pd.Timestamp(p)) for p in d.restatements["period"]],
            "Team": [
                t if isinstance(t, str) and t else "Whole measure" for t in d.restatements["team"]
            ],
            "Was": [format_value(x) for x in d.restatements["previous_actual"]],
            "Now": [format_value(x) for x in d.restatements["actual"]],
            "Restated on": [day_label(t) for t in pd.to_datetime(d.restatements["loaded_at"])],
        }
    )

    def changes(frame: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Measure": frame["measure_id"],
                "Name": frame["name"],
                "Was": [
                    f"{status_text(s)} ({month_text(p)})" if isinstance(s, str) else "–"
                    for s, p in zip(frame["status_before"], frame["period_before"], strict=True)
                ],
                "Now": [
                    f"{status_text(s)} ({month_text(p)})"
                    for s, p in zip(frame["status"], frame["period"], strict=True)
                ],
            }
        )

    def acts(frame: pd.DataFrame) -> pd.DataFrame:
        return actions_table(frame, d.until)[
            ["Action", "Title", "Owner", "Due", "Status", "Overdue", "Escalated to"]
        ]

    risks = pd.DataFrame(
        {
            "Risk": d.risks_moved["risk_id"],
            "Name": d.risks_moved["name"],
            "Was": [
                f"{int(s)} ({month_text(p)})"
                for s, p in zip(
                    d.risks_moved["score_before"], d.risks_moved["period_before"], strict=True
                )
            ],
            "Now": [
                f"{int(s)} ({month_text(p)})"
                for s, p in zip(d.risks_moved["score"], d.risks_moved["period"], strict=True)
            ],
            "Direction": [
                # A risk score is better lower: the arrow shows the move, the word the judgement.
                direction_label("improving", "fell")
                if now < was
                else direction_label("worsening", "rose")
                for now, was in zip(
                    d.risks_moved["score"], d.risks_moved["score_before"], strict=True
                )
            ],
        }
    )
    return {
        "Loads": loads,
        "Restatements": restated,
        "Became exceptions": changes(d.became_exceptions),
        "Stopped being exceptions": changes(d.stopped_exceptions),
        "Status changes": changes(d.status_changes),
        "Actions due in the next 14 days": acts(d.actions_due_soon),
        "Actions overdue": acts(d.actions_overdue),
        "Actions closed": acts(d.actions_closed),
        "Actions escalated": acts(d.actions_escalated),
        "Risks whose score moved": risks,
    }


# --- links from other pages ----------------------------------------------------------------


def _mentions(column: pd.Series, wanted: str) -> pd.Series:
    return pd.Series([wanted in split_list(x) for x in column], index=column.index, dtype=bool)


def measure_links(plan: PlanData, measure_id: str, on: dt.date) -> tuple[pd.DataFrame, list[str]]:
    """Actions that name a measure, and the quality statements it is evidence for."""
    actions = plan.actions.loc[_mentions(plan.actions["linked_measures"], measure_id)]
    own = plan.measure_statements[plan.measure_statements["measure_id"] == measure_id]
    names = split_list(own["quality_statements"].iloc[0]) if len(own) else []
    return actions_table(actions, on), names


def risk_links(
    plan: PlanData, risk_id: str, linked_measures: list[str], on: dt.date
) -> tuple[pd.DataFrame, list[str]]:
    """Actions that name a risk, and the statements of those actions and its linked measures."""
    actions = plan.actions.loc[_mentions(plan.actions["linked_risks"], risk_id)]
    names: list[str] = []
    for value in actions["quality_statements"]:
        names += [n for n in split_list(value) if n not in names]
    own = plan.measure_statements[plan.measure_statements["measure_id"].isin(linked_measures)]
    for value in own["quality_statements"]:
        names += [n for n in split_list(value) if n not in names]
    order = [s.name for s in statements()]
    return actions_table(actions, on), sorted(names, key=order.index)


def workstream_pages(
    plan: PlanData,
    statuses: pd.DataFrame,
    catalogue: pd.DataFrame,
    period: pd.Timestamp | None,
    on: dt.date,
) -> list[tuple[str, str, pd.DataFrame, pd.DataFrame]]:
    """(title, lead line, success measures, actions) per workstream, for the PDF section."""
    return [
        (
            f"{w.workstream_id} – {w.name}",
            f"Lead: {w.lead}",
            success_measures(split_list(w.success_measures), statuses, catalogue, period),
            actions_table(plan.actions[plan.actions["workstream_id"] == w.workstream_id], on),
        )
        for w in plan.workstreams.itertuples(index=False)
    ]
