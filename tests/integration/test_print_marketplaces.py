"""Printed documents at a shop on two marketplaces name each order's marketplace: the slip
and the card near the order number (their codes still read back with zxing-cpp and resolve
at the till), the daily list in a column of every section; nothing cut, nothing outside
the paper. From a real store; kept as pictures for a person to look at
(COUNTER_SCREENSHOTS=/some/dir)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext
from counter_app.documents import daily_list_from_store, order_to_print
from counter_app.domain.orders import Order
from counter_app.domain.pickup_code import qr_payload
from counter_app.domain.scan import Verdict
from counter_app.printing.card import card_document
from counter_app.printing.daily_list import daily_list_document
from counter_app.printing.decode import decode_codes
from counter_app.printing.layout import Document, TextItem, items_outside
from counter_app.printing.localized import document_locale
from counter_app.printing.output import render_images
from counter_app.printing.qt_app import ensure_gui_app
from counter_app.printing.shop import ShopInfo
from counter_app.printing.slip import slip_document
from counter_app.printing.units import SLIP_SIZES, THERMAL_DPI
from counter_app.store.models import OrderRow
from counter_app.store.records import AmbiguousOrderError
from counter_app.store.reminders import SENT, ReminderStore
from counter_app.store.scan_service import ScanService
from counter_app.ui.i18n import install_translators
from tests.factories import make_order
from tests.gui.conftest import back_to_source_texts

SAME_ID = "81000001-A"
INTERMARCHE = "Intermarché (démo)"
CARREFOUR = "Carrefour (démo)"


@pytest.fixture
def english() -> Iterator[None]:
    app = ensure_gui_app()
    install_translators(app, "en")
    yield
    back_to_source_texts(app)


@pytest.fixture
def french() -> Iterator[None]:
    app = ensure_gui_app()
    install_translators(app, "fr")
    yield
    back_to_source_texts(app)


@pytest.fixture
def shop(ctx: AppContext) -> ShopInfo:
    """Two accounts in the settings; order 81000001-A ready on both, with other orders."""
    settings = ctx.settings
    settings.shop_name = "Librairie des Deux Rives"
    settings.shop_address = "12 rue des Écoles, 75005 Paris"
    settings.pickup_days = 10
    settings.marketplaces = [
        MarketplaceAccount("main", INTERMARCHE),
        MarketplaceAccount("carrefour", CARREFOUR),
    ]
    for key, customer, shelf in (
        ("main", "Léa Martin", "B3"),
        ("carrefour", "Marie-Charlotte de La Rochefoucauld", "C12-HAUT"),
    ):
        repo = ctx.repo.for_marketplace(key)
        repo.upsert_orders(
            [
                make_order(order_id=SAME_ID, customer=customer),
                make_order(customer="Jean-Baptiste Dupont-Aignan"),
            ]
        )
        repo.mark_ready(SAME_ID, shelf, "till-1", 2)
    return ShopInfo.from_settings(settings)


def _order(ctx: AppContext, key: str) -> Order:
    return order_to_print(ctx.repo, SAME_ID, key)


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _whole(document: Document) -> None:
    """Nothing cut (no ellipsis) and nothing outside the printable area of its page."""
    assert not [t for t in document.texts() if "…" in t], "a text was cut"
    for page in document.pages:
        assert not items_outside(page), "something is outside the paper"


def test_an_id_on_two_marketplaces_is_printed_only_with_its_marketplace(
    ctx: AppContext, shop: ShopInfo
) -> None:
    with pytest.raises(AmbiguousOrderError, match="carrefour"):
        order_to_print(ctx.repo, SAME_ID)
    assert _order(ctx, "carrefour").customer_name.startswith("Marie-Charlotte")


@pytest.mark.parametrize("size", SLIP_SIZES)
def test_slip_names_the_marketplace_and_its_code_still_reads_back(
    ctx: AppContext, shop: ShopInfo, english: None, size: str, tmp_path: Path
) -> None:
    order = _order(ctx, "carrefour")
    document = slip_document(order, size, shop, locale=document_locale("en"))
    assert len(document.pages) == 2  # one slip per bag, each naming the marketplace
    for page in document.pages:
        texts = page.texts()
        assert texts.index(f"{CARREFOUR} order") + 1 == texts.index(SAME_ID)
    assert INTERMARCHE not in " ".join(document.texts())
    _whole(document)
    images = render_images(document, THERMAL_DPI)
    for image in images:
        assert [(c.symbology, c.text) for c in decode_codes(image)] == [("Code128", SAME_ID)]
    assert images[0].save(str(_shots(tmp_path) / f"hprint_slip_carrefour_{size}.png"))


@pytest.mark.parametrize("size", SLIP_SIZES)
def test_card_names_the_marketplace_and_its_qr_code_is_that_order_at_the_till(
    ctx: AppContext, shop: ShopInfo, english: None, size: str, tmp_path: Path
) -> None:
    order = _order(ctx, "carrefour")
    assert order.pickup_code
    document = card_document(order, size, shop)
    texts = document.texts()
    assert texts.index(f"{CARREFOUR} order") + 1 == texts.index(f"No. {SAME_ID}")
    _whole(document)
    (image,) = render_images(document, THERMAL_DPI)
    (scanned,) = decode_codes(image)
    assert (scanned.symbology, scanned.text) == ("QRCode", qr_payload(order.pickup_code))
    result = ScanService(ctx.repo, ctx.settings).resolve(scanned.text)
    assert result.verdict is Verdict.OK and result.marketplace == "carrefour"
    assert result.order is not None and result.order.marketplace_name == CARREFOUR
    assert image.save(str(_shots(tmp_path) / f"hprint_card_carrefour_{size}.png"))


def test_slip_and_card_in_french(ctx: AppContext, shop: ShopInfo, french: None) -> None:
    order = _order(ctx, "main")
    slip = slip_document(order, "58mm", shop, locale=document_locale("fr"))
    assert f"Commande {INTERMARCHE}" in slip.texts()
    card = card_document(order, "58mm", shop)
    assert f"Commande {INTERMARCHE}" in card.texts() and f"N° {SAME_ID}" in card.texts()
    _whole(slip)
    _whole(card)


def test_one_marketplace_slip_and_card_still_say_its_name_without_a_list_column(
    ctx: AppContext, english: None
) -> None:
    ctx.settings.marketplaces = [MarketplaceAccount("main", "Carrefour")]
    ctx.repo.upsert_orders([make_order(order_id=SAME_ID)])
    ctx.repo.mark_ready(SAME_ID, "B3", "till-1")
    shop = ShopInfo.from_settings(ctx.settings)
    order = _order(ctx, "main")
    assert "Carrefour order" in slip_document(order, "80mm", shop).texts()
    assert "Carrefour order" in card_document(order, "80mm", shop).texts()
    listing = daily_list_document(daily_list_from_store(ctx.repo, date.today()), shop)
    assert "Marketplace" not in listing.texts() and "Carrefour" not in listing.texts()
    # Built without the settings (a bare shop name): nothing to name, the plain label.
    assert "Order" in slip_document(order, "80mm", "Librairie").texts()


def _texts_between(document: Document, first: str, last: str | None) -> list[str]:
    texts = [i.text for p in document.pages for i in p.items if isinstance(i, TextItem)]
    start = texts.index(first)
    return texts[start : texts.index(last) if last else None]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_daily_list_names_each_orders_marketplace_in_every_section(
    ctx: AppContext, shop: ShopInfo, language: str, tmp_path: Path
) -> None:
    app = ensure_gui_app()
    install_translators(app, language)
    try:
        # Both bags of 81000001-A waited 12 days (past the 10-day window); only Carrefour's
        # customer had reminders, so the list must not give them to Intermarché's.
        with ctx.db.session() as s:
            s.execute(
                update(OrderRow)
                .where(OrderRow.order_id == SAME_ID)
                .values(ready_at=datetime.now(UTC) - timedelta(days=12))
            )
        reminders = ReminderStore(ctx.db, marketplace="carrefour")
        for key in ("ready+3", "collect_by-1"):
            assert reminders.queue(SAME_ID, key, date.today(), "s", "b")
            reminders.finish(SAME_ID, key, SENT)
        data = daily_list_from_store(ctx.repo, date.today())
        assert data.reminders_sent == {("main", SAME_ID): 0, ("carrefour", SAME_ID): 2}
        document = daily_list_document(data, shop, locale=document_locale(language))
        _whole(document)
        fr = language == "fr"
        column = "Place de marché" if fr else "Marketplace"
        ready = _texts_between(
            document,
            "Prêtes à retirer" if fr else "Ready to collect",
            "À relancer / à annuler (date limite de retrait passée)"
            if fr
            else "To remind / to cancel (past their collect-by day)",
        )
        late = _texts_between(
            document,
            "À relancer / à annuler (date limite de retrait passée)"
            if fr
            else "To remind / to cancel (past their collect-by day)",
            "À préparer (liste de préparation)" if fr else "To prepare (picking list)",
        )
        picking = _texts_between(
            document,
            "À préparer (liste de préparation)" if fr else "To prepare (picking list)",
            None,
        )
        for section in (ready, late):
            assert column in section
            assert section.count(SAME_ID) == 2
            assert INTERMARCHE in section and CARREFOUR in section
        # Each row's marketplace next to its own customer: the two orders are told apart.
        assert late.index(CARREFOUR) - late.index("Marie-Charlotte de La Rochefoucauld") == 2
        assert late.index(INTERMARCHE) - late.index("Léa Martin") == 2
        sent = "2 envoyées" if fr else "2 sent"
        assert (
            late.index(sent)
            > late.index(CARREFOUR)
            > late.index("Marie-Charlotte de La Rochefoucauld")
        )
        assert ("aucune" if fr else "none") in late
        assert INTERMARCHE in picking and CARREFOUR in picking
        (page,) = render_images(document, dpi=110)
        assert page.save(
            str(_shots(tmp_path) / f"hprint_daily_list_two_marketplaces_{language}.png")
        )
    finally:
        back_to_source_texts(app)
