"""Cancelling an order that was not collected: OR29 while it is not shipped, else an OR28
refund of every line, which needs a reason.

Pure rules: the caller says whether OR24 went out already (`shipped`), from the remote state
and the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage

CANCEL = "cancel"  # OR29: the whole order, while SHIPPING
REFUND = "refund"  # OR28: every line, after OR24, with a reason

# Remote states after OR24 (the order counts as shipped for the marketplace).
SHIPPED_STATES = frozenset({"SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED"})
_CANCELLABLE = (Stage.READY, Stage.TO_PREPARE)


class CancelRefused(ValueError):
    """The order cannot be cancelled from here as asked; the message says why."""


@dataclass(frozen=True)
class RefundLine:
    """One line refunded whole: its quantity and its amount in cents."""

    line_id: str
    quantity: int
    amount_cents: int


@dataclass(frozen=True)
class CancelPlan:
    """What goes to the marketplace: OR29, or OR28 with these lines and this reason."""

    kind: str
    reason: str
    lines: tuple[RefundLine, ...]
    amount_cents: int


@dataclass(frozen=True)
class ShelfItem:
    """One book to put back: where it was kept and what it is."""

    order_id: str
    customer_name: str
    shelf: str
    title: str
    isbn: str
    quantity: int


def is_shipped(remote_state: str, ship_sent: bool) -> bool:
    """OR24 went out (here, with `ship_on = ready`) or the marketplace says so."""
    return ship_sent or remote_state.upper() in SHIPPED_STATES


def plan_cancel(order: Order, *, shipped: bool, reason: str = "") -> CancelPlan:
    """The cancellation of an order not collected, or CancelRefused with the reason."""
    if order.stage is Stage.COLLECTED:
        raise CancelRefused(f"order {order.order_id} was collected: it cannot be cancelled")
    if order.stage is Stage.CANCELED:
        raise CancelRefused(f"order {order.order_id} is cancelled already")
    if order.stage not in _CANCELLABLE:
        stage = order.stage.value.replace("_", " ")
        raise CancelRefused(
            f"order {order.order_id} is {stage}: only an order to prepare or ready is "
            "cancelled here (refuse an order to accept instead)"
        )
    if not shipped:
        return CancelPlan(CANCEL, reason.strip(), (), order.total_price_cents)
    if not reason.strip():
        raise CancelRefused(
            f"order {order.order_id} was shipped already: the refund needs a reason "
            "(--reason CODE, see `counter-app cancel --reasons`)"
        )
    lines = tuple(
        RefundLine(line.line_id, line.quantity, line.total_price_cents)
        for line in order.lines
        if line.quantity > 0
    )
    if not lines:
        raise CancelRefused(f"order {order.order_id} has no line to refund")
    return CancelPlan(REFUND, reason.strip(), lines, sum(line.amount_cents for line in lines))
