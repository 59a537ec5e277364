"""The customer pickup card: the pickup code as a QR code and in readable groups.

Handed over at the counter, or printed for customers without email. It carries the secret
pickup code, so unlike the slip it goes to the customer, never onto the bag.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.domain.orders import Order
from counter_app.domain.pickup_code import format_pickup_code, qr_payload
from counter_app.domain.pickup_window import collect_by
from counter_app.printing.codes import place_qr
from counter_app.printing.layout import Document, Flow, Font, Page, TextMeasure, shared_measure
from counter_app.printing.messages import message
from counter_app.printing.shop import ShopInfo
from counter_app.printing.units import THERMAL_DPI, PageSpec, Rect, page_spec

_DESIGN_WIDTH = 72.0
_MAX_QR_MM = 50.0
_MIN_QR_MM = 24.0
# Q survives a crumpled card in a pocket better than M, and the payload is short.
QR_LEVEL = "Q"


class NoPickupCodeError(ValueError):
    """The order has no pickup code yet (it is not marked ready)."""


def card_document(
    order: Order,
    size: str = "80mm",
    shop: ShopInfo | str | None = None,
    *,
    dpi: int = THERMAL_DPI,
) -> Document:
    """The pickup card of a ready order."""
    if not order.pickup_code:
        raise NoPickupCodeError(message("no_pickup_code", order=order.order_id))
    spec = page_spec(size)
    page = layout_card(order, spec, ShopInfo.coerce(shop), dpi=dpi)
    title = QCoreApplication.translate("PickupCard", "Pickup card {order}").format(
        order=order.order_id
    )
    return Document("card", title, [page], dpi, roll=spec.is_roll)


def layout_card(
    order: Order,
    spec: PageSpec,
    shop: ShopInfo,
    *,
    dpi: int = THERMAL_DPI,
    measure: TextMeasure | None = None,
) -> Page:
    qr_max = _MAX_QR_MM
    while True:
        page = _layout(order, spec, shop, dpi, measure or shared_measure(), qr_max)
        # On a sheet the QR code shrinks until everything fits (a roll just grows).
        if spec.is_roll or page.items[-1].bounds.bottom <= page.printable.bottom:
            return page
        if qr_max <= _MIN_QR_MM:
            return page
        qr_max = max(_MIN_QR_MM, qr_max - 4.0)


def _layout(
    order: Order,
    spec: PageSpec,
    shop: ShopInfo,
    dpi: int,
    m: TextMeasure,
    qr_max: float,
) -> Page:
    code = order.pickup_code or ""
    s = min(1.5, max(0.8, spec.content_width_mm / _DESIGN_WIDTH))
    margin = spec.margin_mm
    top = 3.0 if spec.is_roll else margin
    flow = Flow(m, margin, top, spec.content_width_mm)
    width = flow.width

    if shop.name:
        flow.text(shop.name, Font(13, bold=True).scaled(s), max_lines=2, align="center")
    flow.text(
        QCoreApplication.translate("PickupCard", "Your click & collect pickup code"),
        Font(10).scaled(s),
        align="center",
    )
    flow.space(1.0)
    qr_size = min(width, qr_max * s)
    qr = place_qr(
        qr_payload(code),
        flow.x + (width - qr_size) / 2,
        flow.y,
        qr_size,
        dpi,
        level=QR_LEVEL,
    )
    flow.add(qr, qr.bounds.height)
    grouped = format_pickup_code(code)
    code_font = m.shrink_to_fit(grouped, Font(20, bold=True, mono=True).scaled(s), width, 10)
    flow.text(grouped, code_font, align="center")
    flow.space(1.5)
    marketplace = shop.marketplace_name(order.marketplace)
    if marketplace:
        # The customer may buy on several marketplaces: say on which one this order was made,
        # and keep the number whole on a line of its own.
        label = QCoreApplication.translate("PickupCard", "{marketplace} order").format(
            marketplace=marketplace
        )
        # On one line when smaller type allows (a long name then wraps rather than shrink).
        label_font = m.shrink_to_fit(label, Font(11, bold=True).scaled(s), width, 8 * s)
        flow.text(label, label_font, max_lines=2, align="center")
        number = QCoreApplication.translate("PickupCard", "No. {order}").format(
            order=order.order_id
        )
    else:
        number = QCoreApplication.translate("PickupCard", "Order {order}").format(
            order=order.order_id
        )
    number_font = m.shrink_to_fit(number, Font(11, bold=True).scaled(s), width, 7)
    flow.text(number, number_font, max_lines=2, align="center")
    if order.customer_name:
        flow.text(order.customer_name, Font(10).scaled(s), max_lines=2, align="center")
    last_day = collect_by(order.ready_at, shop.pickup_days) if shop.pickup_days else None
    if last_day is not None:
        flow.space(1.0)
        flow.text(
            QCoreApplication.translate("PickupCard", "Please collect it by {day}").format(
                day=last_day.strftime("%d/%m/%Y")
            ),
            Font(11, bold=True).scaled(s),
            align="center",
        )
    flow.rule()
    if shop.address:
        flow.line(QCoreApplication.translate("PickupCard", "Address"), Font(8).scaled(s))
        flow.text(shop.address, Font(10).scaled(s), max_lines=4)
        flow.space(1.0)
    if shop.opening_hours:
        flow.line(QCoreApplication.translate("PickupCard", "Opening hours"), Font(8).scaled(s))
        flow.text(shop.opening_hours, Font(10).scaled(s), max_lines=6)
        flow.space(1.0)
    flow.text(
        QCoreApplication.translate(
            "PickupCard",
            "Show this code at the counter to collect your order. Keep it to yourself: "
            "whoever shows it can collect the order.",
        ),
        Font(8).scaled(s),
    )

    height = spec.height_mm if spec.height_mm is not None else flow.y + 5.0
    upper = min(top, margin)
    bottom_margin = 2.0 if spec.is_roll else margin
    printable = Rect(margin, upper, width, height - upper - bottom_margin)
    return Page(spec.width_mm, height, printable, flow.items)
