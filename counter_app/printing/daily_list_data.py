"""What the daily pickup list shows for one day, chosen and sorted from the orders given.

Ready orders are sorted by customer name (accent- and case-insensitive, as people look them
up), preparations by deadline. No layout here: `daily_list` lays this out on A4.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.domain.text import fold
from counter_app.printing.localized import local_day

# A ready bag still on the shelf after this many days is chased up (highlighted).
OVERDUE_AFTER_DAYS = 7


@dataclass
class DailyListData:
    """What the list shows for one day."""

    day: date
    ready: list[Order]
    to_prepare: list[Order]
    collected_today: int
    # Reminders already sent, by (marketplace, order id): an order id is unique within its
    # marketplace only (for the "to remind / to cancel" section).
    reminders_sent: dict[tuple[str, str], int] = field(default_factory=dict)

    def reminders_of(self, order: Order) -> int:
        return self.reminders_sent.get((order.marketplace, order.order_id), 0)


def daily_list_data(
    orders: Iterable[Order],
    day: date,
    *,
    collected_today: int | None = None,
    reminders_sent: Mapping[tuple[str, str], int] | None = None,
) -> DailyListData:
    """The list's content for `day` from the orders it may show (other stages are left out).

    `collected_today` is how many orders were collected that day when the caller counted
    them (the store counts collected orders without loading them); otherwise it is counted
    from the collected orders among `orders`. `reminders_sent` (by marketplace and order id)
    feeds the "to remind / to cancel" section.
    """
    orders = list(orders)
    ready = [o for o in orders if o.stage is Stage.READY]
    to_prepare = [o for o in orders if o.stage is Stage.TO_PREPARE]
    if collected_today is None:
        collected_today = sum(
            1
            for o in orders
            if o.stage is Stage.COLLECTED
            and o.collected_at is not None
            and local_day(o.collected_at) == day
        )
    ready.sort(key=lambda o: (fold(o.customer_name), o.order_id))
    to_prepare.sort(key=lambda o: (o.deadline_at or datetime.max.replace(tzinfo=UTC), o.order_id))
    return DailyListData(day, ready, to_prepare, collected_today, dict(reminders_sent or {}))


def days_waiting(order: Order, day: date) -> int | None:
    if order.ready_at is None:
        return None
    return max(0, (day - local_day(order.ready_at)).days)
