"""Data: templates, upload with a validation preview, load, load history and backups."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.plain import escaped
from dashboard.sections.data import period_span
from dashboard.state import view
from dashboard.text import md_text
from dashboard.ui import empty_state, readable
from intake.consent import impact_of_file
from intake.disagreements import disagreements_in
from intake.kinds import KINDS
from intake.loader import commit, previous_load_of, validate_file
from intake.preview import classify, totals
from intake.templates import template_csv, template_xlsx
from metrics.formatting import snapshot_change_notes
from metrics.periods import day_label, time_label
from plan.queries import plan_load_changes
from settings.access import PermissionRefused, can
from store import queries
from store.database import LoadBusyError, list_backups, no_backups_message, read_connection

CHANGE_TITLES = {
    "measures": "Measure definitions",
    "snapshots": "Figures",
    "risk_assessments": "Risk assessments",
    "comparators": "Comparator values",
    "workstreams": "Improvement plan workstreams",
    "actions": "Actions (new versions are progress updates)",
    "load_rejections": "Rows rejected and recorded",
}


v = view()
st.title("Data: load a monthly return")
st.write(
    "Load measures, monthly returns, risk assessments, comparators, improvement-plan "
    "workstreams or actions from CSV (UTF-8 or "
    "Excel's Windows-1252) or an Excel workbook (any sheet names; one kind per sheet). "
    "Every row is checked first; nothing is written until you press **Load**, and a file with "
    "problems is loaded only if you choose to load its valid rows."
)

with st.expander("Download templates", expanded=False):
    st.write("Bold columns in the workbook are required. Periods are `YYYY-MM`.")
    columns = st.columns(len(KINDS) + 1)
    for column, kind in zip(columns, KINDS, strict=False):
        column.download_button(
            f"{kind}.csv",
            template_csv(kind),
            file_name=f"{kind}.csv",
            mime="text/csv",
            key=f"template_{kind}",
        )
    columns[-1].download_button(
        "All kinds (.xlsx)",
        template_xlsx(),
        file_name="meaningful_measures_templates.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="template_xlsx",
    )

user = v.user
allowed = user is not None and can(user.role, "load")
who = user.identity if user else "unknown"
if not allowed and user is not None and user.auth_configured:
    st.info(
        "Only data officers can load returns. You can still check a file below: nothing "
        "will be written.",
        icon="🔒",
    )
elif not allowed:
    st.info(
        "Loading is switched off. This is a local install with no sign-in configured, so "
        "nobody can be identified as a data officer. For a single-user local install, start "
        "the app with `MM_ALLOW_LOCAL_LOAD=1`; for a council deployment configure sign-in "
        "(see the README). You can still check a file below: nothing will be written.",
        icon="🔒",
    )

upload = st.file_uploader(
    "Choose a CSV or XLSX file",
    type=["csv", "xlsx", "txt"],
    help=f"Up to {v.settings.max_upload_mb:,.0f} MB.",
)

if upload is not None:
    data = upload.getvalue()
    validated = validate_file(data, upload.name, v.settings)
    kinds = ", ".join(sorted(set(validated.detected.values()))) or "none recognised"
    a, b, c, d = st.columns(4)
    a.metric("Rows checked", f"{validated.rows_total:,}")
    b.metric("Rows accepted", f"{validated.rows_accepted:,}")
    c.metric("Rows rejected", f"{validated.rows_rejected:,}")
    d.metric("Kinds", kinds)
    st.caption(f"sha256 {validated.sha256}")

    classes = classify(validated, v.settings)
    counts = totals(classes)
    st.write(
        "What loading this file would do, row by row (rows are numbered as Excel numbers "
        "them: the header is row 1):"
    )
    n, r, u, x, m = st.columns(5)
    n.metric("New", f"{counts['new']:,}")
    r.metric("Restated", f"{counts['restated']:,}")
    u.metric("Unchanged", f"{counts['unchanged']:,}")
    x.metric("Refused", f"{counts['refused']:,}")
    m.metric("Normalised", f"{counts['normalised']:,}")

    whole_file = [i for i in validated.rejections if i.row is None and i.sheet is None]
    row_level = [i for i in validated.rejections if i not in whole_file]
    for issue in whole_file:
        st.error(f"{md_text(issue.file)} was refused: {md_text(issue.reason)}", icon="⛔")
    if row_level:
        st.error(
            f"{len(row_level):,} problem(s) in {validated.rows_rejected:,} row(s). "
            "Fix them in the file and upload it again, or load the valid rows only.",
            icon="⛔",
        )
        rejected = pd.DataFrame(
            [
                {
                    "File": i.file,
                    "Sheet": "" if i.sheet in (None, i.file) else i.sheet,
                    "Row": i.row if i.row is not None else 1,  # a sheet-wide problem: its header
                    "Column": i.column or "",
                    "Value": i.value or "",
                    "Reason": i.reason,
                }
                for i in row_level
            ]
        )
        if len(rejected) <= 200:  # a plain table: every reason visible, readable by screen readers
            st.table(escaped(rejected).set_index("Row"))
        else:
            st.dataframe(rejected, hide_index=True, width="stretch")
    if not validated.rejections and counts["normalised"]:
        st.success(
            "Every row passed the checks; some values were normalised (see the Normalised "
            "column below).",
            icon="✅",
        )
    elif not validated.rejections:
        st.success("Every row passed the checks.", icon="✅")
    if validated.skipped_sheets:
        st.caption("Hidden sheets, not read:")
        st.text("\n".join(validated.skipped_sheets))
    if validated.warnings:
        st.warning("Warnings (the file can still be loaded):", icon="⚠️")
        st.dataframe(
            pd.DataFrame({"Warning": [w.describe() for w in validated.warnings[:500]]}),
            hide_index=True,
            width="stretch",
        )
    if len(classes):
        with st.expander("Every row: new, restated, unchanged, refused or normalised"):
            if len(classes) > 2000:
                st.caption(f"The first 2,000 of {len(classes):,} rows.")
            st.dataframe(classes.head(2000), hide_index=True, width="stretch", key="classes")

    earlier = previous_load_of(v.settings, validated.sha256)
    if earlier:
        st.info(
            f"This exact file was already loaded on {day_label(earlier[1])} at {time_label(earlier[1])} "
            f"(load {earlier[0]}). Loading it again would change nothing.",
            icon="ℹ️",
        )

    differ = disagreements_in(v.settings.db_path, validated.frames.get("returns"))
    if len(differ):
        st.subheader(f"Reported statuses that differ from the RAG rule: {len(differ):,}")
        st.caption(
            "These are loaded as reported, and every page uses the reported status; the rule's "
            "is kept and shown beside it."
        )
        st.dataframe(differ, hide_index=True, width="stretch", key="preview_disagreements")

    consent = True
    impact = impact_of_file(validated, v.settings)  # the CLI's --redefine check reads the same
    if impact is not None:
        for redefinition in impact.redefinitions:
            st.warning(redefinition.describe() + ".", icon="⚠️")
        if len(impact.changes):
            count = len(impact.changes)
            st.subheader(f"Past statuses this load would change: {count:,}")
            st.dataframe(
                pd.DataFrame({"Would change": impact.lines(limit=count)}),
                hide_index=True,
                width="stretch",
                key="preview_rerated",
            )
        if impact.needs_consent:
            consent = st.checkbox(
                f"I understand: {len(impact.changes):,} past status(es) will change"
                + (
                    " and undated definitions re-rate every past period"
                    if impact.redefinitions
                    else ""
                ),
                key="consent_redefine",
                disabled=not allowed,
            )

    partial = False
    if validated.rejections and validated.rows_accepted:
        partial = st.checkbox(
            f"Load the {validated.rows_accepted:,} valid row(s) only and record the "
            f"{validated.rows_rejected:,} rejected row(s) in the audit",
            disabled=not allowed,
        )
    can_press = allowed and not earlier and (validated.ok or partial) and consent
    if st.button("Load", type="primary", disabled=not can_press):
        try:
            result = commit(
                validated,
                v.settings,
                who,
                allow_partial=partial,
                actor=user.actor if user else None,
            )
        except LoadBusyError as exc:
            st.warning(md_text(exc), icon="⏳")
        except PermissionRefused as exc:  # checked again where the write happens
            st.error(md_text(exc))
        else:
            if result.status == "loaded":
                st.success(md_text(result.message), icon="✅")
                st.session_state["load_changes"] = result.load_id  # show what this load changed
            else:
                st.info(md_text(result.message))

st.header("Load history")
if not v.settings.db_path.exists():
    empty_state("There is no database yet.")
else:
    with read_connection(v.settings.db_path) as con:
        history = queries.loads(con)
    if history.empty:
        empty_state("Nothing has been loaded yet.")
    else:
        shown = history.assign(sha256=history["sha256"].str[:12])[
            [
                "load_id",
                "loaded_at",
                "loaded_by",
                "file_name",
                "kinds",
                "rows_accepted",
                "rows_rejected",
                "rows_unchanged",
                "periods",
                "sha256",
            ]
        ]
        shown["periods"] = shown["periods"].map(period_span)
        shown = readable(shown)
        counts = ["Rows accepted", "Rows rejected", "Rows unchanged"]
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            key="history",
            column_config={c: st.column_config.NumberColumn(format="localized") for c in counts},
        )
        chosen = st.selectbox(
            "See exactly what a load changed",
            history["load_id"].tolist(),
            key="load_changes",
            format_func=lambda i: (
                f"Load {i}: " + str(history.loc[history["load_id"] == i, "file_name"].iloc[0])
            ),
        )
        with read_connection(v.settings.db_path) as con:
            changes = queries.load_changes(con, int(chosen))
            changes = {**plan_load_changes(con, int(chosen)), **changes}
        if not any(len(frame) for frame in changes.values()):
            empty_state("This load wrote no rows: every figure in it was already held.")
        for table, frame in changes.items():
            if not len(frame):
                continue
            st.subheader(f"{CHANGE_TITLES[table]}: {len(frame):,} row(s)")
            if table == "snapshots":
                frame.insert(0, "change", snapshot_change_notes(frame))
            if len(frame) > 500:
                st.caption(f"The first 500 of {len(frame):,} rows.")
            st.dataframe(readable(frame.head(500)), hide_index=True, width="stretch")

st.header("Backups")
backups = list_backups(v.settings)
if backups:
    st.write(
        f"A copy of the database is kept before every load (the last "
        f"{v.settings.backups_kept:,}). An administrator can restore one on the **Access and "
        "audit** page, or with `python -m cli restore NAME` (see the README)."
    )
    st.dataframe(
        pd.DataFrame({"Backup": [b.name for b in backups]}), hide_index=True, width="stretch"
    )
else:
    empty_state(no_backups_message(v.settings))
