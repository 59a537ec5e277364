"""Runs the sync engine in a plain background thread (no Qt: the UI wraps it in signals).

The loop runs a cycle every `interval_s`, or sooner when a waiting action's next try comes
first (backoff), or later when the marketplace asked to wait (429 `Retry-After`): the loop
schedules that wait instead of sleeping inside a request. `upload_soon()` (after a local
action) runs one at once, which uploads and downloads only if the last download is a minute
old; `sync_now()` forces a download and sends every waiting action. After each cycle
`on_status` is called from the worker thread.

One BackgroundSync runs one marketplace account's engine; `sync/account_syncs.py` runs one
per account, each on its own thread, and its statuses name their account (`marketplace`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from counter_app.store.database import server_unreachable
from counter_app.store.sync_state import SYNC_RESOURCE
from counter_app.store.types import utcnow
from counter_app.sync.engine import SyncEngine, SyncReport, synced_by_key

log = logging.getLogger(__name__)

SERVER_UNREACHABLE = "the shop's database server cannot be reached"
# A till that does not sync for the shop looks this often whether the one that does has
# gone silent (so it can take over within a minute, see store/leader.py).
FOLLOWER_RECHECK_S = 10.0


@dataclass(frozen=True)
class SyncStatus:
    """What the UI shows: online or not, last good sync, actions waiting, problems."""

    online: bool
    last_success_at: datetime | None
    pending_actions: int
    problems: int
    last_error: str = ""
    new_order_ids: list[str] = field(default_factory=list)
    failed_actions: int = 0
    initial: bool = False  # first download ever: new_order_ids is the backlog
    synced_by: str = ""  # the till that last synced, on a store shared by several tills
    server_unreachable: bool = False  # the shop's shared database server cannot be reached
    marketplace: str = ""  # the account's key ("main" for a single-account shop)
    marketplace_name: str = ""  # what staff read: the account's display name


class BackgroundSync:
    """A worker thread around one `SyncEngine`."""

    def __init__(
        self,
        engine: SyncEngine,
        interval_s: float = 60.0,
        on_status: Callable[[SyncStatus], None] | None = None,
        *,
        marketplace: str | None = None,
        marketplace_name: str | None = None,
    ) -> None:
        self.engine = engine
        key = marketplace if marketplace is not None else _engine_account(engine)
        self.marketplace = key
        self.marketplace_name = marketplace_name if marketplace_name is not None else key
        self.interval_s = interval_s
        self.on_status = on_status
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._force = False
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.cycles = 0
        self.last_report: SyncReport | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        name = f"counter-sync-{self.marketplace}" if self.marketplace else "counter-sync"
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.request_stop()
        self.join(timeout)

    def request_stop(self) -> None:
        """Ask the loop to end after its current cycle (`join` waits for it)."""
        self._stop.set()
        self._wake.set()

    def join(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def sync_now(self) -> None:
        """A full cycle now, download included."""
        with self._lock:
            self._force = True
        self._wake.set()

    def upload_soon(self) -> None:
        """A local action was just queued: send it now if the marketplace is reachable."""
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            # Requests made before this cycle starts are served by it (start() followed by
            # sync_now() is one forced cycle, not two downloads).
            self._wake.clear()
            with self._lock:
                force, self._force = self._force, False
            self._cycle(force)
            self._wake.wait(self.next_wait())
        close = getattr(self.engine, "close", None)
        if close is not None:
            try:
                close()  # give the sync role to another till now, not at process exit
            except Exception:
                log.exception("could not give up the sync role")

    def next_wait(self) -> float:
        """Seconds until the next cycle: the interval, the next due action, or a 429's wait."""
        report = self.last_report
        if report is not None and report.retry_after is not None:
            return max(report.retry_after, 0.5)
        wait = self.interval_s
        if report is not None and report.follower:
            return min(wait, FOLLOWER_RECHECK_S)
        try:
            due = self.engine.outbox.next_retry_at()
        except Exception:  # a locked or broken store: the plain interval will do
            log.exception("could not read the next due action")
            due = None
        if due is not None:
            wait = min(wait, max(1.0, (due - utcnow()).total_seconds()))
        return wait

    def _cycle(self, force: bool) -> None:
        try:
            report = self.engine.run_cycle(force_download=force)
        except Exception as exc:  # the loop must survive anything and say so
            if server_unreachable(exc):
                log.warning("sync cycle skipped: %s", SERVER_UNREACHABLE)
                report = SyncReport(error=SERVER_UNREACHABLE)
            else:
                log.exception("sync cycle failed")
                report = SyncReport(error=f"{type(exc).__name__}: {exc}")
        self.cycles += 1
        self.last_report = report
        if self.on_status is not None:
            try:
                self.on_status(self.status(report))
            except Exception:
                log.exception("sync status callback failed")

    def status(self, report: SyncReport | None = None) -> SyncStatus:
        report = report or self.last_report or SyncReport()
        try:
            return self._status(report)
        except Exception as exc:
            if not server_unreachable(exc):
                raise
            return SyncStatus(
                online=False,
                last_success_at=None,
                pending_actions=0,
                problems=0,
                last_error=SERVER_UNREACHABLE,
                server_unreachable=True,
                marketplace=self.marketplace,
                marketplace_name=self.marketplace_name,
            )

    def _status(self, report: SyncReport) -> SyncStatus:
        repo = self.engine.repo
        counts = self.engine.outbox.counts()
        return SyncStatus(
            online=report.online,
            last_success_at=repo.get_sync_state(SYNC_RESOURCE).last_success_at,
            pending_actions=counts["pending"] + counts["in_flight"],
            problems=len(repo.list_problems()),
            last_error=report.error,
            new_order_ids=list(report.new_order_ids),
            failed_actions=counts["failed"],
            initial=report.initial,
            synced_by=repo.get_meta(synced_by_key(repo.marketplace)) or "",
            marketplace=self.marketplace,
            marketplace_name=self.marketplace_name,
        )


def _engine_account(engine: SyncEngine) -> str:
    """The account an engine syncs: its repository's scope, else its settings' account."""
    key = getattr(engine.repo, "marketplace", None)
    if key:
        return str(key)
    return str(getattr(engine.settings, "marketplace_key", "") or "")
