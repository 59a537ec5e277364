"""`counter-app sync` and `counter-app accept` as subprocesses, against a real simulator."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from counter_app.marketplace.simulator import SimulatorServer
from tests.cli_runner import run_cli
from tests.simulator_fixtures import API_KEY, sim, sim_factory


def _env(home: Path, server: SimulatorServer | None, url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        COUNTER_APP_HOME=str(home),
        COUNTER_APP_NO_KEYRING="1",
        COUNTER_APP_API_KEY=API_KEY,
        COUNTER_APP_MARKETPLACE_URL=url or (server.url if server else ""),
        COUNTER_APP_SHOP_ID=server.book.shop_id if server else "",
    )
    return env


def _run(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    extra = {k: v for k, v in env.items() if k.startswith("COUNTER_APP_")}
    return run_cli(Path(env["COUNTER_APP_HOME"]), *args, env_extra=extra, timeout=timeout)


def test_sync_once_then_accept_from_the_command_line(tmp_path: Path, sim) -> None:
    env = _env(tmp_path / "home", sim)
    order_id = sim.book.add_order("WAITING_ACCEPTANCE")
    first = _run(env, "sync", "--once")
    assert first.returncode == 0, first.stderr
    assert "downloaded" in first.stdout and "failed 0" in first.stdout
    line_id = sim.book.get(order_id)["order_lines"][0]["order_line_id"]
    lines = sim.book.get(order_id)["order_lines"]
    refuse = [] if len(lines) == 1 else ["--refuse", line_id]
    accepted = _run(env, "accept", order_id, *refuse)
    assert accepted.returncode == 0, accepted.stderr
    assert "queued" in accepted.stdout
    assert sim.book.state(order_id) == "WAITING_ACCEPTANCE"  # queued, not sent yet
    second = _run(env, "sync", "--once")
    assert second.returncode == 0 and "uploaded 1" in second.stdout
    assert sim.book.state(order_id) == "WAITING_DEBIT_PAYMENT"
    again = _run(env, "accept", order_id)
    assert again.returncode != 0 and "not waiting for acceptance" in again.stderr
    unknown_line = _run(env, "accept", sim.book.add_order(), "--refuse", "NOPE")
    assert unknown_line.returncode != 0


def test_sync_once_exits_non_zero_when_the_marketplace_is_unreachable(
    tmp_path: Path, sim_factory
) -> None:
    server = sim_factory(count=1)
    url = server.url
    server.stop()
    result = _run(_env(tmp_path / "home", server, url), "sync", "--once")
    assert result.returncode == 2
    assert "unavailable" in result.stderr
    assert API_KEY not in result.stderr + result.stdout
    log = (tmp_path / "home" / "logs" / "counter-app.log").read_text(encoding="utf-8")
    assert API_KEY not in log


def test_sigkill_mid_download_resumes_cleanly(tmp_path: Path, sim_factory) -> None:
    server = sim_factory(count=2500, seed=31)
    # Slow pages, so that the kill lands in the middle of the download.
    server.arm("hang", count=1000, path="/api/orders", hang_seconds=0.15)
    home = tmp_path / "home"
    env = _env(home, server)
    proc = subprocess.Popen(
        [sys.executable, "-m", "counter_app", "sync", "--once"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    database = home / "counter.sqlite3"
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if database.exists():
            try:
                with sqlite3.connect(database, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 300:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the sync finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)

    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
        assert 300 <= count < 2500
        row = conn.execute("SELECT watermark FROM sync_state WHERE resource='orders'").fetchone()
        newest = conn.execute("SELECT max(updated_at) FROM orders").fetchone()[0]
    watermark = row[0] if row else None
    # The watermark is never ahead of what was stored (here: not set at all yet).
    assert watermark is None or datetime.fromisoformat(watermark) <= datetime.fromisoformat(newest)

    server.faults.clear()
    resumed = _run(env, "sync", "--once", timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    wanted = {
        oid
        for oid in server.book.order_ids()
        if server.book.get(oid)["shipping_type_code"] in ("CLICK_COLLECT", "PICKUP_2H")
    }
    with sqlite3.connect(database) as conn:
        ids = [r[0] for r in conn.execute("SELECT order_id FROM orders")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        watermark = conn.execute(
            "SELECT watermark FROM sync_state WHERE resource='orders'"
        ).fetchone()[0]
    assert len(ids) == len(set(ids)) and set(ids) == wanted
    assert watermark is not None
    newest_remote = max(
        datetime.fromisoformat(server.book.get(oid)["last_updated_date"].replace("Z", "+00:00"))
        for oid in server.book.order_ids()
    )
    assert datetime.fromisoformat(watermark).replace(tzinfo=UTC) == newest_remote


def test_sync_loop_runs_until_ctrl_c_and_a_wrong_key_is_a_clear_error(tmp_path: Path, sim) -> None:
    env = _env(tmp_path / "home", sim)
    proc = subprocess.Popen(
        [sys.executable, "-m", "counter_app", "sync", "--interval", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert "Ctrl-C" in proc.stdout.readline()
    assert "downloaded" in proc.stdout.readline()  # the first cycle is done
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "stopped" in err

    env["COUNTER_APP_API_KEY"] = "not-the-key-4242"
    wrong = _run(env, "sync", "--once")
    assert wrong.returncode == 2
    assert "refused the API key" in wrong.stderr
    assert "not-the-key-4242" not in wrong.stderr + wrong.stdout
