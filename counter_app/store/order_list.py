"""The counter window's list queries: filtered counts, pages of light rows, tab counts.

A page is read in two steps: first the keys of its rows (order id and sort value only, so
SQLite reads an index, not the wide order rows), then those rows with their item counts. The
item count is a correlated sub-query, so it runs for the page's rows only, never for every
order the sort looked at (which cost 2.6 s at 200,000 orders).

Pages are found by keyset (`after`: the sort value and row id of the row just before the
page), from either end of the list: the last page is the first page of the reversed order, so
Ctrl+End in "All orders" never skips rows with OFFSET. Sorting by creation or deadline, the
keys come from the per-stage indexes ((stage, created_at), (stage, deadline_at)): one short
index range per stage, merged, instead of a sort of every order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, literal, or_, select, tuple_, union_all
from sqlalchemy.orm import Session

from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.domain.text import fold
from counter_app.store.database import Database
from counter_app.store.models import OrderLineRow, OrderRow
from counter_app.store.records import OrderSummaryRow

# Sort columns with a (stage, column) index: keys read per stage and merged.
_STAGE_INDEXED = frozenset({"created_at", "deadline_at"})
# Sort columns never NULL (created_at is set on every order): keyset comparisons are exact.
# The others may be NULL, which a row-value comparison cannot page over; those pages are read
# by offset (small lists: a shelf, a day's collections).
_NOT_NULL = frozenset({"created_at", "commercial_id", "customer", "stage", "total"})

# A keyset position: the sort value and the row id of the row just before the wanted page.
Key = tuple[Any, int]
# A view's filters: stages, search, collected since, problems only, ready before, marketplace.
_Filters = tuple[
    Sequence[Stage] | None, str, datetime | None, bool, datetime | None, str | None, str
]


def _sort_column(sort: str) -> Any:
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


def search_clause(text: str) -> Any:
    """Name (accents and case folded), order number prefix, e-mail, or an ISBN/EAN/SKU."""
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


def summary_filter(
    query: Any,
    stages: Sequence[Stage] | None,
    search: str,
    collected_since: datetime | None,
    problems_only: bool,
    ready_before: datetime | None = None,
    marketplace: str | None = None,
    number: str = "",
) -> Any:
    """`query` narrowed to a view: stages, a search, today's collections, problems, and
    ready orders made ready before `ready_before` (not collected in their pickup window);
    with `marketplace`, that account's orders only (a plain equality on the column, which
    SQLite checks on the rows an index range found: the per-stage key reads stay ranges);
    with `number`, the orders of exactly that number (the window showing a scanned order:
    two indexed equalities, where a search reads every name)."""
    if number:
        query = query.where(or_(OrderRow.commercial_id == number, OrderRow.order_id == number))
    if marketplace is not None:
        query = query.where(OrderRow.marketplace == marketplace)
    if ready_before is not None:
        query = query.where(OrderRow.stage == Stage.READY.value, OrderRow.ready_at < ready_before)
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
        # The shop's own problems, and incidents the customer opened on the marketplace.
        query = query.where(or_(OrderRow.problem != "", OrderRow.incident != ""))
    if search.strip():
        query = query.where(search_clause(search))
    return query


class OrderList:
    """The window's read-only list queries, each in its own short session."""

    def __init__(self, db: Database, to_order: Callable[[OrderRow], Order]) -> None:
        self.db = db
        self.to_order = to_order

    def list_orders(
        self,
        stages: Sequence[Stage] | None = None,
        search: str = "",
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[Order]:
        """Whole orders (with lines), oldest first unless `newest_first`."""
        with self.db.session() as s:
            query = select(OrderRow)
            if stages:
                query = query.where(OrderRow.stage.in_([st.value for st in stages]))
            if search.strip():
                query = query.where(search_clause(search))
            order_col = OrderRow.created_at.desc() if newest_first else OrderRow.created_at
            query = query.order_by(order_col, OrderRow.id).offset(offset)
            if limit is not None:
                query = query.limit(limit)
            return [self.to_order(r) for r in s.scalars(query)]

    def count_by_stage(self) -> dict[Stage, int]:
        counts = {stage: 0 for stage in Stage}
        with self.db.session() as s:
            for stage, n in s.execute(
                select(OrderRow.stage, func.count()).group_by(OrderRow.stage)
            ):
                counts[Stage(stage)] += n  # a stage unknown here counts as UNKNOWN
        return counts

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
        """How many orders a filtered view holds (the table's row count)."""
        filters = (
            stages,
            search,
            collected_since,
            problems_only,
            ready_before,
            marketplace,
            number,
        )
        with self.db.session() as s:
            return (
                s.scalar(summary_filter(select(func.count()).select_from(OrderRow), *filters)) or 0
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
        """One page of light rows for a table: no lines loaded, item count summed in SQL.

        The page starts after the row whose (sort value, row id) is `after` when given (a
        keyset page: nothing skipped), else `offset` rows in. Keys: order_id, commercial_id,
        customer_name, customer_email, stage, created_at, deadline_at, shelf,
        total_price_cents, currency, ready_at, collected_at, problem, bag_count, item_count,
        and `key` (this row's keyset position).
        """
        filters = (
            stages,
            search,
            collected_since,
            problems_only,
            ready_before,
            marketplace,
            number,
        )
        with self.db.session() as s:
            ids = self._page_keys(s, filters, sort, descending, offset, limit, after)
            if not ids:
                return []
            rows = self._rows(s, [pk for pk, _value in ids])
        by_id = {row.pop("id"): row for row in rows}
        return [OrderSummaryRow(**by_id[pk], key=(value, pk)) for pk, value in ids if pk in by_id]

    def keyset_pages(self, sort: str) -> bool:
        """Whether pages sorted on `sort` can be read by keyset (no NULL sort values)."""
        return sort in _NOT_NULL

    def _page_keys(
        self,
        s: Session,
        filters: _Filters,
        sort: str,
        descending: bool,
        offset: int,
        limit: int,
        after: Key | None,
    ) -> list[tuple[int, Any]]:
        """(row id, sort value) of the page's rows, in order."""
        column = _sort_column(sort)
        stages, search = filters[0], filters[1]

        def keys(stage_value: str | None) -> Select[Any]:
            query = select(OrderRow.id.label("pk"), column.label("value"))
            query = summary_filter(query, *filters)
            if stage_value is not None:
                query = query.where(OrderRow.stage == stage_value)
            if after is not None:
                position = tuple_(column, OrderRow.id)
                bound = tuple_(literal(after[0], column.type), literal(after[1]))
                query = query.where(position < bound if descending else position > bound)
            ordering = (column.desc(), OrderRow.id.desc()) if descending else (column, OrderRow.id)
            return query.order_by(*ordering)

        per_stage = sort in _STAGE_INDEXED and not search.strip() and offset == 0
        if per_stage:
            wanted = (
                [st.value for st in stages]
                if stages
                else list(s.scalars(select(OrderRow.stage).distinct()))
            )
            parts = [keys(value).limit(limit).subquery() for value in wanted]
            if not parts:
                return []
            merged = union_all(*(select(p.c.pk, p.c.value) for p in parts)).subquery()
            ordering = (
                (merged.c.value.desc(), merged.c.pk.desc())
                if descending
                else (merged.c.value, merged.c.pk)
            )
            query = select(merged.c.pk, merged.c.value).order_by(*ordering).limit(limit)
        else:
            query = keys(None).offset(offset).limit(limit)
        return [(pk, value) for pk, value in s.execute(query)]

    def _rows(self, s: Session, ids: list[int]) -> list[dict[str, Any]]:
        """The light rows of these orders (any order), with their item counts."""
        items = (
            select(func.coalesce(func.sum(OrderLineRow.quantity), 0))
            .where(OrderLineRow.order_pk == OrderRow.id)
            .scalar_subquery()
        )
        query = select(
            OrderRow.id,
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
            OrderRow.has_customer_message,
            OrderRow.incident,
            items.label("item_count"),
            OrderRow.marketplace,
        ).where(OrderRow.id.in_(ids))
        return [dict(row._mapping) for row in s.execute(query)]

    def view_counts(
        self,
        collected_since: datetime,
        ready_before: datetime | None = None,
        marketplace: str | None = None,
    ) -> dict[str, int]:
        """Counts per stage value, plus "collected_today", "problems" and (with
        `ready_before`) "not_collected", in one session; with `marketplace`, of that
        account's orders only (the tabs follow the window's marketplace filter)."""
        counts: dict[str, int] = {stage.value: 0 for stage in Stage}

        def only(query: Any) -> Any:
            return (
                query if marketplace is None else query.where(OrderRow.marketplace == marketplace)
            )

        with self.db.session() as s:
            for stage, n in s.execute(
                only(select(OrderRow.stage, func.count())).group_by(OrderRow.stage)
            ):
                counts[stage] = counts.get(stage, 0) + n
            counts["collected_today"] = (
                s.scalar(
                    summary_filter(
                        select(func.count()).select_from(OrderRow),
                        [Stage.COLLECTED],
                        "",
                        collected_since,
                        False,
                        marketplace=marketplace,
                    )
                )
                or 0
            )
            counts["problems"] = (
                s.scalar(
                    only(select(func.count()).select_from(OrderRow)).where(
                        or_(OrderRow.problem != "", OrderRow.incident != "")
                    )
                )
                or 0
            )
            if ready_before is not None:
                counts["not_collected"] = (
                    s.scalar(
                        summary_filter(
                            select(func.count()).select_from(OrderRow),
                            None,
                            "",
                            None,
                            False,
                            ready_before,
                            marketplace,
                        )
                    )
                    or 0
                )
        return counts
