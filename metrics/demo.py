"""Deterministic generator of the illustrative demo data, anchored on published figures.

Every series passes exactly through the published points in `data/reference/anchors.csv`
(Oxfordshire County Council scrutiny reports 2023-2025); everything between them is
synthetic, seeded, and labelled as illustrative on every page.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from metrics.config import DEMO_DIR, PROJECT_ROOT, Settings
from metrics.demo_finance import finance_files
from metrics.demo_plan import MEASURE_STATEMENTS, write_plan_files
from metrics.demo_waiting import Band, TeamSplit, WaitingList, apportion, fit_bands, split_teams
from metrics.periods import add_months, financial_year, month_index, period_key
from metrics.rag import rag_status
from metrics.schema import fetch_one
from metrics.vocab import FREQUENCY_MONTHS

SEED = 20240930
#: The directorate's key measures: the Overview's headline tiles (catalogue flag key_measure).
KEY_MEASURES = frozenset({"ASC-WL01", "ASC-RV01", "ASC-SG03", "ASC-DL01", "ASC-PI01", "ASC-PI03"})
START = dt.date(2021, 4, 1)
END = dt.date(2025, 10, 1)
ANCHORS_FILE = PROJECT_ROOT / "data" / "reference" / "anchors.csv"
DEMO_LOADER = "demo-generator"

#: Only "East" is a locality named in the published reports; the other names are invented.
TEAMS = ("North", "South", "City", "West", "East", "Hospital Discharge", "Occupational Therapy")
TEAM_WEIGHTS = (0.17, 0.16, 0.18, 0.14, 0.15, 0.10, 0.10)

DIRECTOR_ASC = "Director of Adult Social Care"
DIRECTOR_OPS = "Deputy Director, Operations"
DIRECTOR_COMM = "Director of Joint Commissioning"
DIRECTOR_FIN = "Director of Finance"
DIRECTOR_HR = "Director of Workforce and Organisational Development"
PH_ASC = "Cabinet Member for Adult Social Care"
PH_FIN = "Cabinet Member for Finance"
PH_CORP = "Cabinet Member for Corporate Services"

PRIORITIES = {
    "P1": "Timely assessment and review",
    "P2": "Safeguarding and liberty protection",
    "P3": "Prevention and independence",
    "P4": "Supporting unpaid carers",
    "P5": "A skilled and stable workforce",
    "P6": "Quality, market and money",
}


@dataclass
class Spec:
    """How one demo measure is described and generated."""

    measure_id: str
    name: str
    priority: str
    director: str
    holder: str
    frequency: str
    polarity: str
    unit: str
    knots: dict[str, float]
    targets: dict[str, float] = field(default_factory=dict)  # financial year -> target
    tolerance: float = 0.05
    tolerance_type: str = "relative"
    noise: float = 0.03  # relative sd of the smooth noise
    decimals: int = 0
    ytd: str = "snapshot"  # snapshot | sum | mean
    description: str = ""
    source: str = "Illustrative (synthetic) series"
    plan: str = ""


def _catalogue() -> list[Spec]:
    p1_src = "Illustrative series; anchored on OCC People Overview & Scrutiny reports"
    return [
        Spec(
            "ASC-WL01",
            "People waiting for a Care Act assessment",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "count",
            {
                "2021-04": 1790,
                "2021-10": 1420,
                "2022-04": 1118,
                "2022-12": 1310,
                "2023-07": 1448,
                "2023-12": 1010,
                "2024-07": 592,
                "2025-01": 547,
                "2025-06": 505,
                "2025-10": 468,
            },
            {"2022/23": 1000, "2023/24": 800, "2024/25": 500, "2025/26": 450},
            0.10,
            noise=0.025,
            description="Number of people waiting at month end for allocation of a Care Act "
            "assessment, all assessment teams.",
            source=p1_src,
            plan="Weekly Meaningful Measures review of every team's list; appointment-setting "
            "pilot in East locality rolled out across localities from Jan 2025.",
        ),
        Spec(
            "ASC-WL02",
            "Longest wait for a Care Act assessment",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "days",
            {
                "2021-04": 160,
                "2022-04": 175,
                "2023-07": 131,
                "2024-03": 130,
                "2024-07": 123,
                "2024-11": 43,
                "2025-01": 38,
                "2025-10": 34,
            },
            {"2023/24": 90, "2024/25": 60, "2025/26": 42},
            0.10,
            noise=0.04,
            description="Days waited by the person waiting longest at month end.",
            source=p1_src,
        ),
        Spec(
            "ASC-WL03",
            "Mean wait for a Care Act assessment",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "days",
            {
                "2021-04": 103,
                "2022-04": 105,
                "2023-07": 108,
                "2024-07": 77,
                "2024-11": 24,
                "2025-01": 16,
                "2025-10": 14,
            },
            {"2023/24": 80, "2024/25": 56, "2025/26": 20},
            0.10,
            noise=0.03,
            description="Mean days waited by everyone on the list at month end.",
            source=p1_src,
        ),
        Spec(
            "ASC-WL04",
            "Median wait for a Care Act assessment",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "days",
            {
                "2021-04": 84,
                "2022-04": 92,
                "2023-07": 81,
                "2024-07": 62,
                "2024-11": 20,
                "2025-01": 8,
                "2025-10": 9,
            },
            {"2023/24": 60, "2024/25": 42, "2025/26": 12},
            0.10,
            noise=0.03,
            description="Median days waited by everyone on the list at month end.",
            source=p1_src,
        ),
        Spec(
            "ASC-WL05",
            "Care Act list: people waiting 0-28 days",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "monitoring_only",
            "count",
            {},
            description="Waiting list by time waited.",
        ),
        Spec(
            "ASC-WL06",
            "Care Act list: people waiting 29-90 days",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "monitoring_only",
            "count",
            {},
            description="Waiting list by time waited.",
        ),
        Spec(
            "ASC-WL07",
            "Care Act list: people waiting 91-180 days",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "monitoring_only",
            "count",
            {},
            description="Waiting list by time waited.",
        ),
        Spec(
            "ASC-WL08",
            "Care Act list: people waiting more than 180 days",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "count",
            {},
            {"2023/24": 60, "2024/25": 20, "2025/26": 10},
            0.5,
            description="Waiting list by time waited: the longest band.",
        ),
        Spec(
            "ASC-WL09",
            "Referrals received for assessment",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "monitoring_only",
            "count",
            {},
            ytd="sum",
            description="New requests for a Care Act assessment in the month.",
        ),
        Spec(
            "ASC-WL10",
            "Care Act assessments completed",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "higher_is_better",
            "count",
            {},
            {"2022/23": 560, "2023/24": 600, "2024/25": 620, "2025/26": 620},
            0.05,
            ytd="sum",
            description="Assessments completed in the month (all teams).",
        ),
        Spec(
            "ASC-RV01",
            "Reviews overdue",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "percent",
            {"2021-04": 38.0, "2022-04": 30.5, "2023-04": 18.2, "2024-07": 9.18, "2025-10": 8.1},
            {"2022/23": 25.0, "2023/24": 15.0, "2024/25": 10.0, "2025/26": 8.0},
            0.10,
            noise=0.03,
            decimals=2,
            description="Percentage of people in long-term support whose "
            "annual review is overdue (Review Team).",
            source=p1_src,
        ),
        Spec(
            "ASC-RV02",
            "Reviews completed",
            "P1",
            DIRECTOR_OPS,
            PH_ASC,
            "monthly",
            "higher_is_better",
            "count",
            {"2021-04": 310, "2023-04": 390, "2025-10": 430},
            {"2022/23": 360, "2023/24": 400, "2024/25": 420, "2025/26": 430},
            0.05,
            noise=0.06,
            ytd="sum",
        ),
        Spec(
            "ASC-SG01",
            "Safeguarding concerns received",
            "P2",
            DIRECTOR_ASC,
            PH_ASC,
            "monthly",
            "monitoring_only",
            "count",
            {"2021-04": 820, "2023-04": 900, "2025-10": 960},
            noise=0.07,
            ytd="sum",
        ),
        Spec(
            "ASC-SG02",
            "Section 42 enquiries started",
            "P2",
            DIRECTOR_ASC,
            PH_ASC,
            "monthly",
            "monitoring_only",
            "count",
            {"2021-04": 190, "2023-04": 215, "2025-10": 205},
            noise=0.08,
            ytd="sum",
        ),
        Spec(
            "ASC-SG03",
            "Safeguarding enquiries open more than 12 weeks",
            "P2",
            DIRECTOR_ASC,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "count",
            {
                "2021-04": 140,
                "2022-10": 228,
                "2023-07": 273,
                "2024-01": 92,
                "2024-07": 13,
                "2024-11": 47,
                "2025-04": 36,
                "2025-10": 31,
            },
            {"2023/24": 100, "2024/25": 30, "2025/26": 30},
            0.2,
            noise=0.05,
            description="Section 42 enquiries open at month end that started more than 12 weeks "
            "earlier.",
            source=p1_src,
            plan="Safeguarding items at the weekly Meaningful Measures meeting chaired by the "
            "Deputy Director; enquiries over 8 weeks escalated to team managers.",
        ),
        Spec(
            "ASC-SG04",
            "Making Safeguarding Personal: outcomes fully achieved",
            "P2",
            DIRECTOR_ASC,
            PH_ASC,
            "quarterly",
            "higher_is_better",
            "percent",
            {"2021-06": 61.0, "2023-06": 66.0, "2025-09": 71.0},
            {"2022/23": 65.0, "2023/24": 67.0, "2024/25": 70.0, "2025/26": 70.0},
            3.0,
            "absolute",
            noise=0.02,
            decimals=1,
            ytd="mean",
        ),
        Spec(
            "ASC-DL01",
            "Deprivation of Liberty Safeguards applications waiting",
            "P2",
            DIRECTOR_ASC,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "count",
            {
                "2021-04": 1580,
                "2022-06": 1830,
                "2023-06": 2140,
                "2024-01": 2010,
                "2024-10": 1313,
                "2025-04": 1240,
                "2025-10": 1185,
            },
            {"2023/24": 1800, "2024/25": 1300, "2025/26": 1100},
            0.05,
            noise=0.015,
            description="Open DoLS applications not yet decided at month end.",
            source=p1_src,
            plan="Each DoLS worker assigned to a designated group of care homes; backlog "
            "assessments commissioned from a specialist provider.",
        ),
        Spec(
            "ASC-DL02",
            "DoLS applications completed per 100,000 adults",
            "P2",
            DIRECTOR_ASC,
            PH_ASC,
            "quarterly",
            "higher_is_better",
            "rate",
            {
                "2021-06": 330.0,
                "2022-03": 334.0,
                "2023-03": 352.0,
                "2024-03": 397.0,
                "2025-09": 455.0,
            },
            {"2023/24": 400.0, "2024/25": 430.0, "2025/26": 450.0},
            0.05,
            noise=0.03,
            decimals=1,
            description="Rolling 12 months.",
        ),
        Spec(
            "ASC-PI01",
            "Reablement: no further support needed (ASCOF 2A)",
            "P3",
            DIRECTOR_ASC,
            PH_ASC,
            "monthly",
            "higher_is_better",
            "percent",
            {
                "2021-04": 62.0,
                "2022-04": 67.5,
                "2023-03": 70.0,
                "2024-03": 75.1,
                "2024-08": 75.58,
                "2024-09": 76.0,
                "2025-10": 77.9,
            },
            {"2022/23": 72.0, "2023/24": 75.0, "2024/25": 77.5, "2025/26": 78.0},
            2.0,
            "absolute",
            noise=0.008,
            decimals=2,
            ytd="mean",
            description="Percentage of new people who received short-term services where no "
            "further request was made.",
            source=p1_src,
            plan="Home First Neighbourhood teams moved to a seven-day service.",
        ),
        Spec(
            "ASC-PI02",
            "Older people at home 91 days after hospital discharge (ASCOF 2D)",
            "P3",
            DIRECTOR_ASC,
            PH_ASC,
            "quarterly",
            "higher_is_better",
            "percent",
            {"2021-06": 83.2, "2023-03": 84.8, "2024-03": 86.3, "2025-09": 86.9},
            {"2022/23": 84.0, "2023/24": 85.0, "2024/25": 86.0, "2025/26": 87.0},
            1.0,
            "absolute",
            noise=0.006,
            decimals=1,
            ytd="mean",
        ),
        Spec(
            "ASC-PI03",
            "Permanent care home admissions, 65+, per 100,000",
            "P3",
            DIRECTOR_ASC,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "rate",
            {
                "2021-04": 372.0,
                "2022-03": 369.5,
                "2023-03": 357.7,
                "2024-03": 346.2,
                "2024-08": 315.7,
                "2024-09": 313.6,
                "2025-10": 296.0,
            },
            {"2022/23": 360.0, "2023/24": 326.0, "2024/25": 283.8, "2025/26": 283.8},
            0.12,
            noise=0.006,
            decimals=1,
            description="Rolling 12 months; BCF stretched target.",
            source=p1_src,
            plan="Extra Care Housing and Home First capacity; every permanent "
            "placement agreed at a daily panel.",
        ),
        Spec(
            "ASC-PI04",
            "Permanent care home admissions, 18-64, per 100,000",
            "P3",
            DIRECTOR_ASC,
            PH_ASC,
            "quarterly",
            "lower_is_better",
            "rate",
            {"2021-06": 9.1, "2023-03": 8.5, "2024-03": 8.0, "2025-09": 7.6},
            {"2023/24": 8.5, "2024/25": 8.0, "2025/26": 7.5},
            0.05,
            noise=0.03,
            decimals=1,
        ),
        Spec(
            "ASC-PI05",
            "People receiving direct payments (ASCOF 3D)",
            "P3",
            DIRECTOR_COMM,
            PH_ASC,
            "quarterly",
            "higher_is_better",
            "percent",
            {"2021-06": 28.9, "2023-03": 28.6, "2024-03": 28.2, "2025-09": 27.4},
            {"2023/24": 29.0, "2024/25": 30.0, "2025/26": 30.0},
            1.0,
            "absolute",
            noise=0.01,
            decimals=1,
            ytd="mean",
        ),
        Spec(
            "ASC-PI06",
            "Community Links Oxfordshire referrals",
            "P3",
            DIRECTOR_COMM,
            PH_ASC,
            "monthly",
            "monitoring_only",
            "count",
            {"2021-04": 150, "2025-10": 260},
            noise=0.08,
            ytd="sum",
        ),
        Spec(
            "ASC-CR01",
            "Carers' assessments completed",
            "P4",
            DIRECTOR_COMM,
            PH_ASC,
            "monthly",
            "higher_is_better",
            "count",
            {"2021-04": 210, "2023-04": 250, "2025-10": 275},
            {"2022/23": 240, "2023/24": 250, "2024/25": 270, "2025/26": 280},
            0.05,
            noise=0.07,
            ytd="sum",
        ),
        Spec(
            "ASC-CR02",
            "Carers waiting for an assessment",
            "P4",
            DIRECTOR_COMM,
            PH_ASC,
            "monthly",
            "lower_is_better",
            "count",
            {"2021-04": 260, "2023-07": 310, "2024-07": 150, "2025-01": 72, "2025-10": 64},
            {"2023/24": 250, "2024/25": 120, "2025/26": 80},
            0.1,
            noise=0.05,
        ),
        Spec(
            "ASC-CR03",
            "Carers supported by Carers Oxfordshire",
            "P4",
            DIRECTOR_COMM,
            PH_ASC,
            "quarterly",
            "monitoring_only",
            "count",
            {"2021-06": 5200, "2025-09": 6400},
            noise=0.02,
        ),
        Spec(
            "ASC-CR04",
            "Carers satisfied with social services (ASCOF 1E)",
            "P4",
            DIRECTOR_COMM,
            PH_ASC,
            "biannual",
            "higher_is_better",
            "percent",
            {"2021-09": 33.0, "2023-03": 31.4, "2024-03": 32.7, "2025-09": 35.5},
            {"2023/24": 36.3, "2024/25": 36.3, "2025/26": 36.3},
            2.0,
            "absolute",
            noise=0.01,
            decimals=1,
        ),
        Spec(
            "ASC-WF01",
            "Social care staff turnover",
            "P5",
            DIRECTOR_HR,
            PH_CORP,
            "quarterly",
            "lower_is_better",
            "percent",
            {"2021-06": 16.5, "2023-06": 14.2, "2025-09": 11.8},
            {"2022/23": 15.0, "2023/24": 13.0, "2024/25": 12.0, "2025/26": 11.5},
            0.1,
            noise=0.03,
            decimals=1,
        ),
        Spec(
            "ASC-WF02",
            "Social worker vacancy rate",
            "P5",
            DIRECTOR_HR,
            PH_CORP,
            "monthly",
            "lower_is_better",
            "percent",
            {"2021-04": 14.0, "2023-04": 11.0, "2025-10": 7.6},
            {"2022/23": 12.0, "2023/24": 10.0, "2024/25": 8.0, "2025/26": 7.0},
            0.1,
            noise=0.04,
            decimals=1,
        ),
        Spec(
            "ASC-WF03",
            "Agency social workers in post",
            "P5",
            DIRECTOR_HR,
            PH_CORP,
            "monthly",
            "lower_is_better",
            "count",
            {"2021-04": 48, "2023-04": 36, "2025-10": 19},
            {"2022/23": 40, "2023/24": 30, "2024/25": 22, "2025/26": 18},
            0.1,
            noise=0.06,
        ),
        Spec(
            "ASC-WF04",
            "Sickness absence per FTE (rolling 12 months)",
            "P5",
            DIRECTOR_HR,
            PH_CORP,
            "monthly",
            "lower_is_better",
            "days",
            {"2021-04": 9.8, "2023-04": 9.1, "2025-10": 8.4},
            {"2022/23": 9.0, "2023/24": 8.8, "2024/25": 8.5, "2025/26": 8.5},
            0.05,
            noise=0.015,
            decimals=1,
        ),
        Spec(
            "ASC-QM01",
            "Providers rated Good or Outstanding by CQC",
            "P6",
            DIRECTOR_COMM,
            PH_ASC,
            "quarterly",
            "higher_is_better",
            "percent",
            {"2021-06": 88.0, "2024-06": 91.0, "2025-09": 90.2},
            {"2022/23": 88.0, "2023/24": 90.0, "2024/25": 91.0, "2025/26": 91.0},
            1.0,
            "absolute",
            noise=0.004,
            decimals=1,
        ),
        Spec(
            "ASC-QM02",
            "Home care referrals sourced within 48 hours",
            "P6",
            DIRECTOR_COMM,
            PH_ASC,
            "monthly",
            "higher_is_better",
            "percent",
            {"2021-04": 41.0, "2023-06": 47.0, "2024-07": 54.0, "2025-10": 61.0},
            {"2023/24": 50.0, "2024/25": 60.0, "2025/26": 65.0},
            5.0,
            "absolute",
            noise=0.04,
            decimals=1,
            ytd="mean",
        ),
        Spec(
            "ASC-FN01",
            "Adult social care forecast overspend",
            "P6",
            DIRECTOR_FIN,
            PH_FIN,
            "bimonthly",
            "lower_is_better",
            "currency",
            {
                "2021-05": 1_200_000,
                "2023-05": 900_000,
                "2024-05": 300_000,
                "2024-09": 0,
                "2025-09": 250_000,
            },
            {"2022/23": 0, "2023/24": 0, "2024/25": 0, "2025/26": 0},
            500_000,
            "absolute",
            noise=0.02,
            description="Forecast year-end variance against the Adult Services net budget (£); "
            "the sum of the Finance page's service areas.",
            plan="Savings plan reviewed at the monthly Performance, Practice and Pounds meeting.",
        ),
        Spec(
            "ASC-FN02",
            "Savings delivered against plan",
            "P6",
            DIRECTOR_FIN,
            PH_FIN,
            "bimonthly",
            "higher_is_better",
            "percent",
            {"2021-05": 78.0, "2023-05": 84.0, "2025-09": 91.0},
            {"2022/23": 90.0, "2023/24": 90.0, "2024/25": 95.0, "2025/26": 95.0},
            5.0,
            "absolute",
            noise=0.03,
            decimals=1,
        ),
        Spec(
            "ASC-FN03",
            "Debt requiring impairment: ASC contribution debtors",
            "P6",
            DIRECTOR_FIN,
            PH_FIN,
            "bimonthly",
            "lower_is_better",
            "currency",
            {"2021-05": 3_600_000, "2023-05": 4_100_000, "2025-09": 5_000_000},
            {"2023/24": 3_500_000, "2024/25": 3_500_000, "2025/26": 3_500_000},
            0.1,
            noise=0.02,
            description="Adult care contribution debt requiring impairment (£); OCC11.11 in the "
            "council's report.",
            source=p1_src,
        ),
        Spec(
            "ASC-QM03",
            "Adults satisfied with their care and support (ASCOF 1D)",
            "P6",
            DIRECTOR_COMM,
            PH_ASC,
            "annual",
            "higher_is_better",
            "percent",
            {"2022-03": 63.0, "2023-03": 64.7, "2024-03": 68.5, "2025-03": 67.9},
            {"2022/23": 64.4, "2023/24": 64.4, "2024/25": 68.0, "2025/26": 68.0},
            2.0,
            "absolute",
            noise=0.0,
            decimals=1,
        ),
        *_waiting_specs(p1_src),
    ]


def _waiting_specs(src: str) -> list[Spec]:
    """The other waiting lists (reviews, OT, carers, DoLS, mental-health reviews, finance)."""

    def spec(
        measure_id: str,
        name: str,
        priority: str,
        unit: str,
        knots: dict[str, float],
        *,
        polarity: str = "monitoring_only",
        targets: dict[str, float] | None = None,
        ytd: str = "snapshot",
        description: str = "",
        director: str = DIRECTOR_OPS,
    ) -> Spec:
        return Spec(
            measure_id,
            name,
            priority,
            director,
            PH_ASC,
            "monthly",
            polarity,
            unit,
            knots,
            targets or {},
            0.10,
            noise=0.03 if knots else 0.0,
            decimals=1 if unit == "percent" else 0,
            ytd=ytd,
            description=description,
            source=src if knots else "Illustrative (synthetic) series",
        )

    def bands(prefix: str, first: int, priority: str, what: str) -> list[Spec]:
        labels = ("0-28 days", "29-90 days", "more than 90 days")
        return [
            spec(f"{prefix}{first + i:02d}", f"{what}: people waiting {label}", priority, "count",
                 {}, description="Waiting list by time waited.")
            for i, label in enumerate(labels)
        ]  # fmt: skip

    def flow(measure_id: str, name: str, priority: str) -> Spec:
        return spec(measure_id, name, priority, "count", {}, ytd="sum")

    wl = "2021-04"
    return [
        spec("ASC-WL11", "Care Act list: people who already have a support plan", "P1",
             "percent", {wl: 31.0, "2022-04": 29.5, "2025-10": 24.0},
             description="Percentage of people on the assessment waiting list who already "
             "have a support plan (being reassessed)."),
        spec("ASC-RV03", "People waiting for a review", "P1", "count",
             {wl: 1450, "2023-04": 900, "2024-04": 700, "2025-10": 560},
             polarity="lower_is_better", targets={"2024/25": 650, "2025/26": 550},
             description="People in long-term support waiting for a planned review."),
        spec("ASC-RV04", "Longest wait for a review", "P1", "days",
             {wl: 240, "2023-04": 150, "2025-10": 70}),
        spec("ASC-RV05", "Median wait for a review", "P1", "days",
             {wl: 90, "2023-04": 60, "2025-10": 30}),
        *bands("ASC-RV", 6, "P1", "Review list"),
        flow("ASC-RV10", "Reviews falling due", "P1"),
        spec("ASC-MH01", "People waiting for a mental-health review", "P1", "count",
             {wl: 60, "2023-04": 40, "2025-10": 20},
             description="Reviews by the mental-health (section 75) service."),
        spec("ASC-MH02", "Longest wait for a mental-health review", "P1", "days",
             {wl: 150, "2023-04": 110, "2025-10": 60}),
        spec("ASC-MH03", "Median wait for a mental-health review", "P1", "days",
             {wl: 60, "2023-04": 40, "2025-10": 22}),
        *bands("ASC-MH", 4, "P1", "Mental-health review list"),
        spec("ASC-OT01", "People waiting for an occupational therapy assessment", "P1",
             "count", {wl: 420, "2023-04": 260, "2025-10": 95},
             polarity="lower_is_better", targets={"2024/25": 150, "2025/26": 100}),
        spec("ASC-OT02", "Longest wait for an OT assessment", "P1", "days",
             {wl: 200, "2023-04": 110, "2025-10": 40}),
        spec("ASC-OT03", "Median wait for an OT assessment", "P1", "days",
             {wl: 60, "2023-04": 30, "2025-10": 8}),
        *bands("ASC-OT", 4, "P1", "OT list"),
        flow("ASC-OT07", "Referrals received for OT assessment", "P1"),
        flow("ASC-OT08", "OT assessments completed", "P1"),
        spec("ASC-CR05", "Longest wait for a carer's assessment", "P4", "days",
             {wl: 120, "2023-04": 90, "2025-10": 45}, director=DIRECTOR_COMM),
        spec("ASC-CR06", "Mean wait for a carer's assessment", "P4", "days",
             {wl: 70, "2023-04": 55, "2025-10": 30}, director=DIRECTOR_COMM),
        *bands("ASC-CR", 7, "P4", "Carers' list"),
        flow("ASC-CR10", "Referrals received for a carer's assessment", "P4"),
        flow("ASC-DL03", "DoLS applications received", "P2"),
        flow("ASC-DL04", "DoLS applications decided", "P2"),
        spec("ASC-FA01", "People waiting for a financial assessment", "P6", "count",
             {wl: 380, "2023-04": 300, "2025-10": 160}, director=DIRECTOR_FIN,
             description="Illustrative only: no financial-assessment waiting list is published."),
        spec("ASC-FA02", "Longest wait for a financial assessment", "P6", "days",
             {wl: 75, "2023-04": 60, "2025-10": 30}, director=DIRECTOR_FIN),
        spec("ASC-FA03", "Median wait for a financial assessment", "P6", "days",
             {wl: 24, "2023-04": 18, "2025-10": 10}, director=DIRECTOR_FIN),
        *bands("ASC-FA", 4, "P6", "Financial assessment list"),
        flow("ASC-FA07", "Financial assessments requested", "P6"),
        flow("ASC-FA08", "Financial assessments completed", "P6"),
    ]  # fmt: skip


def _periods(frequency: str) -> list[dt.date]:
    step = FREQUENCY_MONTHS[frequency]
    end_month = {"monthly": None, "bimonthly": 1, "quarterly": 0, "biannual": 3, "annual": 3}
    out = []
    day = START
    while day <= END:
        anchor = end_month[frequency]
        if anchor is None or (day.month % step) == (anchor % step):
            out.append(day)
        day = add_months(day, 1)
    return out


def load_anchors(path: Path = ANCHORS_FILE) -> pd.DataFrame:
    """The published points every demo series must pass through, with their sources."""
    return pd.read_csv(path, dtype={"period": str})


def published_points() -> pd.DataFrame:
    """The published figures (kind=anchor) that charts mark as "Published figure"."""
    anchors = load_anchors()
    return anchors[anchors["kind"] == "anchor"][["measure_id", "period", "value"]].reset_index(
        drop=True
    )


def _series(
    spec: Spec, months: list[dt.date], anchors: dict[str, float], rng: np.random.Generator
) -> np.ndarray:
    """Smooth path through the knots plus tapered AR(1) noise, exact at the anchors."""
    x = np.array([month_index(m) for m in months], dtype=float)
    knots = {**spec.knots, **anchors}
    kx = np.array([month_index(dt.date.fromisoformat(k + "-01")) for k in sorted(knots)], float)
    ky = np.array([knots[k] for k in sorted(knots)], float)
    base = np.interp(x, kx, ky)
    noise = np.zeros(len(x))
    for i in range(1, len(x)):
        noise[i] = 0.6 * noise[i - 1] + rng.normal(0, spec.noise)
    anchor_x = np.array([month_index(dt.date.fromisoformat(k + "-01")) for k in anchors], float)
    if anchor_x.size:
        distance = np.min(np.abs(x[:, None] - anchor_x[None, :]), axis=1)
        noise *= np.clip(distance / 3.0, 0.0, 1.0)
    values = base * (1 + noise)
    values = np.round(values, spec.decimals)
    for key, value in anchors.items():
        where = x == month_index(dt.date.fromisoformat(key + "-01"))
        values[where] = value
    return values


def _target(spec: Spec, month: dt.date) -> float | None:
    return spec.targets.get(financial_year(month))


def _fmt(value: float | None, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return f"{value:.{decimals}f}"


def _commentary(spec: Spec, value: float, previous: float | None, status: str) -> str:
    unit = {"percent": "%", "days": " days", "currency": ""}.get(spec.unit, "")
    shown = f"£{value:,.0f}" if spec.unit == "currency" else f"{value:,.{spec.decimals}f}{unit}"
    if previous is None:
        return f"Illustrative figure: {shown}."
    change = value - previous
    verb = "up" if change > 0 else "down" if change < 0 else "unchanged"
    amount = (
        f"£{abs(change):,.0f}" if spec.unit == "currency" else f"{abs(change):,.{spec.decimals}f}"
    )
    text = f"Illustrative figure: {shown}, {verb}" + (f" {amount}" if change else "")
    text += " on the previous period."
    if status in ("red", "amber"):
        text += " Off target; actions agreed at the Meaningful Measures meeting."
    return text


def _rows_for(spec: Spec, values: np.ndarray, months: list[dt.date]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    targets = [_target(spec, m) for m in months]
    statuses = rag_status(
        values.astype(float),
        np.array([np.nan if t is None else t for t in targets], float),
        spec.polarity,
        spec.tolerance,
        spec.tolerance_type,
    )
    fy_values: dict[str, list[float]] = {}
    fy_targets: dict[str, list[float]] = {}
    for i, month in enumerate(months):
        fy = financial_year(month)
        fy_values.setdefault(fy, []).append(float(values[i]))
        target = targets[i]
        if target is not None:
            fy_targets.setdefault(fy, []).append(target)
        if spec.ytd == "sum":
            ytd_a = sum(fy_values[fy])
            ytd_t = sum(fy_targets.get(fy, [])) if target is not None else None
        elif spec.ytd == "mean":
            ytd_a = float(np.mean(fy_values[fy]))
            ytd_t = target
        else:
            ytd_a, ytd_t = float(values[i]), target
        status = str(statuses[i])
        previous = float(values[i - 1]) if i else None
        off = status in ("red", "amber")
        rows.append(
            {
                "measure_id": spec.measure_id,
                "period": period_key(month),
                "team": "",
                "actual": _fmt(values[i], spec.decimals),
                "target": _fmt(target, spec.decimals if spec.unit != "currency" else 0),
                "ytd_actual": _fmt(ytd_a, max(spec.decimals, 1 if spec.ytd == "mean" else 0)),
                "ytd_target": _fmt(ytd_t, spec.decimals),
                "commentary": _commentary(spec, float(values[i]), previous, status),
                "improvement_plan": (spec.plan or "Service manager's recovery plan in place.")
                if off
                else "",
                "timeframe": f"By end of {financial_year(month)}" if off else "",
                "finance_impact": "Within existing budget." if off else "",
                "risk_impact": "Linked to strategic risk 04, Managing Demand." if off else "",
            }
        )
    return rows


def _band(measure_id: str, lo: int, hi: int | None) -> Band:
    label = f"{lo}-{hi} days" if hi is not None else f"more than {lo - 1} days"
    return Band(measure_id, label, lo, hi)


def _short_bands(prefix: str, first: int) -> tuple[Band, ...]:
    ids = [f"{prefix}{first + i:02d}" for i in range(3)]
    return (_band(ids[0], 0, 28), _band(ids[1], 29, 90), _band(ids[2], 91, None))


LOCALITIES = ("North", "South", "City", "West", "East")

#: The waiting-list families the demo catalogue declares (written to waiting_lists.csv).
WAITING_LISTS = (
    WaitingList(
        "care_act",
        "Care Act assessments",
        {
            "waiting": "ASC-WL01",
            "longest": "ASC-WL02",
            "mean": "ASC-WL03",
            "median": "ASC-WL04",
            "referrals": "ASC-WL09",
            "completions": "ASC-WL10",
            "support_plan": "ASC-WL11",
        },
        (
            _band("ASC-WL05", 0, 28),
            _band("ASC-WL06", 29, 90),
            _band("ASC-WL07", 91, 180),
            _band("ASC-WL08", 181, None),
        ),
        TEAMS,
        TEAM_WEIGHTS,
    ),
    WaitingList(
        "reviews",
        "Reviews",
        {
            "waiting": "ASC-RV03",
            "longest": "ASC-RV04",
            "median": "ASC-RV05",
            "referrals": "ASC-RV10",
            "completions": "ASC-RV02",
        },
        (_band("ASC-RV06", 0, 28), _band("ASC-RV07", 29, 90), _band("ASC-RV08", 91, None)),
    ),
    WaitingList(
        "ot",
        "Occupational therapy assessments",
        {
            "waiting": "ASC-OT01",
            "longest": "ASC-OT02",
            "median": "ASC-OT03",
            "referrals": "ASC-OT07",
            "completions": "ASC-OT08",
        },
        _short_bands("ASC-OT", 4),
        LOCALITIES,
        (0.22, 0.2, 0.22, 0.17, 0.19),
    ),
    WaitingList(
        "carers",
        "Carers' assessments",
        {
            "waiting": "ASC-CR02",
            "longest": "ASC-CR05",
            "mean": "ASC-CR06",
            "referrals": "ASC-CR10",
            "completions": "ASC-CR01",
        },
        _short_bands("ASC-CR", 7),
    ),
    WaitingList(
        "dols",
        "DoLS applications, by priority",
        {"waiting": "ASC-DL01", "referrals": "ASC-DL03", "completions": "ASC-DL04"},
        (),
        ("High priority", "Medium priority", "Low priority"),
        (0.18, 0.34, 0.48),
        breakdown="priority",
    ),
    WaitingList(
        "mh_reviews",
        "Mental-health reviews",
        {"waiting": "ASC-MH01", "longest": "ASC-MH02", "median": "ASC-MH03"},
        _short_bands("ASC-MH", 4),
    ),
    WaitingList(
        "financial",
        "Financial assessments",
        {
            "waiting": "ASC-FA01",
            "longest": "ASC-FA02",
            "median": "ASC-FA03",
            "referrals": "ASC-FA07",
            "completions": "ASC-FA08",
        },
        _short_bands("ASC-FA", 4),
    ),
)

#: Referrals a month for lists whose referrals and completions are both synthetic.
_REFERRAL_LEVEL = {"care_act": 640, "ot": 110, "dols": 260, "financial": 120}


def _waits_at(
    family: WaitingList, values: dict[str, np.ndarray], i: int
) -> dict[str, float | None]:
    """The month's whole-list waits, mean and median kept below the longest wait."""
    out: dict[str, float | None] = {}
    longest = family.roles.get("longest")
    out["longest"] = float(values[longest][i]) if longest else None
    for role in ("mean", "median"):
        measure_id = family.roles.get(role)
        value = float(values[measure_id][i]) if measure_id else None
        if value is not None and out["longest"] is not None:
            value = min(value, out["longest"] - 1)
            values[measure_id][i] = value
        out[role] = value
    return out


def _family_month(
    family: WaitingList,
    n: int,
    waits: dict[str, float | None],
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray | None, TeamSplit | None]:
    """Band counts, team list sizes and team waits for one month."""
    counts = np.zeros(0, dtype=int)
    if family.bands and waits["longest"] is not None:
        counts = fit_bands(n, family.bands, waits["longest"], waits["mean"], waits["median"], rng)
    if not family.teams:
        return counts, None, None
    weights = np.array(family.team_weights)
    if len(counts):
        split = split_teams(
            counts, family.bands, weights, waits["longest"], waits["mean"], waits["median"], rng
        )
        return counts, split.bands.sum(axis=1), split
    return counts, apportion(n, weights * np.exp(rng.normal(0, 0.08, len(weights)))), None


def _build_families(
    values: dict[str, np.ndarray], months: list[dt.date], rng: np.random.Generator
) -> tuple[list[dict[str, str]], dict[tuple[str, int], tuple]]:
    """Fill band and flow series in `values`; return team rows and each month's pieces."""
    team_out: list[dict[str, str]] = []
    pieces: dict[tuple[str, int], tuple] = {}
    for family in WAITING_LISTS:
        roles = family.roles
        waiting = values[roles["waiting"]]
        for band in family.bands:
            values[band.measure_id] = np.zeros(len(months))
        if "referrals" in roles:
            net = np.diff(waiting, prepend=np.round(waiting[0] * 1.02))
            done_id = roles["completions"]
            if done_id in values:  # completions have their own series: referrals follow
                values[roles["referrals"]] = np.maximum(np.round(values[done_id] + net), 0)
                values[done_id] = values[roles["referrals"]] - net
            else:
                level = _REFERRAL_LEVEL[family.list_id]
                x = np.arange(len(months))
                referrals = np.round(
                    level * (1 + 0.09 * np.sin(x / 2.0)) + rng.normal(0, level * 0.04, len(x))
                )
                referrals = np.maximum(referrals, net + np.ceil(level * 0.3))
                values[roles["referrals"]] = referrals
                values[done_id] = referrals - net
        for i, month in enumerate(months):
            waits = _waits_at(family, values, i)
            counts, team_n, split = _family_month(family, int(waiting[i]), waits, rng)
            for b, band in enumerate(family.bands):
                values[band.measure_id][i] = counts[b] if len(counts) else np.nan
            pieces[(family.list_id, i)] = (counts, team_n, split)
            if team_n is not None:
                team_out.extend(_family_team_rows(family, month, team_n, split, values, i, rng))
    return team_out, pieces


def _family_team_rows(
    family: WaitingList,
    month: dt.date,
    team_n: np.ndarray,
    split: TeamSplit | None,
    values: dict[str, np.ndarray],
    i: int,
    rng: np.random.Generator,
) -> list[dict[str, str]]:
    """Team (or priority) rows for one month: counts add up to the whole list."""
    roles = family.roles
    weights = np.maximum(team_n, 0) + 1e-9
    out = []

    def row(measure_id: str, team: str, value: float) -> dict[str, str]:
        return {
            "measure_id": measure_id,
            "period": period_key(month),
            "team": team,
            "actual": _fmt(value),
        }

    flows = {
        role: apportion(
            int(values[roles[role]][i]), weights * np.exp(rng.normal(0, 0.05, len(weights)))
        )
        for role in ("referrals", "completions")
        if role in roles
    }
    for j, team in enumerate(family.teams):
        out.append(row(roles["waiting"], team, team_n[j]))
        if split is not None:
            for role, series in (
                ("longest", split.longest),
                ("mean", split.mean),
                ("median", split.median),
            ):
                if role in roles and not np.isnan(series[j]):
                    out.append(row(roles[role], team, series[j]))
            for b, band in enumerate(family.bands):
                out.append(row(band.measure_id, team, split.bands[j, b]))
        for role, parts in flows.items():
            out.append(row(roles[role], team, parts[j]))
    return out


#: How each measure's year-to-date figure is made (the catalogue carries it as reported).
def ytd_rules() -> dict[str, str]:
    """measure_id -> snapshot | sum | mean."""
    return {s.measure_id: s.ytd for s in _catalogue()}


def generate(rng_seed: int = SEED) -> dict[str, list[dict[str, str]]]:
    """All demo rows, by file name; the same seed always gives the same rows."""
    rng = np.random.default_rng(rng_seed)
    anchors = load_anchors()
    anchors = anchors[anchors["kind"].isin(["anchor", "derived"])]
    specs = _catalogue()
    measures = [
        {
            "measure_id": s.measure_id,
            "name": s.name,
            "priority_id": s.priority,
            "priority_name": PRIORITIES[s.priority],
            "director": s.director,
            "portfolio_holder": s.holder,
            "frequency": s.frequency,
            # Bimonthly has no usual months: the demo's report in odd months (see _periods).
            "reporting_months": "Jan;Mar;May;Jul;Sep;Nov" if s.frequency == "bimonthly" else "",
            "polarity": s.polarity,
            "unit": s.unit,
            "tolerance": f"{s.tolerance:g}",
            "tolerance_type": s.tolerance_type,
            "description": s.description,
            "source": s.source,
            "quality_statements": MEASURE_STATEMENTS.get(s.measure_id, ""),
            "key_measure": "yes" if s.measure_id in KEY_MEASURES else "",
        }
        for s in specs
    ]
    values: dict[str, np.ndarray] = {}
    months_of: dict[str, list[dt.date]] = {}
    for spec in specs:
        months = _periods(spec.frequency)
        months_of[spec.measure_id] = months
        if spec.knots:
            mine = anchors[anchors["measure_id"] == spec.measure_id]
            values[spec.measure_id] = _series(
                spec,
                months,
                dict(zip(mine["period"], mine["value"].astype(float), strict=True)),
                rng,
            )
    # Money is reported to the nearest £1,000, as in the council's Table 13.
    values["ASC-FN01"] = np.round(values["ASC-FN01"], -3)
    monthly = months_of["ASC-WL01"]
    team_rows, _pieces = _build_families(values, monthly, rng)

    returns: list[dict[str, str]] = []
    for spec in specs:
        returns.extend(_rows_for(spec, values[spec.measure_id], months_of[spec.measure_id]))
    returns.extend(team_rows)
    for row in returns:
        for column in (
            "target",
            "ytd_actual",
            "ytd_target",
            "commentary",
            "improvement_plan",
            "timeframe",
            "finance_impact",
            "risk_impact",
        ):
            row.setdefault(column, "")

    restatements = _restatements(returns, values, monthly)
    out = {
        "measures.csv": measures,
        "returns.csv": returns,
        "returns_restated.csv": restatements,
        "risks.csv": _risks(),
        "comparators.csv": _comparators(rng),
        "waiting_lists.csv": [r for f in WAITING_LISTS for r in f.catalogue_rows()],
    }
    out.update(finance_files(values, months_of["ASC-FN01"]))
    return out


#: The two published figures for Jan 2025 and where each was published.
FIRST_JAN_2025, RESTATED_JAN_2025 = 286, 547
_RESTATED_TEXT = (
    "Restated from 286 to 547. Two figures were published for January 2025: 286 people "
    "waiting for a Care Act assessment (CQC assessment report, Sep 2025) and 547 (People "
    "Overview & Scrutiny, Nov 2025). The reason for the difference is not given in either "
    "document."
)
_FIRST_TEXT = (
    "Illustrative figure: 286 people waiting, as published in the CQC assessment report (Sep 2025)."
)


def _restatements(
    returns: list[dict[str, str]], values: dict[str, np.ndarray], months: list[dt.date]
) -> list[dict[str, str]]:
    """Jan 2025: first returned as 286 (with bands and teams for 286), later restated as 547.

    returns.csv carries the first figure and a team and band breakdown that adds up to it;
    returns_restated.csv carries every row that changes when the list is 547.
    """
    family = WAITING_LISTS[0]
    i = next(k for k, m in enumerate(months) if period_key(m) == "2025-01")
    jan = "2025-01"
    first_values = {k: v.copy() for k, v in values.items()}
    first_values[family.roles["waiting"]][i] = FIRST_JAN_2025
    rng = np.random.default_rng(SEED + 2025)
    waits = _waits_at(family, first_values, i)
    counts, team_n, split = _family_month(family, FIRST_JAN_2025, waits, rng)
    first_rows = {
        (r["measure_id"], r["team"]): r["actual"]
        for r in _family_team_rows(family, months[i], team_n, split, first_values, i, rng)
    }
    first_rows[(family.roles["waiting"], "")] = str(FIRST_JAN_2025)
    for b, band in enumerate(family.bands):
        first_rows[(band.measure_id, "")] = str(int(counts[b]))
    out = []
    for row in returns:
        key = (row["measure_id"], row["team"])
        if row["period"] != jan or key not in first_rows or first_rows[key] == row["actual"]:
            continue
        restated = dict(row)
        row["actual"] = first_rows[key]
        if key == (family.roles["waiting"], ""):
            restated["commentary"] = _RESTATED_TEXT
            row["commentary"] = _FIRST_TEXT
        elif row["team"] == "":
            row["commentary"] = f"Illustrative figure: {int(row['actual']):,}."
        if row["team"] == "" and row["ytd_actual"]:
            row["ytd_actual"] = row["actual"]  # snapshot measures: YTD is the month's figure
        out.append(restated)
    return out


#: (risk_id, name, description, owner, inherent L, I, residual Aug 2024 L, I, Sep 2024 L, I, target L, I, links)
_RISKS = (
    ("SR01", "Financial Resilience", "Director of Finance", (5, 5), (3, 4), (3, 4), (2, 4), "ASC-FN01;ASC-FN02;ASC-FN03"),
    ("SR02", "Cyber security", "Director of IT, Innovation and Digital", (5, 5), (3, 5), (3, 5), (2, 5), ""),
    ("SR03", "HIF1&HIF2", "Director of Environment and Highways", (4, 4), (3, 4), (3, 4), (2, 4), ""),
    ("SR04", "Managing Demand across Adult's and Children's Services", "Director of Adult Social Care", (3, 5), (2, 4), (2, 4), (2, 3), "ASC-WL01;ASC-SG03;ASC-DL01;ASC-PI03"),
    ("SR05", "Special Educational Needs and Disability (SEND)", "Director of Children's Services", (4, 5), (3, 4), (2, 4), (2, 4), ""),
    ("SR06", "Oxford Core Schemes", "Director of Transport", (4, 5), (4, 4), (4, 4), (3, 4), ""),
    ("SR07", "Strategic Workforce Planning", "Director of Workforce and Organisational Development", (4, 4), (2, 3), (2, 2), (2, 2), "ASC-WF01;ASC-WF02;ASC-WF03;ASC-WF04"),
    ("SR08", "Policy & Budget", "Director of Law and Governance", (5, 5), (2, 4), (2, 4), (2, 4), "ASC-FN01"),
    ("SR09", "Delivering the Future Together", "Chief Executive", (5, 5), (3, 4), (3, 4), (3, 3), "ASC-WL01;ASC-RV01"),
    ("SR10", "Climate Impact", "Director of Environment and Highways", (5, 5), (4, 5), (4, 5), (3, 5), ""),
)  # fmt: skip


def _risk_descriptions() -> dict[str, str]:
    path = PROJECT_ROOT / "data" / "reference" / "strategic_risks_sep2024.csv"
    with open(path, encoding="utf-8") as handle:
        return {f"SR{r['risk_id']}": r["description"] for r in csv.DictReader(handle)}


def _risks() -> list[dict[str, str]]:
    """Monthly assessments Apr 2023 - Oct 2025, exact at Aug and Sep 2024 (the published table)."""
    descriptions = _risk_descriptions()
    months = [m for m in _periods("monthly") if m >= dt.date(2023, 4, 1)]
    aug, sep = dt.date(2024, 8, 1), dt.date(2024, 9, 1)
    rows = []
    for n, (rid, name, owner, inherent, res_aug, res_sep, target, links) in enumerate(_RISKS):
        for month in months:
            if month < aug:
                gap = (month_index(aug) - month_index(month)) // (6 + n % 4)
                residual = (min(5, res_aug[0] + min(gap, 1)), res_aug[1])
            elif month == aug:
                residual = res_aug
            elif month == sep:
                residual = res_sep
            else:
                later = (month_index(month) - month_index(sep)) // (5 + n % 5)
                residual = (max(target[0], res_sep[0] - min(later, 1)), res_sep[1])
            rows.append(
                {
                    "risk_id": rid,
                    "name": name,
                    "description": descriptions.get(rid, ""),
                    "owner": owner,
                    "period": period_key(month),
                    "inherent_likelihood": str(inherent[0]),
                    "inherent_impact": str(inherent[1]),
                    "residual_likelihood": str(residual[0]),
                    "residual_impact": str(residual[1]),
                    "target_likelihood": str(target[0]),
                    "target_impact": str(target[1]),
                    "controls": "Illustrative: controls reviewed monthly at Council Management Team.",
                    "actions": "Illustrative: mitigating actions in the directorate risk register.",
                    "linked_measures": links,
                }
            )
    return rows


#: Comparable county councils, named for illustration: not CIPFA's published list.
NEIGHBOURS = (
    "Buckinghamshire",
    "Cambridgeshire",
    "Gloucestershire",
    "Hampshire",
    "Hertfordshire",
    "Leicestershire",
    "Surrey",
    "Warwickshire",
    "West Sussex",
    "Wiltshire",
    "Worcestershire",
)
#: Measures benchmarked in the demo and a plausible England-wide level for each.
_BENCHMARKED = {
    "ASC-PI01": 78.5,
    "ASC-PI02": 82.5,
    "ASC-PI03": 540.0,
    "ASC-PI04": 14.0,
    "ASC-PI05": 26.0,
    "ASC-CR04": 36.0,
    "ASC-QM01": 84.0,
    "ASC-QM03": 64.5,
    "ASC-DL02": 600.0,
}


def _comparators(rng: np.random.Generator) -> list[dict[str, str]]:
    """England figures where published; region and neighbours are synthetic and say so."""
    rows = []
    anchors = load_anchors()
    published = anchors[anchors["kind"] == "comparator"]
    for r in published.itertuples(index=False):
        rows.append(
            {
                "measure_id": r.measure_id,
                "period": r.period,
                "comparator": r.scope,
                "value": f"{r.value:g}",
            }
        )
    for measure_id, level in (("ASC-PI01", 78.5), ("ASC-PI03", 480.0), ("ASC-PI05", 25.0)):
        for year in (2022, 2023, 2024, 2025):
            value = level * (1 + rng.normal(0, 0.02))
            rows.append(
                {
                    "measure_id": measure_id,
                    "period": f"{year}-03",
                    "comparator": "South East (illustrative)",
                    "value": f"{value:.1f}",
                }
            )
    spread = np.random.default_rng(SEED + 11)
    for measure_id, level in _BENCHMARKED.items():
        for year in (2023, 2024):
            for n, name in enumerate(NEIGHBOURS):
                if (n + year) % 9 == 0:
                    continue  # a neighbour that did not report that year
                value = level * (1 + spread.normal(0, 0.09))
                if measure_id in ("ASC-PI01", "ASC-PI02", "ASC-PI05", "ASC-CR04", "ASC-QM01"):
                    value = min(value, 99.0)
                rows.append(
                    {
                        "measure_id": measure_id,
                        "period": f"{year}-03",
                        "comparator": f"{name} (illustrative)",
                        "value": f"{value:.1f}",
                    }
                )
    return rows


#: Files this generator writes, and the kind of each (hand-made demo CSVs are not listed).
GENERATED = {
    "measures.csv": "measures",
    "returns.csv": "returns",
    "returns_restated.csv": "returns",
    "risks.csv": "risks",
    "comparators.csv": "comparators",
    "waiting_lists.csv": "waiting_lists",
    "finance.csv": "finance",
}


def write_demo_files(directory: Path = DEMO_DIR) -> list[Path]:
    """Write the demo CSVs (UTF-8, contract columns) and return their paths."""
    from metrics.models import columns_of

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in generate().items():
        path = directory / name
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(
                handle, fieldnames=columns_of(GENERATED[name]), lineterminator="\n"
            )
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written + write_plan_files(directory)


#: Load order and the (illustrative) date each demo file is recorded as loaded. To add a demo
#: file (generated here, or a hand-made CSV in data/demo), add one line.
DEMO_LOADS = (
    ("measures.csv", dt.datetime(2025, 11, 3, 9, 0)),
    ("events.csv", dt.datetime(2025, 11, 3, 9, 2)),  # chart notes; process changes rebase SPC
    ("waiting_lists.csv", dt.datetime(2025, 11, 3, 9, 3)),
    ("risks.csv", dt.datetime(2025, 11, 3, 9, 5)),
    ("comparators.csv", dt.datetime(2025, 11, 3, 9, 10)),
    ("workstreams.csv", dt.datetime(2025, 11, 3, 9, 20)),
    ("actions.csv", dt.datetime(2025, 11, 3, 9, 30)),
    ("returns.csv", dt.datetime(2025, 11, 7, 9, 0)),
    ("finance.csv", dt.datetime(2025, 11, 7, 9, 30)),
    ("returns_restated.csv", dt.datetime(2025, 11, 14, 9, 0)),
    ("actions_update.csv", dt.datetime(2025, 11, 17, 8, 30)),
    ("risks_update.csv", dt.datetime(2025, 11, 17, 8, 35)),
)


def build_demo_database(settings: Settings, directory: Path = DEMO_DIR) -> None:
    """Build the demo database from `data/demo/*.csv` with the real loader."""
    from metrics.loader import commit, validate_file

    if not (directory / "measures.csv").exists():
        write_demo_files(directory)
    for name, when in DEMO_LOADS:
        validated = validate_file((directory / name).read_bytes(), name, settings)
        if not validated.ok:
            problems = "; ".join(i.describe() for i in validated.rejections[:5])
            raise RuntimeError(f"demo file {name} failed validation: {problems}")
        commit(validated, settings, DEMO_LOADER, loaded_at=when)


def ensure_database(settings: Settings) -> bool:
    """Build the demo database on first run; True when it was built now."""
    if settings.db_path.exists():
        return False
    build_demo_database(settings)
    return True


def is_demo(con) -> bool:
    """True while any figure in the database came from the demo generator."""
    row = fetch_one(con, "SELECT count(*) FROM loads WHERE loaded_by = ?", [DEMO_LOADER])
    return bool(row and row[0])


if __name__ == "__main__":
    for written in write_demo_files():
        print(written)
