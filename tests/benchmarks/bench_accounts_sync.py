"""Benchmark: how long one marketplace's action takes to go out while the other is in trouble.

Two accounts, two simulators, one store, the app's background syncs (one thread each). For
each condition of marketplace A (healthy, down, answering its listings after 5 s, rate-limited
for 60 s), an order is accepted on marketplace B and the time from `upload_soon()` to B's
status with nothing waiting is measured. The baseline is the same with B the only account.
Target: B's time in every condition stays near the baseline (A never delays B).

Run: `.venv/bin/python tests/benchmarks/bench_accounts_sync.py [ROUNDS]`
"""

from __future__ import annotations

import os
import queue
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("COUNTER_APP_NO_KEYRING", "1")

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import background_sync, open_context
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.settings import load_settings
from counter_app.sync.background import SyncStatus

API_KEY = "bench-key-000"


def _wait(statuses: queue.Queue[SyncStatus], key: str, test) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = statuses.get(timeout=max(0.1, deadline - time.monotonic()))
        if status.marketplace == key and test(status):
            return
    raise TimeoutError(key)


def run(condition: str, rounds: int) -> list[float]:
    a = SimulatorServer(OrderBook(20, seed=3, shop_id="2001"), API_KEY).start()
    b = SimulatorServer(OrderBook(20, seed=5, shop_id="3001"), API_KEY).start()
    try:
        with tempfile.TemporaryDirectory() as home:
            settings = load_settings(Path(home), read_api_key=False, environ={})
            settings.paths.ensure()
            settings.sync_interval_seconds = 600
            accounts = [
                MarketplaceAccount("alpha", "Alpha", a.url, "2001", api_key=API_KEY),
                MarketplaceAccount("beta", "Beta", b.url, "3001", api_key=API_KEY),
            ]
            if condition == "baseline":
                accounts = accounts[1:]
            settings.marketplaces = accounts
            first = accounts[0]
            settings.marketplace_key, settings.marketplace_url = first.key, first.url
            settings.shop_id, settings.api_key = first.shop_id, first.api_key
            with open_context(settings) as ctx:
                statuses: queue.Queue[SyncStatus] = queue.Queue()
                loops = background_sync(ctx, statuses.put)
                assert loops is not None
                if condition == "A down":
                    a.stop()
                elif condition == "A slow":
                    a.arm("hang", count=1000, path="/api/orders", method="GET", hang_seconds=5)
                elif condition == "A rate-limited":
                    a.arm("429", count=1000, path="/api/", retry_after=60)
                loops.start()
                _wait(statuses, "beta", lambda s: s.online)
                times = []
                for _ in range(rounds):
                    order_id = b.book.add_order("WAITING_ACCEPTANCE")
                    beta = next(loop for loop in loops.loops if loop.marketplace == "beta")
                    beta.sync_now()
                    _wait(statuses, "beta", lambda s, o=order_id: o in s.new_order_ids)
                    ctx.repo.accept_order(order_id, till="bench", marketplace="beta")
                    started = time.perf_counter()
                    loops.upload_soon()
                    _wait(statuses, "beta", lambda s: s.pending_actions == 0)
                    times.append(time.perf_counter() - started)
                loops.stop(timeout=15)  # a slow A finishes its request first
                return times
    finally:
        for server in (a, b):
            if not server.stopped:
                server.stop()


def main(rounds: int) -> None:
    print(f"B's accept: upload_soon() to B's status with nothing waiting, {rounds} rounds")
    baseline = 0.0
    for condition in ("baseline", "A healthy", "A down", "A slow", "A rate-limited"):
        times = run(condition, rounds)
        median = statistics.median(times)
        baseline = baseline or median
        print(
            f"  {condition:<16} median {median * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms"
            f"  ({median / baseline:4.1f}× baseline)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
