"""The shop's PostgreSQL server stopped under a running window: no traceback, the status bar
says so at once, a scan says "do not hand over yet", nothing is half-written; the server
back, the window reconnects by itself and the list comes back."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from counter_app.bootstrap import AppContext
from counter_app.domain.scan import SERVER_UNREACHABLE_MESSAGE
from counter_app.store.database import Database
from tests.factories import make_order
from tests.gui.conftest import scan
from tests.pg_fixtures import PgServer, start_server


@pytest.fixture
def own_server(pg_server: PgServer) -> Iterator[PgServer]:
    """A server of this test's own, which it stops and starts (the session's stays up)."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def database_url(own_server: PgServer) -> str:
    return own_server.fresh_database()


def _outbox_rows(url: str) -> int:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM outbox")).scalar() or 0)
    finally:
        db.dispose()


def test_server_stopped_and_back_under_the_window(
    ctx: AppContext,
    make_window: Any,
    qtbot: Any,
    own_server: PgServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    orders = [make_order(state="SHIPPING") for _ in range(30)]
    ctx.repo.upsert_orders(orders)
    codes = [ctx.repo.mark_ready(o.order_id, "B2", "caisse-1") for o in orders[:12]]
    url = ctx.settings.effective_database_url()
    rows_before = _outbox_rows(url)
    window = make_window()
    window.select_view("ready")
    qtbot.waitUntil(lambda: window.model.rowCount() == 12, timeout=3000)
    caplog.set_level(logging.WARNING)

    own_server.stop("fast")
    # At once: the watcher's own connection is closed by the server as it stops.
    qtbot.waitUntil(lambda: window.status.state.server_unreachable, timeout=2000)
    assert "Shop server unreachable" in window.status.online_label.text()
    assert not window.status.pending_label.isVisible()  # no stale counts beside it

    # Everything the window reads by itself meets the dead server: none of it raises
    # (pytest-qt fails the test on an exception in a slot or a virtual method).
    window.refresh_all()
    window.refresh_counts()
    window.select_view("to_prepare")
    window.select_view("ready")
    window.search.setText("Lef")
    qtbot.wait(600)
    window.search.clear()
    window.table.viewport().repaint()
    window.show_order(orders[0].order_id)
    assert window.status.state.server_unreachable

    scan(qtbot, window.scan_field, codes[0])
    band = window.band.current
    assert band is not None and band.tone.value == "bad"
    assert SERVER_UNREACHABLE_MESSAGE.rstrip(".") in band.message, band
    assert not band.confirmable
    window.confirm_collection(orders[0].order_id, ask_bags=False)
    assert window.status.state.server_unreachable
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"

    own_server.start()
    # Back by itself: status bar, counts and the list, with no one touching the till.
    qtbot.waitUntil(lambda: not window.status.state.server_unreachable, timeout=8000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 12, timeout=3000)
    assert window.tab_counts.get("ready") == 12
    assert "unreachable" not in window.status.online_label.text()
    assert window.model.row_at(0) is not None
    # Nothing was half-written while it was away: no collection, no action.
    assert _outbox_rows(url) == rows_before
    assert ctx.repo.get_order(orders[0].order_id).stage.value == "ready"  # type: ignore[union-attr]
    scan(qtbot, window.scan_field, codes[0])
    assert window.band.current is not None and window.band.current.verdict == "ok"
