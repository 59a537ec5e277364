"""The message the customer gets when an order is ready: text and QR code PNG (OR43).

The customer reads French; the wording lives here, in one place, for later translation.
"""

from __future__ import annotations

import io

import qrcode
import qrcode.constants
from qrcode.image.pil import PilImage

from counter_app.domain.orders import Order
from counter_app.domain.pickup_code import format_pickup_code, qr_payload
from counter_app.marketplace.connector import PickupMessage

TOPIC = "Commande {order} prête à retirer – code {code}"
BODY = (
    "Bonjour {name},\n\n"
    "Votre commande {order} vous attend{shop}.\n"
    "Présentez ce code de retrait au comptoir (ou le QR code joint) : {code}\n\n"
    "{hours}À bientôt !"
)


def qr_png(code: str, *, box_size: int = 8) -> bytes:
    """A PNG of the QR code that carries exactly `qr_payload(code)`."""
    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4
    )
    qr.add_data(qr_payload(code))
    qr.make(fit=True)
    image = qr.make_image(image_factory=PilImage, fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def pickup_message(
    order: Order, code: str, *, shop_name: str = "", opening_hours: str = ""
) -> PickupMessage:
    """Topic, body and QR code for one ready order."""
    shown = format_pickup_code(code)
    order_ref = order.commercial_id or order.order_id
    return PickupMessage(
        topic=TOPIC.format(order=order_ref, code=shown),
        body=BODY.format(
            name=order.customer_name or "",
            order=order_ref,
            shop=f" chez {shop_name}" if shop_name else " en magasin",
            code=shown,
            hours=f"Horaires : {opening_hours}\n\n" if opening_hours else "",
        ),
        qr_png=qr_png(code),
    )
