"""Two tills (two real processes) on one store at the same moment: one code per order, one
sync at a time, no UNIQUE-constraint crash."""

# ruff: noqa: F401, F811 (fixtures imported by name)

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from tests.cli_runner import run_cli, run_cli_at_once
from tests.factories import make_order
from tests.simulator_fixtures import API_KEY, sim_factory

ROOT = Path(__file__).resolve().parents[2]

# Waits for a start signal (a file), then marks every order ready, as a till would.
READY_AT_SIGNAL = """
import json, os, sys, time
from counter_app.bootstrap import load_and_log, open_context
settings = load_and_log(None, stderr=False)
settings.till_name = sys.argv[2]
ctx = open_context(settings)
ids = sys.argv[3:]
while not os.path.exists(sys.argv[1]):
    time.sleep(0.0005)
codes = {i: ctx.repo.mark_ready(i, "A1", settings.till_name) for i in ids}
print(json.dumps(codes))
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(COUNTER_APP_HOME=str(home), COUNTER_APP_NO_KEYRING="1", **extra)
    return env


def test_two_tills_marking_the_same_orders_ready_get_one_code_each(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ctx = open_context(load_settings(home))
    orders = [make_order(state="SHIPPING") for _ in range(30)]
    ctx.repo.upsert_orders(orders)
    ctx.close()
    ids = [o.order_id for o in orders]
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", READY_AT_SIGNAL, str(go), f"caisse-{n}", *ids],
            env=_env(home),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    time.sleep(4)  # both are up and waiting
    go.write_text("go")
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    assert results[0] == results[1], "both tills must print the same code for an order"
    with sqlite3.connect(home / "counter.sqlite3") as conn:
        rows = conn.execute(
            "SELECT order_id, count(*) FROM outbox WHERE action = 'ready' GROUP BY order_id"
        ).fetchall()
        codes = dict(conn.execute("SELECT order_id, pickup_code FROM orders").fetchall())
    conn.close()
    assert sorted(rows) == sorted((i, 1) for i in ids), "one customer message per order"
    assert {i: codes[i] for i in ids} == results[0]


def test_two_syncs_at_once_never_crash_and_store_each_order_once(
    tmp_path: Path, sim_factory
) -> None:
    server = sim_factory(count=1500, seed=21)
    home = tmp_path / "home"
    extra = {
        "COUNTER_APP_MARKETPLACE_URL": server.url,
        "COUNTER_APP_API_KEY": API_KEY,
        "COUNTER_APP_SHOP_ID": server.book.shop_id,
    }
    # The store exists first, so that both start syncing at the same moment.
    assert run_cli(home, "db", "upgrade", env_extra=extra).returncode == 0
    outcomes = []
    for run in run_cli_at_once(home, "sync", "--once", env_extra=extra, timeout=240):
        assert "UNIQUE" not in run.stderr and "Traceback" not in run.stderr, run.stderr
        outcomes.append((run.returncode, run.stdout, run.stderr))
    codes = sorted(code for code, _, _ in outcomes)
    assert codes in ([0, 0], [0, 4]), outcomes
    if codes == [0, 4]:
        busy = next(err for code, _, err in outcomes if code == 4)
        assert "another sync is running on this store" in busy
    with sqlite3.connect(home / "counter.sqlite3") as conn:
        stored, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT order_id) FROM orders"
        ).fetchone()
    conn.close()
    assert stored == distinct > 0
