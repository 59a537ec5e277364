"""The simulator's order book: seeded Mirakl-shaped orders and the state rules of OR21/OR24.

Orders are kept as the JSON Mirakl would send (field names of `OR11_Response_200_Orders`) with
their serialised text cached, so that serving 20,000 orders page by page stays cheap.
"""

from __future__ import annotations

import json
import random
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from counter_app.marketplace.simulator.catalog import (
    BOOKS,
    CITIES,
    FIRST_NAMES,
    LAST_NAMES,
    SHIPPING_TYPES,
    STREETS,
)

# States an order only stays in for a day or so; seeded orders in them are that recent.
_RECENT_STATES = frozenset({"WAITING_ACCEPTANCE", "STAGING", "WAITING_DEBIT_PAYMENT"})
_RECENT_SPAN = 30 * 3600.0

# Mirakl answers OR11 from `start_update_date` minus a safety delta, so clients see repeats.
SAFETY_DELTA = timedelta(minutes=2)
MAX_PAGE = 100

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


class WrongStateError(Exception):
    """The transition is not allowed from the order's current state (Mirakl answers 400)."""


class UnknownOrderError(LookupError):
    """No such order (Mirakl answers 404)."""


def format_date(when: datetime, *, millis: bool) -> str:
    """Mirakl's ISO 8601 in UTC; some answers carry milliseconds, some do not."""
    when = when.astimezone(UTC)
    if millis:
        return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Thread:
    """A message thread opened by the shop on an order (OR43)."""

    thread_id: str
    order_id: str
    body: str
    to: list[str]
    topic: dict[str, Any]
    files: list[tuple[str, bytes]] = field(default_factory=list)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def _money(cents: int) -> float:
    return round(cents / 100, 2)


class OrderBook:
    """All orders of one shop, thread-safe; `clock` is injectable for deterministic tests."""

    def __init__(
        self,
        count: int = 60,
        seed: int = 1,
        *,
        shop_id: str = "2001",
        clock: Callable[[], datetime] | None = None,
        click_and_collect_share: float = 0.7,
    ) -> None:
        self.shop_id = shop_id
        self.clock = clock or (lambda: datetime.now(UTC))
        self.rng = random.Random(seed)
        self.click_and_collect_share = click_and_collect_share
        self._lock = threading.RLock()
        self._orders: dict[str, dict[str, Any]] = {}
        self._updated: dict[str, datetime] = {}
        self._json: dict[str, str] = {}
        self._order_ids: list[str] = []  # creation order, as `sort=dateCreated&order=asc`
        self._threads: list[Thread] = []
        self._next_number = 1000
        now = self.clock()
        start = now - timedelta(days=14)
        span = (now - start).total_seconds()
        seeded = []
        for _ in range(count):
            state = self.rng.choices(
                [s for s, _ in _INITIAL_STATES], weights=[w for _, w in _INITIAL_STATES]
            )[0]
            # Mirakl refuses an order left unaccepted past its deadline, and payment clears
            # within hours: such orders are recent, as in a real shop's book.
            window = _RECENT_SPAN if state in _RECENT_STATES else span
            seeded.append((now - timedelta(seconds=self.rng.random() * window), state))
        for created, state in sorted(seeded):
            age = (now - created).total_seconds()
            updated = created + timedelta(seconds=self.rng.random() * min(age, 86400))
            self._add(self._generate(created, state), updated)

    # ---- generation -------------------------------------------------------------------------
    def _generate(self, created: datetime, state: str) -> dict[str, Any]:
        rng = self.rng
        self._next_number += 1
        commercial_id = f"CMD{self._next_number:07d}"
        order_id = f"{commercial_id}-A"
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        city, zip_code = rng.choice(CITIES)
        if rng.random() < self.click_and_collect_share:
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
                    "commission_fee": _money(line_total * 12 // 100),
                    "commission_rate_vat": 20.0,
                    "commission_vat": _money(line_total * 12 // 100 // 5),
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
                    "price": _money(line_total),
                    "price_unit": _money(price),
                    "product_medias": [],
                    "product_sku": isbn,
                    "product_title": title,
                    "quantity": quantity,
                    "refunds": [],
                    "shipping_price": 0.0,
                    "total_commission": _money(line_total * 12 // 100 * 6 // 5),
                    "total_price": _money(line_total),
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
                "shipping_address": None
                if ship_code in ("CLICK_COLLECT", "PICKUP_2H")
                else address,
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
            "price": _money(total),
            "shipping_deadline": format_date(created + timedelta(days=2), millis=False),
            "shipping_price": 0.0,
            "shipping_type_code": ship_code,
            "shipping_type_label": ship_label,
            "shipping_zone_code": "FR-METRO",
            "shipping_zone_label": "France métropolitaine",
            "total_commission": _money(total * 12 // 100 * 6 // 5),
            "total_price": _money(total),
        }

    def _add(self, order: dict[str, Any], updated: datetime) -> None:
        self._orders[order["order_id"]] = order
        self._order_ids.append(order["order_id"])
        self._touch(order, updated)

    def _touch(self, order: dict[str, Any], when: datetime | None = None) -> None:
        when = when or self.clock()
        order["last_updated_date"] = format_date(when, millis=True)
        for line in order["order_lines"]:
            line["last_updated_date"] = order["last_updated_date"]
            refused = line["order_line_id"] in order.get("_refused_lines", ())
            line["order_line_state"] = "REFUSED" if refused else order["order_state"]
        order["can_shop_ship"] = order["order_state"] == "SHIPPING"
        order["can_cancel"] = order["order_state"] in ("WAITING_ACCEPTANCE", "SHIPPING")
        self._updated[order["order_id"]] = when
        self._json[order["order_id"]] = json.dumps(
            {k: v for k, v in order.items() if not k.startswith("_")},
            ensure_ascii=False,
            separators=(",", ":"),
            default=_strip_private,
        )

    # ---- reads --------------------------------------------------------------------------------
    def list_json(
        self,
        *,
        start_update_date: datetime | None = None,
        order_ids: Iterable[str] = (),
        order_state_codes: Iterable[str] = (),
        offset: int = 0,
        limit: int = MAX_PAGE,
        descending: bool = False,
    ) -> tuple[list[str], int]:
        """One OR11 page as serialised orders, and the total count of the whole selection."""
        with self._lock:
            wanted = set(order_ids)
            states = set(order_state_codes)
            since = start_update_date - SAFETY_DELTA if start_update_date else None
            ids = [
                oid
                for oid in (reversed(self._order_ids) if descending else self._order_ids)
                if (not wanted or oid in wanted)
                and (not states or self._orders[oid]["order_state"] in states)
                and (since is None or self._updated[oid] >= since)
            ]
            page = [self._json[oid] for oid in ids[offset : offset + limit]]
            return page, len(ids)

    def get(self, order_id: str) -> dict[str, Any]:
        with self._lock:
            order = self._orders.get(order_id)
            if order is None:
                raise UnknownOrderError(order_id)
            return json.loads(self._json[order_id])

    def state(self, order_id: str) -> str:
        return self.get(order_id)["order_state"]

    def order_ids(self) -> list[str]:
        with self._lock:
            return list(self._order_ids)

    def threads(self, order_id: str | None = None) -> list[Thread]:
        with self._lock:
            return [t for t in self._threads if order_id is None or t.order_id == order_id]

    # ---- seller operations ------------------------------------------------------------------
    def _require(self, order_id: str) -> dict[str, Any]:
        order = self._orders.get(order_id)
        if order is None:
            raise UnknownOrderError(order_id)
        return order

    def accept(self, order_id: str, decisions: list[dict[str, Any]]) -> None:
        """OR21: accept or refuse each line; all refused = REFUSED, else awaiting payment."""
        with self._lock:
            order = self._require(order_id)
            if order["order_state"] != "WAITING_ACCEPTANCE":
                raise WrongStateError(
                    f"Order {order_id} is in state {order['order_state']}, "
                    "expected WAITING_ACCEPTANCE"
                )
            line_ids = {line["order_line_id"] for line in order["order_lines"]}
            refused: set[str] = set()
            for decision in decisions:
                line_id = str(decision.get("id"))
                if line_id not in line_ids:
                    raise ValueError(f"Order line {line_id} not found")
                if not decision.get("accepted"):
                    refused.add(line_id)
            order["_refused_lines"] = refused
            accepted = line_ids - refused
            order["order_state"] = "WAITING_DEBIT_PAYMENT" if accepted else "REFUSED"
            order["acceptance_decision_date"] = format_date(self.clock(), millis=False)
            self._touch(order)

    def ship(self, order_id: str) -> None:
        """OR24: only an order in SHIPPING can be shipped (collected, for click & collect)."""
        with self._lock:
            order = self._require(order_id)
            if order["order_state"] != "SHIPPING":
                raise WrongStateError(
                    f"Order {order_id} is in state {order['order_state']}, expected SHIPPING"
                )
            order["order_state"] = "SHIPPED"
            self._touch(order)

    def set_additional_fields(self, order_id: str, fields: list[dict[str, Any]]) -> None:
        """OR31: set order custom fields (values replace earlier ones with the same code)."""
        with self._lock:
            order = self._require(order_id)
            current = {f["code"]: f for f in order["order_additional_fields"]}
            for item in fields:
                value = item.get("value")
                if isinstance(value, list):
                    value = value[0] if value else ""
                current[str(item["code"])] = {
                    "code": str(item["code"]),
                    "type": "STRING",
                    "value": str(value),
                }
            order["order_additional_fields"] = list(current.values())
            self._touch(order)

    def add_thread(
        self,
        order_id: str,
        body: str,
        to: list[str],
        topic: dict[str, Any],
        files: list[tuple[str, bytes]],
    ) -> Thread:
        """OR43: a message thread on the order."""
        with self._lock:
            order = self._require(order_id)
            thread = Thread(
                str(uuid.UUID(int=self.rng.getrandbits(128))), order_id, body, to, topic
            )
            thread.files = files
            self._threads.append(thread)
            order["has_customer_message"] = True
            self._touch(order)
            return thread

    def corrupt(self, order_id: str, **fields: Any) -> None:
        """Test control: overwrite raw fields of an order's JSON, e.g. an unreadable date."""
        with self._lock:
            order = self._require(order_id)
            self._touch(order)
            data = json.loads(self._json[order_id])
            data.update(fields)
            self._json[order_id] = json.dumps(data, ensure_ascii=False)

    # ---- the operator and time ----------------------------------------------------------------
    def set_state(self, order_id: str, state: str) -> None:
        """Test control: move an order to any state, as the operator or a customer might."""
        with self._lock:
            order = self._require(order_id)
            order["order_state"] = state
            self._touch(order)

    def add_order(
        self, state: str = "WAITING_ACCEPTANCE", *, click_and_collect: bool = True
    ) -> str:
        """A new order arrives now; returns its id."""
        with self._lock:
            share, self.click_and_collect_share = (
                self.click_and_collect_share,
                1.0 if click_and_collect else 0.0,
            )
            try:
                order = self._generate(self.clock(), state)
            finally:
                self.click_and_collect_share = share
            self._add(order, self.clock())
            return order["order_id"]

    def tick(self) -> list[str]:
        """Let time pass: a new order may arrive, payments clear, the operator cancels a few."""
        changed: list[str] = []
        with self._lock:
            rng = self.rng
            if rng.random() < 0.5:
                changed.append(self.add_order(click_and_collect=rng.random() < 0.8))
            for oid in list(self._order_ids):
                order = self._orders[oid]
                state = order["order_state"]
                if state in ("WAITING_DEBIT_PAYMENT", "WAITING_DEBIT", "STAGING"):
                    if rng.random() < 0.6:
                        order["order_state"] = "SHIPPING"
                        self._touch(order)
                        changed.append(oid)
                elif state == "WAITING_ACCEPTANCE" and rng.random() < 0.01:
                    order["order_state"] = "CANCELED"
                    self._touch(order)
                    changed.append(oid)
        return changed


def _ascii(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and not ch.isspace())


def _strip_private(value: Any) -> Any:
    raise TypeError(f"not serialisable: {type(value).__name__}")
