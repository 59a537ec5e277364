"""The start-up damage check (`PRAGMA quick_check`) on a large store, next to a bare open.

    .venv/bin/python tests/benchmarks/bench_start_check.py [--orders 50000]

Every start (window and each command) runs it before touching the store; this prints what it
costs next to opening the file and reading one row, the floor of any start.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from counter_app.bootstrap import open_context  # noqa: E402
from counter_app.domain.stages import Stage  # noqa: E402
from counter_app.settings import load_settings  # noqa: E402
from counter_app.store.database import file_damage  # noqa: E402
from tests.factories import make_order  # noqa: E402


def _timed(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        ctx = open_context(load_settings(home))
        for start in range(0, args.orders, 5000):
            batch = [make_order(state="SHIPPING") for _ in range(min(5000, args.orders - start))]
            ctx.repo.insert_new_orders(batch, [Stage.TO_PREPARE] * len(batch))
        ctx.close()
        db = home / "counter.sqlite3"

        def bare_open() -> None:
            conn = sqlite3.connect(db)
            conn.execute("SELECT order_id FROM orders LIMIT 1").fetchall()
            conn.close()

        check = _timed(lambda: file_damage(db))
        floor = _timed(bare_open)
        size = db.stat().st_size / 1e6
        print(f"store: {args.orders} orders, {size:.0f} MB")
        print(f"quick_check at start: {check:.0f} ms (median of 5, warm cache)")
        print(f"baseline, open + one row: {floor:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
