"""Local actions on an order: its effect, its stage history and its outbox row, together.

Each action is one short write transaction: the order's row locked, the local effect applied,
a stage change recorded and the marketplace call queued (`store/outbox.py`) in its order's
marketplace lane, or nothing at all. `marketplace` (an account key) says whose order id it
is; without it an id on several marketplaces is refused (`store/order_scope.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.domain import pickup_code
from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.store.database import Database
from counter_app.store.models import OrderRow, StageChangeRow
from counter_app.store.order_scope import find_order_row, require_order_row
from counter_app.store.outbox import queue_action
from counter_app.store.rows import order_from_row
from counter_app.store.types import utcnow

Effect = Callable[[Session, OrderRow], None]


def load_order(db: Database, order_id: str, marketplace: str | None = None) -> Order | None:
    """The stored order with this marketplace id, or None."""
    with db.session() as s:
        row = find_order_row(s, order_id, marketplace)
        return order_from_row(row) if row else None


def require_order(db: Database, order_id: str, marketplace: str | None = None) -> Order:
    with db.session() as s:
        return order_from_row(require_order_row(s, order_id, marketplace))


def apply_local_action(
    db: Database,
    order_id: str,
    action: str,
    payload: dict[str, Any],
    till: str,
    effect: Effect | None = None,
    new_stage: Stage | None = None,
    follow_up: Sequence[str] = (),
    marketplace: str | None = None,
) -> int:
    """The local effect, the stage history and the outbox row, in one transaction.

    Returns the outbox row id. The action's original time is kept on the outbox row.
    `follow_up` actions (no payload) are queued right after it, in the same transaction.
    """
    now = utcnow()
    with db.write_session() as s:
        # The order's row is locked until commit (PostgreSQL, READ COMMITTED): another
        # till's action on it waits, then reads what this one wrote.
        row = require_order_row(s, order_id, marketplace, for_update=True)
        if effect is not None:
            effect(s, row)
        if new_stage is not None and new_stage.value != row.stage:
            s.add(
                StageChangeRow(
                    order_pk=row.id,
                    from_stage=row.stage,
                    to_stage=new_stage.value,
                    source="local",
                    till=till,
                    at=now,
                )
            )
            row.stage = new_stage.value
        lane = row.marketplace
        queued = queue_action(s, row.id, order_id, action, payload, till, now, lane)
        for name in follow_up:
            queue_action(s, row.id, order_id, name, {}, till, now, lane)
        return queued.id


def accept_order(
    db: Database,
    order_id: str,
    refused_line_ids: Iterable[str] = (),
    till: str = "",
    marketplace: str | None = None,
) -> int:
    """Queue the shop's decision on each line (OR21); all refused = the order is refused."""
    order = require_order(db, order_id, marketplace)
    refused = set(refused_line_ids)
    unknown = refused - {line.line_id for line in order.lines}
    if unknown:
        raise ValueError(f"order {order_id} has no line {', '.join(sorted(unknown))}")
    lines = [{"id": line.line_id, "accepted": line.line_id not in refused} for line in order.lines]
    all_refused = bool(lines) and not any(line["accepted"] for line in lines)
    new_stage = Stage.CANCELED if all_refused else Stage.AWAITING_PAYMENT
    action = "refuse" if all_refused else "accept"
    return apply_local_action(
        db,
        order_id,
        action,
        {"order_lines": lines},
        till,
        new_stage=new_stage,
        marketplace=order.marketplace,
    )


def add_note(
    db: Database, order_id: str, text: str, till: str = "", marketplace: str | None = None
) -> None:
    """A local note on the order (kept here; not sent to the marketplace)."""
    stamp = utcnow().strftime("%Y-%m-%d %H:%M")
    with db.session() as s:
        row = require_order_row(s, order_id, marketplace)
        entry = f"[{stamp}{' ' + till if till else ''}] {text.strip()}"
        row.notes = f"{row.notes}\n{entry}".strip()


def flag_problem(db: Database, order_id: str, text: str, marketplace: str | None = None) -> None:
    """Set (or with "" clear) the order's problem, shown to the owner."""
    with db.session() as s:
        row = require_order_row(s, order_id, marketplace)
        row.problem = text
        row.problem_at = utcnow()


def set_thread_id(
    db: Database, order_id: str, thread_id: str, marketplace: str | None = None
) -> None:
    """Keep the customer thread OR43 opened (later replies go to it)."""
    if not thread_id:
        return
    with db.session() as s:
        row = find_order_row(s, order_id, marketplace)
        if row is not None:
            row.thread_id = thread_id


class _CodeTakenError(Exception):
    """The drawn pickup code belongs to another order already: draw again."""


class _AlreadyReadyError(Exception):
    """Another till marked the order ready first; its code stands."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _set_shelf(
    db: Database, order_id: str, shelf: str, bag_count: int, marketplace: str | None
) -> None:
    with db.write_session() as s:
        row = find_order_row(s, order_id, marketplace)
        if row is not None:
            row.shelf = shelf
            row.bag_count = bag_count


def mark_ready(
    db: Database,
    order_id: str,
    shelf: str,
    till: str,
    bag_count: int = 1,
    *,
    ship: bool = False,
    marketplace: str | None = None,
) -> str:
    """Mark a prepared order ready: a new pickup code, stage READY, outbox `ready`.

    `ship` (the `ship_on = "ready"` setting) also queues `ship` (OR24) right after it, in
    the same transaction; the collection is then kept here.

    Returns the canonical pickup code. Marking an order that is already ready again keeps
    its code (the customer already has it) and only updates shelf and bag count locally.
    Any other stage than "to prepare" or "ready" is refused with a ValueError.
    """
    if bag_count < 1:
        raise ValueError("an order has at least one bag")
    order = require_order(db, order_id, marketplace)
    marketplace = order.marketplace
    if order.stage is Stage.READY and order.pickup_code:
        with db.session() as s:
            row = find_order_row(s, order_id, marketplace)
            if row is not None:
                row.shelf = shelf
                row.bag_count = bag_count
        return order.pickup_code
    if order.stage not in (Stage.TO_PREPARE, Stage.READY):
        stage = order.stage.value.replace("_", " ")
        raise ValueError(f"order {order_id} cannot be marked ready: it is {stage}")

    for _attempt in range(8):
        # Looked up on the module at each draw (a test may replace the draw).
        code = pickup_code.new_pickup_code()

        def effect(s: Session, row: OrderRow, code: str = code) -> None:
            # Re-read under the write lock: another till may have just marked it ready.
            if row.stage == Stage.READY.value and row.pickup_code:
                raise _AlreadyReadyError(row.pickup_code)
            if row.stage not in (Stage.TO_PREPARE.value, Stage.READY.value):
                raise ValueError(f"order {order_id} cannot be marked ready: it is {row.stage}")
            if s.scalar(select(OrderRow.id).where(OrderRow.pickup_code == code)) is not None:
                raise _CodeTakenError
            # A conditional UPDATE, as for a collection: only an order without a code
            # gets one, so one order never has two codes (nor its customer two messages).
            claimed = s.execute(
                update(OrderRow)
                .where(
                    OrderRow.id == row.id,
                    OrderRow.stage.in_((Stage.TO_PREPARE.value, Stage.READY.value)),
                    or_(OrderRow.pickup_code.is_(None), OrderRow.pickup_code == ""),
                )
                .values(pickup_code=code, shelf=shelf, bag_count=bag_count, ready_at=utcnow())
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                s.refresh(row)
                raise _AlreadyReadyError(row.pickup_code or "")
            row.pickup_code = code
            row.shelf = shelf
            row.bag_count = bag_count

        try:
            apply_local_action(
                db,
                order_id,
                "ready",
                {"pickup_code": code, "shelf": shelf},
                till,
                effect=effect,
                new_stage=Stage.READY,
                follow_up=("ship",) if ship else (),
                marketplace=marketplace,
            )
        except _CodeTakenError:
            continue  # 1 in 19^11 per order: try another code
        except IntegrityError as exc:
            # Another till gave the same new code to another order at the same instant:
            # the unique index refused the second one; draw again.
            if "pickup_code" not in str(exc.orig):
                raise
            continue
        except _AlreadyReadyError as already:
            if not already.code:
                raise ValueError(f"order {order_id} cannot be marked ready now") from None
            _set_shelf(db, order_id, shelf, bag_count, marketplace)
            return already.code
        return code
    raise RuntimeError("could not draw an unused pickup code")
