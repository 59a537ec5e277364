"""Sync runs beside the window over real loopback HTTP: the window never waits for it."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from counter_app.bootstrap import AppContext
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.sync.background import BackgroundSync
from counter_app.sync.engine import SyncEngine
from counter_app.ui.formatting import format_time
from counter_app.ui.sync_bridge import SyncBridge
from counter_app.ui.verdict_band import Tone
from tests.factories import make_order
from tests.gui.conftest import SoundLog, scan
from tests.gui.setup_accounts import set_account
from tests.simulator_fixtures import API_KEY, fast_connector


def _bridge(ctx: AppContext, sim: SimulatorServer, **connector: Any) -> SyncBridge:
    ctx.settings.marketplace_url = sim.url
    ctx.settings.api_key = API_KEY
    engine = SyncEngine(ctx.repo, fast_connector(sim, **connector), ctx.settings)
    bridge = SyncBridge()
    bridge.attach(BackgroundSync(engine, interval_s=600, on_status=bridge.on_status))
    return bridge


def test_the_window_answers_scans_while_a_slow_sync_runs(
    ctx: AppContext, make_window: Any, qtbot: Any, sim: SimulatorServer, sounds: SoundLog
) -> None:
    order = make_order(state="SHIPPING", customer="Olivia Perret")
    ctx.repo.upsert_orders([order])
    code = ctx.repo.mark_ready(order.order_id, "D4", "till-1")
    # The marketplace takes 2 s to answer the order download.
    sim.arm("hang", 1, path="/api/orders", method="GET", hang_seconds=2.0)
    bridge = _bridge(ctx, sim, read_timeout=10.0)
    statuses: list[Any] = []
    bridge.status_changed.connect(statuses.append)
    window = make_window(sync=bridge)
    bridge.start()
    window.sync_now()
    qtbot.wait(300)  # the sync thread is now waiting on the slow answer
    started = time.monotonic()
    scan(qtbot, window.table, format_pickup_code(code))
    answered = time.monotonic() - started
    assert window.band.tone is Tone.OK
    assert statuses == []  # the slow sync has not finished: the scan did not wait for it
    assert answered < 1.5
    with qtbot.waitSignal(bridge.status_changed, timeout=20_000):
        pass
    assert window.status.online_label.text().endswith("Online")
    # The orders from the marketplace are now in the lists; the first download is the
    # backlog of a fresh install, so it is not announced order by order.
    window.select_view("all")
    assert window.model.rowCount() > 1
    assert not window.toast.isVisible()
    assert "notify" not in sounds.played
    # An order arriving afterwards is news: toast and sound.
    new_id = sim.book.add_order("WAITING_ACCEPTANCE")
    window.sync_now()
    qtbot.waitUntil(lambda: ctx.repo.get_order(new_id) is not None, timeout=20_000)
    qtbot.waitUntil(window.toast.isVisible, timeout=5_000)
    assert window.toast.isVisible() and "new order" in window.toast.text()
    assert "notify" in sounds.played


def test_offline_is_shown_when_the_marketplace_is_gone(
    ctx: AppContext, make_window: Any, qtbot: Any, sim_factory: Any
) -> None:
    sim = sim_factory(count=3)
    bridge = _bridge(ctx, sim, max_retries=0, read_timeout=0.5, connect_timeout=0.5)
    sim.stop()
    window = make_window(sync=bridge)
    with qtbot.waitSignal(bridge.status_changed, timeout=20_000):
        bridge.start()
    assert window.status.online_label.text().endswith("Offline")
    assert window.status.synced_label.text() == "never synced"


def test_new_orders_to_accept_are_announced_with_their_deadline(
    ctx: AppContext, make_window: Any, qtbot: Any, sounds: SoundLog
) -> None:
    order = make_order(state="WAITING_ACCEPTANCE", customer="Quentin Blanc")
    ctx.repo.upsert_orders([order])
    window = make_window()
    window.notify_new_orders([order.order_id])
    # The orders are read on the worker pool, then announced on the GUI thread.
    qtbot.waitUntil(lambda: "new order" in window.toast.text(), timeout=5000)
    text = window.toast.text()
    assert "1 new order(s)" in text
    assert "1 to accept before" in text
    # "Accept before" is the estimate (created_date + the operator's delay), not ship-by.
    limit = order.created_at + timedelta(hours=ctx.settings.acceptance_delay_hours)
    assert format_time(limit) in text
    assert "Quentin Blanc" in text
    assert sounds.played == ["notify"]


def test_demo_marketplace_orders_arrive_live(
    ctx: AppContext, make_window: Any, qtbot: Any, sounds: SoundLog
) -> None:
    from counter_app.marketplace.demo import start_demo_marketplace
    from counter_app.ui.app import build_sync

    demo = start_demo_marketplace(ctx.settings, orders=12, tick_seconds=0)
    try:
        bridge = build_sync(ctx)
        assert bridge.available
        window = make_window(sync=bridge)
        with qtbot.waitSignal(bridge.status_changed, timeout=20_000):
            bridge.start()
        window.select_view("all")
        first = window.model.rowCount()
        assert first > 0
        # A customer orders on the website: it shows up after the next sync, announced.
        new_id = demo.server.book.add_order()
        sounds.played.clear()
        with qtbot.waitSignal(bridge.status_changed, timeout=20_000):
            window.sync_now()
        # The lists are read again on the worker pool after the sync, then shown.
        qtbot.waitUntil(lambda: window.model.rowCount() == first + 1, timeout=5_000)
        assert window.model.rowCount() == first + 1
        assert ctx.repo.get_order(new_id) is not None
        # The new orders are read on the worker pool too, then announced.
        qtbot.waitUntil(lambda: "new order" in window.toast.text(), timeout=5_000)
        assert "new order" in window.toast.text()
        assert sounds.played == ["notify"]
        assert window.tabs.tabText(0).startswith("To accept")
    finally:
        demo.stop()


def test_marketplace_entered_in_set_up_starts_syncing_without_a_restart(
    ctx: AppContext, make_window: Any, qtbot: Any, sim: SimulatorServer
) -> None:
    from counter_app.ui.app import build_sync, save_settings

    bridge = build_sync(ctx)  # no marketplace yet
    assert not bridge.available
    window = make_window(sync=bridge, save_settings=save_settings)
    assert window.model.rowCount() == 0

    dialog = window.open_setup()
    set_account(dialog, url=sim.url, api_key=API_KEY, shop_id=sim.book.shop_id)
    dialog.shop_name.setText("Librairie des Canuts")  # a real marketplace needs the shop's name
    with qtbot.waitSignal(bridge.status_changed, timeout=20_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    try:
        assert bridge.available
        assert window.status.online_label.text().endswith("Online")
        window.select_view("all")
        assert window.model.rowCount() > 0
        assert sim.requests["OR11"] >= 1
    finally:
        bridge.stop()


def test_saving_new_marketplace_settings_does_not_wait_for_a_hanging_sync(
    ctx: AppContext, qtbot: Any, sim: SimulatorServer
) -> None:
    from counter_app.ui.app import build_sync

    ctx.settings.marketplace_url = sim.url
    ctx.settings.api_key = API_KEY
    ctx.settings.shop_id = sim.book.shop_id
    sim.arm("hang", 1, path="/api/orders", method="GET", hang_seconds=3.0)
    bridge = build_sync(ctx)
    bridge.start()
    bridge.sync_now()
    qtbot.wait(300)  # the old sync is now stuck on the slow answer
    started = time.monotonic()
    bridge.rebuild()
    waited = time.monotonic() - started
    try:
        assert waited < 1.0  # the till keeps answering while the old request runs out
        with qtbot.waitSignal(bridge.status_changed, timeout=20_000):
            pass
        assert bridge.available
    finally:
        bridge.stop()
