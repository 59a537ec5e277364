"""Which orders are late: to prepare past their ship-by deadline, or ready and not collected.

Pure Python. The list marks them in colour and in words (`Lateness.LATE` / `WAITING_LONG`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from counter_app.domain.stages import Stage

# A ready order left this long on the shelf is worth a reminder to the customer.
READY_WAITING_LONG = timedelta(days=3)


class Lateness(StrEnum):
    """How late an order is, for the list."""

    ON_TIME = "on_time"
    LATE = "late"  # to accept / to prepare, past its deadline
    WAITING_LONG = "waiting_long"  # ready, on the shelf for long


def lateness(
    stage: str,
    deadline_at: datetime | None,
    ready_at: datetime | None,
    now: datetime,
    waiting_long: timedelta = READY_WAITING_LONG,
) -> Lateness:
    """The lateness of an order in `stage` (a Stage value) at `now` (aware datetimes)."""
    if stage in (Stage.TO_ACCEPT, Stage.TO_PREPARE, Stage.AWAITING_PAYMENT):
        if deadline_at is not None and deadline_at < now:
            return Lateness.LATE
    elif stage == Stage.READY and ready_at is not None and now - ready_at >= waiting_long:
        return Lateness.WAITING_LONG
    return Lateness.ON_TIME
