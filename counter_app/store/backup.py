"""Database copies: before every migration, and one a day (the last 7 kept)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import date, datetime
from pathlib import Path

log = logging.getLogger(__name__)

DAILY_PREFIX = "daily-"
DAILY_KEEP = 7


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's online backup (safe while the app writes)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    return target


def backup_before_migration(source: Path, backup_dir: Path, from_revision: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"pre-migration-{from_revision or 'empty'}-{stamp}.sqlite3"
    copy_database(source, target)
    log.info("copied the database to %s before migrating", target)
    return target


def daily_backup(
    source: Path,
    backup_dir: Path,
    today: date | None = None,
    keep: int = DAILY_KEEP,
    *,
    force: bool = False,
) -> Path | None:
    """Today's copy (made once a day unless forced); older daily copies beyond `keep` go."""
    today = today or date.today()
    target = backup_dir / f"{DAILY_PREFIX}{today.isoformat()}.sqlite3"
    made: Path | None = None
    if force or not target.exists():
        made = copy_database(source, target)
    dailies = sorted(backup_dir.glob(f"{DAILY_PREFIX}*.sqlite3"))
    for old in dailies[:-keep] if keep > 0 else dailies:
        old.unlink()
    return made
