"""Cancellations on the marketplace: OR29, OR30 (some lines) or OR28 from the outbox, settled
when in doubt, and the reasons (RE01) refreshed for offline use.

A refund (or a cancel of lines) is never sent twice: one whose answer was lost is looked up
in the order's lines (OR11 `refunds[]`, `cancelations[]`): done when every line carries it,
sent again when none does, parked for the owner when only some do (a second OR28 would
refund those twice).
"""

from __future__ import annotations

import json
import logging
import time

from counter_app.domain.orders import Order
from counter_app.marketplace.connector import MarketplaceConnector
from counter_app.marketplace.messages_types import LineCancel, LineRefund, ReasonKind
from counter_app.store.cancellation import save_reasons
from counter_app.store.outbox import OutboxAction
from counter_app.store.repository import Repository

log = logging.getLogger(__name__)

REASONS_EVERY_S = 24 * 3600.0
REFUND_IN_DOUBT = (
    "the refund's answer was lost and the marketplace does not show it: check the order in "
    "the marketplace's back-office before sending it again"
)


def send_cancel(connector: MarketplaceConnector, action: OutboxAction) -> None:
    payload = action.payload
    if payload.get("kind") == "cancel_lines":
        reason = str(payload.get("reason") or "")
        connector.cancel_lines(
            action.order_id,
            [
                LineCancel(str(line["id"]), int(line["quantity"]), reason)
                for line in payload.get("lines", [])
            ],
        )
    elif payload.get("kind") == "refund":
        reason = str(payload.get("reason") or "")
        connector.refund_lines(
            action.order_id,
            [
                LineRefund(
                    str(line["id"]), int(line["quantity"]), int(line["amount_cents"]), reason
                )
                for line in payload.get("lines", [])
            ],
        )
    else:
        connector.cancel_order(action.order_id)


def _refunded_lines(remote: Order, reason: str, key: str = "refunds") -> set[str]:
    """Lines of the remote order (OR11 `order_lines[].refunds[]`, or `cancelations[]`)
    refunded (cancelled) for `reason`."""
    try:
        data = json.loads(remote.raw_json or "{}")
    except ValueError:
        return set()
    out = set()
    for line in data.get("order_lines") or []:
        if not isinstance(line, dict):
            continue
        for refund in line.get(key) or []:
            if isinstance(refund, dict) and str(refund.get("reason_code") or "") == reason:
                out.add(str(line.get("order_line_id") or ""))
    return out


def settle_cancel(remote: Order, action: OutboxAction) -> tuple[str, str]:
    """("done" | "resend" | "park", why) for a cancel whose delivery is in doubt."""
    state = remote.remote_state.upper()
    kind = action.payload.get("kind")
    if kind in ("refund", "cancel_lines"):
        wanted = {str(line["id"]) for line in action.payload.get("lines", [])}
        key = "refunds" if kind == "refund" else "cancelations"
        refunded = _refunded_lines(remote, str(action.payload.get("reason") or ""), key)
        if wanted and wanted <= refunded:
            return "done", ""
        if not refunded & wanted:
            return "resend", ""  # none of its lines carries that refund: nothing went through
        return "park", REFUND_IN_DOUBT if kind == "refund" else LINES_IN_DOUBT
    if state == "CANCELED":
        return "done", ""
    if state == "SHIPPING":
        return "resend", ""
    return "park", f"the marketplace has the order in state {state}: refund it instead"


LINES_IN_DOUBT = (
    "the answer to cancelling these lines was lost and the marketplace shows only some of "
    "them cancelled: check the order in the marketplace's back-office"
)


class ReasonCache:
    """Refreshes the cancel and refund reasons at most once a day (and at the first sync)."""

    def __init__(self, repo: Repository, connector: MarketplaceConnector) -> None:
        self.repo = repo
        self.connector = connector
        self._last: float | None = None

    def refresh(self, force: bool = False) -> bool:
        if not force and self._last is not None and time.monotonic() - self._last < REASONS_EVERY_S:
            return False
        self._last = time.monotonic()
        for kind in (ReasonKind.CANCEL, ReasonKind.REFUND):
            reasons = [
                (r.code, r.label) for r in self.connector.list_reasons(kind) if r.shop_may_use
            ]
            save_reasons(self.repo, kind.value, reasons)
        return True
