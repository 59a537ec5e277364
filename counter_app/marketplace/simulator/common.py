"""What every part of the simulator shares: Mirakl's order states, dates, and the refusals.

The three exceptions map to Mirakl's answers in the HTTP layer: `WrongStateError` and
`InvalidRequestError` to a 400 with their message, `UnknownOrderError` to a 404.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

# Mirakl answers OR11 from `start_update_date` minus a safety delta, so clients see repeats.
SAFETY_DELTA = timedelta(minutes=2)
MAX_PAGE = 100

# What OR24 leads to on a click & collect order, as the operator configured it.
COLLECT_FLOWS = ("shipped", "to_collect")
ORDER_STATES = (
    "STAGING",
    "WAITING_ACCEPTANCE",
    "WAITING_DEBIT",
    "WAITING_DEBIT_PAYMENT",
    "SHIPPING",
    "SHIPPED",
    "TO_COLLECT",
    "RECEIVED",
    "CLOSED",
    "REFUSED",
    "CANCELED",
)
# States after OR24: the order left the shop (for Mirakl), so it is refunded, not cancelled.
SHIPPED_STATES = frozenset({"SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED"})


class WrongStateError(Exception):
    """The transition is not allowed from the order's current state (Mirakl answers 400)."""


class InvalidRequestError(ValueError):
    """The request body breaks one of Mirakl's rules (400 with this message)."""


class UnknownOrderError(LookupError):
    """No such order (Mirakl answers 404)."""


class UnknownThreadError(LookupError):
    """No such message thread (Mirakl answers 404)."""


def format_date(when: datetime, *, millis: bool) -> str:
    """Mirakl's ISO 8601 in UTC; some answers carry milliseconds, some do not."""
    when = when.astimezone(UTC)
    if millis:
        return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(text: str) -> datetime:
    """ISO 8601 as Mirakl writes and accepts it (with or without milliseconds)."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def money(cents: int) -> float:
    """Integer cents as the JSON number of euros Mirakl sends."""
    return round(cents / 100, 2)


def cents(amount: float) -> int:
    """A Mirakl amount back to integer cents (rounded, as amounts have two decimals)."""
    return round(amount * 100)
