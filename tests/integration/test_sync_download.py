"""Downloading orders from the simulator over real HTTP into a real SQLite file."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import json

from counter_app.domain.stages import Stage
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.sync.engine import RESOURCE
from tests.pg_fixtures import database_url
from tests.simulator_fixtures import engine, make_engine, sim, sim_factory


def _click_and_collect_ids(server: SimulatorServer) -> set[str]:
    return {
        oid
        for oid in server.book.order_ids()
        if server.book.get(oid)["shipping_type_code"] in ("CLICK_COLLECT", "PICKUP_2H")
    }


def test_initial_sync_pages_through_everything_and_keeps_only_click_and_collect(
    ctx,
    sim_factory,
) -> None:
    server = sim_factory(count=340, seed=21)
    eng = make_engine(ctx, server)
    report = eng.run_cycle()
    assert report.ok and report.download_done
    wanted = _click_and_collect_ids(server)
    assert 0 < len(wanted) < 340
    assert server.requests["OR11"] == 4  # 340 orders, 100 a page
    stored = {o.order_id for o in ctx.repo.list_orders()}
    assert stored == wanted
    assert report.downloaded == len(wanted)
    assert report.ignored == 340 - len(wanted)
    assert ctx.repo.get_sync_state(RESOURCE).last_success_at is not None


def test_stored_order_matches_the_marketplace(ctx, sim, engine) -> None:
    order_id = sim.book.add_order("SHIPPING")
    engine.run_cycle()
    remote = sim.book.get(order_id)
    local = ctx.repo.require_order(order_id)
    assert local.stage is Stage.TO_PREPARE
    assert (
        local.customer_name == f"{remote['customer']['firstname']} {remote['customer']['lastname']}"
    )
    assert local.total_price_cents == round(remote["total_price"] * 100)
    assert [line.ean for line in local.lines] == [
        line["offer_sku"] for line in remote["order_lines"]
    ]
    assert json.loads(local.raw_json)["order_id"] == order_id
    history = ctx.repo.stage_history(order_id)
    assert [(h.to_stage, h.source) for h in history] == [("to_prepare", "marketplace")]


def test_incremental_sync_fetches_only_changes_and_overlap_makes_no_duplicates(
    ctx,
    sim,
    engine,
) -> None:
    engine.run_cycle()
    before = len(ctx.repo.list_orders())
    calls = sim.requests["OR11"]
    new_id = sim.book.add_order("WAITING_ACCEPTANCE")
    engine.run_cycle(force_download=True)
    assert sim.requests["OR11"] == calls + 1  # one small page, not the whole book again
    assert len(ctx.repo.list_orders()) == before + 1
    assert ctx.repo.require_order(new_id).stage is Stage.TO_ACCEPT
    # The same window again: the simulator repeats recent orders; nothing is duplicated.
    report = engine.run_cycle(force_download=True)
    assert report.downloaded == 0 and report.updated == 0
    assert len(ctx.repo.list_orders()) == before + 1


def test_remote_changes_move_local_stages(ctx, sim, engine) -> None:
    paying = sim.book.add_order("WAITING_DEBIT_PAYMENT")
    doomed = sim.book.add_order("WAITING_ACCEPTANCE")
    engine.run_cycle()
    sim.book.set_state(paying, "SHIPPING")
    sim.book.set_state(doomed, "CANCELED")
    engine.run_cycle(force_download=True)
    assert ctx.repo.require_order(paying).stage is Stage.TO_PREPARE
    assert ctx.repo.require_order(doomed).stage is Stage.CANCELED


def test_unknown_future_state_is_kept_as_unknown(ctx, sim, engine) -> None:
    order_id = sim.book.add_order("SHIPPING")
    sim.book.set_state(order_id, "AWAITING_TELEPORTATION")
    engine.run_cycle()
    order = ctx.repo.require_order(order_id)
    assert order.stage is Stage.UNKNOWN
    assert order.remote_state == "AWAITING_TELEPORTATION"


def test_download_is_at_most_once_a_minute_unless_forced(ctx, sim, engine) -> None:
    engine.run_cycle()
    calls = sim.requests["OR11"]
    engine.run_cycle()
    assert sim.requests["OR11"] == calls
    engine.run_cycle(force_download=True)
    assert sim.requests["OR11"] == calls + 1


def test_shipping_types_setting_overrides_sh12(ctx, sim_factory) -> None:
    server = sim_factory(count=120, seed=4)
    ctx.settings.pickup_shipping_types = ["STD"]
    eng = make_engine(ctx, server)
    eng.run_cycle()
    assert server.requests["SH12"] == 0
    stored = ctx.repo.list_orders()
    assert stored and {o.shipping_type_code for o in stored} == {"STD"}


def test_one_malformed_order_is_skipped_and_the_rest_goes_in(ctx, sim, engine, caplog) -> None:
    good = sim.book.add_order("SHIPPING")
    bad = sim.book.add_order("SHIPPING")
    sim.book.corrupt(bad, created_date="the day before yesterday")
    report = engine.run_cycle()
    assert report.ok and report.skipped == [bad]
    assert ctx.repo.get_order(bad) is None
    assert ctx.repo.get_order(good) is not None
    assert bad in caplog.text
