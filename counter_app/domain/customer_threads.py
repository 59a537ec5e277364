"""A customer's message threads on an order, as the shop keeps and shows them.

Plain records, marketplace-neutral: the store fills them from what the connector read, the
detail pane shows them. Dates are aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

SHOP_SENDER = "SHOP_USER"
CUSTOMER_SENDER = "CUSTOMER_USER"


@dataclass(frozen=True)
class CustomerMessage:
    """One message of a thread."""

    message_id: str
    body: str
    sent_at: datetime
    sender_type: str  # CUSTOMER_USER, SHOP_USER, OPERATOR_USER (or a future value)
    sender_name: str

    @property
    def from_shop(self) -> bool:
        return self.sender_type == SHOP_SENDER

    @property
    def from_customer(self) -> bool:
        return self.sender_type == CUSTOMER_SENDER


@dataclass(frozen=True)
class CustomerThread:
    """One conversation on an order; `messages` oldest first."""

    thread_id: str
    order_id: str
    topic: str
    updated_at: datetime
    needs_reply: bool = False
    messages: tuple[CustomerMessage, ...] = field(default_factory=tuple)


def newest_first(thread: CustomerThread) -> list[CustomerMessage]:
    """Messages newest first; two in the same second (dates without milliseconds) keep the
    marketplace's order, so the later-listed one comes first."""
    return list(reversed(sorted(thread.messages, key=lambda m: m.sent_at)))
