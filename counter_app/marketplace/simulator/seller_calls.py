"""The order book's seller calls that move an order: OR21, OR24, OR31, OR28, OR29 and OR30.

A mixin of `OrderBook` (it uses the book's lock, orders and clock), as `Inbox` is. Each call
checks what Mirakl checks before anything changes, so a refused call leaves the order as it
was; a call that changes an order touches it, so a sync by `start_update_date` sees it. The
rules of the after-sale calls themselves are in `after_sale`, OR31's values in `custom_fields`.
"""

from __future__ import annotations

from typing import Any

from counter_app.marketplace.simulator.after_sale import AfterSale
from counter_app.marketplace.simulator.book_parts import BookPart
from counter_app.marketplace.simulator.common import (
    InvalidRequestError,
    WrongStateError,
    format_date,
)
from counter_app.marketplace.simulator.custom_fields import CustomFields


class SellerCalls(BookPart):
    """The shop's calls that change an order's state or fields (see the module docstring)."""

    # Provided by OrderBook.
    collect_flow: str
    fields: CustomFields
    after_sale: AfterSale

    def _line(self, line_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The order and the line of a line id (OR28 and OR30 name lines only)."""
        order_id = line_id.rsplit("-", 1)[0]
        for line in self._orders.get(order_id, {}).get("order_lines", []):
            if line["order_line_id"] == line_id:
                return self._orders[order_id], line
        raise InvalidRequestError(f"Order line {line_id} not found")

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
            pickup = self.is_pickup(order)
            to_collect = pickup and self.collect_flow == "to_collect"
            order["order_state"] = "TO_COLLECT" if to_collect else "SHIPPED"
            self._touch(order)

    def set_additional_fields(
        self, order_id: str, payload: Any
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """OR31, see `CustomFields.update`; the order is touched only when it changed."""
        with self._lock:
            order = self._require(order_id)
            result, errors = self.fields.update(order, payload)
            if errors is None:
                self._touch(order)
            return result, errors

    def field_definition(self, code: str) -> dict[str, Any] | None:
        return self.fields.field_definition(code)

    def cancel_order(self, order_id: str) -> None:
        """OR29: the whole order, only while SHIPPING."""
        with self._lock:
            order = self._require(order_id)
            self.after_sale.cancel_order(order)
            self._touch(order)

    def cancel_lines(self, payload: Any) -> dict[str, Any]:
        """OR30: the answer's `cancelations`; nothing changes when one line is refused."""
        with self._lock:
            answer = self.after_sale.cancel_lines(self._line, payload)
            self._touch_lines(answer["cancelations"])
            return answer

    def refund_lines(self, payload: Any) -> dict[str, Any]:
        """OR28: the answer's `refunds`; nothing changes when one line is refused."""
        with self._lock:
            answer = self.after_sale.refund_lines(self._line, payload)
            self._touch_lines(answer["refunds"])
            return answer

    def _touch_lines(self, items: list[dict[str, Any]]) -> None:
        for order_id in dict.fromkeys(self._line(i["order_line_id"])[0]["order_id"] for i in items):
            self._touch(self._orders[order_id])
