"""The pickup window: how long a ready order waits on the shelf before it is "not collected".

Pure Python: every function takes the clock (`now`, an aware datetime) from its caller, so
tests move the day by hand. A ready order may be collected up to and including its
"collect by" day (the local day it was made ready + `pickup_days`); from the next local
day on it is not collected: remind, then cancel or refund.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage

DEFAULT_PICKUP_DAYS = 10


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of an aware moment on the counter's clock (or in `tz`)."""
    return moment.astimezone(tz).date()


def collect_by(
    ready_at: datetime | None, pickup_days: int, tz: tzinfo | None = None
) -> date | None:
    """The last day the customer may collect: the ready day + `pickup_days` (None if not ready)."""
    if ready_at is None:
        return None
    if pickup_days < 0:
        raise ValueError("pickup_days cannot be negative")
    return local_day(ready_at, tz) + timedelta(days=pickup_days)


def days_late(collect_by_day: date | None, now: datetime, tz: tzinfo | None = None) -> int:
    """Whole days since the collect-by day (0 on that day or before it)."""
    if collect_by_day is None:
        return 0
    return max(0, (local_day(now, tz) - collect_by_day).days)


def is_not_collected(
    stage: str, ready_at: datetime | None, pickup_days: int, now: datetime, tz: tzinfo | None = None
) -> bool:
    """A ready order whose collect-by day is over."""
    if stage != Stage.READY.value:
        return False
    last = collect_by(ready_at, pickup_days, tz)
    return last is not None and local_day(now, tz) > last


def ready_before_for_not_collected(
    pickup_days: int, now: datetime, tz: tzinfo | None = None
) -> datetime:
    """The instant a ready order must have been made ready before to be "not collected" now.

    Ready on day D, collect by D + pickup_days, late from D + pickup_days + 1: so late today
    means ready before midnight (local) of today - pickup_days. The list query filters on it.
    """
    today = local_day(now, tz)
    first_day_on_time = today - timedelta(days=pickup_days)
    midnight = datetime.combine(first_day_on_time, time(0, 0))
    # A naive local time made aware by the system's zone rules (a DST change in between
    # moves the offset), or in the zone given.
    return midnight.astimezone() if tz is None else midnight.replace(tzinfo=tz)


@dataclass(frozen=True)
class NotCollected:
    """A ready order past its collect-by day: to remind, then cancel."""

    order: Order
    collect_by: date
    days_late: int


def not_collected(orders: Iterable[Order], pickup_days: int, today: date) -> list[NotCollected]:
    """The ready orders among `orders` whose collect-by day is before `today`, latest first
    (most days late first); none when no pickup window is set (`pickup_days` 0)."""
    if pickup_days <= 0:
        return []
    out = []
    for order in orders:
        if order.stage is not Stage.READY:
            continue
        last = collect_by(order.ready_at, pickup_days)
        if last is not None and today > last:
            out.append(NotCollected(order, last, (today - last).days))
    out.sort(key=lambda e: (-e.days_late, e.order.order_id))
    return out
