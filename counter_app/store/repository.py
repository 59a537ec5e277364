"""The repository facade: every read and write of orders goes through here, in short sessions.

Callers get plain domain objects (`counter_app.domain.orders.Order`), never live ORM rows, so
nothing outside `store/` touches SQL or holds a session open.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.domain.orders import Order, OrderLine
from counter_app.domain.stages import Stage
from counter_app.domain.text import fold
from counter_app.store.database import Database
from counter_app.store.models import (
    OrderLineRow,
    OrderRow,
    OutboxRow,
    ScanEventRow,
    StageChangeRow,
    StoreMetaRow,
    SyncStateRow,
)
from counter_app.store.order_list import Key, OrderList
from counter_app.store.types import utcnow


class OrderNotFoundError(LookupError):
    """No order with that marketplace id in the local store."""


@dataclass
class UpsertResult:
    """Counts from one batch of orders written to the store."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class StageChange:
    """One step in an order's stage history."""

    from_stage: str
    to_stage: str
    source: str
    till: str
    at: datetime


@dataclass
class SyncState:
    """Bookkeeping for one synced resource."""

    resource: str
    watermark: datetime | None
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str


# Columns the marketplace owns; everything else on an order is the shop's and survives a sync.
_REMOTE_FIELDS = (
    "commercial_id",
    "remote_state",
    "customer_name",
    "customer_email",
    "created_at",
    "updated_at",
    "deadline_at",
    "total_price_cents",
    "currency",
    "shipping_type_code",
    "shipping_type_label",
    "raw_json",
)


def order_from_row(row: OrderRow) -> Order:
    return Order(
        order_id=row.order_id,
        commercial_id=row.commercial_id,
        remote_state=row.remote_state,
        stage=Stage(row.stage) if row.stage in Stage._value2member_map_ else Stage.UNKNOWN,
        customer_name=row.customer_name,
        customer_email=row.customer_email,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deadline_at=row.deadline_at,
        total_price_cents=row.total_price_cents,
        currency=row.currency,
        shipping_type_code=row.shipping_type_code,
        shipping_type_label=row.shipping_type_label,
        lines=[
            OrderLine(
                line_id=line.line_id,
                title=line.title,
                quantity=line.quantity,
                sku=line.sku,
                ean=line.ean,
                unit_price_cents=line.unit_price_cents,
                total_price_cents=line.total_price_cents,
                line_state=line.line_state,
            )
            for line in row.lines
        ],
        raw_json=row.raw_json,
        shelf=row.shelf,
        pickup_code=row.pickup_code,
        notes=row.notes,
        ready_at=row.ready_at,
        collected_at=row.collected_at,
        collected_till=row.collected_till,
        bag_count=row.bag_count,
        problem=row.problem,
        thread_id=row.thread_id or "",
    )


def _line_rows(order: Order) -> list[OrderLineRow]:
    return [
        OrderLineRow(
            position=i,
            line_id=line.line_id,
            title=line.title,
            sku=line.sku,
            ean=line.ean,
            quantity=line.quantity,
            unit_price_cents=line.unit_price_cents,
            total_price_cents=line.total_price_cents,
            line_state=line.line_state,
        )
        for i, line in enumerate(order.lines)
    ]


class Repository:
    """Reads and writes of the local store, each in its own short transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # The window's list queries live in `order_list`; the methods below hand over to it.
        self.lists = OrderList(db, order_from_row)

    # ---- the window's lists (store/order_list.py) -----------------------------------------
    def list_orders(
        self,
        stages: Sequence[Stage] | None = None,
        search: str = "",
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[Order]:
        return self.lists.list_orders(stages, search, limit, offset, newest_first)

    def count_by_stage(self) -> dict[Stage, int]:
        return self.lists.count_by_stage()

    def count_orders(
        self,
        stages: Sequence[Stage] | None = None,
        search: str = "",
        collected_since: datetime | None = None,
        problems_only: bool = False,
    ) -> int:
        return self.lists.count_orders(stages, search, collected_since, problems_only)

    def order_summaries(
        self,
        stages: Sequence[Stage] | None = None,
        search: str = "",
        collected_since: datetime | None = None,
        problems_only: bool = False,
        sort: str = "created_at",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
        after: Key | None = None,
    ) -> list[dict[str, Any]]:
        return self.lists.order_summaries(
            stages, search, collected_since, problems_only, sort, descending, offset, limit, after
        )

    def view_counts(self, collected_since: datetime) -> dict[str, int]:
        return self.lists.view_counts(collected_since)

    # ---- orders -------------------------------------------------------------------------
    def upsert_orders(
        self,
        orders: Iterable[Order],
        stage_for: Callable[[Order, Order | None], Stage] | None = None,
    ) -> UpsertResult:
        """Insert new orders and refresh known ones with newer marketplace data.

        An update older than what is stored is ignored (OR11 sends the same order more than
        once). Local fields (shelf, pickup code, notes, collection) are never overwritten.
        `stage_for(incoming, stored)` decides the resulting stage; by default the incoming one.
        """
        result = UpsertResult()
        batch = list(orders)
        if not batch:
            return result
        now = utcnow()
        with self.db.write_session() as s:
            ids = [o.order_id for o in batch]
            existing: dict[str, OrderRow] = {}
            for chunk_start in range(0, len(ids), 500):
                chunk = ids[chunk_start : chunk_start + 500]
                # FOR UPDATE (PostgreSQL; SQLite holds its write lock already): a collection
                # at another till waits for this merge instead of being overwritten by it.
                for row in s.scalars(
                    select(OrderRow)
                    .where(OrderRow.order_id.in_(chunk))
                    .order_by(OrderRow.id)
                    .with_for_update()
                ):
                    existing[row.order_id] = row
            for order in batch:
                row = existing.get(order.order_id)
                if row is None:
                    stage = stage_for(order, None) if stage_for else order.stage
                    row = OrderRow(
                        order_id=order.order_id,
                        stage=stage.value,
                        customer_key=fold(order.customer_name),
                        shelf=order.shelf,
                        pickup_code=order.pickup_code,
                        notes=order.notes,
                        bag_count=order.bag_count,
                        collected_till="",
                        problem="",
                        synced_at=now,
                        **{f: getattr(order, f) for f in _REMOTE_FIELDS},
                    )
                    row.lines = _line_rows(order)
                    s.add(row)
                    s.flush()
                    s.add(
                        StageChangeRow(
                            order_pk=row.id,
                            from_stage="",
                            to_stage=stage.value,
                            source="marketplace",
                            at=now,
                        )
                    )
                    existing[order.order_id] = row
                    result.inserted += 1
                    continue
                if order.updated_at <= row.updated_at and order.remote_state == row.remote_state:
                    result.unchanged += 1
                    continue
                if order.updated_at < row.updated_at:
                    result.unchanged += 1
                    continue
                stored = order_from_row(row)
                stage = stage_for(order, stored) if stage_for else order.stage
                for f in _REMOTE_FIELDS:
                    setattr(row, f, getattr(order, f))
                row.customer_key = fold(order.customer_name)
                row.synced_at = now
                row.lines = _line_rows(order)
                if stage.value != row.stage:
                    s.add(
                        StageChangeRow(
                            order_pk=row.id,
                            from_stage=row.stage,
                            to_stage=stage.value,
                            source="marketplace",
                            at=now,
                        )
                    )
                    row.stage = stage.value
                result.updated += 1
        return result

    def get_order(self, order_id: str) -> Order | None:
        with self.db.session() as s:
            row = s.scalar(select(OrderRow).where(OrderRow.order_id == order_id))
            return order_from_row(row) if row else None

    def require_order(self, order_id: str) -> Order:
        order = self.get_order(order_id)
        if order is None:
            raise OrderNotFoundError(f"no order {order_id!r} in the local store")
        return order

    def stage_history(self, order_id: str) -> list[StageChange]:
        with self.db.session() as s:
            rows = s.scalars(
                select(StageChangeRow)
                .join(OrderRow, OrderRow.id == StageChangeRow.order_pk)
                .where(OrderRow.order_id == order_id)
                .order_by(StageChangeRow.at, StageChangeRow.id)
            )
            return [StageChange(r.from_stage, r.to_stage, r.source, r.till, r.at) for r in rows]

    # ---- local actions ------------------------------------------------------------------
    def apply_local_action(
        self,
        order_id: str,
        action: str,
        payload: dict[str, Any],
        till: str,
        effect: Callable[[Session, OrderRow], None] | None = None,
        new_stage: Stage | None = None,
        follow_up: Sequence[str] = (),
    ) -> int:
        """The local effect, the stage history and the outbox row, in one transaction.

        Returns the outbox row id. The action's original time is kept on the outbox row.
        `follow_up` actions (no payload) are queued right after it, in the same transaction.
        """
        now = utcnow()
        with self.db.write_session() as s:
            # The order's row is locked until commit (PostgreSQL, READ COMMITTED): another
            # till's action on it waits, then reads what this one wrote.
            row = s.scalar(select(OrderRow).where(OrderRow.order_id == order_id).with_for_update())
            if row is None:
                raise OrderNotFoundError(f"no order {order_id!r} in the local store")
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
            outbox = OutboxRow(
                order_pk=row.id,
                order_id=order_id,
                action=action,
                payload=json.dumps(payload, sort_keys=True),
                created_at=now,
                till=till,
                state="pending",
            )
            s.add(outbox)
            s.flush()
            for name in follow_up:
                s.add(
                    OutboxRow(
                        order_pk=row.id,
                        order_id=order_id,
                        action=name,
                        payload="{}",
                        created_at=now,
                        till=till,
                        state="pending",
                    )
                )
            return outbox.id

    def accept_order(
        self, order_id: str, refused_line_ids: Iterable[str] = (), till: str = ""
    ) -> int:
        """Queue the shop's decision on each line (OR21); all refused = the order is refused."""
        order = self.require_order(order_id)
        refused = set(refused_line_ids)
        unknown = refused - {line.line_id for line in order.lines}
        if unknown:
            raise ValueError(f"order {order_id} has no line {', '.join(sorted(unknown))}")
        lines = [
            {"id": line.line_id, "accepted": line.line_id not in refused} for line in order.lines
        ]
        all_refused = bool(lines) and not any(line["accepted"] for line in lines)
        new_stage = Stage.CANCELED if all_refused else Stage.AWAITING_PAYMENT
        action = "refuse" if all_refused else "accept"
        return self.apply_local_action(
            order_id, action, {"order_lines": lines}, till, new_stage=new_stage
        )

    def add_note(self, order_id: str, text: str, till: str = "") -> None:
        """A local note on the order (kept here; not sent to the marketplace)."""
        stamp = utcnow().strftime("%Y-%m-%d %H:%M")

        with self.db.session() as s:
            row = s.scalar(select(OrderRow).where(OrderRow.order_id == order_id))
            if row is None:
                raise OrderNotFoundError(f"no order {order_id!r} in the local store")
            entry = f"[{stamp}{' ' + till if till else ''}] {text.strip()}"
            row.notes = f"{row.notes}\n{entry}".strip()

    def flag_problem(self, order_id: str, text: str) -> None:
        with self.db.session() as s:
            row = s.scalar(select(OrderRow).where(OrderRow.order_id == order_id))
            if row is None:
                raise OrderNotFoundError(f"no order {order_id!r} in the local store")
            row.problem = text
            row.problem_at = utcnow()

    def set_thread_id(self, order_id: str, thread_id: str) -> None:
        """Keep the customer thread OR43 opened (later replies go to it)."""
        if not thread_id:
            return
        with self.db.session() as s:
            s.execute(
                update(OrderRow).where(OrderRow.order_id == order_id).values(thread_id=thread_id)
            )

    def clear_problem(self, order_id: str) -> None:
        self.flag_problem(order_id, "")

    def list_problems(self) -> list[Order]:
        with self.db.session() as s:
            rows = s.scalars(
                select(OrderRow).where(OrderRow.problem != "").order_by(OrderRow.problem_at)
            )
            return [order_from_row(r) for r in rows]

    # ---- sync bookkeeping ---------------------------------------------------------------
    def get_sync_state(self, resource: str) -> SyncState:
        with self.db.session() as s:
            row = s.get(SyncStateRow, resource)
            if row is None:
                return SyncState(resource, None, None, None, "")
            return SyncState(
                resource, row.watermark, row.last_success_at, row.last_attempt_at, row.last_error
            )

    def save_sync_state(self, state: SyncState) -> None:
        with self.db.session() as s:
            row = s.get(SyncStateRow, state.resource) or SyncStateRow(resource=state.resource)
            row.watermark = state.watermark
            row.last_success_at = state.last_success_at
            row.last_attempt_at = state.last_attempt_at
            row.last_error = state.last_error
            s.add(row)

    def count_pending_actions(self) -> int:
        with self.db.session() as s:
            return (
                s.scalar(
                    select(func.count())
                    .select_from(OutboxRow)
                    .where(OutboxRow.state.in_(("pending", "in_flight")))
                )
                or 0
            )

    def count_scan_events(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(ScanEventRow)) or 0

    def table_counts(self) -> dict[str, int]:
        with self.db.session() as s:
            return {
                model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
                for model in (
                    OrderRow,
                    OrderLineRow,
                    StageChangeRow,
                    ScanEventRow,
                    OutboxRow,
                    SyncStateRow,
                )
            }

    # ---- facts about the store ----------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self.db.session() as s:
            row = s.get(StoreMetaRow, key)
            return row.value if row is not None else None

    def set_meta(self, key: str, value: str, *, only_if_absent: bool = False) -> str:
        """Store a fact; with `only_if_absent`, a value already there wins (and is returned)."""
        with self.db.session() as s:
            row = s.get(StoreMetaRow, key)
            if row is not None and only_if_absent:
                return row.value
            if row is None:
                row = StoreMetaRow(key=key)
                s.add(row)
            row.value = value
            row.updated_at = utcnow()
            return value

    def has_shop_data(self) -> bool:
        """Any order or local action stored (a store that is not blank)."""
        with self.db.session() as s:
            return (
                s.scalar(select(OrderRow.id).limit(1)) is not None
                or s.scalar(select(OutboxRow.id).limit(1)) is not None
            )

    def earliest_created(self, stage: Stage = Stage.TO_ACCEPT) -> datetime | None:
        """The oldest order in a stage (its "accept before" estimate comes first)."""
        with self.db.session() as s:
            return s.scalar(
                select(func.min(OrderRow.created_at)).where(OrderRow.stage == stage.value)
            )

    # ---- pickup (scan engineer) ---------------------------------------------------------
    def mark_ready(
        self, order_id: str, shelf: str, till: str, bag_count: int = 1, *, ship: bool = False
    ) -> str:
        """Mark a prepared order ready: a new pickup code, stage READY, outbox `ready`.

        `ship` (the `ship_on = "ready"` setting) also queues `ship` (OR24) right after it, in
        the same transaction; the collection is then kept here.

        Returns the canonical pickup code. Marking an order that is already ready again keeps
        its code (the customer already has it) and only updates shelf and bag count locally.
        Any other stage than "to prepare" or "ready" is refused with a ValueError.
        """
        from counter_app.domain.pickup_code import new_pickup_code

        if bag_count < 1:
            raise ValueError("an order has at least one bag")
        order = self.require_order(order_id)
        if order.stage is Stage.READY and order.pickup_code:
            with self.db.session() as s:
                row = s.scalar(select(OrderRow).where(OrderRow.order_id == order_id))
                if row is not None:
                    row.shelf = shelf
                    row.bag_count = bag_count
            return order.pickup_code
        if order.stage not in (Stage.TO_PREPARE, Stage.READY):
            stage = order.stage.value.replace("_", " ")
            raise ValueError(f"order {order_id} cannot be marked ready: it is {stage}")

        class _CodeTakenError(Exception):
            pass

        class _AlreadyReadyError(Exception):
            def __init__(self, code: str) -> None:
                self.code = code

        for _attempt in range(8):
            code = new_pickup_code()

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
                self.apply_local_action(
                    order_id,
                    "ready",
                    {"pickup_code": code, "shelf": shelf},
                    till,
                    effect=effect,
                    new_stage=Stage.READY,
                    follow_up=("ship",) if ship else (),
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
                with self.db.write_session() as s:
                    row = s.scalar(select(OrderRow).where(OrderRow.order_id == order_id))
                    if row is not None:
                        row.shelf = shelf
                        row.bag_count = bag_count
                return already.code
            return code
        raise RuntimeError("could not draw an unused pickup code")

    # ---- bulk download (sync engineer) --------------------------------------------------
    def known_order_ids(self, order_ids: Iterable[str]) -> set[str]:
        """Which of these marketplace order ids are already stored."""
        ids = list(order_ids)
        known: set[str] = set()
        with self.db.session() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                known.update(
                    s.scalars(select(OrderRow.order_id).where(OrderRow.order_id.in_(chunk)))
                )
        return known

    def insert_new_orders(self, orders: Sequence[Order], stages: Sequence[Stage]) -> list[str]:
        """Insert orders not stored yet, in bulk (the initial sync of thousands of orders).

        One transaction; orders already stored are left alone (use `upsert_orders` for them).
        Returns the ids inserted.
        """
        from sqlalchemy import insert

        now = utcnow()
        with self.db.write_session() as s:
            known = set(
                s.scalars(
                    select(OrderRow.order_id).where(
                        OrderRow.order_id.in_([o.order_id for o in orders])
                    )
                )
            )
            fresh = [
                (o, st) for o, st in zip(orders, stages, strict=True) if o.order_id not in known
            ]
            if not fresh:
                return []
            rows = [
                {
                    "order_id": o.order_id,
                    "stage": st.value,
                    "customer_key": fold(o.customer_name),
                    "shelf": o.shelf,
                    "pickup_code": o.pickup_code,
                    "notes": o.notes,
                    "bag_count": o.bag_count,
                    "collected_till": "",
                    "problem": "",
                    "synced_at": now,
                    **{f: getattr(o, f) for f in _REMOTE_FIELDS},
                }
                for o, st in fresh
            ]
            result = s.execute(
                insert(OrderRow).returning(
                    OrderRow.id, OrderRow.order_id, sort_by_parameter_order=True
                ),
                rows,
            )
            pk = {order_id: row_id for row_id, order_id in result}
            lines = [
                {
                    "order_pk": pk[o.order_id],
                    "position": i,
                    "line_id": line.line_id,
                    "title": line.title,
                    "sku": line.sku,
                    "ean": line.ean,
                    "quantity": line.quantity,
                    "unit_price_cents": line.unit_price_cents,
                    "total_price_cents": line.total_price_cents,
                    "line_state": line.line_state,
                }
                for o, _ in fresh
                for i, line in enumerate(o.lines)
            ]
            if lines:
                s.execute(insert(OrderLineRow), lines)
            s.execute(
                insert(StageChangeRow),
                [
                    {
                        "order_pk": pk[o.order_id],
                        "from_stage": "",
                        "to_stage": st.value,
                        "source": "marketplace",
                        "till": "",
                        "at": now,
                    }
                    for o, st in fresh
                ],
            )
            return [o.order_id for o, _ in fresh]
