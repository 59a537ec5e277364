"""Faults survived by the sync engine: no action lost, none sent twice."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import pytest

from counter_app.bootstrap import open_context
from counter_app.domain.stages import Stage
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.store.outbox import Outbox
from counter_app.sync.engine import RESOURCE
from tests.integration.test_sync_upload import collect_locally
from tests.pg_fixtures import database_url
from tests.simulator_fixtures import API_KEY, engine, make_engine, sim, sim_factory


@pytest.mark.parametrize("kind", ["500", "hang", "truncated", "drop"])
def test_download_survives_each_fault(ctx, sim_factory, kind: str) -> None:
    server = sim_factory(count=250, seed=8)
    eng = make_engine(ctx, server, read_timeout=0.3)
    server.arm(kind, count=2, path="/api/orders", retry_after=0.01, hang_seconds=0.6)
    report = eng.run_cycle()
    assert report.ok, report.error
    stored = ctx.repo.list_orders()
    assert len(stored) == len({o.order_id for o in stored}) == report.downloaded > 100


def test_failed_download_keeps_the_watermark_and_the_next_cycle_completes(ctx, sim_factory) -> None:
    server = sim_factory(count=250, seed=9)
    eng = make_engine(ctx, server, max_retries=1)
    # Let the first page through, then fail the second one for good.
    list_json = server.book.list_json
    calls = {"n": 0}

    def flaky(**kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            server.arm("500", count=5, path="/api/orders")
        return list_json(**kwargs)

    server.book.list_json = flaky  # type: ignore[method-assign]
    report = eng.run_cycle()
    assert not report.ok and "unavailable" in report.error
    assert ctx.repo.get_sync_state(RESOURCE).watermark is None
    assert len(ctx.repo.list_orders()) > 0
    server.faults.clear()
    report = eng.run_cycle(force_download=True)
    assert report.ok and ctx.repo.get_sync_state(RESOURCE).watermark is not None
    wanted = [
        oid
        for oid in server.book.order_ids()
        if server.book.get(oid)["shipping_type_code"] in ("CLICK_COLLECT", "PICKUP_2H")
    ]
    assert len(ctx.repo.list_orders()) == len(wanted)


def test_accept_whose_answer_was_lost_is_settled_not_resent(ctx, sim) -> None:
    eng = make_engine(ctx, sim, read_timeout=0.3)
    order_id = sim.book.add_order("WAITING_ACCEPTANCE")
    eng.run_cycle()
    ctx.repo.accept_order(order_id, till="till-1")
    sim.arm("hang", path=f"/api/orders/{order_id}/accept", hang_seconds=0.6)
    report = eng.run_cycle()
    assert report.uploaded == 0 and report.pending == 1
    assert sim.book.state(order_id) == "WAITING_DEBIT_PAYMENT"  # applied, answer lost
    report = eng.run_cycle()
    assert report.uploaded == 1 and report.pending == 0 and report.failed == 0
    assert sim.requests["OR21"] == 1  # never sent twice


def test_ready_message_whose_answer_was_lost_is_not_sent_twice(ctx, sim) -> None:
    eng = make_engine(ctx, sim, read_timeout=0.3)
    order_id = sim.book.add_order("SHIPPING")
    eng.run_cycle()
    ctx.repo.mark_ready(order_id, shelf="C3", till="till-1")
    sim.arm("hang", path=f"/api/orders/{order_id}/threads", hang_seconds=0.6)
    eng.run_cycle()
    report = eng.run_cycle()
    assert len(sim.book.threads(order_id)) == 1, report
    assert Outbox(ctx.db).counts()["sent"] == 1, Outbox(ctx.db).all()


@pytest.mark.parametrize("kind", ["drop", "500", "truncated", "hang"])
def test_collect_survives_each_fault_exactly_once(ctx, sim, kind: str) -> None:
    eng = make_engine(ctx, sim, read_timeout=0.3, max_retries=0)
    order_id = sim.book.add_order("SHIPPING")
    eng.run_cycle()
    collect_locally(ctx.repo, order_id)
    sim.arm(kind, path=f"/api/orders/{order_id}/ship", retry_after=0.01, hang_seconds=0.6)
    eng.run_cycle()
    for _ in range(3):
        # Rescheduled actions wait; make them due now, as time passing would.
        ctx.db.engine.dispose()
        for action in Outbox(ctx.db).all(["pending", "in_flight"]):
            Outbox(ctx.db).reschedule(
                action.id,
                action.created_at,
                action.last_error,
                outcome_unknown=action.state == "in_flight",
            )
        eng.run_cycle()
    assert sim.book.state(order_id) == "SHIPPED"
    counts = Outbox(ctx.db).counts()
    assert counts == {"pending": 0, "in_flight": 0, "sent": 1, "failed": 0}
    assert ctx.repo.require_order(order_id).problem == ""


def test_wrong_state_settled_against_remote_state(ctx, sim, engine) -> None:
    shipped_elsewhere = sim.book.add_order("SHIPPING")
    canceled = sim.book.add_order("SHIPPING")
    engine.run_cycle()
    collect_locally(ctx.repo, shipped_elsewhere)
    collect_locally(ctx.repo, canceled)
    sim.book.ship(shipped_elsewhere)  # the 400 says "wrong state", but it IS shipped
    sim.book.set_state(canceled, "CANCELED")
    report = engine.run_cycle()
    assert report.uploaded == 1 and report.failed == 1
    parked = Outbox(ctx.db).all(["failed"])
    assert [a.order_id for a in parked] == [canceled]
    assert "CANCELED" in parked[0].last_error
    calls = sim.requests["OR24"]
    engine.run_cycle(force_download=True)
    assert sim.requests["OR24"] == calls  # parked: not retried forever
    # And the download flags the contradiction for the owner, keeping both facts.
    problem = ctx.repo.require_order(canceled).problem
    assert "CANCELED" in problem and "till-1" in problem
    assert ctx.repo.require_order(canceled).stage is Stage.COLLECTED


def test_action_made_while_down_is_delivered_once_when_back_even_after_restart(
    ctx, sim_factory
) -> None:
    server = sim_factory(count=20, seed=12)
    port = server.port
    eng = make_engine(ctx, server, max_retries=1)
    order_id = server.book.add_order("SHIPPING")
    eng.run_cycle()
    server.stop()
    collect_locally(ctx.repo, order_id)
    report = eng.run_cycle()
    assert not report.ok and report.pending == 1
    # The app is closed and started again; the marketplace comes back on the same address.
    settings = ctx.settings
    ctx.close()
    back = SimulatorServer(server.book, API_KEY, port=port).start()
    try:
        again = open_context(settings)
        try:
            outbox = Outbox(again.db)
            for action in outbox.all(["pending"]):
                outbox.reschedule(action.id, action.created_at, action.last_error)
            eng2 = make_engine(again, back)
            report = eng2.run_cycle()
            assert report.ok and report.uploaded == 1
            eng2.run_cycle(force_download=True)
            assert back.requests["OR24"] == 1
            assert back.book.state(order_id) == "SHIPPED"
            assert outbox.counts()["sent"] == 1
        finally:
            again.close()
    finally:
        back.stop()


@pytest.mark.parametrize("applied", [True, False])
def test_action_in_flight_at_a_crash_is_settled_on_restart(ctx, sim, applied: bool) -> None:
    eng = make_engine(ctx, sim)
    order_id = sim.book.add_order("SHIPPING")
    eng.run_cycle()
    action_id = collect_locally(ctx.repo, order_id)
    # The app died after marking the action in flight, before or after the request landed.
    Outbox(ctx.db).mark_in_flight(action_id)
    if applied:
        sim.book.ship(order_id)
    restarted = make_engine(ctx, sim)
    report = restarted.run_cycle()
    assert report.uploaded == 1 and report.failed == 0
    assert sim.book.state(order_id) == "SHIPPED"
    assert sim.requests["OR24"] == (0 if applied else 1)
    assert Outbox(ctx.db).get(action_id).state == "sent"


def test_actions_of_one_order_keep_their_order_when_one_must_wait(ctx, sim) -> None:
    eng = make_engine(ctx, sim, max_retries=0)
    ctx.settings.pickup_code_field = "code-retrait"
    order_id = sim.book.add_order("SHIPPING")
    eng.run_cycle()
    ctx.repo.mark_ready(order_id, shelf="D4", till="till-1")
    collect_locally(ctx.repo, order_id)
    # A 500 on the (idempotent) OR31 step: the ready action waits its backoff.
    sim.arm("500", path=f"/api/orders/{order_id}/additional_fields")
    eng.run_cycle()
    eng.run_cycle()  # the ready message waits for its retry time: the collection waits too
    assert sim.requests["OR24"] == 0 and sim.book.state(order_id) == "SHIPPING"
    outbox = Outbox(ctx.db)
    for action in outbox.all(["pending"]):
        outbox.reschedule(action.id, action.created_at, action.last_error)
    report = eng.run_cycle()
    assert report.uploaded == 2
    assert len(sim.book.threads(order_id)) == 1 and sim.book.state(order_id) == "SHIPPED"
