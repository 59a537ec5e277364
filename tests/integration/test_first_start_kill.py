"""A kill during the very first migration, and two first starts at once (real processes)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cli_runner import run_cli, run_cli_at_once

ROOT = Path(__file__).resolve().parents[2]

# Runs `counter-app db upgrade`, but kills itself (SIGKILL, as the OS would) right after the
# migration's third CREATE TABLE: a power cut in the middle of the first start.
KILL_MID_MIGRATION = """
import os, signal, sys
from alembic.operations import Operations
real = Operations.create_table
made = []
def create_table(self, *args, **kwargs):
    result = real(self, *args, **kwargs)
    made.append(args[0])
    if len(made) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
Operations.create_table = create_table
from counter_app.cli import main
sys.exit(main(["db", "upgrade"]))
"""


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(COUNTER_APP_HOME=str(home), COUNTER_APP_NO_KEYRING="1")
    return env


def test_a_kill_mid_first_migration_leaves_a_home_that_starts(tmp_path: Path) -> None:
    home = tmp_path / "home"
    killed = subprocess.run(
        [sys.executable, "-c", KILL_MID_MIGRATION],
        env=_env(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    db_file = home / "counter.sqlite3"
    assert db_file.exists()
    # Nothing of the interrupted migration is visible: no table without a version.
    with sqlite3.connect(db_file) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "orders" not in tables, tables
    check = run_cli(home, "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    listed = run_cli(home, "orders", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Traceback" not in listed.stderr


def test_a_half_made_schema_from_an_older_version_is_reported_then_rebuilt(
    tmp_path: Path,
) -> None:
    # What the old non-transactional migration left after a kill: tables, no version.
    home = tmp_path / "home"
    home.mkdir()
    db_file = home / "counter.sqlite3"
    with sqlite3.connect(db_file) as conn:
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, order_id TEXT)")
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.close()
    check = run_cli(home, "db", "check")
    assert check.returncode != 0
    assert "half-made" in check.stdout, check.stdout
    assert "Traceback" not in check.stderr
    started = run_cli(home, "orders", "list")
    assert started.returncode == 0, started.stderr
    again = run_cli(home, "db", "check")
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_half_made_schema_holding_data_is_refused_in_plain_words(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with sqlite3.connect(home / "counter.sqlite3") as conn:
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, order_id TEXT)")
        conn.execute("INSERT INTO orders (order_id) VALUES ('X-1')")
    conn.close()
    started = run_cli(home, "orders", "list")
    assert started.returncode == 1
    assert "no schema version" in started.stderr and "db restore" in started.stderr
    assert "Traceback" not in started.stderr
    with sqlite3.connect(home / "counter.sqlite3") as conn:
        assert conn.execute("SELECT order_id FROM orders").fetchall() == [("X-1",)]
    conn.close()


def test_two_first_starts_at_the_same_moment_both_succeed(tmp_path: Path) -> None:
    for attempt in range(4):
        home = tmp_path / f"home{attempt}"
        for run in run_cli_at_once(home, "orders", "list"):
            assert run.returncode == 0, run.stderr
        check = run_cli(home, "db", "check")
        assert check.returncode == 0, check.stdout


def test_a_store_at_the_first_revision_upgrades_with_its_data_and_a_copy(tmp_path: Path) -> None:
    from alembic import command

    from counter_app.bootstrap import open_context
    from counter_app.settings import load_settings
    from counter_app.store.database import Database
    from counter_app.store.migrate import alembic_config, current_revision, head_revision

    home = tmp_path / "home"
    settings = load_settings(home)
    settings.paths.ensure()
    db = Database(settings.effective_database_url())
    cfg = alembic_config(db.url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    db.dispose()
    # Written as revision 0001 knew the table: today's models have columns it lacks.
    with sqlite3.connect(settings.paths.database_file) as conn:
        conn.execute(
            "INSERT INTO orders (order_id, commercial_id, remote_state, stage, customer_name,"
            " customer_key, customer_email, created_at, updated_at, total_price_cents, currency,"
            " shipping_type_code, shipping_type_label, shelf, notes, collected_till, bag_count,"
            " problem, raw_json) VALUES ('70000001-A', '70000001', 'SHIPPING', 'to_prepare',"
            " 'Zoé', 'zoe', '', '2026-11-30 09:00:00.000000', '2026-11-30 09:00:00.000000', 100,"
            " 'EUR', 'CLICK_COLLECT', 'Retrait', '', '', '', 1, '', '{}')"
        )
    ctx = open_context(settings)
    try:
        assert current_revision(ctx.db.engine) == head_revision()
        assert ctx.repo.get_order("70000001-A") is not None
        assert ctx.repo.get_meta("marketplace") is None
    finally:
        ctx.close()
    assert list((home / "backups").glob("pre-migration-0001-*.sqlite3"))
