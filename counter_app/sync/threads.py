"""Customer threads: read during sync (M11, rate-limited), replies sent through the outbox (M12).

Reading costs as few calls as the marketplace allows: one M11 listing of the threads updated
since the last read (a page per 100 threads, messages included), at most every
`MIN_READ_INTERVAL_S`; then, for orders OR11 flags with `has_customer_message` but whose thread
was never read, one M11 call per order, at most `MAX_ORDER_READS` per cycle.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from counter_app.marketplace.connector import MarketplaceConnector, MarketplaceError
from counter_app.store.outbox import OutboxAction
from counter_app.store.repository import Repository
from counter_app.store.threads import ThreadStore
from counter_app.store.types import utcnow

log = logging.getLogger(__name__)

RESOURCE = "threads"
REPLY_ACTION = "reply"
MIN_READ_INTERVAL_S = 300.0
MAX_ORDER_READS = 20
# The first read looks back this far; later ones from the newest thread seen, less a margin.
FIRST_LOOK_BACK = timedelta(days=30)
OVERLAP = timedelta(minutes=5)


@dataclass
class ThreadReadReport:
    """What one read did: threads stored and marketplace calls made for it."""

    stored: int = 0
    listing_calls: int = 0
    order_calls: int = 0
    error: str = ""


class ThreadReader:
    """Reads the customer threads worth reading, at most every `min_interval_s`."""

    def __init__(
        self,
        repo: Repository,
        connector: MarketplaceConnector,
        clock: Callable[[], datetime] = utcnow,
        *,
        min_interval_s: float = MIN_READ_INTERVAL_S,
        max_order_reads: int = MAX_ORDER_READS,
    ) -> None:
        self.repo = repo
        self.connector = connector
        self.clock = clock
        self.store = ThreadStore(repo.db, repo.marketplace)
        self.min_interval_s = min_interval_s
        self.max_order_reads = max_order_reads
        self._last_read: float | None = None

    def due(self) -> bool:
        return self._last_read is None or time.monotonic() - self._last_read >= self.min_interval_s

    def run(self, force: bool = False) -> ThreadReadReport:
        report = ThreadReadReport()
        if not force and not self.due():
            return report
        self._last_read = time.monotonic()
        state = self.repo.get_sync_state(RESOURCE)
        since = state.watermark - OVERLAP if state.watermark else self.clock() - FIRST_LOOK_BACK
        newest = state.watermark
        try:
            threads = self.connector.list_threads(updated_since=since)
            report.listing_calls += 1
            report.stored += self.store.save(threads)
            for thread in threads:
                if newest is None or thread.updated_at > newest:
                    newest = thread.updated_at
            flagged = self.store.flagged_orders()
            unread = [o for o in flagged if o not in self.store.order_ids_with_threads(flagged)]
            for order_id in unread[: self.max_order_reads]:
                report.stored += self.store.save(self.connector.list_threads(order_id=order_id))
                report.order_calls += 1
        except MarketplaceError as exc:
            report.error = str(exc)
            log.warning("customer threads not read: %s", exc)
            return report
        fresh = self.repo.get_sync_state(RESOURCE)
        fresh.watermark = newest
        fresh.last_success_at = utcnow()
        self.repo.save_sync_state(fresh)
        return report


def queue_reply(
    repo: Repository,
    order_id: str,
    thread_id: str,
    body: str,
    till: str,
    marketplace: str | None = None,
) -> int:
    """A staff reply on a customer thread, queued like every action (sent as M12).

    `marketplace`: the order's account, when its id may be on several marketplaces; the
    reply goes in that account's lane.
    """
    text = body.strip()
    if not text:
        raise ValueError("a reply needs some text")
    if not thread_id:
        raise ValueError(f"order {order_id} has no thread to reply on")
    return repo.apply_local_action(
        order_id,
        REPLY_ACTION,
        {"thread_id": thread_id, "body": text},
        till,
        marketplace=marketplace,
    )


def send_reply(connector: MarketplaceConnector, action: OutboxAction) -> None:
    connector.reply_to_thread(str(action.payload["thread_id"]), str(action.payload["body"]))


def reply_landed(connector: MarketplaceConnector, action: OutboxAction) -> bool:
    """Whether a reply whose answer was lost is on its thread already."""
    thread = connector.get_thread(str(action.payload.get("thread_id") or ""))
    body = str(action.payload.get("body") or "").strip()
    return any(m.from_shop and m.body.strip() == body for m in thread.messages)
