"""Cancellations in the store: the queued action with its local effect, the cached reasons
(RE01, for offline use), and the "back to the shelves" list of books to put back in stock."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.accounts import LEGACY_KEY
from counter_app.domain.cancellation import CancelPlan, ShelfItem
from counter_app.domain.stages import Stage
from counter_app.store.models import OrderRow, OutboxRow
from counter_app.store.order_scope import find_order_row
from counter_app.store.repository import OrderNotFoundError, Repository, order_from_row
from counter_app.store.types import utcnow

CANCEL_ACTION = "cancel"
_BACK_LINE_STATES = frozenset({"CANCELED", "REFUNDED"})
_REASONS_KEY = "reasons:{kind}"


def queue_cancel(
    repo: Repository, order_id: str, plan: CancelPlan, till: str, marketplace: str | None = None
) -> int:
    """The order cancelled here (stage, note, books to put back) and its outbox action.

    Some lines only (`plan.partial`): the order keeps its stage, those lines are marked
    cancelled or refunded here (the marketplace's next answer says the same) and their books
    go back to the shelves."""
    payload: dict[str, Any] = {
        "kind": plan.kind,
        "reason": plan.reason,
        "lines": [
            {"id": line.line_id, "quantity": line.quantity, "amount_cents": line.amount_cents}
            for line in plan.lines
        ],
    }
    if plan.partial:
        payload["partial"] = True
    stamp = utcnow().strftime("%Y-%m-%d %H:%M")
    chosen = {line.line_id for line in plan.lines}

    def effect(_s: Session, row: OrderRow) -> None:
        if row.stage not in (Stage.READY.value, Stage.TO_PREPARE.value):
            raise ValueError(f"order {order_id} cannot be cancelled now: it is {row.stage}")
        row.restock_pending = True
        what = "refunded" if plan.kind == "refund" else "cancelled"
        reason = f" (reason {plan.reason})" if plan.reason else ""
        if plan.partial:
            titles = []
            for line in row.lines:
                if line.line_id in chosen:
                    line.line_state = "REFUNDED" if plan.kind == "refund" else "CANCELED"
                    titles.append(f"{line.quantity} × {line.title}")
            what = f"{', '.join(titles)} {what}"
        row.notes = f"{row.notes}\n[{stamp} {till}] {what} here{reason}".strip()

    return repo.apply_local_action(
        order_id,
        CANCEL_ACTION,
        payload,
        till,
        effect=effect,
        new_stage=None if plan.partial else Stage.CANCELED,
        marketplace=marketplace,
    )


def cancelled_here(repo: Repository) -> set[str]:
    """Orders cancelled whole here (sent or not): a remote SHIPPED after a refund is expected.

    Not those with some lines cancelled only: they go on as the marketplace says."""
    query = select(OutboxRow.order_id, OutboxRow.payload).where(OutboxRow.action == CANCEL_ACTION)
    if repo.marketplace is not None:
        query = query.where(OutboxRow.marketplace == repo.marketplace)
    with repo.db.session() as s:
        return {order_id for order_id, payload in s.execute(query) if not _is_partial(payload)}


def _payload_lines(payload: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(payload or "{}")
    except ValueError:
        return []
    lines = data.get("lines") if isinstance(data, dict) else None
    return [line for line in lines or [] if isinstance(line, dict)]


def _is_partial(payload: str) -> bool:
    try:
        data = json.loads(payload or "{}")
    except ValueError:
        return False
    return isinstance(data, dict) and bool(data.get("partial"))


def _reasons_key(kind: str, marketplace: str | None) -> str:
    # Each operator has its own reasons; the first account keeps the key it always had.
    key = _REASONS_KEY.format(kind=kind)
    return key if marketplace in (None, LEGACY_KEY) else f"{key}@{marketplace}"


def save_reasons(repo: Repository, kind: str, reasons: list[tuple[str, str]]) -> None:
    """Keep RE01's answer (code, label) for offline use (per marketplace account)."""
    repo.set_meta(_reasons_key(kind, repo.marketplace), json.dumps(reasons, ensure_ascii=False))


def cached_reasons(
    repo: Repository, kind: str, marketplace: str | None = None
) -> list[tuple[str, str]]:
    raw = repo.get_meta(_reasons_key(kind, marketplace or repo.marketplace))
    if not raw:
        return []
    try:
        return [(str(code), str(label)) for code, label in json.loads(raw)]
    except (ValueError, TypeError):
        return []


def back_to_shelves(repo: Repository) -> list[ShelfItem]:
    """Books of cancelled orders (or lines) still to put back in stock, by shelf then title."""
    with repo.db.session() as s:
        rows = s.scalars(select(OrderRow).where(OrderRow.restock_pending.is_(True)))
        orders = [order_from_row(r) for r in rows]
    items = [
        ShelfItem(
            o.order_id,
            o.customer_name,
            o.shelf,
            line.title,
            line.ean or line.sku,
            line.quantity,
            o.marketplace,
        )
        for o in orders
        for line in o.lines
        # An order still going on: only its cancelled or refunded lines come back.
        if o.stage is Stage.CANCELED or line.line_state.upper() in _BACK_LINE_STATES
    ]
    items.sort(key=lambda i: (i.shelf, i.title, i.order_id, i.marketplace))
    return items


def mark_restocked(repo: Repository, order_id: str, marketplace: str | None = None) -> None:
    """The order's books are back in stock: it leaves the list."""
    with repo.db.session() as s:
        row = find_order_row(s, order_id, marketplace or repo.marketplace)
        if row is None:
            raise OrderNotFoundError(f"no order {order_id!r} in the local store")
        row.restock_pending = False


def plan_for(
    repo: Repository,
    order_id: str,
    reason: str = "",
    marketplace: str | None = None,
    *,
    line_ids: Sequence[str] = (),
) -> CancelPlan:
    """What cancelling this order (or these lines) would send: OR29 / OR30, or OR28 when OR24
    went (or is queued)."""
    from counter_app.domain.cancellation import is_shipped, plan_cancel
    from counter_app.store.outbox import IN_FLIGHT, PENDING, SENT, Outbox

    order = repo.require_order(order_id, marketplace)
    lane = Outbox(repo.db, order.marketplace)
    ship_queued = lane.has_action(order_id, "ship", (PENDING, IN_FLIGHT, SENT))
    # Lines whose cancel or refund still waits to go are closed already (a download in
    # between brings them back as the marketplace still has them).
    with repo.db.session() as s:
        waiting = s.scalars(
            select(OutboxRow.payload).where(
                OutboxRow.order_id == order_id,
                OutboxRow.marketplace == order.marketplace,
                OutboxRow.action == CANCEL_ACTION,
                OutboxRow.state.in_((PENDING, IN_FLIGHT)),
            )
        )
        closing = {str(line.get("id")) for text in waiting for line in _payload_lines(text)}
    if closing:
        order.lines = [
            replace(line, line_state="CANCELED") if line.line_id in closing else line
            for line in order.lines
        ]
    return plan_cancel(
        order,
        shipped=is_shipped(order.remote_state, ship_queued),
        reason=reason,
        line_ids=line_ids,
    )


def cancel_order(
    repo: Repository,
    order_id: str,
    reason: str,
    till: str,
    marketplace: str | None = None,
    *,
    line_ids: Sequence[str] = (),
) -> CancelPlan:
    """Plan and queue one cancellation of the order, or of `line_ids` in it (CancelRefused /
    OrderNotFoundError on the way)."""
    order = repo.require_order(order_id, marketplace)
    plan = plan_for(repo, order_id, reason, order.marketplace, line_ids=line_ids)
    if plan.kind in ("refund", "cancel_lines"):
        kind = "refund" if plan.kind == "refund" else "cancel"
        known = cached_reasons(repo, kind, order.marketplace)
        if known and plan.reason not in {code for code, _ in known}:
            from counter_app.domain.cancellation import CancelRefused

            codes = ", ".join(f"{code} ({label})" for code, label in known)
            raise CancelRefused(f"unknown {kind} reason {plan.reason!r}; use one of: {codes}")
    queue_cancel(repo, order_id, plan, till, order.marketplace)
    return plan
