"""Illustrative improvement-plan demo: 6 workstreams and 43 actions in the spirit of the Adult
Social Care Improvement Plan 2025–27, linked to demo measures, risks and CQC statements.

Hand-written rather than random, so the story is stable: a baseline loaded on 3 Nov 2025 and
the weekly meeting's update on 17 Nov 2025 (two actions closed, two escalated, one new, and
October's scores of two strategic risks revised).
Every workstream and progress note says it is illustrative. `python -m metrics.demo_plan`
rewrites data/demo/workstreams.csv, actions.csv, actions_update.csv and risks_update.csv.
"""

from __future__ import annotations

import csv
from pathlib import Path

from metrics.config import DEMO_DIR

#: The quality statements each demo measure is evidence for (metrics.demo writes them).
MEASURE_STATEMENTS: dict[str, str] = {
    **{f"ASC-WL{n:02d}": "Assessing needs" for n in range(1, 11)},
    "ASC-RV01": "Assessing needs;Care provision, integration and continuity",
    "ASC-RV02": "Assessing needs;Care provision, integration and continuity",
    **{f"ASC-SG{n:02d}": "Safeguarding" for n in range(1, 5)},
    "ASC-DL01": "Safeguarding",
    "ASC-DL02": "Safeguarding",
    "ASC-PI01": "Supporting people to lead healthier lives;Safe pathways, systems and transitions",
    "ASC-PI02": "Safe pathways, systems and transitions",
    "ASC-PI03": "Care provision, integration and continuity",
    "ASC-PI04": "Care provision, integration and continuity",
    "ASC-PI05": "Care provision, integration and continuity;Equity in experience and outcomes",
    "ASC-PI06": "Supporting people to lead healthier lives;Partnerships and communities",
    "ASC-CR01": "Assessing needs;Equity in experience and outcomes",
    "ASC-CR02": "Assessing needs;Equity in experience and outcomes",
    "ASC-CR03": "Partnerships and communities",
    "ASC-CR04": "Equity in experience and outcomes",
    **{f"ASC-WF{n:02d}": "Governance, management and sustainability" for n in range(1, 5)},
    "ASC-QM01": "Care provision, integration and continuity",
    "ASC-QM02": "Care provision, integration and continuity",
    "ASC-QM03": "Equity in experience and outcomes",
    **{f"ASC-FN{n:02d}": "Governance, management and sustainability" for n in range(1, 4)},
}

_NOTE = "Illustrative: "

WORKSTREAMS = [
    (
        "WS1",
        "Timely assessment and review",
        "Deputy Director, Operations",
        "Cut waits for Care Act assessments and overdue reviews across the locality teams.",
        "Assessing needs;Care provision, integration and continuity",
        "ASC-WL01;ASC-WL02;ASC-RV01",
    ),
    (
        "WS2",
        "Prevention and living well",
        "Head of Prevention and Wellbeing",
        "More people helped early: reablement, Community Links, technology-enabled care.",
        "Supporting people to lead healthier lives;Partnerships and communities",
        "ASC-PI01;ASC-PI06",
    ),
    (
        "WS3",
        "Carers and fair outcomes",
        "Head of Service, Carers and Equality",
        "Unpaid carers assessed and supported; outcomes understood for every community.",
        "Equity in experience and outcomes;Assessing needs",
        "ASC-CR01;ASC-CR02;ASC-CR04",
    ),
    (
        "WS4",
        "Care market and continuity",
        "Head of Joint Commissioning",
        "Enough good home care and care homes in county; fewer people placed out of area.",
        "Care provision, integration and continuity",
        "ASC-QM02;ASC-PI03;ASC-QM01",
    ),
    (
        "WS5",
        "Safeguarding and safe transitions",
        "Safeguarding Service Manager",
        "Timely enquiries, DoLS applications cleared, safe moves from hospital and into adulthood.",
        "Safeguarding;Safe pathways, systems and transitions",
        "ASC-SG03;ASC-DL01;ASC-PI02",
    ),
    (
        "WS6",
        "Workforce, governance and learning",
        "Director of Adult Social Care",
        "A stable workforce, a performance framework the board trusts, learning from practice.",
        "Governance, management and sustainability;Learning, improvement and innovation",
        "ASC-WF02;ASC-WF03;ASC-FN02",
    ),
]

# action_id, title, workstream, owner, raised, due, status, note, escalated_to, closed_on,
# linked_measures, linked_risks, quality_statements
Action = tuple[str, str, str, str, str, str, str, str, str, str, str, str, str]
ACTIONS: list[Action] = [
    # WS1 Timely assessment and review
    (
        "IP-101",
        "Appointment-setting for assessments in every locality team",
        "WS1",
        "Head of Service, Localities",
        "2025-03-03",
        "2025-06-30",
        "complete",
        "Live in all locality teams since June.",
        "",
        "2025-06-27",
        "ASC-WL01;ASC-WL03",
        "SR04",
        "Assessing needs",
    ),
    (
        "IP-102",
        "Weekly triage of everyone waiting over 28 days",
        "WS1",
        "Team Manager, East Locality",
        "2025-03-03",
        "2025-12-31",
        "on_track",
        "Triage list reviewed every Monday.",
        "",
        "",
        "ASC-WL02;ASC-WL07;ASC-WL08",
        "SR04",
        "Assessing needs",
    ),
    (
        "IP-103",
        "Clear reviews overdue more than 12 months",
        "WS1",
        "Review Team Manager",
        "2025-04-01",
        "2025-10-31",
        "off_track",
        "Agency reviewers started late; about 120 still outstanding.",
        "Performance, Practice and Pounds",
        "",
        "ASC-RV01;ASC-RV02",
        "SR04",
        "Assessing needs;Care provision, integration and continuity",
    ),
    (
        "IP-104",
        "Publish waiting times and what to expect on the website",
        "WS1",
        "Head of Service, Localities",
        "2025-05-06",
        "2025-09-30",
        "at_risk",
        "Draft with communications; accessibility review pending.",
        "",
        "",
        "ASC-WL03;ASC-WL04",
        "",
        "Assessing needs",
    ),
    (
        "IP-105",
        "Occupational therapy waiting list plan",
        "WS1",
        "Principal Occupational Therapist",
        "2025-05-06",
        "2026-03-31",
        "on_track",
        "Trusted assessor training booked for January.",
        "",
        "",
        "ASC-WL01",
        "SR04",
        "Assessing needs",
    ),
    (
        "IP-106",
        "Strengths-based conversation at the front door",
        "WS1",
        "Social and Health Care Team Manager",
        "2025-06-02",
        "2026-06-30",
        "not_started",
        "Starts after the front-door redesign consultation.",
        "",
        "",
        "ASC-WL09;ASC-WL10",
        "",
        "Assessing needs;Supporting people to lead healthier lives",
    ),
    (
        "IP-107",
        "Review allocation thresholds with team managers",
        "WS1",
        "Deputy Director, Operations",
        "2025-07-07",
        "2025-11-14",
        "on_track",
        "Workshop held; guidance being written.",
        "",
        "",
        "ASC-WL01",
        "",
        "Assessing needs",
    ),
    # WS2 Prevention and living well
    (
        "IP-201",
        "Expand Home First reablement to seven days",
        "WS2",
        "Home First Service Manager",
        "2025-03-03",
        "2026-03-31",
        "on_track",
        "Weekend rota live in two neighbourhoods.",
        "",
        "",
        "ASC-PI01;ASC-PI02",
        "SR04",
        "Supporting people to lead healthier lives",
    ),
    (
        "IP-202",
        "Community Links referrals from every locality team",
        "WS2",
        "Head of Prevention and Wellbeing",
        "2025-03-03",
        "2025-09-30",
        "complete",
        "All teams referring; quarterly review with Age UK Oxfordshire.",
        "",
        "2025-09-26",
        "ASC-PI06",
        "",
        "Partnerships and communities;Supporting people to lead healthier lives",
    ),
    (
        "IP-203",
        "Technology-enabled care offered at first contact",
        "WS2",
        "Assistive Technology Lead",
        "2025-04-01",
        "2026-01-31",
        "at_risk",
        "Supplier contract extension still with procurement.",
        "",
        "",
        "ASC-PI01",
        "SR01",
        "Supporting people to lead healthier lives",
    ),
    (
        "IP-204",
        "Local Area Coordinators in two more places",
        "WS2",
        "Head of Prevention and Wellbeing",
        "2025-05-06",
        "2026-04-30",
        "on_track",
        "Recruitment for Didcot West under way.",
        "",
        "",
        "ASC-PI06",
        "",
        "Partnerships and communities",
    ),
    (
        "IP-205",
        "Prevention offer co-produced with the Team Up Board",
        "WS2",
        "Co-production Lead",
        "2025-06-02",
        "2025-10-31",
        "at_risk",
        "Two of four sessions held.",
        "",
        "",
        "",
        "",
        "Partnerships and communities;Learning, improvement and innovation",
    ),
    (
        "IP-206",
        "Falls prevention pathway with health partners",
        "WS2",
        "Head of Prevention and Wellbeing",
        "2025-07-07",
        "2026-06-30",
        "not_started",
        "Awaiting ICB funding decision.",
        "",
        "",
        "ASC-PI02",
        "",
        "Supporting people to lead healthier lives;Partnerships and communities",
    ),
    # WS3 Carers and fair outcomes
    (
        "IP-301",
        "Carers' assessments within 28 days",
        "WS3",
        "Head of Service, Carers and Equality",
        "2025-03-03",
        "2025-12-31",
        "off_track",
        "Backlog grew over the summer; extra sessions with Carers Oxfordshire.",
        "Directorate Leadership Team",
        "",
        "ASC-CR01;ASC-CR02",
        "SR04",
        "Assessing needs;Equity in experience and outcomes",
    ),
    (
        "IP-302",
        "Carers' Champion in every locality team",
        "WS3",
        "Carers Lead",
        "2025-03-03",
        "2025-07-31",
        "complete",
        "Champions named in all teams.",
        "",
        "2025-07-25",
        "ASC-CR01",
        "",
        "Equity in experience and outcomes",
    ),
    (
        "IP-303",
        "Record and report outcomes by protected characteristic",
        "WS3",
        "Head of Performance",
        "2025-04-01",
        "2025-10-31",
        "off_track",
        "Ethnicity recording below 70% in case records.",
        "",
        "",
        "ASC-QM03;ASC-CR04",
        "",
        "Equity in experience and outcomes",
    ),
    (
        "IP-304",
        "Interpreting and accessible information standard",
        "WS3",
        "Head of Service, Carers and Equality",
        "2025-05-06",
        "2026-03-31",
        "on_track",
        "Audit of letters complete.",
        "",
        "",
        "",
        "",
        "Equity in experience and outcomes",
    ),
    (
        "IP-305",
        "Young carers moving into adulthood: joint protocol",
        "WS3",
        "Moving Into Adulthood Team Manager",
        "2025-06-02",
        "2026-01-31",
        "on_track",
        "Protocol drafted with children's services.",
        "",
        "",
        "ASC-CR01",
        "",
        "Equity in experience and outcomes;Safe pathways, systems and transitions",
    ),
    (
        "IP-306",
        "Direct payments: simpler paperwork and a support offer",
        "WS3",
        "Direct Payment Advice Team Manager",
        "2025-06-02",
        "2025-12-31",
        "at_risk",
        "New forms tested; payroll support contract delayed.",
        "",
        "",
        "ASC-PI05",
        "",
        "Equity in experience and outcomes;Care provision, integration and continuity",
    ),
    (
        "IP-307",
        "Carers' survey response plan",
        "WS3",
        "Carers Lead",
        "2025-08-04",
        "2026-02-28",
        "not_started",
        "Waiting for the national survey results.",
        "",
        "",
        "ASC-CR04",
        "",
        "Equity in experience and outcomes",
    ),
    # WS4 Care market and continuity
    (
        "IP-401",
        "Home care sourced within 48 hours in rural areas",
        "WS4",
        "Head of Joint Commissioning",
        "2025-03-03",
        "2026-03-31",
        "at_risk",
        "Rural rounds still short of carers.",
        "Joint Commissioning Executive",
        "",
        "ASC-QM02",
        "SR04;SR07",
        "Care provision, integration and continuity",
    ),
    (
        "IP-402",
        "Market sustainability plan refresh",
        "WS4",
        "Market Development Manager",
        "2025-03-03",
        "2025-09-30",
        "complete",
        "Published in September.",
        "",
        "2025-09-22",
        "ASC-QM01;ASC-PI03",
        "SR01",
        "Care provision, integration and continuity;Governance, management and sustainability",
    ),
    (
        "IP-403",
        "Bring people with complex needs back into county",
        "WS4",
        "Head of Service, Learning Disability",
        "2025-04-01",
        "2027-03-31",
        "on_track",
        "Two supported-living schemes in development.",
        "",
        "",
        "ASC-PI04",
        "SR01",
        "Care provision, integration and continuity",
    ),
    (
        "IP-404",
        "Provider quality visits using PAMMS",
        "WS4",
        "Quality Improvement Team Manager",
        "2025-04-01",
        "2025-12-31",
        "on_track",
        "78 of 110 visits done.",
        "",
        "",
        "ASC-QM01",
        "",
        "Care provision, integration and continuity;Safeguarding",
    ),
    (
        "IP-405",
        "Fair cost of care uplift agreed with providers",
        "WS4",
        "Head of Joint Commissioning",
        "2025-05-06",
        "2025-08-31",
        "closed",
        "Closed: superseded by the 2026/27 fee-setting round.",
        "",
        "2025-09-05",
        "ASC-FN01",
        "SR01;SR08",
        "Care provision, integration and continuity",
    ),
    (
        "IP-406",
        "Care home admissions panel for people aged 65+",
        "WS4",
        "Head of Service, Localities",
        "2025-06-02",
        "2025-11-30",
        "on_track",
        "Panel meeting weekly since July.",
        "",
        "",
        "ASC-PI03",
        "",
        "Care provision, integration and continuity",
    ),
    (
        "IP-407",
        "Shared Lives expansion",
        "WS4",
        "Shared Lives Manager",
        "2025-07-07",
        "2026-09-30",
        "not_started",
        "Business case to DLT in December.",
        "",
        "",
        "",
        "",
        "Care provision, integration and continuity",
    ),
    # WS5 Safeguarding and safe transitions
    (
        "IP-501",
        "Safeguarding enquiries open over 12 weeks reviewed weekly",
        "WS5",
        "Safeguarding Service Manager",
        "2025-03-03",
        "2026-03-31",
        "on_track",
        "Every case over 12 weeks discussed at Meaningful Measures.",
        "",
        "",
        "ASC-SG03;ASC-SG02",
        "",
        "Safeguarding",
    ),
    (
        "IP-502",
        "DoLS applications: clear the oldest 500",
        "WS5",
        "DoLS Team Manager",
        "2025-03-03",
        "2025-08-31",
        "off_track",
        "Second agency contract ended early; about 90 left.",
        "Internal Assurance and Governance Board",
        "",
        "ASC-DL01;ASC-DL02",
        "SR04",
        "Safeguarding",
    ),
    (
        "IP-503",
        "Making Safeguarding Personal audit",
        "WS5",
        "Principal Social Worker",
        "2025-04-01",
        "2025-10-31",
        "complete",
        "Audit reported to OSAB.",
        "",
        "2025-10-24",
        "ASC-SG04",
        "",
        "Safeguarding;Learning, improvement and innovation",
    ),
    (
        "IP-504",
        "Organisational safeguarding concerns to a central team",
        "WS5",
        "Safeguarding Service Manager",
        "2025-05-06",
        "2026-01-31",
        "at_risk",
        "Consultation with staff extended to December.",
        "",
        "",
        "ASC-SG01;ASC-SG02",
        "SR07",
        "Safeguarding;Governance, management and sustainability",
    ),
    (
        "IP-505",
        "Hospital discharge: people home within 91 days",
        "WS5",
        "Transfer of Care Hub Manager",
        "2025-05-06",
        "2026-03-31",
        "on_track",
        "Daily system call in place.",
        "",
        "",
        "ASC-PI02",
        "SR04",
        "Safe pathways, systems and transitions",
    ),
    (
        "IP-506",
        "Assessment in place by the 18th birthday",
        "WS5",
        "Moving Into Adulthood Team Manager",
        "2025-06-02",
        "2025-12-31",
        "on_track",
        "Tracker shared with children's services monthly.",
        "",
        "",
        "",
        "",
        "Safe pathways, systems and transitions",
    ),
    (
        "IP-507",
        "Business continuity test for out-of-hours cover",
        "WS5",
        "Emergency Duty Team Manager",
        "2025-08-04",
        "2025-11-28",
        "not_started",
        "Test date not yet agreed.",
        "",
        "",
        "",
        "SR02",
        "Safe pathways, systems and transitions",
    ),
    # WS6 Workforce, governance and learning
    (
        "IP-601",
        "Social worker recruitment and retention offer",
        "WS6",
        "Head of Workforce",
        "2025-03-03",
        "2026-03-31",
        "on_track",
        "Vacancy rate down two points since April.",
        "",
        "",
        "ASC-WF02;ASC-WF01",
        "SR07",
        "Governance, management and sustainability",
    ),
    (
        "IP-602",
        "Reduce agency social workers to under 20",
        "WS6",
        "Head of Workforce",
        "2025-03-03",
        "2025-10-31",
        "off_track",
        "31 agency workers in post; conversions slower than planned.",
        "Directorate Leadership Team",
        "",
        "ASC-WF03",
        "SR07;SR01",
        "Governance, management and sustainability",
    ),
    (
        "IP-603",
        "Performance framework and Meaningful Measures dashboard",
        "WS6",
        "Head of Performance",
        "2025-03-03",
        "2025-12-31",
        "on_track",
        "Dashboard in use at the weekly meeting.",
        "",
        "",
        "ASC-WL01;ASC-SG03",
        "",
        "Governance, management and sustainability;Learning, improvement and innovation",
    ),
    (
        "IP-604",
        "Practice learning reviews shared across teams",
        "WS6",
        "Principal Social Worker",
        "2025-04-01",
        "2025-12-31",
        "at_risk",
        "Two reviews shared; template agreed.",
        "",
        "",
        "",
        "",
        "Learning, improvement and innovation",
    ),
    (
        "IP-605",
        "Savings plan 2025/26 delivered",
        "WS6",
        "Finance Business Partner, Adults",
        "2025-04-01",
        "2026-03-31",
        "at_risk",
        "Forecast shortfall on two savings lines.",
        "",
        "",
        "ASC-FN02;ASC-FN01",
        "SR01;SR08",
        "Governance, management and sustainability",
    ),
    (
        "IP-606",
        "Self-assessment refreshed each quarter",
        "WS6",
        "Quality and Assurance Project Board lead",
        "2025-06-02",
        "2025-09-30",
        "complete",
        "Q2 refresh taken to the Internal Assurance and Governance Board.",
        "",
        "2025-09-29",
        "",
        "",
        "Learning, improvement and innovation;Governance, management and sustainability",
    ),
    # Actions from the weekly Meaningful Measures meeting, outside any workstream
    (
        "MM-001",
        "Explain the rise in safeguarding concerns in October",
        "",
        "Safeguarding Service Manager",
        "2025-11-03",
        "2025-11-14",
        "on_track",
        "Data check with the MASH requested.",
        "",
        "",
        "ASC-SG01",
        "",
        "Safeguarding",
    ),
    (
        "MM-002",
        "Check the DoLS figure restated for September",
        "",
        "Head of Performance",
        "2025-11-03",
        "2025-11-21",
        "not_started",
        "",
        "",
        "",
        "ASC-DL01",
        "",
        "",
    ),
]

#: The weekly meeting's update of 17 Nov 2025: action_id → changed columns.
UPDATES: dict[str, dict[str, str]] = {
    "IP-107": {
        "status": "complete",
        "closed_on": "2025-11-14",
        "progress_note": "Guidance issued to all team managers.",
    },
    "MM-001": {
        "status": "closed",
        "closed_on": "2025-11-14",
        "progress_note": "Explained by a provider's bulk referral; no practice concern.",
    },
    "IP-401": {"status": "off_track", "progress_note": "Two rural providers handed back packages."},
    "IP-303": {
        "escalated_to": "Performance, Practice and Pounds",
        "progress_note": "Recording fix needs system change; escalated.",
    },
    "IP-504": {
        "escalated_to": "Directorate Leadership Team",
        "progress_note": "Staff consultation extended; decision needed on timetable.",
    },
    "IP-102": {"progress_note": "Everyone over 90 days contacted in the last fortnight."},
    "IP-502": {"progress_note": "About 70 left; new agency starts in December."},
}
NEW_IN_UPDATE: list[Action] = [
    (
        "MM-003",
        "Restated waiting list figure: brief the Cabinet Member",
        "",
        "Deputy Director, Operations",
        "2025-11-17",
        "2025-11-28",
        "not_started",
        "",
        "",
        "",
        "ASC-WL01",
        "SR04",
        "Assessing needs",
    ),
]

ACTION_FIELDS = (
    "action_id", "title", "workstream_id", "owner", "raised", "due", "status", "progress_note",
    "escalated_to", "closed_on", "linked_measures", "linked_risks", "quality_statements",
)  # fmt: skip
WORKSTREAM_FIELDS = (
    "workstream_id", "name", "lead", "description", "quality_statements", "success_measures",
)  # fmt: skip


def _action_dict(action: Action) -> dict[str, str]:
    row = dict(zip(ACTION_FIELDS, action, strict=True))
    if row["progress_note"]:
        row["progress_note"] = _NOTE + row["progress_note"]
    return row


def rows() -> dict[str, list[dict[str, str]]]:
    """The three demo files' rows, by file name."""
    workstreams = [
        dict(zip(WORKSTREAM_FIELDS, (w[0], w[1], w[2], _NOTE + w[3], w[4], w[5]), strict=True))
        for w in WORKSTREAMS
    ]
    baseline = [_action_dict(a) for a in ACTIONS]
    update = []
    for row in baseline:
        if row["action_id"] in UPDATES:
            changed = dict(row)
            for column, value in UPDATES[row["action_id"]].items():
                changed[column] = _NOTE + value if column == "progress_note" else value
            update.append(changed)
    update += [_action_dict(a) for a in NEW_IN_UPDATE]
    return {"workstreams.csv": workstreams, "actions.csv": baseline, "actions_update.csv": update}


#: The weekly meeting's risk re-scoring of October 2025: risk → change in residual likelihood.
RISK_RESCORES = {"SR04": -1, "SR07": +1}


def risk_update(risks_csv: Path) -> tuple[list[str], list[dict[str, str]]]:
    """October 2025's assessment of SR04 and SR07 re-scored on 17 Nov 2025 (a new version)."""
    with open(risks_csv, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        fields = list(reader.fieldnames or [])
    latest = max(r["period"] for r in rows)
    out = []
    for row in rows:
        if row["period"] == latest and row["risk_id"] in RISK_RESCORES:
            changed = dict(row)
            score = int(row["residual_likelihood"]) + RISK_RESCORES[row["risk_id"]]
            changed["residual_likelihood"] = str(min(5, max(1, score)))
            changed["controls"] = _NOTE + "re-scored at the weekly meeting on 17 Nov 2025."
            out.append(changed)
    return fields, out


def write_plan_files(directory: Path = DEMO_DIR) -> list[Path]:
    """Write the demo plan CSVs (UTF-8) and return their paths (after the demo's risks.csv)."""
    written = []
    for name, content in rows().items():
        path = directory / name
        fields = WORKSTREAM_FIELDS if name == "workstreams.csv" else ACTION_FIELDS
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(content)
        written.append(path)
    fields, rescored = risk_update(directory / "risks.csv")
    path = directory / "risks_update.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rescored)
    written.append(path)
    return written


if __name__ == "__main__":
    for written in write_plan_files():
        print(written)
