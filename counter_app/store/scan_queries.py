"""The scan's lookups: the one indexed query for the orders a scan names, and the sync state.

Statements are built once, at import: building them per scan costs more than SQLite takes to
answer. Expanding bind parameters keep one cached statement whatever the number of candidates.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, func, or_, select

from counter_app.domain.scan import Candidates
from counter_app.domain.scan_matching import OrderMatch, match_of
from counter_app.store.models import OrderLineRow, OrderRow, SyncStateRow

# More matches than this is ambiguous anyway; the limit keeps a silly scan cheap.
_MAX_MATCHES = 20

_ITEM_COUNT = (
    select(func.coalesce(func.sum(OrderLineRow.quantity), 0))
    .where(OrderLineRow.order_pk == OrderRow.id)
    .scalar_subquery()
    .label("item_count")
)
_MATCH_COLUMNS = (
    OrderRow.id,
    OrderRow.order_id,
    OrderRow.marketplace,
    OrderRow.commercial_id,
    OrderRow.pickup_code,
    OrderRow.stage,
    OrderRow.customer_name,
    OrderRow.shelf,
    OrderRow.bag_count,
    OrderRow.notes,
    OrderRow.collected_at,
    OrderRow.collected_till,
)
# Pickup code, order id and commercial id are all indexed; the item count is a subquery.
_FIND = (
    select(*_MATCH_COLUMNS, _ITEM_COUNT)
    .where(
        or_(
            OrderRow.pickup_code.in_(bindparam("codes", expanding=True)),
            OrderRow.order_id.in_(bindparam("ids", expanding=True)),
            OrderRow.commercial_id.in_(bindparam("ids", expanding=True)),
        )
    )
    .limit(_MAX_MATCHES)
)
# The sync state of the accounts a verdict depends on (one row each).
_SYNC_STATE = select(
    SyncStateRow.resource,
    SyncStateRow.last_success_at,
    SyncStateRow.last_attempt_at,
    SyncStateRow.last_error,
).where(SyncStateRow.resource.in_(bindparam("resources", expanding=True)))


def find_matches(
    conn: Connection, candidates: Candidates, names: Mapping[str, str]
) -> list[OrderMatch]:
    """The orders whose pickup code, order id or commercial id the scan holds (at most 20).

    `names` gives each account key the name staff read for it.
    """
    if not candidates.pickup_codes and not candidates.all_identifiers:
        return []
    rows = conn.execute(
        _FIND, {"codes": candidates.pickup_codes, "ids": candidates.all_identifiers}
    )
    return [
        match_of(r, int(r.item_count or 0), names.get(r.marketplace, r.marketplace)) for r in rows
    ]


def sync_states(conn: Connection, resources: Collection[str]) -> dict[str, Any]:
    """The sync-state rows of these resources, by resource (a resource never synced: absent)."""
    return {row.resource: row for row in conn.execute(_SYNC_STATE, {"resources": list(resources)})}
