"""Orders arriving from the marketplace: merged one by one, or inserted in bulk.

An update older than what is stored is ignored (OR11 sends the same order more than once), and
what the shop added locally (shelf, pickup code, notes, collection) is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import insert, select

from counter_app.accounts import LEGACY_KEY
from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.store.database import Database
from counter_app.store.models import OrderLineRow, OrderRow, StageChangeRow
from counter_app.store.records import UpsertResult
from counter_app.store.rows import (
    line_rows,
    line_values,
    new_order_values,
    order_from_row,
    refresh_remote_fields,
)
from counter_app.store.types import utcnow

StageFor = Callable[[Order, Order | None], Stage]

_CHUNK = 500  # ids per IN (...) list, well under every backend's parameter limit


def upsert_orders(
    db: Database,
    orders: Iterable[Order],
    stage_for: StageFor | None = None,
    *,
    marketplace: str = LEGACY_KEY,
) -> UpsertResult:
    """Insert new orders and refresh known ones with newer marketplace data.

    The orders are `marketplace`'s (an account key): the same order id on another
    marketplace is another order. `stage_for(incoming, stored)` decides the resulting
    stage; by default the incoming one.
    """
    result = UpsertResult()
    batch = list(orders)
    if not batch:
        return result
    now = utcnow()
    with db.write_session() as s:
        ids = [o.order_id for o in batch]
        existing: dict[str, OrderRow] = {}
        for chunk_start in range(0, len(ids), _CHUNK):
            chunk = ids[chunk_start : chunk_start + _CHUNK]
            # FOR UPDATE (PostgreSQL; SQLite holds its write lock already): a collection
            # at another till waits for this merge instead of being overwritten by it.
            for locked in s.scalars(
                select(OrderRow)
                .where(OrderRow.marketplace == marketplace, OrderRow.order_id.in_(chunk))
                .order_by(OrderRow.id)
                .with_for_update()
            ):
                existing[locked.order_id] = locked
        for order in batch:
            row = existing.get(order.order_id)
            if row is None:
                stage = stage_for(order, None) if stage_for else order.stage
                row = OrderRow(**new_order_values(order, stage, now), marketplace=marketplace)
                row.lines = line_rows(order)
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
            refresh_remote_fields(row, order, now)
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
            if stage is Stage.READY and row.ready_at is None:
                # Made ready on the marketplace's side: its pickup window starts now.
                row.ready_at = order.updated_at
            result.updated += 1
    return result


def known_order_ids(
    db: Database, order_ids: Iterable[str], *, marketplace: str = LEGACY_KEY
) -> set[str]:
    """Which of these order ids of `marketplace` are already stored."""
    ids = list(order_ids)
    known: set[str] = set()
    with db.session() as s:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            known.update(
                s.scalars(
                    select(OrderRow.order_id).where(
                        OrderRow.marketplace == marketplace, OrderRow.order_id.in_(chunk)
                    )
                )
            )
    return known


def insert_new_orders(
    db: Database,
    orders: Sequence[Order],
    stages: Sequence[Stage],
    *,
    marketplace: str = LEGACY_KEY,
) -> list[str]:
    """Insert `marketplace`'s orders not stored yet, in bulk (the initial sync of thousands).

    One transaction; orders already stored are left alone (use `upsert_orders` for them).
    Returns the ids inserted.
    """
    now = utcnow()
    with db.write_session() as s:
        known = set(
            s.scalars(
                select(OrderRow.order_id).where(
                    OrderRow.marketplace == marketplace,
                    OrderRow.order_id.in_([o.order_id for o in orders]),
                )
            )
        )
        fresh = [(o, st) for o, st in zip(orders, stages, strict=True) if o.order_id not in known]
        if not fresh:
            return []
        result = s.execute(
            insert(OrderRow).returning(
                OrderRow.id, OrderRow.order_id, sort_by_parameter_order=True
            ),
            [{**new_order_values(o, st, now), "marketplace": marketplace} for o, st in fresh],
        )
        pk = {order_id: row_id for row_id, order_id in result}
        lines = [
            {"order_pk": pk[o.order_id], **values} for o, _ in fresh for values in line_values(o)
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
