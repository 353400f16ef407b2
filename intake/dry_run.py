"""What a load would do, per file, as one document: the CLI's --dry-run and the Data page agree.

Counts of new, restated, unchanged, refused and normalised rows come from intake.preview,
the same comparison the insert uses; nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from intake.commit import previous_load_of
from intake.preview import classify, totals
from intake.validated import ValidatedFile
from settings.config import Settings

#: Restated rows listed per file on the terminal (--json lists every row).
_SHOWN = 20


def file_preview(validated: ValidatedFile, settings: Settings) -> dict[str, Any]:
    """One file's counts by class, its rows, its problems and warnings."""
    classes = classify(validated, settings)
    earlier = previous_load_of(settings, validated.sha256)
    return {
        "file": validated.file_name,
        "sha256": validated.sha256,
        "kinds": validated.kinds,
        "counts": totals(classes),
        "already_loaded_as": earlier[0] if earlier else None,
        "rows": [
            {
                "sheet": r["Sheet"],
                "row": int(r["Row"]),
                "kind": r["Kind"],
                "class": r["Class"],
                "change": r["Change"],
                "normalised": r["Normalised"],
            }
            for r in classes.to_dict("records")
        ],
        "problems": [i.describe() for i in validated.rejections],
        "warnings": [i.describe() for i in validated.warnings],
    }


def load_preview(
    files: Sequence[ValidatedFile], settings: Settings, needs_consent: Sequence[str] = ()
) -> dict[str, Any]:
    """Every file of a load previewed; `would_load` is False when any file has a problem or
    the load would re-rate history without consent (`needs_consent`: why, one line each)."""
    return {
        "dry_run": True,
        "would_load": all(v.ok for v in files) and not needs_consent,
        "needs_consent": list(needs_consent),
        "files": [file_preview(v, settings) for v in files],
    }


def preview_lines(document: dict[str, Any]) -> list[str]:
    """The preview as a few lines per file, for the terminal."""
    lines = []
    for file in document["files"]:
        c = file["counts"]
        lines.append(
            f"{file['file']}: {c['new']:,} new, {c['restated']:,} restated, "
            f"{c['unchanged']:,} unchanged, {c['refused']:,} refused, "
            f"{c['normalised']:,} normalised"
        )
        lines += [f"  refused: {p}" for p in file["problems"]]
        restated = [r for r in file["rows"] if r["class"] == "restated"]
        lines += [f"  restated: row {r['row']}: {r['change']}" for r in restated[:_SHOWN]]
        if len(restated) > _SHOWN:
            lines.append(f"  … and {len(restated) - _SHOWN:,} more restated (see --json)")
    lines += [f"needs --redefine: {line}" for line in document["needs_consent"]]
    lines.append(
        "Dry run: nothing was written."
        + ("" if document["would_load"] else " The load would be refused.")
    )
    return lines
