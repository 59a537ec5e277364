"""Alembic migrations applied at start-up: backup first, refuse a newer schema."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from counter_app.errors import SchemaTooNewError
from counter_app.resources import migrations_dir
from counter_app.store.backup import backup_before_migration
from counter_app.store.database import sqlite_file

log = logging.getLogger(__name__)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision(url: str = "sqlite://") -> str:
    heads = ScriptDirectory.from_config(alembic_config(url)).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass
class UpgradeResult:
    """What `upgrade` did."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def check_not_newer(engine: Engine, url: str) -> str | None:
    """The current revision; raises SchemaTooNewError if this app does not know it."""
    current = current_revision(engine)
    if current is None:
        return None
    script = ScriptDirectory.from_config(alembic_config(url))
    try:
        script.get_revision(current)
    except Exception as exc:
        raise SchemaTooNewError(
            f"the database schema ({current}) comes from a newer version of Counter; "
            "install that version or restore a backup. The database was left untouched."
        ) from exc
    return current


def upgrade(engine: Engine, url: str, backup_dir: Path) -> UpgradeResult:
    """Bring the schema to head. A file database with data is copied first."""
    current = check_not_newer(engine, url)
    head = head_revision(url)
    if current == head:
        return UpgradeResult(current, head, None)
    backup: Path | None = None
    db_file = sqlite_file(url)
    if db_file is not None and db_file.exists() and inspect(engine).get_table_names():
        backup = backup_before_migration(db_file, backup_dir, current)
    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("database schema upgraded from %s to %s", current, head)
    return UpgradeResult(current, head, backup)
