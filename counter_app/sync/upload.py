"""The upload half of a sync cycle: the outbox's due actions sent to the marketplace.

Each outbox action is delivered effectively once: it is marked in flight before it leaves,
and an action whose answer was lost is checked against the order's remote state (`settle`)
before it is sent again.

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
from datetime import timedelta

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
from counter_app.store.cancellation import CANCEL_ACTION
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
from counter_app.store.repository import Repository
from counter_app.store.types import utcnow
from counter_app.sync.cancellation import send_cancel
from counter_app.sync.pickup_message import pickup_message
from counter_app.sync.reminders import send_reminder, withdraw, withdraw_reason
from counter_app.sync.report import SyncReport, WaitingAction, backoff_delay, waiting_actions
from counter_app.sync.settle import PushOutcome, settle
from counter_app.sync.threads import REPLY_ACTION, send_reply

log = logging.getLogger(__name__)

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

# The actions the marketplace is told about (a `note` is kept locally).
_SENT_ACTIONS = (
    "accept",
    "refuse",
    "ready",
    "collect",
    "ship",
    REMIND_ACTION,
    REPLY_ACTION,
    CANCEL_ACTION,
)


class OutboxUploader:
    """Sends one account's outbox: the upload half of `SyncEngine`, its base class.

    It holds what delivery needs (the account's repository, connector, settings and outbox
    lane, the backoff bounds) and the marketplace's 429 back-off (`_quiet_until`), which the
    engine's cycle honours before anything else. Subclasses may wrap `_send`, the one call
    that reaches the marketplace with an action (the guarded engine checks its role there).
    """

    def __init__(
        self,
        repo: Repository,
        connector: MarketplaceConnector,
        settings: Settings,
        *,
        backoff_base_s: float = BACKOFF_BASE_S,
        backoff_cap_s: float = BACKOFF_CAP_S,
    ) -> None:
        self.repo = repo
        self.connector = connector
        self.settings = settings
        # The account's own lane: a repository scoped to one account (`for_marketplace`)
        # sends only that account's actions; the shop-wide one (tests, one account) all.
        self.outbox = Outbox(repo.db, repo.marketplace)
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        # Monotonic time before which the marketplace asked not to be called (HTTP 429).
        self._quiet_until = 0.0

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

    def waiting(self) -> list[WaitingAction]:
        """Every action not delivered, with why it waits and when it is tried next."""
        return waiting_actions(self.outbox.all([PENDING, IN_FLIGHT, FAILED]), utcnow())

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
        if action.action not in _SENT_ACTIONS:
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

    def _rate_limited(self, exc: RateLimited, report: SyncReport) -> float:
        """A 429 (on an upload or the cycle's download): nothing goes before its wait."""
        wait = exc.retry_after if exc.retry_after is not None else self.backoff_base_s
        self._quiet_until = time.monotonic() + wait
        report.retry_after = wait
        report.error = REASON_RATE_LIMITED.format(seconds=math.ceil(wait))
        log.warning("marketplace rate limit: next try in %.0f s", wait)
        return wait
