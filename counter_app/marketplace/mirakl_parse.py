"""Mirakl OR11 JSON to domain orders, tolerant where Mirakl says answers may vary.

Dates come with or without milliseconds, optional fields and addresses may be missing or null,
future order states are kept (shown as "unknown"). One malformed order never sinks its page:
it is skipped and logged with its id.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from counter_app.domain.orders import Order, OrderLine
from counter_app.domain.stages import stage_for_remote_state
from counter_app.marketplace.connector import MalformedAnswer, ShippingType, ShopInfo

log = logging.getLogger(__name__)


class MalformedOrderError(ValueError):
    """One order in an answer cannot be understood."""


def parse_datetime(value: Any) -> datetime | None:
    """`2026-11-20T09:00:00Z`, `...00.123Z`, `...+01:00` → aware UTC datetime; None stays None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MalformedOrderError(f"date is not a string: {value!r}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise MalformedOrderError(f"unreadable date {value!r}") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def format_datetime(when: datetime) -> str:
    """A datetime as Mirakl expects it in query parameters (UTC, `Z`)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_cents(value: Any) -> int:
    """A Mirakl amount (a JSON number in euros) as integer cents; missing = 0."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise MalformedOrderError(f"amount is a boolean: {value!r}")
    try:
        return int((Decimal(str(value)) * 100).quantize(Decimal(1)))
    except (InvalidOperation, ValueError) as exc:
        raise MalformedOrderError(f"unreadable amount {value!r}") from exc


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _isbn(*candidates: Any) -> str:
    for candidate in candidates:
        digits = _text(candidate).replace("-", "")
        if len(digits) == 13 and digits.isdigit():
            return digits
    return ""


def _customer_name(data: dict[str, Any]) -> str:
    customer = data.get("customer") or {}
    if not isinstance(customer, dict):
        customer = {}
    name = f"{_text(customer.get('firstname'))} {_text(customer.get('lastname'))}".strip()
    if name:
        return name
    for key in ("billing_address", "shipping_address"):
        address = customer.get(key) or {}
        if isinstance(address, dict):
            name = f"{_text(address.get('firstname'))} {_text(address.get('lastname'))}".strip()
            if name:
                return name
    return ""


def parse_line(data: Any, position: int) -> OrderLine:
    if not isinstance(data, dict):
        raise MalformedOrderError(f"order line {position} is not an object")
    line_id = _text(data.get("order_line_id"))
    if not line_id:
        raise MalformedOrderError(f"order line {position} has no order_line_id")
    quantity = data.get("quantity", 1)
    if isinstance(quantity, bool) or not isinstance(quantity, int | float):
        raise MalformedOrderError(f"order line {line_id} has an unreadable quantity")
    unit = to_cents(data.get("price_unit"))
    total = to_cents(data.get("total_price", data.get("price")))
    return OrderLine(
        line_id=line_id,
        title=_text(data.get("product_title")) or _text(data.get("description")),
        quantity=int(quantity),
        sku=_text(data.get("offer_sku")),
        ean=_isbn(data.get("offer_sku"), data.get("product_sku"), data.get("product_shop_sku")),
        unit_price_cents=unit,
        total_price_cents=total,
        line_state=_text(data.get("order_line_state")),
    )


def incident_reason(data: dict[str, Any]) -> str:
    """Why an order has an incident: the reason of its first line in INCIDENT_OPEN."""
    for line in data.get("order_lines") or []:
        if isinstance(line, dict) and _text(line.get("order_line_state")) == "INCIDENT_OPEN":
            label = _text(line.get("order_line_state_reason_label"))
            code = _text(line.get("order_line_state_reason_code"))
            return label or code or "incident"
    return "incident"


def parse_order(data: Any, *, raw: str | None = None) -> Order:
    """One OR11 order. Raises MalformedOrderError when it cannot be used at all."""
    if not isinstance(data, dict):
        raise MalformedOrderError("order is not an object")
    order_id = _text(data.get("order_id"))
    if not order_id:
        raise MalformedOrderError("order has no order_id")
    try:
        created = parse_datetime(data.get("created_date"))
        updated = parse_datetime(data.get("last_updated_date")) or created
        if created is None or updated is None:
            raise MalformedOrderError("order has no created_date")
        lines_data = data.get("order_lines") or []
        if not isinstance(lines_data, list):
            raise MalformedOrderError("order_lines is not a list")
        state = _text(data.get("order_state")).upper()
        return Order(
            order_id=order_id,
            commercial_id=_text(data.get("commercial_id")) or order_id,
            remote_state=state,
            stage=stage_for_remote_state(state),
            customer_name=_customer_name(data),
            customer_email=_text(data.get("customer_notification_email")),
            created_at=created,
            updated_at=updated,
            deadline_at=parse_datetime(data.get("shipping_deadline")),
            total_price_cents=to_cents(data.get("total_price")),
            currency=(_text(data.get("currency_iso_code")) or "EUR")[:3],
            shipping_type_code=_text(data.get("shipping_type_code")),
            shipping_type_label=_text(data.get("shipping_type_label")),
            lines=[parse_line(line, i) for i, line in enumerate(lines_data)],
            has_customer_message=data.get("has_customer_message") is True,
            incident=incident_reason(data) if data.get("has_incident") is True else "",
            raw_json=raw
            if raw is not None
            else json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        )
    except MalformedOrderError as exc:
        raise MalformedOrderError(f"order {order_id}: {exc}") from exc


def parse_orders_page(payload: Any) -> tuple[list[Order], list[str], int]:
    """An OR11 answer: (orders, ids of skipped malformed orders, total_count)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("orders"), list):
        raise MalformedAnswer("the order list answer has no 'orders' list")
    total = payload.get("total_count")
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise MalformedAnswer("the order list answer has no usable 'total_count'")
    orders: list[Order] = []
    skipped: list[str] = []
    for item in payload["orders"]:
        try:
            orders.append(parse_order(item))
        except MalformedOrderError as exc:
            order_id = item.get("order_id") if isinstance(item, dict) else None
            skipped.append(str(order_id or "?"))
            log.warning("skipped a malformed order from the marketplace: %s", exc)
    return orders, skipped, total


def parse_shipping_types(payload: Any) -> list[ShippingType]:
    if not isinstance(payload, dict) or not isinstance(payload.get("shipping_types"), list):
        raise MalformedAnswer("the shipping types answer has no 'shipping_types' list")
    types = []
    for item in payload["shipping_types"]:
        if isinstance(item, dict) and _text(item.get("code")):
            types.append(
                ShippingType(
                    code=_text(item.get("code")),
                    label=_text(item.get("label")),
                    click_and_collect=item.get("click_and_collect") is True,
                )
            )
    return types


def parse_shop_info(payload: Any) -> ShopInfo:
    if not isinstance(payload, dict) or payload.get("shop_id") is None:
        raise MalformedAnswer("the account answer has no shop_id")
    contact = payload.get("contact_informations") or {}
    if not isinstance(contact, dict):
        contact = {}
    return ShopInfo(
        shop_id=_text(payload.get("shop_id")),
        name=_text(payload.get("shop_name")),
        email=_text(contact.get("email")),
        city=_text(contact.get("city")),
        address=_postal_address(contact),
    )


def _postal_address(contact: dict[str, Any]) -> str:
    """A01's contact address as one line: "12 rue d'Austerlitz, 69004 Lyon"."""
    streets = [_text(contact.get(k)) for k in ("street1", "street2")]
    town = " ".join(t for t in (_text(contact.get("zip_code")), _text(contact.get("city"))) if t)
    return ", ".join(part for part in (*streets, town) if part)


def additional_field_values(raw_json: str) -> dict[str, str]:
    """The order custom fields (OR31) as code → value, from an order's raw JSON."""
    try:
        data = json.loads(raw_json)
    except (ValueError, TypeError):
        return {}
    values: dict[str, str] = {}
    for item in data.get("order_additional_fields") or []:
        if isinstance(item, dict) and item.get("code"):
            value = item.get("value")
            if isinstance(value, list):
                value = value[0] if value else ""
            values[str(item["code"])] = _text(value)
    return values
