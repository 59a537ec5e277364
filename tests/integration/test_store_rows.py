"""The store's row mapping and outbox inserts, on a real SQLite file.

Both ways an order enters the store (one by one, in bulk) map it through `store/rows.py`, so
they must read back the same; a stage this version does not know reads as UNKNOWN.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import update

from counter_app.bootstrap import AppContext
from counter_app.domain.stages import Stage
from counter_app.store.models import OrderRow
from counter_app.store.outbox import Outbox
from counter_app.store.records import StageChange
from tests.factories import make_order


def test_bulk_and_one_by_one_inserts_read_back_the_same(ctx: AppContext) -> None:
    one = make_order(order_id="CC700001-A", shelf="B2", notes="fragile", bag_count=2)
    bulk = dataclasses.replace(one, order_id="CC700002-A")
    ctx.repo.upsert_orders([one])
    assert ctx.repo.insert_new_orders([bulk], [bulk.stage]) == ["CC700002-A"]
    # Bulk-inserting an order already there leaves it alone.
    assert ctx.repo.insert_new_orders([bulk], [bulk.stage]) == []
    stored_one = ctx.repo.require_order("CC700001-A")
    stored_bulk = ctx.repo.require_order("CC700002-A")
    assert dataclasses.replace(stored_bulk, order_id="CC700001-A") == stored_one
    assert [line.title for line in stored_one.lines] == ["L'Étranger", "Le Petit Prince"]
    assert stored_one.shelf == "B2" and stored_one.bag_count == 2


def test_a_stage_written_by_a_newer_version_reads_as_unknown(ctx: AppContext) -> None:
    ctx.repo.upsert_orders([make_order(order_id="CC700003-A")])
    with ctx.db.session() as s:
        s.execute(
            update(OrderRow).where(OrderRow.order_id == "CC700003-A").values(stage="on_the_moon")
        )
    assert ctx.repo.require_order("CC700003-A").stage is Stage.UNKNOWN
    assert ctx.repo.count_by_stage()[Stage.UNKNOWN] == 1
    assert Stage("on_the_moon") is Stage.UNKNOWN
    with pytest.raises(ValueError):
        Stage(3)  # type: ignore[arg-type]


def test_stage_history_entries_are_frozen(ctx: AppContext) -> None:
    ctx.repo.upsert_orders([make_order(order_id="CC700004-A", state="WAITING_ACCEPTANCE")])
    ctx.repo.accept_order("CC700004-A", till="till-1")
    history = ctx.repo.stage_history("CC700004-A")
    assert [(h.from_stage, h.to_stage, h.source) for h in history] == [
        ("", "to_accept", "marketplace"),
        ("to_accept", "awaiting_payment", "local"),
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        history[0].till = "till-9"  # type: ignore[misc]
    assert isinstance(history[0], StageChange)


def test_an_action_and_its_follow_up_are_queued_together_and_counted(ctx: AppContext) -> None:
    ctx.repo.upsert_orders([make_order(order_id="CC700005-A")])
    assert ctx.repo.count_pending_actions() == 0 and ctx.repo.has_shop_data()
    code = ctx.repo.mark_ready("CC700005-A", shelf="C1", till="till-1", ship=True)
    queued = Outbox(ctx.db).all()
    assert [(a.action, a.state, a.till) for a in queued] == [
        ("ready", "pending", "till-1"),
        ("ship", "pending", "till-1"),
    ]
    assert queued[0].payload == {"pickup_code": code, "shelf": "C1"} and queued[1].payload == {}
    assert queued[0].created_at == queued[1].created_at
    assert ctx.repo.count_pending_actions() == 2 == Outbox(ctx.db).waiting_count()
    Outbox(ctx.db).mark_sent(queued[0].id)
    assert ctx.repo.count_pending_actions() == 1


def test_an_action_on_an_unknown_order_queues_nothing(ctx: AppContext) -> None:
    from counter_app.store.records import OrderNotFoundError

    with pytest.raises(OrderNotFoundError):
        ctx.repo.apply_local_action("CC799999-A", "collect", {}, "till-1")
    assert Outbox(ctx.db).all() == [] and not ctx.repo.has_shop_data()


def test_a_summary_row_holds_exactly_what_the_table_query_selects(ctx: AppContext) -> None:
    from counter_app.store.records import OrderSummaryRow

    ctx.repo.upsert_orders([make_order(order_id="CC700006-A")])
    ctx.repo.mark_ready("CC700006-A", shelf="D4", till="till-1", bag_count=2)
    (row,) = ctx.repo.order_summaries(search="CC700006")
    assert isinstance(row, OrderSummaryRow)  # the table's rows are this frozen type
    assert (row.order_id, row.stage, row.shelf, row.bag_count, row.item_count) == (
        "CC700006-A",
        "ready",
        "D4",
        2,
        3,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.shelf = "E1"  # type: ignore[misc]
