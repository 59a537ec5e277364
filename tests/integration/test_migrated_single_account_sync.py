"""A single-marketplace store (schema 0004) upgraded to accounts, then synced as account `main`.

The fixture `tests/data/schema_0004.sqlite` has rows in every table, actions waiting in the
outbox, a sync watermark and the store's marketplace record. After the upgrade, a
single-account settings file is read as account `main`: the record and the watermark are
that account's, the waiting hand-over goes out once, and nothing is lost.
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from counter_app.accounts import LEGACY_KEY
from counter_app.bootstrap import open_context
from counter_app.domain.stages import Stage
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.marketplace.simulator.orderbook import OrderBook
from counter_app.marketplace_guard import (
    META_KEY,
    GuardedSyncEngine,
    Identity,
    MarketplaceMismatchError,
    recorded_identity,
)
from counter_app.settings import Settings, load_settings
from counter_app.store.outbox import Outbox
from counter_app.store.threads import ThreadStore
from tests.simulator_fixtures import API_KEY, fast_connector, sim_factory

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "schema_0004.sqlite"
# The hand-over the fixture's till recorded while the marketplace was unreachable.
WAITING_COLLECT = "CC210006-A"


def _order_as(book: OrderBook, order_id: str, state: str) -> None:
    """Give the simulator an order with the fixture's id (as the shop's marketplace has it)."""
    order: dict[str, Any] = book._generate(datetime.now(UTC) - timedelta(days=4), state)
    old = order["order_id"]
    order["order_id"] = order_id
    order["commercial_id"] = order_id.split("-")[0]
    for n, line in enumerate(order["order_lines"], start=1):
        line["order_line_id"] = f"{order_id}-{n}"
    assert old != order_id
    book._add(order, datetime.now(UTC))


@pytest.fixture
def migrated(home: Path, sim_factory, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    sim: SimulatorServer = sim_factory(count=30, seed=11, shop_id="2042")
    _order_as(sim.book, WAITING_COLLECT, "SHIPPING")
    (home / "settings.toml").write_text(
        f'marketplace_url = "{sim.url}"\nshop_id = "2042"\ntill_name = "caisse-1"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("COUNTER_APP_API_KEY", API_KEY)
    settings = load_settings()
    settings.paths.ensure()
    shutil.copyfile(FIXTURE, settings.paths.database_file)
    return settings, sim


def _ships(sim: SimulatorServer) -> dict[str, int]:
    """OR24 calls received, per order id (the gone order's one was answered 404)."""
    out: dict[str, int] = {}
    for method, path, _type, _body in sim.received:
        if method == "PUT" and path.endswith("/ship"):
            order_id = path.split("/")[-2]
            out[order_id] = out.get(order_id, 0) + 1
    return out


def _engine(ctx: Any, settings: Settings, sim: SimulatorServer) -> GuardedSyncEngine:
    (account,) = settings.effective_accounts()
    assert account.key == LEGACY_KEY and account.url == sim.url
    view = settings.for_account(account)
    return GuardedSyncEngine(ctx.repo.for_marketplace(account.key), fast_connector(sim), view)


def test_single_account_store_upgrades_and_syncs_as_main(migrated) -> None:
    settings, sim = migrated
    with open_context(settings) as ctx:
        repo = ctx.repo
        # Everything the old store had is account main's.
        assert repo.marketplaces_in_store() == {LEGACY_KEY: 8}
        lanes = {a.marketplace for a in Outbox(ctx.db).all()}
        assert lanes == {LEGACY_KEY}
        before = Outbox(ctx.db, LEGACY_KEY).counts()
        assert before == {"pending": 2, "in_flight": 1, "sent": 1, "failed": 1}
        watermark = repo.for_marketplace(LEGACY_KEY).get_sync_state().watermark
        assert watermark == datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
        threads = ThreadStore(ctx.db, LEGACY_KEY).for_order("CC210004-A")
        assert [t.thread_id for t in threads] == ["th-210004"]

        # The old record is main's: this simulator is another marketplace, refused.
        engine = _engine(ctx, settings, sim)
        with pytest.raises(MarketplaceMismatchError, match=r"marketplace\.example\.com"):
            engine.run_cycle(force_download=True)
        assert sum(sim.requests.values()) == 0  # nothing was sent
        assert Outbox(ctx.db, LEGACY_KEY).counts() == before

        # The shop's marketplace is this simulator (the record names it, as a store that
        # synced with it has): the sync goes ahead as account main.
        repo.set_meta(META_KEY, Identity(False, sim.url, "2042").to_json())
        report = engine.run_cycle(force_download=True)
        assert report.ok and report.download_done, report.error
        engine.close()
        # The waiting hand-over went out, once.
        assert _ships(sim) == {WAITING_COLLECT: 1, "CC209999-A": 1}
        assert sim.book.state(WAITING_COLLECT) != "SHIPPING"
        collect = [
            a
            for a in Outbox(ctx.db, LEGACY_KEY).all()
            if a.order_id == WAITING_COLLECT and a.action == "collect"
        ]
        assert [a.state for a in collect] == ["sent"]
        # The other two waiting actions are for orders this marketplace does not know:
        # parked with the reason, never lost.
        states = {(a.order_id, a.action): a.state for a in Outbox(ctx.db, LEGACY_KEY).all()}
        assert states == {
            ("CC210004-A", "ready"): "sent",
            (WAITING_COLLECT, "collect"): "sent",
            ("CC210002-A", "accept"): "failed",
            ("CC210005-A", "ready"): "failed",
            ("CC209999-A", "collect"): "failed",
            # The ready order's reminder, due since the days the store was closed: queued
            # by main's scheduler, for an order this simulator does not have.
            ("CC210004-A", "remind"): "failed",
        }

        # The watermark was the old one: only orders changed since it (less the overlap)
        # were read, and it moved on from there.
        since = watermark - timedelta(minutes=5)
        imported = [o for o in repo.list_orders() if not o.order_id.startswith("CC2")]
        assert imported and all(o.updated_at >= since for o in imported)
        older = [
            i
            for i in sim.book.order_ids()
            if datetime.fromisoformat(sim.book.get(i)["last_updated_date"].replace("Z", "+00:00"))
            < since
        ]
        assert older and not {o.order_id for o in imported} & set(older)
        moved = repo.for_marketplace(LEGACY_KEY).get_sync_state()
        assert moved.resource == "orders" and moved.watermark and moved.watermark > watermark
        assert recorded_identity(repo, LEGACY_KEY) == Identity(False, sim.url, "2042")
        # The local facts of the old orders stand.
        collected = repo.require_order(WAITING_COLLECT)
        assert collected.stage is Stage.COLLECTED and collected.marketplace == LEGACY_KEY
        assert repo.require_order("CC210004-A").pickup_code == "KTNPRSVXBCDF"

        # A second sync sends nothing again.
        again = _engine(ctx, settings, sim)
        assert again.run_cycle(force_download=True).ok
        again.close()
        assert _ships(sim) == {WAITING_COLLECT: 1, "CC209999-A": 1}
