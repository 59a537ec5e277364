"""Uploading local actions (accept, refuse, ready, collect) to the simulator."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import io

import zxingcpp
from PIL import Image

from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.stages import Stage
from counter_app.store.outbox import Outbox
from counter_app.store.repository import Repository
from counter_app.store.types import utcnow
from tests.pg_fixtures import database_url
from tests.simulator_fixtures import engine, sim, sim_factory


def collect_locally(repo: Repository, order_id: str, till: str = "till-1") -> int:
    """The hand-over as the scan service records it (the agreed `collect` outbox row)."""
    now = utcnow()

    def effect(_session, row) -> None:  # type: ignore[no-untyped-def]
        row.collected_at = now
        row.collected_till = till

    return repo.apply_local_action(
        order_id,
        "collect",
        {"collected_at": now.isoformat(), "till": till},
        till,
        effect=effect,
        new_stage=Stage.COLLECTED,
    )


def test_accept_and_refuse_reach_the_marketplace(ctx, sim, engine) -> None:
    keep = sim.book.add_order("WAITING_ACCEPTANCE")
    refuse = sim.book.add_order("WAITING_ACCEPTANCE")
    engine.run_cycle()
    ctx.repo.accept_order(keep, till="till-1")
    all_lines = [line.line_id for line in ctx.repo.require_order(refuse).lines]
    ctx.repo.accept_order(refuse, refused_line_ids=all_lines, till="till-1")
    report = engine.run_cycle()
    assert report.uploaded == 2 and report.failed == 0 and report.pending == 0
    assert sim.book.state(keep) == "WAITING_DEBIT_PAYMENT"
    assert sim.book.state(refuse) == "REFUSED"
    # The remote echo does not move the local stages backwards or sideways.
    engine.run_cycle(force_download=True)
    assert ctx.repo.require_order(keep).stage is Stage.AWAITING_PAYMENT
    assert ctx.repo.require_order(refuse).stage is Stage.CANCELED


def test_partial_refusal_refuses_only_the_chosen_line(ctx, sim, engine) -> None:
    order_id = sim.book.add_order("WAITING_ACCEPTANCE")
    while len(sim.book.get(order_id)["order_lines"]) < 2:
        order_id = sim.book.add_order("WAITING_ACCEPTANCE")
    engine.run_cycle()
    lines = ctx.repo.require_order(order_id).lines
    ctx.repo.accept_order(order_id, refused_line_ids=[lines[0].line_id], till="till-1")
    engine.run_cycle()
    remote_lines = sim.book.get(order_id)["order_lines"]
    assert remote_lines[0]["order_line_state"] == "REFUSED"
    assert all(line["order_line_state"] != "REFUSED" for line in remote_lines[1:])


def test_ready_sends_the_customer_a_scannable_pickup_code(ctx, sim, engine) -> None:
    ctx.settings.pickup_code_field = "code-retrait"
    ctx.settings.shop_name = "Librairie des Canuts"
    order_id = sim.book.add_order("SHIPPING")
    engine.run_cycle()
    code = ctx.repo.mark_ready(order_id, shelf="B2", till="till-1")
    report = engine.run_cycle()
    assert report.uploaded == 1
    threads = sim.book.threads(order_id)
    assert len(threads) == 1
    thread = threads[0]
    assert thread.to == ["CUSTOMER"]
    assert format_pickup_code(code) in thread.body
    assert "Librairie des Canuts" in thread.body
    assert thread.topic["type"] == "FREE_TEXT"
    ((name, png),) = thread.files
    assert name.endswith(".png")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [d.text for d in decoded] == [code]
    fields = {f["code"]: f["value"] for f in sim.book.get(order_id)["order_additional_fields"]}
    assert fields == {"code-retrait": code}
    # Downloading the echo keeps the local READY stage and the code.
    engine.run_cycle(force_download=True)
    local = ctx.repo.require_order(order_id)
    assert local.stage is Stage.READY and local.pickup_code == code


def test_collect_ships_the_order_and_remote_shipped_means_collected(
    ctx,
    sim,
    engine,
) -> None:
    here = sim.book.add_order("SHIPPING")
    elsewhere = sim.book.add_order("SHIPPING")
    engine.run_cycle()
    for order_id in (here, elsewhere):
        ctx.repo.mark_ready(order_id, shelf="A1", till="till-1")
    collect_locally(ctx.repo, here)
    engine.run_cycle()
    assert sim.book.state(here) == "SHIPPED"
    # Collected through another channel: the marketplace says SHIPPED, the shop follows.
    sim.book.set_state(elsewhere, "SHIPPED")
    engine.run_cycle(force_download=True)
    assert ctx.repo.require_order(elsewhere).stage is Stage.COLLECTED
    assert ctx.repo.require_order(here).stage is Stage.COLLECTED
    assert Outbox(ctx.db).counts()["sent"] == 3
