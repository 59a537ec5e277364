"""Migrations, pragmas, backups and the repository on real SQLite files."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from counter_app.bootstrap import open_context
from counter_app.domain.stages import Stage
from counter_app.errors import SchemaTooNewError
from counter_app.settings import Settings
from counter_app.store.backup import daily_backup
from counter_app.store.database import Database
from counter_app.store.migrate import current_revision, head_revision, upgrade
from counter_app.store.models import Base
from tests.factories import make_order


def test_upgrade_from_empty_to_head_and_models_match(settings: Settings) -> None:
    db = Database(settings.effective_database_url())
    result = upgrade(db.engine, db.url, settings.paths.backup_dir)
    assert result.from_revision is None and result.to_revision == head_revision()
    assert result.backup is None  # nothing to copy on a fresh file
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    db.dispose()


def test_pragmas_are_in_effect(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() >= 1000


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_schema_is_refused_and_left_untouched(settings: Settings) -> None:
    ctx = open_context(settings)
    ctx.repo.upsert_orders([make_order()])
    ctx.close()
    db_file = settings.paths.database_file
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = _sha(db_file)
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_context(settings)
    assert _sha(db_file) == before


def test_backup_is_taken_before_a_migration(settings: Settings) -> None:
    ctx = open_context(settings)
    ctx.repo.upsert_orders([make_order(order_id="BEFORE-MIGRATION-1")])
    ctx.close()
    # Pretend the file is one revision behind head: stamp it back to "no revision".
    db_file = settings.paths.database_file
    with sqlite3.connect(db_file) as conn:
        conn.execute("CREATE TABLE legacy_orders AS SELECT * FROM orders")
        for table in (
            "alembic_version",
            "scan_events",
            "outbox",
            "sync_state",
            "stage_changes",
            "order_lines",
            "orders",
        ):
            conn.execute(f"DROP TABLE {table}")
    conn.close()
    db = Database(settings.effective_database_url())
    result = upgrade(db.engine, db.url, settings.paths.backup_dir)
    db.dispose()
    assert result.backup is not None and result.backup.exists()
    with sqlite3.connect(result.backup) as copy:
        ids = [r[0] for r in copy.execute("SELECT order_id FROM legacy_orders")]
    assert ids == ["BEFORE-MIGRATION-1"]
    db = Database(settings.effective_database_url())
    assert current_revision(db.engine) == head_revision()
    db.dispose()


def test_daily_backups_keep_the_last_seven(tmp_path: Path, ctx) -> None:  # type: ignore[no-untyped-def]
    start = date(2026, 11, 1)
    for i in range(10):
        daily_backup(ctx.db.file, tmp_path, today=start + timedelta(days=i))
    dailies = sorted(p.name for p in tmp_path.glob("daily-*.sqlite3"))
    assert dailies == [
        f"daily-{(start + timedelta(days=i)).isoformat()}.sqlite3" for i in range(3, 10)
    ]
    with sqlite3.connect(tmp_path / dailies[-1]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_upsert_keeps_newest_and_local_fields(ctx) -> None:  # type: ignore[no-untyped-def]
    order = make_order(order_id="CC1-A", state="SHIPPING")
    assert ctx.repo.upsert_orders([order]).inserted == 1
    ctx.repo.add_note("CC1-A", "Client passera samedi", till="till-1")
    older = make_order(
        order_id="CC1-A",
        state="WAITING_ACCEPTANCE",
        updated_at=order.updated_at - timedelta(hours=1),
    )
    assert ctx.repo.upsert_orders([older]).unchanged == 1
    newer = make_order(
        order_id="CC1-A",
        state="CANCELED",
        customer="Emilie LEFEVRE",
        updated_at=order.updated_at + timedelta(hours=1),
    )
    assert ctx.repo.upsert_orders([newer]).updated == 1
    stored = ctx.repo.require_order("CC1-A")
    assert stored.stage is Stage.CANCELED
    assert "samedi" in stored.notes
    assert [c.to_stage for c in ctx.repo.stage_history("CC1-A")] == ["to_prepare", "canceled"]


def test_search_by_name_without_accents_email_and_isbn(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.repo.upsert_orders(
        [
            make_order(order_id="CC7-A", customer="Hélène Dupré-Müller", email="helene@example.fr"),
            make_order(order_id="CC8-A", customer="Paul Martin", email="paul@example.fr"),
        ]
    )
    assert [o.order_id for o in ctx.repo.list_orders(search="helene dupre")] == ["CC7-A"]
    assert [o.order_id for o in ctx.repo.list_orders(search="PAUL@EXAMPLE")] == ["CC8-A"]
    assert len(ctx.repo.list_orders(search="978-2-07-036002-4")) == 2
    assert ctx.repo.count_by_stage()[Stage.TO_PREPARE] == 2


def test_accept_writes_stage_and_outbox_in_one_go(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.repo.upsert_orders([make_order(order_id="CC9-A", state="WAITING_ACCEPTANCE")])
    ctx.repo.accept_order("CC9-A", refused_line_ids=["CC9-A-2"], till="till-1")
    assert ctx.repo.require_order("CC9-A").stage is Stage.AWAITING_PAYMENT
    assert ctx.repo.count_pending_actions() == 1
    with pytest.raises(ValueError, match="no line"):
        ctx.repo.accept_order("CC9-A", refused_line_ids=["nope"])
