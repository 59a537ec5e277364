"""The background sync thread: status for the UI, upload right after an action, sync now."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import queue
import time

from counter_app.sync.background import BackgroundSync, SyncStatus
from tests.pg_fixtures import database_url
from tests.simulator_fixtures import engine, make_engine, sim, sim_factory


def _next(statuses: queue.Queue[SyncStatus], timeout: float = 10) -> SyncStatus:
    return statuses.get(timeout=timeout)


def test_background_sync_reports_and_uploads_soon_after_an_action(ctx, sim, engine) -> None:
    statuses: queue.Queue[SyncStatus] = queue.Queue()
    order_id = sim.book.add_order("WAITING_ACCEPTANCE")
    background = BackgroundSync(engine, interval_s=300, on_status=statuses.put)
    background.start()
    try:
        first = _next(statuses)
        assert first.online and first.pending_actions == 0 and first.last_success_at
        assert order_id in first.new_order_ids
        downloads = sim.requests["OR11"]

        ctx.repo.accept_order(order_id, till="till-1")
        background.upload_soon()
        after_action = _next(statuses)
        assert after_action.online and after_action.pending_actions == 0
        assert sim.book.state(order_id) == "WAITING_DEBIT_PAYMENT"
        assert sim.requests["OR11"] == downloads  # an upload does not re-poll OR11

        background.sync_now()
        _next(statuses)
        assert sim.requests["OR11"] == downloads + 1
    finally:
        started = time.monotonic()
        background.stop()
        assert time.monotonic() - started < 5
    assert not background.running


def test_background_sync_shows_offline_and_waiting_actions(ctx, sim_factory) -> None:
    server = sim_factory(count=10)
    eng = make_engine(ctx, server, max_retries=0)
    order_id = server.book.add_order("WAITING_ACCEPTANCE")
    eng.run_cycle()
    server.stop()
    ctx.repo.accept_order(order_id, till="till-1")
    statuses: queue.Queue[SyncStatus] = queue.Queue()
    background = BackgroundSync(eng, interval_s=300, on_status=statuses.put)
    background.start()
    try:
        status = _next(statuses)
        assert not status.online
        assert status.pending_actions == 1
        assert status.last_error
        assert status.last_success_at is not None  # the earlier good sync is still shown
    finally:
        background.stop()
