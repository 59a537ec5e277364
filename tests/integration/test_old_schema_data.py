"""A store written by an old version upgrades to the newest schema with nothing lost.

The fixtures in `tests/data/` are real SQLite files of schema 0001 and 0002 with rows in every
table (built once by `tests/data/make_schema_dbs.py`). A copy of each is opened the way a till
starts (damage check, backup copy, migrations to the head, whatever the head is today), then
every row and column the old schema had must read back the same, and the app must still see
its orders, stages, pickup codes, waiting actions and audit trail.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from counter_app.bootstrap import open_context
from counter_app.domain.scan import Verdict
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.store.migrate import current_revision, head_revision
from counter_app.store.outbox import Outbox
from counter_app.store.scan_service import ScanService

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURES = sorted(DATA.glob("schema_*.sqlite"))

Snapshot = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def _snapshot(db_file: Path, tables: Snapshot | None = None) -> Snapshot:
    """Every row of every table, column by column; with `tables`, only the columns it has."""
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        names = (
            list(tables)
            if tables is not None
            else [
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
                )
            ]
        )
        snap: Snapshot = {}
        for name in names:
            columns = (
                tables[name][0]
                if tables is not None
                else [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
            )
            listed = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f'SELECT {listed} FROM "{name}" ORDER BY {listed}').fetchall()
            snap[name] = (columns, rows)
        return snap
    finally:
        conn.close()


def _revision_of(db_file: Path) -> str:
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_there_is_a_fixture_for_the_first_schemas() -> None:
    assert [f.name for f in FIXTURES] == [
        "schema_0001.sqlite",
        "schema_0002.sqlite",
        "schema_0004.sqlite",
    ]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.stem)
def test_the_fixture_is_its_revision_with_rows_in_every_table(fixture: Path) -> None:
    assert _revision_of(fixture) == fixture.stem.removeprefix("schema_")
    empty = [name for name, (_, rows) in _snapshot(fixture).items() if not rows]
    assert empty == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.stem)
def test_an_old_store_upgrades_to_the_head_with_nothing_lost(
    fixture: Path, settings: Settings
) -> None:
    db_file = settings.paths.database_file
    shutil.copyfile(fixture, db_file)
    old_revision = _revision_of(db_file)
    before = _snapshot(db_file)

    with open_context(settings) as ctx:
        assert current_revision(ctx.db.engine) == head_revision() != old_revision
        repo = ctx.repo
        orders = {oid: repo.require_order(oid) for oid in before_ids(before)}
        actions = Outbox(ctx.db).all()
        history = repo.stage_history("CC210006-A")
        sync = repo.get_sync_state()
        counts = repo.table_counts()
        marketplace = repo.get_meta("marketplace")
        # Every row and column of the old schema is still there, unchanged.
        assert _snapshot(db_file, before) == before
        scan = ScanService(repo, settings).resolve("KTNP-RSVX-BCDF")
    # The copy taken before migrating is the old store as it was.
    (backup,) = settings.paths.backup_dir.glob(f"pre-migration-{old_revision}-*")
    assert _revision_of(backup) == old_revision
    assert _snapshot(backup, before) == before

    # ... and the app reads it as the shop left it.
    assert {oid: o.stage for oid, o in orders.items()} == {
        "CC210001-A": Stage.TO_ACCEPT,
        "CC210002-A": Stage.AWAITING_PAYMENT,
        "CC210003-A": Stage.TO_PREPARE,
        "CC210004-A": Stage.READY,
        "CC210005-A": Stage.READY,
        "CC210006-A": Stage.COLLECTED,
        "CC210007-A": Stage.CANCELED,
        "CC210008-A": Stage.UNKNOWN,  # written by a newer version: kept, not guessed
    }
    assert {oid: o.pickup_code for oid, o in orders.items() if o.pickup_code} == {
        "CC210004-A": "KTNPRSVXBCDF",
        "CC210005-A": "HGJNEVDCLFRV",
        "CC210006-A": "TUVRBXOPSEKT",
    }
    ready = orders["CC210004-A"]
    assert (ready.shelf, ready.bag_count, [line.title for line in ready.lines]) == (
        "B-12",
        2,
        ["L'Étranger", "Le Petit Prince"],
    )
    assert orders["CC210003-A"].notes.endswith("cadeau : emballer")
    assert orders["CC210005-A"].problem.startswith("the marketplace says REFUSED")
    assert orders["CC210006-A"].collected_till == "caisse-1"
    assert [(a.order_id, a.action, a.state, a.attempts) for a in actions] == [
        ("CC210004-A", "ready", "sent", 1),
        ("CC210006-A", "collect", "pending", 2),
        ("CC210002-A", "accept", "in_flight", 1),
        ("CC210005-A", "ready", "failed", 3),
        ("CC209999-A", "collect", "pending", 0),
    ]
    assert actions[0].payload == {"pickup_code": "KTNPRSVXBCDF", "shelf": "B-12"}
    assert actions[1].last_error == "connection refused"
    assert repo.count_pending_actions() == 3
    assert [(h.from_stage, h.to_stage, h.source) for h in history] == [
        ("", "to_accept", "marketplace"),
        ("to_prepare", "ready", "local"),
        ("ready", "collected", "local"),
    ]
    assert sync.watermark is not None and sync.last_error == "connection refused"
    assert counts["scan_events"] == len(before["scan_events"][1])
    assert counts["outbox"] == 5 and counts["orders"] == 8
    # The customer's pickup code still hands over the right bag.
    assert scan.verdict is Verdict.OK and scan.order_id == "CC210004-A"
    if old_revision >= "0002":
        assert marketplace is not None and "marketplace.example.com" in marketplace


def before_ids(snapshot: Snapshot) -> list[str]:
    columns, rows = snapshot["orders"]
    at = columns.index("order_id")
    return [row[at] for row in rows]


def test_an_analyzed_old_store_gets_statistics_for_the_new_indexes(settings: Settings) -> None:
    """A store SQLite has statistics for: the indexes migration 0006 adds get theirs too, or
    the planner reads the tab pages through them (a full sort of each stage: 60 ms, not 1)."""
    db_file = settings.paths.database_file
    shutil.copyfile(FIXTURES[-1], db_file)
    conn = sqlite3.connect(db_file)
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()

    with open_context(settings) as ctx:
        assert current_revision(ctx.db.engine) == head_revision()

    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        analysed = {row[0] for row in conn.execute("SELECT idx FROM sqlite_stat1")}
    finally:
        conn.close()
    # Measured on a copy of the 200,000-order benchmark store: a tab page took 60 ms without
    # them, 0.8 ms with. A fixture this small cannot show the plan change itself.
    assert {"ix_orders_stage_collected_at", "ix_orders_stage_ready_at"} <= analysed
