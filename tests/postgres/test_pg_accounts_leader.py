"""Two tills on one PostgreSQL store, two marketplace accounts: one till syncs for the shop.

The sync role is the shop's, shared by a till's accounts: the till holding it syncs both
marketplaces, the other syncs neither (so no action can go out from two tills), and when
the first stops, the second takes the role for both accounts.
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import time
from pathlib import Path

from counter_app.bootstrap import AppContext, background_sync, open_context
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.settings import load_settings
from counter_app.sync.account_syncs import AccountSyncs
from tests.integration.test_two_marketplaces import Statuses, use_accounts
from tests.pg_fixtures import PgServer
from tests.simulator_fixtures import sim_factory


def _till(tmp_path: Path, name: str, url: str, sims: dict[str, SimulatorServer]) -> AppContext:
    home = tmp_path / name
    home.mkdir()
    settings = load_settings(home, {"database_url": url}, environ={}, read_api_key=False)
    settings.till_name = name
    settings.sync_interval_seconds = 600
    settings.sync_takeover_seconds = 5
    settings.paths.ensure()
    ctx = open_context(settings)
    use_accounts(ctx, sims)
    return ctx


def _followers(loops: AccountSyncs) -> dict[str, bool]:
    return {
        loop.marketplace: bool(loop.last_report and loop.last_report.follower)
        for loop in loops.loops
    }


def _wait(predicate, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_one_till_syncs_every_account_the_other_none_then_takes_over(
    pg_server: PgServer, tmp_path: Path, sim_factory
) -> None:
    sims = {
        "alpha": sim_factory(count=6, seed=3, shop_id="2001"),
        "beta": sim_factory(count=6, seed=5, shop_id="3001"),
    }
    url = pg_server.fresh_database()
    first_ctx = _till(tmp_path, "till-1", url, sims)
    second_ctx = _till(tmp_path, "till-2", url, sims)
    first_status, second_status = Statuses(), Statuses()
    first = background_sync(first_ctx, first_status.put)
    second = background_sync(second_ctx, second_status.put)
    assert isinstance(first, AccountSyncs) and isinstance(second, AccountSyncs)
    try:
        first.start()
        for key in sims:
            first_status.next_for(key, until=lambda s: s.online)
        assert _followers(first) == {"alpha": False, "beta": False}
        second.start()
        for key in sims:
            second_status.next_for(key)
        assert _followers(second) == {"alpha": True, "beta": True}

        # An action queued at the second till goes out from the first, once.
        order_id = sims["beta"].book.add_order("WAITING_ACCEPTANCE")
        first.sync_now()
        first_status.next_for("beta", until=lambda s: order_id in s.new_order_ids)
        second_ctx.repo.accept_order(order_id, till="till-2", marketplace="beta")
        second.upload_soon()
        first.upload_soon()
        first_status.next_for("beta", until=lambda s: s.pending_actions == 0)
        second_status.next_for("beta")
        assert sims["beta"].requests["OR21"] == 1 and sims["alpha"].requests["OR21"] == 0
        assert second_ctx.repo.get_meta("synced_by:beta") == "till-1"
        assert second_ctx.repo.get_meta("synced_by:alpha") == "till-1"

        # The first till stops: the second takes the role, for both accounts.
        first.stop()
        second.sync_now()
        _wait(lambda: _followers(second) == {"alpha": False, "beta": False})
        for key in sims:
            second_status.next_for(key, until=lambda s: s.online)
        assert sims["beta"].requests["OR21"] == 1  # nothing sent twice
    finally:
        first.stop()
        second.stop()
        first_ctx.close()
        second_ctx.close()
