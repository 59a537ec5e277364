"""The order lists: tabs with live counts, the list of the chosen tab, its search field.

The panel owns which order is selected (`current_ref`: its marketplace and id, as two
marketplaces may share an order id), shows it in the detail pane the window handed in (right
of the list, in the panel's splitter) and says so with `order_selected`. The search field and
the marketplace filter are the panel's too, although the window lays them out in its top row
beside the scan field. With a single marketplace account the filter and the Marketplace
column are hidden: a one-marketplace shop sees the list it always had.
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
    QComboBox,
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
from counter_app.store.repository import AmbiguousOrderError, Repository
from counter_app.ui import order_messages
from counter_app.ui.detail_pane import DetailPane
from counter_app.ui.list_refresh import RefreshRequest, RefreshResult, SelectedRead, rows_in_tab
from counter_app.ui.live_updates import tolerate_server_loss
from counter_app.ui.marketplace_look import MarketplaceLook, all_marketplaces_text
from counter_app.ui.order_columns import OrderColumns
from counter_app.ui.order_ref import OrderLike, OrderRef, as_ref
from counter_app.ui.order_table_model import (
    ORDER_REF_ROLE,
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

    order_selected = Signal(object)  # the OrderRef now selected (shown in detail), or None

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
        self.current_ref: OrderRef | None = None
        self.look = MarketplaceLook(settings)
        # A background refresh applies only when no newer request was made since
        # (`list_refresh`): counts and list are numbered apart (the clock asks counts only).
        self.counts_generation = 0
        self.list_generation = 0
        self.counts: dict[str, int] = {}
        self._counts_applied = 0  # the generation `counts` are from
        self._prefetched: SelectedRead | None = None

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(_tr("Search: name, order number, e-mail, ISBN (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        # One marketplace's orders, or all (list and tab counts alike).
        self.marketplace_filter = QComboBox()
        self.marketplace_filter.setObjectName("marketplaceFilter")
        self.marketplace_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fill_marketplace_filter()
        self.marketplace_filter.currentIndexChanged.connect(self._marketplace_changed)

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

    @property
    def current_order_id(self) -> str | None:
        return self.current_ref.order_id if self.current_ref is not None else None

    @property
    def marketplace(self) -> str | None:
        """The account key the list is narrowed to (None: every marketplace)."""
        if not self.look.several:
            return None
        data = self.marketplace_filter.currentData()
        return str(data) if data else None

    def account_keys(self) -> tuple[str, ...]:
        """The accounts set up, when there are several (their sync states are read)."""
        return tuple(a.key for a in self.look.accounts) if self.look.several else ()

    # ---- the marketplace filter -----------------------------------------------------------
    def fill_marketplace_filter(self) -> None:
        """The filter's choices from the accounts set up (kept when still there)."""
        self.look.reload()
        combo = self.marketplace_filter
        kept = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_marketplaces_text(), "")
        for account in self.look.accounts:
            combo.addItem(self.look.swatch(account.key), account.label, account.key)
        index = combo.findData(kept) if kept else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        combo.setVisible(self.look.several)

    def accounts_changed(self) -> None:
        """Set-up changed the accounts: names, colours, filter and column again."""
        self.fill_marketplace_filter()
        for model in self.models.values():
            model.marketplace = self.marketplace
        self.select_view(self.view_key)
        self.refresh_counts()

    def set_marketplace(self, key: str | None) -> None:
        """Narrow the list and its tab counts to one account (None: all)."""
        index = self.marketplace_filter.findData(key or "")
        if index >= 0:
            self.marketplace_filter.setCurrentIndex(index)

    @tolerate_server_loss
    def _marketplace_changed(self, _index: int) -> None:
        self.refresh_counts()
        self.list_generation += 1
        self.model.set_marketplace(self.marketplace)
        self.fit_columns()
        self.show_empty_state()
        self.follow_selection()

    def select_view(self, key: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabData(i) == key:
                self.tabs.setTabVisible(i, True)  # "Not collected" hides while empty
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
        model.look = self.look
        model.search = self.search.text().strip()
        model.marketplace = self.marketplace
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
        counts = self.repo.view_counts(
            start_of_local_day(), self._ready_before(), marketplace=self.marketplace
        )
        oldest = self.repo.earliest_created(Stage.TO_ACCEPT, self.marketplace)
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
            if key == "not_collected":
                # Only while some order waits past its collect-by day (or it is open): the
                # tabs keep fitting a 1024-wide screen on an ordinary day.
                self.tabs.setTabVisible(i, bool(n) or self.tabs.currentIndex() == i)
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
                counts_generation=self.counts_generation,
                ready_before=self._ready_before(),
                marketplace=self.marketplace,
                account_keys=self.account_keys(),
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
            order_marketplace=self.current_ref.marketplace if self.current_ref else None,
            ready_before=self._ready_before(),
            marketplace=self.marketplace,
            account_keys=self.account_keys(),
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
        read = result.selected()

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
    def show_order(self, order: OrderLike | None) -> None:
        """Make `order` (a ref, or a bare id) the selected order, shown in the detail pane."""
        ref = as_ref(order)
        read = self._prefetched
        section = None
        if read is not None and ref is not None and ref.same(read.ref):
            # Read with the refresh, off this thread.
            found, history, section = read.order, read.history, read.section
        else:
            found = self._find(ref)
            history = self.repo.stage_history(found.order_id, found.marketplace) if found else []
        # What is shown is the order found: a bare id becomes its full ref.
        self.current_ref = OrderRef(found.order_id, found.marketplace) if found else ref
        self.detail.show_order(found, history)
        order_messages.show(self.detail.customer_messages, self.repo, found, section)
        self.order_selected.emit(self.current_ref)

    def _find(self, ref: OrderRef | None) -> Order | None:
        """The order a ref names; None for a bare id several marketplaces share (the
        scan band says "ambiguous" and lists them; nothing is picked for staff)."""
        if ref is None:
            return None
        try:
            return self.repo.get_order(ref.order_id, ref.marketplace)
        except AmbiguousOrderError:
            return None

    def select_in_list(self, order: OrderLike | None, pages: int = 3) -> bool:
        """Select `order`'s row if it is among the first `pages` pages of the list."""
        ref = as_ref(order)
        if ref is not None and ref.marketplace is None and self.look.several:
            # A bare id (a scan, a caller that knows no marketplace): the order it names, or
            # nothing when two marketplaces have it; never the first row that happens to match.
            found = self._find(ref)
            ref = OrderRef(found.order_id, found.marketplace) if found else None
        if ref is None:
            return False
        for page in range(pages):
            if self.model.row_at(page * PAGE_SIZE) is None:  # reads the page
                break
            row = self.model.row_of(ref)
            if row is not None:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(self.model.index(row, 0))
                self.show_order(self.model.index(row, 0).data(ORDER_REF_ROLE))
                return True
        return False

    def follow_selection(self) -> None:
        """The detail pane shows the selected row, never an order the list does not show:
        the same order when it is still listed, else the first row, else nothing."""
        if self.select_in_list(self.current_ref):
            return
        if self.model.rowCount():
            self.table.selectRow(0)
            self.show_order(self.model.index(0, 0).data(ORDER_REF_ROLE))
        else:
            self.show_order(None)

    def reveal_order(self, order: OrderLike) -> None:
        """Select an order the till just dealt with, in the list of its stage if need be."""
        ref = as_ref(order)
        if ref is None or self.select_in_list(ref):
            return
        found = self._find(ref)
        if found is None:
            return
        ref = OrderRef(found.order_id, found.marketplace)
        if self.search.text().strip():
            # What staff searched for stays; the pane keeps showing the selected result.
            return
        if self.marketplace is not None and self.marketplace != found.marketplace:
            # Scanned while the list shows another marketplace: all marketplaces again.
            self.set_marketplace(None)
            if self.select_in_list(ref):
                return
        key = VIEW_OF_STAGE.get(found.stage.value, "all")
        if key != self.view_key:
            self.current_ref = ref
            self.select_view(key)
            if self.select_in_list(ref):
                return
        # Deep in a long list: a search shows it whatever its stage.
        self.search.blockSignals(True)
        self.search.setText(found.commercial_id or found.order_id)
        self.search.blockSignals(False)
        self.model.set_search(self.search.text())
        self.show_empty_state()
        if not self.select_in_list(ref):
            self.follow_selection()

    @tolerate_server_loss
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        ref = current.data(ORDER_REF_ROLE)
        if ref is not None and ref != self.current_ref:
            self.show_order(ref)
