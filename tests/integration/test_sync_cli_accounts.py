"""The command line with two marketplace accounts: `sync [--marketplace]`, ids on both, JSON.

Real subprocess runs against two simulators on loopback HTTP, one store file.
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.accounts import AccountKeyStore
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.paths import Paths
from tests.cli_runner import cli_env, run_cli
from tests.simulator_fixtures import API_KEY, sim_factory


def _settings_file(home: Path, sims: dict[str, SimulatorServer]) -> None:
    tables = "".join(
        f'[[marketplaces]]\nkey = "{key}"\nname = "{key.capitalize()}"\n'
        f'url = "{sim.url}"\nshop_id = "{sim.book.shop_id}"\n\n'
        for key, sim in sims.items()
    )
    (home / "settings.toml").write_text(tables, encoding="utf-8")


@pytest.fixture
def shop(tmp_path: Path, sim_factory, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    home.mkdir()
    sims = {
        "alpha": sim_factory(count=8, seed=3, shop_id="2001"),
        "beta": sim_factory(count=8, seed=5, shop_id="3001"),
    }
    _settings_file(home, sims)
    monkeypatch.setenv("COUNTER_APP_NO_KEYRING", "1")
    for key in sims:
        AccountKeyStore(Paths.for_home(home), key).save(API_KEY)
    return home, sims


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(home, *args, timeout=90)


def _calls(sim: SimulatorServer) -> int:
    return sum(sim.requests.values())


def test_sync_every_account_then_one_and_an_id_on_both(shop) -> None:
    home, sims = shop
    alpha, beta = sims["alpha"], sims["beta"]
    order_id = alpha.book.add_order("WAITING_ACCEPTANCE")
    assert beta.book.add_order("WAITING_ACCEPTANCE") == order_id  # the same id on both

    first = _run(home, "sync", "--once")
    assert first.returncode == 0, first.stdout + first.stderr
    lines = first.stdout.splitlines()
    assert any(line.startswith("Alpha (alpha): downloaded ") for line in lines), first.stdout
    assert any(line.startswith("Beta (beta): downloaded ") for line in lines), first.stdout

    listed = json.loads(_run(home, "orders", "list", "--json").stdout)
    assert {o["marketplace"] for o in listed} == {"alpha", "beta"}
    assert {o["marketplace_name"] for o in listed} == {"Alpha", "Beta"}
    assert sorted(o["marketplace"] for o in listed if o["order_id"] == order_id) == [
        "alpha",
        "beta",
    ]
    only_beta = json.loads(_run(home, "orders", "list", "--json", "--marketplace", "beta").stdout)
    assert only_beta and {o["marketplace"] for o in only_beta} == {"beta"}

    # The id is on both: refused without --marketplace (exit 2), nothing queued.
    for args in (("accept", order_id), ("orders", "show", order_id), ("cancel", order_id)):
        refused = _run(home, *args)
        assert refused.returncode == 2, (args, refused.stdout, refused.stderr)
        assert "--marketplace" in refused.stderr and "alpha, beta" in refused.stderr
        assert "Traceback" not in refused.stderr
    shown = json.loads(
        _run(home, "orders", "show", order_id, "--marketplace", "beta", "--json").stdout
    )
    assert shown["marketplace"] == "beta" and shown["stage"] == "to_accept"

    # Named by its display name: beta's order only, sent by beta's sync only.
    accepted = _run(home, "accept", order_id, "--marketplace", "Beta")
    assert accepted.returncode == 0, accepted.stderr
    before_alpha = _calls(alpha)
    synced = _run(home, "sync", "--once", "--marketplace", "beta")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "Beta (beta): downloaded" in synced.stdout and "uploaded 1" in synced.stdout
    assert "Alpha" not in synced.stdout
    assert _calls(alpha) == before_alpha  # alpha not called at all
    assert beta.book.state(order_id) == "WAITING_DEBIT_PAYMENT" and beta.requests["OR21"] == 1
    assert alpha.book.state(order_id) == "WAITING_ACCEPTANCE" and alpha.requests["OR21"] == 0

    unknown = _run(home, "sync", "--once", "--marketplace", "gamma")
    assert unknown.returncode == 1
    assert "no marketplace named 'gamma'" in unknown.stderr and "Alpha (alpha)" in unknown.stderr


def test_sync_of_every_account_says_which_failed(shop) -> None:
    home, sims = shop
    alpha, beta = sims["alpha"], sims["beta"]
    assert _run(home, "sync", "--once").returncode == 0
    order_id = beta.book.add_order("WAITING_ACCEPTANCE")
    assert _run(home, "sync", "--once", "--marketplace", "beta").returncode == 0
    assert _run(home, "accept", order_id, "--marketplace", "beta").returncode == 0
    alpha.stop()
    result = _run(home, "sync", "--once")
    # Alpha down: its line says so and the exit code too; beta synced and sent its action.
    assert result.returncode == 2, result.stdout + result.stderr
    out = result.stdout
    assert "Alpha (alpha): sync failed" in out, out
    assert "Beta (beta): downloaded" in out and "uploaded 1" in out, out
    assert beta.book.state(order_id) == "WAITING_DEBIT_PAYMENT" and beta.requests["OR21"] == 1


def test_sync_loop_cycles_every_account_and_a_429_holds_only_its_own(shop) -> None:
    home, sims = shop
    alpha, beta = sims["alpha"], sims["beta"]
    alpha.arm("429", count=100, path="/api/orders", retry_after=30)
    proc = subprocess.Popen(
        [sys.executable, "-m", "counter_app", "sync", "--interval", "1"],
        env=cli_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert "Ctrl-C" in proc.stdout.readline()
        beta_lines: list[str] = []
        alpha_lines: list[str] = []
        deadline = time.monotonic() + 30
        while len(beta_lines) < 3 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if "Beta (beta):" in line:
                beta_lines.append(line)
            elif "Alpha (alpha):" in line:
                alpha_lines.append(line)
        # Beta cycles every second while alpha waits out its 30 s.
        assert len(beta_lines) == 3, (alpha_lines, beta_lines)
        assert any("asked to wait" in line for line in alpha_lines), alpha_lines
        assert alpha.requests["OR11"] == 0 and beta.requests["OR11"] >= 1
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
