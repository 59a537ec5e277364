"""The counter window: pickups at a glance, scan-to-collect, sync status, set-up.

Layout, top to bottom: the scan row (manual code entry and search), the verdict band, the
order lists as tabs with live counts beside the selected order's detail pane, the status bar.
Every scan, wherever the focus is, reaches `handle_scan` through the app-wide scanner filter.
The window is wiring (as Vorta's `views/main_window.py`): the lists are an `OrderListPanel`,
the menus a `MainMenuBar`, each order action a function of `ui.operations` (their slots in
`window_order_actions`), the refreshes after an action or a sync `window_refresh`'s; slow reads
and prints run on the worker pool.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from counter_app.bootstrap import AppContext, default_scan_service
from counter_app.settings import Settings
from counter_app.ui import camera_hookup, cancel_order, live_updates, order_messages, window_fit
from counter_app.ui.detail_pane import DetailPane
from counter_app.ui.i18n import install_language
from counter_app.ui.live_updates import tolerate_server_loss
from counter_app.ui.menu_bar import MainMenuBar
from counter_app.ui.operations import scan
from counter_app.ui.operations.notices import system_tray
from counter_app.ui.operations.printing import WindowPrinting
from counter_app.ui.operations.selected import SelectedOrderActions
from counter_app.ui.operations.setup import apply_setup, open_setup
from counter_app.ui.order_list_panel import OrderListPanel
from counter_app.ui.order_ref import OrderLike, OrderRef
from counter_app.ui.order_table_model import OrderTableModel
from counter_app.ui.print_bridge import PrintBridge
from counter_app.ui.scan_desk import SOUND_FOR_TONE, ScanDesk
from counter_app.ui.scanner_filter import ScannerFilter
from counter_app.ui.seams import Printer, ScanChecker, SyncSource
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.sounds import SoundPlayer
from counter_app.ui.status_bar import CounterStatusBar
from counter_app.ui.sync_bridge import SyncBridge
from counter_app.ui.toast import Toast
from counter_app.ui.verdict_band import VerdictBand, VerdictDisplay
from counter_app.ui.window_order_actions import OrderActionSlots
from counter_app.ui.window_refresh import WindowRefresh
from counter_app.ui.workers import WorkerPool

log = logging.getLogger(__name__)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("MainWindow", text, "", n)


# The order actions come before the menus' shortcuts, which call them.
class MainWindow(OrderActionSlots, WindowRefresh, SelectedOrderActions, QMainWindow):
    """The window shop staff see all day."""

    verdict_shown = Signal(object)  # VerdictDisplay, after it is painted

    def __init__(
        self,
        ctx: AppContext,
        *,
        scan_service: ScanChecker | None = None,
        sync: SyncSource | None = None,
        printer: Printer | None = None,
        sounds: SoundPlayer | None = None,
        workers: WorkerPool | None = None,
        scanner: ScannerFilter | None = None,
        save_settings: Callable[[Settings], None] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.repo = ctx.repo
        self.settings = ctx.settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(_tr("Counter — click & collect"))
        self.resize(1366, 768)
        self.setMinimumSize(1024, 600)
        self.workers = workers or WorkerPool(self)
        self.sounds = sounds or SoundPlayer()
        self.printer: Printer = printer or PrintBridge(self.settings)
        notify, repo = self._notify, self.repo
        self.printing = WindowPrinting(
            self, self.printer, self.settings, repo, notify, self.workers
        )
        self.sync: SyncSource = sync or SyncBridge(parent=self)
        self.save_settings = save_settings
        self.desk = ScanDesk(scan_service or default_scan_service(ctx))
        self.scan_timings_ms: list[float] = []
        self.models: dict[str, OrderTableModel] = {}  # kept across a rebuild
        self.camera_panel: Any = None
        self.tray = system_tray(self)
        # In the demo: the settings pointing at the built-in simulator (set by the app).
        self.demo_settings: Settings | None = None
        self.tab_counts: dict[str, int] = {}

        self._build()
        self.menu = MainMenuBar(self, self)
        self.setMenuBar(self.menu)
        self.scanner = scanner or ScannerFilter(
            self,
            max_gap_ms=self.settings.scanner_max_gap_ms,
            prefix=self.settings.scanner_prefix,
        )
        self.scanner.scanned.connect(self.handle_scan)
        self.scanner.enter_handler = self._enter_pressed
        self.scanner.install()

        self.sync.status_changed.connect(self._sync_status)
        self.sync.new_orders.connect(self.notify_new_orders)
        self.sync.data_changed.connect(self.refresh_in_background)
        self._closed = False
        self.live = live_updates.attach(self)  # other tills' news; shop server lost / back

        # Deadlines and "collected today" move with the clock even without new data.
        self._clock = QTimer(self)
        self._clock.timeout.connect(lambda: self.refresh_in_background(with_list=False))
        # Relative deadlines ("in 2 h") are worked out when painted: repaint to age them.
        self._clock.timeout.connect(lambda: self.table.viewport().update())
        self._clock.start(60_000)
        self.refresh_counts()  # first: the list's row count is the tab's
        self.select_view("to_accept")
        self.status.update_state(self._local_sync_view())

    # ---- building -------------------------------------------------------------------------
    def _build(self, current_ref: OrderRef | None = None) -> None:
        self.band = VerdictBand(timeout_s=self.settings.verdict_timeout_seconds)
        self.band.confirm_requested.connect(self.confirm_collection)
        self.band.cleared.connect(self.desk.forget_customer)

        self.detail = DetailPane(settings=self.settings)
        self.detail.accept_requested.connect(self.accept_order)
        self.detail.refuse_requested.connect(self.refuse_order)
        self.detail.mark_ready_requested.connect(self.mark_ready)
        self.detail.confirm_requested.connect(self.confirm_collection)
        self.detail.reprint_slip_requested.connect(lambda oid: self.print_document("slip", oid))
        self.detail.print_card_requested.connect(lambda oid: self.print_document("card", oid))
        self.detail.add_note_requested.connect(self.add_note)
        self.detail.clear_problem_requested.connect(self.clear_problem)
        order_messages.connect(self)  # customer threads, reply, reminder switch
        cancel_order.connect(self)  # cancel / refund an order not collected

        self.lists = OrderListPanel(self.repo, self.settings, self.detail, self.models)
        self.lists.current_ref = current_ref
        # The panel's widgets, by the names the menus, tests and camera panel use.
        self.search, self.tabs, self.table = self.lists.search, self.lists.tabs, self.lists.table
        self._search_timer = self.lists.search_timer
        top = self.top_row = window_fit.ScanRow(self.search, self.lists.marketplace_filter)
        self.scan_field, self.camera_button = top.scan_field, top.camera_button
        top.entered.connect(self.handle_scan)
        self.camera_button.clicked.connect(self.toggle_camera)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.band)
        layout.addWidget(self.lists, 1)
        self.setCentralWidget(central)

        self.status = CounterStatusBar()
        self.status.set_till(self.settings.till_name)
        self.status.set_accounts(self.lists.look.account_looks())
        self.status.sync_requested.connect(self.sync_now)
        self.status.problems_clicked.connect(lambda: self.select_view("problems"))
        self.setStatusBar(self.status)
        self.toast = Toast(central)
        self.toast.top = lambda: self.band.geometry().bottom() + 8

    def retranslate(self) -> None:
        """Build every widget again in the language just installed, keeping where staff were
        (tab, search, selected order): no text is left in the old language."""
        view_key, order_ref, search = self.view_key, self.current_ref, self.search.text()
        marketplace = self.lists.marketplace
        demo_suffix = self.windowTitle().endswith(" — DEMO")
        self.menu.rebuild()
        self.desk.forget_customer()
        warning = getattr(self, "start_warning", None)
        if warning is not None:
            warning.setParent(None)  # kept out of the old status bar, which Qt deletes
        self._build(order_ref)  # Qt deletes the old central widget and status bar
        self.lists.set_marketplace(marketplace)
        if warning is not None:
            self.status.insertPermanentWidget(0, warning)
        if self.camera_panel is not None:  # the dock stays; the new band tells it too
            self.band.cleared.connect(self.camera_panel.clear_verdict)
        self._compact_tabs()
        self.setWindowTitle(_tr("Counter — click & collect") + (" — DEMO" if demo_suffix else ""))
        self.search.blockSignals(True)
        self.search.setText(search)
        self.search.blockSignals(False)
        self.select_view(view_key)
        self.refresh_counts()
        self.status.update_state(self._local_sync_view())

    # ---- the lists (the panel's, named here for the menus and tests) -----------------------
    @property
    def view_key(self) -> str:
        return self.lists.view_key

    @property
    def model(self) -> OrderTableModel:
        return self.lists.model

    @property
    def current_order_id(self) -> str | None:
        return self.lists.current_order_id

    @property
    def current_ref(self) -> OrderRef | None:
        """The selected order: its marketplace and id (two marketplaces may share an id)."""
        return self.lists.current_ref

    @property
    def preview(self) -> Any:
        return self.printing.preview

    def select_view(self, key: str) -> None:
        self.lists.select_view(key)

    @tolerate_server_loss
    def _apply_search(self) -> None:
        self.lists.apply_search()

    @tolerate_server_loss
    def show_order(self, order: OrderLike | None) -> None:
        self.lists.show_order(order)

    @tolerate_server_loss
    def reveal_order(self, order: OrderLike) -> None:
        self.lists.reveal_order(order)

    # ---- sizes ----------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._compact_tabs()
        self.top_row.fit()
        self.lists.adapt_columns()

    def _compact_tabs(self) -> None:
        """On a small screen (1024 wide) tabs, status bar and detail buttons get narrower, so
        that tabs, list columns and the status bar all stay readable."""
        compact = self.width() < 1200
        if compact == self.tabs.property("compact"):
            return
        window_fit.compact_status_bar(self.status, compact)
        self.lists.set_compact(compact, self.width())

    # ---- scanning -------------------------------------------------------------------------
    def handle_scan(self, text: str) -> None:
        """One scan, from the scanner or typed: verdict painted, sound played, order shown."""
        started = time.perf_counter()
        self.scan_field.clear()
        display = scan.check_scan(self.desk, text)
        self._show_verdict(display)
        at_once = scan.confirm_at_once(display, self.settings.confirm_on_scan)
        if at_once:  # by choice: the band still says how many bags to hand over
            self.confirm_collection(at_once, ask_bags=False)
        if display.order_id:
            self.reveal_order(OrderRef(display.order_id, display.marketplace))
        scan.tell_above_dialog(self, self.toast, display)
        self.scan_timings_ms.append((time.perf_counter() - started) * 1000)

    def _show_verdict(self, display: VerdictDisplay) -> None:
        self.band.show_verdict(display)
        self.band.repaint()  # painted now, not after the next event-loop turn
        sound = SOUND_FOR_TONE.get(display.tone)
        if sound:
            self.sounds.play(sound)
        self.verdict_shown.emit(display)

    def _enter_pressed(self, widget: QWidget) -> bool:
        """Enter confirms a good verdict, unless it belongs to a field or a dialog."""
        order_id = scan.enter_confirms(self.band.current, widget, self)
        if order_id:
            self.confirm_collection(order_id)
        return bool(order_id)

    def focus_scan_field(self) -> None:
        self.scan_field.setFocus()

    def toggle_camera(self) -> None:
        camera_hookup.toggle_camera_panel(self)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def clear_verdict(self) -> None:
        self.band.clear()

    # ---- set-up ---------------------------------------------------------------------------
    def open_setup(self) -> SetupDialog:
        return open_setup(self, self.settings, self.workers, self.demo_settings, self._setup_saved)

    def _setup_saved(self, dialog: SetupDialog) -> None:
        new = dialog.accepted_settings
        if new is None:
            return
        if self.save_settings is not None:
            self.save_settings(new)
        changed = apply_setup(self.settings, new)
        camera_hookup.apply_camera_settings(self)
        self.band.timeout_s = self.settings.verdict_timeout_seconds
        self.status.set_till(self.settings.till_name)
        if changed.language:
            install_language(QApplication.instance(), self.settings.language)
            self.retranslate()
        if changed.marketplace:
            self.detail.look.reload()
            self.lists.accounts_changed()  # names, colours, the filter and its column
            self.status.set_accounts(self.lists.look.account_looks())
            self.sync.rebuild()
            self.status.update_state(self._local_sync_view(self.status.state))
        self.toast.show_message(_tr("Settings saved."), "info", 3000)

    # ---- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = self.printing.closed = True  # results of running tasks are dropped
        self.scanner.uninstall()
        camera_hookup.shutdown_camera(self)
        self.sync.stop()
        self.live.stop()
        self.workers.wait(3000)
        super().closeEvent(event)
