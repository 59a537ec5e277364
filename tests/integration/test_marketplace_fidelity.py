"""When OR24 goes out, honest errors, no double messages, actions sent as soon as the link is back.

All against the simulator as a real HTTP server on 127.0.0.1 (tests/simulator_fixtures.py).
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from counter_app.bootstrap import AppContext
from counter_app.domain.stages import Stage
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.store.outbox import Outbox
from counter_app.store.scan_service import ScanService
from counter_app.store.types import utcnow
from counter_app.sync.engine import SyncEngine
from tests.simulator_fixtures import API_KEY, make_engine, sim, sim_factory


def _prepared(ctx: AppContext, server: SimulatorServer, eng: SyncEngine) -> str:
    """A click & collect order the shop has downloaded, in SHIPPING (to prepare)."""
    order_id = server.book.add_order("SHIPPING")
    eng.run_cycle(force_download=True)
    assert ctx.repo.require_order(order_id).stage is Stage.TO_PREPARE
    return order_id


def _ready(ctx: AppContext, order_id: str) -> str:
    return ctx.repo.mark_ready(
        order_id, "B2", ctx.settings.till_name, ship=ctx.settings.ship_on == "ready"
    )


def _collect(ctx: AppContext, code: str) -> None:
    service = ScanService(ctx.repo, ctx.settings)
    result = service.resolve(code)
    assert result.verdict.value == "ok", result
    assert service.confirm(result.order_id).verdict.value == "ok"


def _make_due(ctx: AppContext) -> None:
    """Time passes: every waiting action is due (as its backoff would end)."""
    outbox = Outbox(ctx.db)
    for action in outbox.all(["pending", "in_flight"]):
        outbox.reschedule(
            action.id,
            utcnow() - timedelta(seconds=1),
            action.last_error,
            outcome_unknown=action.state == "in_flight",
            kind=action.retry_kind,
        )


# ---- ship_on = ready | collected, on both operator flows ---------------------------------------
@pytest.mark.parametrize("flow", ["shipped", "to_collect"])
def test_ship_on_ready_ships_when_ready_and_keeps_the_collection_local(
    ctx, sim_factory, flow: str
) -> None:
    server = sim_factory(count=5, seed=21, collect_flow=flow)
    eng = make_engine(ctx, server)
    ctx.settings.ship_on = "ready"
    order_id = _prepared(ctx, server, eng)
    code = _ready(ctx, order_id)
    report = eng.run_cycle(force_download=True)
    assert report.ok and report.uploaded == 2, report  # the message, then OR24
    shipped = "SHIPPED" if flow == "shipped" else "TO_COLLECT"
    assert server.book.state(order_id) == shipped
    assert server.requests["OR24"] == 1 and len(server.book.threads(order_id)) == 1
    # The marketplace says SHIPPED / TO_COLLECT: here it stays ready until the customer comes.
    local = ctx.repo.require_order(order_id)
    assert local.stage is Stage.READY and local.remote_state == shipped
    assert local.thread_id == server.book.threads(order_id)[0].thread_id
    _collect(ctx, code)
    report = eng.run_cycle(force_download=True)
    assert report.ok and report.pending == 0 and report.failed == 0
    assert server.requests["OR24"] == 1  # never a second OR24
    assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED
    assert Outbox(ctx.db).counts() == {"pending": 0, "in_flight": 0, "sent": 3, "failed": 0}
    if flow == "to_collect":
        # The operator later closes the collection: RECEIVED, still collected here.
        for _ in range(60):
            if server.book.state(order_id) == "RECEIVED":
                break
            server.book.tick()
        assert server.book.state(order_id) == "RECEIVED"
        eng.run_cycle(force_download=True)
        assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED
        assert ctx.repo.require_order(order_id).problem == ""


@pytest.mark.parametrize("flow", ["shipped", "to_collect"])
def test_ship_on_collected_ships_at_the_hand_over(ctx, sim_factory, flow: str) -> None:
    server = sim_factory(count=5, seed=22, collect_flow=flow)
    eng = make_engine(ctx, server)
    ctx.settings.ship_on = "collected"
    order_id = _prepared(ctx, server, eng)
    code = _ready(ctx, order_id)
    assert eng.run_cycle(force_download=True).uploaded == 1  # the message only
    assert server.book.state(order_id) == "SHIPPING" and server.requests["OR24"] == 0
    _collect(ctx, code)
    report = eng.run_cycle(force_download=True)
    assert report.ok and report.uploaded == 1 and report.pending == 0
    assert server.book.state(order_id) == ("SHIPPED" if flow == "shipped" else "TO_COLLECT")
    assert server.requests["OR24"] == 1
    # TO_COLLECT (a "ready" state) does not move the collected order back.
    assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED
    if flow == "to_collect":
        server.book.set_state(order_id, "RECEIVED")
        eng.run_cycle(force_download=True)
        assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED


@pytest.mark.parametrize("ship_on", ["collected", "ready"])
def test_to_collect_after_a_lost_or24_answer_is_settled_not_parked(
    ctx, sim_factory, ship_on: str
) -> None:
    server = sim_factory(count=5, seed=23, collect_flow="to_collect")
    eng = make_engine(ctx, server, read_timeout=0.3)
    ctx.settings.ship_on = ship_on
    order_id = _prepared(ctx, server, eng)
    code = _ready(ctx, order_id)
    if ship_on == "collected":
        eng.run_cycle()
        _collect(ctx, code)
    server.arm("hang", path=f"/api/orders/{order_id}/ship", hang_seconds=0.6)
    report = eng.run_cycle()
    assert report.pending == 1  # the OR24 (collect or ship) whose answer was lost
    assert server.book.state(order_id) == "TO_COLLECT"  # applied, answer lost
    time.sleep(0.4)  # the hung answer is finished with
    report = eng.run_cycle()
    assert report.uploaded == 1 and report.failed == 0 and report.pending == 0
    assert server.requests["OR24"] == 1
    assert Outbox(ctx.db).counts()["failed"] == 0
    if ship_on == "ready":
        # Still ready here; the hand-over later is kept locally, no second OR24.
        eng.run_cycle(force_download=True)
        assert ctx.repo.require_order(order_id).stage is Stage.READY
        _collect(ctx, code)
        assert eng.run_cycle(force_download=True).pending == 0
        assert server.requests["OR24"] == 1


# ---- honest errors ------------------------------------------------------------------------------
def test_or31_update_errors_park_the_ready_action_and_send_no_code(ctx, sim) -> None:
    eng = make_engine(ctx, sim)
    # A field the operator never created: OR31 answers 200 with order_update_errors.
    ctx.settings.pickup_code_field = "code-inconnu"
    order_id = _prepared(ctx, sim, eng)
    _ready(ctx, order_id)
    report = eng.run_cycle()
    assert report.failed == 1 and report.uploaded == 0
    (parked,) = Outbox(ctx.db).all(["failed"])
    assert parked.action == "ready"
    assert "code-inconnu" in parked.last_error and "did not store" in parked.last_error
    assert sim.requests["OR31"] == 1
    assert sim.requests["OR43"] == 0 and sim.book.threads(order_id) == []
    assert sim.book.get(order_id)["order_additional_fields"] == []


def test_or43_502_after_the_thread_was_created_sends_one_message(ctx, sim) -> None:
    eng = make_engine(ctx, sim)
    order_id = _prepared(ctx, sim, eng)
    _ready(ctx, order_id)
    sim.arm("error_after", path=f"/api/orders/{order_id}/threads", status=502)
    report = eng.run_cycle()
    assert report.uploaded == 0 and report.pending == 1
    assert len(sim.book.threads(order_id)) == 1  # created, though the answer was a 502
    assert sim.requests["OR43"] == 1  # not retried blindly inside the connector
    m11_before = sim.requests["M11"]
    report = eng.run_cycle()
    assert report.uploaded == 1 and report.pending == 0
    assert sim.requests["M11"] == m11_before + 1  # looked for the thread first
    assert sim.requests["OR43"] == 1 and len(sim.book.threads(order_id)) == 1
    # The thread found by order and topic is kept, as OR43's answer would have been.
    assert ctx.repo.require_order(order_id).thread_id == sim.book.threads(order_id)[0].thread_id


def test_or43_thread_id_is_kept(ctx, sim) -> None:
    eng = make_engine(ctx, sim)
    order_id = _prepared(ctx, sim, eng)
    _ready(ctx, order_id)
    assert eng.run_cycle().uploaded == 1
    (thread,) = sim.book.threads(order_id)
    assert ctx.repo.require_order(order_id).thread_id == thread.thread_id != ""


def test_429_retry_after_is_scheduled_as_given_not_slept(ctx, sim) -> None:
    eng = make_engine(ctx, sim)
    order_id = _prepared(ctx, sim, eng)
    code = _ready(ctx, order_id)
    eng.run_cycle()
    _collect(ctx, code)
    sim.arm("429", path=f"/api/orders/{order_id}/ship", retry_after=2)
    started = time.monotonic()
    report = eng.run_cycle(force_download=True)
    assert time.monotonic() - started < 1.5  # no sleep inside the cycle
    assert report.retry_after == 2 and "wait 2 s" in report.error
    (action,) = Outbox(ctx.db).all(["pending"])
    assert action.retry_kind == "rate_limited"
    left = (action.next_attempt_at - utcnow()).total_seconds()
    assert 1.0 < left <= 2.0
    # Even "sync now" does not call the marketplace before the wait is over.
    calls = sum(sim.requests.values())
    again = eng.run_cycle(force_download=True)
    assert sum(sim.requests.values()) == calls and again.retry_after is not None
    time.sleep(2.1)
    report = eng.run_cycle(force_download=True)
    assert report.ok and report.uploaded == 1 and sim.book.state(order_id) == "SHIPPED"


def test_server_errors_back_off_exponentially_with_jitter(ctx, sim) -> None:
    eng = make_engine(ctx, sim, max_retries=0)
    eng.backoff_base_s, eng.backoff_cap_s = 4.0, 600.0
    order_id = _prepared(ctx, sim, eng)
    code = _ready(ctx, order_id)
    eng.run_cycle()
    _collect(ctx, code)
    delays = []
    for _ in range(4):
        sim.arm("500", path=f"/api/orders/{order_id}/ship")
        _make_due(ctx)
        eng.run_cycle()
        (action,) = Outbox(ctx.db).all(["pending"])
        assert action.retry_kind == "server"
        delays.append((action.next_attempt_at - utcnow()).total_seconds())
    for attempt, delay in enumerate(delays):
        ceiling = 4.0 * 2**attempt
        assert 0.5 * ceiling - 0.5 <= delay <= ceiling, delays
    assert delays[-1] > 3 * delays[0]
    waiting = eng.waiting()
    assert [w.action for w in waiting] == ["collect"]
    assert waiting[0].due_in_s is not None and waiting[0].due_in_s > 10


# ---- the link comes back ------------------------------------------------------------------------
@pytest.mark.parametrize("explicit", [True, False])
def test_collection_made_offline_goes_on_the_first_sync_after_the_link_is_back(
    ctx, sim_factory, explicit: bool
) -> None:
    server = sim_factory(count=5, seed=24)
    port = server.port
    eng = make_engine(ctx, server, max_retries=0)
    eng.min_download_interval_s = 0  # the regular cycle downloads each time
    order_id = _prepared(ctx, server, eng)
    code = _ready(ctx, order_id)
    eng.run_cycle()
    server.stop()
    _collect(ctx, code)  # offline: the scan and the hand-over never wait for the network
    for _ in range(3):  # a few failed tries: the backoff grows
        _make_due(ctx)
        report = eng.run_cycle()
        assert not report.ok and report.pending == 1
    (action,) = Outbox(ctx.db).all(["pending"])
    assert action.retry_kind == "network" and action.next_attempt_at > utcnow()
    back = SimulatorServer(server.book, API_KEY, port=port).start()
    try:
        # No waiting for the backoff: the first cycle after the link is back sends it.
        report = eng.run_cycle(force_download=explicit)
        assert report.ok and report.uploaded == 1 and report.pending == 0, report
        assert back.book.state(order_id) == "SHIPPED" and back.requests["OR24"] == 1
    finally:
        back.stop()


def test_a_regular_cycle_with_no_download_due_probes_the_link(ctx, sim_factory) -> None:
    server = sim_factory(count=5, seed=25)
    port = server.port
    eng = make_engine(ctx, server, max_retries=0)
    order_id = _prepared(ctx, server, eng)
    code = _ready(ctx, order_id)
    eng.run_cycle()
    server.stop()
    _collect(ctx, code)
    eng.run_cycle()
    back = SimulatorServer(server.book, API_KEY, port=port).start()
    try:
        report = eng.run_cycle()  # the last download is recent: a V01 says the link is back
        assert report.uploaded == 1 and back.requests["V01"] == 1
        assert back.book.state(order_id) == "SHIPPED"
    finally:
        back.stop()


def test_the_background_loop_schedules_the_next_cycle_instead_of_sleeping(ctx, sim) -> None:
    from counter_app.sync.background import BackgroundSync

    eng = make_engine(ctx, sim)
    loop = BackgroundSync(eng, interval_s=60)
    order_id = _prepared(ctx, sim, eng)
    code = _ready(ctx, order_id)
    eng.run_cycle()
    _collect(ctx, code)
    # A 429 asking for 30 s: the next cycle is planned 30 s on, no request in between.
    sim.arm("429", path=f"/api/orders/{order_id}/ship", retry_after=30)
    loop._cycle(force=False)
    assert loop.next_wait() == pytest.approx(30, abs=1)
    # A server error: the next cycle comes with the action's backoff, not the interval.
    eng._quiet_until = 0.0
    _make_due(ctx)
    sim.arm("500", count=10, path=f"/api/orders/{order_id}/ship")
    eng.connector.max_retries = 0
    loop._cycle(force=False)
    wait = loop.next_wait()
    assert 1.0 <= wait <= eng.backoff_base_s * 2 + 1, wait


def test_an_explicit_sync_sends_every_waiting_action_but_one_a_429_holds(ctx, sim) -> None:
    eng = make_engine(ctx, sim, max_retries=0)
    order_id = _prepared(ctx, sim, eng)
    held_id = _prepared(ctx, sim, eng)
    codes = [_ready(ctx, oid) for oid in (order_id, held_id)]
    eng.run_cycle()
    for code in codes:
        _collect(ctx, code)
    sim.arm("500", path=f"/api/orders/{order_id}/ship")
    sim.arm("429", path=f"/api/orders/{held_id}/ship", retry_after=120)
    eng.run_cycle()  # order_id waits its backoff (server error)
    eng.run_cycle()  # held_id waits as the 429 asked
    kinds = {a.order_id: a.retry_kind for a in Outbox(ctx.db).all(["pending"])}
    assert kinds == {order_id: "server", held_id: "rate_limited"}
    # A new process (`sync --once`) knows the 429 only from the outbox: still honoured.
    fresh = make_engine(ctx, sim)
    report = fresh.run_cycle(force_download=True)
    assert report.uploaded == 1 and sim.book.state(order_id) == "SHIPPED"
    assert sim.book.state(held_id) == "SHIPPING"
    (waiting,) = fresh.waiting()
    assert waiting.order_id == held_id and waiting.due_in_s > 100
