"""The simulator speaks Mirakl: its answers validate against the published seller API spec."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import email.parser
import email.policy
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
from tests.spec_schemas import SPEC
from tests.spec_schemas import errors as _errors
from tests.spec_schemas import validator as _validator

# The spec and its validators are shared with the other spec tests (tests/spec_schemas.py).


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


# ---- every endpoint, success and error, against the spec ----------------------------------------
# The spec gives error answers no schema (only descriptions); Mirakl's errors are this shape.
ERROR_SCHEMA = {
    "type": "object",
    "required": ["status", "message"],
    "properties": {"status": {"type": "integer"}, "message": {"type": "string", "minLength": 1}},
}


def _assert_error(response: requests.Response, status: int, *words: str) -> None:
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["Content-Type"].startswith("application/json")
    payload = response.json()
    jsonschema.validate(payload, ERROR_SCHEMA)
    assert payload["status"] == status
    for word in words:
        assert word in payload["message"], payload["message"]


def _call(server: SimulatorServer, method: str, path: str, **kwargs: Any) -> requests.Response:
    headers = {"Authorization": API_KEY, **kwargs.pop("headers", {})}
    return requests.request(method, server.url + path, headers=headers, timeout=5, **kwargs)


def _thread_form(topic: str = "Commande prête", body: str = "Votre commande vous attend.") -> Any:
    thread_input = {
        "body": body,
        "to": ["CUSTOMER"],
        "topic": {"type": "FREE_TEXT", "value": topic},
    }
    return {"thread_input": (None, json.dumps(thread_input), "application/json")}


def test_or11_answers_and_refusals_follow_the_spec(sim) -> None:
    ok = _get(sim, "/api/orders", max=5, order_state_codes="SHIPPING,TO_COLLECT")
    assert ok.status_code == 200 and not _errors("OR11_Response_200", ok.json())
    assert {o["order_state"] for o in ok.json()["orders"]} <= {"SHIPPING", "TO_COLLECT"}
    _assert_error(_get(sim, "/api/orders", max=101), 400, "max")
    _assert_error(_get(sim, "/api/orders", order_state_codes="SHIPPING,LOST"), 400, "LOST")
    _assert_error(_get(sim, "/api/orders", start_date="yesterday"), 400, "start_date")
    _assert_error(_get(sim, "/api/orders", end_update_date="soon"), 400, "end_update_date")


def test_or11_honours_creation_and_update_dates_and_channels(sim) -> None:
    book = sim.book
    orders = [book.get(oid) for oid in book.order_ids()]
    created = sorted(o["created_date"] for o in orders)
    middle = created[len(created) // 2]
    late = _get(sim, "/api/orders", max=100, start_date=middle).json()
    assert late["total_count"] == sum(1 for c in created if c >= middle)
    early = _get(sim, "/api/orders", max=100, end_date=middle).json()
    assert early["total_count"] == sum(1 for c in created if c <= middle)
    updated = sorted(o["last_updated_date"] for o in orders)
    cut = updated[len(updated) // 3]
    before = _get(sim, "/api/orders", max=100, end_update_date=cut).json()
    assert 0 < before["total_count"] < len(orders)
    assert all(o["last_updated_date"] <= cut for o in before["orders"])
    assert _get(sim, "/api/orders", max=100, channel_codes="FR").json()["total_count"] == len(
        orders
    )
    assert _get(sim, "/api/orders", max=100, channel_codes="BE").json()["total_count"] == 0


def test_or21_accepts_only_a_full_and_well_formed_decision(sim) -> None:
    order_id = sim.book.add_order("WAITING_ACCEPTANCE")
    while len(sim.book.get(order_id)["order_lines"]) < 2:
        order_id = sim.book.add_order("WAITING_ACCEPTANCE")
    first, second = [line["order_line_id"] for line in sim.book.get(order_id)["order_lines"][:2]]
    path = f"/api/orders/{order_id}/accept"
    others = [
        {"id": line["order_line_id"], "accepted": True}
        for line in sim.book.get(order_id)["order_lines"][2:]
    ]
    cases = [
        (
            {"order_lines": [{"id": first, "accepted": True}]},
            "ORDER_LINE_ACCEPTANCE_DECISION_MISSING",
        ),
        (
            {"order_lines": [{"id": first, "accepted": True}, {"id": first, "accepted": False}]},
            "twice",
        ),
        ({"order_lines": []}, "order_lines"),
        ({}, "order_lines"),
        (
            {"order_lines": [{"id": first, "accepted": "yes"}, {"id": second, "accepted": True}]},
            "boolean",
        ),
        ({"order_lines": [None, {"id": second, "accepted": True}]}, "object"),
        ({"order_lines": [{"id": "NOPE-1", "accepted": True}]}, "NOPE-1"),
        ([1, 2], "object"),
    ]
    for body, word in cases:
        _assert_error(_call(sim, "PUT", path, json=body), 400, word)
    _assert_error(
        _call(sim, "PUT", path, data=b"{not json", headers={"Content-Type": "application/json"}),
        400,
        "JSON",
    )
    assert sim.book.state(order_id) == "WAITING_ACCEPTANCE"  # nothing applied by a refusal
    good = {
        "order_lines": [{"id": first, "accepted": True}, {"id": second, "accepted": False}, *others]
    }
    assert not _errors("OR21_Request", good, strict=True)
    answer = _call(sim, "PUT", path, json=good)
    assert answer.status_code == 204 and answer.content == b""
    _assert_error(_call(sim, "PUT", path, json=good), 400, "WAITING_ACCEPTANCE")
    _assert_error(_call(sim, "PUT", "/api/orders/NOPE/accept", json=good), 404, "NOPE")


def test_or24_answers_follow_the_spec(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    answer = _call(sim, "PUT", f"/api/orders/{order_id}/ship")
    assert answer.status_code == 204 and answer.content == b""
    _assert_error(_call(sim, "PUT", f"/api/orders/{order_id}/ship"), 400, "SHIPPING")
    _assert_error(_call(sim, "PUT", "/api/orders/NOPE/ship"), 404, "NOPE")


def test_or31_validates_against_af01_deletes_on_null_and_stores_line_fields(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    line_id = sim.book.get(order_id)["order_lines"][0]["order_line_id"]
    path = f"/api/orders/{order_id}/additional_fields"
    body = {
        "order_additional_fields": [
            {"code": "code-retrait", "value": "BCDF-GHJK-LNOP"},
            {"code": "emballage-cadeau", "value": "true"},
        ],
        "order_lines": [
            {
                "order_line_id": line_id,
                "order_line_additional_fields": [{"code": "dedicace", "value": "Pour Zoé"}],
            }
        ],
    }
    assert not _errors("OR31_Request", body, strict=True)
    answer = _call(sim, "PUT", path, json=body)
    assert answer.status_code == 200 and not _errors("OR31_Response_200", answer.json())
    result = answer.json()["order_update_result"]
    values = {f["code"]: f["value"] for f in result["order_additional_fields"]}
    assert values == {"code-retrait": "BCDF-GHJK-LNOP", "emballage-cadeau": "true"}
    assert result["order_lines"][0]["order_line_additional_fields"][0]["value"] == "Pour Zoé"
    order = _get(sim, "/api/orders", order_ids=order_id, max=1).json()
    assert not _errors("OR11_Response_200", order)
    (line,) = [x for x in order["orders"][0]["order_lines"] if x["order_line_id"] == line_id]
    assert line["order_line_additional_fields"] == [
        {"code": "dedicace", "type": "STRING", "value": "Pour Zoé"}
    ]
    # null deletes; the answer gives the values after the update.
    deleted = _call(
        sim,
        "PUT",
        path,
        json={"order_additional_fields": [{"code": "emballage-cadeau", "value": None}]},
    ).json()
    assert not _errors("OR31_Response_200", deleted)
    assert [f["code"] for f in deleted["order_update_result"]["order_additional_fields"]] == [
        "code-retrait"
    ]
    # Unknown codes, wrong entities and wrong values: order_update_errors, nothing changed.
    bad = {
        "order_additional_fields": [
            {"code": "code-inconnu", "value": "x"},
            {"code": "dedicace", "value": "line field on the order"},
            {"code": "emballage-cadeau", "value": "peut-être"},
            {"code": "code-retrait", "value": "changed"},
        ]
    }
    refused = _call(sim, "PUT", path, json=bad)
    assert refused.status_code == 200 and not _errors("OR31_Response_200", refused.json())
    errors = refused.json()["order_update_errors"]["errors"]
    assert [e["field"] for e in errors] == ["code-inconnu", "dedicace", "emballage-cadeau"]
    stored = {f["code"]: f["value"] for f in sim.book.get(order_id)["order_additional_fields"]}
    assert stored == {"code-retrait": "BCDF-GHJK-LNOP"}
    _assert_error(_call(sim, "PUT", "/api/orders/NOPE/additional_fields", json=body), 404, "NOPE")
    line_bad = {"order_lines": [{"order_line_id": "NOPE-9", "order_line_additional_fields": []}]}
    _assert_error(_call(sim, "PUT", path, json=line_bad), 400, "NOPE-9")


def test_or43_and_m11_follow_the_spec(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    path = f"/api/orders/{order_id}/threads"
    created = _call(sim, "POST", path, files=_thread_form())
    assert created.status_code == 201 and not _errors("OR43_Response_201", created.json())
    _assert_error(_call(sim, "POST", path, files=_thread_form(topic="ab")), 400, "topic")
    _assert_error(_call(sim, "POST", path, files=_thread_form(topic="x" * 201)), 400, "topic")
    assert _call(sim, "POST", path, files=_thread_form(topic="x" * 200)).status_code == 201
    _assert_error(_call(sim, "POST", path, files=_thread_form(body="x" * 50_001)), 400, "body")
    assert _call(sim, "POST", path, files=_thread_form(body="x" * 50_000)).status_code == 201
    _assert_error(_call(sim, "POST", path, json={"body": "hi"}), 400, "multipart")
    _assert_error(_call(sim, "POST", "/api/orders/NOPE/threads", files=_thread_form()), 404)
    threads = _get(sim, "/api/inbox/threads", entity_type="MMP_ORDER", entity_id=order_id)
    assert threads.status_code == 200 and not _errors("M11_Response_200", threads.json())
    data = threads.json()["data"]
    # Newest update first, as Mirakl's seek pagination sorts (`sort=date,DESC`).
    assert len(data) == 3 and data[-1]["id"] == created.json()["thread_id"]
    _assert_error(_get(sim, "/api/inbox/threads", entity_id=order_id), 400, "entity_type")


def test_af01_sh12_a01_v01_follow_the_spec(sim) -> None:
    fields = _get(sim, "/api/additional_fields", entities="ORDER,ORDER_LINE")
    assert fields.status_code == 200 and not _errors("AF01_Response_200", fields.json())
    assert {f["entity"] for f in fields.json()["additional_fields"]} == {"ORDER", "ORDER_LINE"}
    _assert_error(_get(sim, "/api/additional_fields", entities="ORDERS"), 400, "ORDERS")
    types = _get(sim, "/api/shipping/types")
    assert not _errors("SH12_Response_200", types.json())
    account = _get(sim, "/api/account")
    assert not _errors("A01_Response_200", account.json())
    assert requests.get(sim.url + "/api/version", timeout=5).status_code == 200


def test_auth_faults_and_bugs_answer_mirakl_shaped_json(sim, sim_factory) -> None:
    _assert_error(requests.get(sim.url + "/api/account", timeout=5), 401, "API key")
    _assert_error(_get(sim, "/api/account", shop_id="9999"), 403, "9999")
    _assert_error(_get(sim, "/api/nothing"), 404, "/api/nothing")
    sim.arm("429", path="/api/account", retry_after=0.2)
    limited = _get(sim, "/api/account")
    _assert_error(limited, 429)
    assert limited.headers["Retry-After"] == "1"  # whole seconds, rounded up
    sim.arm("500", path="/api/account")
    _assert_error(_get(sim, "/api/account"), 500)
    sim.arm("error_after", path="/api/account")
    _assert_error(_get(sim, "/api/account"), 502)

    # A bug inside a handler answers a 500 JSON body on a connection that stays usable.
    def broken(order_id: str) -> None:
        raise RuntimeError("bug")

    sim.book.ship = broken  # type: ignore[method-assign]
    with requests.Session() as session:
        session.headers["Authorization"] = API_KEY
        _assert_error(session.put(f"{sim.url}/api/orders/X/ship", timeout=5), 500, "RuntimeError")
        assert session.get(f"{sim.url}/api/account", timeout=5).status_code == 200
    bad_length = requests.put(
        f"{sim.url}/api/orders/X/accept",
        headers={"Authorization": API_KEY, "Content-Length": "abc"},
        timeout=5,
    )
    _assert_error(bad_length, 500)


# ---- what the connector sends, against the spec's request schemas -------------------------------
def _sent(server: SimulatorServer, method: str, suffix: str) -> list[tuple[str, bytes]]:
    return [(c, b) for m, p, c, b in server.received if m == method and p.endswith(suffix)]


def test_every_request_body_the_connector_sends_validates(ctx, sim) -> None:
    from tests.integration.test_sync_upload import collect_locally
    from tests.simulator_fixtures import make_engine

    eng = make_engine(ctx, sim)
    ctx.settings.pickup_code_field = "code-retrait"
    accept = sim.book.add_order("WAITING_ACCEPTANCE")
    refuse = sim.book.add_order("WAITING_ACCEPTANCE")
    ready = sim.book.add_order("SHIPPING")
    eng.run_cycle(force_download=True)
    ctx.repo.accept_order(accept, till="till-1")
    all_lines = [line.line_id for line in ctx.repo.require_order(refuse).lines]
    ctx.repo.accept_order(refuse, refused_line_ids=all_lines, till="till-1")
    ctx.repo.mark_ready(ready, "A1", "till-1", ship=True)
    report = eng.run_cycle()
    assert report.uploaded == 4 and report.failed == 0, report
    collect_locally(ctx.repo, ready)
    assert eng.run_cycle().uploaded == 1

    or21 = _sent(sim, "PUT", "/accept")
    assert len(or21) == 2
    for ctype, body in or21:
        assert ctype.startswith("application/json")
        assert not _errors("OR21_Request", json.loads(body), strict=True)
    (or31,) = _sent(sim, "PUT", "/additional_fields")
    assert not _errors("OR31_Request", json.loads(or31[1]), strict=True)
    (or24,) = _sent(sim, "PUT", "/ship")
    assert or24[1] == b""  # OR24 takes no body
    (or43,) = _sent(sim, "POST", "/threads")
    ctype, body = or43
    assert ctype.startswith("multipart/form-data")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {ctype}\r\n\r\n".encode() + body
    )
    parts = {p.get_param("name", header="content-disposition"): p for p in message.iter_parts()}
    assert set(parts) == {"thread_input", "files"}
    thread_input = json.loads(parts["thread_input"].get_payload(decode=True))
    assert not _errors("OR43_Request_MultipartFormData_ThreadInput", thread_input, strict=True)
    form = json.loads(json.dumps(SPEC_OR43_FORM()))
    assert "thread_input" in form["required"]
    assert 3 <= len(thread_input["topic"]["value"]) <= 200 and len(thread_input["body"]) <= 50_000


def SPEC_OR43_FORM() -> dict[str, Any]:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    content = spec["paths"]["/api/orders/{order_id}/threads"]["post"]["requestBody"]["content"]
    return content["multipart/form-data"]["schema"]
