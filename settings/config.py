"""Run-time settings, read once from `MM_*` environment variables by pydantic-settings.

Every setting a council may change is one field here, so the README's table, the validation
and the defaults cannot drift apart: pydantic-settings maps `MM_<FIELD>` to each field.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "meaningful_measures.duckdb"
DEMO_DIR = PROJECT_ROOT / "data" / "demo"
TEMPLATES_DIR = PROJECT_ROOT / "data" / "templates"


class SettingsError(ValueError):
    """An `MM_*` variable holds a value the dashboard cannot use; the message names it."""


class Settings(BaseSettings):
    """Where the database lives and the limits a council may want to change."""

    # A blank variable means "not set" (the default), as a shell `export MM_X=` suggests.
    model_config = SettingsConfigDict(
        env_prefix="MM_", env_ignore_empty=True, extra="ignore", frozen=True
    )

    db_path: Path = Field(default=DEFAULT_DB)
    backup_dir: Path | None = None
    backups_kept: int = Field(default=10, ge=0)
    max_upload_mb: float = Field(default=20.0, gt=0)
    max_rows: int = Field(default=500_000, gt=0)
    #: Strategic risk bands on the residual score (1-25): Amber from, Red from.
    risk_amber_from: int = Field(default=9, ge=2, le=25)
    risk_red_from: int = Field(default=16, ge=2, le=25)
    #: Finance traffic light: forecast variance as a % of net budget.
    finance_amber_above_pct: float = Field(default=1.1, ge=0)
    finance_red_above_pct: float = Field(default=1.5, ge=0)
    #: Which comparator is England, and the name prefix of the region's comparators.
    benchmark_england: str = Field(default="England", min_length=1)
    benchmark_region: str = Field(default="South East", min_length=1)
    allow_local_load: bool = False
    #: Who to tell about an accessibility problem (the accessibility statement names them).
    accessibility_contact: str = "the Adult Social Care performance team"

    @model_validator(mode="after")
    def _bands_in_order(self) -> Settings:
        if self.risk_red_from <= self.risk_amber_from:
            raise ValueError(
                f"MM_RISK_RED_FROM ({self.risk_red_from}) must be above MM_RISK_AMBER_FROM "
                f"({self.risk_amber_from})"
            )
        if self.finance_red_above_pct < self.finance_amber_above_pct:
            raise ValueError(
                "MM_FINANCE_RED_ABOVE_PCT must not be below MM_FINANCE_AMBER_ABOVE_PCT"
            )
        return self

    @property
    def backups(self) -> Path:
        """Backups sit beside the database unless told otherwise."""
        return self.backup_dir or self.db_path.parent / "backups"


def get_settings() -> Settings:
    """Settings from `MM_*` environment variables, defaults otherwise.

    A bad value stops start-up with the variable's name and the reason, rather than running
    on a default the council did not choose.
    """
    try:
        return Settings()
    except ValidationError as exc:
        reasons = "; ".join(
            f"MM_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
            if e["loc"]
            else e["msg"].removeprefix("Value error, ")
            for e in exc.errors()
        )
        raise SettingsError(f"Settings from the environment are not usable: {reasons}") from None
