"""Roles from configuration, and what each role sees (AppTest with a faked signed-in user)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard.auth import auth_problem
from intake.loader import commit_all, validate_file
from settings.access import (
    ROLE_ORDER,
    AccessConfig,
    Actor,
    PermissionRefused,
    acting_as,
    can,
    current_actor,
    operator,
    require,
    role_for,
)
from settings.config import Settings
from store.audit import events
from store.database import restore_backup
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


# --- Issue 21: roles from stable claims, permissions checked at the write, sign-in fails closed


STABLE = AccessConfig(
    admins=["boss@council.gov.uk"],
    viewers=["@council.gov.uk"],
    user_roles={"0f1e2d3c-oid-of-ann": "data_officer"},
    group_roles={"grp-admins": "admin"},
)


def test_roles_follow_the_object_id_not_the_email_claim() -> None:
    # Someone whose (mutable) email claim says boss@ but whose object ID is mapped to a data officer.
    assert role_for("boss@council.gov.uk", [], STABLE, ids=["0f1e2d3c-oid-of-ann"]) == (
        "data_officer"
    )
    assert role_for("renamed@council.gov.uk", [], STABLE, ids=["0F1E2D3C-OID-OF-ANN"]) == (
        "data_officer"
    )
    assert role_for(None, ["grp-admins"], STABLE, ids=["other"]) == "admin"


def test_email_is_only_the_fallback_when_no_stable_claim_grants_a_role() -> None:
    assert role_for("boss@council.gov.uk", [], STABLE, ids=["unmapped-oid"]) == "admin"
    assert role_for("eve@elsewhere.org", [], STABLE, ids=["unmapped-oid"]) is None


def test_admin_added_mapping_by_object_id() -> None:
    extra = [("0f1e2d3c-oid-of-bob", "admin")]
    assert role_for("bob@council.gov.uk", [], STABLE, extra, ids=["0f1e2d3c-oid-of-bob"]) == "admin"
    assert role_for("bob@council.gov.uk", [], STABLE, extra, ids=["someone-else"]) == "viewer"


@given(
    st.sampled_from([None, "viewer", "data_officer", "admin"]),
    st.sampled_from(["view", "load", "restore", "admin"]),
)
def test_an_actor_may_exactly_what_its_role_can(role: str | None, action: str) -> None:
    actor = Actor("someone@council.gov.uk", role)  # type: ignore[arg-type]
    assert actor.may(action) == can(role, action)  # type: ignore[arg-type]
    if actor.may(action):  # type: ignore[arg-type]
        assert require(action, actor) is actor  # type: ignore[arg-type]
    else:
        with pytest.raises(PermissionRefused, match="nothing was changed"):
            require(action, actor)  # type: ignore[arg-type]


def test_restore_needs_an_administrator_and_the_operator_is_one() -> None:
    assert not can("data_officer", "restore") and can("admin", "restore")
    assert operator("ops").may("restore") and operator("ops").identity == "ops"


def test_the_current_actor_is_the_one_set_for_the_run() -> None:
    viewer = Actor("val@council.gov.uk", "viewer")
    assert current_actor().operator  # outside the app: the machine's operator
    with acting_as(viewer):
        assert current_actor() == viewer
        with pytest.raises(PermissionRefused, match=r"val@council.gov.uk \(Viewer\) may not"):
            require("load")
    assert current_actor().operator


MEASURES = (
    b"measure_id,name,priority_id,priority_name,frequency,polarity,unit\n"
    b"M1,People waiting,P1,Timely,monthly,lower_is_better,count\n"
)


def test_a_viewer_cannot_load_even_past_the_page(tmp_path: Path) -> None:
    settings = Settings(db_path=tmp_path / "t.duckdb", backup_dir=tmp_path / "b")
    validated = validate_file(MEASURES, "measures.csv", settings)
    with acting_as(Actor("val@council.gov.uk", "viewer")), pytest.raises(PermissionRefused):
        commit_all([validated], settings, "val@council.gov.uk")
    with pytest.raises(PermissionRefused):
        commit_all([validated], settings, "val", actor=Actor("val", "viewer"))
    assert not settings.db_path.exists(), "nothing was written"
    officer = Actor("ann@council.gov.uk", "data_officer")
    assert commit_all([validated], settings, "ann", actor=officer)[0].status == "loaded"


def test_a_data_officer_cannot_restore(tmp_path: Path) -> None:
    settings = Settings(db_path=tmp_path / "t.duckdb", backup_dir=tmp_path / "b")
    validated = validate_file(MEASURES, "measures.csv", settings)
    assert commit_all([validated], settings, "ops")[0].status == "loaded"
    before = settings.db_path.read_bytes()
    with pytest.raises(PermissionRefused, match="may not restore a backup"):
        restore_backup(settings, "anything.duckdb", "ann", acting=Actor("ann", "data_officer"))
    with acting_as(Actor("ann", "data_officer")), pytest.raises(PermissionRefused):
        restore_backup(settings, "anything.duckdb", "ann")
    assert settings.db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("secrets", "problem"),
    [
        ({"access": CONFIG.model_dump()}, "no [auth] section"),
        ({"auth": {"redirect_uri": "http://x/oauth2callback"}}, "lacks cookie_secret"),
        ({"auth": {**AUTH["auth"], "client_secret": ""}}, "lacks client_secret"),
    ],
)
def test_incomplete_auth_is_named(secrets: dict[str, object], problem: str) -> None:
    assert problem in (auth_problem(secrets) or "")


def test_complete_auth_with_a_named_provider_is_accepted() -> None:
    provider = {k: AUTH["auth"][k] for k in ("client_id", "client_secret", "server_metadata_url")}
    auth = {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "y" * 40}
    assert auth_problem({"auth": {**auth, "microsoft": provider}}) is None
    assert auth_problem(AUTH) is None


def _closed(at: AppTest) -> None:
    """The app stopped with an administrator's message and showed no dashboard or data."""
    assert not at.exception, [e.value for e in at.exception]
    assert any("Sign-in is not working" in e.value for e in at.error), [e.value for e in at.error]
    assert len(at.selectbox) == 0 and len(at.dataframe) == 0 and len(at.metric) == 0
    assert not any("Local demo" in c.value for c in at.sidebar.caption)


@pytest.mark.parametrize(
    "secrets",
    [
        {"access": CONFIG.model_dump()},
        {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback"}},
    ],
)
def test_secrets_without_what_auth_needs_stop_the_app(
    writable_demo_db: Path, secrets: dict[str, object]
) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = secrets
    _closed(at.run())


def test_an_unreadable_secrets_file_stops_the_app(
    writable_demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit
    from streamlit import config
    from streamlit.runtime.secrets import Secrets

    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback\n')  # no quote
    monkeypatch.setattr(streamlit, "secrets", Secrets())
    previous = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(broken)])
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        _closed(at.run())
    finally:
        config.set_option("secrets.files", previous)


def test_no_secrets_file_keeps_the_local_demo(
    writable_demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit
    from streamlit import config
    from streamlit.runtime.secrets import Secrets

    monkeypatch.setattr(streamlit, "secrets", Secrets())
    previous = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(tmp_path / "absent" / "secrets.toml")])
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
    finally:
        config.set_option("secrets.files", previous)
    assert not at.exception
    assert any("Local demo" in c.value for c in at.sidebar.caption)


def test_signed_in_by_object_id(writable_demo_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {**AUTH, "access": {**CONFIG.model_dump(), "user_roles": {"oid-1": "admin"}}}
    at.user = {"is_logged_in": True, "email": "eve@elsewhere.org", "oid": "oid-1"}
    at.run()
    assert not at.exception
    assert "Signed in as eve@elsewhere.org (Administrator)" in [c.value for c in at.sidebar.caption]


class _Unreadable:
    """st.secrets when the file exists but the process may not read it."""

    def to_dict(self) -> dict[str, object]:
        raise PermissionError("[Errno 13] Permission denied: 'secrets.toml'")


def test_an_unreadable_secrets_file_is_misconfigured_not_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard import auth

    present = tmp_path / "secrets.toml"
    present.write_text("")
    monkeypatch.setattr(auth.st, "secrets", _Unreadable())
    monkeypatch.setattr(auth, "_secrets_files", lambda: [str(present)])
    with pytest.raises(auth.SignInMisconfigured, match=r"could not be read \(PermissionError\)"):
        auth.auth_configured()
    monkeypatch.setattr(auth, "_secrets_files", lambda: [str(tmp_path / "absent.toml")])
    assert auth.auth_configured() is False  # no file at all: the documented local demo
