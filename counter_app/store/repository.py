"""The repository facade: every read and write of orders goes through here, in short sessions.

Callers get plain domain objects (`counter_app.domain.orders.Order`), never live ORM rows, so
nothing outside `store/` touches SQL or holds a session open. The work itself lives in one
module per concern, behind this one class:

- `store/rows.py`: row mapping (stored rows to domain orders and back);
- `store/order_import.py`: orders arriving from the marketplace (merge, bulk insert);
- `store/local_actions.py`: the shop's actions (accept, ready, notes, problems), each with
  its outbox row (`store/outbox.py`) in the same transaction;
- `store/sync_state.py`: the sync watermark and last outcome;
- `store/records.py`: the plain values handed back;
- `store/order_scope.py`: finding an order by id among several marketplaces.

A repository may be one marketplace account's (`for_marketplace`): its lookups by order id,
its imports and its outbox are that account's. That is what one account's sync works
with. The shop-wide one (no account) sees every order; an id two marketplaces share is
refused there unless the caller says which (`marketplace=`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.accounts import LEGACY_KEY
from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
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
from counter_app.store.order_list import Key, OrderList
from counter_app.store.order_scope import find_order_row
from counter_app.store.records import (
    AmbiguousOrderError,
    OrderNotFoundError,
    OrderSummaryRow,
    StageChange,
    UpsertResult,
)
from counter_app.store.rows import order_from_row
from counter_app.store.sync_state import (
    SYNC_RESOURCE,
    SyncState,
    load_sync_state,
    resource_for,
    save_sync_state,
)
from counter_app.store.types import utcnow

__all__ = [
    "AmbiguousOrderError",
    "OrderNotFoundError",
    "Repository",
    "StageChange",
    "SyncState",
    "UpsertResult",
    "order_from_row",
]


class Repository:
    """Reads and writes of the local store, each in its own short transaction."""

    def __init__(self, db: Database, marketplace: str | None = None) -> None:
        self.db = db
        # None: the shop's whole store; an account key: that marketplace's view of it.
        self.marketplace = marketplace
        # The window's list queries live in `order_list`; the methods below hand over to it.
        self.lists = OrderList(db, order_from_row)

    def for_marketplace(self, key: str) -> Repository:
        """This store as one marketplace account sees it (what its sync works with)."""
        return Repository(self.db, key)

    def _scope(self, marketplace: str | None) -> str | None:
        return marketplace if marketplace is not None else self.marketplace

    @property
    def import_key(self) -> str:
        """The account orders imported through this repository belong to."""
        return self.marketplace if self.marketplace is not None else LEGACY_KEY

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
        ready_before: datetime | None = None,
        marketplace: str | None = None,
        number: str = "",
    ) -> int:
        return self.lists.count_orders(
            stages, search, collected_since, problems_only, ready_before, marketplace, number
        )

    def order_summaries(
        self,
        stages: Sequence[Stage] | None = None,
        search: str = "",
        collected_since: datetime | None = None,
        problems_only: bool = False,
        ready_before: datetime | None = None,
        sort: str = "created_at",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
        after: Key | None = None,
        marketplace: str | None = None,
        number: str = "",
    ) -> list[OrderSummaryRow]:
        return self.lists.order_summaries(
            stages,
            search,
            collected_since,
            problems_only,
            ready_before,
            sort=sort,
            descending=descending,
            offset=offset,
            limit=limit,
            after=after,
            marketplace=marketplace,
            number=number,
        )

    def view_counts(
        self,
        collected_since: datetime,
        ready_before: datetime | None = None,
        marketplace: str | None = None,
    ) -> dict[str, int]:
        return self.lists.view_counts(collected_since, ready_before, marketplace)

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
        return order_import.upsert_orders(self.db, orders, stage_for, marketplace=self.import_key)

    def get_order(self, order_id: str, marketplace: str | None = None) -> Order | None:
        """The order with this id (on `marketplace`, or this repository's), or None.

        Raises AmbiguousOrderError when several marketplaces have it and none is named.
        """
        with self.db.session() as s:
            row = find_order_row(s, order_id, self._scope(marketplace))
            return order_from_row(row) if row else None

    def get_order_by_pk(self, pk: int) -> Order | None:
        with self.db.session() as s:
            row = s.get(OrderRow, pk)
            return order_from_row(row) if row else None

    def require_order(self, order_id: str, marketplace: str | None = None) -> Order:
        order = self.get_order(order_id, marketplace)
        if order is None:
            raise OrderNotFoundError(f"no order {order_id!r} in the local store")
        return order

    def orders_with_id(self, order_id: str) -> list[Order]:
        """Every order with this id, one per marketplace that has it (usually one)."""
        with self.db.session() as s:
            rows = s.scalars(
                select(OrderRow).where(OrderRow.order_id == order_id).order_by(OrderRow.id)
            )
            return [order_from_row(r) for r in rows]

    def stage_history(self, order_id: str, marketplace: str | None = None) -> list[StageChange]:
        with self.db.session() as s:
            row = find_order_row(s, order_id, self._scope(marketplace))
            if row is None:
                return []
            rows = s.scalars(
                select(StageChangeRow)
                .where(StageChangeRow.order_pk == row.id)
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
        marketplace: str | None = None,
    ) -> int:
        """The local effect, the stage history and the outbox row, in one transaction.

        Returns the outbox row id. The action's original time is kept on the outbox row.
        `follow_up` actions (no payload) are queued right after it, in the same transaction.
        """
        return local_actions.apply_local_action(
            self.db,
            order_id,
            action,
            payload,
            till,
            effect,
            new_stage,
            follow_up,
            self._scope(marketplace),
        )

    def accept_order(
        self,
        order_id: str,
        refused_line_ids: Iterable[str] = (),
        till: str = "",
        marketplace: str | None = None,
    ) -> int:
        """Queue the shop's decision on each line (OR21); all refused = the order is refused."""
        return local_actions.accept_order(
            self.db, order_id, refused_line_ids, till, self._scope(marketplace)
        )

    def add_note(
        self, order_id: str, text: str, till: str = "", marketplace: str | None = None
    ) -> None:
        """A local note on the order (kept here; not sent to the marketplace)."""
        local_actions.add_note(self.db, order_id, text, till, self._scope(marketplace))

    def flag_problem(self, order_id: str, text: str, marketplace: str | None = None) -> None:
        local_actions.flag_problem(self.db, order_id, text, self._scope(marketplace))

    def set_thread_id(self, order_id: str, thread_id: str, marketplace: str | None = None) -> None:
        """Keep the customer thread OR43 opened (later replies go to it)."""
        local_actions.set_thread_id(self.db, order_id, thread_id, self._scope(marketplace))

    def clear_problem(self, order_id: str, marketplace: str | None = None) -> None:
        self.flag_problem(order_id, "", marketplace)

    def list_problems(self) -> list[Order]:
        with self.db.session() as s:
            query = select(OrderRow).where(OrderRow.problem != "")
            if self.marketplace is not None:
                query = query.where(OrderRow.marketplace == self.marketplace)
            rows = s.scalars(query.order_by(OrderRow.problem_at))
            return [order_from_row(r) for r in rows]

    # ---- sync bookkeeping ---------------------------------------------------------------
    def get_sync_state(self, resource: str = SYNC_RESOURCE) -> SyncState:
        """The sync state of `resource`, this repository's account's row of it."""
        return load_sync_state(self.db, resource_for(self.marketplace, resource))

    def save_sync_state(self, state: SyncState) -> None:
        save_sync_state(self.db, state)

    def count_pending_actions(self) -> int:
        """Local actions not delivered to the marketplace yet (pending or in flight)."""
        return outbox.Outbox(self.db, self.marketplace).waiting_count()

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
        """Store a fact; with `only_if_absent`, a value already there wins (and is returned).

        Two writers of a new key at once (two tills, two accounts' syncs): the second's
        insert hits the primary key and is done again as an update of the row now there.
        """
        try:
            return self._write_meta(key, value, only_if_absent)
        except IntegrityError:
            return self._write_meta(key, value, only_if_absent)

    def _write_meta(self, key: str, value: str, only_if_absent: bool) -> str:
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

    def marketplaces_in_store(self) -> dict[str, int]:
        """The account keys the store's orders belong to, with how many orders each."""
        with self.db.session() as s:
            return {
                key: n
                for key, n in s.execute(
                    select(OrderRow.marketplace, func.count()).group_by(OrderRow.marketplace)
                )
            }

    def earliest_created(
        self, stage: Stage = Stage.TO_ACCEPT, marketplace: str | None = None
    ) -> datetime | None:
        """The oldest order in a stage (its "accept before" estimate comes first), of one
        marketplace when given (the window's filter)."""
        with self.db.session() as s:
            query = select(func.min(OrderRow.created_at)).where(OrderRow.stage == stage.value)
            if marketplace is not None:
                query = query.where(OrderRow.marketplace == marketplace)
            return s.scalar(query)

    # ---- pickup (scan engineer) ---------------------------------------------------------
    def mark_ready(
        self,
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
        return local_actions.mark_ready(
            self.db,
            order_id,
            shelf,
            till,
            bag_count,
            ship=ship,
            marketplace=self._scope(marketplace),
        )

    # ---- bulk download (sync engineer) --------------------------------------------------
    def known_order_ids(self, order_ids: Iterable[str]) -> set[str]:
        """Which of these marketplace order ids are already stored."""
        return order_import.known_order_ids(self.db, order_ids, marketplace=self.import_key)

    def insert_new_orders(self, orders: Sequence[Order], stages: Sequence[Stage]) -> list[str]:
        """Insert orders not stored yet, in bulk (the initial sync of thousands of orders).

        One transaction; orders already stored are left alone (use `upsert_orders` for them).
        Returns the ids inserted.
        """
        return order_import.insert_new_orders(self.db, orders, stages, marketplace=self.import_key)
