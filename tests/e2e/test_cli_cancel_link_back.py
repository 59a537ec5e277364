"""A cancellation made while the marketplace is unreachable, through the real CLI: the
simulator is stopped, the shop cancels (OR29) or refunds (OR28) at the till, the syncs fail,
then the simulator comes back on the same port and each is delivered exactly once. A refund
without a reason, or with one the marketplace does not know, is a clear error that changes
nothing."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from counter_app.marketplace.simulator import SimulatorServer
from tests.cli_runner import run_cli
from tests.simulator_fixtures import API_KEY, sim, sim_factory


def _env(server: SimulatorServer) -> dict[str, str]:
    return {
        "COUNTER_APP_API_KEY": API_KEY,
        "COUNTER_APP_MARKETPLACE_URL": server.url,
        "COUNTER_APP_SHOP_ID": server.book.shop_id,
    }


def _cancel_actions(home: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "counter.sqlite3") as conn:
        return conn.execute(
            "SELECT order_id, state FROM outbox WHERE action = 'cancel' ORDER BY id"
        ).fetchall()


def _stage(home: Path, order_id: str) -> str:
    shown = run_cli(home, "orders", "show", order_id, "--json")
    assert shown.returncode == 0, shown.stderr
    return str(json.loads(shown.stdout)["stage"])


def test_offline_cancel_and_refund_are_delivered_once_when_the_simulator_is_back(
    tmp_path: Path, sim: SimulatorServer
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    # OR24 goes out when an order is made ready: a cancel is then a refund (OR28).
    (home / "settings.toml").write_text('ship_on = "ready"\n', encoding="utf-8")
    env = _env(sim)
    shipping = sim.book.add_order("SHIPPING")
    to_refund = sim.book.add_order("SHIPPING")
    assert run_cli(home, "sync", "--once", env_extra=env).returncode == 0
    assert run_cli(home, "ready", to_refund, "--shelf", "B2", env_extra=env).returncode == 0
    assert run_cli(home, "sync", "--once", env_extra=env).returncode == 0
    assert sim.book.state(to_refund) in ("SHIPPED", "TO_COLLECT")

    # The marketplace goes away (a real outage: the port is closed).
    port, book = sim.port, sim.book
    sim.stop()

    # A refund needs a reason: without one, or with an unknown one, a clear error, no change.
    listed = run_cli(home, "cancel", "--reasons")
    assert listed.returncode == 0 and "refund:" in listed.stdout
    refund_codes = listed.stdout.split("refund:")[1].split()
    code = refund_codes[0]
    bare = run_cli(home, "cancel", to_refund)
    assert bare.returncode == 1
    assert "the refund needs a reason (--reason CODE" in bare.stderr
    assert "Traceback" not in bare.stderr
    wrong = run_cli(home, "cancel", to_refund, "--reason", "not-a-code")
    assert wrong.returncode == 1 and "unknown refund reason 'not-a-code'" in wrong.stderr
    assert code in wrong.stderr  # the codes to use are named
    assert _cancel_actions(home) == [] and _stage(home, to_refund) == "ready"

    refunded = run_cli(home, "cancel", to_refund, "--reason", code, "--json")
    assert refunded.returncode == 0, refunded.stderr
    assert json.loads(refunded.stdout)["kind"] == "refund"
    cancelled = run_cli(home, "cancel", shipping, "--json")
    assert cancelled.returncode == 0, cancelled.stderr
    assert json.loads(cancelled.stdout)["kind"] == "cancel"
    # Each failed sync takes seconds of retries: one is enough to show nothing is lost.
    down = run_cli(home, "sync", "--once", env_extra=env)
    assert down.returncode == 2 and "marketplace unavailable" in down.stderr, down.stderr
    assert [state for _, state in _cancel_actions(home)] == ["pending", "pending"]

    # Back on the same address: delivered, once each, and nothing more on later syncs.
    back = SimulatorServer(book, API_KEY, port=port).start()
    try:
        for _ in range(2):
            synced = run_cli(home, "sync", "--once", env_extra=env)
            assert synced.returncode == 0, synced.stderr
        assert back.requests["OR29"] == 1 and back.requests["OR28"] == 1
        assert book.state(shipping) == "CANCELED"
        lines = book.get(to_refund)["order_lines"]
        assert all(line["refunds"] for line in lines)
        assert all(line["refunds"][0]["reason_code"] == code for line in lines)
        assert [state for _, state in _cancel_actions(home)] == ["sent", "sent"]
        assert _stage(home, shipping) == "canceled" and _stage(home, to_refund) == "canceled"
    finally:
        back.stop()
