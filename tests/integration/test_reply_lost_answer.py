"""A staff reply (M12) whose answer is lost after the simulator applied it: the connection
hangs past the timeout, is cut mid-answer, or a gateway answers 502; or the sync is killed
(SIGKILL) while it waits. The reply is on its thread exactly once (looked up before sending
again), on the customer's thread and no other."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.bootstrap import AppContext, open_context
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.settings import load_settings
from counter_app.store.outbox import Outbox
from counter_app.store.threads import ThreadStore
from counter_app.sync.engine import SyncEngine
from counter_app.sync.threads import queue_reply
from tests.cli_runner import cli_env, run_cli
from tests.simulator_fixtures import API_KEY, engine, fast_connector, sim, sim_factory

REPLY = "Oui, votre mari peut la retirer avec le code. Bonne journée !"


def _shop_bodies(sim: SimulatorServer, thread_id: str) -> list[str]:
    return [m.body for m in fast_connector(sim).get_thread(thread_id).messages if m.from_shop]


def _m12_paths(sim: SimulatorServer) -> list[str]:
    """The threads the simulator received a reply (M12) for, answered or not."""
    return [
        path.split("/")[4]
        for method, path, _, _ in sim.received
        if method == "POST" and path.startswith("/api/inbox/threads/")
    ]


@pytest.mark.parametrize("fault", ["hang", "truncated", "error_after"])
def test_a_reply_whose_answer_was_lost_is_posted_once_on_its_thread(
    ctx: AppContext, sim: SimulatorServer, engine: SyncEngine, fault: str
) -> None:
    writer = sim.book.add_order("SHIPPING")
    other = sim.book.add_order("SHIPPING")
    sim.book.customer_writes(writer, "Mon mari peut-il la retirer ?", topic="Retrait")
    sim.book.customer_writes(other, "Je passe lundi.", topic="Retrait")
    assert engine.run_cycle(force_download=True).ok
    (thread,) = ThreadStore(ctx.db).for_order(writer)
    (other_thread,) = ThreadStore(ctx.db).for_order(other)
    queue_reply(ctx.repo, writer, thread.thread_id, REPLY, "till-1")
    # The simulator does the work, then the answer is lost (1 s read timeout for `hang`).
    sim.arm(fault, count=1, path=f"/api/inbox/threads/{thread.thread_id}/message", hang_seconds=2)
    engine.run_cycle()
    for _ in range(3):
        engine.run_cycle(force_download=True)
    assert _shop_bodies(sim, thread.thread_id) == [REPLY], "posted twice, or lost"
    assert _shop_bodies(sim, other_thread.thread_id) == []
    assert _m12_paths(sim) == [thread.thread_id]
    counts = Outbox(ctx.db).counts()
    assert counts["pending"] == 0 and counts["failed"] == 0 and counts.get("parked", 0) == 0


def _env(server: SimulatorServer) -> dict[str, str]:
    return {
        "COUNTER_APP_API_KEY": API_KEY,
        "COUNTER_APP_MARKETPLACE_URL": server.url,
        "COUNTER_APP_SHOP_ID": server.book.shop_id,
    }


def test_sigkill_while_a_reply_is_sent_posts_it_once(tmp_path: Path, sim: SimulatorServer) -> None:
    home = tmp_path / "home"
    extra = _env(sim)
    writer = sim.book.add_order("SHIPPING")
    sim.book.customer_writes(writer, "Mon mari peut-il la retirer ?", topic="Retrait")
    first = run_cli(home, "sync", "--once", env_extra=extra)
    assert first.returncode == 0, first.stderr
    # Staff write the reply at the till (the window queues it so; no CLI for replies).
    ctx = open_context(load_settings(home, read_api_key=False, environ={}))
    try:
        (thread,) = ThreadStore(ctx.db).for_order(writer)
        queue_reply(ctx.repo, writer, thread.thread_id, REPLY, "till-1")
    finally:
        ctx.close()
    sim.arm("hang", count=5, path=f"/api/inbox/threads/{thread.thread_id}/message", hang_seconds=30)
    proc = subprocess.Popen(
        [sys.executable, "-m", "counter_app", "sync", "--once"],
        env=cli_env(home, extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    database = home / "counter.sqlite3"
    deadline = time.monotonic() + 60
    in_flight = False
    while time.monotonic() < deadline and proc.poll() is None:
        with sqlite3.connect(database, timeout=1) as conn:
            row = conn.execute("SELECT state FROM outbox WHERE action = 'reply'").fetchone()
        in_flight = bool(row and row[0] == "in_flight")
        if in_flight and sim.requests["M12"] >= 1:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the sync ended before it could be killed"
    assert in_flight and sim.requests["M12"] == 1
    time.sleep(0.3)  # the reply is applied; its answer is still hanging
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(10) == -signal.SIGKILL
    assert _shop_bodies(sim, thread.thread_id) == [REPLY]

    sim.faults.clear()
    for _ in range(2):
        again = run_cli(home, "sync", "--once", env_extra=extra)
        assert again.returncode == 0, again.stderr
    assert _shop_bodies(sim, thread.thread_id) == [REPLY], "the reply went twice"
    assert _m12_paths(sim) == [thread.thread_id]
    with sqlite3.connect(database) as conn:
        states = conn.execute("SELECT state FROM outbox WHERE action = 'reply'").fetchall()
    assert states == [("sent",)]
