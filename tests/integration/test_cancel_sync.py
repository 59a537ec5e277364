"""Cancelling an order not collected, against the simulator: OR29 while not shipped, an OR28
refund with a reason once OR24 went, reasons cached for offline use, an offline cancel
delivered once when the link is back, and a lost answer never doubled."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import pytest

from counter_app.bootstrap import AppContext
from counter_app.domain.cancellation import CancelRefused
from counter_app.domain.stages import Stage
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.store.cancellation import back_to_shelves, cached_reasons, cancel_order
from counter_app.store.outbox import Outbox
from counter_app.sync.engine import SyncEngine
from tests.simulator_fixtures import engine, sim, sim_factory


def _ready(ctx: AppContext, sim: SimulatorServer, engine: SyncEngine) -> str:
    order_id = sim.book.add_order("SHIPPING")
    engine.run_cycle(force_download=True)
    ctx.repo.mark_ready(order_id, "B2", "till-1", ship=ctx.settings.ship_on == "ready")
    assert engine.run_cycle().ok
    return order_id


def test_cancel_while_not_shipped_is_or29_and_the_books_go_back(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine
) -> None:
    order_id = _ready(ctx, sim, engine)
    plan = cancel_order(ctx.repo, order_id, "", "till-1")
    assert plan.kind == "cancel"
    assert ctx.repo.require_order(order_id).stage is Stage.CANCELED
    report = engine.run_cycle(force_download=True)
    assert report.uploaded == 1 and report.failed == 0, report
    assert sim.book.state(order_id) == "CANCELED" and sim.requests["OR29"] == 1
    assert ctx.repo.require_order(order_id).stage is Stage.CANCELED
    assert not ctx.repo.require_order(order_id).problem
    lines = ctx.repo.require_order(order_id).lines
    shelved = back_to_shelves(ctx.repo)
    assert {(i.order_id, i.title, i.shelf) for i in shelved} == {
        (order_id, line.title, "B2") for line in lines
    }
    with pytest.raises(CancelRefused, match="cancelled already"):
        cancel_order(ctx.repo, order_id, "", "till-1")


def test_refund_once_shipped_needs_a_reason_from_the_cached_list(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine
) -> None:
    ctx.settings.ship_on = "ready"  # OR24 went out when the order was marked ready
    order_id = _ready(ctx, sim, engine)
    assert sim.book.state(order_id) in ("SHIPPED", "TO_COLLECT")
    refund_reasons = cached_reasons(ctx.repo, "refund")
    assert refund_reasons, "RE01 reasons are cached at the first sync"
    with pytest.raises(CancelRefused, match="needs a reason"):
        cancel_order(ctx.repo, order_id, "", "till-1")
    with pytest.raises(CancelRefused, match="unknown refund reason"):
        cancel_order(ctx.repo, order_id, "not-a-code", "till-1")
    code = refund_reasons[0][0]
    # Offline: the marketplace is gone, the reasons are known here all the same.
    sim.arm("drop", count=50, path="/api/")
    plan = cancel_order(ctx.repo, order_id, code, "till-1")
    assert (
        plan.kind == "refund"
        and plan.amount_cents == ctx.repo.require_order(order_id).total_price_cents
    )
    assert not engine.run_cycle().ok
    sim.faults.clear()
    report = engine.run_cycle(force_download=True)
    assert report.ok and report.uploaded == 1 and report.failed == 0, report
    assert sim.requests["OR28"] == 1
    remote = sim.book.get(order_id)
    assert {line["order_line_state"] for line in remote["order_lines"]} <= {"REFUNDED", "CLOSED"}
    order = ctx.repo.require_order(order_id)
    assert order.stage is Stage.CANCELED and not order.problem  # SHIPPED there is expected


def test_offline_cancel_is_delivered_once_when_the_link_is_back(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine
) -> None:
    order_id = _ready(ctx, sim, engine)
    sim.arm("drop", count=1000, path="/api/")
    cancel_order(ctx.repo, order_id, "", "till-1")
    for _ in range(3):
        assert not engine.run_cycle(force_download=True).ok
    assert sim.book.state(order_id) == "SHIPPING"
    sim.faults.clear()
    # The answer to the first OR29 that gets through is lost (the work is done).
    sim.arm("hang", count=1, path=f"/api/orders/{order_id}/cancel", hang_seconds=2.0)
    engine.run_cycle(force_download=True)
    for _ in range(3):
        engine.run_cycle(force_download=True)
    assert sim.book.state(order_id) == "CANCELED"
    assert sim.requests["OR29"] == 1, "the cancellation was sent twice"
    assert Outbox(ctx.db).counts()["pending"] == 0 and Outbox(ctx.db).counts()["failed"] == 0


def test_a_refund_whose_answer_was_lost_is_not_sent_twice(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine
) -> None:
    ctx.settings.ship_on = "ready"
    order_id = _ready(ctx, sim, engine)
    code = cached_reasons(ctx.repo, "refund")[0][0]
    cancel_order(ctx.repo, order_id, code, "till-1")
    sim.arm("hang", count=1, path="/api/orders/refund", hang_seconds=2.0)
    engine.run_cycle()
    for _ in range(3):
        engine.run_cycle(force_download=True)
    assert sim.requests["OR28"] == 1, "the refund was sent twice"
    assert Outbox(ctx.db).counts()["failed"] == 0 and Outbox(ctx.db).counts()["pending"] == 0
