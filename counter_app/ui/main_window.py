"""The counter window: pickups at a glance, scan-to-collect, sync status, set-up.

Layout, top to bottom: the scan row (manual code entry and search), the verdict band, the
order lists as tabs with live counts beside the selected order's detail pane, the status bar.
Every scan, wherever the focus is, reaches `handle_scan` through the app-wide scanner filter.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QSystemTrayIcon,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.bootstrap import AppContext
from counter_app.domain.deadlines import accept_before
from counter_app.domain.stages import Stage
from counter_app.printing.message_texts import is_no_printer, print_message_text
from counter_app.ui import camera_hookup, live_updates
from counter_app.ui.detail_pane import DetailPane
from counter_app.ui.formatting import format_moment
from counter_app.ui.live_updates import tolerate_server_loss
from counter_app.ui.order_table_model import (
    COL_BAGS,
    COL_CREATED,
    COL_CUSTOMER,
    COL_ITEMS,
    COL_ORDER,
    COL_SHELF,
    COL_STATUS,
    COL_WHEN,
    ORDER_ID_ROLE,
    PAGE_SIZE,
    OrderTableModel,
)
from counter_app.ui.print_bridge import PrintBridge
from counter_app.ui.ready_dialog import ReadyDialog
from counter_app.ui.scan_bridge import SOUND_FOR_TONE, ScanDesk
from counter_app.ui.scanner_filter import ScannerFilter
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.sounds import SoundPlayer
from counter_app.ui.status_bar import CounterStatusBar, SyncView
from counter_app.ui.sync_bridge import SyncBridge
from counter_app.ui.toast import Toast
from counter_app.ui.verdict_band import Tone, VerdictBand, VerdictDisplay
from counter_app.ui.views import VIEWS, humanize_delta, start_of_local_day, view_title
from counter_app.ui.workers import WorkerPool

log = logging.getLogger(__name__)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("MainWindow", text, "", n)


class MainWindow(QMainWindow):
    """The window shop staff see all day."""

    verdict_shown = Signal(object)  # VerdictDisplay, after it is painted

    def __init__(
        self,
        ctx: AppContext,
        *,
        scan_service: Any | None = None,
        sync: SyncBridge | None = None,
        printer: Any | None = None,
        sounds: SoundPlayer | None = None,
        workers: WorkerPool | None = None,
        scanner: ScannerFilter | None = None,
        save_settings: Callable[[Any], None] | None = None,
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
        self.printer = printer or PrintBridge(self.settings)
        self.sync = sync or SyncBridge(parent=self)
        self.save_settings = save_settings
        self.desk = ScanDesk(scan_service or _default_scan_service(ctx))
        self.current_order_id: str | None = None
        self.scan_timings_ms: list[float] = []
        self.models: dict[str, OrderTableModel] = {}
        self.preview: Any = None  # the last print preview opened
        self.last_print_error = ""  # why the last print did not happen, for the toast
        # In the demo: the settings pointing at the built-in simulator (set by the app).
        self.demo_settings: Any = None

        self._build()
        self._build_actions()
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
        self.sync.data_changed.connect(self.refresh_all)
        self.tab_counts: dict[str, int] = {}
        self.live = live_updates.attach(self)  # other tills' news; shop server lost / back

        # Deadlines and "collected today" move with the clock even without new data.
        self._clock = QTimer(self)
        self._clock.timeout.connect(self.refresh_counts)
        # Relative deadlines ("in 2 h") are worked out when painted: repaint to age them.
        self._clock.timeout.connect(lambda: self.table.viewport().update())
        self._clock.start(60_000)
        self.select_view("to_accept")
        self.refresh_counts()
        self.status.update_state(self._local_sync_view())

    # ---- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(_tr("Scan or type a pickup code / order number"))
        self.scan_field.setClearButtonEnabled(True)
        self.scan_field.returnPressed.connect(self._scan_field_entered)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(_tr("Search: name, order number, e-mail, ISBN (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for field in (self.scan_field, self.search):
            field.installEventFilter(self)  # hints are fitted to the fields' own widths
        top = QHBoxLayout()
        top.addWidget(self.scan_field, 1)
        self.camera_button = QPushButton(_tr("Camera (F6)"))
        self.camera_button.setObjectName("cameraButton")
        self.camera_button.clicked.connect(self.toggle_camera)
        top.addWidget(self.camera_button)
        if not hasattr(self, "camera_panel"):  # kept when the window is rebuilt
            self.camera_panel: Any = None
        top.addWidget(self.search, 1)

        self.band = VerdictBand(timeout_s=self.settings.verdict_timeout_seconds)
        self.band.confirm_requested.connect(self.confirm_collection)
        self.band.cleared.connect(self.desk.forget_customer)

        self.tabs = QTabBar()
        self.tabs.setObjectName("viewTabs")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for view in VIEWS:
            index = self.tabs.addTab(view.title())
            self.tabs.setTabData(index, view.key)
        self.tabs.currentChanged.connect(self._tab_changed)

        self.table = QTableView()
        self.table.setObjectName("orderTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Columns are fitted to the list's own width: the window's resize comes before its
        # layouts have passed the new width down to the list.
        self.table.viewport().installEventFilter(self)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)  # the camera panel may narrow the list
        self.empty_label.setStyleSheet("color: #78909c; font-size: 15pt;")

        self.detail = DetailPane(settings=self.settings)
        self.detail.accept_requested.connect(self.accept_order)
        self.detail.refuse_requested.connect(self.refuse_order)
        self.detail.mark_ready_requested.connect(self.mark_ready)
        self.detail.confirm_requested.connect(self.confirm_collection)
        self.detail.reprint_slip_requested.connect(lambda oid: self.print_document("slip", oid))
        self.detail.print_card_requested.connect(lambda oid: self.print_document("card", oid))
        self.detail.add_note_requested.connect(self.add_note)
        self.detail.clear_problem_requested.connect(self.clear_problem)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        # The list gets the room: long French names and deadlines must not be cut.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([950, 400])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.band)
        lists = QVBoxLayout()
        lists.setSpacing(0)
        lists.addWidget(self.tabs)
        lists.addWidget(self.splitter, 1)
        layout.addLayout(lists, 1)
        self.setCentralWidget(central)

        self.status = CounterStatusBar()
        self.status.set_till(self.settings.till_name)
        self.status.sync_requested.connect(self.sync_now)
        self.status.problems_clicked.connect(lambda: self.select_view("problems"))
        self.setStatusBar(self.status)
        self.toast = Toast(central)
        self.toast.top = lambda: self.band.geometry().bottom() + 8
        if getattr(self, "tray", None) is None:
            self.tray: QSystemTrayIcon | None = None
            if QSystemTrayIcon.isSystemTrayAvailable():
                self.tray = QSystemTrayIcon(self.windowIcon(), self)
                self.tray.show()

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(_tr("&Counter"))
        orders_menu = menu.addMenu(_tr("&Orders"))
        view_menu = menu.addMenu(_tr("&View"))

        def action(menu_: Any, text: str, shortcut: Any, slot: Callable[[], Any]) -> QAction:
            act = QAction(text, self)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            menu_.addAction(act)
            self.addAction(act)
            self._window_actions.append(act)
            return act

        self._window_actions: list[QAction] = []

        self.setup_action = action(file_menu, _tr("Set-up…"), "Ctrl+,", self.open_setup)
        action(file_menu, _tr("Sync now"), "F5", self.sync_now)
        action(file_menu, _tr("Print today's pickup list"), "Ctrl+Shift+P", self.print_daily_list)
        file_menu.addSeparator()
        action(file_menu, _tr("Quit"), QKeySequence.StandardKey.Quit, self.close)

        action(orders_menu, _tr("Accept the order"), "F2", self._accept_current)
        action(orders_menu, _tr("Mark ready…"), "F3", self._ready_current)
        action(orders_menu, _tr("Confirm collection"), "F4", self._confirm_current)
        action(orders_menu, _tr("Reprint slip"), "Ctrl+P", self._slip_current)
        action(orders_menu, _tr("Add note…"), "Ctrl+N", self._note_current)
        orders_menu.addSeparator()
        action(orders_menu, _tr("Scan field"), "Ctrl+L", self.focus_scan_field)
        action(orders_menu, _tr("Search"), QKeySequence.StandardKey.Find, self.focus_search)
        action(orders_menu, _tr("Camera"), "F6", self.toggle_camera)
        action(orders_menu, _tr("Clear the verdict"), "Esc", self.band.clear)
        for i, view in enumerate(VIEWS, start=1):
            action(
                view_menu,
                view_title(view.key),
                f"Ctrl+{i}",
                lambda _checked=False, key=view.key: self.select_view(key),
            )

    def retranslate(self) -> None:
        """Build every widget again in the language just installed, keeping where staff were
        (tab, search, selected order): no text is left in the old language."""
        view_key, order_id, search = self.view_key, self.current_order_id, self.search.text()
        demo_suffix = self.windowTitle().endswith(" — DEMO")
        for act in self._window_actions:
            self.removeAction(act)
            act.deleteLater()
        self.menuBar().clear()
        self.desk.forget_customer()
        warning = getattr(self, "start_warning", None)
        if warning is not None:
            warning.setParent(None)  # kept out of the old status bar, which Qt deletes
        self._build()  # Qt deletes the old central widget and status bar as they are replaced
        self._build_actions()
        if warning is not None:
            self.status.insertPermanentWidget(0, warning)
        if self.camera_panel is not None:  # the dock stays; the new band tells it too
            self.band.cleared.connect(self.camera_panel.clear_verdict)
        self._compact_tabs()
        self.setWindowTitle(_tr("Counter — click & collect") + (" — DEMO" if demo_suffix else ""))
        self.search.blockSignals(True)
        self.search.setText(search)
        self.search.blockSignals(False)
        self.current_order_id = order_id
        self.select_view(view_key)
        self.refresh_counts()
        self.status.update_state(self._local_sync_view())

    # ---- lists --------------------------------------------------------------------------
    @property
    def view_key(self) -> str:
        return str(self.tabs.tabData(self.tabs.currentIndex()))

    @property
    def model(self) -> OrderTableModel:
        return self.models[self.view_key]

    def select_view(self, key: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabData(i) == key:
                if self.tabs.currentIndex() == i:
                    self._tab_changed(i)
                else:
                    self.tabs.setCurrentIndex(i)
                return

    @tolerate_server_loss
    def _tab_changed(self, index: int) -> None:
        key = str(self.tabs.tabData(index))
        model = self.models.get(key)
        if model is None:
            view = next(v for v in VIEWS if v.key == key)
            model = OrderTableModel(self.repo, view, self, settings=self.settings)
            self.models[key] = model
        model.search = self.search.text().strip()
        model.refresh()
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        self.table.setModel(model)
        self._set_indicator(model)
        header.blockSignals(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._size_columns()
        self._show_empty_state()
        self._follow_selection()

    def _set_indicator(self, model: OrderTableModel) -> None:
        keys = {
            "commercial_id": COL_ORDER,
            "customer": COL_CUSTOMER,
            "shelf": COL_SHELF,
            "stage": COL_STATUS,
        }
        column = keys.get(model.sort_key, COL_WHEN)
        order = Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_CUSTOMER, QHeaderView.ResizeMode.Stretch)
        when = 160 if self.view_key == "to_accept" else 115
        widths = {
            COL_ORDER: 105,
            COL_ITEMS: 62,
            COL_BAGS: 50,
            COL_WHEN: when,
            COL_SHELF: 75,
            COL_STATUS: 100,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self._fit_columns()

    # On a small screen these go first, so order, customer, bags, shelf and state stay.
    _OPTIONAL_COLUMNS = (COL_CREATED, COL_ITEMS, COL_WHEN)
    _MIN_CUSTOMER_WIDTH = 170
    _taking_room = False

    def _adapt_columns(self) -> None:
        """Hide the optional columns, least useful first, while the list is too narrow."""
        room = self.table.viewport().width()
        if room <= 0:
            return
        for column in self._OPTIONAL_COLUMNS:
            self.table.setColumnHidden(column, False)

        def needed() -> int:
            return self._MIN_CUSTOMER_WIDTH + sum(
                self.table.columnWidth(c)
                for c in range(self.model.columnCount())
                if c != COL_CUSTOMER and not self.table.isColumnHidden(c)
            )

        for column in self._OPTIONAL_COLUMNS:
            if needed() <= room:
                break
            self.table.setColumnHidden(column, True)
        missing = needed() - room
        if missing > 0 and not self._taking_room:
            # Still short: the detail pane gives the list what it can (down to its minimum).
            self._taking_room = True
            try:
                list_width, pane = self.splitter.sizes()
                self.splitter.setSizes([list_width + missing, max(0, pane - missing)])
            finally:
                self._taking_room = False

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._compact_tabs()
        self._fit_placeholders()
        self._adapt_columns()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.Resize and watched in (self.scan_field, self.search):
            self._fit_placeholders()
        elif (
            event.type() == QEvent.Type.Resize
            and watched is self.table.viewport()
            and event.size().width() != event.oldSize().width()
        ):
            self._adapt_columns()
        return super().eventFilter(watched, event)

    def _fit_placeholders(self) -> None:
        """The long hint where it fits, else a short one: a hint is never cut off."""
        hints = (
            (
                self.scan_field,
                _tr("Scan or type a pickup code / order number"),
                _tr("Scan or type a code"),
            ),
            (
                self.search,
                _tr("Search: name, order number, e-mail, ISBN (Ctrl+F)"),
                _tr("Search (Ctrl+F)"),
            ),
        )
        for field, long_hint, short_hint in hints:
            room = field.width() - 28  # the frame, margins and the clear button
            fits = field.fontMetrics().horizontalAdvance(long_hint) <= room
            field.setPlaceholderText(long_hint if fits else short_hint)

    def _compact_tabs(self) -> None:
        """On a small screen (1024 wide) tabs, status bar and detail buttons get narrower, so
        that tabs, list columns and the status bar all stay readable."""
        compact = self.width() < 1200
        if compact == self.tabs.property("compact"):
            return
        self.tabs.setProperty("compact", compact)
        self.tabs.setStyleSheet("QTabBar::tab { padding: 8px 7px; }" if compact else "")
        self.status.setStyleSheet("QStatusBar QLabel { padding: 0 3px; }" if compact else "")
        # The till's name is in each collection's history; here the room goes to sync state.
        self.status.till_label.setVisible(not compact)
        self.status.setSizeGripEnabled(not compact)
        self.status.updateGeometry()
        self.status.sync_button.setText(
            self.status.sync_button.text().split(" (")[0]
            if compact
            else QCoreApplication.translate("StatusBar", "Sync now (F5)")
        )
        self.detail.set_compact(compact)
        total = self.splitter.width() or self.width()
        pane = min(self.detail.minimumSizeHint().width() + 10, total // 2) if compact else 400
        self.splitter.setSizes([max(0, total - pane), pane])

    def _fit_columns(self) -> None:
        """Widen columns whose loaded texts would be cut (long order numbers, French labels).

        Only the rows on screen are measured, so this stays cheap at 200,000 orders; columns
        only grow, so a width the user chose by hand is kept.
        """
        header = self.table.horizontalHeader()
        # The style sheet sets headers in bold with padding, which sectionSizeHint ignores.
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column in range(self.model.columnCount()):
            if column == COL_CUSTOMER:
                continue
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            wanted = max(
                self.table.sizeHintForColumn(column),
                header.sectionSizeHint(column),
                metrics.horizontalAdvance(title) + 2 * 6 + 22,  # padding and sort arrow
            )
            if wanted > self.table.columnWidth(column):
                self.table.setColumnWidth(column, wanted)
        self._adapt_columns()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        self._set_indicator(self.model)

    @tolerate_server_loss
    def _apply_search(self) -> None:
        self.model.set_search(self.search.text().strip())
        self._fit_columns()
        self._show_empty_state()
        self._follow_selection()

    def _show_empty_state(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            if self.model.search:
                text = _tr("No order matches “%1”.").replace("%1", self.model.search)
            else:
                text = {
                    "to_accept": _tr("Nothing to accept. New orders appear here."),
                    "to_prepare": _tr("Nothing to prepare."),
                    "ready": _tr("No order waiting on the shelves."),
                    "collected_today": _tr("No collection yet today."),
                    "problems": _tr("No problem. All good."),
                }.get(self.view_key, _tr("No orders yet."))
            self.empty_label.setText(text)
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)

    @tolerate_server_loss
    def refresh_counts(self) -> None:
        counts = self.repo.view_counts(start_of_local_day())
        oldest = self.repo.earliest_created(Stage.TO_ACCEPT)
        deadline = accept_before(oldest, self.settings.acceptance_delay_hours) if oldest else None
        for i in range(self.tabs.count()):
            key = str(self.tabs.tabData(i))
            if key == "to_prepare":
                n = counts["to_prepare"] + counts["awaiting_payment"]
            elif key == "all":
                self.tabs.setTabText(i, view_title(key))
                continue
            else:
                n = counts.get(key, 0)
            text = f"{view_title(key)}  {n}"
            if key == "to_accept" and n and deadline is not None:
                left = deadline - datetime.now(UTC)
                late = left.total_seconds() < 0
                text += "  · " + (_tr("late!") if late else humanize_delta(left))
            self.tabs.setTabText(i, text)
        self.tabs.setTabTextColor(
            0, Qt.GlobalColor.darkRed if counts.get("to_accept") else Qt.GlobalColor.black
        )
        self.tab_counts = counts

    @tolerate_server_loss
    def refresh_all(self) -> None:
        """After a sync or a local action: counts, the list, the detail, the status bar."""
        self.refresh_counts()
        self.model.refresh()
        self._fit_columns()
        self._show_empty_state()
        self._follow_selection()
        self.status.update_state(self._local_sync_view(self.status.state))

    def _select_in_list(self, order_id: str | None, pages: int = 3) -> bool:
        """Select `order_id`'s row if it is among the first `pages` pages of the list."""
        if order_id is None:
            return False
        for page in range(pages):
            if self.model.row_at(page * PAGE_SIZE) is None:  # reads the page
                break
            row = self.model.row_of(order_id)
            if row is not None:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(self.model.index(row, 0))
                self.show_order(order_id)
                return True
        return False

    def _follow_selection(self) -> None:
        """The detail pane shows the selected row, never an order the list does not show:
        the same order when it is still listed, else the first row, else nothing."""
        if self._select_in_list(self.current_order_id):
            return
        if self.model.rowCount():
            self.table.selectRow(0)
            self.show_order(self.model.index(0, 0).data(ORDER_ID_ROLE))
        else:
            self.show_order(None)

    @tolerate_server_loss
    def reveal_order(self, order_id: str) -> None:
        """Select an order the till just dealt with, in the list of its stage if need be."""
        if self._select_in_list(order_id):
            return
        order = self.repo.get_order(order_id)
        if order is None:
            return
        if self.search.text().strip():
            # What staff searched for stays; the pane keeps showing the selected result.
            return
        key = _VIEW_OF_STAGE.get(order.stage.value, "all")
        if key != self.view_key:
            self.current_order_id = order_id
            self.select_view(key)
            if self._select_in_list(order_id):
                return
        # Deep in a long list: a search shows it whatever its stage.
        self.search.blockSignals(True)
        self.search.setText(order.commercial_id or order.order_id)
        self.search.blockSignals(False)
        self.model.set_search(self.search.text())
        self._show_empty_state()
        if not self._select_in_list(order_id):
            self._follow_selection()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        order_id = current.data(ORDER_ID_ROLE)
        if order_id and order_id != self.current_order_id:
            self.show_order(order_id)

    @tolerate_server_loss
    def show_order(self, order_id: str | None) -> None:
        self.current_order_id = order_id
        order = self.repo.get_order(order_id) if order_id else None
        history = self.repo.stage_history(order_id) if order is not None and order_id else []
        self.detail.show_order(order, history)

    # ---- scanning -----------------------------------------------------------------------
    def _scan_field_entered(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        if text.strip():
            self.handle_scan(text)

    def handle_scan(self, text: str) -> None:
        """One scan, from the scanner or typed: verdict painted, sound played, order shown."""
        started = time.perf_counter()
        self.scan_field.clear()
        try:
            display = self.desk.handle_scan(text)
        except Exception as exc:  # the till must always answer, even on a broken store
            log.exception("scan failed")
            display = VerdictDisplay(
                tone=Tone.BAD,
                headline=_tr("Scan not checked"),
                message=_tr("Error: %1").replace("%1", str(exc) or type(exc).__name__),
            )
        self._show_verdict(display)
        if (
            display.confirmable
            and display.verdict == "ok"
            and self.settings.confirm_on_scan
            and display.order_id
        ):
            # Confirmed at once by choice: the band still says how many bags to hand over.
            self.confirm_collection(display.order_id, ask_bags=False)
        if display.order_id:
            self.reveal_order(display.order_id)
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self:
            # The dialog stays open, but the scan is not lost: say so above it too.
            self.toast.show_message(
                f"{display.headline} — {display.customer}".strip(" —"),
                {"ok": "info", "warn": "warn", "bad": "bad"}.get(display.tone.value, "info"),
            )
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
        current = self.band.current
        if current is None or not current.confirmable or not current.order_id:
            return False
        if QApplication.activeModalWidget() is not None:
            return False
        if isinstance(widget, QLineEdit) and widget.text():
            return False  # Enter after typing belongs to what was typed, never a hand-over
        if widget.window() is not self:
            return False
        self.confirm_collection(current.order_id)
        return True

    @tolerate_server_loss
    def confirm_collection(self, order_id: str, ask_bags: bool = True) -> None:
        if ask_bags and not self._bags_handed_over(order_id):
            return
        try:
            display = self.desk.confirm(order_id)
        except Exception as exc:
            log.exception("confirm failed")
            display = VerdictDisplay(
                tone=Tone.BAD,
                headline=_tr("Not confirmed"),
                message=str(exc) or type(exc).__name__,
            )
        self._show_verdict(display)
        self.sync.upload_soon()
        self.refresh_all()

    def _bags_handed_over(self, order_id: str) -> bool:
        """For an order in several bags whose slips were not all scanned: ask first."""
        order = self.repo.get_order(order_id)
        if order is None:
            return True
        missing = self.desk.bags_unchecked(order_id, order.bag_count)
        if not missing:
            return True
        box = QMessageBox(self)
        box.setObjectName("bagWarning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_tr("Bags"))
        box.setText(_tr("This order is in %n bag(s).", order.bag_count))
        box.setInformativeText(
            _tr("%n bag(s) not scanned yet. Hand over every bag before confirming.", missing)
        )
        yes = box.addButton(_tr("All bags handed over"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(_tr("Not yet"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)  # Enter pressed by habit must not skip the bags
        box.exec()
        return box.clickedButton() is yes

    def focus_scan_field(self) -> None:
        self.scan_field.setFocus()

    def toggle_camera(self) -> None:
        camera_hookup.toggle_camera_panel(self)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ---- order actions --------------------------------------------------------------------
    def _current(self) -> str | None:
        return self.current_order_id

    def _accept_current(self) -> None:
        if self.detail.order is not None and self.detail.accept_button.isVisible():
            self.detail.accept_button.click()

    def _ready_current(self) -> None:
        if self.current_order_id and self.detail.ready_button.isVisible():
            self.mark_ready(self.current_order_id)

    def _confirm_current(self) -> None:
        current = self.band.current
        if current is not None and current.confirmable and current.order_id:
            self.confirm_collection(current.order_id)
        elif self.current_order_id and self.detail.confirm_button.isVisible():
            self.confirm_collection(self.current_order_id)

    def _slip_current(self) -> None:
        if self.current_order_id:
            self.print_document("slip", self.current_order_id)

    def _note_current(self) -> None:
        if self.current_order_id:
            self.add_note(self.current_order_id)

    def _after_action(self, message: str, tone: str = "info") -> None:
        self.sync.upload_soon()
        self.refresh_all()
        self.toast.show_message(message, tone, 4000)

    def accept_order(self, order_id: str, refused_line_ids: list[str]) -> None:
        order = self.repo.get_order(order_id)
        if order is None:
            return
        if refused_line_ids and len(refused_line_ids) == len(order.lines):
            self.refuse_order(order_id)
            return
        try:
            self.repo.accept_order(order_id, refused_line_ids, till=self.settings.till_name)
        except Exception as exc:
            self.toast.show_message(_tr("Not accepted: %1").replace("%1", str(exc)), "bad")
            return
        message = _tr("Order %1 accepted.").replace("%1", order.commercial_id)
        if refused_line_ids:
            message += " " + _tr("%n line(s) refused.", len(refused_line_ids))
        self._after_action(message)

    def refuse_order(self, order_id: str) -> None:
        order = self.repo.get_order(order_id)
        if order is None:
            return
        answer = QMessageBox.question(
            self,
            _tr("Refuse the order"),
            _tr("Refuse the whole order of %1? The customer will be refunded.").replace(
                "%1", order.customer_name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.repo.accept_order(
            order_id, [line.line_id for line in order.lines], till=self.settings.till_name
        )
        self._after_action(_tr("Order %1 refused.").replace("%1", order.commercial_id), "warn")

    def mark_ready(self, order_id: str) -> None:
        order = self.repo.get_order(order_id)
        if order is None:
            return
        dialog = ReadyDialog(order.customer_name, order.shelf, self)
        if dialog.exec() != ReadyDialog.DialogCode.Accepted:
            return
        try:
            self.repo.mark_ready(
                order_id,
                dialog.shelf_value,
                self.settings.till_name,
                dialog.bag_count,
                ship=self.settings.ship_on == "ready",
            )
        except Exception as exc:
            self.toast.show_message(_tr("Not marked ready: %1").replace("%1", str(exc)), "bad")
            return
        printed = self.print_document("slip", order_id, quiet=True)
        if self._offline():
            message = _tr(
                "Ready on shelf %1. Offline: the customer gets the code when the link is back."
            )
        else:
            message = _tr("Ready on shelf %1; the customer gets the code.")
        message = message.replace("%1", dialog.shelf_value)
        if not printed:
            # The reason goes with it: a second toast would hide the first.
            reason = self.last_print_error
            message += "\n" + _tr("The slip was not printed: %1").replace("%1", reason)
        self._after_action(message, "info" if printed else "warn")

    def _offline(self) -> bool:
        try:
            return bool(self.desk.service.is_offline())
        except Exception:  # a store that cannot say is as good as offline
            return True

    def _documents(self) -> Any:
        """Builds documents for the preview (the printer stand-in in tests may not)."""
        return self.printer if hasattr(self.printer, "document") else PrintBridge(self.settings)

    def open_preview(self, document: Any) -> Any:
        """The print preview of a document, with Save as PDF: where printing goes with no
        printer set up."""
        from counter_app.printing.preview import preview_dialog

        dialog = preview_dialog(document, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Within the window, so its buttons are on a 1024x600 screen too.
        dialog.resize(
            min(dialog.width(), self.width() - 40), min(dialog.height(), self.height() - 40)
        )
        self.preview = dialog
        dialog.open()
        return dialog

    def print_document(self, kind: str, order_id: str, quiet: bool = False) -> bool:
        """Print a slip or a card; True when printed or previewed. When not, the reason (in
        the window's language) is in `last_print_error` and, unless `quiet`, in a toast.

        With no printer the preview opens instead (also when `quiet`: a slip is needed)."""
        self.last_print_error = ""
        order = self.repo.get_order(order_id)
        if order is None:
            return False
        if kind == "card" and not order.pickup_code:
            reason = _tr("Order %1 has no pickup code yet: mark it ready first.")
            self.last_print_error = reason.replace("%1", order.commercial_id)
            self.toast.show_message(self.last_print_error, "warn")
            return False
        try:
            self.printer.print_document(kind, order)
        except Exception as exc:  # a jammed printer must not lose the action just taken
            if is_no_printer(exc):
                self.open_preview(self._documents().document(kind, order))
                return True
            log.warning("printing %s failed: %s", kind, exc)
            self.last_print_error = print_message_text(exc)
            if not quiet:
                message = _tr("Printing failed: %1").replace("%1", self.last_print_error)
                self.toast.show_message(message, "bad")
            return False
        if not quiet:
            self.toast.show_message(_tr("Sent to the printer."), "info", 2500)
        return True

    def print_daily_list(self) -> bool:
        try:
            self.printer.print_daily_list(self.repo)
        except Exception as exc:
            if is_no_printer(exc):
                self.open_preview(self._documents().daily_list(self.repo))
                return True
            log.warning("printing the daily list failed: %s", exc)
            self.toast.show_message(
                _tr("Printing failed: %1").replace("%1", print_message_text(exc)), "bad"
            )
            return False
        self.toast.show_message(_tr("Pickup list sent to the printer."), "info", 2500)
        return True

    def add_note(self, order_id: str) -> None:
        text, ok = QInputDialog.getMultiLineText(self, _tr("Add a note"), _tr("Note:"))
        if ok and text.strip():
            self.repo.add_note(order_id, text, till=self.settings.till_name)
            self.show_order(order_id)

    def clear_problem(self, order_id: str) -> None:
        self.repo.clear_problem(order_id)
        self.refresh_all()

    # ---- sync ---------------------------------------------------------------------------
    def sync_now(self) -> None:
        if self.sync.available:
            self.sync.sync_now()
            self.status.update_state(_replace(self.status.state, running=True))
        else:
            self.toast.show_message(_tr("Sync is not set up: open Set-up."), "warn")

    def _local_sync_view(self, base: SyncView | None = None) -> SyncView:
        state = self.repo.get_sync_state("orders")
        view = base or SyncView(available=self.sync.available)
        return _replace(
            view,
            last_success_at=state.last_success_at or view.last_success_at,
            pending_actions=self.repo.count_pending_actions(),
            problems=self.tab_counts.get("problems", 0),
            available=self.sync.available,
        )

    def _sync_status(self, view: SyncView) -> None:
        self.status.update_state(_replace(view, available=True))

    @tolerate_server_loss
    def notify_new_orders(self, order_ids: list[str]) -> None:
        orders = [o for o in (self.repo.get_order(i) for i in order_ids[:50]) if o is not None]
        if not orders:
            return
        to_accept = [o for o in orders if o.stage.value == "to_accept"]
        message = _tr("%n new order(s).", len(orders))
        if to_accept:
            delay = self.settings.acceptance_delay_hours
            soonest = min((accept_before(o.created_at, delay) for o in to_accept), default=None)
            message += " " + _tr("%n to accept", len(to_accept))
            if soonest is not None:
                message += " " + _tr("before %1").replace("%1", format_moment(soonest))
                message += f" ({humanize_delta(soonest - datetime.now(UTC))})"
            message += "."
        names = ", ".join(o.customer_name for o in orders[:3])
        message += "\n" + names + ("…" if len(orders) > 3 else "")
        self.toast.show_message(message, "new", 10_000)
        self.sounds.play("notify")
        if self.tray is not None:
            self.tray.showMessage(_tr("New orders"), message)

    # ---- set-up -------------------------------------------------------------------------
    def open_setup(self) -> SetupDialog:
        dialog = SetupDialog(self.settings, self, workers=self.workers, demo=self.demo_settings)
        dialog.setModal(True)
        dialog.accepted.connect(lambda: self._setup_saved(dialog))
        dialog.open()
        return dialog

    def _setup_saved(self, dialog: SetupDialog) -> None:
        new = dialog.accepted_settings
        if new is None:
            return
        if self.save_settings is not None:
            self.save_settings(new)
        language_changed = new.language != self.settings.language
        marketplace_changed = any(
            getattr(new, name) != getattr(self.settings, name)
            for name in (
                "marketplace_url",
                "api_key",
                "shop_id",
                "pickup_shipping_types",
                "pickup_code_field",
            )
        )
        for name in (
            "marketplace_url",
            "shop_id",
            "pickup_shipping_types",
            "pickup_code_field",
            "till_name",
            "language",
            "confirm_on_scan",
            "verdict_timeout_seconds",
            "printers",
            "api_key",
            "camera_device",
            "camera_mirror",
            "shop_name",
            "shop_address",
            "opening_hours",
        ):
            setattr(self.settings, name, getattr(new, name))
        camera_hookup.apply_camera_settings(self)
        self.band.timeout_s = self.settings.verdict_timeout_seconds
        self.status.set_till(self.settings.till_name)
        if language_changed:
            from counter_app.ui.app import install_language

            install_language(QApplication.instance(), self.settings.language)
            self.retranslate()
        if marketplace_changed:
            self.sync.rebuild()
            self.status.update_state(self._local_sync_view(self.status.state))
        self.toast.show_message(_tr("Settings saved."), "info", 3000)

    # ---- closing ------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.scanner.uninstall()
        camera_hookup.shutdown_camera(self)
        self.sync.stop()
        self.live.stop()
        self.workers.wait(3000)
        super().closeEvent(event)


# The tab a scanned order is shown in when the current one does not list it.
_VIEW_OF_STAGE = {
    "to_accept": "to_accept",
    "awaiting_payment": "to_prepare",
    "to_prepare": "to_prepare",
    "ready": "ready",
}


def _replace(view: SyncView, **changes: Any) -> SyncView:
    from dataclasses import replace

    return replace(view, **changes)


def _default_scan_service(ctx: AppContext) -> Any:
    from counter_app.store.scan_service import ScanService

    return ScanService(ctx.repo, ctx.settings)
