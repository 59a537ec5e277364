"""The repository facade: every read and write of orders goes through here, in short sessions.

Callers get plain domain objects (`counter_app.domain.orders.Order`), never live ORM rows, so
nothing outside `store/` touches SQL or holds a session open. The work itself lives in one
module per concern, behind this one class:

- `store/rows.py`: row mapping (stored rows to domain orders and back);
- `store/order_import.py`: orders arriving from the marketplace (merge, bulk insert);
- `store/local_actions.py`: the shop's actions (accept, ready, notes, problems), each with
  its outbox row (`store/outbox.py`) in the same transaction;
- `store/sync_state.py`: the sync watermark and last outcome;
- `store/records.py`: the plain values handed back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.domain.text import fold
from counter_app.store import local_actions, order_import, outbox
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
from counter_app.store.records import OrderNotFoundError, StageChange, UpsertResult
from counter_app.store.rows import order_from_row
from counter_app.store.sync_state import (
    SYNC_RESOURCE,
    SyncState,
    load_sync_state,
    save_sync_state,
)
from counter_app.store.types import utcnow

__all__ = [
    "OrderNotFoundError",
    "Repository",
    "StageChange",
    "SyncState",
    "UpsertResult",
    "order_from_row",
]


class Repository:
    """Reads and writes of the local store, each in its own short transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

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
        return order_import.upsert_orders(self.db, orders, stage_for)

    def get_order(self, order_id: str) -> Order | None:
        with self.db.session() as s:
            row = s.scalar(select(OrderRow).where(OrderRow.order_id == order_id))
            return order_from_row(row) if row else None

    def require_order(self, order_id: str) -> Order:
        order = self.get_order(order_id)
        if order is None:
            raise OrderNotFoundError(f"no order {order_id!r} in the local store")
        return order

    def _search_clause(self, text: str) -> Any:
        folded = fold(text)
        like = f"%{folded}%"
        raw_prefix = f"{text.strip()}%"
        isbn = "".join(ch for ch in text if ch.isdigit() or ch in "xX")
        clauses = [
            OrderRow.customer_key.like(like),
            OrderRow.order_id.like(raw_prefix),
            OrderRow.commercial_id.like(raw_prefix),
            func.lower(OrderRow.customer_email).like(f"%{text.strip().lower()}%"),
        ]
        if len(isbn) >= 10:
            clauses.append(
                OrderRow.id.in_(
                    select(OrderLineRow.order_pk).where(
                        or_(OrderLineRow.ean == isbn, OrderLineRow.sku == isbn)
                    )
                )
            )
        return or_(*clauses)

    def list_orders(
        self,
        stages: Sequence[Stage] | None = None,
        search: str = "",
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[Order]:
        with self.db.session() as s:
            query = select(OrderRow)
            if stages:
                query = query.where(OrderRow.stage.in_([st.value for st in stages]))
            if search.strip():
                query = query.where(self._search_clause(search))
            order_col = OrderRow.created_at.desc() if newest_first else OrderRow.created_at
            query = query.order_by(order_col, OrderRow.id).offset(offset)
            if limit is not None:
                query = query.limit(limit)
            return [order_from_row(r) for r in s.scalars(query)]

    def count_by_stage(self) -> dict[Stage, int]:
        counts = {stage: 0 for stage in Stage}
        with self.db.session() as s:
            for stage, n in s.execute(
                select(OrderRow.stage, func.count()).group_by(OrderRow.stage)
            ):
                key = Stage(stage) if stage in Stage._value2member_map_ else Stage.UNKNOWN
                counts[key] += n
        return counts

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
        return local_actions.apply_local_action(
            self.db, order_id, action, payload, till, effect, new_stage, follow_up
        )

    def accept_order(
        self, order_id: str, refused_line_ids: Iterable[str] = (), till: str = ""
    ) -> int:
        """Queue the shop's decision on each line (OR21); all refused = the order is refused."""
        return local_actions.accept_order(self.db, order_id, refused_line_ids, till)

    def add_note(self, order_id: str, text: str, till: str = "") -> None:
        """A local note on the order (kept here; not sent to the marketplace)."""
        local_actions.add_note(self.db, order_id, text, till)

    def flag_problem(self, order_id: str, text: str) -> None:
        local_actions.flag_problem(self.db, order_id, text)

    def set_thread_id(self, order_id: str, thread_id: str) -> None:
        """Keep the customer thread OR43 opened (later replies go to it)."""
        local_actions.set_thread_id(self.db, order_id, thread_id)

    def clear_problem(self, order_id: str) -> None:
        self.flag_problem(order_id, "")

    def list_problems(self) -> list[Order]:
        with self.db.session() as s:
            rows = s.scalars(
                select(OrderRow).where(OrderRow.problem != "").order_by(OrderRow.problem_at)
            )
            return [order_from_row(r) for r in rows]

    # ---- sync bookkeeping ---------------------------------------------------------------
    def get_sync_state(self, resource: str = SYNC_RESOURCE) -> SyncState:
        return load_sync_state(self.db, resource)

    def save_sync_state(self, state: SyncState) -> None:
        save_sync_state(self.db, state)

    def count_pending_actions(self) -> int:
        """Local actions not delivered to the marketplace yet (pending or in flight)."""
        return outbox.Outbox(self.db).waiting_count()

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
            return s.scalar(select(OrderRow.id).limit(1)) is not None or outbox.has_any(s)

    # ---- counter window queries (a page of light rows, counts, deadlines) ---------------
    @staticmethod
    def _summary_sort_column(sort: str) -> Any:
        """The column behind a sort key the order table may ask for (indexed where possible)."""
        columns = {
            "commercial_id": OrderRow.commercial_id,
            "customer": OrderRow.customer_key,
            "created_at": OrderRow.created_at,
            "deadline_at": OrderRow.deadline_at,
            "shelf": OrderRow.shelf,
            "stage": OrderRow.stage,
            "total": OrderRow.total_price_cents,
            "ready_at": OrderRow.ready_at,
            "collected_at": OrderRow.collected_at,
        }
        return columns.get(sort, OrderRow.created_at)

    def _summary_filter(
        self,
        query: Any,
        stages: Sequence[Stage] | None,
        search: str,
        collected_since: datetime | None,
        problems_only: bool,
    ) -> Any:
        if stages:
            query = query.where(OrderRow.stage.in_([st.value for st in stages]))
        if collected_since is not None:
            # Orders closed on the marketplace side carry no local collection time.
            query = query.where(
                or_(
                    OrderRow.collected_at >= collected_since,
                    (OrderRow.collected_at.is_(None)) & (OrderRow.updated_at >= collected_since),
                )
            )
        if problems_only:
            query = query.where(OrderRow.problem != "")
        if search.strip():
            query = query.where(self._search_clause(search))
        return query

    def count_orders(
        self,
        stages: Sequence[Stage] | None = None,
        search: str = "",
        collected_since: datetime | None = None,
        problems_only: bool = False,
    ) -> int:
        """How many orders a filtered view holds (the table's row count)."""
        with self.db.session() as s:
            query = self._summary_filter(
                select(func.count()).select_from(OrderRow),
                stages,
                search,
                collected_since,
                problems_only,
            )
            return s.scalar(query) or 0

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
    ) -> list[dict[str, Any]]:
        """One page of light rows for a table: no lines loaded, item count summed in SQL.

        Keys: order_id, commercial_id, customer_name, customer_email, stage, created_at,
        deadline_at, shelf, total_price_cents, currency, ready_at, collected_at, problem,
        bag_count, item_count.
        """
        column = self._summary_sort_column(sort)
        items = (
            select(func.coalesce(func.sum(OrderLineRow.quantity), 0))
            .where(OrderLineRow.order_pk == OrderRow.id)
            .scalar_subquery()
        )
        query = select(
            OrderRow.order_id,
            OrderRow.commercial_id,
            OrderRow.customer_name,
            OrderRow.customer_email,
            OrderRow.stage,
            OrderRow.created_at,
            OrderRow.deadline_at,
            OrderRow.shelf,
            OrderRow.total_price_cents,
            OrderRow.currency,
            OrderRow.ready_at,
            OrderRow.collected_at,
            OrderRow.problem,
            OrderRow.bag_count,
            items.label("item_count"),
        )
        query = self._summary_filter(query, stages, search, collected_since, problems_only)
        ordering = column.desc() if descending else column.asc()
        tie = OrderRow.id.desc() if descending else OrderRow.id.asc()
        query = query.order_by(ordering, tie).offset(offset).limit(limit)
        with self.db.session() as s:
            return [dict(row._mapping) for row in s.execute(query)]

    def view_counts(self, collected_since: datetime) -> dict[str, int]:
        """Counts per stage value, plus "collected_today" and "problems", in one session."""
        counts: dict[str, int] = {stage.value: 0 for stage in Stage}
        with self.db.session() as s:
            for stage, n in s.execute(
                select(OrderRow.stage, func.count()).group_by(OrderRow.stage)
            ):
                counts[stage] = counts.get(stage, 0) + n
            counts["collected_today"] = (
                s.scalar(
                    self._summary_filter(
                        select(func.count()).select_from(OrderRow),
                        [Stage.COLLECTED],
                        "",
                        collected_since,
                        False,
                    )
                )
                or 0
            )
            counts["problems"] = (
                s.scalar(select(func.count()).select_from(OrderRow).where(OrderRow.problem != ""))
                or 0
            )
        return counts

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
        return local_actions.mark_ready(self.db, order_id, shelf, till, bag_count, ship=ship)

    # ---- bulk download (sync engineer) --------------------------------------------------
    def known_order_ids(self, order_ids: Iterable[str]) -> set[str]:
        """Which of these marketplace order ids are already stored."""
        return order_import.known_order_ids(self.db, order_ids)

    def insert_new_orders(self, orders: Sequence[Order], stages: Sequence[Stage]) -> list[str]:
        """Insert orders not stored yet, in bulk (the initial sync of thousands of orders).

        One transaction; orders already stored are left alone (use `upsert_orders` for them).
        Returns the ids inserted.
        """
        return order_import.insert_new_orders(self.db, orders, stages)
