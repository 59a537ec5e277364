"""The pickup slip stuck on each bag: who, what, where on the shelf, and a Code 128.

The slip never shows the pickup code: a bag waiting on a shelf must not reveal the secret
that lets someone collect it. Its Code 128 carries the order id exactly, for the bag check.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QLocale

from counter_app.domain.cancellation import withdrawn_state
from counter_app.domain.orders import Order, OrderLine
from counter_app.printing.codes import CodeTooLargeError, place_code128
from counter_app.printing.layout import (
    Document,
    Flow,
    Font,
    Page,
    RuleItem,
    TextMeasure,
    shared_measure,
)
from counter_app.printing.localized import document_locale, short_date
from counter_app.printing.messages import message
from counter_app.printing.shop import ShopInfo
from counter_app.printing.units import THERMAL_DPI, PageSpec, Rect, page_spec

# Fonts are designed for the 72 mm of an 80 mm roll and scaled for other widths.
_DESIGN_WIDTH = 72.0
_BARCODE_HEIGHT = 12.0


def _scale(spec: PageSpec) -> float:
    return min(1.5, max(0.8, spec.content_width_mm / _DESIGN_WIDTH))


def slip_document(
    order: Order,
    size: str = "80mm",
    shop: ShopInfo | str | None = None,
    *,
    dpi: int = THERMAL_DPI,
    locale: QLocale | None = None,
    now: datetime | None = None,
    bags: list[int] | None = None,
) -> Document:
    """One slip per bag of the order ("bag 1/2", "bag 2/2"), or only the `bags` asked for."""
    spec = page_spec(size)
    bag_count = max(1, order.bag_count)
    wanted = bags or list(range(1, bag_count + 1))
    for bag in wanted:
        if not 1 <= bag <= bag_count:
            raise ValueError(
                message("too_many_bags", order=order.order_id, bags=bag_count, bag=bag)
            )
    pages = [
        layout_slip(
            order,
            spec,
            ShopInfo.coerce(shop),
            bag=bag,
            dpi=dpi,
            locale=locale or document_locale(),
            now=now,
        )
        for bag in wanted
    ]
    title = QCoreApplication.translate("PickupSlip", "Pickup slip {order}").format(
        order=order.order_id
    )
    return Document("slip", title, pages, dpi, roll=spec.is_roll)


def layout_slip(
    order: Order,
    spec: PageSpec,
    shop: ShopInfo,
    *,
    bag: int = 1,
    dpi: int = THERMAL_DPI,
    locale: QLocale,
    now: datetime | None = None,
    measure: TextMeasure | None = None,
) -> Page:
    """Lay out one bag's slip. On a fixed sheet, lines that do not fit are summarised."""
    m = measure or shared_measure()
    shown = len(order.lines)
    while True:
        page = _layout(order, spec, shop, bag, dpi, locale, now, m, shown)
        fits = spec.is_roll or page.items[-1].bounds.bottom <= page.printable.bottom
        if fits or shown == 0:
            return page
        shown -= 1


def _layout(
    order: Order,
    spec: PageSpec,
    shop: ShopInfo,
    bag: int,
    dpi: int,
    locale: QLocale,
    now: datetime | None,
    m: TextMeasure,
    shown_lines: int,
) -> Page:
    s = _scale(spec)
    margin = spec.margin_mm
    top = 3.0 if spec.is_roll else margin
    flow = Flow(m, margin, top, spec.content_width_mm)
    width = flow.width

    if shop.name:
        flow.text(shop.name, Font(10, bold=True).scaled(s), max_lines=2, align="center")
        flow.rule()

    marketplace = shop.marketplace_name(order.marketplace)
    if marketplace:
        # Which marketplace's order this bag is: the same number may exist on two of them.
        label = QCoreApplication.translate("PickupSlip", "{marketplace} order").format(
            marketplace=marketplace
        )
        # On one line when smaller type allows (a long name then wraps rather than shrink).
        label_font = m.shrink_to_fit(label, Font(11, bold=True).scaled(s), width, 8 * s)
        flow.text(label, label_font, max_lines=2)
    else:
        flow.line(QCoreApplication.translate("PickupSlip", "Order"), Font(8).scaled(s))
    number_font = m.shrink_to_fit(order.order_id, Font(22, bold=True).scaled(s), width, 12)
    flow.text(order.order_id, number_font)
    flow.space(1.5)
    flow.line(QCoreApplication.translate("PickupSlip", "Customer"), Font(8).scaled(s))
    name = order.customer_name or "—"
    name_font = m.shrink_to_lines(name, Font(18, bold=True).scaled(s), width, 3, 11 * s)
    flow.text(name, name_font, max_lines=3)
    flow.rule()

    for line in order.lines[:shown_lines]:
        _line(flow, line, s)
    hidden = len(order.lines) - shown_lines
    if hidden > 0:
        flow.text(
            QCoreApplication.translate(
                "PickupSlip", "+ %n more line(s): see the order on screen", "", hidden
            ),
            Font(9, bold=True).scaled(s),
        )
    flow.rule()

    bag_count = max(1, order.bag_count)
    flow.text(
        QCoreApplication.translate("PickupSlip", "%n item(s)", "", _items_to_hand_over(order))
        + " · "
        + QCoreApplication.translate("PickupSlip", "bag {bag}/{bags}").format(
            bag=bag, bags=bag_count
        ),
        Font(13, bold=True).scaled(s),
    )
    if order.shelf:
        shelf = QCoreApplication.translate("PickupSlip", "Shelf {shelf}").format(shelf=order.shelf)
        # A shelf code split over two lines gets misread: smaller type first.
        shelf_font = m.shrink_to_fit(shelf, Font(16, bold=True).scaled(s), width, 10)
        flow.text(shelf, shelf_font, max_lines=2)
    ready = order.ready_at or now or datetime.now(UTC)
    flow.line(
        QCoreApplication.translate("PickupSlip", "Ready on {date}").format(
            date=short_date(ready, locale)
        ),
        Font(9).scaled(s),
    )
    flow.space(2.5)
    try:
        code = place_code128(order.order_id, flow.x, flow.y, width, _BARCODE_HEIGHT * s, dpi)
        flow.add(code, code.bounds.height + 1.0)
        flow.line(order.order_id, Font(9, mono=True).scaled(s), align="center")
    except CodeTooLargeError:
        flow.text(
            QCoreApplication.translate(
                "PickupSlip", "Order number too long for a bar code on this paper"
            ),
            Font(8).scaled(s),
        )

    height = spec.height_mm if spec.height_mm is not None else flow.y + 5.0
    bottom_margin = margin if not spec.is_roll else 2.0
    printable = Rect(margin, min(top, margin), width, height - min(top, margin) - bottom_margin)
    return Page(spec.width_mm, height, printable, flow.items)


def _items_to_hand_over(order: Order) -> int:
    """The books in the bag: a line cancelled, refunded or refused is not counted."""
    return sum(line.quantity for line in order.lines if not withdrawn_state(line))


def _withdrawn_label(state: str) -> str:
    """What a line cancelled, refunded or refused says on the slip ("" for the others)."""
    tr = QCoreApplication.translate
    return {
        "CANCELED": tr("PickupSlip", "Cancelled: do not hand over"),
        "REFUNDED": tr("PickupSlip", "Refunded: do not hand over"),
        "REFUSED": tr("PickupSlip", "Refused: do not hand over"),
    }.get(state, "")


def _line(flow: Flow, line: OrderLine, s: float) -> None:
    withdrawn = _withdrawn_label(withdrawn_state(line))
    titles = flow.text(line.title or "—", Font(10).scaled(s), max_lines=2)
    if withdrawn:
        # Struck out, so nobody looks for that book: a rule through the middle of each line.
        for t in titles:
            flow.items.append(RuleItem(t.x, t.y + t.ascent * 0.65, t.width, 0.35))
    code = line.ean or line.sku
    detail = QCoreApplication.translate("PickupSlip", "Qty {quantity}").format(
        quantity=line.quantity
    )
    if code:
        detail = f"{code} · {detail}"
    flow.line(detail, Font(8, bold=line.quantity > 1).scaled(s), indent=2.0)
    if withdrawn:
        flow.text(withdrawn, Font(9, bold=True).scaled(s), indent=2.0)
    flow.space(1.0)
