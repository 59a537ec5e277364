"""One sync cycle: upload the outbox, then download the orders changed since the watermark.

The watermark is on the marketplace's clock (the newest `last_updated_date` seen) and only
moves after a complete download pass, so a crash mid-download re-reads instead of skipping.
The upload half (each action delivered effectively once, backoff, the 429 wait) is the
engine's base class, `sync.upload.OutboxUploader`; merging the pages is `sync.download`.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from counter_app.accounts import LEGACY_KEY
from counter_app.logging_setup import redact
from counter_app.marketplace.connector import (
    AuthenticationError,
    MarketplaceConnector,
    MarketplaceError,
    RateLimited,
)
from counter_app.settings import Settings
from counter_app.store.cancellation import cancelled_here
from counter_app.store.outbox import IN_FLIGHT, NETWORK, PENDING
from counter_app.store.repository import Repository, SyncState
from counter_app.store.sync_state import SYNC_RESOURCE
from counter_app.store.types import utcnow
from counter_app.sync.cancellation import ReasonCache
from counter_app.sync.download import LocalWaits, merge_pages
from counter_app.sync.reminders import ReminderScheduler
from counter_app.sync.report import SyncReport, WaitingAction, backoff_delay
from counter_app.sync.threads import ThreadReader
from counter_app.sync.upload import (
    BACKOFF_BASE_S,
    BACKOFF_CAP_S,
    REASON_RATE_LIMITED,
    OutboxUploader,
)

# Re-exported: callers import the cycle's report and backoff from the engine.
__all__ = ["SyncEngine", "SyncReport", "WaitingAction", "backoff_delay"]

log = logging.getLogger(__name__)

RESOURCE = SYNC_RESOURCE  # the one synced resource (kept under its old name here)
# store_meta key: the till that last synced for the shop ("synced 1 min ago by caisse-2").
SYNCED_BY_KEY = "synced_by"


def synced_by_key(account_key: str | None) -> str:
    """The till that last synced this account: one row per account (`main` keeps the old
    one), so accounts syncing side by side never write the same row."""
    if account_key in (None, "", LEGACY_KEY):
        return SYNCED_BY_KEY
    return f"{SYNCED_BY_KEY}:{account_key}"


# Re-read this much before the watermark: clocks and Mirakl's own indexing lag.
OVERLAP = timedelta(minutes=5)
MIN_DOWNLOAD_INTERVAL_S = 60.0


class SyncEngine(OutboxUploader):
    """Upload then download, against any `MarketplaceConnector` (uploading: see the base).

    One engine per marketplace account: give it that account's repository
    (`repo.for_marketplace(key)`), connector and settings (`settings.for_account`). Its
    outbox lane, watermark, imports, rate limit and 429 back-off are then that account's.
    """

    def __init__(
        self,
        repo: Repository,
        connector: MarketplaceConnector,
        settings: Settings,
        *,
        min_download_interval_s: float = MIN_DOWNLOAD_INTERVAL_S,
        backoff_base_s: float = BACKOFF_BASE_S,
        backoff_cap_s: float = BACKOFF_CAP_S,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        if repo.marketplace is None:
            # A shop-wide repository (one account, tests): the engine is still one
            # account's, the settings' (`main` for a single-marketplace shop).
            repo = repo.for_marketplace(settings.marketplace_key or LEGACY_KEY)
        super().__init__(
            repo, connector, settings, backoff_base_s=backoff_base_s, backoff_cap_s=backoff_cap_s
        )
        self.min_download_interval_s = min_download_interval_s
        self._pickup_types: set[str] | None = None
        self._last_download: float | None = None
        # Reminders due by this clock are queued at the start of each cycle; customer
        # threads and cancel/refund reasons are read after a download.
        self.reminders = ReminderScheduler(repo, settings, clock)
        self.threads = ThreadReader(repo, connector, clock)
        self.reasons = ReasonCache(repo, connector)

    # ---- the cycle ------------------------------------------------------------------------------
    def run_cycle(self, force_download: bool = False) -> SyncReport:
        """Upload the outbox, then download changes (at most once a minute unless forced).

        `force_download` is an explicit sync ("Sync now", `sync --once`): every waiting
        action is tried now, not at its backoff time (a 429's wait is still honoured).
        """
        report = SyncReport()
        started = utcnow()
        quiet = self._quiet_until - time.monotonic()
        if quiet > 0:
            # The marketplace asked to wait: nothing is sent before that, not even on demand.
            report.retry_after = quiet
            report.error = REASON_RATE_LIMITED.format(seconds=math.ceil(quiet))
            return self._finish(report, started)
        reachable = True
        try:
            self.reminders.run()
        except Exception:  # a template or a schedule must not stop the orders' sync
            log.exception("reminders not queued")
        try:
            reachable = self.upload(report, explicit=force_download)
        except AuthenticationError as exc:
            report.error = str(exc)
            reachable = False
        due = (
            force_download
            or self._last_download is None
            or time.monotonic() - self._last_download >= self.min_download_interval_s
        )
        if reachable and due:
            try:
                self.download(report)
            except RateLimited as exc:
                self._rate_limited(exc, report)
            except MarketplaceError as exc:
                report.error = redact(str(exc))
                log.warning("download failed: %s", report.error)
            except Exception as exc:  # a bug must not kill the background loop
                report.error = f"download failed: {type(exc).__name__}: {redact(str(exc))}"
                log.exception("download failed")
            if report.download_done:
                self._read_threads(force_download)
                self._refresh_reasons(force_download)
            if report.download_done and self.outbox.release_network_waits():
                # A good exchange: the link is back, so what waited on it goes now.
                self._upload_again(report)
        elif reachable and self._network_waits():
            # No download due, but actions wait on the network: one cheap look (V01).
            try:
                self.connector.health()
            except RateLimited as exc:
                self._rate_limited(exc, report)
            except MarketplaceError:
                pass
            else:
                if self.outbox.release_network_waits():
                    self._upload_again(report)
        return self._finish(report, started)

    def _read_threads(self, force: bool) -> None:
        try:
            self.threads.run(force=force)
        except Exception:  # the customers' threads must not stop the orders' sync
            log.exception("customer threads not read")

    def _refresh_reasons(self, force: bool) -> None:
        try:
            self.reasons.refresh(force=force)
        except Exception:  # kept from the last time: cancelling works offline on those
            log.warning("cancel and refund reasons not refreshed", exc_info=True)

    def _upload_again(self, report: SyncReport) -> None:
        try:
            self.upload(report)
        except AuthenticationError as exc:  # V01 needs no key: the key may still be wrong
            report.error = str(exc)

    def _finish(self, report: SyncReport, started: datetime) -> SyncReport:
        counts = self.outbox.counts()
        report.pending = counts["pending"] + counts["in_flight"]
        report.online = not report.error
        state = self.repo.get_sync_state(RESOURCE)
        state.last_attempt_at = started
        state.last_error = report.error
        if report.online and (report.download_done or report.uploaded):
            state.last_success_at = utcnow()
        self.repo.save_sync_state(state)
        return report

    def _network_waits(self) -> bool:
        return any(a.retry_kind == NETWORK for a in self.outbox.all([PENDING, IN_FLIGHT]))

    # ---- download -----------------------------------------------------------------------------
    def pickup_shipping_types(self) -> set[str]:
        """Codes of the shipping types kept: the setting, else SH12's click & collect ones."""
        if self.settings.pickup_shipping_types:
            return set(self.settings.pickup_shipping_types)
        if self._pickup_types is None:
            self._pickup_types = {
                t.code for t in self.connector.shipping_types() if t.click_and_collect
            }
        return self._pickup_types

    def download(self, report: SyncReport) -> None:
        state = self.repo.get_sync_state(RESOURCE)
        since = state.watermark - OVERLAP if state.watermark else None
        report.initial = state.watermark is None
        keep = self.pickup_shipping_types()
        waits = LocalWaits(
            collect=self.outbox.order_ids_waiting(("collect",)),
            # A cancel made here (a refund leaves the order SHIPPED there): the local
            # "cancelled" stands, like a refusal not sent yet.
            decision=self.outbox.order_ids_waiting(("accept", "refuse"))
            | cancelled_here(self.repo),
        )
        self._last_download = time.monotonic()
        newest = merge_pages(
            self.repo,
            self.connector.iter_changed_orders(since),
            report,
            keep=keep,
            waits=waits,
            ship_on_ready=self.settings.ship_on == "ready",
            newest=state.watermark,
        )
        # Only now, after a complete pass, may the watermark move.
        fresh = self.repo.get_sync_state(RESOURCE)
        fresh.watermark = newest
        self.repo.save_sync_state(fresh)
        report.download_done = True

    # ---- for the UI and the CLI ---------------------------------------------------------------
    def status_snapshot(self) -> SyncState:
        return self.repo.get_sync_state(RESOURCE)
