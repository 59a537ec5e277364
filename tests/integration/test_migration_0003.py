"""Revision 0003 (thread id, retry kind) upgrades a 0001 database without losing a row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from counter_app.settings import Settings
from counter_app.store.database import Database
from counter_app.store.migrate import alembic_config, current_revision, head_revision, upgrade
from counter_app.store.outbox import Outbox
from counter_app.store.repository import Repository


def test_0001_database_gains_thread_id_and_retry_kind(settings: Settings, tmp_path: Path) -> None:
    url = settings.effective_database_url()
    command.upgrade(alembic_config(url), "0001")
    with sqlite3.connect(settings.paths.database_file) as conn:
        conn.execute(
            "INSERT INTO orders (order_id, commercial_id, remote_state, stage, customer_name,"
            " customer_key, customer_email, created_at, updated_at, total_price_cents, currency,"
            " shipping_type_code, shipping_type_label, shelf, notes, collected_till, bag_count,"
            " problem, raw_json) VALUES ('CC1-A', 'CC1', 'SHIPPING', 'ready', 'Zoé', 'zoe', '',"
            " '2026-11-30 09:00:00.000000', '2026-11-30 09:00:00.000000', 100, 'EUR',"
            " 'CLICK_COLLECT', 'Retrait', 'A1', '', '', 1, '', '{}')"
        )
        conn.execute(
            "INSERT INTO outbox (order_pk, order_id, action, payload, created_at, till,"
            " attempts, last_error, state) VALUES (1, 'CC1-A', 'collect', '{}',"
            " '2026-11-30 10:00:00.000000', 'till-1', 2, 'unreachable', 'pending')"
        )
    db = Database(url)
    try:
        result = upgrade(db.engine, db.url, settings.paths.backup_dir)
        assert result.from_revision == "0001" and current_revision(db.engine) == head_revision(url)
        assert result.backup is not None and result.backup.exists()
        repo = Repository(db)
        order = repo.require_order("CC1-A")
        assert order.thread_id == "" and order.shelf == "A1"
        repo.set_thread_id("CC1-A", "thread-42")
        assert repo.require_order("CC1-A").thread_id == "thread-42"
        (action,) = Outbox(db).all(["pending"])
        assert action.retry_kind == "" and action.attempts == 2
    finally:
        db.dispose()
