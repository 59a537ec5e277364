"""One background sync per marketplace account, side by side (no Qt: the UI wraps it).

Each account has its own `BackgroundSync`, so its own thread, engine, connector (and so its
own rate limiter and 429 back-off), outbox lane and watermark: a marketplace that is down,
slow or rate-limited never delays another. The window sees the whole as one loop (the
`BackgroundLoop` protocol of ui/seams.py: start, stop, sync_now, upload_soon); each
account's news arrives through `on_status` as a `SyncStatus` naming its account.

An account whose set-up is half finished (no API key, a bad address) has no loop: its
reason is reported once, at `start`, as that account's status error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from counter_app.sync.background import BackgroundSync, SyncStatus

log = logging.getLogger(__name__)


class _Releasable(Protocol):
    def release(self) -> None: ...


@dataclass(frozen=True)
class SkippedAccount:
    """An account that does not sync, and why (shown as its status)."""

    key: str
    name: str
    reason: str

    def status(self) -> SyncStatus:
        return SyncStatus(
            online=False,
            last_success_at=None,
            pending_actions=0,
            problems=0,
            last_error=self.reason,
            marketplace=self.key,
            marketplace_name=self.name,
        )


class AccountSyncs:
    """The background syncs of every account, started, woken and stopped together."""

    def __init__(
        self,
        loops: Sequence[BackgroundSync],
        skipped: Sequence[SkippedAccount] = (),
        *,
        on_status: Callable[[SyncStatus], None] | None = None,
        leadership: _Releasable | None = None,
    ) -> None:
        self.loops = list(loops)
        self.skipped = list(skipped)
        self.on_status = on_status
        # The shop's sync role, shared by the accounts' engines: given up once all stopped.
        self.leadership = leadership

    @property
    def accounts(self) -> list[str]:
        """The keys of the accounts that sync, in order."""
        return [loop.marketplace for loop in self.loops]

    def loop_for(self, key: str) -> BackgroundSync | None:
        return next((loop for loop in self.loops if loop.marketplace == key), None)

    def start(self) -> None:
        for loop in self.loops:
            loop.start()
        if self.on_status is not None:
            for skipped in self.skipped:
                try:
                    self.on_status(skipped.status())
                except Exception:
                    log.exception("sync status callback failed")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop every loop; all are asked at once, so a slow one does not hold the others."""
        for loop in self.loops:
            loop.request_stop()
        deadline = time.monotonic() + timeout
        for loop in self.loops:
            loop.join(max(0.1, deadline - time.monotonic()))
        if self.leadership is not None:
            try:
                self.leadership.release()  # give the role to another till now
            except Exception:
                log.exception("could not give up the sync role")

    def sync_now(self) -> None:
        for loop in self.loops:
            loop.sync_now()

    def upload_soon(self) -> None:
        # Each loop sends only its own lane: the one whose order it was does the work.
        for loop in self.loops:
            loop.upload_soon()

    @property
    def running(self) -> bool:
        return any(loop.running for loop in self.loops)

    def statuses(self) -> list[SyncStatus]:
        """Every account's status now (the skipped ones with their reason)."""
        return [loop.status() for loop in self.loops] + [s.status() for s in self.skipped]
