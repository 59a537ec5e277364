"""The daily backup on a nearly full disk (a real small tmpfs), and two backups at once."""

# ruff: noqa: F811 (fixtures imported by name)

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from tests.cli_runner import run_cli, run_cli_at_once
from tests.factories import make_order
from tests.fs_fixtures import small_fs  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def _store_with_orders(home: Path, count: int) -> None:
    ctx = open_context(load_settings(home))
    try:
        ctx.repo.upsert_orders([make_order() for _ in range(count)])
    finally:
        ctx.close()


def _leave_free(folder: Path, free_bytes: int) -> None:
    """Fill the filesystem of `folder` until about `free_bytes` are left."""
    available = shutil.disk_usage(folder).free - free_bytes
    with open(folder / "filler.bin", "wb") as fh:
        fh.write(b"\0" * max(0, available))


def test_a_backup_that_does_not_fit_is_skipped_and_the_till_starts(small_fs) -> None:
    disk = small_fs(2048)
    home = disk / "home"
    _store_with_orders(home, 250)
    for copy in (home / "backups").glob("*"):
        copy.unlink()  # today's copy not made yet: the first start of the day
    _leave_free(disk, 48 * 1024)
    started = run_cli(home, "orders", "list")
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr
    assert "backup was skipped" in started.stderr
    assert "disk is full" in started.stderr
    assert list((home / "backups").glob("*.part*")) == []
    assert list((home / "backups").glob("daily-*")) == []
    log = (home / "logs" / "counter-app.log").read_text(encoding="utf-8")
    assert "backup was skipped" in log


def test_the_window_context_keeps_the_skipped_backup_for_the_status_bar(small_fs) -> None:
    disk = small_fs(2048)
    home = disk / "home"
    _store_with_orders(home, 250)
    for copy in (home / "backups").glob("*"):
        copy.unlink()
    _leave_free(disk, 48 * 1024)
    ctx = open_context(load_settings(home))
    try:
        assert ctx.backup_skipped
        assert any("backup was skipped" in w for w in ctx.warnings)
        assert ctx.repo.count_orders() == 250
    finally:
        ctx.close()


def test_a_backup_never_replaces_a_good_copy_when_the_disk_is_full(small_fs) -> None:
    disk = small_fs(2048)
    home = disk / "home"
    _store_with_orders(home, 250)
    good = sorted((home / "backups").glob("daily-*"))
    assert good, "the first start makes today's copy"
    before = good[0].read_bytes()
    _leave_free(disk, 48 * 1024)
    forced = run_cli(home, "db", "backup")
    assert forced.returncode == 1
    assert "no backup written" in forced.stderr and "Traceback" not in forced.stderr
    assert good[0].read_bytes() == before
    assert list((home / "backups").glob("*.part*")) == []


def test_two_backups_starting_together_never_share_a_temporary_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _store_with_orders(home, 400)
    for _round in range(3):
        for run in run_cli_at_once(home, "db", "backup", copies=3):
            assert run.returncode == 0, run.stderr
    assert list((home / "backups").glob("*.part*")) == []
    for copy in (home / "backups").glob("*.sqlite3"):
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
            assert conn.execute("SELECT count(*) FROM orders").fetchone() == (400,)
        conn.close()
