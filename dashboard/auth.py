"""Sign-in through Streamlit's OpenID Connect support, and the signed-in person's role.

With no `[auth]` in secrets the app runs as a labelled local demo: everyone is a viewer, and
loading is possible only when MM_ALLOW_LOCAL_LOAD=1 says this is a single-user install.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from settings.access import AccessConfig, Role, role_for
from settings.config import Settings
from store.audit import record_event, role_mappings


@dataclass(frozen=True)
class CurrentUser:
    """Who is using this session and what they may do."""

    identity: str
    name: str
    role: Role | None
    signed_in: bool
    auth_configured: bool


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except Exception:
        return {}


def auth_configured() -> bool:
    """True when `.streamlit/secrets.toml` has an `[auth]` section."""
    return bool(_secrets().get("auth"))


def access_config() -> AccessConfig:
    """Role rules from the `[access]` section of secrets.toml."""
    return AccessConfig.model_validate(_secrets().get("access", {}))


def current_user(settings: Settings) -> CurrentUser:
    """The session's user, recording each sign-in once in the audit log."""
    if not auth_configured():
        role: Role = "data_officer" if settings.allow_local_load else "viewer"
        return CurrentUser("local user (no sign-in)", "Local user", role, False, False)
    if not st.user.is_logged_in:
        return CurrentUser("", "", None, False, True)
    email = str(st.user.get("email") or st.user.get("preferred_username") or "")
    groups = st.user.get("groups") or []
    if isinstance(groups, str):
        groups = [groups]
    role = role_for(email, groups, access_config(), role_mappings(settings))
    if st.session_state.get("_sign_in_recorded") != email:
        record_event(settings, email or "unknown", "sign-in", f"role: {role or 'refused'}")
        st.session_state["_sign_in_recorded"] = email
    return CurrentUser(email, str(st.user.get("name") or email), role, True, True)


def sign_in_screen() -> None:
    """What someone who has not signed in sees: a short explanation and the sign-in button."""
    st.title("Meaningful Measures")
    st.write(
        "Adult Social Care performance dashboard. Sign in with your council account to see it."
    )
    if st.button("Sign in", type="primary"):
        st.login()
    st.stop()


def refused_screen(user: CurrentUser) -> None:
    """A signed-in person with no role: say so plainly and offer to sign out."""
    st.title("Meaningful Measures")
    st.error(
        f"{user.identity} is signed in but has no access to this dashboard. Ask the "
        "performance team to add you.",
        icon="⛔",
    )
    if st.button("Sign out"):
        st.logout()
    st.stop()
