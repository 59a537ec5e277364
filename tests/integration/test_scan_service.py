"""The scan service against a real SQLite file: every verdict, confirm, bag check, audit trail."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest

from counter_app.bootstrap import AppContext
from counter_app.domain.keyboard_layouts import Layout, garble
from counter_app.domain.pickup_code import format_pickup_code, parse_pickup_code
from counter_app.domain.scan import BagVerdict, MatchKind, Verdict
from counter_app.domain.stages import Stage
from counter_app.store.models import OutboxRow, ScanEventRow
from counter_app.store.repository import SyncState
from counter_app.store.scan_service import ScanService
from counter_app.store.types import utcnow
from tests.factories import make_order
from tests.pg_fixtures import database_url  # noqa: F401  (both backends)


def _synced_now(ctx: AppContext) -> None:
    now = utcnow()
    ctx.repo.save_sync_state(SyncState("orders", now, now, now, ""))


def _ready(ctx: AppContext, order_id: str, shelf: str = "B3", **kw: object) -> str:
    ctx.repo.upsert_orders([make_order(order_id=order_id, **kw)])  # type: ignore[arg-type]
    return ctx.repo.mark_ready(order_id, shelf, "till-1")


@pytest.fixture
def service(ctx: AppContext) -> ScanService:
    _synced_now(ctx)
    return ScanService(ctx.repo, ctx.settings)


def _events(ctx: AppContext) -> list[ScanEventRow]:
    with ctx.db.session() as s:
        return list(s.query(ScanEventRow).order_by(ScanEventRow.id))


def test_mark_ready_writes_code_stage_and_outbox(ctx: AppContext) -> None:
    code = _ready(ctx, "31000001-A", shelf="C2")
    assert parse_pickup_code(code) == code
    order = ctx.repo.require_order("31000001-A")
    assert order.stage is Stage.READY and order.pickup_code == code and order.shelf == "C2"
    with ctx.db.session() as s:
        rows = list(s.query(OutboxRow).filter(OutboxRow.action == "ready"))
    assert [json.loads(r.payload) for r in rows] == [{"pickup_code": code, "shelf": "C2"}]
    # Marking again keeps the code the customer already has, moves the shelf, queues nothing.
    assert ctx.repo.mark_ready("31000001-A", "D1", "till-1", bag_count=2) == code
    again = ctx.repo.require_order("31000001-A")
    assert again.shelf == "D1" and again.bag_count == 2
    assert ctx.repo.count_pending_actions() == 1


def test_mark_ready_refuses_orders_not_prepared(ctx: AppContext) -> None:
    ctx.repo.upsert_orders([make_order(order_id="31000002-A", state="WAITING_ACCEPTANCE")])
    with pytest.raises(ValueError, match="to accept"):
        ctx.repo.mark_ready("31000002-A", "A1", "till-1")
    assert ctx.repo.require_order("31000002-A").pickup_code is None


def test_ok_by_pickup_code_in_any_spelling(ctx: AppContext, service: ScanService) -> None:
    code = _ready(ctx, "32000001-A", shelf="B3", customer="Émilie Lefèvre", notes="fragile")
    for text in (code, format_pickup_code(code).lower(), f"]Q1{code}\r\n", f"\x02{code}\x03"):
        result = service.resolve(text)
        assert result.verdict is Verdict.OK, text
        assert result.matched_by is MatchKind.PICKUP_CODE
        assert result.order is not None and result.order.customer_name == "Émilie Lefèvre"
        assert result.order.item_count == 3 and result.order.shelf == "B3"
        assert result.notes == "fragile" and not result.offline
        assert "Émilie Lefèvre" in result.message and "B3" in result.message


def test_code_inside_a_text_or_url_is_found(ctx: AppContext, service: ScanService) -> None:
    code = _ready(ctx, "32000002-A")
    shown = format_pickup_code(code)
    assert service.resolve(f"Votre code de retrait : {shown}").verdict is Verdict.OK
    assert service.resolve(f"https://example.fr/retrait?code={code}").verdict is Verdict.OK


def test_order_number_needs_a_name_check(ctx: AppContext, service: ScanService) -> None:
    _ready(ctx, "32000003-A", customer="Jean Dupont")
    for text in ("32000003-A", "https://marketplace.example/orders/32000003-A", "32000003"):
        result = service.resolve(text)
        assert result.verdict is Verdict.NEEDS_CHECK, text
        assert "Jean Dupont" in result.message


@pytest.mark.parametrize("layout", list(Layout))
def test_order_number_garbled_by_a_layout_resolves(
    ctx: AppContext, service: ScanService, layout: Layout
) -> None:
    _ready(ctx, "32000004-A")
    _ready(ctx, "32000005-B")
    result = service.resolve(garble("32000004-A", layout) + "\n")
    assert result.verdict is Verdict.NEEDS_CHECK and result.order_id == "32000004-A"
    url = garble("https://marketplace.example/orders/32000005-B", layout)
    assert service.resolve(url).order_id == "32000005-B"


def test_already_collected_says_when_and_where(ctx: AppContext, service: ScanService) -> None:
    code = _ready(ctx, "33000001-A")
    first = service.confirm("33000001-A")
    assert first.verdict is Verdict.OK and first.confirmed
    # Seen from another till (a collection made at this one moments ago reads differently:
    # see test_recent_collection.py).
    other = ScanService(ctx.repo, dataclasses.replace(ctx.settings, till_name="till-2"))
    again = other.resolve(code)
    assert again.verdict is Verdict.ALREADY_COLLECTED
    assert again.collected_till == "till-1" and again.collected_at is not None
    assert "till-1" in again.message and "Do not hand over" in again.message


def test_second_confirmation_is_already_collected(ctx: AppContext, service: ScanService) -> None:
    _ready(ctx, "33000002-A")
    assert service.confirm("33000002-A").confirmed
    second = service.confirm("33000002-A")
    assert second.verdict is Verdict.ALREADY_COLLECTED and not second.confirmed
    order = ctx.repo.require_order("33000002-A")
    assert order.stage is Stage.COLLECTED and order.collected_till == "till-1"
    with ctx.db.session() as s:
        collects = list(s.query(OutboxRow).filter(OutboxRow.action == "collect"))
    assert len(collects) == 1
    payload = json.loads(collects[0].payload)
    assert payload["till"] == "till-1" and payload["collected_at"].startswith("20")


def test_not_ready_and_canceled(ctx: AppContext, service: ScanService) -> None:
    ctx.repo.upsert_orders(
        [
            make_order(order_id="34000001-A", state="SHIPPING"),
            make_order(order_id="34000002-A", state="CANCELED"),
        ]
    )
    not_ready = service.resolve("34000001-A")
    assert not_ready.verdict is Verdict.NOT_READY and "to prepare" in not_ready.message
    assert service.resolve("34000002-A").verdict is Verdict.CANCELED
    refused = service.confirm("34000001-A")
    assert refused.verdict is Verdict.NOT_READY and not refused.confirmed
    assert ctx.repo.require_order("34000001-A").stage is Stage.TO_PREPARE
    assert ctx.repo.count_pending_actions() == 0


def test_canceled_after_ready_beats_the_secret_code(ctx: AppContext, service: ScanService) -> None:
    code = _ready(ctx, "34000003-A")
    later = utcnow() + timedelta(hours=1)
    ctx.repo.upsert_orders([make_order(order_id="34000003-A", state="CANCELED", updated_at=later)])
    assert service.resolve(code).verdict is Verdict.CANCELED


def test_unknown_invalid_and_ambiguous(ctx: AppContext, service: ScanService) -> None:
    code = _ready(ctx, "35000001-A")
    _ready(ctx, "35000001-B")
    other = "BCDFGHJKLNP"
    from counter_app.domain.pickup_code import check_symbol

    assert service.resolve(other + check_symbol(other)).verdict is Verdict.UNKNOWN
    assert service.resolve("99999999-Z").verdict is Verdict.UNKNOWN
    wrong = code[:5] + ("B" if code[5] != "B" else "C") + code[6:]
    bad = service.resolve(wrong)
    assert bad.verdict is Verdict.INVALID and "check" in bad.message
    assert service.resolve("").verdict is Verdict.INVALID
    assert service.resolve("\x00\x1b\r\n ").verdict is Verdict.INVALID
    assert service.resolve("bonjour !").verdict is Verdict.INVALID
    # Both orders share the commercial id 35000001.
    amb = service.resolve("35000001")
    assert amb.verdict is Verdict.AMBIGUOUS and amb.candidates == ("35000001-A", "35000001-B")


def test_validity_is_checked_before_already_collected(
    ctx: AppContext, service: ScanService
) -> None:
    code = _ready(ctx, "35000002-A")
    service.confirm("35000002-A")
    swapped = code[:3] + code[4] + code[3] + code[5:]
    if swapped != code:
        assert service.resolve(swapped).verdict is Verdict.INVALID


def test_offline_flag_follows_the_last_sync(ctx: AppContext) -> None:
    code = _ready(ctx, "36000001-A")
    service = ScanService(ctx.repo, ctx.settings)
    assert service.resolve(code).offline  # never synced
    now = utcnow()
    ctx.repo.save_sync_state(SyncState("orders", now, now, now, ""))
    assert not service.resolve(code).offline
    old = now - timedelta(seconds=ctx.settings.offline_after_seconds + 5)
    ctx.repo.save_sync_state(SyncState("orders", old, old, old, ""))
    assert service.resolve(code).offline
    ctx.repo.save_sync_state(SyncState("orders", now, now - timedelta(seconds=5), now, "timeout"))
    stale = service.resolve(code)
    assert stale.offline and "Offline" in stale.message


def test_bag_check_matches_or_warns_loudly(ctx: AppContext, service: ScanService) -> None:
    _ready(ctx, "37000001-A")
    _ready(ctx, "37000002-A")
    good = service.check_bag("37000001-A", "37000001-A\r")
    assert good.matches and not good.loud and "matches" in good.message
    garbled = service.check_bag("37000001-A", garble("37000001-A", Layout.FR_AZERTY))
    assert garbled.matches
    wrong = service.check_bag("37000001-A", "37000002-A")
    assert wrong.verdict is BagVerdict.WRONG_BAG and wrong.loud
    assert "WRONG BAG" in wrong.message and "37000002-A" in wrong.message
    assert service.check_bag("37000001-A", "zzz").verdict is BagVerdict.UNREADABLE


def test_every_scan_is_in_the_audit_trail(ctx: AppContext, service: ScanService) -> None:
    code = _ready(ctx, "38000001-A")
    service.resolve(code)
    service.resolve("garbage ☃")
    service.resolve("38000001-A")
    service.confirm("38000001-A")
    service.check_bag("38000001-A", "38000001-A")
    events = _events(ctx)
    assert [(e.kind, e.verdict) for e in events] == [
        ("scan", "ok"),
        ("scan", "invalid"),
        ("scan", "needs_check"),
        ("confirm", "ok"),
        ("bag_check", "match"),
    ]
    assert events[1].raw_input == "garbage ☃" and events[1].order_pk is None
    assert all(e.till == "till-1" for e in events)
    assert events[0].order_pk is not None


@pytest.mark.sqlite_only
def test_a_broken_store_gives_the_error_verdict(ctx: AppContext, service: ScanService) -> None:
    code = _ready(ctx, "39000001-A")
    ctx.db.dispose()
    ctx.db.file.unlink()  # type: ignore[union-attr]
    ctx.db.file.mkdir()  # type: ignore[union-attr]
    result = service.resolve(code)
    assert result.verdict is Verdict.ERROR and result.message
    confirm = service.confirm("39000001-A")
    assert confirm.verdict is Verdict.ERROR and not confirm.confirmed


@pytest.mark.sqlite_only
def test_scans_leave_every_connection_at_full_durability(
    ctx: AppContext, service: ScanService
) -> None:
    code = _ready(ctx, "39000002-A")
    for _ in range(3):
        service.resolve(code)
    # The pool hands the same connection to the next confirm: it must fsync its commit.
    with ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
