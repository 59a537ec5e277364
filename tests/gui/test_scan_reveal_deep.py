"""Scanning one customer after another when their orders sit deep in a long list.

An order further down than the pages the list has read is shown through the search box
(its number typed there by the window). The next customer's scan must show the next order:
the number the window typed is not a search staff made, and must not hold the detail pane on
the previous customer.
"""

from __future__ import annotations

from typing import Any

from counter_app.bootstrap import AppContext
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.ui.order_table_model import PAGE_SIZE
from counter_app.ui.verdict_band import Tone
from tests.factories import make_order
from tests.gui.conftest import scan, type_slowly

# More ready orders than the list reads to find a row (three pages).
_SHELF_FULL = 3 * PAGE_SIZE + 20


def _deep_ready_orders(ctx: AppContext, names: list[str]) -> list[tuple[str, str]]:
    """A shelf of ready orders, then one for each name, last in the list's order (by
    customer); their (order id, pickup code)."""
    ctx.repo.upsert_orders(
        [make_order(state="TO_COLLECT", customer=f"Client {i:04d}") for i in range(_SHELF_FULL)]
    )
    deep = [make_order(state="SHIPPING", customer=name) for name in names]
    ctx.repo.upsert_orders(deep)
    return [(o.order_id, ctx.repo.mark_ready(o.order_id, "Z9", "till-1")) for o in deep]


def test_each_scan_shows_its_own_order_even_deep_in_the_list(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    customers = ["Zoé Vasseur", "Zacharie Moreau", "Zélie Caron"]
    scanned = _deep_ready_orders(ctx, customers)
    window = make_window()
    for (order_id, code), customer in zip(scanned, customers, strict=True):
        window.band.clear()  # the next customer
        window.table.setFocus()
        scan(qtbot, window.table, format_pickup_code(code))
        assert window.band.tone is Tone.OK
        assert customer in window.band.details.text()
        # The detail pane and the selected row are this customer's, never the one before.
        qtbot.waitUntil(lambda oid=order_id: window.lists.current_order_id == oid)
        assert window.detail.order is not None
        assert window.detail.order.customer_name == customer
        # Found through its number in the search box: the list holds that order alone.
        assert window.search.text() == order_id.split("-")[0]
        assert window.model.rowCount() == 1


def test_a_search_staff_typed_stays_when_a_scan_comes(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    (_order_id, code), _ = _deep_ready_orders(ctx, ["Zoé Vasseur", "Zacharie Moreau"])
    window = make_window()
    window.search.setFocus()
    type_slowly(qtbot, window.search, "Client 0001")
    qtbot.waitUntil(lambda: window.model.search == "Client 0001")
    window.table.setFocus()
    scan(qtbot, window.table, format_pickup_code(code))
    assert window.band.tone is Tone.OK
    # What staff searched for is kept: the list still shows their search.
    assert window.search.text() == "Client 0001"
    assert window.model.search == "Client 0001"
