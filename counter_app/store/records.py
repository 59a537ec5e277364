"""What the repository hands back besides orders: plain values, never live ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


class OrderNotFoundError(LookupError):
    """No order with that marketplace id in the local store."""


class AmbiguousOrderError(LookupError):
    """Several of the shop's marketplaces have an order with this id: say which one."""

    def __init__(self, order_id: str, marketplaces: list[str]) -> None:
        self.order_id = order_id
        self.marketplaces = marketplaces
        super().__init__(
            f"order {order_id!r} is on {len(marketplaces)} marketplaces "
            f"({', '.join(marketplaces)}): say which one (--marketplace)"
        )


@dataclass
class UpsertResult:
    """Counts from one batch of orders written to the store."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class StageChange:
    """One step in an order's stage history."""

    from_stage: str
    to_stage: str
    source: str
    till: str
    at: datetime


@dataclass(frozen=True, slots=True)
class OrderSummaryRow:
    """One light row of an order table: no lines, the item count summed in SQL.

    The row type of `order_summaries` (built from the query row, with its keyset `key`); `stage`
    is the stored value, as the table sorts and filters on it.
    """

    order_id: str
    commercial_id: str
    customer_name: str
    customer_email: str
    stage: str
    created_at: datetime
    deadline_at: datetime | None
    shelf: str
    total_price_cents: int
    currency: str
    ready_at: datetime | None
    collected_at: datetime | None
    problem: str
    bag_count: int
    has_customer_message: bool
    incident: str
    item_count: int
    # The marketplace account the order belongs to (its key; the window names it).
    marketplace: str = "main"
    # The row's keyset position (sort value, row id): the next page starts after it.
    key: tuple[Any, int] | None = None
