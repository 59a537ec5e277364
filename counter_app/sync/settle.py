"""Whether an outbox action whose delivery is in doubt still has to go: the remote state decides.

An action sent before without a known outcome (a timeout, a crash), or refused by the
marketplace, is checked against the order's current remote state: already applied (done),
still possible (resend), not possible yet (wait) or never possible as it is (park).
"""

from __future__ import annotations

from enum import Enum

from counter_app.marketplace.connector import MarketplaceConnector
from counter_app.settings import Settings
from counter_app.store.cancellation import CANCEL_ACTION
from counter_app.store.outbox import OutboxAction
from counter_app.store.reminders import REMIND_ACTION
from counter_app.store.repository import Repository
from counter_app.sync.cancellation import settle_cancel
from counter_app.sync.pickup_message import pickup_message
from counter_app.sync.reminders import reminder_landed
from counter_app.sync.threads import REPLY_ACTION, reply_landed

# Why an action was parked or is waiting: shown to the owner, so kept here in one place.
REASON_UNKNOWN_ORDER = "order {order_id} is unknown to the marketplace"
REASON_REMOTE_STATE = "the marketplace has the order in state {state}"
REASON_WAITING = "waiting for the marketplace (order in state {state})"

_SHIPPED_STATES = {"SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED"}
_GONE_STATES = {"CANCELED", "REFUSED"}
_BEFORE_SHIPPING = {"STAGING", "WAITING_ACCEPTANCE", "WAITING_DEBIT", "WAITING_DEBIT_PAYMENT"}


class PushOutcome(Enum):
    """What the remote state says about an action whose delivery is in doubt."""

    DONE = "done"  # already applied: mark sent, never send again
    RESEND = "resend"  # not applied and still possible: send
    WAIT = "wait"  # not possible yet (payment not cleared): try later
    PARK = "park"  # never possible as it is: park with the reason


def outcome_for_state(action: str, state: str) -> tuple[PushOutcome, str] | None:
    """The outcome of `action` for an order in remote `state`, with the reason to keep.

    None for `ready`, which the marketplace's messages decide (see `settle`).
    """
    gone = REASON_REMOTE_STATE.format(state=state)
    if action == "accept":
        if state == "WAITING_ACCEPTANCE":
            return PushOutcome.RESEND, ""
        if state in _GONE_STATES:
            return PushOutcome.PARK, gone
        return PushOutcome.DONE, ""
    if action == "refuse":
        if state == "WAITING_ACCEPTANCE":
            return PushOutcome.RESEND, ""
        if state in _GONE_STATES:
            return PushOutcome.DONE, ""
        return PushOutcome.PARK, gone
    if action in ("collect", "ship"):
        # TO_COLLECT too: the operator's answer to an OR24 that went through.
        if state in _SHIPPED_STATES:
            return PushOutcome.DONE, ""
        if state == "SHIPPING":
            return PushOutcome.RESEND, ""
        if state in _BEFORE_SHIPPING:
            return PushOutcome.WAIT, REASON_WAITING.format(state=state)
        return PushOutcome.PARK, gone
    # ready
    if state in _GONE_STATES:
        return PushOutcome.PARK, gone
    return None


def settle(
    action: OutboxAction,
    connector: MarketplaceConnector,
    repo: Repository,
    settings: Settings,
) -> tuple[PushOutcome, str]:
    """Decide from the marketplace's current view whether the action still has to go."""
    remote = connector.get_order(action.order_id)
    if remote is None:
        return PushOutcome.PARK, REASON_UNKNOWN_ORDER.format(order_id=action.order_id)
    if action.action == REMIND_ACTION:
        found = reminder_landed(connector, repo, action)
        return (PushOutcome.DONE if found else PushOutcome.RESEND), ""
    if action.action == REPLY_ACTION:
        return (PushOutcome.DONE if reply_landed(connector, action) else PushOutcome.RESEND), ""
    if action.action == CANCEL_ACTION:
        outcome, why = settle_cancel(remote, action)
        done = {"done": PushOutcome.DONE, "resend": PushOutcome.RESEND}
        return done.get(outcome, PushOutcome.PARK), why
    decided = outcome_for_state(action.action, remote.remote_state)
    if decided is not None:
        return decided
    # ready: published when the pickup message (or the code's field) is already there.
    code = str(action.payload.get("pickup_code") or "")
    order = repo.get_order(action.order_id)
    topic = pickup_message(order, code).topic if order is not None and code else ""
    thread_id = connector.ready_published(action.order_id, code, settings.pickup_code_field, topic)
    if thread_id is not None:
        repo.set_thread_id(action.order_id, thread_id)
        return PushOutcome.DONE, ""
    return PushOutcome.RESEND, ""
