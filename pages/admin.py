"""Access and audit (administrators): role mappings, the audit log and restoring a backup."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.plain import escaped
from dashboard.state import view
from dashboard.ui import empty_state
from metrics.periods import stamp_label
from settings.access import ROLE_WORD, PermissionRefused, can, is_email_pattern
from store.audit import events, role_mappings, set_role_mapping
from store.database import (
    LoadBusyError,
    RestoreError,
    list_backups,
    no_backups_message,
    restore_backup,
)

v = view()
st.title("Access and audit")
if v.user is None or not can(v.user.role, "admin"):
    if v.user is None or not v.user.auth_configured:
        empty_state(
            "Only administrators can manage access and restore backups, and sign-in is not "
            "configured on this server, so nobody is an administrator here. Configure [auth] "
            "and [access] in .streamlit/secrets.toml (see the README), or restore a backup "
            "from the command line: python -m cli restore."
        )
    else:
        empty_state("Only administrators can manage access and restore backups.")
    st.stop()

st.header("Role mappings")
st.write(
    "Roles come first from stable sign-in claims: a person's object ID (`oid`) or subject "
    "(`sub`) and their identity-provider groups, under `[access.user_roles]` and "
    "`[access.group_roles]` in secrets.toml or added here. Email addresses and `@domain` are "
    "only a fallback, used when no object ID, subject or group grants a role, because the "
    "email claim is not promised to be stable. Mappings added here are kept in the admin "
    "database and audited. The highest role that matches wins."
)
mappings = role_mappings(v.settings)
if mappings:
    st.table(
        escaped(
            pd.DataFrame(
                {
                    "Object ID, subject, email or @domain": [p for p, _ in mappings],
                    "Role": [ROLE_WORD[r] for _, r in mappings],
                }
            )
        )
    )
else:
    empty_state("No mappings have been added in the app yet.")
with st.form("add_mapping", clear_on_submit=True):
    pattern = st.text_input("Object ID (oid), subject (sub), email address or @domain")
    role = st.selectbox(
        "Role",
        ["viewer", "data_officer", "admin", ""],
        format_func=lambda r: ROLE_WORD.get(r, "Remove"),
    )
    if st.form_submit_button("Save mapping") and pattern.strip():
        key = pattern.strip()
        key = key.lower() if is_email_pattern(key) else key
        set_role_mapping(v.settings, key, role or None, v.user.identity)
        st.success(f"Saved: {key} → {ROLE_WORD.get(role, 'removed')}")

st.header("Audit log")
log = events(v.settings)
if log.empty:
    empty_state("Nothing recorded yet.")
else:
    log["occurred_at"] = log["occurred_at"].map(
        lambda t: stamp_label(t, seconds=True), na_action="ignore"
    )
    st.dataframe(log, hide_index=True, width="stretch")

st.header("Restore a backup")
backups = list_backups(v.settings)
if not backups:
    empty_state(no_backups_message(v.settings))
else:
    chosen = st.selectbox("Backup", [b.name for b in backups])
    confirm = st.checkbox(
        "I understand the current database is replaced (it is itself backed up first)."
    )
    if st.button("Restore this backup", disabled=not confirm):
        try:
            restored = restore_backup(v.settings, str(chosen), v.user.identity, acting=v.user.actor)
        except LoadBusyError as exc:
            st.warning(str(exc))
        except PermissionRefused as exc:
            st.error(str(exc))
        except RestoreError as exc:
            st.error(str(exc))
        else:
            st.success(f"Restored {restored.name}.")
