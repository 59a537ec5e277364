"""Benchmark: the app's thread read in a sync with 200 flagged customer threads (M11),
against the simulator with the demo's rate limits (M11: 60 calls a minute).

Prints the thread read's time and calls next to a baseline measured in the same run: one M11
call per flagged order (what reading each order's threads on its own costs). Targets: the
read stays within the rate limit (no 429) and makes fewer calls than the baseline.

Then a whole first sync cycle on a fresh store (orders, reasons, threads): its time, the
calls made per API and the calls the rate limits refused (target: none).

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
        cycle = _whole_cycle(threads)
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

    seconds, report, calls, refused, stored_cycle = cycle
    print(
        f"whole first sync: {seconds * 1000:8.1f} ms  ok: {report.ok}  "
        f"threads stored: {stored_cycle}  calls: "
        + ", ".join(f"{code} {n}" for code, n in sorted(calls.items()))
    )
    limits = ", ".join(f"{code} {lim.calls}/{lim.seconds:g}s" for code, lim in DEMO_LIMITS.items())
    print(f"  refused by the rate limits ({limits}): {sum(refused.values())} {dict(refused)}")


def _whole_cycle(threads: int) -> tuple[float, SyncReport, dict[str, int], dict[str, int], int]:
    """One first sync cycle on a fresh store against a fresh simulator with `threads` flagged."""
    book = OrderBook(0, seed=6)
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
            engine = SyncEngine(
                ctx.repo, MiraklConnector(server.url, API_KEY, book.shop_id), settings
            )
            started = time.perf_counter()
            report = engine.run_cycle(force_download=True)
            elapsed = time.perf_counter() - started
            stored = sum(len(ThreadStore(ctx.db).for_order(o)) for o in flagged)
            ctx.close()
        return elapsed, report, dict(server.requests), dict(server.limited), stored
    finally:
        server.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
