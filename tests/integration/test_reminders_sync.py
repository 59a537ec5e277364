"""Reminders end to end against the simulator, with one injected clock moved day by day on
both sides: the app's sync engine and the simulator's order book run on the same
`SimulatorClock`, so the marketplace dates the reminders on the day the app sends them.

Each reminder reaches the customer on its day exactly once, as a reply on the ready message's
thread; none goes to a collected or cancelled order, nor to one whose reminders were switched
off. Days with the app closed (what a shop owner expects):
- a reminder whose day fell while the app was closed goes out once, at the next start;
- when two fell due meanwhile, the customer gets one message, not two in one go: the most
  relevant one (the latest, which names the collect-by day), and the other is kept in the
  history as skipped, with a note saying which one went instead;
- once the collect-by day is over nothing is sent (the order is one to cancel), and the
  reminders missed are recorded as skipped with that reason.
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from counter_app.bootstrap import AppContext
from counter_app.domain.pickup_window import local_day
from counter_app.domain.stages import Stage
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.marketplace.simulator.clock import SimulatorClock
from counter_app.store.cancellation import cancel_order
from counter_app.store.outbox import Outbox
from counter_app.store.reminders import SENT, SKIPPED, WITHDRAWN, ReminderStore
from counter_app.sync.engine import SyncEngine
from tests.integration.test_sync_upload import collect_locally
from tests.simulator_fixtures import fast_connector, sim, sim_factory


class Clock:
    """The one clock of the app and of the simulator, moved forward by the test."""

    def __init__(self) -> None:
        self.inner = SimulatorClock()

    def __call__(self) -> datetime:
        return self.inner()

    @property
    def now(self) -> datetime:
        return self.inner()

    @now.setter
    def now(self, moment: datetime) -> None:
        self.inner.set(moment)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sim(sim_factory, clock: Clock) -> SimulatorServer:  # type: ignore[no-untyped-def]
    """The simulator on the test's clock (its messages and updates are dated on it)."""
    return sim_factory(clock=clock.inner)


def _engine(ctx: AppContext, sim: SimulatorServer, clock: Clock) -> SyncEngine:
    from tests.simulator_fixtures import API_KEY

    ctx.settings.marketplace_url = sim.url
    ctx.settings.api_key = API_KEY
    ctx.settings.shop_name = "Librairie des Canuts"
    ctx.settings.shop_address = "12 rue d'Austerlitz, Lyon"
    ctx.settings.opening_hours = "mar.-sam. 10h-19h"
    ctx.settings.pickup_days = 10
    ctx.settings.reminder_days = ["ready+3", "collect_by-1"]
    return SyncEngine(ctx.repo, fast_connector(sim), ctx.settings, clock=clock)


def _ready_order(ctx: AppContext, sim: SimulatorServer, engine: SyncEngine) -> str:
    order_id = sim.book.add_order("SHIPPING")
    engine.run_cycle(force_download=True)
    ctx.repo.mark_ready(order_id, shelf="B2", till="till-1")
    report = engine.run_cycle()
    assert report.uploaded == 1 and ctx.repo.require_order(order_id).thread_id
    return order_id


def _shop_messages(sim: SimulatorServer, order_id: str) -> list[tuple[str, str]]:
    """(thread id, body) of every shop message on the order, read back over M11."""
    out = []
    for thread in fast_connector(sim).list_threads(order_id=order_id):
        for message in thread.messages:
            if message.from_shop:
                out.append((thread.thread_id, message.body))
    return out


def _reminders(sim: SimulatorServer, order_id: str) -> list[str]:
    return [body for _, body in _shop_messages(sim, order_id) if "jusqu'au" in body]


def _reminder_days(sim: SimulatorServer, order_id: str, ready_at: datetime) -> list[int]:
    """On which day after the ready day (on the simulator's clock) each reminder arrived."""
    ready_day = local_day(ready_at)
    return sorted(
        (local_day(message.sent_at) - ready_day).days
        for thread in fast_connector(sim).list_threads(order_id=order_id)
        for message in thread.messages
        if message.from_shop and "jusqu'au" in message.body
    )


def _m12_received(sim: SimulatorServer) -> int:
    """Replies (M12) as the simulator received them, whatever became of their answers."""
    return sum(
        1
        for method, path, _, _ in sim.received
        if method == "POST" and path.startswith("/api/inbox/threads/")
    )


def _states(ctx: AppContext, order_id: str) -> dict[str, tuple[str, str, date]]:
    return {r.key: (r.state, r.note, r.due_on) for r in ReminderStore(ctx.db).for_order(order_id)}


def _live_days(
    ctx: AppContext, engine: SyncEngine, clock: Clock, start: datetime, days: list[int]
) -> dict[int, int]:
    """Run three sync cycles on each day given; how many reminders were uploaded each day."""
    uploaded: dict[int, int] = {}
    for day in days:
        clock.now = start + timedelta(days=day)
        for _ in range(3):
            report = engine.run_cycle()
            assert report.ok, report.error
            uploaded[day] = uploaded.get(day, 0) + report.uploaded
    return uploaded


def test_each_reminder_on_its_day_exactly_once_on_the_ready_thread(
    ctx: AppContext, sim: SimulatorServer, clock: Clock
) -> None:
    engine = _engine(ctx, sim, clock)
    order_id = _ready_order(ctx, sim, engine)
    order = ctx.repo.require_order(order_id)
    assert order.ready_at is not None
    uploaded = _live_days(ctx, engine, clock, order.ready_at, list(range(15)))
    assert {day for day, n in uploaded.items() if n} == {3, 9}
    assert all(uploaded[day] == 1 for day in (3, 9))
    reminders = [(t, b) for t, b in _shop_messages(sim, order_id) if "jusqu'au" in b]
    assert len(reminders) == 2
    # Replies (M12) on the thread the ready message opened, with the placeholders filled.
    assert {t for t, _ in reminders} == {order.thread_id}
    first_name = order.customer_name.split()[0]
    last_day = (order.ready_at.astimezone() + timedelta(days=10)).strftime("%d/%m/%Y")
    for _, body in reminders:
        assert body.startswith(f"Bonjour {first_name},")
        assert last_day in body and "Librairie des Canuts" in body and "{" not in body
    records = ReminderStore(ctx.db).for_order(order_id)
    assert [(r.key, r.state) for r in records] == [("ready+3", SENT), ("collect_by-1", SENT)]
    # The marketplace received them on those days, by its own (moved) clock, and only those.
    assert _reminder_days(sim, order_id, order.ready_at) == [3, 9]
    assert _m12_received(sim) == 2


def test_a_day_closed_is_caught_up_next_start_once(
    ctx: AppContext, sim: SimulatorServer, clock: Clock
) -> None:
    engine = _engine(ctx, sim, clock)
    order_id = _ready_order(ctx, sim, engine)
    ready_at = ctx.repo.require_order(order_id).ready_at
    assert ready_at is not None
    # Closed on days 3 and 4 (the ready+3 day): a new engine (a new start) on day 5.
    _live_days(ctx, engine, clock, ready_at, [0, 1, 2])
    restarted = _engine(ctx, sim, clock)
    uploaded = _live_days(ctx, restarted, clock, ready_at, list(range(5, 15)))
    assert {day: n for day, n in uploaded.items() if n} == {5: 1, 9: 1}
    # The missed one went once, late (day 5); the next one still on its own day.
    assert _reminder_days(sim, order_id, ready_at) == [5, 9]
    assert _m12_received(sim) == 2
    states = _states(ctx, order_id)
    assert {key: state for key, (state, _, _) in states.items()} == {
        "ready+3": SENT,
        "collect_by-1": SENT,
    }


def test_several_closed_days_send_the_most_relevant_reminder_once(
    ctx: AppContext, sim: SimulatorServer, clock: Clock
) -> None:
    """Closed from day 3 to day 8: both reminders fell due; the customer gets one message."""
    engine = _engine(ctx, sim, clock)
    order_id = _ready_order(ctx, sim, engine)
    ready_at = ctx.repo.require_order(order_id).ready_at
    assert ready_at is not None
    _live_days(ctx, engine, clock, ready_at, [0, 1, 2])
    restarted = _engine(ctx, sim, clock)
    uploaded = _live_days(ctx, restarted, clock, ready_at, list(range(9, 15)))
    assert {day: n for day, n in uploaded.items() if n} == {9: 1}
    assert _reminder_days(sim, order_id, ready_at) == [9]
    assert _m12_received(sim) == 1
    # The one sent is the day-before-collect-by reminder, naming the last day.
    (body,) = _reminders(sim, order_id)
    last_day = (ready_at.astimezone() + timedelta(days=10)).strftime("%d/%m/%Y")
    assert last_day in body
    states = _states(ctx, order_id)
    assert states["collect_by-1"][0] == SENT
    state, note, due = states["ready+3"]
    assert state == SKIPPED and due == local_day(ready_at) + timedelta(days=3)
    assert (
        note == "not sent: missed while the app was closed; the collect_by-1 reminder went instead"
    )
    assert Outbox(ctx.db).counts()["pending"] == 0


def test_closed_until_after_the_collect_by_day_nothing_is_sent(
    ctx: AppContext, sim: SimulatorServer, clock: Clock
) -> None:
    engine = _engine(ctx, sim, clock)
    order_id = _ready_order(ctx, sim, engine)
    ready_at = ctx.repo.require_order(order_id).ready_at
    assert ready_at is not None
    _live_days(ctx, engine, clock, ready_at, [0, 1])
    restarted = _engine(ctx, sim, clock)
    uploaded = _live_days(ctx, restarted, clock, ready_at, [11, 12])
    assert sum(uploaded.values()) == 0
    assert _reminders(sim, order_id) == [] and _m12_received(sim) == 0
    states = _states(ctx, order_id)
    assert {key: (state, note) for key, (state, note, _) in states.items()} == {
        "ready+3": (SKIPPED, "not sent: the collect-by day was over"),
        "collect_by-1": (SKIPPED, "not sent: the collect-by day was over"),
    }


def test_none_to_a_collected_or_cancelled_order(
    ctx: AppContext, sim: SimulatorServer, clock: Clock
) -> None:
    engine = _engine(ctx, sim, clock)
    collected = _ready_order(ctx, sim, engine)
    cancelled = _ready_order(ctx, sim, engine)
    queued_then_collected = _ready_order(ctx, sim, engine)
    queued_then_cancelled_here = _ready_order(ctx, sim, engine)
    ready_at = ctx.repo.require_order(queued_then_cancelled_here).ready_at
    assert ready_at is not None
    collect_locally(ctx.repo, collected)
    sim.book.set_state(cancelled, "CANCELED")
    clock.now = ready_at + timedelta(days=2)
    engine.run_cycle(force_download=True)
    assert ctx.repo.require_order(cancelled).stage is Stage.CANCELED
    # Queued on day 3, then the customer comes before the sync sends it.
    clock.now = ready_at + timedelta(days=3)
    assert engine.reminders.run() == 2
    collect_locally(ctx.repo, queued_then_collected)
    # ... or the shop cancels it from the app (OR29 queued) before the reminder went.
    cancel_order(ctx.repo, queued_then_cancelled_here, "", "till-1")
    _live_days(ctx, engine, clock, ready_at, list(range(3, 14)))
    for order_id in (collected, cancelled, queued_then_collected, queued_then_cancelled_here):
        assert _reminders(sim, order_id) == [], order_id
    assert _m12_received(sim) == 0
    (record,) = ReminderStore(ctx.db).for_order(queued_then_collected)
    assert record.state == WITHDRAWN and "collected" in record.note
    (record,) = ReminderStore(ctx.db).for_order(queued_then_cancelled_here)
    assert record.state == WITHDRAWN and "canceled" in record.note
    assert sim.book.state(queued_then_cancelled_here) == "CANCELED"
    assert ReminderStore(ctx.db).for_order(collected) == []


def test_switched_off_per_order_and_globally(
    ctx: AppContext, sim: SimulatorServer, clock: Clock
) -> None:
    engine = _engine(ctx, sim, clock)
    quiet = _ready_order(ctx, sim, engine)
    other = _ready_order(ctx, sim, engine)
    ready_at = ctx.repo.require_order(other).ready_at
    assert ready_at is not None
    ReminderStore(ctx.db).set_reminders_off(quiet, True)
    _live_days(ctx, engine, clock, ready_at, [3])
    assert _reminders(sim, quiet) == [] and len(_reminders(sim, other)) == 1
    ctx.settings.reminders_enabled = False
    _live_days(ctx, engine, clock, ready_at, list(range(4, 12)))
    assert len(_reminders(sim, other)) == 1


def test_without_a_kept_thread_a_new_thread_is_opened_and_kept(
    ctx: AppContext, sim: SimulatorServer, clock: Clock
) -> None:
    engine = _engine(ctx, sim, clock)
    order_id = _ready_order(ctx, sim, engine)
    ready_at = ctx.repo.require_order(order_id).ready_at
    assert ready_at is not None
    with ctx.db.session() as s:  # a store from before thread ids were kept
        from sqlalchemy import update

        from counter_app.store.models import OrderRow

        s.execute(update(OrderRow).where(OrderRow.order_id == order_id).values(thread_id=""))
    _live_days(ctx, engine, clock, ready_at, [3])
    kept = ctx.repo.require_order(order_id).thread_id
    (reminder,) = [(t, b) for t, b in _shop_messages(sim, order_id) if "jusqu'au" in b]
    assert kept and reminder[0] == kept
    assert Outbox(ctx.db).counts()["pending"] == 0
