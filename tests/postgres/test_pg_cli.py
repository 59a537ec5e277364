"""`counter-app db upgrade | check | backup | copy-to` against the PostgreSQL test server."""

from __future__ import annotations

import json
from pathlib import Path

from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from counter_app.store.migrate import head_revision
from tests.cli_runner import run_cli
from tests.factories import make_order
from tests.pg_fixtures import PgServer

SECRET = "s3cret-Pa55word"


def _with_password(url: str) -> str:
    return url.replace("postgres@", f"postgres:{SECRET}@")


def test_upgrade_and_check_on_the_server(pg_server: PgServer, tmp_path: Path) -> None:
    url = pg_server.empty_database()
    home = tmp_path / "home"
    done = run_cli(home, "--database-url", _with_password(url), "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert f"to {head_revision()}" in done.stdout
    check = run_cli(home, "--database-url", _with_password(url), "db", "check", "--json")
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["schema"] == head_revision() and report["up_to_date"]
    assert report["integrity"] == "n/a"
    assert report["counts"]["orders"] == 0
    # The password typed in the URL is in no output, no log, no settings file.
    for text in [done.stdout, done.stderr, check.stdout, check.stderr]:
        assert SECRET not in text
    for path in home.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(errors="replace"), path


def test_check_says_when_the_server_cannot_be_reached(tmp_path: Path) -> None:
    url = "postgresql+psycopg://counter@127.0.0.1:9/counter"
    check = run_cli(tmp_path / "home", "--database-url", url, "db", "check")
    assert check.returncode != 0
    assert "Traceback" not in check.stderr
    assert "cannot be reached" in (check.stdout + check.stderr)


def test_copy_to_moves_a_till_file_into_the_server(pg_server: PgServer, tmp_path: Path) -> None:
    home = tmp_path / "home"
    ctx = open_context(load_settings(home))
    orders = [make_order(state="SHIPPING") for _ in range(25)]
    ctx.repo.upsert_orders(orders)
    code = ctx.repo.mark_ready(orders[0].order_id, "C1", "caisse-1")
    ctx.close()
    url = pg_server.empty_database()
    done = run_cli(home, "db", "copy-to", _with_password(url))
    assert done.returncode == 0, done.stderr
    assert "row counts match" in done.stdout
    assert SECRET not in done.stdout + done.stderr
    # The server's store now answers for that order, and new rows get fresh ids.
    check = run_cli(home, "--database-url", url, "scan", code)
    assert check.returncode == 0, check.stderr
    assert orders[0].order_id in check.stdout
    ctx = open_context(load_settings(home, {"database_url": url}))
    ctx.repo.mark_ready(orders[1].order_id, "C2", "caisse-2")
    assert ctx.repo.table_counts()["outbox"] == 2
    ctx.close()
    again = run_cli(home, "db", "copy-to", url)
    assert again.returncode != 0 and "already holds" in again.stderr


def test_backup_of_the_server_runs_pg_dump(pg_server: PgServer, tmp_path: Path) -> None:
    url = pg_server.fresh_database()
    home = tmp_path / "home"
    done = run_cli(home, "--database-url", url, "db", "backup")
    assert done.returncode == 0, done.stderr
    written = Path(done.stdout.split("backup written: ")[1].strip())
    assert written.exists() and written.read_bytes()[:5] == b"PGDMP"
