"""Customer threads during sync: flagged orders' threads stored (newest first in the pane),
read with few M11 calls, and a staff reply (M12 through the outbox) on the right thread."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

from counter_app.bootstrap import AppContext
from counter_app.domain.customer_threads import newest_first
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.store.threads import ThreadStore
from counter_app.sync.engine import SyncEngine
from counter_app.sync.threads import queue_reply
from tests.simulator_fixtures import engine, fast_connector, sim, sim_factory


def test_flagged_threads_are_read_and_a_reply_reaches_the_right_thread(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine
) -> None:
    writers = [sim.book.add_order("SHIPPING") for _ in range(3)]
    quiet = sim.book.add_order("SHIPPING")
    for order_id in writers:
        sim.book.customer_writes(order_id, f"Je passe samedi pour {order_id}.", topic="Retrait")
    sim.book.customer_writes(writers[0], "Finalement vendredi.", topic="Autre question")
    report = engine.run_cycle(force_download=True)
    assert report.ok, report.error
    store = ThreadStore(ctx.db)
    for order_id in writers:
        assert ctx.repo.require_order(order_id).has_customer_message
        assert store.for_order(order_id), order_id
        assert any(
            m.from_customer and order_id in m.body
            for t in store.for_order(order_id)
            for m in t.messages
        )
    assert not ctx.repo.require_order(quiet).has_customer_message
    assert store.for_order(quiet) == []
    # Two threads on one order (the most recently active first; same-second ties either way).
    assert sorted(t.topic for t in store.for_order(writers[0])) == ["Autre question", "Retrait"]
    # One listing since the last read, no per-order calls: every flagged thread came with it.
    assert sim.requests["M11"] == 1

    target = store.for_order(writers[1])[0]
    queue_reply(ctx.repo, writers[1], target.thread_id, "Très bien, à samedi !", "till-1")
    report = engine.run_cycle(force_download=True)
    assert report.uploaded == 1 and report.failed == 0, report
    remote = fast_connector(sim).get_thread(target.thread_id)
    assert [m.body for m in remote.messages if m.from_shop] == ["Très bien, à samedi !"]
    others = [t for o in (writers[0], writers[2]) for t in store.for_order(o)]
    for thread in others:
        again = fast_connector(sim).get_thread(thread.thread_id)
        assert not [m for m in again.messages if m.from_shop]
    # The stored thread shows the reply after the next read.
    engine.threads.run(force=True)
    stored = store.for_order(writers[1])[0]
    assert newest_first(stored)[0].body == "Très bien, à samedi !"


def test_a_reply_needs_text_and_a_thread(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine
) -> None:
    import pytest

    order_id = sim.book.add_order("SHIPPING")
    engine.run_cycle(force_download=True)
    with pytest.raises(ValueError, match="text"):
        queue_reply(ctx.repo, order_id, "t-1", "   ", "till-1")
    with pytest.raises(ValueError, match="no thread"):
        queue_reply(ctx.repo, order_id, "", "Bonjour", "till-1")
