"""The window's list queries at 200,000 orders over two marketplaces: with the marketplace
filter (one account's orders) next to the same queries without it, in the same run.

Run: `.venv/bin/python tests/benchmarks/bench_marketplace_list.py [N_ORDERS]`.
Target (issue 15): a filtered query within 2x of the unfiltered one, and Ctrl+End's page
(the last page of "All orders", read as the first of the reversed order) ≤ 100 ms either way.
Each figure is the median of 7 runs, after one warm-up run; the store is the one
`bench_ui.py` seeds, every other order then moved to a second account. The last column is
the filtered queries again with an index (marketplace, stage, created_at) that the schema does
not have: what a migration adding it would give.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["COUNTER_APP_NO_KEYRING"] = "1"

RUNS = 7
CTRL_END_TARGET_MS = 100.0


def _median_ms(read: Callable[[], Any]) -> float:
    read()  # warm-up: the page cache, SQLAlchemy's compiled statements
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        read()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    from counter_app.bootstrap import open_context
    from counter_app.domain.stages import Stage
    from counter_app.settings import load_settings
    from counter_app.ui.order_tabs import start_of_local_day
    from tests.benchmarks.bench_ui import _fill

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "store"
        started = time.perf_counter()
        _fill(home, n)
        settings = load_settings(home)
        conn = sqlite3.connect(settings.paths.database_file)
        conn.execute("UPDATE orders SET marketplace = 'carrefour' WHERE id % 2 = 0")
        conn.commit()
        conn.execute("ANALYZE")
        conn.close()
        print(f"seeded {n:,} orders over 2 marketplaces in {time.perf_counter() - started:.1f} s")
        ctx = open_context(settings)
        repo = ctx.repo
        today = start_of_local_day()
        now = datetime.now(UTC)

        def queries(key: str | None) -> dict[str, Callable[[], Any]]:
            return {
                "Ctrl+End page (All)": lambda: repo.order_summaries(
                    None, sort="created_at", descending=True, limit=200, marketplace=key
                ),
                "first page (To prepare)": lambda: repo.order_summaries(
                    [Stage.TO_PREPARE], sort="deadline_at", limit=200, marketplace=key
                ),
                "next page by keyset": lambda: repo.order_summaries(
                    None,
                    sort="created_at",
                    limit=200,
                    after=first[key][-1].key,
                    marketplace=key,
                ),
                "row count (To prepare)": lambda: repo.count_orders(
                    [Stage.TO_PREPARE], marketplace=key
                ),
                "tab counts": lambda: repo.view_counts(today, now, marketplace=key),
                "search 'Lefèvre 12'": lambda: repo.order_summaries(
                    None, "client 12", limit=200, marketplace=key
                ),
            }

        first = {
            key: repo.order_summaries(None, sort="created_at", limit=200, marketplace=key)
            for key in (None, "carrefour")
        }
        whole = {name: _median_ms(read) for name, read in queries(None).items()}
        one = {name: _median_ms(read) for name, read in queries("carrefour").items()}
        # For comparison: the same with an index led by the marketplace (not in the schema;
        # what a migration could add if the filtered counts matter).
        with ctx.repo.db.engine.begin() as c:
            c.exec_driver_sql(
                "CREATE INDEX bench_mk_stage ON orders (marketplace, stage, created_at)"
            )
            c.exec_driver_sql("ANALYZE")
        indexed = {name: _median_ms(read) for name, read in queries("carrefour").items()}
        ctx.close()
    print(
        f"{'query (ms, median of 7)':<28}{'all marketplaces':>18}{'one marketplace':>17}"
        f"{'one, +index':>13}"
    )
    for name in whole:
        print(f"{name:<28}{whole[name]:>18.1f}{one[name]:>17.1f}{indexed[name]:>13.1f}")
    slow = [k for k in whole if one[k] > 2 * whole[k] + 5]
    ctrl_end = max(whole["Ctrl+End page (All)"], one["Ctrl+End page (All)"])
    ok = not slow and ctrl_end <= CTRL_END_TARGET_MS
    print("targets met" if ok else f"TARGETS MISSED: {', '.join(slow) or 'Ctrl+End'}")


if __name__ == "__main__":
    main()
