"""Benchmark: initial sync of 20,000 orders from the simulator, and a no-change sync.

Prints each figure next to a baseline measured in the same run: the same OR11 pages fetched,
parsed with `json.loads` and written with `sqlite3.executemany` (orders and lines), nothing
else. Targets: initial sync ≤ 3× baseline and ≤ 15 s; no-change sync ≤ 100 ms.

Run: `.venv/bin/python tests/benchmarks/bench_sync.py [ORDERS]`
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import requests

os.environ.setdefault("COUNTER_APP_NO_KEYRING", "1")

from counter_app.bootstrap import open_context
from counter_app.marketplace.mirakl import MiraklConnector
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.settings import load_settings
from counter_app.sync.engine import SyncEngine

API_KEY = "bench-key-000"


def baseline(url: str, path: Path) -> tuple[float, int]:
    """Fetch the same pages, json.loads them, executemany the rows into bare tables."""
    started = time.perf_counter()
    session = requests.Session()
    session.headers["Authorization"] = API_KEY
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE orders (order_id TEXT PRIMARY KEY, state TEXT, customer TEXT, "
        "created TEXT, updated TEXT, total REAL, raw TEXT)"
    )
    conn.execute(
        "CREATE TABLE lines (order_id TEXT, line_id TEXT, title TEXT, sku TEXT, qty INTEGER, "
        "price REAL)"
    )
    offset, total, count = 0, 1, 0
    while offset < total:
        params = {"max": 100, "offset": offset, "sort": "dateCreated", "order": "asc"}
        payload = json.loads(session.get(f"{url}/api/orders", params=params, timeout=30).content)
        total = payload["total_count"]
        orders = payload["orders"]
        with conn:
            conn.executemany(
                "INSERT OR REPLACE INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        o["order_id"],
                        o["order_state"],
                        f"{o['customer']['firstname']} {o['customer']['lastname']}",
                        o["created_date"],
                        o["last_updated_date"],
                        o["total_price"],
                        json.dumps(o),
                    )
                    for o in orders
                ],
            )
            conn.executemany(
                "INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        o["order_id"],
                        li["order_line_id"],
                        li["product_title"],
                        li["offer_sku"],
                        li["quantity"],
                        li["price"],
                    )
                    for o in orders
                    for li in o["order_lines"]
                ],
            )
        count += len(orders)
        offset += len(orders)
    conn.close()
    return time.perf_counter() - started, count


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    t = time.perf_counter()
    book = OrderBook(n, seed=42, click_and_collect_share=1.0)
    print(f"order book of {n} orders generated in {time.perf_counter() - t:.2f} s")
    server = SimulatorServer(book, API_KEY).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            base_s, base_count = baseline(server.url, Path(tmp) / "baseline.sqlite3")
            settings = load_settings(Path(tmp) / "home", read_api_key=False)
            settings.paths.ensure()
            settings.marketplace_url, settings.api_key = server.url, API_KEY
            ctx = open_context(settings)
            engine = SyncEngine(ctx.repo, MiraklConnector(server.url, API_KEY), settings)
            t = time.perf_counter()
            report = engine.run_cycle(force_download=True)
            initial_s = time.perf_counter() - t
            assert report.ok and report.downloaded == n, report
            times = []
            for _ in range(5):
                t = time.perf_counter()
                again = engine.run_cycle(force_download=True)
                times.append(time.perf_counter() - t)
                assert again.ok and again.downloaded == 0 and again.updated == 0, again
            nochange_s = sorted(times)[len(times) // 2]
            ctx.close()
    finally:
        server.stop()
    ratio = initial_s / base_s
    print(f"baseline (fetch + json.loads + executemany, {base_count} orders): {base_s:.2f} s")
    print(
        f"initial sync of {n} orders: {initial_s:.2f} s = {ratio:.2f}x baseline "
        f"(target <= 3x and <= 15 s: {'OK' if ratio <= 3 and initial_s <= 15 else 'MISSED'})"
    )
    print(
        f"no-change sync (median of 5): {nochange_s * 1000:.0f} ms "
        f"(target <= 100 ms: {'OK' if nochange_s <= 0.1 else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
