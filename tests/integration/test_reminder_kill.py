"""A reminder whose sync is killed (SIGKILL) while it is being sent reaches the customer once:
the next run finds it on the thread (M11) instead of sending it again.

Both clocks move: the simulator's over its control API (`POST /_control/clock`), the app's
through `COUNTER_APP_CLOCK_SHIFT_DAYS` given to the `counter-app sync` subprocesses, so the
"ready+3" reminder falls due three days after the order was really made ready."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import requests

from counter_app.marketplace.simulator import SimulatorServer
from tests.cli_runner import cli_env, run_cli
from tests.simulator_fixtures import API_KEY, fast_connector, sim, sim_factory


def _env(home: Path, server: SimulatorServer) -> dict[str, str]:
    return {
        "COUNTER_APP_API_KEY": API_KEY,
        "COUNTER_APP_MARKETPLACE_URL": server.url,
        "COUNTER_APP_SHOP_ID": server.book.shop_id,
    }


def _advance_both(server: SimulatorServer, extra: dict[str, str], days: int) -> None:
    """Move the simulator's clock (control API) and the app's (its sync's environment)."""
    moved = requests.post(
        f"{server.url}/_control/clock", json={"advance_seconds": days * 86400}, timeout=5
    )
    assert moved.status_code == 200, moved.text
    total = int(extra.get("COUNTER_APP_CLOCK_SHIFT_DAYS", "0")) + days
    assert moved.json()["offset_seconds"] == total * 86400
    extra["COUNTER_APP_CLOCK_SHIFT_DAYS"] = str(total)


def _m12_received(server: SimulatorServer) -> list[bytes]:
    """The bodies of the replies (M12) the simulator received, answered or not."""
    return [
        body
        for method, path, _, body in server.received
        if method == "POST" and path.startswith("/api/inbox/threads/")
    ]


def _reminders_on_threads(server: SimulatorServer, order_id: str) -> int:
    return sum(
        1
        for thread in fast_connector(server).list_threads(order_id=order_id)
        for message in thread.messages
        if message.from_shop and "jusqu'au" in message.body
    )


def test_sigkill_while_sending_a_reminder_sends_it_once(
    tmp_path: Path, sim: SimulatorServer
) -> None:
    home = tmp_path / "home"
    extra = _env(home, sim)
    order_id = sim.book.add_order("SHIPPING")
    assert run_cli(home, "sync", "--once", env_extra=extra).returncode == 0
    ready = run_cli(home, "ready", order_id, "--shelf", "A1", env_extra=extra)
    assert ready.returncode == 0, ready.stderr
    assert run_cli(home, "sync", "--once", env_extra=extra).returncode == 0
    database = home / "counter.sqlite3"
    with sqlite3.connect(database) as conn:
        thread_id = conn.execute(
            "SELECT thread_id FROM orders WHERE order_id = ?", (order_id,)
        ).fetchone()[0]
        assert thread_id
    # Two days later on both clocks: nothing is due yet, a sync sends no reminder.
    _advance_both(sim, extra, days=2)
    early = run_cli(home, "sync", "--once", env_extra=extra)
    assert early.returncode == 0, early.stderr
    assert _m12_received(sim) == []
    # Day three: the "ready+3" reminder is due.
    _advance_both(sim, extra, days=1)
    assert extra["COUNTER_APP_CLOCK_SHIFT_DAYS"] == "3"
    # M12 does its work, then its answer hangs: the kill lands between the two.
    sim.arm("hang", count=5, path=f"/api/inbox/threads/{thread_id}/message", hang_seconds=30)
    proc = subprocess.Popen(
        [sys.executable, "-m", "counter_app", "sync", "--once"],
        env=cli_env(home, extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    in_flight = False
    while time.monotonic() < deadline and proc.poll() is None:
        with sqlite3.connect(database, timeout=1) as conn:
            row = conn.execute(
                "SELECT state FROM outbox WHERE action = 'remind' AND order_id = ?", (order_id,)
            ).fetchone()
        in_flight = bool(row and row[0] == "in_flight")
        if in_flight and sim.requests["M12"] >= 1:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the sync ended before it could be killed"
    assert in_flight and sim.requests["M12"] == 1
    time.sleep(0.3)  # the simulator has applied the reply; its answer is still hanging
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(10) == -signal.SIGKILL
    assert _reminders_on_threads(sim, order_id) == 1

    sim.faults.clear()
    for _ in range(2):
        again = run_cli(home, "sync", "--once", env_extra=extra)
        assert again.returncode == 0, again.stderr
    assert _reminders_on_threads(sim, order_id) == 1, "the reminder went twice"
    assert sim.requests["M12"] == 1
    (received,) = _m12_received(sim)
    assert b"jusqu'au" in received
    with sqlite3.connect(database) as conn:
        states = conn.execute(
            "SELECT reminder_key, state FROM reminders WHERE order_id = ?", (order_id,)
        ).fetchall()
        outbox = conn.execute(
            "SELECT state FROM outbox WHERE action = 'remind' AND order_id = ?", (order_id,)
        ).fetchall()
    assert states == [("ready+3", "sent")] and outbox == [("sent",)]
