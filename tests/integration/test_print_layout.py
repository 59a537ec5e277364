"""Layouts keep everything inside the printable area, paginate and highlight as promised."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from counter_app.bootstrap import AppContext
from counter_app.documents import daily_list_from_store
from counter_app.domain.orders import Order, OrderLine
from counter_app.domain.stages import Stage
from counter_app.domain.text import fold
from counter_app.printing.card import card_document
from counter_app.printing.daily_list import daily_list_data, daily_list_document
from counter_app.printing.decode import decode_codes
from counter_app.printing.layout import (
    ELLIPSIS,
    BoxItem,
    Document,
    Page,
    TextItem,
    items_outside,
)
from counter_app.printing.localized import document_locale
from counter_app.printing.output import render_images, to_one_bit
from counter_app.printing.shop import ShopInfo
from counter_app.printing.slip import slip_document
from counter_app.printing.units import SLIP_SIZES, THERMAL_DPI, mm_to_dots
from tests.factories import make_order

TITLE_60 = "Les Misérables, tome premier : Fantine — édition intégrale !"
LONG_NAME = "Marie-Charlotte-Eugénie de La Rochefoucauld-Montmorency-Liancourt"
SHOP = ShopInfo(
    "Librairie du Marché aux Fleurs et aux Livres Anciens",
    "12 rue des Écoles, 75005 Paris",
    "Mardi–samedi 10 h–19 h, dimanche 10 h–13 h",
)
NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
FR = document_locale("fr")


def _long_order(**extra: object) -> Order:
    assert len(TITLE_60) == 60
    return make_order(
        order_id="CC777001-A",
        customer=LONG_NAME,
        stage=Stage.READY,
        lines=[
            OrderLine("l1", TITLE_60, 1, ean="9782070409228"),
            OrderLine("l2", "Le Petit Prince", 3, ean="9782070612758"),
        ],
        shelf="Réserve B-12",
        bag_count=2,
        ready_at=NOW,
        pickup_code="GEVFGNUCLLFH",
        **extra,
    )


def _black_outside(image: QImage, page: Page) -> int:
    """Black dots of the 1-bit render that fall outside the printable area (1 dot slack)."""
    bw = to_one_bit(image)
    k = THERMAL_DPI / 25.4
    left = int(page.printable.x * k) - 1
    top = int(page.printable.y * k) - 1
    right = int(page.printable.right * k) + 1
    bottom = int(page.printable.bottom * k) + 1
    data = bytes(bw.constBits())
    stride = bw.bytesPerLine()
    count = 0
    for y in range(bw.height()):
        row = data[y * stride : y * stride + bw.width()]
        if top <= y <= bottom:
            count += row[:left].count(0) + row[right + 1 :].count(0)
        else:
            count += row.count(0)
    return count


def _assert_inside(document: Document) -> None:
    for page, image in zip(document.pages, render_images(document), strict=True):
        assert items_outside(page) == []
        assert _black_outside(image, page) == 0


def _wrapped(document: Document, page_index: int, start: str) -> str:
    """The lines of one wrapped text, joined again (they follow each other in the list)."""
    texts = document.pages[page_index].texts()
    first = next(i for i, t in enumerate(texts) if t.startswith(start))
    out = texts[first]
    for t in texts[first + 1 :]:
        candidate = out + ("" if out.endswith("-") else " ") + t
        if not (TITLE_60.startswith(candidate) or LONG_NAME.startswith(candidate)):
            if t.endswith(ELLIPSIS):
                return out + " " + t
            break
        out = candidate
    return out


@pytest.mark.parametrize("size", SLIP_SIZES)
def test_slip_with_long_title_and_name_stays_inside(size: str) -> None:
    document = slip_document(_long_order(), size, SHOP, locale=FR, now=NOW)
    _assert_inside(document)
    title = _wrapped(document, 0, "Les Mis")
    name = _wrapped(document, 0, "Marie-")
    # Wrapped in full, or visibly shortened with an ellipsis: never silently cut.
    assert title == TITLE_60 or title.endswith(ELLIPSIS)
    assert name == LONG_NAME or name.endswith(ELLIPSIS)
    if size in ("80mm", "a6", "a4"):
        assert name == LONG_NAME
    texts = document.texts()
    assert "4 item(s) · bag 2/2" in document.pages[1].texts()
    assert "Shelf Réserve B-12" in " ".join(texts) and "Ready on 24/11/2026" in texts
    assert any(t.startswith("9782070409228") and "Qty 1" in t for t in texts)


@pytest.mark.parametrize("size", SLIP_SIZES)
def test_card_with_long_name_and_address_stays_inside(size: str) -> None:
    document = card_document(_long_order(), size, SHOP)
    _assert_inside(document)
    texts = document.texts()
    assert "GEVF-GNUC-LLFH" in texts and "Order CC777001-A" in texts
    assert any("12 rue des Écoles" in t for t in texts)


def test_a6_slip_with_too_many_lines_summarises_the_rest() -> None:
    lines = [OrderLine(f"l{i}", f"{TITLE_60[:50]} {i}", 1, ean="9782070409228") for i in range(40)]
    order = make_order(customer=LONG_NAME, lines=lines, stage=Stage.READY, ready_at=NOW)
    document = slip_document(order, "a6", SHOP)
    _assert_inside(document)
    summary = [t for t in document.texts() if t.startswith("+ ")]
    assert len(summary) == 1
    shown = sum(1 for t in document.texts() if t.startswith("9782070409228"))
    assert summary[0].startswith(f"+ {40 - shown} more line(s)")


def _ready_orders(count: int) -> list[Order]:
    names = ["Émilie Lefèvre", "zoé Martin", "André Dupont", LONG_NAME, "Bernard Lavilliers"]
    return [
        make_order(
            order_id=f"CC{500000 + i}-A",
            customer=f"{names[i % 5]} {i:03d}",
            stage=Stage.READY,
            shelf=f"A-{i % 30}",
            ready_at=NOW - timedelta(days=i % 10),
        )
        for i in range(count)
    ]


def test_daily_list_of_300_orders_has_the_expected_pages() -> None:
    orders = _ready_orders(300)
    data = daily_list_data(orders, date(2026, 11, 24))
    document = daily_list_document(data, SHOP, locale=FR, now=NOW)
    # 32 rows fit the first page (under the summary line), 33 the others: 32 + 8 x 33 = 296,
    # so the last 4 orders and the (empty) picking list go on a tenth page.
    assert len(document.pages) == 10
    for number, page in enumerate(document.pages, start=1):
        assert f"Page {number} / 10" in page.texts()
        assert items_outside(page) == []
    listed = [t for t in document.texts() if t.startswith("CC5")]
    assert sorted(listed) == sorted(o.order_id for o in orders)  # each exactly once
    by_id = {o.order_id: o for o in orders}
    keys = [fold(by_id[i].customer_name) for i in listed]
    assert keys == sorted(keys)  # by customer name, ignoring case and accents
    assert "Nothing to prepare." in document.pages[-1].texts()


def test_daily_list_highlights_overdue_and_lists_lines_to_prepare() -> None:
    fresh, old = _ready_orders(2)
    old.ready_at = NOW - timedelta(days=9)
    late = make_order(order_id="CC600001-A", customer="Zoé Préparer", created_at=NOW)
    late.deadline_at = NOW - timedelta(hours=2)
    data = daily_list_data([fresh, old, late], date(2026, 11, 24))
    document = daily_list_document(data, SHOP, locale=FR, now=NOW)
    (page,) = document.pages
    grey_rows = [i.rect.y for i in page.items if isinstance(i, BoxItem) and i.fill == 215]

    def row_top(text: str) -> TextItem:
        return next(i for i in page.items if isinstance(i, TextItem) and i.text == text)

    def highlighted(text: str) -> bool:
        item = row_top(text)
        return any(top <= item.y <= top + 7 for top in grey_rows)

    assert highlighted(old.order_id) and row_top(old.order_id).font.bold
    assert not highlighted(fresh.order_id)
    assert highlighted("CC600001-A")
    texts = page.texts()
    assert "! 9 d" in texts and "0 d" in texts
    # The picking list: each line with its quantity and EAN.
    assert "L'Étranger" in texts and "2 ×" in texts and "9782070612758" in texts
    assert any(t.startswith("! due ") for t in texts)


def test_daily_list_speaks_french_dates_and_money() -> None:
    data = daily_list_data(_ready_orders(1), date(2026, 11, 24))
    texts = daily_list_document(data, SHOP, locale=FR, now=NOW).texts()
    assert any("mardi 24 novembre 2026" in t for t in texts)
    assert "23,90\u00a0€" in texts or "23,90 €" in texts


def test_daily_list_counts_collections_of_that_day_from_the_store(ctx: AppContext) -> None:
    day = date(2026, 11, 24)
    start = datetime(2026, 11, 24, 12, 0).astimezone()
    orders = [
        make_order(order_id="CC1-A", stage=Stage.COLLECTED, collected_at=start),
        make_order(
            order_id="CC2-A", stage=Stage.COLLECTED, collected_at=start + timedelta(hours=3)
        ),
        make_order(order_id="CC3-A", stage=Stage.COLLECTED, collected_at=start - timedelta(days=1)),
        make_order(order_id="CC4-A", stage=Stage.COLLECTED, collected_at=start + timedelta(days=1)),
        make_order(order_id="CC5-A", stage=Stage.READY, ready_at=start),
        make_order(order_id="CC6-A", stage=Stage.TO_PREPARE),
    ]
    # collected_at is the shop's own field: written the way a local collection writes it.
    ctx.repo.upsert_orders(orders)
    from sqlalchemy import update

    from counter_app.store.models import OrderRow

    with ctx.db.session() as s:
        for o in orders:
            s.execute(
                update(OrderRow)
                .where(OrderRow.order_id == o.order_id)
                .values(collected_at=o.collected_at, ready_at=o.ready_at)
            )
    data = daily_list_from_store(ctx.repo, day)
    assert data.collected_today == 2
    assert [o.order_id for o in data.ready] == ["CC5-A"]
    assert [o.order_id for o in data.to_prepare] == ["CC6-A"]
    texts = daily_list_document(data, SHOP).texts()
    assert "1 ready to collect · 1 to prepare · 2 collected today" in texts


def test_screenshots_of_each_document(tmp_path: Path) -> None:
    """Saves a PNG of every document (set COUNTER_SCREENSHOTS to keep them somewhere)."""
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    order = _long_order()
    documents = {
        "slip_80mm": slip_document(order, "80mm", SHOP, locale=FR, now=NOW),
        "slip_58mm": slip_document(order, "58mm", SHOP, locale=FR, now=NOW),
        "slip_a6": slip_document(order, "a6", SHOP, locale=FR, now=NOW),
        "card_80mm": card_document(order, "80mm", SHOP),
        "daily_list": daily_list_document(
            daily_list_data([*_ready_orders(40), make_order()], date(2026, 11, 24)),
            SHOP,
            locale=FR,
            now=NOW,
        ),
    }
    for name, document in documents.items():
        image = to_one_bit(render_images(document)[0])
        path = folder / f"{name}.png"
        assert image.save(str(path))
        again = QImage(str(path))
        assert again.width() == round(mm_to_dots(document.pages[0].width, THERMAL_DPI))


def test_odd_orders_still_print_a_readable_slip() -> None:
    """No lines, no name, no shelf, no ready date, an emoji and a huge quantity."""
    odd = [
        make_order(order_id="CC990001-A", customer="", lines=[]),
        make_order(
            order_id="CC990002-A",
            customer="😀 Łukasz Żółć 山田",
            lines=[OrderLine("x", "📚 " + "W" * 120, 9999, ean="")],
            bag_count=0,
        ),
    ]
    for order in odd:
        document = slip_document(order, "58mm")
        assert len(document.pages) == 1
        _assert_inside(document)
        codes = [c.text for c in decode_codes(render_images(document)[0])]
        assert codes == [order.order_id]
    assert "Qty 9999" in slip_document(odd[1], "80mm").texts()
