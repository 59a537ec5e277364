"""The simulator's test-only control API over HTTP, its clock ticks, and its command."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import pytest
import requests

from tests.simulator_fixtures import API_KEY, sim, sim_factory

AUTH = {"Authorization": API_KEY}


def test_control_api_arms_faults_and_moves_orders(sim) -> None:
    armed = requests.post(
        f"{sim.url}/_control/faults",
        json={"kind": "429", "count": 2, "retry_after": 3},
        timeout=5,
    )
    assert armed.json() == {"armed": 2}
    for _ in range(2):
        answer = requests.get(f"{sim.url}/api/version", headers=AUTH, timeout=5)
        assert answer.status_code == 429 and answer.headers["Retry-After"] == "3"
    assert requests.get(f"{sim.url}/api/version", headers=AUTH, timeout=5).status_code == 200

    created = requests.post(f"{sim.url}/_control/orders", json={"state": "SHIPPING"}, timeout=5)
    order_id = created.json()["order_id"]
    moved = requests.post(
        f"{sim.url}/_control/orders/{order_id}/state", json={"state": "CANCELED"}, timeout=5
    )
    assert moved.status_code == 200
    assert sim.book.state(order_id) == "CANCELED"

    requests.post(f"{sim.url}/_control/faults", json={"kind": "500", "count": 9}, timeout=5)
    requests.post(f"{sim.url}/_control/clear", timeout=5)
    assert requests.get(f"{sim.url}/api/version", headers=AUTH, timeout=5).status_code == 200


def test_hang_answers_after_the_work_is_done(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    sim.arm("hang", path=f"/api/orders/{order_id}/ship", hang_seconds=1.0)
    with pytest.raises(requests.Timeout):
        requests.put(f"{sim.url}/api/orders/{order_id}/ship", headers=AUTH, timeout=0.3)
    assert sim.book.state(order_id) == "SHIPPED"


def test_order_book_moves_over_time(sim_factory) -> None:
    book = sim_factory(count=80, seed=14).book
    paying = book.add_order("WAITING_DEBIT_PAYMENT")
    before = len(book.order_ids())
    for _ in range(20):
        book.tick()
    assert book.state(paying) == "SHIPPING"  # payment cleared
    assert len(book.order_ids()) > before  # new orders arrived


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_simulator_command_serves_the_api(tmp_path) -> None:
    port = _free_port()
    env = dict(os.environ, COUNTER_APP_HOME=str(tmp_path / "home"), COUNTER_APP_NO_KEYRING="1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "counter_app",
            "simulator",
            "--port",
            str(port),
            "--orders",
            "42",
            "--seed",
            "5",
            "--api-key",
            "cli-key-123",
            "--collect-flow",
            "to_collect",
            "--tick",
            "0",
        ],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        banner = proc.stdout.readline()
        assert re.search(rf"127\.0\.0\.1:{port}", banner)
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = requests.get(
                    f"http://127.0.0.1:{port}/api/orders",
                    params={"max": 100},
                    headers={"Authorization": "cli-key-123"},
                    timeout=2,
                )
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert answer.json()["total_count"] == 42
        assert "collect flow to_collect" in banner
        # The operator's flow chosen on the command line: OR24 leads to TO_COLLECT.
        headers = {"Authorization": "cli-key-123"}
        created = requests.post(
            f"http://127.0.0.1:{port}/_control/orders", json={"state": "SHIPPING"}, timeout=2
        ).json()["order_id"]
        ship = requests.put(
            f"http://127.0.0.1:{port}/api/orders/{created}/ship", headers=headers, timeout=2
        )
        assert ship.status_code == 204
        order = requests.get(
            f"http://127.0.0.1:{port}/api/orders",
            params={"order_ids": created, "max": 1},
            headers=headers,
            timeout=2,
        ).json()["orders"][0]
        assert order["order_state"] == "TO_COLLECT"
    finally:
        proc.terminate()
        proc.wait(10)


def test_control_clock_reads_and_moves_the_books_time_forward_only(sim) -> None:
    from datetime import UTC, datetime, timedelta

    from counter_app.marketplace.simulator.common import parse_date

    read = requests.get(f"{sim.url}/_control/clock", timeout=5)
    assert read.status_code == 200 and read.json()["offset_seconds"] == 0
    moved = requests.post(
        f"{sim.url}/_control/clock", json={"advance_seconds": 2 * 86400}, timeout=5
    )
    assert moved.status_code == 200 and moved.json()["offset_seconds"] == 2 * 86400
    now = parse_date(moved.json()["now"])
    assert abs(now - (datetime.now(UTC) + timedelta(days=2))) < timedelta(seconds=5)
    # What the simulator does from then on is dated on the moved clock.
    created = requests.post(f"{sim.url}/_control/orders", json={"state": "SHIPPING"}, timeout=5)
    order = sim.book.get(created.json()["order_id"])
    assert parse_date(order["created_date"]) > datetime.now(UTC) + timedelta(days=1)
    # Never back: the app's watermarks are on this clock.
    back = requests.post(f"{sim.url}/_control/clock", json={"advance_seconds": -60}, timeout=5)
    assert back.status_code == 400 and "forward" in back.json()["message"]
    later = (datetime.now(UTC) + timedelta(days=5)).isoformat()
    jumped = requests.post(f"{sim.url}/_control/clock", json={"now": later}, timeout=5)
    assert jumped.status_code == 200
    assert 5 * 86400 - 5 < jumped.json()["offset_seconds"] <= 5 * 86400 + 1
    bad = requests.post(f"{sim.url}/_control/clock", json={"now": "tomorrow"}, timeout=5)
    assert bad.status_code == 400


def test_control_clock_refuses_a_book_on_the_callers_clock(sim_factory) -> None:
    from datetime import UTC, datetime

    fixed = sim_factory(clock=lambda: datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    answer = requests.post(f"{fixed.url}/_control/clock", json={"advance_seconds": 60}, timeout=5)
    assert answer.status_code == 400 and "caller" in answer.json()["message"]
