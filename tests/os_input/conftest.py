"""Fixtures for the OS-level input tests: an X display, a seeded till home, the real window.

The display's tools come from the system (tests/os_input/ensure_system_packages.sh installs
them from `make test` where it can). When they are missing the tests skip with what to
install, except under CI (`CI=true`), where they fail with the same message: CI must run them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from counter_app.bootstrap import open_context
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.logging_setup import register_secret
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.settings import load_settings
from tests.cli_runner import run_cli
from tests.os_input.xsession import INSTALL_HINT, CounterWindow, XSession, missing_tools
from tests.simulator_fixtures import API_KEY

READY_ORDERS = 16


def _unavailable(reason: str) -> None:
    message = f"{reason}\n{INSTALL_HINT}"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def xsession() -> Iterator[XSession]:
    missing = missing_tools()
    if missing:
        _unavailable("missing: " + ", ".join(missing))
    if not sys.platform.startswith("linux"):
        _unavailable("these tests drive an X server: Linux only")
    session = XSession()
    try:
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "from PySide6.QtWidgets import QApplication; QApplication(['probe'])",
            ],
            env={**session.env, "QT_QPA_PLATFORM": "xcb"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        if probe.returncode != 0:
            _unavailable("Qt's xcb window plugin does not load:\n" + probe.stderr[-1500:])
        session.set_layout("us")
        yield session
    finally:
        session.close()


@dataclass
class Till:
    """A shop's home synced from a loopback marketplace, with orders ready for pickup."""

    home: Path
    env: dict[str, str]
    ready: list[tuple[str, str]] = field(default_factory=list)  # (order id, code as printed)
    to_prepare: list[str] = field(default_factory=list)  # paid orders left to prepare

    def take(self) -> tuple[str, str]:
        assert self.ready, f"more than {READY_ORDERS} ready orders used: raise READY_ORDERS"
        return self.ready.pop()

    def cli(self, *args: str) -> Any:
        done = run_cli(self.home, *args, env_extra=self.env)
        assert done.returncode in (0, 2), done.stderr
        return json.loads(done.stdout)

    def order(self, order_id: str) -> dict[str, Any]:
        return self.cli("orders", "show", order_id, "--json")

    @staticmethod
    def collections(order: dict[str, Any]) -> int:
        """How many times the order's history says it was collected."""
        return sum(1 for h in order["history"] if h["to"] == "collected")

    def stage(self, order_id: str) -> str:
        """The order's stage, read straight from the SQLite file (cheap, between two keys)."""
        with closing(sqlite3.connect(self.home / "counter.sqlite3")) as db:
            row = db.execute("SELECT stage FROM orders WHERE order_id = ?", (order_id,)).fetchone()
        assert row is not None, order_id
        return str(row[0])

    def orders_on_shelf(self, shelf: str) -> list[tuple[str, str, int]]:
        """(order id, stage, bags) of the orders put on `shelf`."""
        with closing(sqlite3.connect(self.home / "counter.sqlite3")) as db:
            rows = db.execute(
                "SELECT order_id, stage, bag_count FROM orders WHERE shelf = ?", (shelf,)
            ).fetchall()
        return [(str(a), str(b), int(c)) for a, b, c in rows]

    def scan_events(self) -> int:
        """Audit rows: one per scan the window resolved, one per hand-over it confirmed."""
        with closing(sqlite3.connect(self.home / "counter.sqlite3")) as db:
            return int(db.execute("SELECT COUNT(*) FROM scan_events").fetchone()[0])


@pytest.fixture(scope="module")
def till(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Till]:
    register_secret(API_KEY)
    sim = SimulatorServer(OrderBook(90, 11), API_KEY).start()
    try:
        home = tmp_path_factory.mktemp("till")
        (home / "settings.toml").write_text(
            f'marketplace_url = "{sim.url}"\nshop_id = "{sim.book.shop_id}"\n'
            'till_name = "till-os"\nlanguage = "en"\nsync_interval_seconds = 3600\n'
            # xdotool is a process the OS may pause for a few tens of ms on a busy machine
            # (a scanner is not); people in these tests type a key every 150 ms.
            "scanner_max_gap_ms = 100\n",
            encoding="utf-8",
        )
        shop = Till(home, {"COUNTER_APP_API_KEY": API_KEY})
        done = run_cli(home, "sync", "--once", env_extra=shop.env)
        assert done.returncode == 0, done.stdout + done.stderr
        to_prepare = shop.cli("orders", "list", "--stage", "to_prepare", "--json")
        assert len(to_prepare) >= READY_ORDERS + 2, "the seeded marketplace has too few orders"
        # Marked ready through the store (as `counter-app ready` does; a CLI run per order
        # would cost seconds each on a busy machine), once for the module.
        ctx = open_context(load_settings(home, environ={}))
        try:
            for order in to_prepare[:READY_ORDERS]:
                code = ctx.repo.mark_ready(order["order_id"], "A1", "till-os")
                shop.ready.append((order["order_id"], format_pickup_code(code)))
            shop.to_prepare = [o["order_id"] for o in to_prepare[READY_ORDERS:]]
        finally:
            ctx.close()
        yield shop
    finally:
        sim.stop()


@pytest.fixture
def open_window(
    xsession: XSession, till: Till, tmp_path: Path
) -> Iterator[Callable[..., CounterWindow]]:
    """Start the real window, the PC's keyboard set to `layout`; closed after the test."""
    windows: list[CounterWindow] = []

    def start(layout: str = "us") -> CounterWindow:
        xsession.set_layout(layout)
        window = CounterWindow(
            xsession, till.home, till.env, tmp_path / f"verdicts{len(windows)}.jsonl"
        )
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.close()
    xsession.set_layout("us")
