"""One store, two marketplaces: the same order id is two orders, each action in its lane."""

from __future__ import annotations

import pytest

from counter_app.bootstrap import AppContext
from counter_app.domain.stages import Stage
from counter_app.store.outbox import Outbox
from counter_app.store.records import AmbiguousOrderError, OrderNotFoundError
from counter_app.store.sync_state import resource_for
from counter_app.store.types import utcnow
from tests.factories import make_order


def _two_marketplaces(ctx: AppContext) -> None:
    im = ctx.repo.for_marketplace("intermarche")
    cf = ctx.repo.for_marketplace("carrefour")
    im.upsert_orders([make_order(order_id="20261201-A", customer="Hugo Martin")])
    cf.upsert_orders([make_order(order_id="20261201-A", customer="Léa Dubois")])
    cf.insert_new_orders([make_order(order_id="CF-77")], [Stage.TO_ACCEPT])


def test_the_same_id_on_two_marketplaces_is_two_orders(ctx: AppContext) -> None:
    _two_marketplaces(ctx)
    assert ctx.repo.marketplaces_in_store() == {"intermarche": 1, "carrefour": 2}
    both = ctx.repo.orders_with_id("20261201-A")
    assert sorted((o.marketplace, o.customer_name) for o in both) == [
        ("carrefour", "Léa Dubois"),
        ("intermarche", "Hugo Martin"),
    ]
    # Each marketplace's view finds its own; the shop-wide one asks which.
    assert ctx.repo.for_marketplace("carrefour").require_order("20261201-A").customer_name == (
        "Léa Dubois"
    )
    assert ctx.repo.get_order("20261201-A", "intermarche").customer_name == "Hugo Martin"
    with pytest.raises(AmbiguousOrderError, match="carrefour, intermarche"):
        ctx.repo.get_order("20261201-A")
    with pytest.raises(AmbiguousOrderError):
        ctx.repo.mark_ready("20261201-A", "B2", "caisse-1")
    assert ctx.repo.get_order("CF-77").marketplace == "carrefour"  # one has it: found
    with pytest.raises(OrderNotFoundError):
        ctx.repo.for_marketplace("intermarche").require_order("CF-77")


def test_a_refresh_from_one_marketplace_leaves_the_others_order_alone(ctx: AppContext) -> None:
    _two_marketplaces(ctx)
    newer = make_order(order_id="20261201-A", customer="Hugo Martin-Durand", updated_at=utcnow())
    result = ctx.repo.for_marketplace("intermarche").upsert_orders([newer])
    assert (result.inserted, result.updated) == (0, 1)
    assert ctx.repo.get_order("20261201-A", "carrefour").customer_name == "Léa Dubois"
    assert ctx.repo.get_order("20261201-A", "intermarche").customer_name == "Hugo Martin-Durand"


def test_each_action_waits_in_its_own_marketplace_lane(ctx: AppContext) -> None:
    _two_marketplaces(ctx)
    ctx.repo.mark_ready("20261201-A", "B2", "caisse-1", marketplace="carrefour")
    ctx.repo.accept_order("CF-77", till="caisse-1")
    assert ctx.repo.get_order("20261201-A", "intermarche").stage is not Stage.READY
    assert ctx.repo.get_order("20261201-A", "carrefour").stage is Stage.READY
    carrefour = Outbox(ctx.db, "carrefour").all()
    assert [(a.order_id, a.action, a.marketplace) for a in carrefour] == [
        ("20261201-A", "ready", "carrefour"),
        ("CF-77", "accept", "carrefour"),
    ]
    assert Outbox(ctx.db, "intermarche").all() == []
    assert Outbox(ctx.db, "intermarche").waiting_count() == 0
    assert Outbox(ctx.db).waiting_count() == 2  # the shop-wide count has both
    assert ctx.repo.for_marketplace("carrefour").count_pending_actions() == 2


def test_each_marketplace_has_its_own_watermark(ctx: AppContext) -> None:
    cf = ctx.repo.for_marketplace("carrefour")
    state = cf.get_sync_state()
    assert state.resource == resource_for("carrefour") == "orders:carrefour"
    state.watermark = utcnow()
    cf.save_sync_state(state)
    # The first account keeps the row it had with one marketplace; the other is untouched.
    assert ctx.repo.for_marketplace("main").get_sync_state().resource == "orders"
    assert ctx.repo.get_sync_state().watermark is None
    assert cf.get_sync_state().watermark == state.watermark
