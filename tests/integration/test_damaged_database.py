"""A damaged database file (8 KiB of random bytes in its middle) and a file that is no database.

The store is refused at start with what to do, `db check` says "damaged" without a
traceback, no backup is taken of it, and `db restore` puts back the newest good copy.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from tests.cli_runner import run_cli
from tests.factories import make_order


def _store(home: Path, count: int = 400) -> Path:
    ctx = open_context(load_settings(home))
    try:
        ctx.repo.upsert_orders([make_order(state="SHIPPING") for _ in range(count)])
    finally:
        ctx.close()
    db_file = home / "counter.sqlite3"
    with sqlite3.connect(db_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db_file


def _damage(db_file: Path, seed: int = 11) -> None:
    size = db_file.stat().st_size
    assert size > 64 * 1024
    rng = __import__("random").Random(seed)
    with open(db_file, "r+b") as fh:
        fh.seek(size // 2)
        fh.write(bytes(rng.getrandbits(8) for _ in range(8192)))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    _damage(_store(home))
    return home


def test_a_damaged_store_is_refused_at_start_with_what_to_do(damaged_home: Path) -> None:
    before = _sha(damaged_home / "counter.sqlite3")
    for args in (("orders", "list"), ("scan", "BCDF-GHJK-LNOP"), ("ready", "X-1")):
        done = run_cli(damaged_home, *args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert "damaged" in done.stderr and "db restore" in done.stderr
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert _sha(damaged_home / "counter.sqlite3") == before


def test_db_check_reports_damage_as_a_failed_check(damaged_home: Path) -> None:
    done = run_cli(damaged_home, "db", "check")
    assert done.returncode == 1
    assert "damaged" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    as_json = run_cli(damaged_home, "db", "check", "--json")
    assert as_json.returncode == 1 and '"integrity": "damaged' in as_json.stdout


def test_a_damaged_file_is_never_backed_up_over_a_good_copy(damaged_home: Path) -> None:
    good = sorted((damaged_home / "backups").glob("daily-*.sqlite3"))
    assert good
    before = _sha(good[0])
    done = run_cli(damaged_home, "db", "backup")
    assert done.returncode == 1 and "damaged" in done.stderr
    assert _sha(good[0]) == before
    assert list((damaged_home / "backups").glob("*.part*")) == []


def test_db_restore_puts_back_the_newest_good_backup(damaged_home: Path) -> None:
    damaged_sha = _sha(damaged_home / "counter.sqlite3")
    done = run_cli(damaged_home, "db", "restore")
    assert done.returncode == 0, done.stderr
    assert "restored from" in done.stdout
    kept = list(damaged_home.glob("counter.sqlite3.damaged-*"))
    assert [k for k in kept if not k.name.endswith(("-wal", "-shm"))], kept
    assert any(_sha(k) == damaged_sha for k in kept)
    check = run_cli(damaged_home, "db", "check")
    assert check.returncode == 0, check.stdout
    listed = run_cli(damaged_home, "orders", "list", "--json")
    assert listed.returncode == 0, listed.stderr


def test_db_restore_of_a_named_backup_and_of_a_bad_one(damaged_home: Path) -> None:
    bogus = damaged_home / "backups" / "daily-2000-01-01.sqlite3"
    bogus.write_bytes(os.urandom(20000))
    refused = run_cli(damaged_home, "db", "restore", str(bogus))
    assert refused.returncode == 1 and "damaged too" in refused.stderr
    good = sorted((damaged_home / "backups").glob("daily-2*.sqlite3"))[-1]
    done = run_cli(damaged_home, "db", "restore", str(good))
    assert done.returncode == 0, done.stderr
    assert run_cli(damaged_home, "db", "check").returncode == 0


def test_a_file_that_is_no_database_is_refused_in_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "counter.sqlite3").write_text("these are my notes, not a database\n" * 200)
    done = run_cli(home, "orders", "list")
    assert done.returncode == 1
    assert "not a SQLite database" in done.stderr and "Traceback" not in done.stderr
    check = run_cli(home, "db", "check")
    assert check.returncode == 1 and "damaged" in check.stdout
    assert "Traceback" not in check.stderr
