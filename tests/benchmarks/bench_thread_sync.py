"""Benchmark: the app's thread read in a sync with 200 flagged customer threads (M11),
against the simulator with the demo's rate limits (M11: 60 calls a minute).

Prints the thread read's time and calls next to a baseline measured in the same run: one M11
call per flagged order (what reading each order's threads on its own costs). Targets: the
read stays within the rate limit (no 429) and makes fewer calls than the baseline.

Run: `.venv/bin/python tests/benchmarks/bench_thread_sync.py [THREADS]`
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("COUNTER_APP_NO_KEYRING", "1")

from counter_app.bootstrap import open_context
from counter_app.marketplace.mirakl import MiraklConnector
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.marketplace.simulator.ratelimit import DEMO_LIMITS
from counter_app.settings import load_settings
from counter_app.store.threads import ThreadStore
from counter_app.sync.engine import SyncEngine, SyncReport

API_KEY = "bench-key-000"


def main(threads: int) -> None:
    book = OrderBook(0, seed=5)
    flagged = [book.add_order("SHIPPING") for _ in range(threads)]
    for i, order_id in enumerate(flagged):
        book.customer_writes(order_id, f"Message {i}: je passe samedi.", topic="Retrait")
    server = SimulatorServer(book, API_KEY, rate_limits=dict(DEMO_LIMITS)).start()
    try:
        with tempfile.TemporaryDirectory() as home:
            settings = load_settings(Path(home), read_api_key=False, environ={})
            settings.marketplace_url = server.url
            settings.api_key = API_KEY
            ctx = open_context(settings)
            connector = MiraklConnector(server.url, API_KEY, book.shop_id)
            engine = SyncEngine(ctx.repo, connector, settings)
            engine.download(SyncReport())
            before = server.requests["M11"]
            started = time.perf_counter()
            report = engine.threads.run(force=True)
            elapsed = time.perf_counter() - started
            calls = server.requests["M11"] - before
            stored = sum(len(ThreadStore(ctx.db).for_order(o)) for o in flagged)
            # Baseline: one M11 per flagged order (stopped at the rate limit).
            base_started = time.perf_counter()
            base_calls = 0
            limited = 0
            for order_id in flagged:
                try:
                    connector.list_threads(order_id=order_id)
                    base_calls += 1
                except Exception:
                    limited += 1
            base_elapsed = time.perf_counter() - base_started
            ctx.close()
    finally:
        server.stop()
    print(f"threads flagged: {threads}, stored: {stored}, read error: {report.error or 'none'}")
    print(
        f"app read:  {elapsed * 1000:8.1f} ms  M11 calls: {calls} "
        f"(listing {report.listing_calls}, per order {report.order_calls})"
    )
    print(
        f"baseline:  {base_elapsed * 1000:8.1f} ms  M11 calls: {base_calls} "
        f"(+{limited} refused by the 60/min limit)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
