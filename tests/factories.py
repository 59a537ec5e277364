"""Builders of realistic orders for tests (French bookshop click & collect)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from counter_app.domain.orders import Order, OrderLine
from counter_app.domain.stages import Stage, stage_for_remote_state

_counter = itertools.count(1)

BASE_TIME = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def make_order(
    *,
    order_id: str | None = None,
    state: str = "SHIPPING",
    stage: Stage | None = None,
    customer: str = "Émilie Lefèvre",
    email: str = "emilie.lefevre@example.fr",
    lines: list[OrderLine] | None = None,
    updated_at: datetime | None = None,
    created_at: datetime | None = None,
    **extra: object,
) -> Order:
    n = next(_counter)
    order_id = order_id or f"CC{100000 + n}-A"
    created = created_at or BASE_TIME + timedelta(minutes=n)
    return Order(
        order_id=order_id,
        commercial_id=order_id.split("-")[0],
        remote_state=state,
        stage=stage or stage_for_remote_state(state),
        customer_name=customer,
        customer_email=email,
        created_at=created,
        updated_at=updated_at or created,
        deadline_at=created + timedelta(days=2),
        total_price_cents=2390,
        currency="EUR",
        shipping_type_code="CLICK_COLLECT",
        shipping_type_label="Retrait en magasin",
        lines=lines
        or [
            OrderLine(
                line_id=f"{order_id}-1",
                title="L'Étranger",
                quantity=1,
                sku="9782070360024",
                ean="9782070360024",
                unit_price_cents=890,
                total_price_cents=890,
            ),
            OrderLine(
                line_id=f"{order_id}-2",
                title="Le Petit Prince",
                quantity=2,
                sku="9782070612758",
                ean="9782070612758",
                unit_price_cents=750,
                total_price_cents=1500,
            ),
        ],
        **extra,  # type: ignore[arg-type]
    )
