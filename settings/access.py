"""Who may do what: roles from configuration (emails, domains, identity-provider groups).

Pure rules, no Streamlit: dashboard/auth.py feeds them the signed-in user's claims.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["viewer", "data_officer", "admin"]
ROLE_ORDER: dict[str, int] = {"viewer": 1, "data_officer": 2, "admin": 3}
ROLE_WORD = {"viewer": "Viewer", "data_officer": "Data officer", "admin": "Administrator"}


class AccessConfig(BaseModel):
    """The `[access]` section of secrets.toml: patterns are emails or `@domain`."""

    admins: list[str] = Field(default_factory=list)
    data_officers: list[str] = Field(default_factory=list)
    viewers: list[str] = Field(
        default_factory=list,
        description="Who may sign in at all; empty means anyone the identity provider admits.",
    )
    group_roles: dict[str, Role] = Field(default_factory=dict)


def _matches(email: str, patterns: Iterable[str]) -> bool:
    email = email.strip().lower()
    for pattern in patterns:
        p = pattern.strip().lower()
        if not p:
            continue
        if p.startswith("@") and email.endswith(p):
            return True
        if p == email:
            return True
    return False


def role_for(
    email: str | None,
    groups: Iterable[str] = (),
    config: AccessConfig | None = None,
    extra: Iterable[tuple[str, Role]] = (),
) -> Role | None:
    """The highest role any rule grants; None when the person may not use the dashboard.

    `extra` are mappings an administrator added in the app, as (email or @domain, role).
    """
    config = config or AccessConfig()
    if not email:
        return None
    granted: list[Role] = []
    if _matches(email, config.admins):
        granted.append("admin")
    if _matches(email, config.data_officers):
        granted.append("data_officer")
    if _matches(email, config.viewers):
        granted.append("viewer")
    for group in groups:
        if group in config.group_roles:
            granted.append(config.group_roles[group])
    for pattern, role in extra:
        if _matches(email, [pattern]):
            granted.append(role)
    if not granted:
        return None if config.viewers else "viewer"
    return max(granted, key=lambda r: ROLE_ORDER[r])


def can(role: str | None, action: Literal["view", "load", "admin"]) -> bool:
    """Viewers see dashboards; data officers also load; administrators also manage access."""
    need = {"view": 1, "load": 2, "admin": 3}[action]
    return role is not None and ROLE_ORDER.get(role, 0) >= need
