"""Customers' data is readable by this user only: database, journal, backups, logs 0600 in
0700 folders, also when an older version left them wider."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _everything(home: Path) -> list[Path]:
    return [home, *sorted(home.rglob("*"))]


def _assert_private(home: Path) -> None:
    wide = [
        f"{p.relative_to(home.parent)} {oct(_mode(p))}"
        for p in _everything(home)
        if _mode(p) & 0o077
    ]
    assert wide == []


def test_a_new_home_is_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    old = os.umask(0o022)  # the usual default: files 0644, folders 0755
    try:
        assert run_cli(home, "orders", "list").returncode == 0
        assert run_cli(home, "db", "backup").returncode == 0
    finally:
        os.umask(old)
    names = {p.name for p in _everything(home)}
    assert {"counter.sqlite3", "backups", "logs", "counter-app.log"} <= names
    assert any(p.name.startswith("daily-") for p in (home / "backups").iterdir())
    _assert_private(home)
    assert _mode(home / "counter.sqlite3") == 0o600
    assert _mode(home / "logs") == 0o700


def test_an_older_homes_wide_modes_are_tightened_at_start(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_cli(home, "orders", "list").returncode == 0
    for path in _everything(home):
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert run_cli(home, "orders", "list").returncode == 0
    for path in (home, home / "counter.sqlite3", home / "logs", home / "backups"):
        assert _mode(path) & 0o077 == 0, path
