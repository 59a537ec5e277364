"""The small interface every marketplace connector implements, and the errors it raises.

The sync engine and the UI only know this module, so another marketplace (Shopify, Odoo...)
can be added as one more connector without touching them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from counter_app.domain.orders import Order
from counter_app.errors import CounterError


class MarketplaceError(CounterError):
    """The marketplace could not do what was asked; the message is safe to show."""


class MarketplaceUnavailable(MarketplaceError):
    """Cannot reach the marketplace (network down, timeouts, 5xx, 429) even after retries."""


class OutcomeUnknown(MarketplaceUnavailable):
    """A write was sent but no answer came back: it may or may not have been applied."""


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
    ) -> None:
        """Tell the marketplace and the customer the order is ready, with its pickup code."""

    @abstractmethod
    def ready_published(self, order_id: str, pickup_code: str, field_code: str = "") -> bool:
        """Whether an earlier `publish_ready` for this code reached the marketplace."""

    @abstractmethod
    def confirm_collection(self, order_id: str) -> None:
        """The customer has collected the order."""

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
