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
    ADDITIONAL_FIELDS,
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


# What OR24 leads to on a click & collect order, as the operator configured it.
COLLECT_FLOWS = ("shipped", "to_collect")
ORDER_STATES = (
    "STAGING",
    "WAITING_ACCEPTANCE",
    "WAITING_DEBIT",
    "WAITING_DEBIT_PAYMENT",
    "SHIPPING",
    "SHIPPED",
    "TO_COLLECT",
    "RECEIVED",
    "CLOSED",
    "REFUSED",
    "CANCELED",
)
_PICKUP_CODES = frozenset(code for code, _label, cc in SHIPPING_TYPES if cc)
MAX_STRING_FIELD = 2000


class WrongStateError(Exception):
    """The transition is not allowed from the order's current state (Mirakl answers 400)."""


class InvalidRequestError(ValueError):
    """The request body breaks one of Mirakl's rules (400 with this message)."""


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
    message_id: str = ""


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
        collect_flow: str = "shipped",
    ) -> None:
        if collect_flow not in COLLECT_FLOWS:
            raise ValueError(f"collect_flow must be one of {', '.join(COLLECT_FLOWS)}")
        self.collect_flow = collect_flow
        self.shop_id = shop_id
        self.clock = clock or (lambda: datetime.now(UTC))
        self.rng = random.Random(seed)
        self.click_and_collect_share = click_and_collect_share
        self._lock = threading.RLock()
        self._orders: dict[str, dict[str, Any]] = {}
        self._updated: dict[str, datetime] = {}
        self._created: dict[str, datetime] = {}
        # The operator's custom fields, as AF01 serves them.
        self.additional_fields: list[dict[str, Any]] = [
            {
                "code": code,
                "description": label,
                "editable": True,
                "entity": entity,
                "label": label,
                "required": False,
                "type": kind,
                **extra,
            }
            for code, label, kind, entity, extra in ADDITIONAL_FIELDS
        ]
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
        self._created[order["order_id"]] = parse_date(order["created_date"])
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
        end_update_date: datetime | None = None,
        start_date: datetime | None = None,
        end_date: datetime | None = None,
        channel_codes: Iterable[str] = (),
    ) -> tuple[list[str], int]:
        """One OR11 page as serialised orders, and the total count of the whole selection."""
        with self._lock:
            wanted = set(order_ids)
            states = set(order_state_codes)
            channels = set(channel_codes)
            since = start_update_date - SAFETY_DELTA if start_update_date else None
            ids = [
                oid
                for oid in (reversed(self._order_ids) if descending else self._order_ids)
                if (not wanted or oid in wanted)
                and (not states or self._orders[oid]["order_state"] in states)
                and (since is None or self._updated[oid] >= since)
                and (end_update_date is None or self._updated[oid] <= end_update_date)
                and (start_date is None or self._created[oid] >= start_date)
                and (end_date is None or self._created[oid] <= end_date)
                and (not channels or self._orders[oid]["channel"]["code"] in channels)
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

    def accept(self, order_id: str, decisions: Any) -> None:
        """OR21: accept or refuse each line; all refused = REFUSED, else awaiting payment.

        As Mirakl: every line needs exactly one boolean decision, or nothing changes (400).
        """
        with self._lock:
            order = self._require(order_id)
            if not isinstance(decisions, list) or not decisions:
                raise InvalidRequestError("order_lines is required and must not be empty")
            line_ids = {line["order_line_id"] for line in order["order_lines"]}
            refused: set[str] = set()
            seen: set[str] = set()
            for decision in decisions:
                if not isinstance(decision, dict):
                    raise InvalidRequestError("each element of order_lines must be an object")
                line_id = decision.get("id")
                if not isinstance(line_id, str) or not line_id:
                    raise InvalidRequestError("order_lines[].id is required")
                if not isinstance(decision.get("accepted"), bool):
                    raise InvalidRequestError(
                        f"order_lines[].accepted must be a boolean (line {line_id})"
                    )
                if line_id in seen:
                    raise InvalidRequestError(f"Order line {line_id} is listed twice")
                seen.add(line_id)
                if line_id not in line_ids:
                    raise InvalidRequestError(f"Order line {line_id} not found")
                if not decision["accepted"]:
                    refused.add(line_id)
            if order["order_state"] != "WAITING_ACCEPTANCE":
                raise WrongStateError(
                    f"Order {order_id} is in state {order['order_state']}, "
                    "expected WAITING_ACCEPTANCE"
                )
            missing = sorted(line_ids - seen)
            if missing:
                raise InvalidRequestError(
                    "ORDER_LINE_ACCEPTANCE_DECISION_MISSING: no decision for order line(s) "
                    + ", ".join(missing)
                )
            order["_refused_lines"] = refused
            accepted = line_ids - refused
            order["order_state"] = "WAITING_DEBIT_PAYMENT" if accepted else "REFUSED"
            order["acceptance_decision_date"] = format_date(self.clock(), millis=False)
            self._touch(order)

    def ship(self, order_id: str) -> None:
        """OR24: only an order in SHIPPING can be shipped.

        A click & collect order then goes to SHIPPED, or to TO_COLLECT (and later RECEIVED)
        when the operator runs the `to_collect` flow.
        """
        with self._lock:
            order = self._require(order_id)
            if order["order_state"] != "SHIPPING":
                raise WrongStateError(
                    f"Order {order_id} is in state {order['order_state']}, expected SHIPPING"
                )
            pickup = order["shipping_type_code"] in _PICKUP_CODES
            to_collect = pickup and self.collect_flow == "to_collect"
            order["order_state"] = "TO_COLLECT" if to_collect else "SHIPPED"
            self._touch(order)

    def field_definition(self, code: str) -> dict[str, Any] | None:
        for definition in self.additional_fields:
            if definition["code"] == code:
                return definition
        return None

    def set_additional_fields(
        self, order_id: str, payload: Any
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """OR31: set (or, with `null`, delete) order and order line custom fields.

        Returns `(order_update_result, order_update_errors)`: the values after the update,
        or the errors and the offending input (then nothing is changed, as Mirakl does).
        """
        with self._lock:
            order = self._require(order_id)
            if not isinstance(payload, dict):
                raise InvalidRequestError("the body must be a JSON object")
            order_fields = payload.get("order_additional_fields") or []
            line_updates = payload.get("order_lines") or []
            if not isinstance(order_fields, list) or not isinstance(line_updates, list):
                raise InvalidRequestError("order_additional_fields and order_lines are lists")
            errors: list[dict[str, Any]] = []
            bad_fields: list[Any] = []
            bad_lines: list[Any] = []
            order_changes = self._checked_fields(order_fields, "ORDER", errors, bad_fields)
            lines = {line["order_line_id"]: line for line in order["order_lines"]}
            line_changes: dict[str, dict[str, Any]] = {}
            for update in line_updates:
                if not isinstance(update, dict) or not isinstance(update.get("order_line_id"), str):
                    raise InvalidRequestError("order_lines[].order_line_id is required")
                line_id = update["order_line_id"]
                if line_id not in lines:
                    raise InvalidRequestError(f"Order line {line_id} not found")
                line_errors = len(errors)
                line_fields = update.get("order_line_additional_fields") or []
                if not isinstance(line_fields, list):
                    raise InvalidRequestError("order_line_additional_fields must be a list")
                line_changes[line_id] = self._checked_fields(line_fields, "ORDER_LINE", errors, [])
                if len(errors) > line_errors:
                    bad_lines.append(update)
            if errors:
                input_: dict[str, Any] = {}
                if bad_fields:
                    input_["order_additional_fields"] = bad_fields
                if bad_lines:
                    input_["order_lines"] = bad_lines
                return None, {"errors": errors, "input": input_}
            _apply_fields(order, "order_additional_fields", order_changes)
            for line_id, changes in line_changes.items():
                _apply_fields(lines[line_id], "order_line_additional_fields", changes)
            self._touch(order)
            result: dict[str, Any] = {
                "order_additional_fields": [dict(f) for f in order["order_additional_fields"]]
            }
            if line_changes:
                result["order_lines"] = [
                    {
                        "order_line_id": line_id,
                        "order_line_additional_fields": [
                            dict(f) for f in lines[line_id]["order_line_additional_fields"]
                        ],
                    }
                    for line_id in line_changes
                ]
            return result, None

    def _checked_fields(
        self, fields: list[Any], entity: str, errors: list[dict[str, Any]], bad: list[Any]
    ) -> dict[str, dict[str, Any] | None]:
        """Validated changes by code (None = delete); problems appended to `errors`."""
        changes: dict[str, dict[str, Any] | None] = {}
        for item in fields:
            if not isinstance(item, dict) or not isinstance(item.get("code"), str):
                raise InvalidRequestError("each custom field needs a code")
            code = item["code"]
            definition = self.field_definition(code)
            problem = ""
            if definition is None or definition["entity"] != entity:
                problem = f"The {entity.lower().replace('_', ' ')} custom field {code} is unknown"
            elif "value" not in item:
                problem = f"The custom field {code} has no value"
            else:
                value = item["value"]
                if value is None:
                    changes[code] = None
                    continue
                if isinstance(value, list) and definition["type"] != "MULTIPLE_VALUES_LIST":
                    value = value[0] if len(value) == 1 else value
                problem = _value_problem(definition, value)
                if not problem:
                    changes[code] = {"code": code, "type": definition["type"], "value": value}
            if problem:
                errors.append({"code": "INVALID_VALUE", "field": code, "message": problem})
                bad.append(item)
        return changes

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
            thread.message_id = str(uuid.UUID(int=self.rng.getrandbits(128)))
            thread.created_at = self.clock()
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
                elif state == "TO_COLLECT" and rng.random() < 0.3:
                    # The operator closes the collection some time after the shop's OR24.
                    order["order_state"] = "RECEIVED"
                    self._touch(order)
                    changed.append(oid)
                elif state == "WAITING_ACCEPTANCE" and rng.random() < 0.01:
                    order["order_state"] = "CANCELED"
                    self._touch(order)
                    changed.append(oid)
        return changed


def parse_date(text: str) -> datetime:
    """ISO 8601 as Mirakl writes and accepts it (with or without milliseconds)."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _apply_fields(
    target: dict[str, Any], key: str, changes: dict[str, dict[str, Any] | None]
) -> None:
    current = {f["code"]: f for f in target.get(key) or []}
    for code, value in changes.items():
        if value is None:
            current.pop(code, None)
        else:
            current[code] = value
    target[key] = list(current.values())


def _value_problem(definition: dict[str, Any], value: Any) -> str:
    """Why a value does not fit the custom field's type ("" when it does)."""
    code, kind = definition["code"], definition["type"]
    if kind == "MULTIPLE_VALUES_LIST":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return "" if ok else f"The custom field {code} takes a list of values"
    if not isinstance(value, str):
        return f"The custom field {code} takes a string value"
    if kind in ("STRING", "TEXTAREA", "LINK", "REGEX") and len(value) > MAX_STRING_FIELD:
        return f"The custom field {code} is longer than {MAX_STRING_FIELD} characters"
    if kind == "BOOLEAN" and value not in ("true", "false"):
        return f"The custom field {code} takes true or false"
    if kind == "NUMERIC":
        try:
            float(value)
        except ValueError:
            return f"The custom field {code} takes a number"
    if kind == "DATE":
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return f"The custom field {code} takes a date as yyyy-mm-dd"
    if kind == "LIST" and value not in definition.get("accepted_values", []):
        return f"The custom field {code} does not accept {value!r}"
    return ""


def _ascii(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and not ch.isspace())


def _strip_private(value: Any) -> Any:
    raise TypeError(f"not serialisable: {type(value).__name__}")
