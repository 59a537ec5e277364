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
from PySide6.QtGui import QFont, QFontMetrics
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
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.store.repository import Repository
from counter_app.ui.detail_pane import DetailPane
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

# On a small screen these go first, so order, customer, bags, shelf and state stay.
_OPTIONAL_COLUMNS = (COL_CREATED, COL_ITEMS, COL_WHEN)
_MIN_CUSTOMER_WIDTH = 170


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
        self._taking_room = False

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
        self.show_empty_state()
        self.follow_selection()

    def refresh_counts(self) -> dict[str, int]:
        """The tabs' texts: how many orders each lists, and how long is left to accept."""
        counts = self.repo.view_counts(start_of_local_day())
        oldest = self.repo.earliest_created(Stage.TO_ACCEPT)
        delay = self.settings.acceptance_delay_hours
        deadline = accept_before(oldest, delay) if oldest else None
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
        return counts

    def refresh(self) -> None:
        """Read the list again (after a sync or an action), keeping the selected order."""
        self.model.refresh()
        self.fit_columns()
        self.show_empty_state()
        self.follow_selection()

    # ---- columns --------------------------------------------------------------------------
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
        self.fit_columns()

    def adapt_columns(self) -> None:
        """Hide the optional columns, least useful first, while the list is too narrow."""
        room = self.table.viewport().width()
        if room <= 0:
            return
        for column in _OPTIONAL_COLUMNS:
            self.table.setColumnHidden(column, False)

        def needed() -> int:
            return _MIN_CUSTOMER_WIDTH + sum(
                self.table.columnWidth(c)
                for c in range(self.model.columnCount())
                if c != COL_CUSTOMER and not self.table.isColumnHidden(c)
            )

        for column in _OPTIONAL_COLUMNS:
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.table.viewport()
            and event.size().width() != event.oldSize().width()  # type: ignore[attr-defined]
        ):
            self.adapt_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
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
        self.adapt_columns()

    def set_compact(self, compact: bool, window_width: int) -> None:
        """Narrower tabs and detail pane on a small screen (1024 wide)."""
        self.tabs.setProperty("compact", compact)
        self.tabs.setStyleSheet("QTabBar::tab { padding: 8px 7px; }" if compact else "")
        self.detail.set_compact(compact)
        total = self.splitter.width() or window_width
        pane = min(self.detail.minimumSizeHint().width() + 10, total // 2) if compact else 400
        self.splitter.setSizes([max(0, total - pane), pane])

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        self._set_indicator(self.model)

    # ---- search and empty lists -----------------------------------------------------------
    def apply_search(self) -> None:
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
                }.get(self.view_key, _tr("No orders yet."))
            self.empty_label.setText(text)
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)

    # ---- selection ------------------------------------------------------------------------
    def show_order(self, order_id: str | None) -> None:
        """Make `order_id` the selected order, shown in the detail pane."""
        self.current_order_id = order_id
        order = self.repo.get_order(order_id) if order_id else None
        history = self.repo.stage_history(order_id) if order is not None and order_id else []
        self.detail.show_order(order, history)
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

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        order_id = current.data(ORDER_ID_ROLE)
        if order_id and order_id != self.current_order_id:
            self.show_order(order_id)
