"""The small interface every marketplace connector implements, and the errors it raises.

The sync engine and the UI only know this module, so another marketplace (Shopify, Odoo...)
can be added as one more connector without touching them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from counter_app.domain.orders import Order
from counter_app.errors import CounterError
from counter_app.marketplace.messages_types import (
    Attachment,
    CancelResult,
    LineCancel,
    LineRefund,
    MessageThread,
    Reason,
    ReasonKind,
    RefundResult,
    SentMessage,
)


class MarketplaceError(CounterError):
    """The marketplace could not do what was asked; the message is safe to show."""


class MarketplaceUnavailable(MarketplaceError):
    """Cannot reach the marketplace (network down, timeouts, 5xx, 429) even after retries.

    `network` is False when the marketplace did answer, with a server error: then the link
    is fine and only time helps.
    """

    def __init__(self, message: str = "", *, network: bool = True) -> None:
        super().__init__(message)
        self.network = network


class OutcomeUnknown(MarketplaceUnavailable):
    """A write was sent but no answer came back: it may or may not have been applied."""


class RateLimited(MarketplaceUnavailable):
    """HTTP 429: the marketplace asks to wait `retry_after` seconds before the next request.

    Nothing was applied. The caller schedules the next try instead of sleeping.
    """

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message, network=False)
        self.retry_after = retry_after


class MalformedAnswer(MarketplaceError):
    """The marketplace answered something that is not what its API promises."""


class AuthenticationError(MarketplaceError):
    """The API key (or shop id) is refused."""


class RequestRejected(MarketplaceError):
    """A 4xx answer: the request is wrong as sent and would fail again unchanged."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class WrongStateError(RequestRejected):
    """The order is not in a state that allows this operation (Mirakl's 400)."""


class UpdateRejected(RequestRejected):
    """A 200 that reports errors (OR31 `order_update_errors`): nothing was stored."""

    def __init__(self, message: str) -> None:
        super().__init__(message, 200)


@dataclass(frozen=True)
class CustomField:
    """An operator-defined custom field (AF01)."""

    code: str
    label: str
    type: str  # STRING, BOOLEAN, DATE, NUMERIC, LIST, ...
    entity: str  # ORDER, ORDER_LINE, OFFER, SHOP


class FieldCheck(StrEnum):
    """What AF01 says about the custom field meant to receive the pickup code."""

    OK = "ok"  # an ORDER custom field of type STRING
    MISSING = "missing"  # no ORDER custom field with that code
    WRONG_TYPE = "wrong_type"  # an ORDER custom field, but not a STRING one


def check_pickup_code_field(fields: list[CustomField], code: str) -> tuple[FieldCheck, str]:
    """Whether `code` can hold a pickup code; the second value is the type or entity found."""
    same_code = [f for f in fields if f.code == code]
    on_order = [f for f in same_code if f.entity == "ORDER"]
    if not on_order:
        return FieldCheck.MISSING, same_code[0].entity if same_code else ""
    if on_order[0].type != "STRING":
        return FieldCheck.WRONG_TYPE, on_order[0].type
    return FieldCheck.OK, "STRING"


@dataclass(frozen=True)
class ShippingType:
    """A shipping method of the marketplace; click & collect ones are what the shop keeps."""

    code: str
    label: str
    click_and_collect: bool


@dataclass(frozen=True)
class ShopInfo:
    """Who the API key belongs to (shown in settings as a connection check)."""

    shop_id: str
    name: str
    email: str = ""
    city: str = ""
    address: str = ""  # street, post code and city on one line, for slips and cards


@dataclass
class OrderPage:
    """One page of changed orders: parsed orders, ids skipped as malformed, the total."""

    orders: list[Order]
    skipped: list[str] = field(default_factory=list)
    total_count: int = 0
    offset: int = 0


@dataclass(frozen=True)
class PickupMessage:
    """What the customer receives when the order is ready: topic, body and the QR code PNG."""

    topic: str
    body: str
    qr_png: bytes
    file_name: str = "code-retrait.png"


class MarketplaceConnector(ABC):
    """What the app needs from a marketplace. Every method blocks; call it off the GUI thread.

    Errors are `MarketplaceError` subclasses; API keys never appear in their messages.
    """

    name: str = "marketplace"

    @abstractmethod
    def iter_changed_orders(self, since: datetime | None) -> Iterator[OrderPage]:
        """Every order changed since `since` (all when None), page by page, oldest first."""

    @abstractmethod
    def get_order(self, order_id: str) -> Order | None:
        """The marketplace's current view of one order (None when it does not know it)."""

    @abstractmethod
    def accept_lines(self, order_id: str, decisions: list[tuple[str, bool]]) -> None:
        """Accept (True) or refuse (False) each order line."""

    @abstractmethod
    def publish_ready(
        self, order_id: str, pickup_code: str, message: PickupMessage, field_code: str = ""
    ) -> str:
        """Tell the marketplace and the customer the order is ready, with its pickup code.

        Returns the id of the message thread opened with the customer ("" if none came back).
        """

    @abstractmethod
    def ready_published(
        self, order_id: str, pickup_code: str, field_code: str = "", topic: str = ""
    ) -> str | None:
        """The thread id of an earlier `publish_ready` for this code, None if it never landed."""

    @abstractmethod
    def confirm_collection(self, order_id: str) -> None:
        """Ship the order (OR24): collected, or ready for collection with `ship_on = ready`."""

    # ---- customers who do not come (OR29, OR30, OR28, RE01) ---------------------------------
    @abstractmethod
    def cancel_order(self, order_id: str) -> None:
        """Cancel the whole order (OR29); only allowed while it is SHIPPING (not yet shipped).

        A second call on a cancelled order raises `WrongStateError`.
        """

    @abstractmethod
    def cancel_lines(
        self, order_id: str, lines: Sequence[tuple[str, int, str] | LineCancel]
    ) -> list[CancelResult]:
        """Cancel some items of some lines (OR30): `(line_id, quantity, reason_code)` each.

        The amount of each cancellation is the line's unit price times the quantity. A 5xx or
        a lost answer raises `OutcomeUnknown`: read the order again before sending it again.
        """

    @abstractmethod
    def refund_lines(
        self, order_id: str, lines: Sequence[tuple[str, int, int, str] | LineRefund]
    ) -> list[RefundResult]:
        """Refund lines of a shipped order (OR28): `(line_id, quantity, amount_cents, reason)`.

        Only after OR24; a reason is required. Like `cancel_lines`, never repeated on its own.
        """

    @abstractmethod
    def list_reasons(self, kind: ReasonKind | str) -> list[Reason]:
        """The reasons the shop may give for a cancellation or a refund (RE01)."""

    # ---- customers who write (M11, M10, M12, OR43) -------------------------------------------
    @abstractmethod
    def list_threads(
        self,
        order_id: str | None = None,
        updated_since: datetime | None = None,
        *,
        with_messages: bool = True,
    ) -> list[MessageThread]:
        """Message threads on orders (M11, every page), on one order when `order_id` is given.

        `with_messages` includes each thread's last 100 messages, so no M10 call is needed.
        """

    @abstractmethod
    def get_thread(self, thread_id: str) -> MessageThread:
        """One thread with its messages (M10); `RequestRejected` (404) when unknown."""

    @abstractmethod
    def reply_to_thread(
        self,
        thread_id: str,
        body: str,
        *,
        to: Sequence[str] = ("CUSTOMER",),
        files: Sequence[Attachment] = (),
    ) -> SentMessage:
        """Reply on a thread (M12). A 5xx or a lost answer raises `OutcomeUnknown`."""

    @abstractmethod
    def create_order_thread(
        self, order_id: str, subject: str, body: str, *, files: Sequence[Attachment] = ()
    ) -> SentMessage:
        """Open a new thread with the customer on an order (OR43), `subject` as its topic."""

    # After an `OutcomeUnknown` on M12 or OR43: did the message land? (Never send it blind.)
    def find_shop_message(
        self, thread_id: str, body: str, since: datetime | None = None
    ) -> str | None:
        """The id of a message the shop sent on the thread with this body (at or after
        `since`), None when none landed."""
        wanted = body.strip()
        for message in self.get_thread(thread_id).messages:
            recent = since is None or message.sent_at >= since
            if message.from_shop and message.body.strip() == wanted and recent:
                return message.message_id
        return None

    def find_order_thread(
        self, order_id: str, subject: str, body: str = "", since: datetime | None = None
    ) -> SentMessage | None:
        """A thread the shop opened on the order with this subject (and first message `body`
        when given), None when none landed."""
        for thread in self.list_threads(order_id=order_id, updated_since=since):
            if thread.topic != subject or not thread.messages:
                continue
            first = thread.messages[0]
            if first.from_shop and (not body or first.body.strip() == body.strip()):
                return SentMessage(thread.thread_id, first.message_id)
        return None

    def custom_fields(self, entities: tuple[str, ...] = ("ORDER",)) -> list[CustomField]:
        """The operator's custom fields on these entities (empty when not supported)."""
        return []

    @abstractmethod
    def shipping_types(self) -> list[ShippingType]:
        """All active shipping types."""

    @abstractmethod
    def shop_info(self) -> ShopInfo:
        """The shop the API key belongs to."""

    @abstractmethod
    def health(self) -> bool:
        """True when the marketplace answers (raises MarketplaceError otherwise)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""
