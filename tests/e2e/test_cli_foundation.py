"""The CLI as a subprocess: version, db commands, one-line errors, no secret in logs."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_runner import run_cli

SECRET = "mk-SECRET-4c1d-9f2e-NEVER-LOG"


def test_version_and_help(tmp_path: Path) -> None:
    out = run_cli(tmp_path, "--version")
    assert out.returncode == 0 and out.stdout.startswith("counter-app ")
    helped = run_cli(tmp_path, "--help", env_extra={"COUNTER_APP_API_KEY": SECRET})
    assert helped.returncode == 0 and "db" in helped.stdout and SECRET not in helped.stdout


def test_db_upgrade_check_backup(tmp_path: Path) -> None:
    up = run_cli(tmp_path, "db", "upgrade")
    assert up.returncode == 0, up.stderr
    assert "upgraded from empty" in up.stdout
    check = run_cli(tmp_path, "db", "check", "--json")
    report = json.loads(check.stdout)
    assert report["integrity"] == "ok" and report["up_to_date"] is True
    assert report["counts"]["orders"] == 0
    backup = run_cli(tmp_path, "db", "backup")
    assert backup.returncode == 0 and list((tmp_path / "backups").glob("daily-*.sqlite3"))


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("sync_interval_seconds = [1, 2]\n")
    out = run_cli(tmp_path, "db", "check")
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0
    assert "sync_interval_seconds" in out.stderr


def test_api_key_never_reaches_the_log_file(tmp_path: Path) -> None:
    import logging

    from counter_app.logging_setup import register_secret, setup_logging

    register_secret(SECRET)
    setup_logging(tmp_path / "logs", verbose=True, stderr=False)
    log = logging.getLogger("counter_app.test")
    log.info("connecting with key %s", SECRET)
    log.warning(f"headers: {{'Authorization': '{SECRET}'}}")
    try:
        raise RuntimeError(f"401 for key {SECRET}")
    except RuntimeError:
        log.exception("request failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (tmp_path / "logs" / "counter-app.log").read_text()
    assert "connecting with key ***" in text
    assert SECRET not in text
    setup_logging(None, stderr=False)
