"""`sync --once` says what waits and why, how long a 429 asked to wait; ship_on = ready by CLI."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import re
from pathlib import Path

from tests.integration.test_sync_cli import _env, _run
from tests.simulator_fixtures import sim, sim_factory


def test_sync_once_reports_next_try_and_parked_reasons(tmp_path: Path, sim) -> None:
    home = tmp_path / "home"
    home.mkdir()
    # A pickup code field the operator never created: OR31 reports it, the action is parked.
    (home / "settings.toml").write_text('pickup_code_field = "code-inconnu"\n', encoding="utf-8")
    env = _env(home, sim)
    parked = sim.book.add_order("SHIPPING")
    waiting = sim.book.add_order("SHIPPING")
    assert _run(env, "sync", "--once").returncode == 0
    for order_id in (parked, waiting):
        assert _run(env, "ready", order_id, "--shelf", "A1").returncode == 0
    # The second order's message meets a marketplace in trouble (500 on each try).
    sim.arm("500", count=50, path=f"/api/orders/{waiting}/additional_fields")
    result = _run(env, "sync", "--once")
    out = result.stdout
    assert "still waiting:" in out, out
    assert re.search(rf"ready {parked}: parked: .*code-inconnu", out), out
    match = re.search(rf"ready {waiting}: next try in (\d+) s", out)
    assert match and 1 <= int(match.group(1)) <= 10, out
    assert "HTTP 500" in out


def test_sync_once_says_how_long_the_marketplace_asked_to_wait(tmp_path: Path, sim) -> None:
    env = _env(tmp_path / "home", sim)
    sim.arm("429", path="/api/orders", retry_after=40)
    result = _run(env, "sync", "--once")
    assert result.returncode == 2
    assert "the marketplace asked to wait 40 s before the next request" in result.stdout


def test_ship_on_ready_from_the_command_line_ships_once(tmp_path: Path, sim) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text('ship_on = "ready"\n', encoding="utf-8")
    env = _env(home, sim)
    order_id = sim.book.add_order("SHIPPING")
    assert _run(env, "sync", "--once").returncode == 0
    ready = _run(env, "ready", order_id, "--shelf", "C1", "--json")
    assert ready.returncode == 0, ready.stderr
    code = ready.stdout.split('"pickup_code": "')[1].split('"')[0]
    synced = _run(env, "sync", "--once")
    assert "uploaded 2" in synced.stdout, synced.stdout  # message, then OR24
    assert sim.book.state(order_id) == "SHIPPED" and sim.requests["OR24"] == 1
    shown = _run(env, "orders", "show", order_id, "--json")
    assert '"stage": "ready"' in shown.stdout and '"remote_state": "SHIPPED"' in shown.stdout
    assert sim.book.threads(order_id)[0].thread_id in shown.stdout
    confirmed = _run(env, "scan", code, "--confirm")
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr
    final = _run(env, "sync", "--once")
    assert final.returncode == 0 and "waiting 0" in final.stdout
    assert sim.requests["OR24"] == 1  # the hand-over was kept locally
    assert '"stage": "collected"' in _run(env, "orders", "show", order_id, "--json").stdout
