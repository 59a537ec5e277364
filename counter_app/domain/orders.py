"""Plain order records passed between the connector, the sync engine, the store and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from counter_app.domain.stages import Stage


@dataclass
class OrderLine:
    """One line of an order (a book, usually)."""

    line_id: str
    title: str
    quantity: int
    sku: str = ""  # the shop's offer SKU (often the ISBN for a bookshop)
    ean: str = ""  # EAN-13 / ISBN-13 when known
    unit_price_cents: int = 0
    total_price_cents: int = 0
    line_state: str = ""


@dataclass
class Order:
    """An order as the app knows it (marketplace facts plus what the shop added here)."""

    order_id: str
    commercial_id: str
    remote_state: str
    stage: Stage
    customer_name: str
    created_at: datetime
    updated_at: datetime
    customer_email: str = ""
    deadline_at: datetime | None = None
    total_price_cents: int = 0
    currency: str = "EUR"
    shipping_type_code: str = ""
    shipping_type_label: str = ""
    lines: list[OrderLine] = field(default_factory=list)
    raw_json: str = ""
    # OR11 `has_customer_message`, and the reason of an open incident ("" = none).
    has_customer_message: bool = False
    incident: str = ""
    # Set here, never by the marketplace:
    shelf: str = ""
    pickup_code: str | None = None
    notes: str = ""
    ready_at: datetime | None = None
    collected_at: datetime | None = None
    collected_till: str = ""
    bag_count: int = 1
    problem: str = ""
    thread_id: str = ""  # the customer thread OR43 opened with the ready message
    # The shop's marketplace account it belongs to (`counter_app.accounts`): set by the
    # store, which imports each account's orders under that account's key.
    marketplace: str = "main"

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)
