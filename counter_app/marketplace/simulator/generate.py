"""Seeded, realistic OR11 orders for the simulator: French customers, books, pickup or delivery.

The JSON has every property `OR11_Response_200_Orders` requires, so what the simulator serves
validates against the published spec. `seed_schedule` spreads a seeded book over the last two
weeks, in the states a real shop's book is in.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime, timedelta
from typing import Any

from counter_app.marketplace.simulator.catalog import (
    BOOKS,
    CITIES,
    FIRST_NAMES,
    LAST_NAMES,
    SHIPPING_TYPES,
    STREETS,
)
from counter_app.marketplace.simulator.common import format_date, money

# States an order only stays in for a day or so; seeded orders in them are that recent.
_RECENT_STATES = frozenset({"WAITING_ACCEPTANCE", "STAGING", "WAITING_DEBIT_PAYMENT"})
_RECENT_SPAN = 30 * 3600.0

_INITIAL_STATES = (
    ("WAITING_ACCEPTANCE", 15),
    ("STAGING", 2),
    ("WAITING_DEBIT_PAYMENT", 5),
    ("SHIPPING", 35),
    ("SHIPPED", 23),
    ("CLOSED", 10),
    ("CANCELED", 6),
    ("REFUSED", 4),
)


def seed_schedule(rng: random.Random, now: datetime, count: int) -> list[tuple[datetime, str]]:
    """When each of `count` seeded orders was created and its state, oldest first: the last
    two weeks of a shop's book, in the shares of `_INITIAL_STATES`."""
    start = now - timedelta(days=14)
    span = (now - start).total_seconds()
    seeded = []
    for _ in range(count):
        state = rng.choices(
            [s for s, _ in _INITIAL_STATES], weights=[w for _, w in _INITIAL_STATES]
        )[0]
        # Mirakl refuses an order left unaccepted past its deadline, and payment clears
        # within hours: such orders are recent, as in a real shop's book.
        window = _RECENT_SPAN if state in _RECENT_STATES else span
        seeded.append((now - timedelta(seconds=rng.random() * window), state))
    return sorted(seeded)


def generate_order(
    rng: random.Random,
    commercial_id: str,
    order_id: str,
    created: datetime,
    state: str,
    click_and_collect_share: float,
) -> dict[str, Any]:
    """Order `order_id` (customer number `commercial_id`) as OR11 sends it, created at
    `created`, in `state`; the operator's numbering is `operators.OrderNumbers`."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    city, zip_code = rng.choice(CITIES)
    if rng.random() < click_and_collect_share:
        ship_code, ship_label, _ = rng.choice([t for t in SHIPPING_TYPES if t[2]])
    else:
        ship_code, ship_label, _ = rng.choice([t for t in SHIPPING_TYPES if not t[2]])
    millis = rng.random() < 0.5
    created_s = format_date(created, millis=millis)
    lines = []
    total = 0
    for index, (title, author, isbn, price) in enumerate(
        rng.sample(BOOKS, rng.randint(1, 5)), start=1
    ):
        quantity = rng.choices((1, 2, 3), weights=(85, 12, 3))[0]
        line_total = price * quantity
        total += line_total
        lines.append(
            {
                "can_refund": False,
                "cancelations": [],
                "category_code": "livres",
                "category_label": "Livres",
                "commission_fee": money(line_total * 12 // 100),
                "commission_rate_vat": 20.0,
                "commission_vat": money(line_total * 12 // 100 // 5),
                "created_date": created_s,
                "description": f"{title} — {author}",
                "last_updated_date": created_s,
                "offer_id": int(isbn[-7:]),
                "offer_sku": isbn,
                "offer_state_code": "11",
                "order_line_additional_fields": [],
                "order_line_id": f"{order_id}-{index}",
                "order_line_index": index,
                "order_line_state": state,
                "price": money(line_total),
                "price_unit": money(price),
                "product_medias": [],
                "product_sku": isbn,
                "product_title": title,
                "quantity": quantity,
                "refunds": [],
                "shipping_price": 0.0,
                "total_commission": money(line_total * 12 // 100 * 6 // 5),
                "total_price": money(line_total),
            }
        )
    address = {
        "city": city,
        "civility": rng.choice(("M.", "Mme")),
        "country": "France",
        "country_iso_code": "FRA",
        "firstname": first,
        "lastname": last,
        "street_1": rng.choice(STREETS),
        "zip_code": zip_code,
    }
    return {
        "acceptance_decision_date": None,
        "can_cancel": state in ("WAITING_ACCEPTANCE", "SHIPPING"),
        "can_shop_ship": state == "SHIPPING",
        "channel": {"code": "FR", "label": "France"},
        "commercial_id": commercial_id,
        "created_date": created_s,
        "currency_iso_code": "EUR",
        "customer": {
            "billing_address": address,
            "civility": address["civility"],
            "customer_id": f"C{rng.randint(100000, 999999)}",
            "firstname": first,
            "lastname": last,
            "locale": "fr_FR",
            # Pickup orders have no delivery address; Mirakl then sends null.
            "shipping_address": None if ship_code in ("CLICK_COLLECT", "PICKUP_2H") else address,
        },
        "customer_notification_email": (
            f"{_ascii(first)}.{_ascii(last)}@example.fr".lower().replace("'", "")
        ),
        "fulfillment": {"center": {"code": "DEFAULT"}},
        "fully_refunded": False,
        "has_customer_message": False,
        "has_incident": False,
        "has_invoice": False,
        "last_updated_date": created_s,
        "leadtime_to_ship": 2,
        "order_additional_fields": [],
        "order_id": order_id,
        "order_lines": lines,
        "order_state": state,
        "order_state_reason_code": None,
        "order_tax_mode": "TAX_INCLUDED",
        "paymentType": "CREDIT_CARD",
        "payment_type": "CREDIT_CARD",
        "price": money(total),
        "shipping_deadline": format_date(created + timedelta(days=2), millis=False),
        "shipping_price": 0.0,
        "shipping_type_code": ship_code,
        "shipping_type_label": ship_label,
        "shipping_zone_code": "FR-METRO",
        "shipping_zone_label": "France métropolitaine",
        "total_commission": money(total * 12 // 100 * 6 // 5),
        "total_price": money(total),
    }


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and not ch.isspace())
