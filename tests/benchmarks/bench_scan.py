"""Scan → verdict with 200,000 orders in the store: p50/p99, next to a raw sqlite3 lookup.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_scan.py [N_ORDERS]`.
Target: p99 ≤ 5 ms for `ScanService.resolve` (which includes writing the audit row with
`synchronous=FULL`). The baseline is one indexed `SELECT` by pickup code through plain sqlite3
on the same file, measured in the same run, so the figures can be compared on any machine.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from counter_app.bootstrap import open_context
from counter_app.domain.keyboard_layouts import Layout, garble
from counter_app.domain.pickup_code import format_pickup_code, new_pickup_code
from counter_app.settings import load_settings
from counter_app.store.repository import SyncState
from counter_app.store.scan_service import ScanService

STAGES = ["collected"] * 70 + ["ready"] * 12 + ["to_prepare"] * 10 + ["canceled"] * 8
SCANS_PER_KIND = 400


def _fill(db_file: Path, n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """Bulk-insert n orders (two lines each) with plain sqlite3: the ORM would take minutes."""
    conn = sqlite3.connect(db_file)
    base = datetime(2024, 1, 1)
    order_rows = []
    codes: list[str] = []
    ids: list[str] = []
    for i in range(n):
        order_id = f"{20000000 + i * 37}-{'ABC'[i % 3]}"
        stage = rng.choice(STAGES)
        code = new_pickup_code() if stage in ("ready", "collected") else None
        created = (base + timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S.%f")
        order_rows.append(
            (
                order_id,
                order_id.split("-")[0],
                "SHIPPING",
                stage,
                f"Client {i}",
                f"client {i}",
                f"c{i}@example.fr",
                created,
                created,
                2390,
                "EUR",
                "CC",
                "Retrait",
                f"S{i % 40}",
                code,
                "",
                "till-1" if stage == "collected" else "",
                1,
                "",
                "",
            )
        )
        ids.append(order_id)
        if code and stage == "ready":
            codes.append(code)
    conn.executemany(
        "INSERT INTO orders (order_id, commercial_id, remote_state, stage, customer_name,"
        " customer_key, customer_email, created_at, updated_at, total_price_cents, currency,"
        " shipping_type_code, shipping_type_label, shelf, pickup_code, notes, collected_till,"
        " bag_count, problem, raw_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        order_rows,
    )
    conn.execute(
        "INSERT INTO order_lines (order_pk, position, line_id, title, sku, ean, quantity,"
        " unit_price_cents, total_price_cents, line_state)"
        " SELECT id, 0, order_id || '-1', 'Livre', '978', '978', 1, 890, 890, '' FROM orders"
    )
    conn.execute(
        "INSERT INTO order_lines (order_pk, position, line_id, title, sku, ean, quantity,"
        " unit_price_cents, total_price_cents, line_state)"
        " SELECT id, 1, order_id || '-2', 'Livre 2', '979', '979', 2, 750, 1500, '' FROM orders"
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    return ids, codes


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered) * 1e3, p99 * 1e3, ordered[-1] * 1e3


def _time(fn: Callable[[str], object], inputs: list[str]) -> list[float]:
    out = []
    for text in inputs:
        start = time.perf_counter()
        fn(text)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(Path(tmp), environ={}, read_api_key=False)
        settings.till_name = "bench"
        settings.paths.ensure()
        ctx = open_context(settings)
        started = time.perf_counter()
        ids, codes = _fill(settings.paths.database_file, n, rng)
        print(f"store: {n} orders, {len(codes)} ready ({time.perf_counter() - started:.1f} s)")
        now = datetime.now(UTC)
        ctx.repo.save_sync_state(SyncState("orders", now, now, now, ""))
        service = ScanService(ctx.repo, settings)

        kinds = {
            "pickup code (ok)": [rng.choice(codes) for _ in range(SCANS_PER_KIND)],
            "code, grouped, FR AZERTY": [
                garble(format_pickup_code(rng.choice(codes)), Layout.FR_AZERTY)
                for _ in range(SCANS_PER_KIND)
            ],
            "order id, DE QWERTZ": [
                garble(rng.choice(ids), Layout.DE_QWERTZ) for _ in range(SCANS_PER_KIND)
            ],
            "order URL, BE AZERTY": [
                garble(f"https://shop.example/orders/{rng.choice(ids)}", Layout.BE_AZERTY)
                for _ in range(SCANS_PER_KIND)
            ],
            "unknown code": [new_pickup_code() for _ in range(SCANS_PER_KIND)],
            "garbage (2 kB)": [
                "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(2000))
                for _ in range(SCANS_PER_KIND // 4)
            ],
        }
        for text in kinds["pickup code (ok)"][:50]:  # warm caches and the connection pool
            service.resolve(text)

        raw = sqlite3.connect(settings.paths.database_file)
        lookup = raw.execute  # bound once: the baseline is as lean as it gets

        def raw_lookup(code: str) -> object:
            return lookup(
                "SELECT id, order_id, stage, customer_name, shelf FROM orders"
                " WHERE pickup_code = ?",
                (code,),
            ).fetchone()

        base = _time(raw_lookup, kinds["pickup code (ok)"])
        b50, b99, bmax = _percentiles(base)
        print(f"{'':34} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        print(f"{'baseline: sqlite3 indexed':34} {b50:8.3f} {b99:8.3f} {bmax:8.3f}")
        everything: list[float] = []
        for name, inputs in kinds.items():
            samples = _time(service.resolve, inputs)
            everything += samples
            p50, p99, pmax = _percentiles(samples)
            print(f"{'resolve: ' + name:34} {p50:8.3f} {p99:8.3f} {pmax:8.3f}")
        p50, p99, pmax = _percentiles(everything)
        print(f"{'resolve: all scans':34} {p50:8.3f} {p99:8.3f} {pmax:8.3f}")
        print(f"target p99 <= 5 ms: {'MET' if p99 <= 5 else 'MISSED'} ({p99 / b99:.0f}x baseline)")

        # For information (no target): the bag check, and a confirmed collection, which waits
        # for its fsync (synchronous=FULL) before reporting success.
        order_of = {}
        for order_id, code in raw.execute(
            "SELECT order_id, pickup_code FROM orders WHERE stage = 'ready'"
        ):
            order_of[code] = order_id
        ready = [order_of[c] for c in dict.fromkeys(kinds["pickup code (ok)"])][:200]
        bags = _time(lambda oid: service.check_bag(oid, oid), ready)
        p50, p99, pmax = _percentiles(bags)
        print(f"{'check_bag: slip of the same order':34} {p50:8.3f} {p99:8.3f} {pmax:8.3f}")
        confirms = _time(service.confirm, ready)
        p50, p99, pmax = _percentiles(confirms)
        print(f"{'confirm: durable collection':34} {p50:8.3f} {p99:8.3f} {pmax:8.3f}")
        raw.close()
        ctx.close()


if __name__ == "__main__":
    main()
