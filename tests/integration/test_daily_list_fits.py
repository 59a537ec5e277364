"""The daily pickup list in French: header, overdue deadlines and counts whole, real plurals,
and the bag count of each ready order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from counter_app.domain.stages import Stage
from counter_app.printing.daily_list import daily_list_data, daily_list_document
from counter_app.printing.layout import TextItem
from counter_app.printing.localized import document_locale
from counter_app.printing.qt_app import ensure_gui_app
from counter_app.printing.shop import ShopInfo
from counter_app.ui.i18n import install_translators
from tests.factories import make_order
from tests.gui.conftest import back_to_source_texts

SHOP = ShopInfo(
    "Librairie des Deux Rives et du Vieux Port réunies",
    "12 rue des Écoles, 75005 Paris",
    "Mardi–samedi 10 h–19 h",
)


@pytest.fixture
def french() -> Iterator[None]:
    app = ensure_gui_app()
    install_translators(app, "fr")
    yield
    back_to_source_texts(app)


def test_header_and_overdue_column_are_whole_in_french(french: None) -> None:
    now = datetime.now(UTC)
    orders = []
    for i in range(6):
        order = make_order(
            stage=Stage.READY if i % 2 else Stage.TO_PREPARE,
            customer=f"Marie-Charlotte de La Rochefoucauld {i}",
            shelf="B12-HAUT",
            bag_count=1 + i % 3,
        )
        order.deadline_at = now - timedelta(days=1) if i % 3 == 0 else now + timedelta(days=1)
        order.ready_at = now - timedelta(days=2)
        orders.append(order)
    document = daily_list_document(
        daily_list_data(orders, date.today()), SHOP, locale=document_locale("fr")
    )
    texts = [
        item.text for page in document.pages for item in page.items if isinstance(item, TextItem)
    ]
    assert not [t for t in texts if "…" in t], "a text was cut"
    assert any(t.startswith("Liste des retraits du ") for t in texts)
    assert any(SHOP.name in t and SHOP.address in t for t in texts)
    assert any(t.startswith("! prévue le ") for t in texts)  # the overdue deadline, whole
    assert "3 prêtes à retirer · 3 à préparer · 0 retirée aujourd'hui" in texts
    assert "Sacs" in texts and "3 articles" in texts
    assert not [t for t in texts if "(s)" in t]
    # Every text stays inside the page's printable width.
    for page in document.pages:
        right = page.printable.x + page.printable.width
        for item in page.items:
            if isinstance(item, TextItem):
                assert item.x + item.width <= right + 0.01, item.text
