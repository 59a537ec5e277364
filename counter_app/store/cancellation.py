"""Cancellations in the store: the queued action with its local effect, the cached reasons
(RE01, for offline use), and the "back to the shelves" list of books to put back in stock."""

from __future__ import annotations

import json
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
_REASONS_KEY = "reasons:{kind}"


def queue_cancel(
    repo: Repository, order_id: str, plan: CancelPlan, till: str, marketplace: str | None = None
) -> int:
    """The order cancelled here (stage, note, books to put back) and its outbox action."""
    payload: dict[str, Any] = {
        "kind": plan.kind,
        "reason": plan.reason,
        "lines": [
            {"id": line.line_id, "quantity": line.quantity, "amount_cents": line.amount_cents}
            for line in plan.lines
        ],
    }
    stamp = utcnow().strftime("%Y-%m-%d %H:%M")

    def effect(_s: Session, row: OrderRow) -> None:
        if row.stage not in (Stage.READY.value, Stage.TO_PREPARE.value):
            raise ValueError(f"order {order_id} cannot be cancelled now: it is {row.stage}")
        row.restock_pending = True
        what = "refunded" if plan.kind == "refund" else "cancelled"
        reason = f" (reason {plan.reason})" if plan.reason else ""
        row.notes = f"{row.notes}\n[{stamp} {till}] {what} here{reason}".strip()

    return repo.apply_local_action(
        order_id,
        CANCEL_ACTION,
        payload,
        till,
        effect=effect,
        new_stage=Stage.CANCELED,
        marketplace=marketplace,
    )


def cancelled_here(repo: Repository) -> set[str]:
    """Orders with a cancel action (sent or not): a remote SHIPPED after a refund is expected."""
    query = select(OutboxRow.order_id).where(OutboxRow.action == CANCEL_ACTION)
    if repo.marketplace is not None:
        query = query.where(OutboxRow.marketplace == repo.marketplace)
    with repo.db.session() as s:
        return set(s.scalars(query))


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
    """Books of cancelled orders still to put back in stock, by shelf then title."""
    with repo.db.session() as s:
        rows = s.scalars(select(OrderRow).where(OrderRow.restock_pending.is_(True)))
        orders = [order_from_row(r) for r in rows]
    items = [
        ShelfItem(
            o.order_id, o.customer_name, o.shelf, line.title, line.ean or line.sku, line.quantity
        )
        for o in orders
        for line in o.lines
    ]
    items.sort(key=lambda i: (i.shelf, i.title, i.order_id))
    return items


def mark_restocked(repo: Repository, order_id: str, marketplace: str | None = None) -> None:
    """The order's books are back in stock: it leaves the list."""
    with repo.db.session() as s:
        row = find_order_row(s, order_id, marketplace or repo.marketplace)
        if row is None:
            raise OrderNotFoundError(f"no order {order_id!r} in the local store")
        row.restock_pending = False


def plan_for(
    repo: Repository, order_id: str, reason: str = "", marketplace: str | None = None
) -> CancelPlan:
    """What cancelling this order would send: OR29, or OR28 when OR24 went (or is queued)."""
    from counter_app.domain.cancellation import is_shipped, plan_cancel
    from counter_app.store.outbox import IN_FLIGHT, PENDING, SENT, Outbox

    order = repo.require_order(order_id, marketplace)
    lane = Outbox(repo.db, order.marketplace)
    ship_queued = lane.has_action(order_id, "ship", (PENDING, IN_FLIGHT, SENT))
    return plan_cancel(order, shipped=is_shipped(order.remote_state, ship_queued), reason=reason)


def cancel_order(
    repo: Repository, order_id: str, reason: str, till: str, marketplace: str | None = None
) -> CancelPlan:
    """Plan and queue one cancellation (CancelRefused / OrderNotFoundError on the way)."""
    order = repo.require_order(order_id, marketplace)
    plan = plan_for(repo, order_id, reason, order.marketplace)
    if plan.kind == "refund":
        known = cached_reasons(repo, "refund", order.marketplace)
        if known and plan.reason not in {code for code, _ in known}:
            from counter_app.domain.cancellation import CancelRefused

            codes = ", ".join(f"{code} ({label})" for code, label in known)
            raise CancelRefused(f"unknown refund reason {plan.reason!r}; use one of: {codes}")
    queue_cancel(repo, order_id, plan, till, order.marketplace)
    return plan
