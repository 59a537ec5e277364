"""Slow work off the GUI thread: printing, the refresh after a sync, the connection test.

The event loop's liveness is measured as a person would feel it: a QTimer ticking every
20 ms keeps ticking while a printer takes 2 s (a blocked loop would tick once, late), and a
scan is answered meanwhile. No wall-clock assert: tick counts and outcomes only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from counter_app.bootstrap import AppContext
from counter_app.domain.orders import Order
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.marketplace.factory import connector_from_settings
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.settings import Settings
from counter_app.ui.list_refresh import read_refresh
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.verdict_band import Tone
from tests.factories import make_order
from tests.gui.conftest import scan
from tests.gui.setup_accounts import set_account
from tests.simulator_fixtures import API_KEY

TICK_MS = 20


class Ticks:
    """Counts the event loop's turns: a QTimer that only fires when the loop is free."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.count += 1

    def __enter__(self) -> Ticks:
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.stop()


@dataclass
class SlowPrinter:
    """Stands in for an ESC/POS printer that takes `seconds` to answer (the machine has none)."""

    seconds: float = 2.0
    printed: list[tuple[str, str]] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def print_document(self, kind: str, order: Order) -> None:
        self.threads.append(threading.current_thread().name)
        self.release.wait(self.seconds)
        self.printed.append((kind, order.order_id))

    def print_daily_list(self, repo: object) -> None:
        self.release.wait(self.seconds)
        self.printed.append(("daily_list", ""))


def _ready(ctx: AppContext, customer: str) -> tuple[str, str]:
    order = make_order(state="SHIPPING", customer=customer)
    ctx.repo.upsert_orders([order])
    code = ctx.repo.mark_ready(order.order_id, "C3", "till-1")
    return order.order_id, format_pickup_code(code)


def test_a_printer_taking_2_s_does_not_block_the_till(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    printer = SlowPrinter(seconds=2.0)
    order_id, _code = _ready(ctx, "Lina Garnier")
    _other, other_code = _ready(ctx, "Marc Roussel")
    window = make_window(printer=printer)
    with Ticks() as ticks:
        job = window.print_document("slip", order_id)
        assert not job.done  # the call came back at once; the printer is still busy
        # The next customer is served while the slip prints.
        scan(qtbot, window.table, other_code)
        assert window.band.tone is Tone.OK
        assert not job.done and printer.printed == []
        qtbot.waitUntil(lambda: job.done, timeout=10_000)
    # 2 s of 20 ms ticks: a blocked loop would have ticked about once.
    assert ticks.count >= 40
    assert job.ok and printer.printed == [("slip", order_id)]
    assert printer.threads and printer.threads[0] != threading.main_thread().name
    # The outcome still reaches the window: the toast says it.
    assert window.toast.isVisible() and window.toast.text() == "Sent to the printer."


def test_a_failed_slow_print_still_says_why(ctx: AppContext, make_window: Any, qtbot: Any) -> None:
    class Jammed(SlowPrinter):
        def print_document(self, kind: str, order: Order) -> None:
            self.release.wait(self.seconds)
            raise OSError("paper jam")

    order_id, _code = _ready(ctx, "Nora Blanc")
    window = make_window(printer=Jammed(seconds=0.5))
    job = window.print_document("slip", order_id)
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert not job.ok and "paper jam" in job.error
    assert window.toast.isVisible() and "Printing failed" in window.toast.text()
    assert "paper jam" in window.toast.text()


def test_closing_the_window_while_a_print_runs_is_safe(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    printer = SlowPrinter(seconds=1.0)
    order_id, _code = _ready(ctx, "Paul Denis")
    window = make_window(printer=printer)
    job = window.print_document("slip", order_id)
    window.close()  # waits for the running job (at most 3 s), drops its outcome
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    QApplication.processEvents()
    assert printer.printed == [("slip", order_id)]  # the slip still came out
    assert not window.toast.isVisible()  # nothing shown on a closed window


def test_the_refresh_after_a_sync_runs_off_the_gui_thread(
    ctx: AppContext, make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    window.select_view("to_accept")
    assert window.tabs.tabText(0).startswith("To accept  0")
    # A sync brought an order; counting a big store takes a while (here: 1.5 s).
    ctx.repo.upsert_orders([make_order(state="WAITING_ACCEPTANCE", customer="Ida Roy")])
    real_counts = ctx.repo.lists.view_counts
    threads: list[str] = []
    release = threading.Event()

    def slow_counts(since: Any, *args: Any, **kwargs: Any) -> dict[str, int]:
        threads.append(threading.current_thread().name)
        release.wait(1.5)
        return real_counts(since, *args, **kwargs)

    monkeypatch.setattr(ctx.repo.lists, "view_counts", slow_counts)
    with Ticks() as ticks:
        window.sync.data_changed.emit()  # what the sync bridge emits after a sync
        assert window.tabs.tabText(0).startswith("To accept  0")  # not read on this thread
        qtbot.waitUntil(lambda: window.tabs.tabText(0).startswith("To accept  1"), timeout=10_000)
    assert ticks.count >= 30
    assert threads and threading.main_thread().name not in threads
    assert window.model.rowCount() == 1
    qtbot.waitUntil(lambda: window.detail.order is not None, timeout=5000)  # the next turn
    assert window.detail.order is not None and window.detail.order.customer_name == "Ida Roy"


def test_a_refresh_older_than_a_newer_request_is_dropped(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    window = make_window()
    window.select_view("to_accept")
    delay = ctx.settings.acceptance_delay_hours
    # A refresh read before the last sync brought an order...
    old = read_refresh(ctx.repo, delay, window.lists.request_refresh())
    assert old.counts["to_accept"] == 0
    ctx.repo.upsert_orders([make_order(state="WAITING_ACCEPTANCE", customer="Eva Moreau")])
    window.refresh_in_background()
    qtbot.waitUntil(lambda: window.tabs.tabText(0).startswith("To accept  1"), timeout=10_000)
    # ...arrives late: it is dropped, the newer data stays on screen.
    assert not window.lists.apply_refresh(old)
    assert window.tabs.tabText(0).startswith("To accept  1")
    assert window.model.rowCount() == 1
    # A local action also makes an older background refresh stale.
    stale = read_refresh(ctx.repo, delay, window.lists.request_refresh())
    window.refresh_all()
    assert not window.lists.apply_refresh(stale)
    # The clock's refresh (counts only) does not drop the list of a refresh in flight.
    pending = read_refresh(ctx.repo, delay, window.lists.request_refresh())
    counts_only = read_refresh(ctx.repo, delay, window.lists.request_refresh(with_list=False))
    assert window.lists.apply_refresh(counts_only)
    assert window.lists.counts is counts_only.counts
    assert window.lists.apply_refresh(pending)  # its list is still the newest
    assert window.lists.counts is counts_only.counts  # but not its (older) counts


def test_the_connection_test_waits_for_a_slow_marketplace_off_the_gui_thread(
    settings: Settings, qtbot: Any, sim: SimulatorServer
) -> None:
    dialog = SetupDialog(
        settings,
        connector_factory=lambda s: connector_from_settings(s, read_timeout=10.0, max_retries=0),
        printer_names=[],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    set_account(dialog, name="Carrefour", url=sim.url, api_key=API_KEY, shop_id=sim.book.shop_id)
    sim.arm("hang", 1, path="/api/version", method="GET", hang_seconds=1.5)
    with Ticks() as ticks:
        dialog.test_button.click()
        assert dialog.test_result.text() == "Testing “Carrefour”…"
        assert not dialog.test_button.isEnabled()
        qtbot.waitUntil(lambda: dialog.test_result.text().startswith("✔"), timeout=15_000)
    assert ticks.count >= 30
    assert sim.book.shop_id in dialog.test_result.text()
    assert dialog.test_button.isEnabled()
