"""Start-up shared by the GUI and every CLI command: settings, logging, database, migrations.

Before anything is read or written the store file is checked (`PRAGMA quick_check`): a
damaged file is refused with what to do. Today's backup is best effort: a full disk skips it
with a warning (kept in `AppContext.warnings` for the window's status bar), never stops the till.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from counter_app.logging_setup import register_secret, setup_logging
from counter_app.settings import Settings, load_settings
from counter_app.store.backup import BackupError, daily_backup
from counter_app.store.database import Database, refuse_if_damaged
from counter_app.store.migrate import upgrade
from counter_app.store.repository import Repository

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """What a running app or command works with.

    A context manager: `with open_context(settings) as ctx:` closes the database whatever
    happens in the block (`close()` stays for the window, which closes it at quit).
    """

    settings: Settings
    db: Database
    repo: Repository
    # Things the people at the till should see once (a skipped backup, an unknown setting).
    warnings: list[str] = field(default_factory=list)
    backup_skipped: bool = False

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def load_and_log(
    home: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
    *,
    verbose: bool = False,
    stderr: bool = True,
) -> Settings:
    """Settings first, then logging into that home (with the API key registered as secret)."""
    settings = load_settings(home, overrides)
    try:
        settings.paths.ensure()
    except OSError as exc:
        from counter_app.errors import CounterError

        raise CounterError(
            f"cannot create the app's folders ({exc.filename}: {exc.strerror or exc}); "
            "the home folder must be writable by this user (or choose another with --home)"
        ) from exc
    register_secret(settings.api_key)
    register_secret(settings.database_password)
    setup_logging(settings.paths.log_dir, verbose=verbose, stderr=stderr)
    for warning in settings.unknown_key_warnings():
        log.warning("%s", warning)
    return settings


def backup_failure_reason(exc: BaseException) -> str:
    text = str(exc)
    if "disk is full" in text or "No space left" in text or "disk I/O error" in text:
        return "the disk is full"
    return text[:200] or type(exc).__name__


def open_context(settings: Settings, *, migrate: bool = True) -> AppContext:
    """Open the database, apply migrations (after a backup copy) and take today's copy."""
    url = settings.effective_database_url()
    db = Database(url)
    warnings = list(settings.unknown_key_warnings())
    backup_skipped = False
    try:
        refuse_if_damaged(db.file)
        if migrate:
            upgrade(db.engine, url, settings.paths.backup_dir)
            if db.file is not None and db.file.exists():
                try:
                    daily_backup(db.file, settings.paths.backup_dir)
                except (BackupError, OSError, sqlite3.Error) as exc:
                    # A full disk must not stop the till: skip the copy, say so.
                    reason = backup_failure_reason(exc)
                    log.warning("today's backup was skipped: %s (%s)", reason, exc)
                    warnings.append(f"today's backup was skipped: {reason}")
                    backup_skipped = True
    except BaseException:
        db.dispose()
        raise
    return AppContext(
        settings=settings,
        db=db,
        repo=Repository(db),
        warnings=warnings,
        backup_skipped=backup_skipped,
    )
