"""PDFs: the board pack, and the plan, CQC and "This week" documents, one module per section.

Library choice: fpdf2 (pinned). It is pure Python (no system libraries to install on a council
server), embeds TrueType fonts as subsets, has tables with per-cell colours, an outline and a
table-of-contents placeholder filled in after the pages are laid out, and "Page n of N"
aliases. WeasyPrint would give HTML/CSS layout, but needs pango and friends on the server and
an HTML template layer to maintain for what is a fixed, tabular document.

The PDF core fonts are Latin-1 only, so the bundled DejaVu Sans is embedded: the pack needs
£, –, → and the status shapes ★ ● ▲ (status is always shape + word as well as colour).

exports/pdf/document.py holds the shared page machinery; every other module is one section
or one document and imports only document.py (pack.py composes the sections).
"""

from __future__ import annotations

from exports.pdf.cqc import evidence_pdf
from exports.pdf.pack import build_pdf, render_pack_pdf
from exports.pdf.plan import PlanSection, plan_pdf, plan_section, plan_section_for
from exports.pdf.this_week import week_pdf

__all__ = [
    "PlanSection",
    "build_pdf",
    "evidence_pdf",
    "plan_pdf",
    "plan_section",
    "plan_section_for",
    "render_pack_pdf",
    "week_pdf",
]
