"""The order lists: tabs with live counts, the list of the chosen tab, its search field.

The panel owns which order is selected (`current_order_id`), shows it in the detail pane the
window handed in (right of the list, in the panel's splitter) and says so with
`order_selected`. The search field is the panel's too, although the
window lays it out in its top row beside the scan field.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.deadlines import accept_before
from counter_app.domain.orders import Order
from counter_app.domain.pickup_window import ready_before_for_not_collected
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.store.repository import Repository, StageChange
from counter_app.ui import order_messages
from counter_app.ui.detail_pane import DetailPane
from counter_app.ui.list_refresh import RefreshRequest, RefreshResult, rows_in_tab
from counter_app.ui.live_updates import tolerate_server_loss
from counter_app.ui.order_columns import OrderColumns
from counter_app.ui.order_table_model import (
    ORDER_ID_ROLE,
    PAGE_SIZE,
    OrderTableModel,
)
from counter_app.ui.order_tabs import VIEWS, humanize_delta, start_of_local_day, view_title


def _tr(text: str, n: int = -1) -> str:
    # The window's context: these texts were the window's before the panel was split off.
    return QCoreApplication.translate("MainWindow", text, "", n)


# The tab a scanned order is shown in when the current one does not list it.
VIEW_OF_STAGE = {
    "to_accept": "to_accept",
    "awaiting_payment": "to_prepare",
    "to_prepare": "to_prepare",
    "ready": "ready",
}


class OrderListPanel(QWidget):
    """Tabs over the list of orders, the detail pane beside it, and the search."""

    order_selected = Signal(object)  # the order id now selected (shown in detail), or None

    def __init__(
        self,
        repo: Repository,
        settings: Settings,
        detail: DetailPane,
        models: dict[str, OrderTableModel] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.settings = settings
        self.detail = detail
        # Kept by the window across a rebuild (language change): each tab keeps its sort.
        self.models: dict[str, OrderTableModel] = {} if models is None else models
        self.current_order_id: str | None = None
        # A background refresh applies only when no newer request was made since
        # (`list_refresh`): counts and list are numbered apart (the clock asks counts only).
        self.counts_generation = 0
        self.list_generation = 0
        self.counts: dict[str, int] = {}
        self._counts_applied = 0  # the generation `counts` are from
        self._prefetched: tuple[str, Order | None, list[StageChange]] | None = None

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(_tr("Search: name, order number, e-mail, ISBN (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())

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

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(detail)
        # The list gets the room: long French names and deadlines must not be cut.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([950, 400])
        self.columns = OrderColumns(self.table, self.splitter)

        lists = QVBoxLayout(self)
        lists.setContentsMargins(0, 0, 0, 0)
        lists.setSpacing(0)
        lists.addWidget(self.tabs)
        lists.addWidget(self.splitter, 1)

    # ---- which list -----------------------------------------------------------------------
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
        self.list_generation += 1
        key = str(self.tabs.tabData(index))
        model = self.models.get(key)
        if model is None:
            view = next(v for v in VIEWS if v.key == key)
            model = OrderTableModel(self.repo, view, self, settings=self.settings)
            self.models[key] = model
        model.search = self.search.text().strip()
        # Without a search the tab counts say how many rows (unless a sync has changed them
        # and their refresh is still on its way): no count query here.
        fresh = self.counts and self._counts_applied == self.counts_generation
        model.refresh(rows_in_tab(key, self.counts) if fresh and not model.search else None)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        self.table.setModel(model)
        self._set_indicator(model)
        header.blockSignals(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._size_columns()
        self.show_empty_state()
        self.follow_selection()

    def refresh_counts(self) -> dict[str, int]:
        """Count again now (after a local action); see `request_refresh` for a sync's."""
        self.counts_generation += 1
        counts = self.repo.view_counts(start_of_local_day(), self._ready_before())
        oldest = self.repo.earliest_created(Stage.TO_ACCEPT)
        delay = self.settings.acceptance_delay_hours
        deadline = accept_before(oldest, delay) if oldest else None
        self.show_counts(counts, deadline)
        self._counts_applied = self.counts_generation
        return counts

    def show_counts(self, counts: dict[str, int], deadline: datetime | None) -> None:
        """The tabs' texts: how many orders each lists, and how long is left to accept."""
        self.counts = counts
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

    def refresh(self) -> None:
        """Read the list again now (after a local action), keeping the selected order."""
        self.list_generation += 1
        self.model.refresh()
        self.fit_columns()
        self.show_empty_state()
        self.follow_selection()

    def request_refresh(self, with_list: bool = True) -> RefreshRequest:
        """What a background refresh must read; any older one in flight is now stale."""
        self.counts_generation += 1
        if not with_list:
            return RefreshRequest(
                counts_generation=self.counts_generation, ready_before=self._ready_before()
            )
        self.list_generation += 1
        model = self.model
        return RefreshRequest(
            counts_generation=self.counts_generation,
            list_generation=self.list_generation,
            view_key=self.view_key,
            filters=model.filters(),
            sort=model.sort_key,
            descending=model.descending,
            keyset=self.repo.lists.keyset_pages(model.sort_key),
            page_size=PAGE_SIZE,
            order_id=self.current_order_id,
            ready_before=self._ready_before(),
        )

    def _ready_before(self) -> datetime:
        """Ready orders made ready before this are past their pickup window (the tab count)."""
        return ready_before_for_not_collected(self.settings.pickup_days, datetime.now(UTC))

    def apply_refresh(self, result: RefreshResult) -> bool:
        """Show what a background refresh read, each part (counts, list) unless a newer
        request for it was made since; True when anything was applied.

        The list is shown in three turns of the event loop (rows; then the selection and
        detail; then the column widths), so a key pressed meanwhile waits for one of them
        only, never for all."""
        request = result.request
        counts_fresh = request.counts_generation == self.counts_generation
        if counts_fresh:
            self.show_counts(result.counts, result.deadline)
            self._counts_applied = request.counts_generation
        if request.list_generation is None or request.list_generation != self.list_generation:
            return counts_fresh
        self.model.refresh(result.count, result.pages)
        self.show_empty_state()
        generation = self.list_generation
        read = (request.order_id, result.order, result.history) if request.order_id else None

        def select() -> None:
            if generation == self.list_generation:  # else a newer list is on screen
                self._prefetched = read
                self.follow_selection()
                self._prefetched = None
                QTimer.singleShot(0, self, fit)

        def fit() -> None:
            if generation == self.list_generation:
                self.fit_columns()

        QTimer.singleShot(0, self, select)
        return True

    # ---- columns --------------------------------------------------------------------------
    def _set_indicator(self, model: OrderTableModel) -> None:
        self.columns.set_indicator(model)

    def _size_columns(self) -> None:
        self.columns.size(self.model, self.view_key)

    def adapt_columns(self) -> None:
        """Hide the optional columns, least useful first, while the list is too narrow."""
        self.columns.adapt(self.model)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.table.viewport()
            and event.size().width() != event.oldSize().width()  # type: ignore[attr-defined]
        ):
            self.adapt_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Widen columns whose loaded texts would be cut (`OrderColumns.fit`)."""
        self.columns.fit(self.model)

    def set_compact(self, compact: bool, window_width: int) -> None:
        """Narrower tabs and detail pane on a small screen (1024 wide)."""
        self.tabs.setProperty("compact", compact)
        self.tabs.setStyleSheet("QTabBar::tab { padding: 8px 7px; }" if compact else "")
        self.detail.set_compact(compact)
        total = self.splitter.width() or window_width
        pane = min(self.detail.minimumSizeHint().width() + 10, total // 2) if compact else 400
        self.splitter.setSizes([max(0, total - pane), pane])

    @tolerate_server_loss
    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        self._set_indicator(self.model)

    # ---- search and empty lists -----------------------------------------------------------
    @tolerate_server_loss
    def apply_search(self) -> None:
        self.list_generation += 1
        self.model.set_search(self.search.text().strip())
        self.fit_columns()
        self.show_empty_state()
        self.follow_selection()

    def show_empty_state(self) -> None:
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
                    "not_collected": _tr("Every ready order is within its pickup window."),
                }.get(self.view_key, _tr("No orders yet."))
            self.empty_label.setText(text)
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)

    # ---- selection ------------------------------------------------------------------------
    def show_order(self, order_id: str | None) -> None:
        """Make `order_id` the selected order, shown in the detail pane."""
        self.current_order_id = order_id
        if self._prefetched is not None and self._prefetched[0] == order_id:
            _id, order, history = self._prefetched  # read with the refresh, off this thread
        else:
            order = self.repo.get_order(order_id) if order_id else None
            history = self.repo.stage_history(order_id) if order is not None and order_id else []
        self.detail.show_order(order, history)
        order_messages.show(self.detail.customer_messages, self.repo, order)
        self.order_selected.emit(order_id)

    def select_in_list(self, order_id: str | None, pages: int = 3) -> bool:
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

    def follow_selection(self) -> None:
        """The detail pane shows the selected row, never an order the list does not show:
        the same order when it is still listed, else the first row, else nothing."""
        if self.select_in_list(self.current_order_id):
            return
        if self.model.rowCount():
            self.table.selectRow(0)
            self.show_order(self.model.index(0, 0).data(ORDER_ID_ROLE))
        else:
            self.show_order(None)

    def reveal_order(self, order_id: str) -> None:
        """Select an order the till just dealt with, in the list of its stage if need be."""
        if self.select_in_list(order_id):
            return
        order = self.repo.get_order(order_id)
        if order is None:
            return
        if self.search.text().strip():
            # What staff searched for stays; the pane keeps showing the selected result.
            return
        key = VIEW_OF_STAGE.get(order.stage.value, "all")
        if key != self.view_key:
            self.current_order_id = order_id
            self.select_view(key)
            if self.select_in_list(order_id):
                return
        # Deep in a long list: a search shows it whatever its stage.
        self.search.blockSignals(True)
        self.search.setText(order.commercial_id or order.order_id)
        self.search.blockSignals(False)
        self.model.set_search(self.search.text())
        self.show_empty_state()
        if not self.select_in_list(order_id):
            self.follow_selection()

    @tolerate_server_loss
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        order_id = current.data(ORDER_ID_ROLE)
        if order_id and order_id != self.current_order_id:
            self.show_order(order_id)
