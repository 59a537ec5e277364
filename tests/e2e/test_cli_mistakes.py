"""A user's mistakes get one plain line and an exit code, never a traceback on the screen.

Real subprocess runs: settings that are a folder, a bad `database_url`, an absurd interval,
a home on a read-only or a completely full filesystem (real small tmpfs), a scan of bytes
that are not UTF-8; the traceback, when there is one, goes to the log or, with --debug, to
stderr.
"""

# ruff: noqa: F811 (fixtures imported by name)

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from tests.cli_runner import run_cli
from tests.factories import make_order
from tests.fs_fixtures import fill, remount, small_fs  # noqa: F401


def _plain(done: subprocess.CompletedProcess[str]) -> str:
    err = done.stderr
    assert "Traceback" not in err and "--- Logging error ---" not in err, err
    lines = [line for line in err.strip().splitlines() if line.startswith("counter-app: error")]
    assert len(lines) == 1, err
    return lines[0]


def test_settings_file_that_is_a_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "settings.toml").mkdir(parents=True)
    done = run_cli(home, "orders", "list")
    assert done.returncode == 1
    assert "is a folder" in _plain(done)


def test_bad_database_url(tmp_path: Path) -> None:
    for url in ("nosuchdb://somewhere/x", "not a url at all"):
        done = run_cli(
            tmp_path / "home", "orders", "list", env_extra={"COUNTER_APP_DATABASE_URL": url}
        )
        assert done.returncode == 1, done.stderr
        assert "database_url" in _plain(done)


def test_absurd_sync_interval(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text("sync_interval_seconds = 99999999999\n")
    done = run_cli(home, "orders", "list")
    assert done.returncode == 1
    assert "sync_interval_seconds" in _plain(done) and "between" in done.stderr
    huge = run_cli(
        tmp_path / "other",
        "sync",
        "--interval",
        "1e300",
        env_extra={"COUNTER_APP_MARKETPLACE_URL": "http://127.0.0.1:9", "COUNTER_APP_API_KEY": "k"},
    )
    assert huge.returncode == 1 and "--interval" in _plain(huge)


def test_scan_of_bytes_that_are_not_utf8_is_invalid(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(COUNTER_APP_HOME=str(home), COUNTER_APP_NO_KEYRING="1")
    done = subprocess.run(
        [
            sys.executable.encode(),
            b"-m",
            b"counter_app",
            b"scan",
            b"\xff\xfeBC\x80\xc3(",
            b"--json",
        ],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert b'"verdict": "invalid"' in done.stdout
    assert b"Traceback" not in done.stderr


def test_read_only_home_names_the_folder_not_a_log_it_could_not_open(small_fs) -> None:
    disk = small_fs(1024)
    home = disk / "home"
    assert run_cli(home, "db", "upgrade").returncode == 0
    remount(disk, "ro")
    done = run_cli(home, "orders", "list")
    assert done.returncode == 1
    line = _plain(done)
    assert "log file" in line and "writable" in line
    assert "details in" not in line


def test_completely_full_disk(small_fs) -> None:
    disk = small_fs(4096)
    home = disk / "home"
    ctx = open_context(load_settings(home))
    ctx.repo.upsert_orders([make_order(state="SHIPPING") for _ in range(20)])
    order_id = ctx.repo.list_orders()[0].order_id
    ctx.close()
    fill(disk)
    done = run_cli(home, "ready", order_id, "--shelf", "A1")
    assert done.returncode == 1
    assert "disk" in _plain(done)


def test_debug_prints_the_traceback_too(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "settings.toml").mkdir(parents=True)
    (home / "counter.sqlite3").write_text("not a database")
    quiet = run_cli(
        tmp_path / "h2", "orders", "list", env_extra={"COUNTER_APP_DATABASE_URL": "x://"}
    )
    assert "Traceback" not in quiet.stderr
    loud = run_cli(
        tmp_path / "h2", "--debug", "orders", "list", env_extra={"COUNTER_APP_DATABASE_URL": "x://"}
    )
    assert loud.returncode == 1 and "Traceback" in loud.stderr
