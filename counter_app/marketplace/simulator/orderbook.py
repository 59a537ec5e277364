"""The simulator's order book: seeded Mirakl-shaped orders, what OR11 reads of them, and time.

Orders are kept as the JSON Mirakl would send (field names of `OR11_Response_200_Orders`) with
their serialised text cached, so that serving 20,000 orders page by page stays cheap. The
book's other parts are mixins: the seller calls that move an order (OR21, OR24, OR31, OR28 to
OR30) in `seller_calls`, threads and customers who write in `inbox`. The seeded orders
themselves come from `generate`, their numbers from `operators`.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from counter_app.marketplace.simulator.after_sale import AfterSale, line_state
from counter_app.marketplace.simulator.catalog import SHIPPING_TYPES
from counter_app.marketplace.simulator.clock import SimulatorClock
from counter_app.marketplace.simulator.common import (
    COLLECT_FLOWS,
    MAX_PAGE,
    ORDER_STATES,
    SAFETY_DELTA,
    SHIPPED_STATES,
    InvalidRequestError,
    UnknownOrderError,
    WrongStateError,
    format_date,
    parse_date,
)
from counter_app.marketplace.simulator.custom_fields import MAX_STRING_FIELD, CustomFields
from counter_app.marketplace.simulator.customers import CustomerLife
from counter_app.marketplace.simulator.generate import generate_order, seed_schedule
from counter_app.marketplace.simulator.inbox import Inbox
from counter_app.marketplace.simulator.operators import (
    DEFAULT_SHOP_ID,
    OrderNumbers,
    check_commercial_id,
)
from counter_app.marketplace.simulator.replies import SHOP_NAME
from counter_app.marketplace.simulator.seller_calls import SellerCalls
from counter_app.marketplace.simulator.threads import Thread, ThreadStore, new_uuid

_PICKUP_CODES = frozenset(code for code, _label, cc in SHIPPING_TYPES if cc)


class OrderBook(SellerCalls, Inbox):
    """All orders of one shop, thread-safe; `clock` is injectable for deterministic tests.

    `customer_activity` makes customers write (seeded, on the clock) and a few orders carry an
    incident; it is off by default so that tests counting the shop's own threads stay exact.
    `shop_id`, `shop_name` and `numbers` (the operator's order numbering) make two simulators
    differ as two Mirakl operators do; the defaults are the simulator's historical ones, and
    the same seed with the same numbering gives the same order ids (see `operators`).
    """

    def __init__(
        self,
        count: int = 60,
        seed: int = 1,
        *,
        shop_id: str = DEFAULT_SHOP_ID,
        shop_name: str = SHOP_NAME,
        numbers: OrderNumbers | None = None,
        clock: Callable[[], datetime] | None = None,
        click_and_collect_share: float = 0.7,
        collect_flow: str = "shipped",
        customer_activity: bool = False,
    ) -> None:
        if collect_flow not in COLLECT_FLOWS:
            raise ValueError(f"collect_flow must be one of {', '.join(COLLECT_FLOWS)}")
        if not shop_id.isdigit():
            raise ValueError(f"shop id {shop_id!r} must be digits (Mirakl's shop ids are numbers)")
        if not shop_name.strip():
            raise ValueError("the shop name must not be empty")
        self.collect_flow = collect_flow
        self.shop_id = shop_id
        self.shop_name = shop_name
        self.numbers = numbers or OrderNumbers()
        # A movable clock unless the caller brings its own (`/_control/clock` moves it).
        self.clock = clock or SimulatorClock()
        self.rng = random.Random(seed)
        self.click_and_collect_share = click_and_collect_share
        self._lock = threading.RLock()
        self._orders: dict[str, dict[str, Any]] = {}
        self._updated: dict[str, datetime] = {}
        self._created: dict[str, datetime] = {}
        self.fields = CustomFields()
        self.additional_fields = self.fields.definitions  # as AF01 serves them
        self.after_sale = AfterSale(self.clock, self._uuid)
        self.inbox = ThreadStore(self._uuid)
        self.customers = CustomerLife(seed, enabled=customer_activity)
        self._customer_wrote: set[str] = set()
        self._json: dict[str, str] = {}
        self._order_ids: list[str] = []  # creation order, as `sort=dateCreated&order=asc`
        self._next_number = self.numbers.first - 1
        now = self.clock()
        for created, state in seed_schedule(self.rng, now, count):
            age = (now - created).total_seconds()
            updated = created + timedelta(seconds=self.rng.random() * min(age, 86400))
            self._add(self._generate(created, state), updated)
        if customer_activity:
            self.seed_customer_activity()

    def _uuid(self) -> str:
        return new_uuid(self.rng.getrandbits)

    def is_pickup(self, order: dict[str, Any]) -> bool:
        return order["shipping_type_code"] in _PICKUP_CODES

    # ---- generation -------------------------------------------------------------------------
    def _generate(
        self, created: datetime, state: str, commercial_id: str | None = None
    ) -> dict[str, Any]:
        if commercial_id is None:
            self._next_number += 1
            commercial_id = self.numbers.commercial_id(self._next_number, created)
        order_id = self.numbers.order_id(commercial_id)
        return generate_order(
            self.rng, commercial_id, order_id, created, state, self.click_and_collect_share
        )

    def _add(self, order: dict[str, Any], updated: datetime) -> None:
        self._orders[order["order_id"]] = order
        self._order_ids.append(order["order_id"])
        self._created[order["order_id"]] = parse_date(order["created_date"])
        self._touch(order, updated)

    def _touch(self, order: dict[str, Any], when: datetime | None = None) -> None:
        when = when or self.clock()
        order["last_updated_date"] = format_date(when, millis=True)
        shipped = order["order_state"] in SHIPPED_STATES
        incident = False
        for line in order["order_lines"]:
            line["last_updated_date"] = order["last_updated_date"]
            state = line_state(order, line["order_line_id"])
            line["order_line_state"] = state
            line["can_refund"] = shipped and state not in ("CANCELED", "REFUSED", "REFUNDED")
            incident = incident or state == "INCIDENT_OPEN"
        order["can_shop_ship"] = order["order_state"] == "SHIPPING"
        order["can_cancel"] = order["order_state"] == "SHIPPING"  # OR29's rule
        order["has_incident"] = incident
        order["has_customer_message"] = order["order_id"] in self._customer_wrote
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
            self.release_due()
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
            self.release_due()
            order = self._orders.get(order_id)
            if order is None:
                raise UnknownOrderError(order_id)
            return dict(json.loads(self._json[order_id]))

    def _require(self, order_id: str) -> dict[str, Any]:
        order = self._orders.get(order_id)
        if order is None:
            raise UnknownOrderError(order_id)
        return order

    def state(self, order_id: str) -> str:
        return str(self.get(order_id)["order_state"])

    def order_ids(self) -> list[str]:
        with self._lock:
            return list(self._order_ids)

    def threads(self, order_id: str | None = None) -> list[Thread]:
        """Every thread (on one order), oldest first."""
        with self._lock:
            self.release_due()
            return self.inbox.all(order_id)

    # ---- the operator, time and test controls -----------------------------------------------
    def corrupt(self, order_id: str, **fields: Any) -> None:
        """Test control: overwrite raw fields of an order's JSON, e.g. an unreadable date."""
        with self._lock:
            order = self._require(order_id)
            self._touch(order)
            data = json.loads(self._json[order_id])
            data.update(fields)
            self._json[order_id] = json.dumps(data, ensure_ascii=False)

    def set_state(self, order_id: str, state: str) -> None:
        """Test control: move an order to any state, as the operator or a customer might."""
        with self._lock:
            order = self._require(order_id)
            order["order_state"] = state
            self._touch(order)

    def add_order(
        self,
        state: str = "WAITING_ACCEPTANCE",
        *,
        click_and_collect: bool = True,
        commercial_id: str | None = None,
    ) -> str:
        """A new order arrives now; returns its id.

        `commercial_id` gives it that number (and the id Mirakl derives from it) instead of the
        next one: a test can make two marketplaces hold the same order id on purpose.
        """
        if state not in ORDER_STATES:
            raise InvalidRequestError(f"unknown order state {state!r}")
        if commercial_id is not None:
            try:
                check_commercial_id(commercial_id)
            except ValueError as exc:
                raise InvalidRequestError(str(exc)) from None
        with self._lock:
            if commercial_id is not None and self.numbers.order_id(commercial_id) in self._orders:
                raise InvalidRequestError(
                    f"order {self.numbers.order_id(commercial_id)} already exists"
                )
            share, self.click_and_collect_share = (
                self.click_and_collect_share,
                1.0 if click_and_collect else 0.0,
            )
            try:
                order = self._generate(self.clock(), state, commercial_id)
            finally:
                self.click_and_collect_share = share
            self._add(order, self.clock())
            return str(order["order_id"])

    def tick(self) -> list[str]:
        """Let time pass: a new order may arrive, payments clear, the operator cancels a few.

        Refunds are paid, and (with `customer_activity`) customers write.
        """
        changed: list[str] = []
        with self._lock:
            self.release_due()
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
                if self.after_sale.settle_refunds(order):
                    self._touch(order)
                    changed.append(oid)
            self.customers_tick()
        return changed


def _strip_private(value: Any) -> Any:
    raise TypeError(f"not serialisable: {type(value).__name__}")


__all__ = [
    "COLLECT_FLOWS",
    "MAX_PAGE",
    "MAX_STRING_FIELD",
    "ORDER_STATES",
    "SAFETY_DELTA",
    "InvalidRequestError",
    "OrderBook",
    "Thread",
    "UnknownOrderError",
    "WrongStateError",
    "format_date",
    "parse_date",
]
