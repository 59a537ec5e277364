"""Cancelling an order that was not collected: OR29 while it is not shipped, else an OR28
refund of every line, which needs a reason. Or only some of its lines (the customer takes the
rest): OR30 while not shipped, OR28 of those lines once shipped; both need a reason.

Pure rules: the caller says whether OR24 went out already (`shipped`), from the remote state
and the outbox.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from counter_app.domain.orders import Order, OrderLine
from counter_app.domain.stages import Stage

CANCEL = "cancel"  # OR29: the whole order, while SHIPPING
CANCEL_LINES = "cancel_lines"  # OR30: some lines, while SHIPPING, with a reason
REFUND = "refund"  # OR28: every line (or the lines chosen), after OR24, with a reason

# Remote states after OR24 (the order counts as shipped for the marketplace).
SHIPPED_STATES = frozenset({"SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED"})
_CANCELLABLE = (Stage.READY, Stage.TO_PREPARE)
# Line states with nothing left to cancel or refund.
CLOSED_LINE_STATES = frozenset({"CANCELED", "REFUNDED", "REFUSED", "CLOSED"})
# Line states of a book the customer no longer buys: not to be handed over (CLOSED is the
# normal end of a line collected, so it is not one of them).
WITHDRAWN_LINE_STATES = frozenset({"CANCELED", "REFUNDED", "REFUSED"})


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
    """What goes to the marketplace: OR29, or OR30 / OR28 with these lines and this reason.

    `partial`: only some lines go; the order stays as it is with the others."""

    kind: str
    reason: str
    lines: tuple[RefundLine, ...]
    amount_cents: int
    partial: bool = False


@dataclass(frozen=True)
class ShelfItem:
    """One book to put back: where it was kept and what it is."""

    order_id: str
    customer_name: str
    shelf: str
    title: str
    isbn: str
    quantity: int
    # The marketplace account the order belongs to (the same order id may be on two).
    marketplace: str = "main"


def is_shipped(remote_state: str, ship_sent: bool) -> bool:
    """OR24 went out (here, with `ship_on = ready`) or the marketplace says so."""
    return ship_sent or remote_state.upper() in SHIPPED_STATES


def withdrawn_state(line: OrderLine) -> str:
    """CANCELED, REFUNDED or REFUSED for a line not to hand over (OR30, OR28, refused at
    acceptance, here or on the marketplace), else ""."""
    state = line.line_state.upper()
    return state if state in WITHDRAWN_LINE_STATES else ""


def open_lines(order: Order) -> list[OrderLine]:
    """The lines still to hand over (not cancelled, refunded or refused already)."""
    return [
        line
        for line in order.lines
        if line.quantity > 0 and line.line_state.upper() not in CLOSED_LINE_STATES
    ]


def _chosen(order: Order, line_ids: Sequence[str]) -> list[OrderLine]:
    """The open lines named, or CancelRefused naming the line that cannot be chosen."""
    by_id = {line.line_id: line for line in order.lines}
    still = {line.line_id for line in open_lines(order)}
    chosen: list[OrderLine] = []
    for line_id in dict.fromkeys(line_ids):
        if line_id not in by_id:
            known = ", ".join(line.line_id for line in order.lines) or "none"
            raise CancelRefused(f"order {order.order_id} has no line {line_id!r} (lines: {known})")
        if line_id not in still:
            raise CancelRefused(f"line {line_id} of order {order.order_id} is closed already")
        chosen.append(by_id[line_id])
    return chosen


def plan_cancel(
    order: Order, *, shipped: bool, reason: str = "", line_ids: Sequence[str] = ()
) -> CancelPlan:
    """The cancellation of an order not collected (or of the `line_ids` chosen in it), or
    CancelRefused with the reason. Choosing every open line is cancelling the order."""
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
    left = open_lines(order)
    chosen = _chosen(order, line_ids) if line_ids else left
    partial = bool(line_ids) and len(chosen) < len(left)
    if not shipped and not partial:
        return CancelPlan(CANCEL, reason.strip(), (), order.total_price_cents)
    if not reason.strip():
        what = (
            "was shipped already: the refund"
            if shipped
            else "is not shipped: cancelling some of its lines"
        )
        raise CancelRefused(
            f"order {order.order_id} {what} needs a reason "
            "(--reason CODE, see `counter-app cancel --reasons`)"
        )
    lines = tuple(
        RefundLine(line.line_id, line.quantity, line.total_price_cents) for line in chosen
    )
    if not lines:
        raise CancelRefused(f"order {order.order_id} has no line to refund")
    kind = REFUND if shipped else CANCEL_LINES
    return CancelPlan(
        kind, reason.strip(), lines, sum(line.amount_cents for line in lines), partial
    )
