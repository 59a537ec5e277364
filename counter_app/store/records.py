"""What the repository hands back besides orders: plain values, never live ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class OrderNotFoundError(LookupError):
    """No order with that marketplace id in the local store."""


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
