"""Customer message threads as last read from the marketplace (M11), one row per thread.

Kept so the detail pane shows them offline and without a call; the sync refreshes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select, true

from counter_app.accounts import LEGACY_KEY
from counter_app.domain.customer_threads import CustomerMessage, CustomerThread
from counter_app.marketplace.messages_types import MessageThread, ThreadMessage
from counter_app.store.database import Database
from counter_app.store.models import MessageThreadRow, OrderRow
from counter_app.store.types import utcnow


def _message_json(message: ThreadMessage) -> dict[str, str]:
    return {
        "id": message.message_id,
        "body": message.body,
        "sent_at": message.sent_at.isoformat(),
        "sender_type": message.sender_type,
        "sender_name": message.sender_name,
    }


def _message(data: dict[str, str]) -> CustomerMessage:
    return CustomerMessage(
        message_id=str(data.get("id", "")),
        body=str(data.get("body", "")),
        sent_at=datetime.fromisoformat(str(data["sent_at"])),
        sender_type=str(data.get("sender_type", "")),
        sender_name=str(data.get("sender_name", "")),
    )


class ThreadStore:
    """Reads and writes of the stored threads, each in its own short transaction.

    With a `marketplace` (an account key) it is that account's threads: thread and order
    ids are each marketplace's own. Without one (the window) it reads every account's.
    """

    def __init__(self, db: Database, marketplace: str | None = None) -> None:
        self.db = db
        self.marketplace = marketplace

    @property
    def _key(self) -> str:
        return self.marketplace if self.marketplace is not None else LEGACY_KEY

    def _mine(self, column: Any) -> Any:
        return true() if self.marketplace is None else column == self.marketplace

    def save(self, threads: Iterable[MessageThread]) -> int:
        """Store threads of known orders (others are not the shop's click & collect);
        returns how many were stored. A thread listed without messages keeps its old ones."""
        batch = [t for t in threads if t.order_id]
        if not batch:
            return 0
        stored = 0
        with self.db.session() as s:
            known = set(
                s.scalars(
                    select(OrderRow.order_id).where(
                        OrderRow.order_id.in_({t.order_id for t in batch}),
                        OrderRow.marketplace == self._key,
                    )
                )
            )
            for thread in batch:
                if thread.order_id not in known:
                    continue
                row = s.get(MessageThreadRow, (self._key, thread.thread_id))
                if row is None:
                    row = MessageThreadRow(
                        marketplace=self._key, thread_id=thread.thread_id, order_id=thread.order_id
                    )
                    s.add(row)
                row.topic = thread.topic
                row.updated_at = thread.updated_at
                row.needs_reply = thread.needs_reply
                if thread.messages or row.messages_json is None:
                    row.messages_json = json.dumps(
                        [_message_json(m) for m in thread.messages], ensure_ascii=False
                    )
                row.read_at = utcnow()
                stored += 1
        return stored

    def for_order(self, order_id: str, marketplace: str | None = None) -> list[CustomerThread]:
        """The order's threads (on `marketplace` when given), the most recently active first."""
        key = marketplace if marketplace is not None else self.marketplace
        with self.db.session() as s:
            query = select(MessageThreadRow).where(MessageThreadRow.order_id == order_id)
            if key is not None:
                query = query.where(MessageThreadRow.marketplace == key)
            rows = list(s.scalars(query.order_by(MessageThreadRow.updated_at.desc())))
        out = []
        for row in rows:
            try:
                messages = tuple(_message(m) for m in json.loads(row.messages_json or "[]"))
            except (ValueError, KeyError, TypeError):
                messages = ()
            out.append(
                CustomerThread(
                    thread_id=row.thread_id,
                    order_id=row.order_id,
                    topic=row.topic,
                    updated_at=row.updated_at,
                    needs_reply=row.needs_reply,
                    messages=messages,
                )
            )
        return out

    def order_ids_with_threads(self, order_ids: Iterable[str]) -> set[str]:
        ids = list(order_ids)
        found: set[str] = set()
        with self.db.session() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                found.update(
                    s.scalars(
                        select(MessageThreadRow.order_id).where(
                            MessageThreadRow.order_id.in_(chunk),
                            self._mine(MessageThreadRow.marketplace),
                        )
                    )
                )
        return found

    def flagged_orders(self, limit: int = 1000) -> list[str]:
        """Orders the marketplace flags with a customer message, newest activity first."""
        with self.db.session() as s:
            return list(
                s.scalars(
                    select(OrderRow.order_id)
                    .where(
                        OrderRow.has_customer_message.is_(True), self._mine(OrderRow.marketplace)
                    )
                    .order_by(OrderRow.updated_at.desc())
                    .limit(limit)
                )
            )
