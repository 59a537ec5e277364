"""One sync cycle: upload the outbox, then download the orders changed since the watermark.

The watermark is on the marketplace's clock (the newest `last_updated_date` seen) and only
moves after a complete download pass, so a crash mid-download re-reads instead of skipping.
Each outbox action is delivered effectively once: it is marked in flight before it leaves,
and an action whose answer was lost is checked against the order's remote state before it is
sent again.

An action that failed waits with exponential backoff and jitter (seconds, then minutes). Once
an exchange with the marketplace succeeds, the actions that failed on the network are due at
once, and an explicit sync sends every waiting action; a 429's `Retry-After` is kept as given
(nothing is sent before it, not even on an explicit sync). With `ship_on = "ready"` OR24 is
the `ship` action queued with `ready`, and the later `collect` is kept locally.
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
    MarketplaceUnavailable,
    OutcomeUnknown,
    RateLimited,
    RequestRejected,
)
from counter_app.settings import Settings
from counter_app.store.cancellation import CANCEL_ACTION, cancelled_here
from counter_app.store.outbox import (
    FAILED,
    IN_FLIGHT,
    NETWORK,
    PENDING,
    RATE_LIMITED,
    SENT,
    Outbox,
    OutboxAction,
)
from counter_app.store.reminders import REMIND_ACTION
from counter_app.store.repository import Repository, SyncState
from counter_app.store.sync_state import SYNC_RESOURCE
from counter_app.store.types import utcnow
from counter_app.sync.cancellation import ReasonCache, send_cancel
from counter_app.sync.download import LocalWaits, merge_pages
from counter_app.sync.pickup_message import pickup_message
from counter_app.sync.reminders import ReminderScheduler, send_reminder, withdraw, withdraw_reason
from counter_app.sync.report import SyncReport, WaitingAction, backoff_delay, waiting_actions
from counter_app.sync.settle import PushOutcome, settle
from counter_app.sync.threads import REPLY_ACTION, ThreadReader, send_reply

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
# Backoff of an action that failed: seconds at first, minutes after a few failures.
BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 600.0
# Why an action waits, besides the network and the marketplace's rate limit.
SERVER = "server"  # the marketplace answered with an error (5xx, garbled)
REMOTE = "remote"  # the order's remote state does not allow it yet
# Why an action was parked or is waiting: shown to the owner (see also `sync.settle`).
REASON_UNKNOWN_ACTION = "unknown action {action!r}"
REASON_MISSING_LOCALLY = "the order or its pickup code is missing locally"
REASON_RATE_LIMITED = "the marketplace asked to wait {seconds} s before the next request"
NOTE_COLLECTED_LOCALLY = "kept locally: OR24 went out when the order was marked ready"


class SyncEngine:
    """Upload then download, against any `MarketplaceConnector`.

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
        self.repo = repo
        self.connector = connector
        self.settings = settings
        # The account's own lane: a repository scoped to one account (`for_marketplace`)
        # sends only that account's actions; the shop-wide one (tests, one account) all.
        self.outbox = Outbox(repo.db, repo.marketplace)
        self.min_download_interval_s = min_download_interval_s
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self._pickup_types: set[str] | None = None
        self._last_download: float | None = None
        # Monotonic time before which the marketplace asked not to be called (HTTP 429).
        self._quiet_until = 0.0
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

    def _rate_limited(self, exc: RateLimited, report: SyncReport) -> float:
        wait = exc.retry_after if exc.retry_after is not None else self.backoff_base_s
        self._quiet_until = time.monotonic() + wait
        report.retry_after = wait
        report.error = REASON_RATE_LIMITED.format(seconds=math.ceil(wait))
        log.warning("marketplace rate limit: next try in %.0f s", wait)
        return wait

    # ---- upload -------------------------------------------------------------------------------
    def upload(self, report: SyncReport, explicit: bool = False) -> bool:
        """Send due actions in order; False when the marketplace could not be reached.

        `explicit` ("Sync now", `sync --once`): every waiting action is due now, but those a
        429 holds back. After any delivery the marketplace is known to answer, so the others
        waiting on the network go too.
        """
        if explicit:
            self.outbox.release_all_but_rate_limited()
        held: set[str] = set()  # orders with an action that did not go: keep their order
        tried: set[int] = set()
        while True:
            batch = [a for a in self.outbox.due() if a.id not in tried]
            if not batch:
                return True
            released = False
            for action in batch:
                if action.order_id in held:
                    continue
                tried.add(action.id)
                try:
                    self._deliver(action, report)
                    if self._state_of(action.id) in (PENDING, IN_FLIGHT):
                        held.add(action.order_id)
                    elif self.outbox.release_network_waits():
                        released = True
                except RateLimited as exc:
                    wait = self._rate_limited(exc, report)
                    self._retry_later(action, report.error, RATE_LIMITED, wait)
                    return False
                except OutcomeUnknown as exc:
                    # The answer was lost: check the remote state on the next attempt.
                    self.outbox.reschedule(
                        action.id, utcnow(), redact(str(exc)), outcome_unknown=True
                    )
                    report.error = redact(str(exc))
                    held.add(action.order_id)
                    return True
                except MarketplaceUnavailable as exc:
                    kind = NETWORK if getattr(exc, "network", True) else SERVER
                    self._retry_later(action, redact(str(exc)), kind)
                    report.error = redact(str(exc))
                    return False
                except AuthenticationError:
                    self._retry_later(action, "API key refused", SERVER)
                    raise
                except RequestRejected as exc:
                    self.outbox.park(action.id, redact(str(exc)))
                    report.failed += 1
                except MarketplaceError as exc:
                    # A garbled answer: try again later, checking first if it was in flight.
                    self._retry_later(action, redact(str(exc)), SERVER)
                    report.error = redact(str(exc))
                    held.add(action.order_id)
            if not released and not any(
                a.id not in tried and a.order_id not in held for a in self.outbox.due()
            ):
                return True

    def _state_of(self, action_id: int) -> str:
        current = self.outbox.get(action_id)
        return current.state if current else ""

    def _deliver(self, action: OutboxAction, report: SyncReport) -> None:
        if action.action == "note":
            self.outbox.mark_sent(action.id, "kept locally")
            return
        if action.action == REMIND_ACTION:
            why = withdraw_reason(self.repo, self.settings, action)
            if why:
                withdraw(self.repo, action, why)
                self.outbox.mark_sent(action.id, why)
                return
        if action.action not in (
            "accept",
            "refuse",
            "ready",
            "collect",
            "ship",
            REMIND_ACTION,
            REPLY_ACTION,
            CANCEL_ACTION,
        ):
            self.outbox.park(action.id, REASON_UNKNOWN_ACTION.format(action=action.action))
            report.failed += 1
            return
        if action.action == "collect" and self.outbox.has_action(action.order_id, "ship", (SENT,)):
            # ship_on = ready: OR24 went out when the order was marked ready; the
            # hand-over is the shop's own fact, never a second OR24.
            self.outbox.mark_sent(action.id, NOTE_COLLECTED_LOCALLY)
            report.uploaded += 1
            return
        if action.state == IN_FLIGHT:
            # Sent before but the outcome is unknown (timeout, crash): look before resending.
            outcome, why = self._settle(action)
            if self._apply_outcome(action, outcome, why, report):
                return
        if not self.outbox.claim(action):
            log.info("%s for order %s was taken by another till", action.action, action.order_id)
            return
        try:
            self._send(action)
        except RequestRejected as exc:
            outcome, why = self._settle(action)
            if outcome is PushOutcome.RESEND:
                outcome, why = PushOutcome.PARK, ""
            self._apply_outcome(action, outcome, why or redact(str(exc)), report)
            return
        except OutcomeUnknown:
            raise
        except MarketplaceUnavailable:
            # Nothing reached the marketplace: back to pending, no check needed later.
            self.outbox.reschedule(action.id, utcnow(), "unreachable")
            raise
        self.outbox.mark_sent(action.id)
        report.uploaded += 1
        log.info("uploaded %s for order %s", action.action, action.order_id)

    def _apply_outcome(
        self, action: OutboxAction, outcome: PushOutcome, why: str, report: SyncReport
    ) -> bool:
        """Record the outcome; True when nothing more is to be done this cycle."""
        if outcome is PushOutcome.DONE:
            self.outbox.mark_sent(action.id, "already applied on the marketplace")
            report.uploaded += 1
            return True
        if outcome is PushOutcome.WAIT:
            self._retry_later(action, why, REMOTE)
            return True
        if outcome is PushOutcome.PARK:
            self.outbox.park(action.id, why)
            report.failed += 1
            log.warning("parked %s for order %s: %s", action.action, action.order_id, why)
            return True
        return False

    def _send(self, action: OutboxAction) -> None:
        payload = action.payload
        if action.action in ("accept", "refuse"):
            decisions = [
                (str(line["id"]), bool(line["accepted"])) for line in payload.get("order_lines", [])
            ]
            self.connector.accept_lines(action.order_id, decisions)
        elif action.action in ("collect", "ship"):
            self.connector.confirm_collection(action.order_id)
        elif action.action == REMIND_ACTION:
            send_reminder(self.connector, self.repo, action)
        elif action.action == REPLY_ACTION:
            send_reply(self.connector, action)
        elif action.action == CANCEL_ACTION:
            send_cancel(self.connector, action)
        elif action.action == "ready":
            code = str(payload.get("pickup_code") or "")
            order = self.repo.get_order(action.order_id)
            if order is None or not code:
                raise RequestRejected(REASON_MISSING_LOCALLY)
            message = pickup_message(
                order,
                code,
                shop_name=self.settings.shop_name,
                opening_hours=self.settings.opening_hours,
            )
            thread_id = self.connector.publish_ready(
                action.order_id, code, message, self.settings.pickup_code_field
            )
            self.repo.set_thread_id(action.order_id, thread_id)

    def _settle(self, action: OutboxAction) -> tuple[PushOutcome, str]:
        return settle(action, self.connector, self.repo, self.settings)

    def _retry_later(
        self, action: OutboxAction, reason: str, kind: str, wait: float | None = None
    ) -> None:
        """Try again after a backoff (or `wait`); one already sent may have gone through."""
        current = self.outbox.get(action.id) or action
        if wait is None:
            wait = backoff_delay(max(1, current.attempts), self.backoff_base_s, self.backoff_cap_s)
        self.outbox.reschedule(
            action.id,
            utcnow() + timedelta(seconds=wait),
            reason,
            outcome_unknown=current.state == IN_FLIGHT,
            kind=kind,
        )

    def waiting(self) -> list[WaitingAction]:
        """Every action not delivered, with why it waits and when it is tried next."""
        return waiting_actions(self.outbox.all([PENDING, IN_FLIGHT, FAILED]), utcnow())

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
