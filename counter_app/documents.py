"""What the printed documents need from the store, fetched for them.

`printing/` lays out and prints the data it is given and knows nothing of the store; the
command line (`commands/print_docs.py`) and the window's print path (`ui/print_bridge.py`)
fetch that data here, with the store's own queries (counts in SQL, no order loaded for them).
The marketplace each order belongs to is printed by its display name from the settings
(`printing.shop.ShopInfo.from_settings` carries the accounts' names, the key when the
account is gone).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.printing.daily_list import DailyListData, daily_list_data
from counter_app.store.reminders import ReminderStore
from counter_app.store.repository import Repository


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The start of `day` and of the next day, at local midnight, in UTC."""
    start = datetime.combine(day, time.min).astimezone()
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def daily_list_from_store(repo: Repository, day: date) -> DailyListData:
    """The daily list of `day`: every ready order, every order to prepare, collections counted."""
    orders = repo.list_orders(stages=[Stage.READY]) + repo.list_orders(stages=[Stage.TO_PREPARE])
    start, end = local_day_bounds(day)
    # Collected on that day = collected since its start minus collected since its end.
    collected = repo.count_orders(
        stages=[Stage.COLLECTED], collected_since=start
    ) - repo.count_orders(stages=[Stage.COLLECTED], collected_since=end)
    # Reminders counted per marketplace: the same order id may be on two of them.
    ready_ids: dict[str, list[str]] = {}
    for order in orders:
        if order.stage is Stage.READY:
            ready_ids.setdefault(order.marketplace, []).append(order.order_id)
    sent: dict[tuple[str, str], int] = {}
    for key, ids in ready_ids.items():
        counts = ReminderStore(repo.db, marketplace=key).sent_counts(ids)
        sent.update(((key, order_id), n) for order_id, n in counts.items())
    return daily_list_data(orders, day, collected_today=collected, reminders_sent=sent)


def order_to_print(repo: Repository, order_id: str, marketplace: str | None = None) -> Order:
    """The stored order a slip or card is printed for (OrderNotFoundError when unknown).

    `marketplace` (an account key) picks the order when several marketplaces have its id;
    without it such an id raises AmbiguousOrderError, which names them.
    """
    return repo.require_order(order_id, marketplace)
