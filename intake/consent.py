"""Whether a load needs consent to re-rate history, decided from the validated measures rows.

The rows are those the loader accepted, whatever the layout (CSV, XLSX, blank rows above the
header, any sheet), so the CLI and the Data page decide alike; intake.redefinitions says what
a change would do.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.redefinitions import Impact, impact_of
from intake.validated import ValidatedFile
from settings.config import Settings


def impact_of_file(validated: ValidatedFile, settings: Settings) -> Impact | None:
    """What the file's measure definitions would do to past statuses (None: it holds none)."""
    incoming = validated.frames.get("measures")
    if incoming is None or not settings.db_path.exists():
        return None
    return impact_of(settings.db_path, incoming)


def lines_needing_consent(files: Sequence[ValidatedFile], settings: Settings) -> list[str]:
    """Why loading these files needs consent (--redefine), one line each; empty when it does not."""
    lines: list[str] = []
    for validated in files:
        impact = impact_of_file(validated, settings)
        if impact is None or not impact.needs_consent:
            continue
        name = validated.file_name
        lines += [f"{name}, {r.describe()}" for r in impact.redefinitions]
        if not impact.changes.empty:
            lines.append(f"{name}: {len(impact.changes):,} past status(es) would change:")
            lines += [f"  {line}" for line in impact.lines()]
    return lines
