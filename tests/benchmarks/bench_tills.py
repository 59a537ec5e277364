"""Four till processes on one PostgreSQL store, next to one till on its own SQLite file.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_tills.py [N_ORDERS]`
(default 200,000 orders). A PostgreSQL server is started for the run (as in the tests: the
system's initdb/pg_ctl, as `postgres` under root). Each till process does 500 scans (pickup
code → verdict, `ScanService.resolve`) each followed by a confirm; every ready order is given
to two tills, so half the confirms race with another till's. A fifth process runs
`counter-app sync` against the simulator meanwhile (the shop's sync leader). Printed: scan →
verdict and confirm p50/p99 per till, collections lost (an "ok" with no collection stored) and
doubled (more than one collection for an order) — both must be 0 — and the same figures for
one SQLite till on a store of the same size. Target: p99 ≤ 20 ms for the shared store.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TILLS = 4
PER_TILL = 500

TILL_SCRIPT = r"""
import json, sys, time
from counter_app.settings import Settings
from counter_app.store.database import Database
from counter_app.store.repository import Repository
from counter_app.store.scan_service import ScanService
url, till, go, pairs = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
db = Database(url)
service = ScanService(Repository(db), Settings(database_url=url, till_name=till))
service.resolve("warm-up")
import os
while not os.path.exists(go):
    time.sleep(0.001)
scan_ms, confirm_ms, verdicts, oks = [], [], {}, []
for order_id, code in pairs:
    t0 = time.perf_counter()
    result = service.resolve(code)
    t1 = time.perf_counter()
    confirmed = service.confirm(order_id)
    t2 = time.perf_counter()
    scan_ms.append((t1 - t0) * 1000)
    confirm_ms.append((t2 - t1) * 1000)
    verdicts[result.verdict.value] = verdicts.get(result.verdict.value, 0) + 1
    if confirmed.confirmed:
        oks.append(order_id)
print(json.dumps({"till": till, "scan": scan_ms, "confirm": confirm_ms,
                  "verdicts": verdicts, "oks": oks}))
"""


def seed(url: str, n: int, ready: int) -> list[tuple[str, str]]:
    """n orders (two lines each), the first `ready` of them ready with a pickup code."""
    from counter_app.domain.pickup_code import new_pickup_code
    from counter_app.domain.stages import Stage
    from counter_app.store.database import Database
    from counter_app.store.migrate import upgrade
    from counter_app.store.repository import Repository
    from tests.factories import make_order

    db = Database(url)
    upgrade(db.engine, url, Path(tempfile.gettempdir()) / "bench-tills-backups")
    repo = Repository(db)
    pairs: list[tuple[str, str]] = []
    batch, stages = [], []
    for i in range(n):
        if i < ready:
            code = new_pickup_code()
            order = make_order(order_id=f"B{10_000_000 + i}-A", state="SHIPPING",
                               stage=Stage.READY, pickup_code=code)  # fmt: skip
            pairs.append((order.order_id, code))
        else:
            order = make_order(order_id=f"B{10_000_000 + i}-A", state="SHIPPING")
        batch.append(order)
        stages.append(order.stage)
        if len(batch) == 5000:
            repo.insert_new_orders(batch, stages)
            batch, stages = [], []
    if batch:
        repo.insert_new_orders(batch, stages)
    db.dispose()
    return pairs


def run_tills(url: str, work: list[list[tuple[str, str]]], go: Path) -> list[dict]:
    env = {**os.environ, "COUNTER_APP_NO_KEYRING": "1"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", TILL_SCRIPT, url, f"caisse-{k + 1}", str(go), json.dumps(w)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for k, w in enumerate(work)
    ]
    time.sleep(3)
    go.write_text("go")
    results = []
    for p in procs:
        out, err = p.communicate(timeout=1800)
        if p.returncode != 0:
            raise SystemExit(f"till failed: {err[-2000:]}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def collections(url: str) -> dict[str, int]:
    from sqlalchemy import text

    from counter_app.store.database import Database

    db = Database(url)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT order_id, count(*) FROM outbox WHERE action = 'collect' GROUP BY order_id")
        ).all()
    db.dispose()
    return {r[0]: int(r[1]) for r in rows}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(label: str, results: list[dict], stored: dict[str, int]) -> None:
    oks = [o for r in results for o in r["oks"]]
    lost = sum(1 for o in set(oks) if stored.get(o, 0) == 0)
    doubled = sum(1 for n in stored.values() if n > 1) + (len(oks) - len(set(oks)))
    for r in results:
        print(
            f"{label:<10} {r['till']:<9} scan p50 {statistics.median(r['scan']):6.2f} ms  "
            f"p99 {pct(r['scan'], 0.99):6.2f} ms · confirm p50 "
            f"{statistics.median(r['confirm']):6.2f} ms  p99 {pct(r['confirm'], 0.99):6.2f} ms · "
            f"verdicts {r['verdicts']}"
        )
    print(f"{label:<10} collections {len(set(oks))} · lost {lost} · doubled {doubled}")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    from counter_app.marketplace.simulator import OrderBook, SimulatorServer
    from tests.pg_fixtures import start_server

    ready = TILLS * PER_TILL // 2  # each ready order goes to two tills
    print(f"{n} orders; {TILLS} tills × {PER_TILL} scans+confirms; {ready} ready orders")
    server = start_server()
    work_dir = Path(tempfile.mkdtemp(prefix="bench-tills-"))
    sim = None
    sync = None
    try:
        pg_url = server.empty_database()
        t0 = time.perf_counter()
        pairs = seed(pg_url, n, ready)
        print(f"seeded PostgreSQL in {time.perf_counter() - t0:.0f} s")
        work = [
            [pairs[(k * PER_TILL // 2 + i) % ready] for i in range(PER_TILL)] for k in range(TILLS)
        ]
        sim = SimulatorServer(OrderBook(300, 7), "bench-key").start()
        home = work_dir / "sync-home"
        home.mkdir()
        (home / "settings.toml").write_text('till_name = "caisse-1"\n')
        env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
        env.update(
            COUNTER_APP_HOME=str(home), COUNTER_APP_NO_KEYRING="1",
            COUNTER_APP_DATABASE_URL=pg_url, COUNTER_APP_MARKETPLACE_URL=sim.url,
            COUNTER_APP_API_KEY="bench-key", COUNTER_APP_SHOP_ID=sim.book.shop_id,
        )  # fmt: skip
        sync = subprocess.Popen(
            [sys.executable, "-m", "counter_app", "sync", "--interval", "2"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        results = run_tills(pg_url, work, work_dir / "go-pg")
        report("postgres", results, collections(pg_url))

        sqlite_url = f"sqlite:///{work_dir / 'one-till.sqlite3'}"
        t0 = time.perf_counter()
        pairs = seed(sqlite_url, n, PER_TILL)
        print(f"seeded SQLite in {time.perf_counter() - t0:.0f} s")
        results = run_tills(sqlite_url, [pairs], work_dir / "go-sqlite")
        report("sqlite", results, collections(sqlite_url))
    finally:
        if sync is not None:
            sync.terminate()
            sync.wait(timeout=30)
        if sim is not None:
            sim.stop()
        server.stop("immediate")
        shutil.rmtree(server.root, ignore_errors=True)
        shutil.rmtree(work_dir, ignore_errors=True)
    print("target: p99 ≤ 20 ms (scan → verdict) on the shared store")
    return 0


if __name__ == "__main__":
    sys.exit(main())
