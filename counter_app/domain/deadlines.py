"""The two deadlines a shop lives by, and when a ready order needs a ship-by warning.

`shipping_deadline` (OR11) is the prepare / ship-by date: every OR24 after it counts as a late
shipment (A21 `late_shipment_rate`). OR11 carries no acceptance deadline: the operator refuses
orders left in WAITING_ACCEPTANCE after a delay of its own, so "accept before" is an estimate
from `created_date` and the `acceptance_delay_hours` setting.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from counter_app.domain.stages import Stage


class ShipByWarning(StrEnum):
    """How close a ready order's ship-by date is, when OR24 waits for the customer."""

    SOON = "soon"  # within the warning window
    LATE = "late"  # past: the OR24 at collection will count as a late shipment


def accept_before(created_at: datetime, delay_hours: int) -> datetime:
    """The estimated time the operator refuses the order if it is still not accepted."""
    return created_at + timedelta(hours=delay_hours)


def ship_by_warning(
    stage: Stage | str,
    shipping_deadline: datetime | None,
    now: datetime,
    *,
    ship_on: str,
    warning_hours: int,
) -> ShipByWarning | None:
    """A warning for a ready order whose OR24 waits for the customer (`ship_on = collected`)."""
    if ship_on != "collected" or shipping_deadline is None:
        return None
    if str(stage) != Stage.READY.value:
        return None
    left = shipping_deadline - now
    if left.total_seconds() < 0:
        return ShipByWarning.LATE
    if left <= timedelta(hours=warning_hours):
        return ShipByWarning.SOON
    return None
