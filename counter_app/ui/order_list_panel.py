"""The order lists: tabs with live counts, the list of the chosen tab, its search field.

The panel owns which order is selected (`current_ref`: its marketplace and id, as two
marketplaces may share an order id), shows it in the detail pane the window handed in (right
of the list, in the panel's splitter) and says so with `order_selected`. The search field and
the marketplace filter are the panel's too, although the window lays them out in its top row
beside the scan field. With a single marketplace account the filter and the Marketplace
column are hidden: a one-marketplace shop sees the list it always had.

Its parts live beside it: the tab bar and what its tabs say (`order_list_tabs`), the
marketplace filter (`marketplace_filter`), the selection and the finding of an order the till
dealt with (`order_list_selection`, mixed in), the column widths (`order_columns`). The panel
itself decides which list is shown and when it is read again (now, or by `list_refresh`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.deadlines import accept_before
from counter_app.domain.pickup_window import ready_before_for_not_collected
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.store.repository import Repository
from counter_app.ui.detail_pane import DetailPane
from counter_app.ui.list_refresh import RefreshRequest, RefreshResult, SelectedRead, rows_in_tab
from counter_app.ui.live_updates import tolerate_server_loss
from counter_app.ui.marketplace_filter import MarketplaceFilter
from counter_app.ui.marketplace_look import MarketplaceLook
from counter_app.ui.order_columns import OrderColumns
from counter_app.ui.order_list_selection import ListSelection
from counter_app.ui.order_list_tabs import ViewTabs, empty_text
from counter_app.ui.order_ref import OrderRef
from counter_app.ui.order_table_model import PAGE_SIZE, OrderTableModel
from counter_app.ui.order_tabs import VIEWS, start_of_local_day


def _tr(text: str, n: int = -1) -> str:
    # The window's context: these texts were the window's before the panel was split off.
    return QCoreApplication.translate("MainWindow", text, "", n)


class OrderListPanel(ListSelection, QWidget):
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
        self.marketplace_filter = MarketplaceFilter(self.look)
        self.marketplace_filter.currentIndexChanged.connect(self._marketplace_changed)

        self.tabs = ViewTabs()
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
        return self.marketplace_filter.chosen_key

    def account_keys(self) -> tuple[str, ...]:
        """The accounts set up, when there are several (their sync states are read)."""
        return tuple(a.key for a in self.look.accounts) if self.look.several else ()

    # ---- the marketplace filter -----------------------------------------------------------
    def accounts_changed(self) -> None:
        """Set-up changed the accounts: names, colours, filter and column again."""
        self.marketplace_filter.fill()
        for model in self.models.values():
            model.marketplace = self.marketplace
        self.select_view(self.view_key)
        self.refresh_counts()

    def set_marketplace(self, key: str | None) -> None:
        """Narrow the list and its tab counts to one account (None: all)."""
        self.marketplace_filter.choose(key)

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
        self.tabs.show_counts(counts, deadline)

    def refresh(self) -> None:
        """Read the list again now (after a local action), keeping the selected order."""
        self.list_generation += 1
        # Counted a moment ago with the tabs (`refresh_counts`): no count query of its own.
        fresh = self.counts and self._counts_applied == self.counts_generation
        model = self.model
        model.refresh(
            rows_in_tab(self.view_key, self.counts) if fresh and not model.search else None
        )
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
            self.empty_label.setText(empty_text(self.view_key, self.model.search))
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)
