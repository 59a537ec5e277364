"""Kill campaign: `kill -9` at random moments across sync, ready, confirm and first start.

On demand (not in the test suite, not in `make benchmarks`):

    .venv/bin/python tests/benchmarks/kill_campaign.py [--kills 200] [--seed 1]

A simulator runs in this process on 127.0.0.1; every command is a real `counter-app`
subprocess on one shop home (first starts each on a fresh home), killed by SIGKILL after a
random delay within its usual run time. At the end a clean sync settles the outbox and the
script reports: kills, commands that finished first, homes left unusable, actions lost
(acknowledged to the clerk but missing locally, or recorded locally but never reaching the
marketplace) and duplicated (a customer messaged twice, an order shipped twice, two local
actions for one hand-over). Exit code 1 when anything was lost, duplicated or left unusable.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from counter_app.marketplace.simulator import OrderBook, SimulatorServer  # noqa: E402

API_KEY = "campaign-key-5e1f0a"


class Campaign:
    """One simulator, one shop home, and the bookkeeping of what the clerk was told."""

    def __init__(self, workdir: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.workdir = workdir
        self.book = OrderBook(40, seed)
        self.server = SimulatorServer(self.book, API_KEY, control=False).start()
        self.ship_calls: collections.Counter[str] = collections.Counter()
        real_ship = self.book.ship

        def counted_ship(order_id: str) -> None:
            self.ship_calls[order_id] += 1
            real_ship(order_id)

        self.book.ship = counted_ship  # type: ignore[method-assign]
        self.home = workdir / "shop"
        self.acked_ready: dict[str, str] = {}
        self.acked_collect: set[str] = set()
        self.stats: collections.Counter[str] = collections.Counter()
        self.durations: dict[str, list[float]] = collections.defaultdict(list)
        self.unusable: list[str] = []

    def env(self, home: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
        env.update(
            COUNTER_APP_HOME=str(home),
            COUNTER_APP_NO_KEYRING="1",
            COUNTER_APP_MARKETPLACE_URL=self.server.url,
            COUNTER_APP_API_KEY=API_KEY,
            COUNTER_APP_SHOP_ID=self.book.shop_id,
            QT_QPA_PLATFORM="offscreen",
        )
        return env

    def run(self, home: Path, *args: str, kill_after: float | None = None) -> tuple[bool, str]:
        """(killed, stdout so far) of `counter-app ARGS`, SIGKILLed after `kill_after` s."""
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "counter_app", *args],
            env=self.env(home),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        killed = False
        try:
            proc.wait(timeout=kill_after if kill_after is not None else 300)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            killed = True
        out, _err = proc.communicate()
        if not killed:
            self.durations[args[0]].append(time.monotonic() - started)
        return killed, out

    # ---- the local store, read directly ------------------------------------------------------
    def query(self, sql: str, *params: object) -> list[tuple]:
        with sqlite3.connect(self.home / "counter.sqlite3", timeout=10) as conn:
            rows = conn.execute(sql, params).fetchall()
        conn.close()
        return rows

    def delay(self, op: str) -> float:
        usual = statistics.median(self.durations.get(op) or [1.0])
        # Most kills in the part of the run where the work happens (after Python's start-up),
        # some anywhere, a few after the end (the command finished: not a kill).
        if self.rng.random() < 0.7:
            return self.rng.uniform(0.55 * usual, 1.1 * usual)
        return self.rng.uniform(0.05, usual)

    # ---- operations ------------------------------------------------------------------------
    def op_sync(self) -> bool:
        killed, _ = self.run(self.home, "sync", "--once", kill_after=self.delay("sync"))
        return killed

    def op_ready(self) -> bool:
        rows = self.query("SELECT order_id FROM orders WHERE stage = 'to_prepare'")
        if not rows:
            self.book.add_order("SHIPPING")
            return self.op_sync()
        order_id = self.rng.choice(rows)[0]
        killed, out = self.run(
            self.home, "ready", order_id, "--shelf", "K1", "--json", kill_after=self.delay("ready")
        )
        if out.strip():  # the code was printed: the clerk writes it on the bag
            self.acked_ready[order_id] = json.loads(out.strip().splitlines()[-1])["pickup_code"]
        return killed

    def op_confirm(self) -> bool:
        rows = self.query(
            "SELECT order_id, pickup_code FROM orders WHERE stage = 'ready' AND pickup_code != ''"
        )
        if not rows:
            return self.op_ready()
        order_id, code = self.rng.choice(rows)
        killed, out = self.run(
            self.home, "scan", code, "--confirm", "--json", kill_after=self.delay("scan")
        )
        if out.strip():
            result = json.loads(out.strip().splitlines()[-1])
            if result.get("confirmed"):
                self.acked_collect.add(order_id)
        return killed

    def op_first_start(self) -> bool:
        home = self.workdir / f"first-{self.stats['first_start']}"
        killed, _ = self.run(home, "orders", "list", kill_after=self.delay("orders"))
        again = subprocess.run(
            [sys.executable, "-m", "counter_app", "orders", "list"],
            env=self.env(home),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if again.returncode != 0:
            self.unusable.append(f"{home.name}: {again.stderr.strip()[:200]}")
        return killed

    # ---- the campaign ------------------------------------------------------------------------
    def warm_up(self) -> None:
        for _ in range(3):
            self.book.add_order("SHIPPING")
        for _ in range(2):
            self.run(self.home, "sync", "--once")
        self.run(self.workdir / "warm", "orders", "list")
        order_id = self.query("SELECT order_id FROM orders WHERE stage = 'to_prepare'")[0][0]
        _, out = self.run(self.home, "ready", order_id, "--shelf", "K0", "--json")
        code = json.loads(out)["pickup_code"]
        self.acked_ready[order_id] = code
        self.run(self.home, "scan", code, "--json")

    def go(self, kills: int) -> None:
        ops = {
            "sync": self.op_sync,
            "ready": self.op_ready,
            "confirm": self.op_confirm,
            "first_start": self.op_first_start,
        }
        weights = {"sync": 3, "ready": 3, "confirm": 3, "first_start": 2}
        attempts = 0
        while self.stats["kills"] < kills and attempts < kills * 3:
            attempts += 1
            if attempts % 12 == 0:
                self.book.add_order("SHIPPING")
            op = self.rng.choices(list(weights), weights=list(weights.values()))[0]
            killed = ops[op]()
            self.stats[op] += 1
            self.stats["kills" if killed else "finished"] += 1
            if attempts % 25 == 0:
                print(f"  … {self.stats['kills']} kills so far", flush=True)

    def settle(self) -> int:
        waiting = -1
        for _ in range(6):
            _, out = self.run(self.home, "sync", "--once")
            try:
                waiting = int(out.rsplit("waiting", 1)[1].split()[0])
            except (IndexError, ValueError):
                waiting = -1
            if waiting == 0:
                break
        return waiting

    def verdict(self, waiting: int) -> dict[str, object]:
        local = {
            r[0]: r[1:]
            for r in self.query("SELECT order_id, stage, pickup_code, collected_at FROM orders")
        }
        lost: list[str] = []
        for order_id, code in self.acked_ready.items():
            stage, stored_code, _ = local.get(order_id, ("?", None, None))
            if stored_code != code or stage not in ("ready", "collected"):
                lost.append(f"ready {order_id}: told {code}, store has {stored_code} ({stage})")
        for order_id in self.acked_collect:
            stage, _, collected_at = local.get(order_id, ("?", None, None))
            if stage != "collected" or not collected_at:
                lost.append(f"collect {order_id}: store has {stage}")
        for order_id, (stage, code, collected_at) in local.items():
            threads = self.book.threads(order_id)
            if stage in ("ready", "collected") and code and not threads:
                lost.append(f"ready {order_id}: the customer never got the code")
            # Collected here (not closed by the marketplace): the marketplace must know.
            if collected_at and self.book.state(order_id) != "SHIPPED":
                lost.append(f"collect {order_id}: marketplace has {self.book.state(order_id)}")
        duplicated: list[str] = []
        for order_id in local:
            if len(self.book.threads(order_id)) > 1:
                duplicated.append(f"{order_id}: {len(self.book.threads(order_id))} messages")
            if self.ship_calls[order_id] > 1:
                duplicated.append(f"{order_id}: shipped {self.ship_calls[order_id]} times")
        for order_id, action, n in self.query(
            "SELECT order_id, action, count(*) FROM outbox "
            "WHERE action IN ('ready', 'collect') GROUP BY order_id, action HAVING count(*) > 1"
        ):
            duplicated.append(f"{order_id}: {n} local {action} actions")
        parked = self.query("SELECT order_id, action, last_error FROM outbox WHERE state='failed'")
        return {
            "kills": self.stats["kills"],
            "finished_before_the_kill": self.stats["finished"],
            "by_operation": {k: self.stats[k] for k in ("sync", "ready", "confirm", "first_start")},
            "acknowledged": {"ready": len(self.acked_ready), "collect": len(self.acked_collect)},
            "lost": lost,
            "duplicated": duplicated,
            "unusable_homes": self.unusable,
            "waiting_after_settle": waiting,
            "parked": [list(p) for p in parked],
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kill-campaign-") as tmp:
        campaign = Campaign(Path(tmp), args.seed)
        try:
            started = time.monotonic()
            campaign.warm_up()
            print(f"kill campaign: {args.kills} kills, seed {args.seed}", flush=True)
            campaign.go(args.kills)
            result = campaign.verdict(campaign.settle())
        finally:
            campaign.server.stop()
    result["seconds"] = round(time.monotonic() - started)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print(
        f"kills {result['kills']} · lost {len(result['lost'])} · "  # type: ignore[arg-type]
        f"duplicated {len(result['duplicated'])} · "  # type: ignore[arg-type]
        f"unusable homes {len(result['unusable_homes'])}"  # type: ignore[arg-type]
    )
    bad = result["lost"] or result["duplicated"] or result["unusable_homes"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
