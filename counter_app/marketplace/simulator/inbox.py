"""The order book's messaging half: OR43 and M12 from the shop, customers who write, incidents.

A mixin of `OrderBook` (it uses the book's lock, orders and clock). `has_customer_message`
follows the spec's meaning, "the customer has sent a message related to this order": the
shop's own OR43 does not set it, a customer's message does (and touches the order, so a sync
by `start_update_date` sees it). Customer messages fall due on the book's clock and are applied
before anything is read, so a test that advances an injected clock sees them at once.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from counter_app.marketplace.simulator.after_sale import REASONS
from counter_app.marketplace.simulator.book_parts import BookPart
from counter_app.marketplace.simulator.common import (
    SHIPPED_STATES,
    InvalidRequestError,
    UnknownOrderError,
)
from counter_app.marketplace.simulator.customers import CustomerEvent, CustomerLife
from counter_app.marketplace.simulator.threads import (
    CUSTOMER_USER,
    SHOP_USER,
    Message,
    Thread,
    ThreadQuery,
    ThreadStore,
)

INCIDENT_SHARE = 0.1  # seeded shipped orders with an open incident (customer activity on)
_INCIDENT_REASONS = [
    (code, fr) for code, kind, fr, _en, _shop in REASONS if kind == "INCIDENT_OPEN"
]
SHOP_SENDER = "Librairie"  # the shop user's display name on its messages


class Inbox(BookPart):
    """Threads on orders and the customers' side of them (see the module docstring)."""

    # Provided by OrderBook.
    _order_ids: list[str]
    _customer_wrote: set[str]
    _updated: dict[str, datetime]
    inbox: ThreadStore
    customers: CustomerLife
    shop_id: str

    def _uuid(self) -> str:  # pragma: no cover - provided by OrderBook
        raise NotImplementedError

    # ---- the shop writes --------------------------------------------------------------------
    def add_thread(
        self,
        order_id: str,
        body: str,
        to: list[str],
        topic: dict[str, Any],
        files: list[tuple[str, bytes]],
    ) -> Thread:
        """OR43: a new thread on the order, opened by the shop."""
        with self._lock:
            self.release_due()
            order = self._require(order_id)
            message = Message(self._uuid(), body, SHOP_USER, SHOP_SENDER, list(to), self.clock())
            message.files = list(files)
            thread = self.inbox.open(order_id, message, to, topic, _customer(order))
            if "CUSTOMER" in to:
                self.customers.shop_wrote(order_id, thread.thread_id, self.clock())
            return thread

    def reply(
        self,
        thread_id: str,
        body: str,
        to: list[str],
        topic: dict[str, Any] | None = None,
        files: list[tuple[str, bytes]] | None = None,
    ) -> Message:
        """M12: the shop answers on a thread; recipients must take part in it."""
        with self._lock:
            self.release_due()
            thread = self.inbox.get(thread_id)
            allowed = set(thread.to) | ({"CUSTOMER"} if thread.opened_by_customer else set())
            allowed.discard("SHOP")
            strangers = [t for t in to if t not in allowed]
            if strangers:
                raise InvalidRequestError(
                    f"{', '.join(strangers)} cannot be written to on this thread"
                )
            message = Message(self._uuid(), body, SHOP_USER, SHOP_SENDER, list(to), self.clock())
            message.files = list(files or [])
            self.inbox.add(thread, message, topic)
            if "CUSTOMER" in to:
                self.customers.shop_wrote(thread.order_id, thread_id, self.clock())
            return message

    # ---- reads ------------------------------------------------------------------------------
    def thread(self, thread_id: str) -> Thread:
        with self._lock:
            self.release_due()
            return self.inbox.get(thread_id)

    def thread_page(self, query: ThreadQuery) -> tuple[list[Thread], str]:
        with self._lock:
            self.release_due()
            return self.inbox.page(query)

    # ---- customers --------------------------------------------------------------------------
    def customer_writes(
        self,
        order_id: str,
        body: str,
        *,
        topic: str = "",
        thread_id: str = "",
        at: datetime | None = None,
    ) -> Thread:
        """A customer writes (now, or at `at`): on `thread_id`, or a new thread when "".

        Test control and the seeded customers both come here. A seeded message is dated
        when it fell due: it is applied before any read after that, so no earlier read can
        have missed it and `updated_since` stays exact.
        """
        with self._lock:
            order = self._require(order_id)
            customer = _customer(order)
            # Ids from the customers' own random source: the book's ticks stay the same
            # whether customers write or not.
            new_id = self.customers.new_id
            message = Message(
                new_id(), body, CUSTOMER_USER, customer[0], ["SHOP"], at or self.clock()
            )
            if thread_id:
                thread = self.inbox.get(thread_id)
                if thread.order_id != order_id:
                    raise InvalidRequestError(f"thread {thread_id} is not on order {order_id}")
                self.inbox.add(thread, message)
            else:
                value = topic or "Question sur ma commande"
                topic_json = {"type": "FREE_TEXT", "value": value}
                thread = self.inbox.open(
                    order_id, message, ["SHOP"], topic_json, customer, thread_id=new_id()
                )
            self._customer_wrote.add(order_id)
            self._touch(order)
            return thread

    def release_due(self) -> int:
        """Apply the customer messages whose time has come; how many were."""
        if not len(self.customers):
            return 0
        with self._lock:
            events = self.customers.due(self.clock())
            for event in events:
                self._apply(event)
            return len(events)

    def _apply(self, event: CustomerEvent) -> None:
        # The thread or order went away in a test's hands: the customer gives up.
        with contextlib.suppress(UnknownOrderError, LookupError):
            self.customer_writes(
                event.order_id,
                event.body,
                topic=event.topic,
                thread_id=event.thread_id,
                at=event.due,
            )

    def seed_customer_activity(self) -> None:
        """Seeded conversations on pickup orders, and a few incidents on shipped orders."""
        with self._lock:
            now = self.clock()
            rng = self.customers.rng
            for order_id in self._order_ids:
                order = self._orders[order_id]
                state = order["order_state"]
                if self.is_pickup(order) and state in ("SHIPPING", "SHIPPED", "TO_COLLECT"):
                    self.customers.seed_order(order_id, self._updated[order_id], now)
                if state in SHIPPED_STATES and rng.random() < INCIDENT_SHARE:
                    self.open_incident(order_id, rng.choice(_INCIDENT_REASONS)[0])
            self.release_due()

    def customers_tick(self) -> None:
        """A tick of the demo: now and then a customer of a pickup order writes."""
        if not self.customers.enabled:
            return
        rng = self.customers.rng
        if rng.random() >= 0.15:
            return
        candidates = [
            oid
            for oid in self._order_ids
            if self.is_pickup(self._orders[oid])
            and self._orders[oid]["order_state"] in ("SHIPPING", "SHIPPED", "TO_COLLECT")
        ]
        if candidates:
            self.customers.write_now(rng.choice(candidates), self.clock())

    # ---- incidents --------------------------------------------------------------------------
    def open_incident(self, order_id: str, reason_code: str = "1", line_id: str = "") -> str:
        """A customer opens an incident on a line (the first when ""); returns the line id."""
        labels = dict(_INCIDENT_REASONS)
        if reason_code not in labels:
            raise InvalidRequestError(f"reason {reason_code} is not an INCIDENT_OPEN reason")
        with self._lock:
            order = self._require(order_id)
            lines = {line["order_line_id"]: line for line in order["order_lines"]}
            line = lines.get(line_id) if line_id else order["order_lines"][0]
            if line is None:
                raise InvalidRequestError(f"Order line {line_id} not found")
            order.setdefault("_line_states", {})[line["order_line_id"]] = "INCIDENT_OPEN"
            line["order_line_state_reason_code"] = reason_code
            line["order_line_state_reason_label"] = labels[reason_code]
            self._touch(order)
            return str(line["order_line_id"])


def _customer(order: dict[str, Any]) -> tuple[str, str]:
    """(display name, id) of the order's customer, as thread participants show them."""
    customer = order.get("customer") or {}
    name = f"{customer.get('firstname') or ''} {customer.get('lastname') or ''}".strip()
    return name or "Client", str(customer.get("customer_id") or "")
