"""The order list's columns: widths, the sort arrow, and which columns give way on a small
screen. Only the rows on screen are measured, so this stays cheap at 200,000 orders."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView

from counter_app.ui.order_table_model import (
    COL_BAGS,
    COL_CREATED,
    COL_CUSTOMER,
    COL_ITEMS,
    COL_MARKET,
    COL_ORDER,
    COL_SHELF,
    COL_STATUS,
    COL_WHEN,
    OrderTableModel,
)

# On a small screen these go first, so order, customer, bags, shelf and state stay.
_OPTIONAL_COLUMNS = (COL_CREATED, COL_ITEMS, COL_WHEN)
_MIN_CUSTOMER_WIDTH = 170
_ROWS_MEASURED_HIDDEN = 40  # a list not on screen yet: its first rows stand for it


class OrderColumns:
    """Sizes the list's columns; the detail pane (right of `splitter`) gives room if need be."""

    def __init__(self, table: QTableView, splitter: QSplitter) -> None:
        self.table = table
        self.splitter = splitter
        self._taking_room = False
        # Qt measures 1,000 rows by default: at 200,000 orders that read five pages each time.
        table.horizontalHeader().setResizeContentsPrecision(0)

    def set_indicator(self, model: OrderTableModel) -> None:
        keys = {
            "commercial_id": COL_ORDER,
            "customer": COL_CUSTOMER,
            "shelf": COL_SHELF,
            "stage": COL_STATUS,
        }
        column = keys.get(model.sort_key, COL_WHEN)
        order = Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)

    def size(self, model: OrderTableModel, view_key: str) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_CUSTOMER, QHeaderView.ResizeMode.Stretch)
        when = 160 if view_key == "to_accept" else 115
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
        # The marketplace, right after the order number, only when the shop has several.
        self.table.setColumnHidden(COL_MARKET, not model.look.several)
        if header.visualIndex(COL_MARKET) != 1:
            header.moveSection(header.visualIndex(COL_MARKET), 1)
        self.fit(model)

    def adapt(self, model: OrderTableModel) -> None:
        """Hide the optional columns, least useful first, while the list is too narrow."""
        room = self.table.viewport().width()
        if room <= 0:
            return
        for column in (*_OPTIONAL_COLUMNS, COL_BAGS):
            self.table.setColumnHidden(column, False)

        def needed() -> int:
            return _MIN_CUSTOMER_WIDTH + sum(
                self.table.columnWidth(c)
                for c in range(model.columnCount())
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
        if (
            model.look.several
            and model.bags_always_empty()
            and needed() > self.table.viewport().width()
        ):
            # Still short with the pane at its narrowest, in a shop on several marketplaces
            # (their column needs the room): a tab of orders not packed yet has an empty
            # Bags column on every row, so it gives way, never the customer's name.
            self.table.setColumnHidden(COL_BAGS, True)

    def _content_width(self, model: OrderTableModel, column: int) -> int:
        """The widest loaded text of a column among the rows on screen (the first rows while
        the list is not shown yet): never thousands of rows, which would read their pages."""
        if self.table.isVisible():
            return self.table.sizeHintForColumn(column)  # on-screen rows (precision 0)
        rows = range(min(model.rowCount(), _ROWS_MEASURED_HIDDEN))
        hints = (self.table.sizeHintForIndex(model.index(row, column)).width() for row in rows)
        return max(hints, default=0) + (1 if self.table.showGrid() else 0)

    def fit(self, model: OrderTableModel) -> None:
        """Widen columns whose loaded texts would be cut (long order numbers, French labels).

        Only the rows on screen are measured, so this stays cheap at 200,000 orders; columns
        only grow, so a width the user chose by hand is kept.
        """
        header = self.table.horizontalHeader()
        # The style sheet sets headers in bold with padding, which sectionSizeHint ignores.
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column in range(model.columnCount()):
            if column == COL_CUSTOMER:
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            wanted = max(
                self._content_width(model, column),
                header.sectionSizeHint(column),
                metrics.horizontalAdvance(title) + 2 * 6 + 22,  # padding and sort arrow
            )
            if wanted > self.table.columnWidth(column):
                self.table.setColumnWidth(column, wanted)
        self.adapt(model)
