"""The "back to the shelves" list (A4): books of cancelled orders to put back in stock,
by shelf, with a tick box, title, ISBN and quantity; with several marketplaces, the one each
order came from (as the daily list does). Takes plain data, not the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QLocale

from counter_app.domain.cancellation import ShelfItem
from counter_app.printing.layout import (
    BoxItem,
    Document,
    Font,
    Item,
    Page,
    RuleItem,
    TextItem,
    TextMeasure,
    shared_measure,
)
from counter_app.printing.localized import document_locale, short_datetime
from counter_app.printing.shop import ShopInfo
from counter_app.printing.units import PAGE_SPECS, Rect

_SPEC = PAGE_SPECS["a4"]
_ROW = 7.0
_BODY = Font(9.5)
_BOLD = Font(9.5, bold=True)
_SMALL = Font(8)
_MIN_PT = 7.0
# Columns name -> (x offset, width) in mm across the 186 mm content width.
_COLS = {
    "box": (0, 8),
    "shelf": (8, 22),
    "isbn": (30, 34),
    "qty": (64, 12),
    "title": (76, 80),
    "order": (156, 30),
}
# With several marketplaces the order's marketplace closes each row, in room taken from
# the ISBN and the title (an ISBN still fits whole).
_COLS_MARKETPLACE = {
    "box": (0, 8),
    "shelf": (8, 22),
    "isbn": (30, 30),
    "qty": (60, 10),
    "title": (70, 59),
    "order": (129, 27),
    "marketplace": (156, 30),
}


def shelves_document(
    items: Sequence[ShelfItem],
    *,
    locale: QLocale | None = None,
    now: datetime | None = None,
    measure: TextMeasure | None = None,
    shop: ShopInfo | None = None,
) -> Document:
    """Lay the list out on as many A4 pages as it needs.

    `shop` names the marketplaces: with several accounts (or books of several on the list)
    each row says which marketplace's order it is, since the same number may be on two."""
    tr = QCoreApplication.translate
    locale = locale or document_locale()
    now = now or datetime.now(UTC)
    m = measure or shared_measure()
    shop = shop or ShopInfo()
    items_in = list(items)
    several = shop.several_marketplaces or len({i.marketplace for i in items_in}) > 1
    cols = _COLS_MARKETPLACE if several else _COLS
    # One type size for the whole marketplace column (the longest name's): no name looks
    # more important than another.
    names = sorted({shop.marketplace_name(i.marketplace) for i in items_in}) if several else []
    marketplace_font = min(
        (m.shrink_to_fit(n, _BODY, cols["marketplace"][1] - 1.5, _MIN_PT) for n in names),
        key=lambda f: f.size_pt,
        default=_BODY,
    )
    x0 = _SPEC.margin_mm
    width = _SPEC.content_width_mm
    top = _SPEC.margin_mm
    bottom = (_SPEC.height_mm or 297.0) - _SPEC.margin_mm - 8.0

    def text(x: float, y: float, value: str, font: Font, w: float, align: str = "left") -> TextItem:
        font = m.shrink_to_fit(value, font, w, _MIN_PT)
        shown = m.elide(value, font, w)
        tw = m.width(shown, font)
        if align == "right":
            x += max(0.0, w - tw)
        return TextItem(x, y, shown, font, tw, m.ascent(font), m.descent(font))

    def cell(name: str, row_top: float, value: str, font: Font, align: str = "left") -> TextItem:
        start, w = cols[name]
        y = row_top + (_ROW - m.line_height(font)) / 2
        return text(x0 + start, y, value, font, w - 1.5, align)

    title = tr("BackToShelves", "Back to the shelves")
    headers = {
        "shelf": tr("BackToShelves", "Shelf"),
        "isbn": tr("BackToShelves", "ISBN"),
        "qty": tr("BackToShelves", "Qty"),
        "title": tr("BackToShelves", "Title"),
        "order": tr("BackToShelves", "Order"),
        "marketplace": tr("BackToShelves", "Marketplace"),
    }
    pages: list[list[Item]] = []

    def new_page() -> float:
        items: list[Item] = [
            text(x0, top, title, Font(14, bold=True), width),
            text(
                x0,
                top + 7.5,
                tr(
                    "BackToShelves",
                    "Cancelled orders: put these books back in stock. %n line(s).",
                    "",
                    len(items_in),
                ),
                _BODY,
                width,
            ),
            RuleItem(x0, top + 13.0, width, 0.5),
        ]
        y = top + 16.0
        for name in cols:
            if name in headers:
                items.append(
                    cell(name, y, headers[name], _SMALL, "right" if name == "qty" else "left")
                )
        items.append(RuleItem(x0, y + _ROW, width, 0.3))
        pages.append(items)
        return y + _ROW + 0.5

    y = new_page()
    if not items_in:
        pages[-1].append(text(x0, y + 2, tr("BackToShelves", "Nothing to put back."), _BODY, width))
    for item in items_in:
        if y + _ROW > bottom:
            y = new_page()
        row: list[Item] = [
            BoxItem(Rect(x0 + 2.0, y + (_ROW - 3.6) / 2, 3.6, 3.6), stroke=0.3),
            cell("shelf", y, item.shelf or "—", _BOLD),
            cell("isbn", y, item.isbn or "—", _BODY),
            cell("qty", y, str(item.quantity), _BOLD if item.quantity > 1 else _BODY, "right"),
            cell("title", y, item.title or "—", _BODY),
            cell("order", y, item.order_id, _SMALL),
        ]
        if several:
            name = shop.marketplace_name(item.marketplace)
            row.append(cell("marketplace", y, name, marketplace_font))
        row.append(RuleItem(x0, y + _ROW, width, 0.1))
        pages[-1].extend(row)
        y += _ROW
    total = len(pages)
    out = []
    printable = Rect(x0, top, width, (_SPEC.height_mm or 297.0) - 2 * top)
    for number, content in enumerate(pages, start=1):
        foot_y = bottom + 2.5
        content.append(
            text(
                x0,
                foot_y,
                tr("BackToShelves", "Printed {moment}").format(moment=short_datetime(now, locale)),
                _SMALL,
                width / 2,
            )
        )
        content.append(
            text(
                x0 + width / 2,
                foot_y,
                tr("BackToShelves", "Page {page} / {pages}").format(page=number, pages=total),
                _SMALL,
                width / 2,
                "right",
            )
        )
        out.append(Page(_SPEC.width_mm, _SPEC.height_mm or 297.0, printable, content))
    return Document("back_to_shelves", title, out, 600)
