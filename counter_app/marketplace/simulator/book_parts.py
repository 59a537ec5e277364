"""What the order book's mixins (`Inbox`, `SellerCalls`) use of the book itself.

Each mixin holds one half of `OrderBook`'s calls and reaches the book's orders, lock and clock
through `self`; the methods they share are declared here once and provided by `OrderBook`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any


class BookPart:
    """The book's state and helpers a mixin of `OrderBook` relies on (provided by the book)."""

    _lock: threading.RLock
    _orders: dict[str, dict[str, Any]]
    clock: Callable[[], datetime]

    def _require(self, order_id: str) -> dict[str, Any]:  # pragma: no cover - see above
        raise NotImplementedError

    def _touch(
        self, order: dict[str, Any], when: datetime | None = None
    ) -> None:  # pragma: no cover
        raise NotImplementedError

    def is_pickup(self, order: dict[str, Any]) -> bool:  # pragma: no cover - see above
        raise NotImplementedError
