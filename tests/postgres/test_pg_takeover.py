"""The syncing till frozen (SIGSTOP: a PC that hangs keeps its server session and lock) is
replaced by another within a minute, steps down when it wakes, and nothing goes twice; a
confirm at a follower till wakes the syncing one at once (NOTIFY), not at its next cycle."""

from __future__ import annotations

import json
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
from counter_app.store.leader import HEARTBEAT_KEY
from counter_app.store.repository import Repository
from counter_app.store.scan_service import ScanService
from tests.pg_fixtures import PgServer
from tests.postgres.test_pg_sync_leader import _env, _leader_pid, _outbox_states
from tests.simulator_fixtures import sim_factory  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def _home(tmp_path: Path, name: str, takeover_s: int = 45) -> Path:
    home = tmp_path / name
    home.mkdir()
    (home / "settings.toml").write_text(
        f'till_name = "{name}"\nsync_takeover_seconds = {takeover_s}\n'
    )
    return home


def _first_sync(home: Path, url: str, sim: SimulatorServer) -> None:
    subprocess.run(
        [sys.executable, "-m", "counter_app", "sync", "--once"],
        env=_env(home, url, sim),
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )


def _sync_loop(home: Path, url: str, sim: SimulatorServer, interval: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "counter_app", "sync", "--interval", str(interval)],
        env=_env(home, url, sim),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _ready(url: str, n: int) -> list[str]:
    db = Database(url)
    repo = Repository(db)
    ids = [o.order_id for o in repo.list_orders([Stage.TO_PREPARE])][:n]
    for order_id in ids:
        repo.mark_ready(order_id, "A1", "caisse-3")
    db.dispose()
    return ids


def _heartbeat(url: str) -> dict[str, object] | None:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            value = conn.execute(
                text("SELECT value FROM store_meta WHERE key = :k"), {"k": HEARTBEAT_KEY}
            ).scalar()
    finally:
        db.dispose()
    return json.loads(value) if value else None


def _wait_for(condition, timeout: float, what: str) -> float:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, what
        time.sleep(0.05)
    return time.monotonic() - started


def _stop(tills: list[subprocess.Popen[str]]) -> list[tuple[str, str]]:
    for t in tills:
        if t.poll() is None:
            os.kill(t.pid, signal.SIGCONT)
            t.terminate()
    return [t.communicate(timeout=30) for t in tills]


def test_follower_confirm_reaches_the_marketplace_in_seconds(
    pg_server: PgServer,
    tmp_path: Path,
    sim_factory,  # noqa: F811
) -> None:
    sim = sim_factory(count=40, seed=11)
    url = pg_server.fresh_database()
    homes = [_home(tmp_path, "caisse-1"), _home(tmp_path, "caisse-2")]
    _first_sync(homes[0], url, sim)
    order_ids = _ready(url, 3)
    tills = [_sync_loop(home, url, sim, interval=60) for home in homes]
    try:
        _wait_for(lambda: _leader_pid(url) is not None, 30, "nobody took the sync role")
        # The leader's first cycle sends the 'ready' actions queued above; then it idles
        # for its 60 s interval.
        _wait_for(lambda: not _outbox_states(url).get("pending"), 60, "first cycle not done")
        time.sleep(1.0)
        ships = sim.requests["OR24"]
        db = Database(url)
        service = ScanService(Repository(db), Settings(database_url=url, till_name="caisse-2"))
        for order_id in order_ids:
            started = time.monotonic()
            assert service.confirm(order_id).confirmed
            took = _wait_for(
                lambda before=ships: sim.requests["OR24"] > before,
                10,
                "the collection was not sent",
            )
            ships = sim.requests["OR24"]
            # The interval is 60 s: only the follower's NOTIFY explains an upload this soon.
            assert took < 3.0, f"collection reached the marketplace after {took:.1f} s"
            assert time.monotonic() - started < 3.5
        db.dispose()
    finally:
        outs = _stop(tills)
    assert sim.requests["OR24"] >= len(order_ids), outs


def test_frozen_leader_is_replaced_and_steps_down_nothing_sent_twice(
    pg_server: PgServer,
    tmp_path: Path,
    sim_factory,  # noqa: F811
) -> None:
    sim = sim_factory(count=60, seed=5)
    url = pg_server.fresh_database()
    homes = [_home(tmp_path, "caisse-1", 6), _home(tmp_path, "caisse-2", 6)]
    _first_sync(homes[0], url, sim)
    to_prepare = _ready(url, 12)
    db = Database(url)
    service = ScanService(Repository(db), Settings(database_url=url, till_name="caisse-3"))
    for order_id in to_prepare:
        assert service.confirm(order_id).confirmed
    db.dispose()
    ships_before = sim.requests["OR24"]
    # The leader is frozen while the marketplace holds its first collection's answer back
    # (the collection done there, the row in flight here).
    sim.arm("hang", count=1, path="/api/orders/", method="PUT", hang_seconds=4)
    tills = [_sync_loop(home, url, sim, interval=2) for home in homes]
    frozen: subprocess.Popen[str] | None = None
    try:
        _wait_for(lambda: _outbox_states(url).get("in_flight"), 60, "no upload started")
        leader = _leader_pid(url)
        frozen = next(t for t in tills if t.pid == leader)
        survivor = next(t for t in tills if t.pid != leader)
        beat = _heartbeat(url)
        assert beat is not None and beat["till"] in ("caisse-1", "caisse-2")
        os.kill(frozen.pid, signal.SIGSTOP)
        # The frozen till's server session is alive: only its silent heartbeat tells.
        took = _wait_for(lambda: _leader_pid(url) == survivor.pid, 60, "no takeover")
        assert took < 60
        _wait_for(
            lambda: not {"pending", "in_flight"} & set(_outbox_states(url)),
            60,
            f"the new leader did not send everything: {_outbox_states(url)}",
        )
        os.kill(frozen.pid, signal.SIGCONT)
        # Woken, the old leader finds its session ended and stays a follower.
        time.sleep(6)
        assert frozen.poll() is None, ("the woken till crashed", frozen.communicate())
        assert _leader_pid(url) == survivor.pid
        assert _heartbeat(url)["till"] != beat["till"]  # type: ignore[index]
    finally:
        outs = _stop(tills)
    assert _outbox_states(url) == {"sent": 2 * len(to_prepare)}, outs
    # Each collection reached the marketplace once: counted at the simulator.
    assert sim.requests["OR24"] - ships_before == len(to_prepare), outs
    assert "another till syncs for the shop" in outs[tills.index(frozen)][0]  # type: ignore[arg-type]
    survivor_log = homes[tills.index(survivor)] / "logs" / "counter-app.log"
    assert "silent for" in survivor_log.read_text(), "the takeover was not the heartbeat's"
