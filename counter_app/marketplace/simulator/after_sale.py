"""Customers who do not come: OR29 (cancel an order), OR30 (cancel lines), OR28 (refund lines).

The rules are Mirakl's, as strict as the app needs them to be: a cancellation only before the
order is shipped (SHIPPING), a refund only after OR24; every line named must exist, every
reason must be a shop reason of the right kind from RE01, a quantity or amount can never exceed
what is left on the line. A request that breaks a rule changes nothing (all lines are checked
before any is applied). The caller (the order book) holds the lock and re-serialises the orders.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from counter_app.marketplace.simulator.common import (
    SHIPPED_STATES,
    InvalidRequestError,
    WrongStateError,
    cents,
    format_date,
)

Line = tuple[dict[str, Any], dict[str, Any]]  # (order, order line)
# Line states set here, kept per order in `_line_states` (private keys are not served).
CLOSED_LINE_STATES = frozenset({"CANCELED", "REFUSED", "REFUNDED"})

# RE01: (code, type, French label, English label, is_shop_right)
REASONS = (
    ("1", "INCIDENT_OPEN", "Article non reçu", "Item not received", False),
    ("2", "INCIDENT_OPEN", "Article endommagé", "Item damaged", False),
    ("3", "INCIDENT_OPEN", "Article non conforme", "Item not as described", False),
    ("10", "INCIDENT_CLOSE", "Article de remplacement reçu", "Replacement item received", False),
    ("15", "REFUND", "Rupture de stock", "Out of stock", True),
    ("16", "REFUND", "Commande non retirée en magasin", "Order not collected in store", True),
    ("17", "REFUND", "Article retourné", "Item returned", True),
    ("18", "REFUND", "Geste commercial", "Goodwill gesture", True),
    ("19", "REFUND", "Remboursement par l'opérateur", "Refunded by the operator", False),
    ("26", "ORDER_MESSAGING", "Autre question", "Other question", True),
    ("27", "ORDER_MESSAGING", "Retrait de la commande", "Collecting the order", True),
    ("34", "CANCELATION", "Annulée par le client", "Cancelled by the customer", True),
    ("35", "CANCELATION", "Commande non retirée", "Order not collected", True),
    ("36", "CANCELATION", "Article indisponible", "Item unavailable", True),
    ("37", "CANCELATION", "Annulée par l'opérateur", "Cancelled by the operator", False),
)
REASON_TYPES = (
    "INCIDENT_CLOSE",
    "REFUND",
    "MPS_REFUND",
    "MESSAGING",
    "ORDER_MESSAGING",
    "MPS_ORDER_MESSAGING",
    "MPS_OFFER_MESSAGING",
    "OFFER_MESSAGING",
    "CANCELATION",
)  # RE02's path values, as the spec lists them
TAX_MODES = ("TAX_INCLUDED", "TAX_EXCLUDED")


def reasons_json(locale: str = "", reason_type: str | None = None) -> list[dict[str, Any]]:
    """RE01's reasons (with `type`, `is_shop_right`) or, for one type, RE02's (code + label)."""
    english = locale.lower().startswith("en")
    out: list[dict[str, Any]] = []
    for code, kind, fr, en, shop in REASONS:
        if reason_type is None:
            out.append({"code": code, "is_shop_right": shop, "label": en if english else fr})
            out[-1]["type"] = kind
        elif kind == reason_type:
            out.append({"code": code, "label": en if english else fr})
    return out


def line_state(order: dict[str, Any], line_id: str) -> str:
    if line_id in order.get("_refused_lines", ()):
        return "REFUSED"
    return str(order.get("_line_states", {}).get(line_id) or order["order_state"])


def _reason(item: dict[str, Any], kind: str, line_id: str) -> str:
    code = item.get("reason_code")
    if isinstance(code, int) and not isinstance(code, bool):
        code = str(code)  # the spec's own OR30 example sends a number
    if not isinstance(code, str) or not code:
        raise InvalidRequestError(f"reason_code is required (line {line_id})")
    for r_code, r_kind, _fr, _en, shop in REASONS:
        if r_code == code and r_kind == kind:
            if not shop:
                raise InvalidRequestError(f"reason {code} is reserved to the operator")
            return code
    raise InvalidRequestError(f"reason {code} is not a {kind} reason (see RE01)")


def _number(item: dict[str, Any], name: str, line_id: str, *, required: bool = True) -> float:
    value = item.get(name)
    if value is None and not required:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InvalidRequestError(f"{name} must be a positive number (line {line_id})")
    return float(value)


def _items(payload: Any, key: str) -> tuple[list[dict[str, Any]], str]:
    if not isinstance(payload, dict):
        raise InvalidRequestError("the body must be a JSON object")
    items = payload.get(key)
    if not isinstance(items, list) or not items:
        raise InvalidRequestError(f"{key} is required and must not be empty")
    if not all(isinstance(i, dict) for i in items):
        raise InvalidRequestError(f"each element of {key} must be an object")
    mode = payload.get("order_tax_mode", "TAX_INCLUDED")
    if mode not in TAX_MODES:
        raise InvalidRequestError(f"order_tax_mode must be one of {', '.join(TAX_MODES)}")
    return items, str(mode)


def _cancelled(line: dict[str, Any]) -> int:
    return sum(int(c.get("quantity") or 0) for c in line["cancelations"])


def _refunded_cents(line: dict[str, Any]) -> int:
    return sum(cents(r["amount"]) for r in line["refunds"])


class AfterSale:
    """Applies OR29, OR30 and OR28 to orders; ids come from counters, dates from `clock`."""

    def __init__(self, clock: Callable[[], datetime], new_uuid: Callable[[], str]) -> None:
        self.clock = clock
        self.new_uuid = new_uuid
        self._cancel_ids = itertools.count(1100)
        self._refund_ids = itertools.count(1130)

    def _cancelation(self, line: dict[str, Any], quantity: int, amount: float, reason: str) -> str:
        cancel_id = str(next(self._cancel_ids))
        entry = {
            "amount": round(amount, 2),
            "commission_amount": round(amount * 0.12, 2),
            "commission_taxes": [],
            "commission_total_amount": round(amount * 0.144, 2),
            "created_date": format_date(self.clock(), millis=False),
            "id": cancel_id,
            "quantity": quantity,
            "shipping_amount": 0.0,
        }
        if reason:
            entry["reason_code"] = reason
        line["cancelations"].append(entry)
        return cancel_id

    @staticmethod
    def _settle(order: dict[str, Any], line: dict[str, Any]) -> None:
        if _cancelled(line) >= line["quantity"]:
            order.setdefault("_line_states", {})[line["order_line_id"]] = "CANCELED"
        states = {line_state(order, x["order_line_id"]) for x in order["order_lines"]}
        if states <= {"CANCELED", "REFUSED"}:
            order["order_state"] = "CANCELED"

    def cancel_order(self, order: dict[str, Any]) -> None:
        """OR29: the whole order, only while SHIPPING; each open line is cancelled in full."""
        if order["order_state"] != "SHIPPING":
            raise WrongStateError(
                f"Order {order['order_id']} is in state {order['order_state']}, "
                "expected SHIPPING to cancel it"
            )
        for line in order["order_lines"]:
            if line_state(order, line["order_line_id"]) in CLOSED_LINE_STATES:
                continue
            left = line["quantity"] - _cancelled(line)
            if left > 0:
                self._cancelation(line, left, left * line["price_unit"], "")
            order.setdefault("_line_states", {})[line["order_line_id"]] = "CANCELED"
        order["order_state"] = "CANCELED"

    def cancel_lines(self, find: Callable[[str], Line], payload: Any) -> dict[str, Any]:
        """OR30: some quantity of some lines, each with a CANCELATION reason."""
        items, mode = _items(payload, "cancelations")
        planned: list[tuple[dict[str, Any], dict[str, Any], int, float, str]] = []
        asked: dict[str, int] = {}
        for item in items:
            line_id = item.get("order_line_id")
            if not isinstance(line_id, str) or not line_id:
                raise InvalidRequestError("cancelations[].order_line_id is required")
            order, line = find(line_id)
            quantity = item.get("quantity")
            if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
                raise InvalidRequestError(f"quantity must be at least 1 (line {line_id})")
            amount = _number(item, "amount", line_id)
            if _number(item, "shipping_amount", line_id) > order["shipping_price"]:
                raise InvalidRequestError(f"shipping_amount exceeds the shipping price ({line_id})")
            reason = _reason(item, "CANCELATION", line_id)
            if order["order_state"] != "SHIPPING":
                raise WrongStateError(
                    f"Order {order['order_id']} is in state {order['order_state']}, "
                    "expected SHIPPING to cancel its lines"
                )
            state = line_state(order, line_id)
            if state in CLOSED_LINE_STATES:
                raise WrongStateError(f"Order line {line_id} is in state {state}")
            asked[line_id] = asked.get(line_id, 0) + quantity
            left = line["quantity"] - _cancelled(line)
            if asked[line_id] > left:
                raise InvalidRequestError(
                    f"Order line {line_id}: {asked[line_id]} to cancel, only {left} left"
                )
            if cents(amount) > round(line["price_unit"] * 100) * quantity:
                raise InvalidRequestError(
                    f"Order line {line_id}: amount {amount:.2f} exceeds "
                    f"{quantity} x {line['price_unit']:.2f}"
                )
            planned.append((order, line, quantity, amount, reason))
        done = []
        for order, line, quantity, amount, reason in planned:
            cancel_id = self._cancelation(line, quantity, amount, reason)
            self._settle(order, line)
            done.append(
                {
                    "amount": round(amount, 2),
                    "cancelation_id": cancel_id,
                    "currency_iso_code": order["currency_iso_code"],
                    "order_line_id": line["order_line_id"],
                    "quantity": quantity,
                    "reason_code": reason,
                    "shipping_amount": 0.0,
                }
            )
        return {"cancelations": done, "order_tax_mode": mode}

    def refund_lines(self, find: Callable[[str], Line], payload: Any) -> dict[str, Any]:
        """OR28: an amount of some lines of shipped orders, each with a REFUND reason."""
        items, mode = _items(payload, "refunds")
        planned: list[tuple[dict[str, Any], dict[str, Any], int, float, str]] = []
        asked: dict[str, int] = {}
        for item in items:
            line_id = item.get("order_line_id")
            if not isinstance(line_id, str) or not line_id:
                raise InvalidRequestError("refunds[].order_line_id is required")
            order, line = find(line_id)
            amount = _number(item, "amount", line_id)
            if amount <= 0:
                raise InvalidRequestError(f"amount must be above zero (line {line_id})")
            if _number(item, "shipping_amount", line_id) > order["shipping_price"]:
                raise InvalidRequestError(f"shipping_amount exceeds the shipping price ({line_id})")
            quantity = item.get("quantity", 0)
            if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
                raise InvalidRequestError(f"quantity must be a positive integer (line {line_id})")
            reason = _reason(item, "REFUND", line_id)
            if order["order_state"] not in SHIPPED_STATES:
                raise WrongStateError(
                    f"Order {order['order_id']} is in state {order['order_state']}: only a "
                    "shipped order (OR24) can be refunded; cancel it instead"
                )
            state = line_state(order, line_id)
            if state in CLOSED_LINE_STATES:
                raise WrongStateError(f"Order line {line_id} is in state {state}")
            asked[line_id] = asked.get(line_id, 0) + cents(amount)
            left = cents(line["total_price"]) - _refunded_cents(line)
            if asked[line_id] > left:
                raise InvalidRequestError(
                    f"Order line {line_id}: refund of {asked[line_id] / 100:.2f} exceeds "
                    f"the {left / 100:.2f} left to refund"
                )
            planned.append((order, line, quantity, amount, reason))
        done = []
        for order, line, quantity, amount, reason in planned:
            refund_id = str(next(self._refund_ids))
            order_refund_id = self.new_uuid()
            line["refunds"].append(
                {
                    "amount": round(amount, 2),
                    "commission_amount": round(amount * 0.12, 2),
                    "commission_tax_amount": round(amount * 0.024, 2),
                    "commission_taxes": [],
                    "commission_total_amount": round(amount * 0.144, 2),
                    "created_date": format_date(self.clock(), millis=False),
                    "id": refund_id,
                    "order_refund_id": order_refund_id,
                    "quantity": quantity,
                    "reason_code": reason,
                    "refund_state": "WAITING_REFUND",
                    "shipping_amount": 0.0,
                    "state": "WAITING_REFUND",
                }
            )
            if _refunded_cents(line) >= cents(line["total_price"]):
                order.setdefault("_line_states", {})[line["order_line_id"]] = "REFUNDED"
            open_lines = [
                x
                for x in order["order_lines"]
                if line_state(order, x["order_line_id"]) not in CLOSED_LINE_STATES
            ]
            if not open_lines:
                order["fully_refunded"] = True
                order["order_state"] = "CLOSED"
            done.append(
                {
                    "amount": round(amount, 2),
                    "currency_iso_code": order["currency_iso_code"],
                    "order_line_id": line["order_line_id"],
                    "order_refund_id": order_refund_id,
                    "quantity": quantity,
                    "reason_code": reason,
                    "refund_id": refund_id,
                    "shipping_amount": 0.0,
                }
            )
        return {"order_tax_mode": mode, "refunds": done}

    @staticmethod
    def settle_refunds(order: dict[str, Any]) -> bool:
        """Payments go through: WAITING_REFUND becomes REFUNDED (a tick). True if any did."""
        changed = False
        for line in order["order_lines"]:
            for refund in line["refunds"]:
                if refund["refund_state"] == "WAITING_REFUND":
                    refund["refund_state"] = refund["state"] = "REFUNDED"
                    changed = True
        return changed


__all__ = ["REASONS", "REASON_TYPES", "AfterSale", "line_state", "reasons_json"]
