"""Which order the window means: its marketplace account and its id there.

An order id is unique within its marketplace, not across them: two marketplaces may both have
an order "1042-A". The window therefore names an order by both, everywhere (selection,
detail pane buttons, actions, prints, reminders). A bare id (a test, an old caller, a scan
whose service does not say the marketplace) still works: `marketplace=None` asks the store
for the one order with that id, which it refuses as ambiguous when several have it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class _HasRef(Protocol):
    @property
    def order_id(self) -> str: ...

    @property
    def marketplace(self) -> str: ...


@dataclass(frozen=True, slots=True)
class OrderRef:
    """One order: its id and (when known) its marketplace account key."""

    order_id: str
    marketplace: str | None = None

    def __str__(self) -> str:
        return self.order_id

    def same(self, other: OrderRef | None) -> bool:
        """The same order; a ref without marketplace matches that id on any marketplace."""
        if other is None or other.order_id != self.order_id:
            return False
        if self.marketplace is None or other.marketplace is None:
            return True
        return self.marketplace == other.marketplace


# What the window's order methods take: a ref, or a bare order id (any marketplace).
OrderLike = OrderRef | str


def as_ref(value: OrderLike | None) -> OrderRef | None:
    """A ref from a ref or a bare id ("" and None: no order)."""
    if value is None or value == "":
        return None
    if isinstance(value, OrderRef):
        return value
    return OrderRef(str(value))


def ref_of(order: _HasRef) -> OrderRef:
    """The ref of a stored order or a list row (both carry their marketplace)."""
    return OrderRef(order.order_id, order.marketplace)
