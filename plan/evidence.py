"""The evidence held for each CQC quality statement: linked measures (status, direction),
linked actions (progress, overdue) and linked risks; and the flag when there is none.

A risk counts as linked when one of the statement's actions names it, or when the risk
register links it to one of the statement's measures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from metrics.vocab import direction_label, status_label
from plan.actions import flag_actions
from plan.quality import QualityStatement, split_list, statements
from plan.service import PlanData
from plan.tables import actions_table, latest_statuses, month_text, status_text


@dataclass(frozen=True)
class Evidence:
    """What the directorate holds today for one quality statement."""

    statement: QualityStatement
    measures: pd.DataFrame
    actions: pd.DataFrame
    risks: pd.DataFrame

    @property
    def none(self) -> bool:
        return self.measures.empty and self.actions.empty and self.risks.empty

    @property
    def flag(self) -> str:
        """'▲ No evidence held', '● No measures', '● No actions' or ''."""
        if self.none:
            return "▲ No evidence held"
        if self.measures.empty:
            return "● No linked measures"
        if self.actions.empty:
            return "● No linked actions"
        return ""


def evidence(
    plan: PlanData,
    statuses: pd.DataFrame,
    risks: pd.DataFrame,
    period: pd.Timestamp | None,
    on: dt.date,
) -> list[Evidence]:
    """Per statement: linked measures (status, direction), actions (progress), risks.

    A risk is linked when one of the statement's actions names it, or when the risk register
    links it to one of the statement's measures.
    """
    latest = latest_statuses(statuses, period)
    flagged = flag_actions(plan.actions, on)
    risk_rows = risks.sort_values("period").groupby("risk_id").tail(1) if len(risks) else risks
    out = []
    for s in statements():
        measure_ids = [
            m
            for m, q in zip(
                plan.measure_statements["measure_id"],
                plan.measure_statements["quality_statements"],
                strict=True,
            )
            if s.name in split_list(q)
        ]
        measures = pd.DataFrame(
            [
                {
                    "Measure": m,
                    "Name": latest.at[m, "name"] if m in latest.index else "–",
                    "Period": month_text(latest.at[m, "period"]) if m in latest.index else "–",
                    "Status": status_text(latest.at[m, "status"])
                    if m in latest.index
                    else status_label("no_data"),
                    "Direction": direction_label(
                        latest.at[m, "direction"], latest.at[m, "movement"]
                    )
                    if m in latest.index
                    else "–",
                }
                for m in measure_ids
            ],
            columns=["Measure", "Name", "Period", "Status", "Direction"],
        )
        mine = flagged.loc[
            pd.Series(
                [s.name in split_list(q) for q in flagged["quality_statements"]],
                index=flagged.index,
                dtype=bool,
            )
        ]
        actions = actions_table(mine, on)[
            ["Action", "Title", "Owner", "Due", "Status", "Overdue", "Progress"]
        ]
        risk_ids: list[str] = []
        for r in mine["linked_risks"]:
            risk_ids += [x for x in split_list(r) if x not in risk_ids]
        for r in risk_rows.itertuples(index=False):
            if set(split_list(r.linked_measures)) & set(measure_ids) and r.risk_id not in risk_ids:
                risk_ids.append(r.risk_id)
        by_id = risk_rows.set_index("risk_id") if len(risk_rows) else None
        risk_table = pd.DataFrame(
            [
                {
                    "Risk": rid,
                    "Name": by_id.at[rid, "name"]
                    if by_id is not None and rid in by_id.index
                    else "–",
                    "Residual score": int(
                        by_id.at[rid, "residual_likelihood"] * by_id.at[rid, "residual_impact"]
                    )
                    if by_id is not None and rid in by_id.index
                    else None,
                    "Assessed": month_text(by_id.at[rid, "period"])
                    if by_id is not None and rid in by_id.index
                    else "–",
                }
                for rid in sorted(risk_ids)
            ],
            columns=["Risk", "Name", "Residual score", "Assessed"],
        )
        out.append(Evidence(s, measures, actions.reset_index(drop=True), risk_table))
    return out


def evidence_summary(items: list[Evidence]) -> pd.DataFrame:
    """One row per statement: theme, published score and rating, counts of evidence, flag."""
    return pd.DataFrame(
        [
            {
                "Theme": f"{e.statement.theme_number}. {e.statement.theme}",
                "Quality statement": e.statement.name,
                "Published score": e.statement.score,
                "Rating": e.statement.rating,
                "Flag": e.flag or "–",
                "Measures": len(e.measures),
                "▲ Red measures": int((e.measures["Status"] == status_label("red")).sum()),
                "Actions": len(e.actions),
                "Overdue actions": int((e.actions["Overdue"] != "No").sum()),
                "Risks": len(e.risks),
            }
            for e in items
        ]
    )
