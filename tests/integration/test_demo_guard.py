"""The demo never runs on a shop's store, and a store syncs only with its own marketplace.

Subprocess CLI runs against real simulators on loopback: an address left unset, emptied or
misspelt, `--demo` on a shop's folder, another marketplace's address.
"""

# ruff: noqa: F401, F811 (fixtures imported by name)

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cli_runner import run_cli
from tests.simulator_fixtures import API_KEY, sim, sim_factory


def _market(server) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "COUNTER_APP_MARKETPLACE_URL": server.url,
        "COUNTER_APP_API_KEY": API_KEY,
        "COUNTER_APP_SHOP_ID": server.book.shop_id,
    }


def _counts(home: Path) -> tuple[int, list[tuple[str, str]]]:
    with sqlite3.connect(home / "counter.sqlite3") as conn:
        orders = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
        outbox = conn.execute("SELECT action, state FROM outbox ORDER BY id").fetchall()
    conn.close()
    return orders, outbox


def test_sync_without_an_address_refuses_and_starts_no_demo(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = run_cli(home, "sync", "--once")
    assert done.returncode == 1
    assert "no marketplace address set; use --demo for the demo" in done.stderr
    assert "demo" not in done.stdout
    assert not (home / "counter.sqlite3").exists() or _counts(home)[0] == 0


def test_a_misspelt_address_key_is_named_and_nothing_is_synced(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text(
        'marketplace_ulr = "https://marketplace.example"\nshop_id = "2001"\n', encoding="utf-8"
    )
    done = run_cli(home, "sync", "--once")
    assert done.returncode == 1
    assert "unknown setting 'marketplace_ulr'" in done.stderr
    assert "did you mean 'marketplace_url'?" in done.stderr
    assert "no marketplace address set" in done.stderr
    check = run_cli(home, "db", "check")
    assert "unknown setting 'marketplace_ulr'" in check.stdout
    assert "marketplace_url" in check.stdout


def test_a_shops_store_refuses_the_demo_and_other_marketplaces_and_keeps_its_actions(
    tmp_path: Path, sim_factory
) -> None:
    shop = sim_factory(count=5, seed=4)
    order_id = shop.book.add_order("SHIPPING")
    home = tmp_path / "home"
    first = run_cli(home, "sync", "--once", env_extra=_market(shop))
    assert first.returncode == 0, first.stderr
    ready = run_cli(home, "ready", order_id, "--shelf", "B2", env_extra=_market(shop))
    assert ready.returncode == 0, ready.stderr
    orders_before, outbox = _counts(home)
    assert outbox == [("ready", "pending")]

    # The address emptied (set-up, or the variable missing): nothing goes anywhere.
    emptied = run_cli(home, "sync", "--once")
    assert emptied.returncode == 1 and "no marketplace address set" in emptied.stderr
    # The demo on the shop's folder: refused, no demo order written.
    demo = run_cli(home, "--demo", "sync", "--once")
    assert demo.returncode == 3, demo.stdout + demo.stderr
    assert "demo never runs on it" in demo.stderr
    assert "1 waiting action(s) stay queued" in demo.stderr
    # Another marketplace (or another shop id): refused as well.
    other = sim_factory(count=5, seed=9)
    elsewhere = run_cli(home, "sync", "--once", env_extra=_market(other))
    assert elsewhere.returncode == 3
    assert "not with" in elsewhere.stderr and "nothing was sent" in elsewhere.stderr
    other_shop = {**_market(shop), "COUNTER_APP_SHOP_ID": "9999"}
    assert run_cli(home, "sync", "--once", env_extra=other_shop).returncode == 3
    assert _counts(home) == (orders_before, [("ready", "pending")])
    assert shop.book.state(order_id) == "SHIPPING"

    # Back on its own marketplace (the address written differently): the action goes.
    same = {**_market(shop), "COUNTER_APP_MARKETPLACE_URL": shop.url + "/"}
    back = run_cli(home, "sync", "--once", env_extra=same)
    assert back.returncode == 0, back.stderr
    assert "uploaded 1" in back.stdout
    assert _counts(home)[1] == [("ready", "sent")]


def test_an_older_store_with_orders_but_no_record_never_takes_the_demo(tmp_path: Path, sim) -> None:
    home = tmp_path / "home"
    assert run_cli(home, "sync", "--once", env_extra=_market(sim)).returncode == 0
    with sqlite3.connect(home / "counter.sqlite3") as conn:
        conn.execute("DELETE FROM store_meta")  # as a store made before the record existed
    conn.close()
    demo = run_cli(home, "--demo", "sync", "--once")
    assert demo.returncode == 3 and "holds a shop's orders" in demo.stderr


def test_the_demo_has_its_own_store_and_it_never_syncs_with_a_real_marketplace(
    tmp_path: Path, sim
) -> None:
    home = tmp_path / "demo-home"
    demo = run_cli(home, "--demo", "sync", "--once")
    assert demo.returncode == 0, demo.stderr
    assert "demo simulator" in demo.stdout
    real = run_cli(home, "sync", "--once", env_extra=_market(sim))
    assert real.returncode == 3 and "demo's store" in real.stderr


def test_the_builtin_demo_folder_made_by_an_older_version_still_runs_the_demo(
    tmp_path: Path,
) -> None:
    # `make run` (no --home): the platform's demo folder, filled by an older version without
    # a marketplace record, is the demo's own and keeps working.
    data = tmp_path / "xdg-data"
    demo_home = data / "counter-app" / "demo"
    first = run_cli(demo_home, "--demo", "sync", "--once")
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(demo_home / "counter.sqlite3") as conn:
        conn.execute("DELETE FROM store_meta")
    conn.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(XDG_DATA_HOME=str(data), COUNTER_APP_NO_KEYRING="1")
    again = subprocess.run(
        [sys.executable, "-m", "counter_app", "--demo", "sync", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
