"""Row mapping: stored order rows to domain orders and back.

One place knows which columns the marketplace owns and how an `Order` is laid out in
`orders` / `order_lines`, so the ORM path (`upsert_orders`) and the bulk path
(`insert_new_orders`) cannot drift apart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from counter_app.domain.orders import Order, OrderLine
from counter_app.domain.stages import Stage
from counter_app.domain.text import fold
from counter_app.store.models import OrderLineRow, OrderRow

# Columns the marketplace owns; everything else on an order is the shop's and survives a sync.
REMOTE_FIELDS = (
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
    "has_customer_message",
    "incident",
)


def order_from_row(row: OrderRow) -> Order:
    """The domain order for a stored row (its lines loaded with it)."""
    return Order(
        order_id=row.order_id,
        commercial_id=row.commercial_id,
        remote_state=row.remote_state,
        stage=Stage(row.stage),
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
        has_customer_message=bool(row.has_customer_message),
        incident=row.incident or "",
        marketplace=row.marketplace,
    )


def line_values(order: Order) -> list[dict[str, Any]]:
    """The `order_lines` columns of each line, in order (without the order's key)."""
    return [
        {
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
        for i, line in enumerate(order.lines)
    ]


def line_rows(order: Order) -> list[OrderLineRow]:
    """The order's lines as new ORM rows (for `OrderRow.lines`)."""
    return [OrderLineRow(**values) for values in line_values(order)]


def new_order_values(order: Order, stage: Stage, now: datetime) -> dict[str, Any]:
    """The `orders` columns of an order stored for the first time.

    The shop's own fields start from what the order carries; the till and problem start blank.
    """
    return {
        "order_id": order.order_id,
        "stage": stage.value,
        "customer_key": fold(order.customer_name),
        "shelf": order.shelf,
        "pickup_code": order.pickup_code,
        "notes": order.notes,
        "bag_count": order.bag_count,
        "collected_till": "",
        "problem": "",
        "synced_at": now,
        # Ready on the marketplace's side (TO_COLLECT): its pickup window starts now.
        "ready_at": order.ready_at or (order.updated_at if stage is Stage.READY else None),
        **{f: getattr(order, f) for f in REMOTE_FIELDS},
    }


def refresh_remote_fields(row: OrderRow, order: Order, now: datetime) -> None:
    """Copy what the marketplace owns from a newer version of the order onto its row."""
    for f in REMOTE_FIELDS:
        setattr(row, f, getattr(order, f))
    row.customer_key = fold(order.customer_name)
    row.synced_at = now
    row.lines = line_rows(order)
