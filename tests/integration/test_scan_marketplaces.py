# ruff: noqa: F401
"""Scanning at a shop on two marketplaces, on a real store: an order number both have is
ambiguous and names both; a pickup code finds its own marketplace's order, and confirming it
collects that order alone, its `collect` queued in that account's outbox lane. On SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext
from counter_app.commands.language import CliLanguage
from counter_app.domain.scan import Verdict
from counter_app.domain.stages import Stage
from counter_app.store.models import OrderRow, ScanEventRow
from counter_app.store.outbox import Outbox
from counter_app.store.scan_service import ScanService
from counter_app.store.sync_state import SyncState, resource_for, save_sync_state
from counter_app.store.types import utcnow
from counter_app.ui.scan_desk import ScanDesk
from counter_app.ui.verdict_band import Tone
from tests.factories import make_order
from tests.pg_fixtures import database_url

SAME_ID = "81000001-A"


@pytest.fixture
def two_marketplaces(ctx: AppContext) -> AppContext:
    """The shop sells on Intermarché (account `main`) and Carrefour; both have order
    81000001-A, each ready on its own shelf with its own pickup code."""
    ctx.settings.marketplaces = [
        MarketplaceAccount("main", "Intermarché"),
        MarketplaceAccount("carrefour", "Carrefour"),
    ]
    for key, customer in (("main", "Léa Martin"), ("carrefour", "Hugo Bernard")):
        repo = ctx.repo.for_marketplace(key)
        repo.upsert_orders([make_order(order_id=SAME_ID, customer=customer)])
    return ctx


def _ready(ctx: AppContext, key: str, shelf: str) -> str:
    return ctx.repo.for_marketplace(key).mark_ready(SAME_ID, shelf, "till-1")


def _synced(ctx: AppContext, key: str, *, ago: timedelta = timedelta(0), error: str = "") -> None:
    now = utcnow()
    attempt = now if error else now - ago
    save_sync_state(ctx.db, SyncState(resource_for(key), now - ago, now - ago, attempt, error))


def test_an_order_number_on_two_marketplaces_is_ambiguous_and_names_both(
    two_marketplaces: AppContext,
) -> None:
    ctx = two_marketplaces
    _ready(ctx, "main", "B3")
    _ready(ctx, "carrefour", "C7")
    result = ScanService(ctx.repo, ctx.settings).resolve(SAME_ID + "\r\n")
    assert result.verdict is Verdict.AMBIGUOUS and result.order is None
    assert result.candidates == (SAME_ID, SAME_ID)
    named = {(c.order_id, c.marketplace, c.marketplace_name) for c in result.candidate_orders}
    assert named == {(SAME_ID, "main", "Intermarché"), (SAME_ID, "carrefour", "Carrefour")}
    assert result.message == (
        f"Several orders match ({SAME_ID} on Carrefour, {SAME_ID} on Intermarché): "
        "search by name instead. Offline: orders may have changed since the last sync."
    )
    french = CliLanguage("fr").say(result.text)
    assert f"({SAME_ID} sur Carrefour, {SAME_ID} sur Intermarché)" in french
    assert french.startswith("Plusieurs commandes")
    as_json = result.to_json()
    assert as_json["candidate_orders"] == [
        {"order_id": SAME_ID, "marketplace": "carrefour", "marketplace_name": "Carrefour"},
        {"order_id": SAME_ID, "marketplace": "main", "marketplace_name": "Intermarché"},
    ]


def test_the_second_marketplaces_pickup_code_is_ok_and_collects_that_order_only(
    two_marketplaces: AppContext,
) -> None:
    ctx = two_marketplaces
    _ready(ctx, "main", "B3")
    code = _ready(ctx, "carrefour", "C7")
    service = ScanService(ctx.repo, ctx.settings)
    result = service.resolve(code)
    assert result.verdict is Verdict.OK and result.order is not None
    assert (result.order.customer_name, result.order.shelf) == ("Hugo Bernard", "C7")
    assert result.marketplace == "carrefour" and result.order.marketplace_name == "Carrefour"
    assert result.to_json()["marketplace_name"] == "Carrefour"
    # The audit trail points at Carrefour's order, not at the other one with that number.
    with ctx.db.session() as s:
        audited = s.scalars(select(ScanEventRow).order_by(ScanEventRow.id.desc())).first()
        carrefour_pk = s.scalar(
            select(OrderRow.id).where(
                OrderRow.order_id == SAME_ID, OrderRow.marketplace == "carrefour"
            )
        )
        assert audited is not None and audited.order_pk == carrefour_pk

    done = service.confirm(SAME_ID, result.marketplace)
    assert done.verdict is Verdict.OK and done.confirmed and done.marketplace == "carrefour"
    carrefour = ctx.repo.require_order(SAME_ID, "carrefour")
    intermarche = ctx.repo.require_order(SAME_ID, "main")
    assert carrefour.stage is Stage.COLLECTED and intermarche.stage is Stage.READY
    collects = [a for a in Outbox(ctx.db, "carrefour").all() if a.action == "collect"]
    assert [a.order_id for a in collects] == [SAME_ID]
    assert not [a for a in Outbox(ctx.db, "main").all() if a.action == "collect"]
    # The same code again: already collected (this till said so), the other order untouched.
    again = service.resolve(code)
    assert again.verdict is Verdict.ALREADY_COLLECTED and again.marketplace == "carrefour"
    assert ctx.repo.require_order(SAME_ID, "main").stage is Stage.READY


def test_a_confirm_without_the_marketplace_of_a_shared_number_records_nothing(
    two_marketplaces: AppContext,
) -> None:
    ctx = two_marketplaces
    _ready(ctx, "main", "B3")
    _ready(ctx, "carrefour", "C7")
    result = ScanService(ctx.repo, ctx.settings).confirm(SAME_ID)
    assert result.verdict is Verdict.AMBIGUOUS and not result.confirmed
    assert {c.marketplace_name for c in result.candidate_orders} == {"Intermarché", "Carrefour"}
    for key in ("main", "carrefour"):
        assert ctx.repo.require_order(SAME_ID, key).stage is Stage.READY
        assert not [a for a in Outbox(ctx.db, key).all() if a.action == "collect"]


def test_a_verdicts_offline_flag_is_its_own_accounts_last_sync(
    two_marketplaces: AppContext,
) -> None:
    ctx = two_marketplaces
    main_code = _ready(ctx, "main", "B3")
    carrefour_code = _ready(ctx, "carrefour", "C7")
    _synced(ctx, "main")  # Intermarché synced just now
    _synced(ctx, "carrefour", ago=timedelta(minutes=5), error="connection refused")
    service = ScanService(ctx.repo, ctx.settings)
    assert not service.resolve(main_code).offline
    assert service.resolve(carrefour_code).offline
    # A code found nowhere may be an order of the account that is not syncing.
    assert service.resolve("99999999-Z").offline
    assert not service.is_offline("main") and service.is_offline("carrefour")
    assert service.is_offline()  # the shop as a whole: one account is offline
    _synced(ctx, "carrefour")
    assert not service.resolve(carrefour_code).offline
    assert not service.resolve("99999999-Z").offline


def test_the_till_names_the_marketplace_and_confirms_the_scanned_one(
    two_marketplaces: AppContext,
) -> None:
    ctx = two_marketplaces
    _ready(ctx, "main", "B3")
    code = _ready(ctx, "carrefour", "C7")
    desk = ScanDesk(ScanService(ctx.repo, ctx.settings))
    display = desk.handle_scan(code)
    assert display.verdict == "ok" and display.confirmable
    assert (display.marketplace, display.marketplace_name) == ("carrefour", "Carrefour")
    # The bag's slip: its bar code is the number alone, which Intermarché has too.
    slip = desk.handle_scan(SAME_ID)
    assert slip.verdict == "bag_check_marketplace" and slip.tone is Tone.WARN
    assert "check that the slip says Carrefour" in slip.message
    assert slip.customer == "Hugo Bernard" and slip.confirmable
    # The band's confirm button sends the order id alone: the desk adds the marketplace.
    collected = desk.confirm(SAME_ID)
    assert collected.verdict == "ok" and collected.marketplace == "carrefour"
    assert ctx.repo.require_order(SAME_ID, "carrefour").stage is Stage.COLLECTED
    assert ctx.repo.require_order(SAME_ID, "main").stage is Stage.READY


def test_one_marketplace_the_band_does_not_repeat_its_name(ctx: AppContext) -> None:
    ctx.repo.upsert_orders([make_order(order_id=SAME_ID)])
    code = ctx.repo.mark_ready(SAME_ID, "B3", "till-1")
    desk = ScanDesk(ScanService(ctx.repo, ctx.settings))
    display = desk.handle_scan(code)
    assert display.verdict == "ok" and display.marketplace == "main"
    assert display.marketplace_name == ""
    # A number on one marketplace only: the slip simply matches.
    assert desk.handle_scan(SAME_ID).verdict == "bag_match"
