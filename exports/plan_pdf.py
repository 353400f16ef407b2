"""The plan pages' PDFs, kept at this address for the page scripts that import them.

They live in exports/pdf/ now (this_week.py, plan.py, cqc.py), one module per document.
"""

from __future__ import annotations

from exports.pdf.cqc import evidence_pdf
from exports.pdf.plan import PlanSection, plan_pdf, plan_section, plan_section_for
from exports.pdf.this_week import week_pdf

__all__ = [
    "PlanSection",
    "evidence_pdf",
    "plan_pdf",
    "plan_section",
    "plan_section_for",
    "week_pdf",
]
