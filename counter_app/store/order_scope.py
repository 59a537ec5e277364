"""Finding an order by its marketplace id when the shop sells on several marketplaces.

An order id is unique within its marketplace (account key), not across them. A lookup with
a marketplace finds at most one order; without one (a till's search, a CLI command given
only an id) it finds the order when one marketplace has it, and says which marketplaces do
when several have it, rather than pick one.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.store.models import OrderRow
from counter_app.store.records import AmbiguousOrderError, OrderNotFoundError


def find_order_row(
    s: Session, order_id: str, marketplace: str | None, *, for_update: bool = False
) -> OrderRow | None:
    """The order row with this id (on `marketplace` when given), or None.

    Raises AmbiguousOrderError when no marketplace is given and several have the id.
    """
    query = select(OrderRow).where(OrderRow.order_id == order_id)
    if marketplace is not None:
        query = query.where(OrderRow.marketplace == marketplace)
    query = query.order_by(OrderRow.id).limit(2)
    if for_update:
        query = query.with_for_update()
    rows = list(s.scalars(query))
    if len(rows) > 1:
        keys = sorted(
            r.marketplace for r in s.scalars(select(OrderRow).where(OrderRow.order_id == order_id))
        )
        raise AmbiguousOrderError(order_id, keys)
    return rows[0] if rows else None


def require_order_row(
    s: Session, order_id: str, marketplace: str | None, *, for_update: bool = False
) -> OrderRow:
    row = find_order_row(s, order_id, marketplace, for_update=for_update)
    if row is None:
        where = f" on marketplace {marketplace!r}" if marketplace else ""
        raise OrderNotFoundError(f"no order {order_id!r}{where} in the local store")
    return row


def order_pk_of(s: Session, order_id: str, marketplace: str | None) -> int | None:
    row = find_order_row(s, order_id, marketplace)
    return row.id if row is not None else None
