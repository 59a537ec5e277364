"""The order lists as a Qt table model: counted once, fetched a page at a time.

The row count comes with a refresh (the tab counts, worked out off the GUI thread) or, for a
search, from one count query. Rows are read in pages of `PAGE_SIZE` when the view first paints
them and kept in a small LRU window, so 200,000 orders cost a few pages of memory. A page next
to one already read is read by keyset (the rows after its last one, or before its first one),
the last page as the first of the reversed order: Ctrl+End never makes SQLite skip rows.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from counter_app.domain.pickup_window import ready_before_for_not_collected
from counter_app.settings import Settings
from counter_app.store.database import server_unreachable
from counter_app.store.records import OrderSummaryRow
from counter_app.store.repository import Repository
from counter_app.ui.marketplace_look import MarketplaceLook
from counter_app.ui.order_ref import OrderRef
from counter_app.ui.order_row_cells import (
    COL_BAGS,
    COL_CREATED,
    COL_CUSTOMER,
    COL_ITEMS,
    COL_MARKET,
    COL_ORDER,
    COL_SHELF,
    COL_STATUS,
    COL_WHEN,
    COLUMN_COUNT,
    CellContext,
    RowCells,
    bold_font,
    row_cells,
)
from counter_app.ui.order_tabs import OrderView, start_of_local_day

__all__ = [
    "COLUMN_COUNT",
    "COL_BAGS",
    "COL_CREATED",
    "COL_CUSTOMER",
    "COL_ITEMS",
    "COL_MARKET",
    "COL_ORDER",
    "COL_SHELF",
    "COL_STATUS",
    "COL_WHEN",
    "ORDER_ID_ROLE",
    "ORDER_REF_ROLE",
    "PAGE_SIZE",
    "ROW_ROLE",
    "OrderTableModel",
]

PAGE_SIZE = 200
MAX_CACHED_PAGES = 40
# Rows whose cells are kept (a few screens): the view only paints what is on screen.
MAX_CACHED_CELLS = 2000

# Column → repository sort key; None means the column cannot be sorted on cheaply.
_SORT_KEYS: dict[int, str | None] = {
    COL_ORDER: "commercial_id",
    COL_CUSTOMER: "customer",
    COL_ITEMS: None,
    COL_BAGS: None,
    COL_WHEN: "deadline_at",
    COL_SHELF: "shelf",
    COL_STATUS: "stage",
    COL_CREATED: "created_at",
    COL_MARKET: None,  # the filter narrows to one marketplace; no sort needed on it
}

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ORDER_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ORDER_REF_ROLE = Qt.ItemDataRole.UserRole + 3  # OrderRef: marketplace and order id

_PREPARED = frozenset({"ready", "collected"})

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)
# Asked by the view's delegate for every cell; no cell of this table has them.
_UNUSED_ROLES = frozenset({Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.SizeHintRole})

_Index = QModelIndex | QPersistentModelIndex


class OrderTableModel(QAbstractTableModel):
    """One view's orders (a tab), searchable and sortable, read lazily from the repository."""

    def __init__(
        self,
        repo: Repository,
        view: OrderView,
        parent: Any = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        # Deadline settings (acceptance delay, ship_on, warning window); defaults without it.
        self.settings = settings or Settings()
        self.view = view
        self.search = ""
        # An exact order number, listed while it is also the search text (`show_number`).
        self.number = ""
        # The marketplace filter (an account key; None: every marketplace).
        self.marketplace: str | None = None
        # Names and colours of the accounts, for the Marketplace column.
        self.look = MarketplaceLook(self.settings)
        self.sort_key = view.default_sort
        self.descending = view.default_descending
        self._count = 0
        self._pages: OrderedDict[int, list[OrderSummaryRow]] = OrderedDict()
        self.pages_fetched = 0
        # Told when a page cannot be read because the shop server is out of reach (the
        # window says so); the row is left blank and read again once the server is back.
        self.on_server_lost: Callable[[], None] | None = None
        # Row → (its record, its cells); dropped when `_cells_valid` no longer holds.
        self._cells: dict[int, tuple[OrderSummaryRow, RowCells]] = {}
        self._cells_valid: tuple[Any, ...] = ()
        self._cells_until = 0.0  # time.monotonic() when the row texts are worked out again
        self._count = self._query_count()

    def filters(self) -> dict[str, Any]:
        """What the repository is asked for this view (its search and tab)."""
        return self._filters()

    # ---- what the repository is asked ------------------------------------------------
    def _filters(self) -> dict[str, Any]:
        if self.number and self.search == self.number:
            # The number the window typed to show a scanned order: that order only, whatever
            # its stage (its number is in the search box; a key staff press makes it a search).
            return {"stages": None, "number": self.number, "marketplace": self.marketplace}
        if self.search:
            # A search looks everywhere: staff type a name without knowing the order's stage;
            # the Status column says where each result stands. The marketplace filter, chosen
            # on purpose, still holds.
            return {"stages": None, "search": self.search, "marketplace": self.marketplace}
        return {
            "marketplace": self.marketplace,
            "stages": list(self.view.stages) or None,
            "search": self.search,
            "collected_since": start_of_local_day() if self.view.collected_today else None,
            "problems_only": self.view.problems_only,
            "ready_before": ready_before_for_not_collected(
                self.settings.pickup_days, datetime.now(UTC)
            )
            if self.view.not_collected
            else None,
        }

    def _query_count(self) -> int:
        return self.repo.count_orders(**self._filters())

    def _page(self, number: int) -> list[OrderSummaryRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._read_page(number)
        self.pages_fetched += 1
        self._pages[number] = page
        if len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def _read_page(self, number: int) -> list[OrderSummaryRow]:
        start = number * PAGE_SIZE
        end = min(start + PAGE_SIZE, self._count)
        last = max(0, (self._count - 1) // PAGE_SIZE)
        keyset = self.repo.lists.keyset_pages(self.sort_key)

        def read(descending: bool, **where: Any) -> list[OrderSummaryRow]:
            return self.repo.order_summaries(
                **self._filters(), sort=self.sort_key, descending=descending, **where
            )

        forward, backward = self.descending, not self.descending
        if number == 0:
            return read(forward, limit=PAGE_SIZE)
        if keyset:
            if number == last:
                # The far end: the first rows of the reversed order.
                return read(backward, limit=max(0, end - start))[::-1]
            before, after = self._pages.get(number - 1), self._pages.get(number + 1)
            if before:
                return read(forward, limit=PAGE_SIZE, after=before[-1].key)
            if after is None and number == last - 1:
                after = self._page(last)  # Ctrl+End paints the end of the page before it
            if after:
                return read(backward, limit=PAGE_SIZE, after=after[0].key)[::-1]
        if start > self._count // 2:
            # A jump deep into the list: read it from the other end, so SQLite skips fewer
            # rows (the sort is total, with the row id as tie-break, so the mirror is exact).
            offset = self._count - end
            return read(backward, offset=offset, limit=max(0, end - start))[::-1]
        return read(forward, offset=start, limit=PAGE_SIZE)

    def row_at(self, row: int) -> OrderSummaryRow | None:
        """The light record shown on a row (None past the end)."""
        if row < 0 or row >= self._count:
            return None
        try:
            page = self._page(row // PAGE_SIZE)
        except Exception as exc:  # painting must never raise: the view asks again later
            if not server_unreachable(exc):
                raise
            if self.on_server_lost is not None:
                self.on_server_lost()
            return None
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def cached_rows(self) -> int:
        return sum(len(page) for page in self._pages.values())

    # ---- changes ---------------------------------------------------------------------
    def refresh(
        self, count: int | None = None, pages: dict[int, list[OrderSummaryRow]] | None = None
    ) -> None:
        """Drop cached pages and take the new row count (after a sync or a local action).

        `count` and the first `pages`, when given, were read off the GUI thread; without
        `count` it is counted here, first: a failed read leaves the model as it was."""
        if count is None:
            count = self._query_count()
        self.beginResetModel()
        self._pages.clear()
        self._cells.clear()
        self._count = count
        for number, page in sorted((pages or {}).items()):
            self._pages[number] = page
        self.endResetModel()

    def set_search(self, text: str) -> None:
        if text == self.search and not self.number:
            return
        self.search = text
        self.number = ""
        self.refresh()

    def show_number(self, number: str) -> None:
        """List the orders of exactly this number (a scanned order shown by the window)."""
        self.search = self.number = number
        self.refresh()

    def set_marketplace(self, key: str | None) -> None:
        """Show one marketplace's orders (an account key), or every one's (None)."""
        if key == self.marketplace:
            return
        self.marketplace = key
        self.refresh()

    def row_of(self, order: OrderRef | str) -> int | None:
        """Where an order sits among the rows already read (None when not loaded).

        A bare id (or a ref without marketplace) finds that id on any marketplace."""
        ref = order if isinstance(order, OrderRef) else OrderRef(order)
        for number, page in self._pages.items():
            for i, record in enumerate(page):
                if record.order_id == ref.order_id and (
                    ref.marketplace is None or record.marketplace == ref.marketplace
                ):
                    return number * PAGE_SIZE + i
        return None

    # ---- Qt model interface ----------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.column_title(section)

    def column_title(self, section: int) -> str:
        tr = QCoreApplication.translate
        if section == COL_WHEN:
            return {
                "to_accept": tr("OrderTable", "Accept before (est.)"),
                "ready": tr("OrderTable", "Ready since"),
                "not_collected": tr("OrderTable", "Collect by"),
                "collected_today": tr("OrderTable", "Collected at"),
            }.get(self.view.key, tr("OrderTable", "Ship by"))
        titles = {
            COL_ORDER: tr("OrderTable", "Order"),
            COL_CUSTOMER: tr("OrderTable", "Customer"),
            COL_ITEMS: tr("OrderTable", "Items"),
            COL_BAGS: tr("OrderTable", "Bags"),
            COL_SHELF: tr("OrderTable", "Shelf"),
            COL_STATUS: tr("OrderTable", "Status"),
            COL_CREATED: tr("OrderTable", "Ordered"),
            COL_MARKET: tr("OrderTable", "Marketplace"),
        }
        return titles.get(section, "")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each paint: the roles no cell
        # answers return before anything is looked up.
        if role in _UNUSED_ROLES or not index.isValid():
            return None
        column = index.column()
        if role == _ALIGN:
            return _CENTRED if column in (COL_ITEMS, COL_BAGS) else None
        row = index.row()
        record = self.row_at(row)
        if record is None:
            return None
        if role == _DISPLAY:
            return self._cells_of(row, record).display[column]
        if role == _FOREGROUND:
            return self._cells_of(row, record).foreground[column]
        if role == _BACKGROUND:
            return self._cells_of(row, record).background
        if role == _FONT:
            if column == COL_CUSTOMER:
                return bold_font()
            if column == COL_BAGS and self._cells_of(row, record).bags_bold:
                return bold_font()
            return None
        if role == ROW_ROLE:
            return record
        if role == ORDER_ID_ROLE:
            return record.order_id
        if role == ORDER_REF_ROLE:
            return OrderRef(record.order_id, record.marketplace)
        if column == COL_MARKET and role == Qt.ItemDataRole.DecorationRole:
            return self.look.swatch(record.marketplace)  # beside the name, never alone
        if column == COL_MARKET and role == Qt.ItemDataRole.ToolTipRole:
            return self.look.name(record.marketplace)
        if column == COL_STATUS and role == Qt.ItemDataRole.ToolTipRole:
            return self._cells_of(row, record).status_tip
        return None

    def _cells_of(self, row: int, record: OrderSummaryRow) -> RowCells:
        """A row's cells, worked out once (`order_row_cells`) and kept while its page, the
        clock's minute, the tab's look and the deadline settings stay the same."""
        cached = self._cells.get(row)
        settings = self.settings
        valid = (
            id(self.look),
            settings.pickup_days,
            settings.acceptance_delay_hours,
            settings.ship_on,
            settings.ship_by_warning_hours,
        )
        if (
            cached is not None
            and cached[0] is record
            and valid == self._cells_valid
            and time.monotonic() < self._cells_until
        ):
            return cached[1]
        now = datetime.now(UTC)
        if valid != self._cells_valid or time.monotonic() >= self._cells_until:
            self._cells.clear()
            self._cells_valid = valid
            # Texts say "in 3 h", "late": worked out again at the next minute of the clock.
            self._cells_until = time.monotonic() + 60 - now.second - now.microsecond / 1e6
        elif len(self._cells) > MAX_CACHED_CELLS:
            self._cells.clear()
        context = CellContext(self.view.key, self._one_stage(), settings, self.look, now)
        cells = row_cells(record, context)
        self._cells[row] = (record, cells)
        return cells

    def bags_always_empty(self) -> bool:
        """Whether no row can show bags: a tab of orders not packed yet (bags are counted
        when an order is made ready), without a search that may list any stage."""
        stages = {stage.value for stage in self.view.stages}
        return self._one_stage() and not stages & _PREPARED

    def _one_stage(self) -> bool:
        """Whether every row shown is in the tab's own stage(s): not a search, not "all"."""
        return not self.search and bool(self.view.stages) and not self.view.problems_only

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = _SORT_KEYS.get(column)
        if key == "deadline_at":
            # "Accept before" is created_at plus a fixed delay: the same order.
            key = {
                "ready": "ready_at",
                "not_collected": "ready_at",
                "collected_today": "collected_at",
                "to_accept": "created_at",
            }.get(self.view.key, "deadline_at")
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()
