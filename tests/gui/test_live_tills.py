"""Live on every till: what another till's process does shows in this till's window within
2 s, on a PostgreSQL server (LISTEN/NOTIFY) and on a SQLite file (PRAGMA data_version)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from counter_app.bootstrap import AppContext
from counter_app.ui.order_table_model import PAGE_SIZE
from tests.factories import make_order
from tests.pg_fixtures import PgServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_url(pg_server: PgServer) -> str:
    """The shop's PostgreSQL server (the window's SQLite-file watcher is off for now)."""
    return pg_server.fresh_database()


def other_till(url: str, action: str, order_id: str) -> float:
    """Till B, a process of its own; returns when its transaction committed (epoch s)."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.till_actions", url, "caisse-2", action, order_id],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COUNTER_APP_NO_KEYRING": "1"},
        check=True,
    )
    return float(json.loads(done.stdout.strip().splitlines()[-1])["at"])


def test_another_tills_collection_ready_and_new_order_show_within_2_s(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    orders = [make_order(state="SHIPPING") for _ in range(2 * PAGE_SIZE + 20)]
    ctx.repo.upsert_orders(orders)
    ready = orders[: PAGE_SIZE + 10]
    for order in ready:
        ctx.repo.mark_ready(order.order_id, "A1", "caisse-1")
    url = ctx.settings.effective_database_url()
    window = make_window()
    window.select_view("ready")
    qtbot.waitUntil(lambda: window.model.rowCount() == len(ready), timeout=3000)
    # Staff are looking at an order further down: the news must not move them.
    watched = ready[5].order_id
    window.lists.select_in_list(watched)
    assert window.current_order_id == watched
    qtbot.wait(800)  # the window's own writes' news has come and gone
    pages_before = window.model.pages_fetched

    collected = ready[0].order_id
    committed = other_till(url, "collect", collected)
    qtbot.waitUntil(lambda: window.tab_counts.get("ready") == len(ready) - 1, timeout=2000)
    assert time.time() - committed < 2.0
    qtbot.waitUntil(lambda: window.model.rowCount() == len(ready) - 1, timeout=500)
    assert window.tab_counts.get("collected_today") == 1
    assert window.model.row_of(collected) is None
    # Only what is on screen was read again, not the list (let alone the whole store).
    assert window.model.pages_fetched - pages_before <= 2
    assert window.current_order_id == watched
    assert window.detail.isVisible()

    marked = orders[-1].order_id
    committed = other_till(url, "ready", marked)
    qtbot.waitUntil(lambda: window.tab_counts.get("ready") == len(ready), timeout=2000)
    assert time.time() - committed < 2.0

    new_id = "CC990001-A"
    committed = other_till(url, "new", new_id)
    qtbot.waitUntil(lambda: window.tab_counts.get("to_accept") == 1, timeout=2000)
    assert time.time() - committed < 2.0
    window.select_view("to_accept")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=1000)
    assert window.model.row_at(0).order_id == new_id
