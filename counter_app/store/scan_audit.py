"""The scan audit trail: one `scan_events` row per scan, confirmation and bag check.

A failure to write the row is logged and swallowed: it must never hide the verdict the till
shows. Failures of the scan service are logged here too, the same way everywhere.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, String, bindparam, func, insert, select

from counter_app.domain.scan_service_rules import storable
from counter_app.store.database import server_unreachable
from counter_app.store.models import OrderRow, ScanEventRow
from counter_app.store.types import utcnow

# The scan service's logger: its lines keep the name they have always had.
log = logging.getLogger("counter_app.store.scan_service")

# The audit row points at the order by id on its marketplace; with no marketplace known (a bag
# slip's order) the first order with that id, so an id on two marketplaces never fails it.
_MARKET = bindparam("market", type_=String)
_AUDIT = insert(ScanEventRow).values(
    order_pk=select(OrderRow.id)
    .where(
        OrderRow.order_id == bindparam("order_ref"),
        func.coalesce(_MARKET, OrderRow.marketplace) == OrderRow.marketplace,
    )
    .order_by(OrderRow.id)
    .limit(1)
    .scalar_subquery()
)


def write_audit(
    conn: Connection,
    *,
    raw: str,
    verdict: str,
    order_id: str | None,
    kind: str,
    detail: str,
    marketplace: str | None,
    till: str,
) -> None:
    """One row per scan, whatever happened; a failure here must not hide the verdict.

    Written with `synchronous=NORMAL` on this one commit: in WAL mode the row is atomic and
    survives the app crashing or being killed; only a power cut may lose the last few
    lookups. That keeps an fsync out of every scan. A confirmed collection is a different
    matter: it is committed with the database's `synchronous=FULL` (see `ScanService.confirm`).
    """
    try:
        conn.rollback()  # end the read; the audit row is its own short transaction
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
        try:
            conn.execute(
                _AUDIT,
                {
                    "order_ref": order_id,
                    "market": marketplace,
                    "raw_input": storable(raw),
                    "verdict": verdict,
                    "till": till,
                    "scanned_at": utcnow(),
                    "kind": kind,
                    "detail": detail,
                },
            )
            conn.commit()
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA synchronous=FULL")
                conn.commit()
    except Exception as exc:
        log_failure(exc, "scan audit row could not be written")
        # Never hand a connection back to the pool with durability turned down.
        conn.invalidate()


def log_failure(exc: BaseException, what: str, *args: object) -> None:
    """A shop server out of reach is an expected state (said on screen), not a bug: one
    warning line, no traceback. Anything else is logged with its traceback."""
    if server_unreachable(exc):
        log.warning(what + ": shop server unreachable", *args)
    else:
        log.exception(what, *args, exc_info=exc)
