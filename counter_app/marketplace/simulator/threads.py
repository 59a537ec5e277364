"""The simulator's message threads: conversations between the shop and customers on orders.

A thread is opened by the shop (OR43) or by a customer, and grows with replies (M12 from the
shop, customers' answers over time). Threads are listed as M11 does: newest update first, in
pages behind an opaque `page_token` (seek pagination: the token carries the filters and the last
key, so other parameters are ignored with it). The caller (the order book) holds the lock.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from counter_app.marketplace.simulator.common import (
    InvalidRequestError,
    UnknownThreadError,
    format_date,
    parse_date,
)

SHOP_USER, CUSTOMER_USER, OPERATOR_USER = "SHOP_USER", "CUSTOMER_USER", "OPERATOR_USER"
MAX_MESSAGES = 1000  # M12: "Maximum of 1000 messages on a thread"
MAX_FILES_PER_ORDER = 50  # attachments across all threads of one order (OR43, M12)
THREAD_PAGE_DEFAULT, THREAD_PAGE_MAX = 50, 100  # M11 `limit`
LAST_MESSAGES = 100  # M11 `with_messages`: "Limited to the last 100 messages"


@dataclass
class Message:
    """One message of a thread, by the shop, a customer or the operator."""

    message_id: str
    body: str
    sender_type: str
    sender_name: str
    to: list[str]
    created_at: datetime
    files: list[tuple[str, bytes]] = field(default_factory=list)


@dataclass
class Thread:
    """A conversation on an order; `to` are the participants the opener wrote to."""

    thread_id: str
    order_id: str
    to: list[str]
    topic: dict[str, Any]
    messages: list[Message]
    created_at: datetime
    updated_at: datetime
    customer_name: str = "Client"
    customer_id: str = ""
    shop_reply_needed_since: datetime | None = None

    # The opening message, as the OR43 tests of the ready message read it.
    @property
    def body(self) -> str:
        return self.messages[0].body

    @property
    def files(self) -> list[tuple[str, bytes]]:
        return self.messages[0].files

    @property
    def message_id(self) -> str:
        return self.messages[0].message_id

    @property
    def opened_by_customer(self) -> bool:
        return self.messages[0].sender_type == CUSTOMER_USER

    def has_customer_message(self) -> bool:
        return any(m.sender_type == CUSTOMER_USER for m in self.messages)


@dataclass(frozen=True)
class ThreadQuery:
    """M11's filters and page size, as carried from page to page by the token."""

    entity_type: str = ""
    entity_ids: tuple[str, ...] = ()
    updated_since: datetime | None = None
    with_messages: bool = False
    limit: int = THREAD_PAGE_DEFAULT
    after: tuple[str, str] | None = None  # (date_updated, id) of the last thread served

    def token(self, after: tuple[str, str]) -> str:
        data = {
            "entity_type": self.entity_type,
            "entity_ids": list(self.entity_ids),
            "updated_since": self.updated_since.isoformat() if self.updated_since else None,
            "with_messages": self.with_messages,
            "limit": self.limit,
            "after": list(after),
        }
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()

    @classmethod
    def from_token(cls, token: str) -> ThreadQuery:
        try:
            data = json.loads(base64.urlsafe_b64decode(token.encode()))
            since = data["updated_since"]
            return cls(
                entity_type=str(data["entity_type"]),
                entity_ids=tuple(str(i) for i in data["entity_ids"]),
                updated_since=parse_date(since) if since else None,
                with_messages=bool(data["with_messages"]),
                limit=int(data["limit"]),
                after=(str(data["after"][0]), str(data["after"][1])),
            )
        except (ValueError, KeyError, TypeError, IndexError, binascii.Error):
            raise InvalidRequestError("page_token is not a token this API gave") from None


class ThreadStore:
    """All threads of the shop; ids drawn from the order book's seeded random source."""

    def __init__(self, new_id: Callable[[], str]) -> None:
        self._new_id = new_id
        self._threads: dict[str, Thread] = {}

    def all(self, order_id: str | None = None) -> list[Thread]:
        """Oldest first, as they were opened."""
        return [t for t in self._threads.values() if order_id is None or t.order_id == order_id]

    def get(self, thread_id: str) -> Thread:
        thread = self._threads.get(thread_id)
        if thread is None:
            raise UnknownThreadError(thread_id)
        return thread

    def files_on(self, order_id: str) -> int:
        return sum(len(m.files) for t in self.all(order_id) for m in t.messages)

    def open(
        self,
        order_id: str,
        message: Message,
        to: list[str],
        topic: dict[str, Any],
        customer: tuple[str, str],
        thread_id: str = "",
    ) -> Thread:
        if self.files_on(order_id) + len(message.files) > MAX_FILES_PER_ORDER:
            raise InvalidRequestError(
                f"at most {MAX_FILES_PER_ORDER} attachments across the threads of an order"
            )
        thread = Thread(
            thread_id=thread_id or self._new_id(),
            order_id=order_id,
            to=list(to),
            topic=dict(topic),
            messages=[message],
            created_at=message.created_at,
            updated_at=message.created_at,
            customer_name=customer[0],
            customer_id=customer[1],
        )
        self._note(thread, message)
        self._threads[thread.thread_id] = thread
        return thread

    def add(self, thread: Thread, message: Message, topic: dict[str, Any] | None = None) -> None:
        """A reply on `thread` (M12 for the shop; a customer's answer)."""
        if len(thread.messages) >= MAX_MESSAGES:
            raise InvalidRequestError(f"a thread holds at most {MAX_MESSAGES} messages")
        if self.files_on(thread.order_id) + len(message.files) > MAX_FILES_PER_ORDER:
            raise InvalidRequestError(
                f"at most {MAX_FILES_PER_ORDER} attachments across the threads of an order"
            )
        thread.messages.append(message)
        if topic:
            thread.topic = dict(topic)
        thread.updated_at = max(thread.updated_at, message.created_at)
        self._note(thread, message)

    @staticmethod
    def _note(thread: Thread, message: Message) -> None:
        # Mirakl marks a thread as waiting for the shop from the first unanswered message.
        if message.sender_type == SHOP_USER:
            thread.shop_reply_needed_since = None
        elif thread.shop_reply_needed_since is None:
            thread.shop_reply_needed_since = message.created_at

    def page(self, query: ThreadQuery) -> tuple[list[Thread], str]:
        """One M11 page (newest update first) and the next page's token ("" when last)."""
        wanted = set(query.entity_ids)
        threads = [
            t
            for t in self._threads.values()
            if (not query.entity_type or query.entity_type == "MMP_ORDER")
            and (not wanted or t.order_id in wanted)
            and (query.updated_since is None or t.updated_at >= query.updated_since)
        ]
        threads.sort(key=_key, reverse=True)
        if query.after is not None:
            threads = [t for t in threads if _key(t) < query.after]
        page = threads[: query.limit]
        more = len(threads) > query.limit
        return page, query.token(_key(page[-1])) if more and page else ""


def _key(thread: Thread) -> tuple[str, str]:
    return (format_date(thread.updated_at, millis=True), thread.thread_id)


def new_uuid(getrandbits: Callable[[int], int]) -> str:
    return str(uuid.UUID(int=getrandbits(128)))
