"""The window's list queries (`store/order_list.py`) on a real store, both backends: keyset
pages from either end give exactly the rows an offset read gives, ties included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from counter_app.bootstrap import AppContext
from counter_app.domain.stages import Stage
from tests.factories import make_order
from tests.pg_fixtures import database_url  # noqa: F401  (both backends)

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _fill(ctx: AppContext) -> None:
    # Three orders per minute: equal creation times, so the row id must break the ties.
    states = ["SHIPPING", "WAITING_ACCEPTANCE", "SHIPPED", "RECEIVED"]
    orders = [
        make_order(
            state=states[i % len(states)],
            customer=f"Client {i % 17:02d}",
            created_at=START + timedelta(minutes=i // 3),
        )
        for i in range(95)
    ]
    ctx.repo.upsert_orders(orders)


def _ids(rows: list[dict[str, object]]) -> list[object]:
    return [row.order_id for row in rows]


@pytest.mark.parametrize("sort", ["created_at", "customer", "commercial_id"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("stages", [None, [Stage.TO_PREPARE, Stage.COLLECTED]])
def test_keyset_pages_forward_and_back_match_the_offset_pages(
    ctx: AppContext, sort: str, descending: bool, stages: list[Stage] | None
) -> None:
    _fill(ctx)
    lists = ctx.repo.lists
    assert lists.keyset_pages(sort)
    everything = _ids(lists.order_summaries(stages, sort=sort, descending=descending, limit=500))
    assert len(everything) == lists.count_orders(stages) > 20
    # Forward, page after page, from the first.
    forward: list[object] = []
    after = None
    while True:
        page = lists.order_summaries(stages, sort=sort, descending=descending, limit=7, after=after)
        if not page:
            break
        forward += _ids(page)
        after = page[-1].key
    assert forward == everything
    # Backward from the far end (the reversed order's first page), as Ctrl+End reads it.
    backward: list[object] = []
    after = None
    while True:
        page = lists.order_summaries(
            stages, sort=sort, descending=not descending, limit=7, after=after
        )
        if not page:
            break
        backward = _ids(page)[::-1] + backward
        after = page[-1].key
    assert backward == everything
    # And the offset reads agree with both.
    middle = lists.order_summaries(stages, sort=sort, descending=descending, offset=10, limit=9)
    assert _ids(middle) == everything[10:19]


def test_tab_counts_match_the_filtered_counts(ctx: AppContext) -> None:
    _fill(ctx)
    counts = ctx.repo.view_counts(START - timedelta(days=1))
    by_stage = ctx.repo.count_by_stage()
    for stage in Stage:
        assert counts[stage.value] == by_stage[stage] == ctx.repo.count_orders([stage])
    assert sum(counts[stage.value] for stage in Stage) == ctx.repo.count_orders() == 95
