"""Sign-in through Streamlit's OpenID Connect support, and the signed-in person's role.

With no secrets file at all the app runs as a labelled local demo: everyone is a viewer, and
loading is possible only when MM_ALLOW_LOCAL_LOAD=1 says this is a single-user install. A secrets
file that exists but cannot be read, or whose `[auth]` lacks what sign-in needs, fails closed:
the app stops with a message for the administrator and shows no data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import streamlit as st

from settings.access import NOBODY, AccessConfig, Actor, Role, role_for, set_acting
from settings.config import Settings
from store.audit import record_event, role_mappings

#: What Streamlit's st.login needs in `[auth]`; the provider keys may sit in `[auth.<name>]`.
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


class SignInMisconfigured(Exception):
    """The secrets file exists but sign-in cannot be configured from it; the app must not open."""


@dataclass(frozen=True)
class CurrentUser:
    """Who is using this session and what they may do."""

    identity: str
    name: str
    role: Role | None
    signed_in: bool
    auth_configured: bool
    subject: str = ""

    @property
    def actor(self) -> Actor:
        """This user as the caller of a write (checked again where the write happens)."""
        return Actor(self.identity, self.role)


def _secrets_files() -> list[str]:
    from streamlit import config

    return [str(p) for p in config.get_option("secrets.files") or []]


def auth_problem(secrets: dict[str, Any]) -> str | None:
    """What is missing from `[auth]` for sign-in to work, or None when it is complete."""
    auth = secrets.get("auth")
    if not isinstance(auth, dict) or not auth:
        return "it has no [auth] section"
    missing = [k for k in AUTH_KEYS if not auth.get(k)]
    providers = [auth] + [v for v in auth.values() if isinstance(v, dict)]
    if not any(all(p.get(k) for k in PROVIDER_KEYS) for p in providers):
        missing += [k for k in PROVIDER_KEYS if not auth.get(k)]
    if missing:
        return "[auth] lacks " + ", ".join(missing)
    return None


def _secrets() -> dict[str, Any]:
    """The secrets, {} when there is no secrets file; SignInMisconfigured when one is unusable."""
    try:
        secrets = st.secrets.to_dict()
    except Exception as exc:  # a parse error, an unreadable file, a bad path
        present = [p for p in _secrets_files() if os.path.exists(p)]
        if not present:
            return {}
        raise SignInMisconfigured(
            f"The secrets file {present[0]} exists but could not be read ({type(exc).__name__})."
        ) from exc
    problem = auth_problem(secrets)
    if problem:
        raise SignInMisconfigured(f"The secrets file exists but {problem}.")
    return secrets


def auth_configured() -> bool:
    """True when a secrets file is present (and, by then, has a complete `[auth]`)."""
    return bool(_secrets())


def access_config() -> AccessConfig:
    """Role rules from the `[access]` section of secrets.toml."""
    return AccessConfig.model_validate(_secrets().get("access", {}))


def stopped_for_administrator(problem: SignInMisconfigured) -> None:
    """Sign-in is configured but broken: say so to the administrator and show nothing else."""
    st.title("Meaningful Measures")
    st.error(
        f"Sign-in is not working, so the dashboard is closed. {problem} An administrator "
        "needs to fix .streamlit/secrets.toml (see the README's sign-in section); until then "
        "no data is shown.",
        icon="⛔",
    )
    st.stop()


def _claim(name: str) -> str:
    value = st.user.get(name)
    return str(value) if value else ""


def current_user(settings: Settings) -> CurrentUser:
    """The session's user, recording each sign-in once in the audit log.

    Sets the session's actor first to nobody, then to this user, so a write this script run
    asks for is checked against the person really using it.
    """
    set_acting(NOBODY)
    try:
        secrets = _secrets()
    except SignInMisconfigured as problem:
        stopped_for_administrator(problem)
        raise  # st.stop() raised already; this keeps type checkers and readers sure
    if not secrets:
        role: Role = "data_officer" if settings.allow_local_load else "viewer"
        user = CurrentUser("local user (no sign-in)", "Local user", role, False, False)
        set_acting(user.actor)
        return user
    if not st.user.is_logged_in:
        return CurrentUser("", "", None, False, True)
    subject = _claim("oid") or _claim("sub")
    email = _claim("email") or _claim("preferred_username")
    groups = st.user.get("groups") or []
    if isinstance(groups, str):
        groups = [groups]
    config = AccessConfig.model_validate(secrets.get("access", {}))
    ids = [i for i in (_claim("oid"), _claim("sub")) if i]
    role = role_for(email, groups, config, role_mappings(settings), ids=ids)  # type: ignore[arg-type]
    identity = email or subject
    if st.session_state.get("_sign_in_recorded") != (subject, email):
        detail = f"role: {role or 'refused'}" + (f"; subject {subject}" if subject else "")
        record_event(settings, identity or "unknown", "sign-in", detail)
        st.session_state["_sign_in_recorded"] = (subject, email)
    user = CurrentUser(identity, _claim("name") or identity, role, True, True, subject)
    set_acting(user.actor)
    return user


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
