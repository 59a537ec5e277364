"""Two marketplace accounts, two simulators on loopback HTTP, one store (SQLite and PostgreSQL).

Each account syncs on its own thread with its own engine: both import into one store under
their key, an order id both marketplaces use stays two orders, an action goes to its own
marketplace exactly once, and a marketplace that is down or rate-limited holds back nothing
of the other's.
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterator

import pytest

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext, background_sync
from counter_app.domain.stages import Stage
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.marketplace_guard import (
    MarketplaceMismatchError,
    check_marketplace,
    meta_key_for,
    sync_lock_path,
)
from counter_app.store.outbox import Outbox
from counter_app.store.records import AmbiguousOrderError
from counter_app.sync.account_syncs import AccountSyncs
from counter_app.sync.background import SyncStatus
from tests.pg_fixtures import database_url
from tests.simulator_fixtures import API_KEY, sim_factory


def use_accounts(ctx: AppContext, sims: dict[str, SimulatorServer]) -> list[MarketplaceAccount]:
    """Point the settings at one account per simulator ("alpha", "beta"...)."""
    accounts = [
        MarketplaceAccount(
            key=key,
            name=key.capitalize(),
            url=sim.url,
            shop_id=sim.book.shop_id,
            api_key=API_KEY,
        )
        for key, sim in sims.items()
    ]
    s = ctx.settings
    s.marketplaces = accounts
    first = accounts[0]
    s.marketplace_key, s.marketplace_url, s.shop_id, s.api_key = (
        first.key,
        first.url,
        first.shop_id,
        first.api_key,
    )
    return accounts


class Statuses:
    """Collects the per-account statuses the background syncs report (from their threads)."""

    def __init__(self) -> None:
        self.queue: queue.Queue[SyncStatus] = queue.Queue()
        self.held: list[SyncStatus] = []  # read while waiting for another account's

    def put(self, status: SyncStatus) -> None:
        self.queue.put(status)

    def next_for(
        self, key: str, timeout: float = 15, until: Callable[[SyncStatus], bool] | None = None
    ) -> SyncStatus:
        """The next status of account `key` (that satisfies `until`, when given)."""
        deadline = time.monotonic() + timeout
        while True:
            for status in list(self.held):
                if status.marketplace == key:
                    self.held.remove(status)
                    if until is None or until(status):
                        return status
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no status for {key} within {timeout} s")
            try:
                self.held.append(self.queue.get(timeout=left))
            except queue.Empty:
                continue


@pytest.fixture
def two_sims(sim_factory) -> dict[str, SimulatorServer]:
    # Both simulators number orders alike: every id is on both marketplaces.
    return {
        "alpha": sim_factory(count=12, seed=3, shop_id="2001"),
        "beta": sim_factory(count=12, seed=7, shop_id="3001"),
    }


@pytest.fixture
def syncs(ctx: AppContext, two_sims) -> Iterator[tuple[AccountSyncs, Statuses]]:
    use_accounts(ctx, two_sims)
    ctx.settings.sync_interval_seconds = 600
    statuses = Statuses()
    loops = background_sync(ctx, statuses.put)
    assert isinstance(loops, AccountSyncs)
    yield loops, statuses
    loops.stop()


def test_both_accounts_sync_into_one_store_and_a_shared_id_stays_two_orders(
    ctx, two_sims, syncs
) -> None:
    loops, statuses = syncs
    assert loops.accounts == ["alpha", "beta"]
    loops.start()
    a = statuses.next_for("alpha", until=lambda s: s.last_success_at is not None)
    b = statuses.next_for("beta", until=lambda s: s.last_success_at is not None)
    assert a.online and b.online and a.marketplace_name == "Alpha"
    assert b.marketplace_name == "Beta"
    per_account = ctx.repo.marketplaces_in_store()
    assert set(per_account) == {"alpha", "beta"} and all(n > 0 for n in per_account.values())
    # Each watermark is its own row.
    alpha_state = ctx.repo.for_marketplace("alpha").get_sync_state()
    beta_state = ctx.repo.for_marketplace("beta").get_sync_state()
    assert alpha_state.resource == "orders:alpha" and beta_state.resource == "orders:beta"
    assert alpha_state.watermark and beta_state.watermark

    # Both simulators number alike: the imported ids overlap, each kept per marketplace.
    alpha_ids = {o.order_id for o in ctx.repo.list_orders() if o.marketplace == "alpha"}
    beta_ids = {o.order_id for o in ctx.repo.list_orders() if o.marketplace == "beta"}
    assert alpha_ids & beta_ids
    # A new order with the same id on both, waiting for acceptance on both.
    order_id = two_sims["alpha"].book.add_order("WAITING_ACCEPTANCE")
    assert two_sims["beta"].book.add_order("WAITING_ACCEPTANCE") == order_id
    loops.sync_now()
    statuses.next_for("alpha", until=lambda s: order_id in s.new_order_ids)
    statuses.next_for("beta", until=lambda s: order_id in s.new_order_ids)
    both = ctx.repo.orders_with_id(order_id)
    assert sorted(o.marketplace for o in both) == ["alpha", "beta"]

    # Without saying which, the action is refused and nothing is queued.
    before = Outbox(ctx.db).counts()
    with pytest.raises(AmbiguousOrderError, match="alpha, beta"):
        ctx.repo.accept_order(order_id, till="till-1")
    assert Outbox(ctx.db).counts() == before

    # Said which: it goes to that marketplace only, exactly once.
    ctx.repo.accept_order(order_id, till="till-1", marketplace="beta")
    loops.upload_soon()
    statuses.next_for("beta", until=lambda s: s.pending_actions == 0)
    assert two_sims["beta"].book.state(order_id) == "WAITING_DEBIT_PAYMENT"
    assert two_sims["alpha"].book.state(order_id) == "WAITING_ACCEPTANCE"
    assert two_sims["beta"].requests["OR21"] == 1
    assert two_sims["alpha"].requests["OR21"] == 0
    loops.sync_now()
    statuses.next_for("alpha")
    statuses.next_for("beta")
    assert two_sims["beta"].requests["OR21"] == 1  # not sent again
    assert ctx.repo.get_order(order_id, "alpha").stage is Stage.TO_ACCEPT
    # Each account's identity is its own record.
    assert ctx.repo.get_meta(meta_key_for("alpha")) and ctx.repo.get_meta(meta_key_for("beta"))
    assert meta_key_for("main") == "marketplace"


def test_one_marketplace_down_the_other_syncs_and_sends_its_actions(ctx, two_sims, syncs) -> None:
    loops, statuses = syncs
    loops.start()
    statuses.next_for("alpha", until=lambda s: s.online)
    statuses.next_for("beta", until=lambda s: s.online)
    alpha, beta = two_sims["alpha"], two_sims["beta"]
    a_id = alpha.book.add_order("WAITING_ACCEPTANCE")
    b_id = beta.book.add_order("WAITING_ACCEPTANCE")
    assert a_id == b_id  # same numbering: the same id on both
    loops.sync_now()
    statuses.next_for("alpha", until=lambda s: a_id in s.new_order_ids)
    statuses.next_for("beta", until=lambda s: b_id in s.new_order_ids)

    port = alpha.port
    alpha.stop()  # alpha's marketplace goes down
    ctx.repo.accept_order(a_id, till="till-1", marketplace="alpha")
    ctx.repo.accept_order(b_id, till="till-1", marketplace="beta")
    started = time.monotonic()
    loops.upload_soon()
    done = statuses.next_for("beta", until=lambda s: s.pending_actions == 0)
    assert done.online and time.monotonic() - started < 10
    assert beta.book.state(b_id) == "WAITING_DEBIT_PAYMENT" and beta.requests["OR21"] == 1
    down = statuses.next_for("alpha", timeout=60, until=lambda s: not s.online)
    assert down.pending_actions == 1 and down.last_error
    assert Outbox(ctx.db, "alpha").waiting_count() == 1
    assert Outbox(ctx.db, "beta").waiting_count() == 0

    # Alpha comes back on its address: its waiting action goes, once.
    back = SimulatorServer(alpha.book, API_KEY, port=port).start()
    try:
        loops.sync_now()
        statuses.next_for("alpha", timeout=30, until=lambda s: s.pending_actions == 0)
        assert alpha.book.state(a_id) == "WAITING_DEBIT_PAYMENT"
        assert back.requests["OR21"] == 1
        assert beta.requests["OR21"] == 1
    finally:
        back.stop()


def test_a_rate_limited_marketplace_does_not_delay_the_other(ctx, two_sims, syncs) -> None:
    loops, statuses = syncs
    alpha, beta = two_sims["alpha"], two_sims["beta"]
    alpha.arm("429", count=5, path="/api/orders", retry_after=40)
    loops.start()
    limited = statuses.next_for("alpha", until=lambda s: bool(s.last_error))
    assert "wait 40 s" in limited.last_error
    statuses.next_for("beta", until=lambda s: s.online)
    b_id = beta.book.add_order("WAITING_ACCEPTANCE")
    loops.sync_now()
    statuses.next_for("beta", until=lambda s: b_id in s.new_order_ids)
    alpha_calls = sum(alpha.requests.values())
    ctx.repo.accept_order(b_id, till="till-1", marketplace="beta")
    started = time.monotonic()
    loops.upload_soon()
    statuses.next_for("beta", until=lambda s: s.pending_actions == 0)
    assert time.monotonic() - started < 5  # not held by alpha's 40 s
    assert beta.book.state(b_id) == "WAITING_DEBIT_PAYMENT"
    # Alpha honours its own wait: nothing was sent to it meanwhile.
    assert sum(alpha.requests.values()) == alpha_calls


def test_skipped_account_reports_its_reason_and_others_sync(ctx, two_sims) -> None:
    accounts = use_accounts(ctx, two_sims)
    accounts[1].api_key = ""  # beta's set-up is half finished
    statuses = Statuses()
    loops = background_sync(ctx, statuses.put)
    assert isinstance(loops, AccountSyncs) and loops.accounts == ["alpha"]
    loops.start()
    try:
        beta = statuses.next_for("beta")
        assert not beta.online and "API key" in beta.last_error
        assert statuses.next_for("alpha", until=lambda s: s.online).marketplace_name == "Alpha"
    finally:
        loops.stop()


def test_mismatch_is_refused_for_that_account_only(ctx, two_sims, sim_factory) -> None:
    use_accounts(ctx, two_sims)
    for account in ctx.settings.effective_accounts():
        check_marketplace(ctx.repo, ctx.settings.for_account(account))
    from counter_app.marketplace_guard import record_marketplace

    for account in ctx.settings.effective_accounts():
        record_marketplace(ctx.repo, ctx.settings.for_account(account))
    # Beta's address now points at another marketplace: beta refused, alpha still fine.
    other = sim_factory(count=1, shop_id="9999")
    moved = ctx.settings.for_account(ctx.settings.account("beta"))  # type: ignore[arg-type]
    moved.marketplace_url, moved.shop_id = other.url, "9999"
    with pytest.raises(MarketplaceMismatchError):
        check_marketplace(ctx.repo, moved)
    check_marketplace(ctx.repo, ctx.settings.for_account(ctx.settings.account("alpha")))  # type: ignore[arg-type]
    # The same marketplace account twice (under two keys) is refused too.
    twin = ctx.settings.for_account(ctx.settings.account("beta"))  # type: ignore[arg-type]
    ctx.repo.set_meta(meta_key_for("beta"), "")  # beta's record forgotten
    twin.marketplace_url, twin.shop_id = two_sims["alpha"].url, two_sims["alpha"].book.shop_id
    with pytest.raises(MarketplaceMismatchError, match="already synced here"):
        check_marketplace(ctx.repo, twin)
    # Lock files: main keeps sync.lock, the others have their own.
    assert sync_lock_path(ctx.settings.for_account(ctx.settings.account("alpha"))).name == (  # type: ignore[arg-type]
        "sync-alpha.lock"
    )


def test_a_slow_marketplace_does_not_delay_the_other(ctx, two_sims, syncs) -> None:
    loops, statuses = syncs
    alpha, beta = two_sims["alpha"], two_sims["beta"]
    # Alpha answers its order listings only after 6 s each (as a marketplace under load).
    alpha.arm("hang", count=2, path="/api/orders", method="GET", hang_seconds=6)
    started = time.monotonic()
    loops.start()
    statuses.next_for("beta", until=lambda s: s.online)
    b_id = beta.book.add_order("WAITING_ACCEPTANCE")
    beta_loop, alpha_loop = loops.loop_for("beta"), loops.loop_for("alpha")
    assert beta_loop is not None and alpha_loop is not None
    beta_loop.sync_now()
    statuses.next_for("beta", until=lambda s: b_id in s.new_order_ids)
    ctx.repo.accept_order(b_id, till="till-1", marketplace="beta")
    loops.upload_soon()
    statuses.next_for("beta", until=lambda s: s.pending_actions == 0)
    # Beta synced twice and sent its action while alpha's first cycle was still waiting.
    assert time.monotonic() - started < 6
    assert alpha_loop.cycles == 0
    assert beta.book.state(b_id) == "WAITING_DEBIT_PAYMENT" and beta.requests["OR21"] == 1
    statuses.next_for("alpha", timeout=30, until=lambda s: s.online)


def test_a_real_account_added_to_the_demo_store_is_refused(ctx, two_sims) -> None:
    use_accounts(ctx, two_sims)
    from counter_app.marketplace_guard import Identity

    ctx.repo.set_meta(meta_key_for("alpha"), Identity(demo=True).to_json())
    beta = ctx.settings.for_account(ctx.settings.account("beta"))  # type: ignore[arg-type]
    with pytest.raises(MarketplaceMismatchError, match="demo's store"):
        check_marketplace(ctx.repo, beta)
