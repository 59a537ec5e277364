"""The customer's pickup card names the collect-by day when a pickup window is set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from counter_app.domain.pickup_code import new_pickup_code
from counter_app.printing.card import card_document
from counter_app.printing.layout import TextItem
from counter_app.printing.qt_app import ensure_gui_app
from counter_app.printing.shop import ShopInfo
from tests.factories import make_order


def _texts(shop: ShopInfo) -> list[str]:
    order = make_order(state="SHIPPING", customer="Camille Martin")
    order.pickup_code = new_pickup_code()
    order.ready_at = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)
    document = card_document(order, "80mm", shop)
    return [i.text for p in document.pages for i in p.items if isinstance(i, TextItem)]


def test_card_says_until_when_and_nothing_without_a_window() -> None:
    ensure_gui_app()
    last = (datetime(2027, 3, 1, 10, 0, tzinfo=UTC).astimezone() + timedelta(days=10)).date()
    with_window = _texts(ShopInfo("Librairie des Canuts", pickup_days=10))
    assert f"Please collect it by {last.strftime('%d/%m/%Y')}" in with_window
    without = _texts(ShopInfo("Librairie des Canuts"))
    assert not [t for t in without if "collect it by" in t]
