"""The simulator speaks Mirakl: its answers validate against the published seller API spec."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import requests
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from counter_app.marketplace.simulator import SimulatorServer
from tests.simulator_fixtures import API_KEY, sim, sim_factory

SPEC = Path("/work/shared/marketplace/mirakl-seller-openapi.json")


def _allow_null(node: Any) -> Any:
    """The spec rarely says nullable, yet Mirakl sends null: allow it wherever a type is given."""
    if isinstance(node, dict):
        out = {k: _allow_null(v) for k, v in node.items()}
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        return out
    if isinstance(node, list):
        return [_allow_null(v) for v in node]
    return node


@cache
def _validator(schema_name: str) -> jsonschema.Draft202012Validator:
    spec = _allow_null(json.loads(SPEC.read_text(encoding="utf-8")))
    registry = Registry().with_resource("urn:spec", Resource(spec, specification=DRAFT202012))
    schema = {"$ref": f"urn:spec#/components/schemas/{schema_name}"}
    return jsonschema.Draft202012Validator(schema, registry=registry)


def _get(server: SimulatorServer, path: str, **params: Any) -> requests.Response:
    return requests.get(
        server.url + path, params=params, headers={"Authorization": API_KEY}, timeout=5
    )


def test_every_or11_page_validates_against_the_spec(sim_factory) -> None:
    server = sim_factory(count=250, seed=11)
    validator = _validator("OR11_Response_200")
    offset, seen = 0, 0
    while True:
        payload = _get(server, "/api/orders", max=100, offset=offset).json()
        errors = sorted(validator.iter_errors(payload), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
        seen += len(payload["orders"])
        offset += 100
        if offset >= payload["total_count"]:
            break
    assert seen == 250


def test_changed_orders_after_accept_and_ship_still_validate(sim) -> None:
    book = sim.book
    waiting = book.add_order("WAITING_ACCEPTANCE")
    lines = book.get(waiting)["order_lines"]
    decisions = [{"id": line["order_line_id"], "accepted": i > 0} for i, line in enumerate(lines)]
    if len(lines) == 1:
        decisions[0]["accepted"] = True
    book.accept(waiting, decisions)
    shipping = book.add_order("SHIPPING")
    book.ship(shipping)
    payload = _get(sim, "/api/orders", order_ids=f"{waiting},{shipping}", max=10).json()
    assert not list(_validator("OR11_Response_200").iter_errors(payload))
    assert {o["order_state"] for o in payload["orders"]} == {"WAITING_DEBIT_PAYMENT", "SHIPPED"}


def test_simulator_enforces_mirakl_rules(sim) -> None:
    assert requests.get(sim.url + "/api/orders", timeout=5).status_code == 401
    wrong = requests.get(sim.url + "/api/account", headers={"Authorization": "nope"}, timeout=5)
    assert wrong.status_code == 401
    # V01 has no security in the spec: a health check needs no key.
    assert requests.get(sim.url + "/api/version", timeout=5).status_code == 200
    assert _get(sim, "/api/orders", max=101).status_code == 400
    shipped = sim.book.add_order("SHIPPED")
    answer = requests.put(
        f"{sim.url}/api/orders/{shipped}/ship", headers={"Authorization": API_KEY}, timeout=5
    )
    assert answer.status_code == 400
    assert "SHIPPING" in answer.json()["message"]


def test_seeded_order_book_is_realistic_and_reproducible(sim_factory) -> None:
    first = sim_factory(count=200, seed=5).book
    again = sim_factory(count=200, seed=5).book
    orders = [first.get(oid) for oid in first.order_ids()]
    assert [o["order_id"] for o in orders] == again.order_ids()
    names = " ".join(f"{o['customer']['firstname']} {o['customer']['lastname']}" for o in orders)
    assert any(ch in names for ch in "éèëïçô")
    assert {o["order_state"] for o in orders} >= {"WAITING_ACCEPTANCE", "SHIPPING", "SHIPPED"}
    assert {o["shipping_type_code"] for o in orders} >= {"CLICK_COLLECT", "STD"}
    for order in orders:
        assert order["currency_iso_code"] == "EUR"
        assert 1 <= len(order["order_lines"]) <= 5
        for line in order["order_lines"]:
            sku = line["offer_sku"]
            assert len(sku) == 13 and sku.startswith("978")
            # ISBN-13 check digit
            total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(sku[:12]))
            assert (10 - total % 10) % 10 == int(sku[12])
