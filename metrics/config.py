"""Run-time settings, read once from environment variables (validated by pydantic)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "meaningful_measures.duckdb"
DEMO_DIR = PROJECT_ROOT / "data" / "demo"
TEMPLATES_DIR = PROJECT_ROOT / "data" / "templates"


class Settings(BaseModel):
    """Where the database lives and the limits a council may want to change."""

    db_path: Path = Field(default=DEFAULT_DB)
    backup_dir: Path | None = None
    backups_kept: int = Field(default=10, ge=0)
    max_upload_mb: float = Field(default=20.0, gt=0)
    max_rows: int = Field(default=500_000, gt=0)
    risk_amber_from: int = Field(default=9, ge=1, le=25)
    risk_red_from: int = Field(default=16, ge=1, le=25)
    allow_local_load: bool = False
    #: Who to tell about an accessibility problem (the accessibility statement names them).
    accessibility_contact: str = "the Adult Social Care performance team"

    @property
    def backups(self) -> Path:
        """Backups sit beside the database unless told otherwise."""
        return self.backup_dir or self.db_path.parent / "backups"


def get_settings() -> Settings:
    """Settings from `MM_*` environment variables, defaults otherwise."""
    env = os.environ
    values: dict[str, object] = {}
    if env.get("MM_DB_PATH"):
        values["db_path"] = Path(env["MM_DB_PATH"])
    if env.get("MM_BACKUP_DIR"):
        values["backup_dir"] = Path(env["MM_BACKUP_DIR"])
    if env.get("MM_BACKUPS_KEPT"):
        values["backups_kept"] = env["MM_BACKUPS_KEPT"]
    if env.get("MM_MAX_UPLOAD_MB"):
        values["max_upload_mb"] = env["MM_MAX_UPLOAD_MB"]
    if env.get("MM_MAX_ROWS"):
        values["max_rows"] = env["MM_MAX_ROWS"]
    if env.get("MM_ALLOW_LOCAL_LOAD"):
        values["allow_local_load"] = env["MM_ALLOW_LOCAL_LOAD"].lower() in {"1", "true", "yes"}
    if env.get("MM_ACCESSIBILITY_CONTACT"):
        values["accessibility_contact"] = env["MM_ACCESSIBILITY_CONTACT"]
    return Settings.model_validate(values)
