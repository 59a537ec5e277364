"""Which order the order lists show selected, and finding an order the till just dealt with.

The detail pane shows the selected row, never an order the list does not show. A bare order
id (a scan, a caller that knows no marketplace) selects the order it names, or nothing when
two marketplaces have it: nothing is picked for staff. `reveal_order` goes further for the
till: to the tab of the order's stage, to all marketplaces, and at last to its number in the
search box (that order alone, found by its number, not a free search; `show_number`).

Mixed into `OrderListPanel` (as `ui.operations.selected` is into the window), which provides
the list, the detail pane and the search this reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QLineEdit, QTableView

from counter_app.domain.orders import Order
from counter_app.store.repository import AmbiguousOrderError, Repository
from counter_app.ui import order_messages
from counter_app.ui.detail_pane import DetailPane
from counter_app.ui.list_refresh import SelectedRead
from counter_app.ui.live_updates import tolerate_server_loss
from counter_app.ui.marketplace_look import MarketplaceLook
from counter_app.ui.order_ref import OrderLike, OrderRef, as_ref
from counter_app.ui.order_table_model import ORDER_REF_ROLE, PAGE_SIZE, OrderTableModel

# The tab a scanned order is shown in when the current one does not list it.
VIEW_OF_STAGE = {
    "to_accept": "to_accept",
    "awaiting_payment": "to_prepare",
    "to_prepare": "to_prepare",
    "ready": "ready",
}


class ListSelection:
    """The selected order of the panel's list; the panel provides the attributes used."""

    repo: Repository
    detail: DetailPane
    look: MarketplaceLook
    table: QTableView
    search: QLineEdit
    current_ref: OrderRef | None
    order_selected: Any  # the panel's Signal(object)
    # The selected order and its history, read with a background refresh (`apply_refresh`).
    _prefetched: SelectedRead | None
    # The order number `reveal_order` itself typed in the search box: not a search of staff's,
    # so the next scan's order replaces it (else the pane stayed on the customer before).
    _revealed_search: str = ""

    if TYPE_CHECKING:  # provided by the panel

        @property
        def model(self) -> OrderTableModel: ...

        @property
        def view_key(self) -> str: ...

        @property
        def marketplace(self) -> str | None: ...

        def select_view(self, key: str) -> None: ...

        def set_marketplace(self, key: str | None) -> None: ...

        def show_empty_state(self) -> None: ...

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
        typed = self.search.text().strip()
        if typed and typed != self._revealed_search:
            # What staff searched for stays; the pane keeps showing the selected result.
            return
        if typed:  # the previous scan's number: gone, this order is looked for afresh
            self._type_search("")
            if self.select_in_list(ref):
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
        # Deep in a long list: its number in the search box shows it whatever its stage.
        self._type_search(found.commercial_id or found.order_id)
        if not self.select_in_list(ref):
            self.follow_selection()

    def _type_search(self, text: str) -> None:
        """Put `text` in the search box and list its results now (no search-as-you-type
        delay); remembered as the window's own, not a search staff made."""
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self._revealed_search = text
        if text:
            self.model.show_number(text)
        else:
            self.model.set_search(text)
        self.show_empty_state()

    @tolerate_server_loss
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        ref = current.data(ORDER_REF_ROLE)
        if ref is not None and ref != self.current_ref:
            self.show_order(ref)
