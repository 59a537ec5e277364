"""The lists' refresh after a sync, read on the worker pool and applied on the GUI thread.

At 200,000 orders the tab counts alone take a few hundred milliseconds: read on the GUI thread
they froze the till after every sync. As Picard's `run_task` does, `read_refresh` runs on a
worker with a `RefreshRequest` (a plain copy of what the panel shows: tab, search, sort,
selected order) and returns a `RefreshResult` that the panel applies without a query. Each
request carries generation numbers: a result older than a newer request (another sync, a
local action, a tab change) is dropped, never painted over newer data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from counter_app.domain.deadlines import accept_before
from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.store.records import OrderSummaryRow
from counter_app.store.repository import Repository, StageChange
from counter_app.ui.operations.status import store_accounts
from counter_app.ui.order_messages import CustomerSection, read_section
from counter_app.ui.order_ref import OrderRef
from counter_app.ui.order_tabs import start_of_local_day

PREFETCHED_PAGES = 3  # the pages the panel looks through to keep the selected order


@dataclass(frozen=True)
class RefreshRequest:
    """What to read: the counts (`counts_generation`) and, with `list_generation`, the
    current list and the selected order."""

    counts_generation: int
    list_generation: int | None = None
    view_key: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = "created_at"
    descending: bool = False
    keyset: bool = True
    page_size: int = 200
    order_id: str | None = None
    order_marketplace: str | None = None  # the selected order's account (ids may repeat)
    # The marketplace filter: the counts and the list of that account only (None: all).
    marketplace: str | None = None
    # With several accounts: their keys, each one's sync state is read for the status bar.
    account_keys: tuple[str, ...] = ()
    # Ready before this = not collected in its pickup window (the "Not collected" tab's count).
    ready_before: datetime | None = None


@dataclass(frozen=True)
class SelectedRead:
    """The selected order as a refresh read it: following the selection reads nothing."""

    ref: OrderRef
    order: Order | None
    history: list[StageChange]
    section: CustomerSection | None


@dataclass(frozen=True)
class RefreshResult:
    """What the worker read for a `RefreshRequest`."""

    request: RefreshRequest
    counts: dict[str, int]
    deadline: datetime | None
    pending_actions: int
    last_success_at: datetime | None
    count: int = 0
    pages: dict[int, list[OrderSummaryRow]] = field(default_factory=dict)
    order: Order | None = None
    history: list[StageChange] = field(default_factory=list)
    # The selected order's threads and reminders: following the selection reads nothing.
    section: CustomerSection | None = None
    # Per account (several only): key -> (last success, actions waiting in its lane).
    accounts: dict[str, tuple[datetime | None, int]] = field(default_factory=dict)

    def selected(self) -> SelectedRead | None:
        """The selected order's reads, when the request named one."""
        request = self.request
        if not request.order_id:
            return None
        ref = OrderRef(request.order_id, request.order_marketplace)
        return SelectedRead(ref, self.order, self.history, self.section)


def rows_in_tab(key: str, counts: dict[str, int]) -> int:
    """A tab's row count (no search) from the tab counts: no count query of its own."""
    if key == "all":
        return sum(counts.get(stage.value, 0) for stage in Stage)
    if key == "to_prepare":
        return counts.get("to_prepare", 0) + counts.get("awaiting_payment", 0)
    return counts.get(key, 0)


def read_refresh(
    repo: Repository, acceptance_delay_hours: int, request: RefreshRequest
) -> RefreshResult:
    """Every read a refresh needs (runs on a worker thread; touches no widget)."""
    counts = repo.view_counts(
        start_of_local_day(), request.ready_before, marketplace=request.marketplace
    )
    oldest = repo.earliest_created(Stage.TO_ACCEPT, request.marketplace)
    deadline = accept_before(oldest, acceptance_delay_hours) if oldest else None
    state = repo.get_sync_state()
    result = RefreshResult(
        request=request,
        counts=counts,
        deadline=deadline,
        pending_actions=repo.count_pending_actions(),
        last_success_at=state.last_success_at,
        accounts=store_accounts(repo, request.account_keys),
    )
    if request.list_generation is None:
        return result
    filters = request.filters
    if filters.get("search") or filters.get("number"):
        count = repo.count_orders(**filters)
    else:
        count = rows_in_tab(request.view_key, counts)
    pages: dict[int, list[OrderSummaryRow]] = {}
    after = None
    for number in range(PREFETCHED_PAGES):
        if number * request.page_size >= count:
            break
        where: dict[str, Any] = (
            {"after": after} if request.keyset else {"offset": number * request.page_size}
        )
        page = repo.order_summaries(
            **filters,
            sort=request.sort,
            descending=request.descending,
            limit=request.page_size,
            **where,
        )
        pages[number] = page
        if len(page) < request.page_size:
            break
        after = page[-1].key
    order = (
        repo.get_order(request.order_id, request.order_marketplace) if request.order_id else None
    )
    history = repo.stage_history(order.order_id, order.marketplace) if order is not None else []
    section = read_section(repo, order) if order is not None else None
    return RefreshResult(
        request=request,
        counts=counts,
        deadline=deadline,
        pending_actions=result.pending_actions,
        last_success_at=result.last_success_at,
        count=count,
        pages=pages,
        order=order,
        history=history,
        section=section,
        accounts=result.accounts,
    )
