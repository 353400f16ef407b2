"""Who may do what: roles from configuration, and the actor every write is checked against.

Pure rules, no Streamlit: dashboard/auth.py feeds them the signed-in user's claims and sets the
session's actor; the load and restore functions check that actor where the write happens.

Roles come first from stable claims: the Entra object ID (`oid`) or the OpenID subject (`sub`)
under `[access.user_roles]`, and group object IDs under `[access.group_roles]`. Email addresses
and `@domain` patterns are only a fallback, used when no stable claim grants a role, because an
identity provider does not promise that a person's email claim is stable or unique.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["viewer", "data_officer", "admin"]
Action = Literal["view", "load", "restore", "admin"]
ROLE_ORDER: dict[str, int] = {"viewer": 1, "data_officer": 2, "admin": 3}
ROLE_WORD = {"viewer": "Viewer", "data_officer": "Data officer", "admin": "Administrator"}
#: The least role each action needs.
ACTION_NEEDS: dict[str, Role] = {
    "view": "viewer",
    "load": "data_officer",
    "restore": "admin",
    "admin": "admin",
}
ACTION_WORD = {
    "view": "see the dashboard",
    "load": "load data",
    "restore": "restore a backup",
    "admin": "manage access",
}


class AccessConfig(BaseModel):
    """The `[access]` section of secrets.toml.

    `user_roles` and `group_roles` are keyed on stable claims (object ID or subject, group object
    ID); `admins`, `data_officers` and `viewers` are emails or `@domain`, the fallback.
    """

    admins: list[str] = Field(default_factory=list)
    data_officers: list[str] = Field(default_factory=list)
    viewers: list[str] = Field(
        default_factory=list,
        description="Who may sign in at all; empty means anyone the identity provider admits.",
    )
    user_roles: dict[str, Role] = Field(
        default_factory=dict, description="Role by object ID (`oid`) or subject (`sub`)."
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


def is_email_pattern(pattern: str) -> bool:
    """An email address or `@domain` (the fallback); anything else is an object ID or subject."""
    return "@" in pattern


def _highest(granted: Iterable[Role]) -> Role | None:
    roles: list[Role] = list(granted)
    if not roles:
        return None
    return max(roles, key=ROLE_ORDER.__getitem__)


def role_for(
    email: str | None,
    groups: Iterable[str] = (),
    config: AccessConfig | None = None,
    extra: Iterable[tuple[str, Role]] = (),
    *,
    ids: Iterable[str] = (),
) -> Role | None:
    """The highest role the stable claims grant, else the highest the email grants; else None.

    `ids` are the person's stable identifiers (`oid`, then `sub`). `extra` are mappings an
    administrator added in the app, as (object ID, subject, email or @domain, role).
    """
    config = config or AccessConfig()
    extra = list(extra)
    stable = {i.strip().lower() for i in ids if i and i.strip()}
    granted: list[Role] = [r for key, r in config.user_roles.items() if key.lower() in stable]
    granted += [config.group_roles[g] for g in groups if g in config.group_roles]
    granted += [r for p, r in extra if not is_email_pattern(p) and p.strip().lower() in stable]
    if granted:
        return _highest(granted)
    if not email:
        return None
    fallback: list[Role] = []
    if _matches(email, config.admins):
        fallback.append("admin")
    if _matches(email, config.data_officers):
        fallback.append("data_officer")
    if _matches(email, config.viewers):
        fallback.append("viewer")
    fallback += [r for p, r in extra if is_email_pattern(p) and _matches(email, [p])]
    if not fallback:
        return None if config.viewers else "viewer"
    return _highest(fallback)


def can(role: str | None, action: Action) -> bool:
    """Viewers see dashboards; data officers also load; administrators also restore and manage."""
    return role is not None and ROLE_ORDER.get(role, 0) >= ROLE_ORDER[ACTION_NEEDS[action]]


class PermissionRefused(PermissionError):
    """A write was asked for by someone whose role does not allow it; nothing was written."""


@dataclass(frozen=True)
class Actor:
    """Who is asking for a write: a signed-in person, the local user, or the machine's operator."""

    identity: str
    role: Role | None
    operator: bool = False

    def may(self, action: Action) -> bool:
        """True when this actor's role allows the action."""
        return can(self.role, action)

    def require(self, action: Action) -> Actor:
        """This actor, or PermissionRefused (one line a page can show) when it may not."""
        if not self.may(action):
            who = self.identity or "Someone who is not signed in"
            role = ROLE_WORD.get(self.role or "", "no role")
            raise PermissionRefused(
                f"{who} ({role}) may not {ACTION_WORD[action]}: nothing was changed."
            )
        return self


def operator(name: str | None = None) -> Actor:
    """The person running the command line on this machine: they hold the database file itself."""
    return Actor(name or getpass.getuser(), "admin", operator=True)


NOBODY = Actor("", None)

#: The actor of the current Streamlit session's script run (set by dashboard/auth.py) or of a
#: command (set by cli/); unset means a process outside the app, run by the machine's operator.
_ACTING: ContextVar[Actor | None] = ContextVar("mm_acting", default=None)


def set_acting(actor: Actor) -> None:
    """Make `actor` the caller of every write for the rest of this script run or thread."""
    _ACTING.set(actor)


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    """Run a block as `actor` (the CLI runs as the operator), then put the previous one back."""
    token = _ACTING.set(actor)
    try:
        yield actor
    finally:
        _ACTING.reset(token)


def current_actor() -> Actor:
    """The actor set for this run, or the machine's operator outside the app."""
    return _ACTING.get() or operator()


def require(action: Action, actor: Actor | None = None) -> Actor:
    """Check where the write happens: `actor`, or the current one, must be allowed `action`."""
    return (actor or current_actor()).require(action)
