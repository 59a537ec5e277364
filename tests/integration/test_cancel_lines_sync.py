"""Cancelling or refunding some lines of an order from the app, against the simulator: OR30
while not shipped, OR28 of those lines once shipped, each with a reason; the bodies sent
validate against the spec's request schemas; the order goes on with its other lines, the
books of the lines cancelled go back to the shelves; a lost answer is never sent twice."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import json

import pytest

from counter_app.bootstrap import AppContext
from counter_app.domain.cancellation import CancelRefused
from counter_app.domain.stages import Stage
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.store.cancellation import back_to_shelves, cached_reasons, cancel_order
from counter_app.store.outbox import Outbox
from counter_app.sync.engine import SyncEngine
from tests.simulator_fixtures import engine, sim, sim_factory
from tests.spec_schemas import errors, sent


def _ready_with_lines(ctx: AppContext, sim: SimulatorServer, engine: SyncEngine) -> str:
    while True:
        order_id = sim.book.add_order("SHIPPING")
        if len(sim.book.get(order_id)["order_lines"]) >= 2:
            break
    engine.run_cycle(force_download=True)
    ctx.repo.mark_ready(order_id, "B2", "till-1", ship=ctx.settings.ship_on == "ready")
    assert engine.run_cycle().ok
    return order_id


def _remote_states(sim: SimulatorServer, order_id: str) -> dict[str, str]:
    return {
        line["order_line_id"]: line["order_line_state"]
        for line in sim.book.get(order_id)["order_lines"]
    }


def test_cancel_one_line_while_not_shipped_is_or30_and_the_rest_stays_ready(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine
) -> None:
    order_id = _ready_with_lines(ctx, sim, engine)
    order = ctx.repo.require_order(order_id)
    first, *others = order.lines
    cancel_reasons = cached_reasons(ctx.repo, "cancel")
    assert cancel_reasons, "RE01 cancel reasons are cached at the first sync"
    with pytest.raises(CancelRefused, match="cancelling some of its lines needs a reason"):
        cancel_order(ctx.repo, order_id, "", "till-1", line_ids=[first.line_id])
    with pytest.raises(CancelRefused, match="no line 'NOPE'"):
        cancel_order(ctx.repo, order_id, cancel_reasons[0][0], "till-1", line_ids=["NOPE"])
    with pytest.raises(CancelRefused, match="unknown cancel reason"):
        cancel_order(ctx.repo, order_id, "not-a-code", "till-1", line_ids=[first.line_id])
    assert Outbox(ctx.db).counts()["pending"] == 0

    code = cancel_reasons[0][0]
    plan = cancel_order(ctx.repo, order_id, code, "till-1", line_ids=[first.line_id])
    assert plan.kind == "cancel_lines" and plan.partial
    assert plan.amount_cents == first.total_price_cents
    here = ctx.repo.require_order(order_id)
    assert here.stage is Stage.READY  # the customer still comes for the other books
    assert {(i.order_id, i.title) for i in back_to_shelves(ctx.repo)} == {(order_id, first.title)}
    report = engine.run_cycle(force_download=True)
    assert report.uploaded == 1 and report.failed == 0, report
    assert sim.requests["OR30"] == 1 and sim.requests["OR29"] == 0
    ((ctype, body),) = sent(sim, "PUT", "/api/orders/cancel")
    assert ctype.startswith("application/json")
    payload = json.loads(body)
    assert not errors("OR30_Request", payload, strict=True)
    assert [(c["order_line_id"], c["reason_code"]) for c in payload["cancelations"]] == [
        (first.line_id, code)
    ]
    states = _remote_states(sim, order_id)
    assert states[first.line_id] == "CANCELED"
    assert all(states[line.line_id] != "CANCELED" for line in others)
    assert sim.book.state(order_id) == "SHIPPING"
    # After the download: still ready, the cancelled line says so, its book still to put back.
    after = ctx.repo.require_order(order_id)
    assert after.stage is Stage.READY and not after.problem
    assert {line.line_id: line.line_state for line in after.lines}[first.line_id] == "CANCELED"
    assert [i.title for i in back_to_shelves(ctx.repo)] == [first.title]
    with pytest.raises(CancelRefused, match="closed already"):
        cancel_order(ctx.repo, order_id, code, "till-1", line_ids=[first.line_id])
    # Then the rest: every open line chosen is the whole order (OR29).
    rest = cancel_order(
        ctx.repo, order_id, "", "till-1", line_ids=[line.line_id for line in others]
    )
    assert rest.kind == "cancel" and not rest.partial
    assert engine.run_cycle(force_download=True).ok
    assert sim.book.state(order_id) == "CANCELED" and sim.requests["OR29"] == 1
    assert ctx.repo.require_order(order_id).stage is Stage.CANCELED


def test_refund_one_line_once_shipped_is_or28_of_that_line(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine
) -> None:
    ctx.settings.ship_on = "ready"
    order_id = _ready_with_lines(ctx, sim, engine)
    order = ctx.repo.require_order(order_id)
    first, *others = order.lines
    with pytest.raises(CancelRefused, match="the refund needs a reason"):
        cancel_order(ctx.repo, order_id, "", "till-1", line_ids=[first.line_id])
    code = cached_reasons(ctx.repo, "refund")[0][0]
    plan = cancel_order(ctx.repo, order_id, code, "till-1", line_ids=[first.line_id])
    assert plan.kind == "refund" and plan.partial and len(plan.lines) == 1
    # Its answer is lost once: looked up in the order's refunds, not sent again.
    sim.arm("hang", count=1, path="/api/orders/refund", hang_seconds=2.0)
    engine.run_cycle()
    for _ in range(2):
        engine.run_cycle(force_download=True)
    assert sim.requests["OR28"] == 1, "the refund was sent twice"
    ((_ctype, body),) = sent(sim, "PUT", "/api/orders/refund")
    payload = json.loads(body)
    assert not errors("OR28_Request", payload, strict=True)
    assert [(r["order_line_id"], r["reason_code"]) for r in payload["refunds"]] == [
        (first.line_id, code)
    ]
    states = _remote_states(sim, order_id)
    assert states[first.line_id] == "REFUNDED"
    assert all(states[line.line_id] != "REFUNDED" for line in others)
    after = ctx.repo.require_order(order_id)
    assert after.stage is Stage.READY and not after.problem
    assert [i.title for i in back_to_shelves(ctx.repo)] == [first.title]
    counts = Outbox(ctx.db).counts()
    assert counts["pending"] == 0 and counts["failed"] == 0


def test_cancel_lines_whose_answer_was_lost_is_not_sent_twice(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine
) -> None:
    order_id = _ready_with_lines(ctx, sim, engine)
    first = ctx.repo.require_order(order_id).lines[0]
    code = cached_reasons(ctx.repo, "cancel")[0][0]
    cancel_order(ctx.repo, order_id, code, "till-1", line_ids=[first.line_id])
    sim.arm("error_after", count=1, path="/api/orders/cancel")
    engine.run_cycle()
    for _ in range(2):
        engine.run_cycle(force_download=True)
    assert sim.requests["OR30"] == 1, "the lines were cancelled twice"
    assert _remote_states(sim, order_id)[first.line_id] == "CANCELED"
    counts = Outbox(ctx.db).counts()
    assert counts["pending"] == 0 and counts["failed"] == 0


def test_a_line_waiting_to_be_cancelled_cannot_be_cancelled_again(ctx: AppContext) -> None:
    from sqlalchemy import update

    from counter_app.store.models import OrderLineRow
    from tests.factories import make_order

    order = make_order(state="SHIPPING")
    ctx.repo.upsert_orders([order])
    ctx.repo.mark_ready(order.order_id, "B2", "till-1")
    line_id = order.lines[1].line_id
    cancel_order(ctx.repo, order.order_id, "34", "till-1", line_ids=[line_id])
    # A download before the OR30 went brings the line back as the marketplace still has it.
    with ctx.db.session() as s:
        s.execute(update(OrderLineRow).values(line_state="SHIPPING"))
    with pytest.raises(CancelRefused, match="closed already"):
        cancel_order(ctx.repo, order.order_id, "34", "till-1", line_ids=[line_id])
    # Only the other line is left: choosing it is cancelling the whole order.
    rest = cancel_order(ctx.repo, order.order_id, "", "till-1", line_ids=[order.lines[0].line_id])
    assert rest.kind == "cancel" and not rest.partial
