"""Start-up shared by the GUI and every CLI command: settings, logging, database, migrations."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.logging_setup import register_secret, setup_logging
from counter_app.settings import Settings, load_settings
from counter_app.store.backup import daily_backup
from counter_app.store.database import Database
from counter_app.store.migrate import upgrade
from counter_app.store.repository import Repository

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """What a running app or command works with."""

    settings: Settings
    db: Database
    repo: Repository

    def close(self) -> None:
        self.db.dispose()


def load_and_log(
    home: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
    *,
    verbose: bool = False,
    stderr: bool = True,
) -> Settings:
    """Settings first, then logging into that home (with the API key registered as secret)."""
    settings = load_settings(home, overrides)
    settings.paths.ensure()
    register_secret(settings.api_key)
    setup_logging(settings.paths.log_dir, verbose=verbose, stderr=stderr)
    return settings


def open_context(settings: Settings, *, migrate: bool = True) -> AppContext:
    """Open the database, apply migrations (after a backup copy) and take today's copy."""
    url = settings.effective_database_url()
    db = Database(url)
    try:
        if migrate:
            upgrade(db.engine, url, settings.paths.backup_dir)
            if db.file is not None and db.file.exists():
                try:
                    daily_backup(db.file, settings.paths.backup_dir)
                except OSError as exc:  # a full disk must not stop the till
                    log.warning("daily backup failed: %s", exc)
    except BaseException:
        db.dispose()
        raise
    return AppContext(settings=settings, db=db, repo=Repository(db))
