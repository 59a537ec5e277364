"""Database copies: before every migration, one a day (the last 7 kept), and restoring one.

A copy is written to a temporary file of its own (two commands starting together never write
the same one), checked with `PRAGMA quick_check`, and only then renamed over the old copy: a
damaged database or a full disk never replaces a good backup, and leaves no `.part` behind.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from counter_app.private_files import private_dir, tighten, touch_private

log = logging.getLogger(__name__)

DAILY_PREFIX = "daily-"
DAILY_KEEP = 7
PART_SUFFIX = ".part"
# A `.part` older than this was left by a killed process (a copy takes seconds).
STALE_PART_SECONDS = 3600


class BackupError(Exception):
    """A copy could not be made (full disk, damaged source); no old copy was touched."""


def _part_name(target: Path) -> Path:
    return target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}{PART_SUFFIX}")


def _quick_check(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    finally:
        conn.close()


def _checked_copy(source: Path, target: Path) -> None:
    """Copy with SQLite's backup API into a new private file, then `quick_check` the copy.

    The copy is a self-contained file (journal mode DELETE: no -wal or -shm beside it).
    Raises BackupError when the copy is not sound.
    """
    touch_private(target)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            verdict = [str(r[0]) for r in dst.execute("PRAGMA quick_check(5)").fetchall()]
        finally:
            dst.close()
    finally:
        src.close()
    if verdict != ["ok"]:
        raise BackupError(f"the copy of {source} is damaged: {'; '.join(verdict)[:200]}")


def copy_database(source: Path, target: Path) -> Path:
    """A consistent, checked copy through SQLite's online backup (safe while the app writes).

    Raises BackupError (the target left as it was, the temporary file removed) when the
    disk is full or the copy is not sound.
    """
    private_dir(target.parent)
    tmp = _part_name(target)
    try:
        _checked_copy(source, tmp)
        tmp.replace(target)
        tighten(target)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BackupError(f"{source} could not be copied to {target}: {exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target


def remove_stale_parts(backup_dir: Path, older_than: float = STALE_PART_SECONDS) -> int:
    """Delete temporary copies left by killed processes; returns how many went."""
    removed = 0
    now = time.time()
    for part in backup_dir.glob(f"*{PART_SUFFIX}"):
        with contextlib.suppress(OSError):
            if now - part.stat().st_mtime > older_than:
                part.unlink()
                removed += 1
    return removed


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
    remove_stale_parts(backup_dir)
    if force or not target.exists():
        made = copy_database(source, target)
    dailies = sorted(backup_dir.glob(f"{DAILY_PREFIX}*.sqlite3"))
    for old in dailies[:-keep] if keep > 0 else dailies:
        old.unlink()
    return made


# ---- restore ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Restored:
    """What `restore` did."""

    source: Path
    kept_aside: Path | None


def backups_newest_first(backup_dir: Path) -> list[Path]:
    found = [p for p in backup_dir.glob("*.sqlite3") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def is_sound(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False
        return _quick_check(path) == ["ok"]
    except (OSError, sqlite3.Error):
        return False


def restore(db_file: Path, backup_dir: Path, chosen: Path | None = None) -> Restored:
    """Put a good backup in place of `db_file`, keeping the current file (and journal) aside.

    Without `chosen`, the newest backup that passes `quick_check` is used.
    """
    if chosen is not None:
        if not chosen.is_file():
            raise BackupError(f"no backup file {chosen}")
        if not is_sound(chosen):
            raise BackupError(f"the backup {chosen} is damaged too; choose another one")
        source = chosen
    else:
        good = [p for p in backups_newest_first(backup_dir) if is_sound(p)]
        if not good:
            raise BackupError(f"no good backup in {backup_dir}")
        source = good[0]
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept: Path | None = None
    tmp = _part_name(db_file)
    try:
        _checked_copy(source, tmp)
        if db_file.exists():
            # A second name for the old file first: a kill at any point below leaves it.
            kept = db_file.with_name(f"{db_file.name}.damaged-{stamp}")
            try:
                os.link(db_file, kept)
            except OSError:
                shutil.copy2(db_file, kept)
        # The old journal must not be replayed onto the restored file.
        for side in ("-wal", "-shm", "-journal"):
            journal = db_file.with_name(db_file.name + side)
            if journal.exists():
                journal.replace(db_file.with_name(f"{db_file.name}.damaged-{stamp}{side}"))
        tmp.replace(db_file)
        tighten(db_file)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BackupError(f"{source} could not be restored: {exc}") from exc
    log.warning("restored the database from %s (the old file kept as %s)", source, kept)
    return Restored(source, kept)
