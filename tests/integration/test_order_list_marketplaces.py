"""The window's list queries narrowed to one marketplace account, on a real store (both
backends): counts, tab counts, keyset pages and searches give that account's orders only,
the same order id on two accounts is two rows, and no filter gives every account's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from counter_app.bootstrap import AppContext
from counter_app.domain.stages import Stage
from tests.factories import make_order
from tests.pg_fixtures import database_url  # noqa: F401  (both backends)

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
STATES = ["SHIPPING", "WAITING_ACCEPTANCE", "SHIPPED", "RECEIVED"]


def _fill(ctx: AppContext) -> dict[str, list[str]]:
    """40 Intermarché orders and 25 Carrefour ones; ids 0-9 exist on both."""
    made: dict[str, list[str]] = {}
    for key, count in (("intermarche", 40), ("carrefour", 25)):
        orders = [
            make_order(
                order_id=f"MK{i:03d}-A",
                state=STATES[i % len(STATES)],
                customer=f"{key.capitalize()} Client {i % 7}",
                created_at=START + timedelta(minutes=i // 2),
            )
            for i in range(count)
        ]
        ctx.repo.for_marketplace(key).upsert_orders(orders)
        made[key] = [o.order_id for o in orders]
    return made


def _pairs(rows: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(row.marketplace, row.order_id) for row in rows]


@pytest.mark.parametrize("sort", ["created_at", "customer", "deadline_at"])
@pytest.mark.parametrize("stages", [None, [Stage.TO_PREPARE, Stage.TO_ACCEPT]])
def test_pages_of_one_marketplace_hold_its_orders_only(
    ctx: AppContext, sort: str, stages: list[Stage] | None
) -> None:
    made = _fill(ctx)
    lists = ctx.repo.lists
    for key in ("intermarche", "carrefour"):
        everything = lists.order_summaries(stages, sort=sort, limit=500, marketplace=key)
        assert {m for m, _ in _pairs(everything)} == {key}
        expected = len(made[key]) if stages is None else len(made[key]) // 2
        assert abs(len(everything) - expected) <= 1
        assert lists.count_orders(stages, marketplace=key) == len(everything)
        if not lists.keyset_pages(sort):
            continue
        forward: list[tuple[str, str]] = []
        after = None
        while page := lists.order_summaries(
            stages, sort=sort, limit=6, after=after, marketplace=key
        ):
            forward += _pairs(page)
            after = page[-1].key
        assert forward == _pairs(everything)
    both = lists.order_summaries(stages, sort=sort, limit=500)
    assert (
        len(both)
        == lists.count_orders(stages)
        == sum(lists.count_orders(stages, marketplace=k) for k in ("intermarche", "carrefour"))
    )


def test_tab_counts_follow_the_marketplace(ctx: AppContext) -> None:
    _fill(ctx)
    since = START - timedelta(days=1)
    whole = ctx.repo.view_counts(since)
    inter = ctx.repo.view_counts(since, marketplace="intermarche")
    carre = ctx.repo.view_counts(since, marketplace="carrefour")
    for stage in Stage:
        assert whole[stage.value] == inter[stage.value] + carre[stage.value], stage
    assert inter[Stage.TO_PREPARE.value] == 10 and carre[Stage.TO_PREPARE.value] == 7
    ctx.repo.flag_problem("MK001-A", "Livre abîmé", marketplace="carrefour")
    assert ctx.repo.view_counts(since, marketplace="carrefour")["problems"] == 1
    assert ctx.repo.view_counts(since, marketplace="intermarche")["problems"] == 0
    assert ctx.repo.view_counts(since)["problems"] == 1


def test_a_search_within_one_marketplace_and_the_same_id_on_both(ctx: AppContext) -> None:
    _fill(ctx)
    lists = ctx.repo.lists
    both = lists.order_summaries(None, "MK003", limit=50)
    assert sorted(_pairs(both)) == [("carrefour", "MK003-A"), ("intermarche", "MK003-A")]
    only = lists.order_summaries(None, "MK003", limit=50, marketplace="carrefour")
    assert _pairs(only) == [("carrefour", "MK003-A")]
    assert lists.count_orders(None, "MK030", marketplace="carrefour") == 0  # Intermarché's
    assert lists.count_orders(None, "MK030", marketplace="intermarche") == 1
    assert lists.count_orders(marketplace="nowhere") == 0
