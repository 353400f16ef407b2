"""settings.config: every `MM_*` variable reaches its setting, and a bad one stops with its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.pack import build_pack
from metrics.benchmarks import BenchmarkGroups
from metrics.finance import FinanceThresholds
from settings.config import DEFAULT_DB, Settings, SettingsError, get_settings
from store.service import Dataset

_ALL = (
    "MM_DB_PATH",
    "MM_BACKUP_DIR",
    "MM_BACKUPS_KEPT",
    "MM_MAX_UPLOAD_MB",
    "MM_MAX_ROWS",
    "MM_RISK_AMBER_FROM",
    "MM_RISK_RED_FROM",
    "MM_FINANCE_AMBER_ABOVE_PCT",
    "MM_FINANCE_RED_ABOVE_PCT",
    "MM_BENCHMARK_ENGLAND",
    "MM_BENCHMARK_REGION",
    "MM_ALLOW_LOCAL_LOAD",
    "MM_ACCESSIBILITY_CONTACT",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in _ALL:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults_with_nothing_set(clean_env: pytest.MonkeyPatch) -> None:
    s = get_settings()
    assert s.db_path == DEFAULT_DB
    assert s.backups == DEFAULT_DB.parent / "backups"
    assert (s.backups_kept, s.max_upload_mb, s.max_rows) == (10, 20.0, 500_000)
    assert (s.risk_amber_from, s.risk_red_from) == (9, 16)
    assert (s.finance_amber_above_pct, s.finance_red_above_pct) == (1.1, 1.5)
    assert (s.benchmark_england, s.benchmark_region) == ("England", "South East")
    assert s.allow_local_load is False
    assert s.accessibility_contact == "the Adult Social Care performance team"


def test_every_variable_is_read(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    values = {
        "MM_DB_PATH": str(tmp_path / "x.duckdb"),
        "MM_BACKUP_DIR": str(tmp_path / "bk"),
        "MM_BACKUPS_KEPT": "3",
        "MM_MAX_UPLOAD_MB": "7.5",
        "MM_MAX_ROWS": "1000",
        "MM_RISK_AMBER_FROM": "6",
        "MM_RISK_RED_FROM": "12",
        "MM_FINANCE_AMBER_ABOVE_PCT": "2",
        "MM_FINANCE_RED_ABOVE_PCT": "4.5",
        "MM_BENCHMARK_ENGLAND": "England average",
        "MM_BENCHMARK_REGION": "South West",
        "MM_ALLOW_LOCAL_LOAD": "yes",
        "MM_ACCESSIBILITY_CONTACT": "asc.performance@example.gov.uk",
    }
    for name, value in values.items():
        clean_env.setenv(name, value)
    s = get_settings()
    assert s.db_path == tmp_path / "x.duckdb"
    assert s.backups == tmp_path / "bk"
    assert (s.backups_kept, s.max_upload_mb, s.max_rows) == (3, 7.5, 1000)
    assert (s.risk_amber_from, s.risk_red_from) == (6, 12)
    assert s.allow_local_load is True
    assert s.accessibility_contact == "asc.performance@example.gov.uk"
    finance = FinanceThresholds.from_env()
    assert (finance.amber_above_pct, finance.red_above_pct) == (2.0, 4.5)
    groups = BenchmarkGroups.from_env()
    assert (groups.england, groups.region_prefix) == ("England average", "South West")
    assert groups.kind_of("South West average") == "region"
    assert groups.kind_of("South East average") == "neighbour"


def test_a_blank_variable_means_the_default(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("MM_BACKUPS_KEPT", "")
    clean_env.setenv("MM_RISK_AMBER_FROM", "")
    s = get_settings()
    assert (s.backups_kept, s.risk_amber_from) == (10, 9)


@pytest.mark.parametrize(("word", "allowed"), [("0", False), ("no", False), ("true", True)])
def test_local_load_words(clean_env: pytest.MonkeyPatch, word: str, allowed: bool) -> None:
    clean_env.setenv("MM_ALLOW_LOCAL_LOAD", word)
    assert get_settings().allow_local_load is allowed


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("MM_BACKUPS_KEPT", "ten", "MM_BACKUPS_KEPT: Input should be a valid integer"),
        ("MM_BACKUPS_KEPT", "-1", "MM_BACKUPS_KEPT: Input should be greater than or equal to 0"),
        ("MM_RISK_RED_FROM", "26", "MM_RISK_RED_FROM: Input should be less than or equal to 25"),
        ("MM_ALLOW_LOCAL_LOAD", "maybe", "MM_ALLOW_LOCAL_LOAD: Input should be a valid boolean"),
        ("MM_RISK_RED_FROM", "9", "MM_RISK_RED_FROM (9) must be above MM_RISK_AMBER_FROM (9)"),
        (
            "MM_FINANCE_RED_ABOVE_PCT",
            "1.0",
            "MM_FINANCE_RED_ABOVE_PCT must not be below MM_FINANCE_AMBER_ABOVE_PCT",
        ),
    ],
)
def test_a_bad_value_is_refused_by_name(
    clean_env: pytest.MonkeyPatch, name: str, value: str, says: str
) -> None:
    """Never a silent default: a council that sets a band wrongly is told which and why."""
    clean_env.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        get_settings()
    assert says in str(raised.value)


def test_settings_cannot_be_changed_after_reading() -> None:
    s = Settings(db_path=Path("a.duckdb"))
    with pytest.raises(ValueError, match="frozen"):
        s.backups_kept = 0  # type: ignore[misc]
    assert s.model_copy(update={"backups_kept": 0}).backups_kept == 0


def test_risk_bands_from_the_environment_reach_the_board_pack(
    clean_env: pytest.MonkeyPatch, data: Dataset
) -> None:
    """The bands were defined but never read; now the pack is rated on them."""
    clean_env.setenv("MM_RISK_AMBER_FROM", "4")
    clean_env.setenv("MM_RISK_RED_FROM", "6")
    pack = build_pack(data, "2024-09", charts=False)
    assert pack.risk_bands == (4, 6)
    ratings = dict(zip(pack.risks["residual_score"], pack.risks["rating"], strict=True))
    for score, rating in ratings.items():
        assert rating == ("red" if score >= 6 else "amber" if score >= 4 else "green")
    assert "red" in ratings.values()
