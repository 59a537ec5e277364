"""What the connector returns for cancellations, refunds, reasons and customer message threads.

Plain frozen dataclasses, marketplace-neutral: the Mirakl connector fills them from RE01, OR28,
OR30, M10, M11, M12 and OR43 answers, and the app stores or shows them without knowing Mirakl.
Amounts are integer cents, as everywhere in the app; dates are aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ReasonKind(StrEnum):
    """Which list of reasons is wanted: for a cancellation (OR29/OR30) or a refund (OR28)."""

    CANCEL = "cancel"
    REFUND = "refund"


# Sender types as Mirakl names them (M10/M11 `from.type`).
CUSTOMER_USER = "CUSTOMER_USER"
SHOP_USER = "SHOP_USER"
OPERATOR_USER = "OPERATOR_USER"


@dataclass(frozen=True)
class Reason:
    """One reason the marketplace accepts (RE01), e.g. code "34", "Cancelled by the client"."""

    code: str
    label: str
    kind: ReasonKind
    shop_may_use: bool = True  # RE01 `is_shop_right`: False = only the operator may use it


@dataclass(frozen=True)
class LineCancel:
    """One order line to cancel (OR30): `quantity` items of it, for `reason_code`."""

    line_id: str
    quantity: int
    reason_code: str


@dataclass(frozen=True)
class LineRefund:
    """One order line to refund (OR28): `amount_cents` for `quantity` items, for `reason_code`."""

    line_id: str
    quantity: int
    amount_cents: int
    reason_code: str


@dataclass(frozen=True)
class CancelResult:
    """What the marketplace recorded for one cancelled line (OR30 `cancelations[]`)."""

    cancelation_id: str
    line_id: str
    quantity: int
    amount_cents: int
    reason_code: str


@dataclass(frozen=True)
class RefundResult:
    """What the marketplace recorded for one refunded line (OR28 `refunds[]`)."""

    refund_id: str
    line_id: str
    quantity: int
    amount_cents: int
    reason_code: str


@dataclass(frozen=True)
class ThreadMessage:
    """One message of a thread (M10/M11 `messages[]`)."""

    message_id: str
    body: str
    sent_at: datetime
    sender_type: str  # CUSTOMER_USER, SHOP_USER, OPERATOR_USER (or a future value)
    sender_name: str
    to: tuple[str, ...] = ()  # participant types: CUSTOMER, SHOP, OPERATOR
    attachments: tuple[str, ...] = ()  # file names

    @property
    def from_customer(self) -> bool:
        return self.sender_type == CUSTOMER_USER

    @property
    def from_shop(self) -> bool:
        return self.sender_type == SHOP_USER


@dataclass(frozen=True)
class MessageThread:
    """A conversation on an order (M10, or one M11 item).

    `messages` is oldest first, as the marketplace sends it; `newest_first()` is for display.
    It is empty when the thread was listed without its messages.
    """

    thread_id: str
    order_id: str  # "" when the thread is not about an order
    topic: str
    created_at: datetime
    updated_at: datetime
    last_message_at: datetime | None = None
    last_sender_type: str = ""
    shop_reply_needed_since: datetime | None = None
    message_count: int = 0
    messages: tuple[ThreadMessage, ...] = field(default_factory=tuple)

    @property
    def needs_reply(self) -> bool:
        """The customer (or operator) wrote last and the shop has not answered."""
        return self.shop_reply_needed_since is not None

    def newest_first(self) -> list[ThreadMessage]:
        # Reversing the stable oldest-first sort keeps same-second messages in reverse order
        # of arrival too (the marketplace lists them as they came).
        return list(reversed(sorted(self.messages, key=lambda m: m.sent_at)))


@dataclass(frozen=True)
class Incident:
    """An open incident on an order line (OR11 `order_line_state` INCIDENT_OPEN)."""

    line_id: str
    reason_code: str
    reason_label: str


@dataclass(frozen=True)
class OrderFlags:
    """What OR11 says beyond the order itself: the customer wrote, an incident is open."""

    has_customer_message: bool = False
    has_incident: bool = False
    incidents: tuple[Incident, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message (OR43, M12), e.g. the pickup QR code again in a reminder."""

    file_name: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True)
class SentMessage:
    """The ids the marketplace gave a message the shop sent (OR43 or M12)."""

    thread_id: str
    message_id: str
