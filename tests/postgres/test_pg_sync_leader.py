"""One till syncs for the shop; when it is killed another takes over; no action goes twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from counter_app.domain.stages import Stage
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.settings import Settings
from counter_app.store.database import Database
from counter_app.store.leader import SYNC_ADVISORY_KEY
from counter_app.store.repository import Repository
from counter_app.store.scan_service import ScanService
from tests.pg_fixtures import PgServer
from tests.simulator_fixtures import API_KEY, sim_factory  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def _env(home: Path, url: str, sim: SimulatorServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(
        COUNTER_APP_HOME=str(home),
        COUNTER_APP_NO_KEYRING="1",
        COUNTER_APP_DATABASE_URL=url,
        COUNTER_APP_MARKETPLACE_URL=sim.url,
        COUNTER_APP_API_KEY=API_KEY,
        COUNTER_APP_SHOP_ID=sim.book.shop_id,
    )
    return env


def _till_home(tmp_path: Path, name: str) -> Path:
    home = tmp_path / name
    home.mkdir()
    (home / "settings.toml").write_text(f'till_name = "{name}"\n')
    return home


def _leader_pid(url: str) -> int | None:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            name = conn.execute(
                text(
                    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a"
                    " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                    " AND l.objid = :k"
                ),
                {"k": SYNC_ADVISORY_KEY},
            ).scalar()
    finally:
        db.dispose()
    return int(name.split(":")[1]) if name else None


def _outbox_states(url: str) -> dict[str, int]:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT state, count(*) FROM outbox GROUP BY state")).all()
    finally:
        db.dispose()
    return {r[0]: int(r[1]) for r in rows}


def test_sync_leader_killed_another_takes_over_nothing_sent_twice(
    pg_server: PgServer,
    tmp_path: Path,
    sim_factory,  # noqa: F811
) -> None:
    sim = sim_factory(count=60, seed=5)
    url = pg_server.fresh_database()
    first = _till_home(tmp_path, "caisse-1")
    subprocess.run(
        [sys.executable, "-m", "counter_app", "sync", "--once"],
        env=_env(first, url, sim),
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    db = Database(url)
    repo = Repository(db)
    to_prepare = [o.order_id for o in repo.list_orders([Stage.TO_PREPARE])][:15]
    assert len(to_prepare) >= 5
    service = ScanService(repo, Settings(database_url=url, till_name="caisse-3"))
    for order_id in to_prepare:
        repo.mark_ready(order_id, "A1", "caisse-3")
        assert service.confirm(order_id).confirmed
    db.dispose()
    ships_before = sim.requests["OR24"]
    # The first collection sent hangs after the marketplace did the work: the leader is
    # killed while it waits for the answer (the outcome unknown, the row in flight).
    sim.arm("hang", count=1, path="/api/orders/", method="PUT", hang_seconds=6)
    homes = [first, _till_home(tmp_path, "caisse-2")]
    tills = [
        subprocess.Popen(
            [sys.executable, "-m", "counter_app", "sync", "--interval", "1"],
            env=_env(home, url, sim),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for home in homes
    ]
    try:
        deadline = time.monotonic() + 60
        while not _outbox_states(url).get("in_flight"):
            assert time.monotonic() < deadline, "no upload started"
            time.sleep(0.02)
        leader = _leader_pid(url)
        assert leader in {t.pid for t in tills}
        os.kill(leader, signal.SIGKILL)
        survivor = next(t for t in tills if t.pid != leader)
        deadline = time.monotonic() + 90
        while True:
            states = _outbox_states(url)
            if not states.get("pending") and not states.get("in_flight"):
                break
            assert time.monotonic() < deadline, states
            time.sleep(0.2)
        assert _leader_pid(url) == survivor.pid
    finally:
        for t in tills:
            if t.poll() is None:
                t.terminate()
        outs = [t.communicate(timeout=30) for t in tills]
    assert _outbox_states(url) == {"sent": 2 * len(to_prepare)}, outs
    # Each collection reached the marketplace once: the hung one was checked, not resent.
    assert sim.requests["OR24"] - ships_before == len(to_prepare)
    for order_id in to_prepare:
        assert sim.book.state(order_id) in ("SHIPPED", "RECEIVED", "CLOSED")
        assert len(sim.book.threads(order_id)) <= 1
