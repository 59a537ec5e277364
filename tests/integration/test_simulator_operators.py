"""Two simulators differ as two Mirakl operators do: order numbers, shop id and name, API key.

Over loopback HTTP: what each serves validates against the spec and parses in the app's own
connector; A01 answers each shop's id and refuses another; an order id can be put on both on
purpose; the fixtures' two accounts reach their own simulator; the demo runs two of them.
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from typing import Any

import pytest
import requests

from counter_app.marketplace.factory import connector_from_settings
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.marketplace.simulator.operators import OrderNumbers
from counter_app.settings import Settings
from tests.cli_runner import cli_env
from tests.simulator_fixtures import (
    TWO_ACCOUNT_KEYS,
    TwoSims,
    fast_connector,
    operator_sim_factory,
    same_order_on,
    two_accounts,
    two_sims,
)
from tests.spec_schemas import errors

INTERMARCHE_ID = re.compile(r"^IM-20\d\d-\d{6}-A$")
CARREFOUR_ID = re.compile(r"^C\d{7}-A$")


def _get(sim: SimulatorServer, path: str, **params: Any) -> requests.Response:
    return requests.get(
        sim.url + path, params=params, headers={"Authorization": sim.api_key}, timeout=5
    )


def _all_orders(sim: SimulatorServer) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    while True:
        page = _get(sim, "/api/orders", max=100, offset=len(out)).json()
        assert not errors("OR11_Response_200", page), errors("OR11_Response_200", page)[:3]
        out += page["orders"]
        if len(out) >= page["total_count"]:
            return out


def test_the_two_formats_are_spec_valid_and_parse_in_the_connector(two_sims: TwoSims) -> None:
    for sim, shape in ((two_sims.first, INTERMARCHE_ID), (two_sims.second, CARREFOUR_ID)):
        served = _all_orders(sim)
        assert len(served) == len(sim.book.order_ids())
        for order in served:
            assert shape.match(order["order_id"]), order["order_id"]
            # Mirakl's id is the customer's number and the shop's letter; lines add theirs.
            assert order["order_id"] == order["commercial_id"] + "-A"
            for n, line in enumerate(order["order_lines"], start=1):
                assert line["order_line_id"] == f"{order['order_id']}-{n}"
        connector = fast_connector(sim)
        try:
            parsed = [o for page in connector.iter_changed_orders(None) for o in page.orders]
            assert {o.order_id for o in parsed} == {o["order_id"] for o in served}
            assert all(o.commercial_id == o.order_id[:-2] for o in parsed)
            one = parsed[len(parsed) // 2]
            again = connector.get_order(one.order_id)  # the id travels in the query
            assert again is not None and again.order_id == one.order_id
        finally:
            connector.close()
    first_ids = set(two_sims.first.book.order_ids())
    assert not first_ids & set(two_sims.second.book.order_ids())


def test_a01_answers_each_shop_id_and_refuses_the_other(two_sims: TwoSims) -> None:
    first, second = two_sims
    assert first.book.shop_id != second.book.shop_id
    assert first.book.shop_name != second.book.shop_name
    for sim in two_sims:
        answer = _get(sim, "/api/account")
        assert answer.status_code == 200
        payload = answer.json()
        assert not errors("A01_Response_200", payload)
        assert str(payload["shop_id"]) == sim.book.shop_id
        assert payload["shop_name"] == sim.book.shop_name
        assert _get(sim, "/api/account", shop_id=sim.book.shop_id).status_code == 200
        connector = fast_connector(sim)
        try:
            shop = connector.shop_info()
        finally:
            connector.close()
        assert (shop.shop_id, shop.name) == (sim.book.shop_id, sim.book.shop_name)
    # The other shop's id, or the other marketplace's key: refused, as Mirakl does.
    assert _get(first, "/api/account", shop_id=second.book.shop_id).status_code == 403
    wrong_key = requests.get(
        first.url + "/api/account", headers={"Authorization": second.api_key}, timeout=5
    )
    assert wrong_key.status_code == 401


def test_the_same_order_id_can_be_put_on_both_on_purpose(two_sims: TwoSims) -> None:
    ids = []
    for sim in two_sims:
        created = requests.post(
            f"{sim.url}/_control/orders",
            json={"state": "SHIPPING", "commercial_id": "SAME-4242"},
            timeout=5,
        )
        assert created.status_code == 201, created.text
        ids.append(created.json()["order_id"])
    assert ids == ["SAME-4242-A", "SAME-4242-A"]
    for sim in two_sims:
        page = _get(sim, "/api/orders", order_ids="SAME-4242-A", max=1).json()
        assert not errors("OR11_Response_200", page)
        assert [o["order_id"] for o in page["orders"]] == ["SAME-4242-A"]
        assert page["orders"][0]["shipping_type_code"]  # a real order, not a shell
    # The two are distinct orders: shipping one leaves the other as it was.
    first, second = two_sims
    assert (
        requests.put(
            f"{first.url}/api/orders/SAME-4242-A/ship",
            headers={"Authorization": first.api_key},
            timeout=5,
        ).status_code
        == 204
    )
    assert first.book.state("SAME-4242-A") == "SHIPPED"
    assert second.book.state("SAME-4242-A") == "SHIPPING"
    # The fixtures' helper does the same in-process.
    assert same_order_on(two_sims, "SAME-777", "WAITING_ACCEPTANCE") == "SAME-777-A"
    assert [sim.book.state("SAME-777-A") for sim in two_sims] == ["WAITING_ACCEPTANCE"] * 2
    # Twice on one marketplace, or an id no path could carry: a clear 400, nothing added.
    before = len(first.book.order_ids())
    for bad in ("SAME-4242", "A/B", "", "x" * 60):
        refused = requests.post(
            f"{first.url}/_control/orders", json={"commercial_id": bad}, timeout=5
        )
        assert refused.status_code == 400, bad
        assert "already exists" in refused.text or "letters, digits and dashes" in refused.text
    assert len(first.book.order_ids()) == before


def test_the_default_numbering_is_unchanged_and_same_settings_give_the_same_ids() -> None:
    book = OrderBook(5, 3)
    assert book.order_ids() == [f"CMD000100{n}-A" for n in range(1, 6)]
    assert book.shop_id == "2001"
    # Two operators that number alike (the default) hold the same ids: a natural clash.
    assert OrderBook(5, 9).order_ids() == book.order_ids()
    numbered = OrderBook(3, 3, numbers=OrderNumbers("IM-{year}-{n:06d}", first=7))
    first = numbered.get(numbered.order_ids()[0])
    # {year} is the order's own creation year.
    assert first["order_id"] == f"IM-{first['created_date'][:4]}-000007-A"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"numbers": "X{m}"}, "must use {n}"),
        ({"numbers": "NO-NUMBER"}, "must use {n}"),
        ({"numbers": "A/{n}"}, "letters, digits and dashes"),
        ({"numbers": "{n:Z}"}, "order number format"),
        ({"shop_id": "shop-1"}, "must be digits"),
        ({"shop_name": "  "}, "must not be empty"),
    ],
)
def test_options_a_simulator_cannot_serve_are_refused_clearly(
    options: dict[str, str], message: str
) -> None:
    kwargs: dict[str, Any] = dict(options)
    with pytest.raises(ValueError, match=re.escape(message)):
        if "numbers" in kwargs:
            kwargs["numbers"] = OrderNumbers(kwargs["numbers"])
        OrderBook(3, 1, **kwargs)


def test_two_accounts_reach_their_own_simulator_through_the_settings(
    settings: Settings, two_sims: TwoSims
) -> None:
    two_accounts(settings, *two_sims)
    accounts = settings.effective_accounts()
    assert [a.key for a in accounts] == list(TWO_ACCOUNT_KEYS)
    assert settings.marketplace_key == TWO_ACCOUNT_KEYS[0]
    assert settings.marketplace_url == two_sims.first.url
    for account, sim in zip(accounts, two_sims, strict=True):
        assert account.api_key == sim.api_key and account.shop_id == sim.book.shop_id
        view = settings.for_account(account)
        connector = connector_from_settings(view, read_timeout=5, max_retries=1)
        try:
            assert connector.shop_info().shop_id == sim.book.shop_id
            first_page = next(iter(connector.iter_changed_orders(None)))
        finally:
            connector.close()
        assert {o.order_id for o in first_page.orders} <= set(sim.book.order_ids())
        assert first_page.orders


def test_the_demo_runs_two_marketplaces_as_two_accounts(settings: Settings) -> None:
    from counter_app.marketplace.demo import start_demo_marketplace

    settings.demo = True
    demo = start_demo_marketplace(settings, orders=10, tick_seconds=0)
    try:
        assert list(demo.servers) == ["main", "carrefour-demo"]
        accounts = settings.effective_accounts()
        assert [(a.key, a.name) for a in accounts] == [
            ("main", "Intermarché (démo)"),
            ("carrefour-demo", "Carrefour (démo)"),
        ]
        assert len({a.colour for a in accounts}) == 2 and all(a.colour for a in accounts)
        assert len({a.api_key for a in accounts}) == 2
        assert len({a.shop_id for a in accounts}) == 2
        # The view fields (one account's sync, the set-up) are the first account's.
        assert settings.marketplace_url == demo.url == accounts[0].url
        assert settings.api_key == accounts[0].api_key and settings.demo_url == demo.url
        assert settings.demo_urls == {a.key: a.url for a in accounts}
        assert settings.for_account(accounts[1]).demo_url == accounts[1].url
        for account, shape in zip(accounts, (INTERMARCHE_ID, CARREFOUR_ID), strict=True):
            server = demo.servers[account.key]
            assert server.api_key == account.api_key
            assert server.book.shop_id == account.shop_id
            assert all(shape.match(i) for i in server.book.order_ids())
            # The demo's simulators have no test controls.
            assert requests.post(f"{server.url}/_control/tick", timeout=5).status_code == 404
    finally:
        demo.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{accounts[1].url}/api/version", timeout=2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_simulator_command_serves_an_operator(tmp_path: Any) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "counter_app", "simulator", "--port", str(port)]
    proc = subprocess.Popen(
        [*command, "--orders", "7", "--tick", "0", "--operator", "carrefour", "--shop-id", "777"],
        env=cli_env(tmp_path / "home"),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        banner = proc.stdout.readline() + proc.stdout.readline()
        assert "shop id = 777" in banner and re.search(r"order ids like C\d{7}-A", banner)
        headers = {"Authorization": "simulator-key"}
        deadline = time.monotonic() + 20
        while True:
            try:
                account = requests.get(
                    f"http://127.0.0.1:{port}/api/account", headers=headers, timeout=2
                )
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert account.json()["shop_id"] == 777
        assert account.json()["shop_name"] == "Librairie des Deux Rives — Carrefour"
        orders = requests.get(
            f"http://127.0.0.1:{port}/api/orders", params={"max": 100}, headers=headers, timeout=2
        ).json()["orders"]
        assert len(orders) == 7 and all(CARREFOUR_ID.match(o["order_id"]) for o in orders)
    finally:
        proc.terminate()
        proc.wait(10)
    # A format no marketplace could serve: a clear refusal, nothing listens.
    bad = subprocess.run(
        [*command, "--order-format", "CMD-{number}"],
        env=cli_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0
    assert "must use {n}" in bad.stderr and "Traceback" not in bad.stderr


def test_demo_sync_once_brings_both_marketplaces_into_its_own_folder(tmp_path: Any) -> None:
    import sqlite3

    from tests.cli_runner import run_cli

    home = tmp_path / "demo-home"
    for _ in range(2):  # the second run finds the first's orders: the demo's, not a shop's
        done = run_cli(home, "--demo", "sync", "--once")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Intermarché (démo) (main): downloaded" in done.stdout
        assert "Carrefour (démo) (carrefour-demo): downloaded" in done.stdout
    with sqlite3.connect(home / "counter.sqlite3") as conn:
        rows = conn.execute("SELECT marketplace, order_id FROM orders").fetchall()
    conn.close()
    by_market: dict[str, list[str]] = {}
    for market, order_id in rows:
        by_market.setdefault(market, []).append(order_id)
    assert set(by_market) == {"main", "carrefour-demo"}
    assert all(INTERMARCHE_ID.match(i) for i in by_market["main"])
    assert all(CARREFOUR_ID.match(i) for i in by_market["carrefour-demo"])
