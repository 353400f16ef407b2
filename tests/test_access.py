"""Roles from configuration, and what each role sees (AppTest with a faked signed-in user)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from settings.access import ROLE_ORDER, AccessConfig, can, role_for
from settings.config import Settings
from store.audit import events
from tests.conftest import APP

CONFIG = AccessConfig(
    admins=["boss@council.gov.uk"],
    data_officers=["@perf.council.gov.uk"],
    viewers=["@council.gov.uk", "@perf.council.gov.uk"],
    group_roles={"grp-loaders": "data_officer"},
)
AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 40,
        "client_id": "c",
        "client_secret": "s",
        "server_metadata_url": "http://localhost:1/.well-known/openid-configuration",
    },
    "access": CONFIG.model_dump(),
}


@pytest.mark.parametrize(
    ("email", "groups", "expected"),
    [
        ("boss@council.gov.uk", [], "admin"),
        ("BOSS@Council.gov.uk", [], "admin"),
        ("ann@perf.council.gov.uk", [], "data_officer"),
        ("bob@council.gov.uk", [], "viewer"),
        ("bob@council.gov.uk", ["grp-loaders"], "data_officer"),
        ("eve@elsewhere.org", [], None),
        ("eve@notcouncil.gov.uk", [], None),
        (None, [], None),
    ],
)
def test_role_for(email: str | None, groups: list[str], expected: str | None) -> None:
    assert role_for(email, groups, CONFIG) == expected


def test_empty_viewer_list_admits_anyone_the_provider_admits() -> None:
    assert role_for("someone@anywhere.org", [], AccessConfig()) == "viewer"


def test_admin_added_mapping_raises_a_role() -> None:
    assert role_for("bob@council.gov.uk", [], CONFIG, [("bob@council.gov.uk", "admin")]) == "admin"


@given(
    st.sampled_from(["viewer", "data_officer", "admin"]), st.sampled_from(["view", "load", "admin"])
)
def test_can_follows_the_role_order(role: str, action: str) -> None:
    need = {"view": 1, "load": 2, "admin": 3}[action]
    assert can(role, action) == (ROLE_ORDER[role] >= need)  # type: ignore[arg-type]
    assert not can(None, action)  # type: ignore[arg-type]


def _signed_in(email: str | None, groups: list[str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = AUTH
    at.user = (
        {"is_logged_in": True, "email": email, "groups": groups or []}
        if email
        else {"is_logged_in": False}
    )
    return at.run()


def test_not_signed_in_sees_only_the_sign_in_screen(writable_demo_db: Path) -> None:
    at = _signed_in(None)
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert len(at.selectbox) == 0 and len(at.warning) == 0  # no dashboard, no data shown


def test_unknown_person_is_refused_plainly(writable_demo_db: Path) -> None:
    at = _signed_in("eve@elsewhere.org")
    assert "has no access to this dashboard" in at.error[0].value
    assert len(at.selectbox) == 0 and [b.label for b in at.button] == ["Sign out"]


def test_viewer_cannot_reach_the_data_page_even_by_switching(writable_demo_db: Path) -> None:
    at = _signed_in("bob@council.gov.uk")
    assert not at.exception
    assert "Signed in as bob@council.gov.uk (Viewer)" in [c.value for c in at.sidebar.caption]
    assert at.sidebar.selectbox(key="url_period").value, "a viewer gets the dashboard"
    with pytest.raises(Exception):  # noqa: B017 - Streamlit refuses an unknown page
        at.switch_page("pages/data.py").run()
    at2 = _signed_in("bob@council.gov.uk")
    assert not any(t.value.startswith("Data:") for t in at2.title)


def test_data_officer_sees_the_data_page_with_loading_enabled(writable_demo_db: Path) -> None:
    at = _signed_in("ann@perf.council.gov.uk")
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert at.title[0].value.startswith("Data:")
    assert not any("switched off" in i.value or "Only data officers" in i.value for i in at.info)


def test_admin_page_only_for_admins_and_sign_ins_are_audited(writable_demo_db: Path) -> None:
    at = _signed_in("boss@council.gov.uk")
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    assert at.title[0].value == "Access and audit"
    log = events(Settings(db_path=writable_demo_db))
    sign_ins = log[log["action"] == "sign-in"]
    assert "boss@council.gov.uk" in set(sign_ins["actor"])
    officer = _signed_in("ann@perf.council.gov.uk")
    with pytest.raises(Exception):  # noqa: B017
        officer.switch_page("pages/admin.py").run()
