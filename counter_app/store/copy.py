"""Moving a till's own SQLite store into the shop's server once (`db copy-to`).

Every table is copied row by row with its ids, in one transaction on the target, into a
target that holds no shop data yet; the copy is then checked by counting the rows of each
table on both sides. The source file is only read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select, text

from counter_app.errors import CounterError
from counter_app.store.database import Database
from counter_app.store.models import Base

# Parents before children (foreign keys).
COPY_ORDER = (
    "orders",
    "order_lines",
    "stage_changes",
    "scan_events",
    "outbox",
    "sync_state",
    "store_meta",
)
_CHUNK = 2000


@dataclass
class CopyResult:
    """Rows per table on both sides after the copy."""

    source: dict[str, int]
    target: dict[str, int]

    @property
    def matches(self) -> bool:
        return self.source == self.target


def count_rows(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            name: int(
                conn.execute(select(func.count()).select_from(Base.metadata.tables[name])).scalar()
                or 0
            )
            for name in COPY_ORDER
        }


def copy_store(source: Database, target: Database) -> CopyResult:
    """Copy every row of `source` into the empty (migrated) `target`; raises if not empty."""
    already = count_rows(target)
    if already["orders"] or already["outbox"] or already["scan_events"]:
        raise CounterError(
            "the target database already holds orders or actions; nothing was copied "
            "(copy into a new, empty database)"
        )
    with source.engine.connect() as src, target.engine.begin() as dst:
        for name in COPY_ORDER:
            table = Base.metadata.tables[name]
            dst.execute(table.delete())  # an empty store may hold its sync_state row
            result = src.execute(select(table)).mappings()
            while True:
                rows = [dict(r) for r in result.fetchmany(_CHUNK)]
                if not rows:
                    break
                dst.execute(insert(table), rows)
        if dst.dialect.name == "postgresql":
            # The ids came along: the sequences must continue after them.
            for name in COPY_ORDER:
                table = Base.metadata.tables[name]
                if "id" in table.c:
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"COALESCE((SELECT max(id) FROM {name}), 0) + 1, false)"
                        )
                    )
    return CopyResult(count_rows(source), count_rows(target))
