"""The simulator's after-sale and message endpoints speak Mirakl: every answer validates against
the spec's response schema, every refusal is a Mirakl-shaped error, and the orders they change
still validate as OR11 orders (cancelations, refunds, incidents, customer message flags).
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jsonschema
import requests

from counter_app.marketplace.simulator import SimulatorServer
from tests.simulator_fixtures import API_KEY, sim, sim_factory
from tests.spec_schemas import errors

ERROR_SCHEMA = {
    "type": "object",
    "required": ["status", "message"],
    "properties": {"status": {"type": "integer"}, "message": {"type": "string", "minLength": 1}},
}


def _call(sim: SimulatorServer, method: str, path: str, **kwargs: Any) -> requests.Response:
    headers = {"Authorization": API_KEY, **kwargs.pop("headers", {})}
    return requests.request(method, sim.url + path, headers=headers, timeout=5, **kwargs)


def _refused(response: requests.Response, status: int, *words: str) -> None:
    assert response.status_code == status, (response.status_code, response.text)
    payload = response.json()
    jsonschema.validate(payload, ERROR_SCHEMA)
    for word in words:
        assert word in payload["message"], payload["message"]


def _or11_valid(sim: SimulatorServer, *order_ids: str) -> list[dict[str, Any]]:
    """These orders as OR11 serves them, page by page, each page checked against the spec."""
    orders: list[dict[str, Any]] = []
    while len(orders) < len(order_ids):
        params = {"order_ids": ",".join(order_ids), "max": 100, "offset": len(orders)}
        answer = _call(sim, "GET", "/api/orders", params=params).json()
        assert not errors("OR11_Response_200", answer) and answer["orders"]
        orders.extend(answer["orders"])
    return orders


def _message_form(body: str = "Bonjour, c'est noté.", to: Any = None) -> Any:
    data = {"body": body, "to": to if to is not None else [{"type": "CUSTOMER"}]}
    return {"message_input": (None, json.dumps(data), "application/json")}


def _thread_form(to: Any = None) -> Any:
    data = {
        "body": "Votre commande vous attend.",
        "to": to or ["CUSTOMER"],
        "topic": {"type": "FREE_TEXT", "value": "Commande prête"},
    }
    return {"thread_input": (None, json.dumps(data), "application/json")}


def test_re01_and_re02_answers_follow_the_spec(sim) -> None:
    all_reasons = _call(sim, "GET", "/api/reasons")
    assert not errors("RE01_Response_200", all_reasons.json(), strict=True)
    types = [r["type"] for r in all_reasons.json()["reasons"]]
    assert types == sorted(types)  # "sorted by type then sort index"
    assert {"CANCELATION", "REFUND", "INCIDENT_OPEN"} <= set(types)
    english = _call(sim, "GET", "/api/reasons", params={"locale": "en_GB"}).json()
    assert "Order not collected" in {r["label"] for r in english["reasons"]}
    refund = _call(sim, "GET", "/api/reasons/REFUND")
    assert not errors("RE02_Response_200", refund.json(), strict=True)
    assert refund.json()["total_count"] == 5
    _refused(_call(sim, "GET", "/api/reasons/ANYTHING"), 400, "ANYTHING")


def test_or29_answers_and_refusals_follow_the_spec(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    answer = _call(sim, "PUT", f"/api/orders/{order_id}/cancel")
    assert answer.status_code == 204 and answer.content == b""
    (order,) = _or11_valid(sim, order_id)
    assert order["order_state"] == "CANCELED" and order["can_cancel"] is False
    assert all(line["cancelations"] for line in order["order_lines"])
    _refused(_call(sim, "PUT", f"/api/orders/{order_id}/cancel"), 400, "CANCELED", "SHIPPING")
    for state in ("WAITING_ACCEPTANCE", "SHIPPED", "TO_COLLECT", "CLOSED"):
        other = sim.book.add_order(state)
        _refused(_call(sim, "PUT", f"/api/orders/{other}/cancel"), 400, state)
        assert sim.book.state(other) == state
    _refused(_call(sim, "PUT", "/api/orders/NOPE/cancel"), 404, "NOPE")


def test_or30_answers_and_refusals_follow_the_spec(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    line = sim.book.get(order_id)["order_lines"][0]
    good = {
        "cancelations": [
            {
                "amount": line["price_unit"],
                "order_line_id": line["order_line_id"],
                "quantity": 1,
                "reason_code": "35",
                "shipping_amount": 0,
            }
        ],
        "order_tax_mode": "TAX_INCLUDED",
    }
    assert not errors("OR30_Request", good, strict=True)
    item = good["cancelations"][0]
    cases = [
        ({}, "cancelations"),
        ({"cancelations": []}, "cancelations"),
        ({"cancelations": [{**item, "reason_code": None}]}, "reason_code"),
        ({"cancelations": [{**item, "reason_code": "999"}]}, "999"),
        ({"cancelations": [{**item, "quantity": 0}]}, "quantity"),
        ({"cancelations": [{**item, "amount": -1}]}, "amount"),
        ({"cancelations": [{**item, "amount": line["price_unit"] + 1}]}, "exceeds"),
        ({"cancelations": [{**item, "shipping_amount": 5}]}, "shipping_amount"),
        ({"cancelations": [{**item, "order_line_id": "NOPE-1"}]}, "NOPE-1"),
        ({**good, "order_tax_mode": "SOMETIMES"}, "order_tax_mode"),
    ]
    for body, word in cases:
        _refused(_call(sim, "PUT", "/api/orders/cancel", json=body), 400, word)
    assert sim.book.get(order_id)["order_lines"][0]["cancelations"] == []
    answer = _call(sim, "PUT", "/api/orders/cancel", json=good)
    assert answer.status_code == 200, answer.text
    assert not errors("OR30_Response_200", answer.json())
    # The spec's own example sends the reason as a number: accepted, answered as a string.
    numeric = {"cancelations": [{**item, "reason_code": 35}]}
    if line["quantity"] > 1:
        assert (
            _call(sim, "PUT", "/api/orders/cancel", json=numeric).json()["cancelations"][0][
                "reason_code"
            ]
            == "35"
        )
    _or11_valid(sim, order_id)


def test_or28_answers_and_refusals_follow_the_spec(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    line = sim.book.get(order_id)["order_lines"][0]
    good = {
        "order_tax_mode": "TAX_INCLUDED",
        "refunds": [
            {
                "amount": line["total_price"],
                "order_line_id": line["order_line_id"],
                "quantity": line["quantity"],
                "reason_code": "16",
                "shipping_amount": 0,
            }
        ],
    }
    assert not errors("OR28_Request", good, strict=True)
    _refused(_call(sim, "PUT", "/api/orders/refund", json=good), 400, "SHIPPING", "OR24")
    assert _call(sim, "PUT", f"/api/orders/{order_id}/ship").status_code == 204
    item = good["refunds"][0]
    for body, word in [
        ({"refunds": [{**item, "reason_code": ""}]}, "reason_code"),
        ({"refunds": [{**item, "reason_code": "34"}]}, "REFUND"),
        ({"refunds": [{**item, "amount": 0}]}, "amount"),
        ({"refunds": [{**item, "amount": line["total_price"] + 0.01}]}, "exceeds"),
        ({"refunds": [{**item, "shipping_amount": None}]}, "shipping_amount"),
        ([item], "object"),
    ]:
        _refused(_call(sim, "PUT", "/api/orders/refund", json=body), 400, word)
    answer = _call(sim, "PUT", "/api/orders/refund", json=good)
    assert answer.status_code == 200 and not errors("OR28_Response_200", answer.json())
    (order,) = _or11_valid(sim, order_id)
    (refunded,) = [x for x in order["order_lines"] if x["order_line_id"] == line["order_line_id"]]
    assert refunded["order_line_state"] == "REFUNDED" and refunded["can_refund"] is False
    assert refunded["refunds"][0]["refund_state"] == "WAITING_REFUND"
    _refused(_call(sim, "PUT", "/api/orders/refund", json=good), 400, "REFUNDED")


def test_m10_m11_m12_answers_follow_the_spec(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    created = _call(sim, "POST", f"/api/orders/{order_id}/threads", files=_thread_form())
    thread_id = created.json()["thread_id"]
    sim.book.customer_writes(order_id, "Je passe demain.", thread_id=thread_id)
    sim.book.customer_writes(order_id, "Puis-je venir à midi ?", topic="Horaires")
    one = _call(sim, "GET", f"/api/inbox/threads/{thread_id}")
    assert one.status_code == 200 and not errors("M10_Response_200", one.json())
    assert [m["from"]["type"] for m in one.json()["messages"]] == ["SHOP_USER", "CUSTOMER_USER"]
    assert one.json()["metadata"]["shop_reply_needed_since"] is not None
    reply = _call(sim, "POST", f"/api/inbox/threads/{thread_id}/message", files=_message_form())
    assert reply.status_code == 201 and not errors("M12_Response_201", reply.json(), strict=True)
    after = _call(sim, "GET", f"/api/inbox/threads/{thread_id}").json()
    assert after["metadata"]["shop_reply_needed_since"] is None
    assert after["metadata"]["total_count"] == 3

    for params in ({}, {"with_messages": "true"}, {"entity_type": "MMP_ORDER", "limit": 1}):
        listed = _call(sim, "GET", "/api/inbox/threads", params=params)
        assert listed.status_code == 200 and not errors("M11_Response_200", listed.json())
    page = _call(sim, "GET", "/api/inbox/threads", params={"limit": 1}).json()
    assert len(page["data"]) == 1 and "messages" not in page["data"][0]
    rest = _call(sim, "GET", "/api/inbox/threads", params={"page_token": page["next_page_token"]})
    assert len(rest.json()["data"]) == 1 and "next_page_token" not in rest.json()
    assert _call(sim, "GET", "/api/inbox/threads", params={"entity_type": "MMP_OFFER"}).json() == {
        "data": []
    }
    assert _call(sim, "GET", "/api/inbox/threads", params={"channel_codes": "BE"}).json() == {
        "data": []
    }


def test_m11_m12_refusals_are_mirakl_shaped(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    thread_id = _call(sim, "POST", f"/api/orders/{order_id}/threads", files=_thread_form()).json()[
        "thread_id"
    ]
    threads = "/api/inbox/threads"
    for params, word in [
        ({"entity_id": order_id}, "entity_type"),
        ({"entity_type": "ORDERS"}, "ORDERS"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"with_messages": "yes"}, "with_messages"),
        ({"limit": 101}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"page_token": "not-a-token"}, "page_token"),
    ]:
        _refused(_call(sim, "GET", threads, params=params), 400, word)
    _refused(_call(sim, "GET", f"{threads}/nope"), 404, "nope")
    path = f"{threads}/{thread_id}/message"
    _refused(_call(sim, "POST", f"{threads}/nope/message", files=_message_form()), 404, "nope")
    _refused(_call(sim, "POST", path, json={"body": "hi"}), 400, "multipart")
    _refused(_call(sim, "POST", path, files=_message_form(body="ok")), 400, "body")
    _refused(_call(sim, "POST", path, files=_message_form(body="x" * 50_001)), 400, "body")
    _refused(_call(sim, "POST", path, files=_message_form(to=["CUSTOMER"])), 400, "to")
    _refused(_call(sim, "POST", path, files=_message_form(to=[{"type": "OPERATOR"}])), 400)
    bad_topic = {"body": "Bonjour !", "to": [{"type": "CUSTOMER"}], "topic": {"type": "X"}}
    form = {"message_input": (None, json.dumps(bad_topic), "application/json")}
    _refused(_call(sim, "POST", path, files=form), 400, "topic")
    assert len(sim.book.thread(thread_id).messages) == 1  # nothing was added


def test_customer_messages_and_incidents_show_on_or11_orders(sim_factory) -> None:
    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    sim = sim_factory(count=150, seed=2, clock=lambda: now[0], customer_activity=True)
    orders = _or11_valid(sim, *sim.book.order_ids())
    wrote = {t.order_id for t in sim.book.threads() if t.has_customer_message()}
    assert wrote and {o["order_id"] for o in orders if o["has_customer_message"]} == wrote
    with_incident = [o for o in orders if o["has_incident"]]
    assert with_incident
    for order in with_incident:
        lines = [x for x in order["order_lines"] if x["order_line_state"] == "INCIDENT_OPEN"]
        assert lines and lines[0]["order_line_state_reason_label"]
    # The shop's own thread does not make an order "with a customer message".
    quiet = next(o["order_id"] for o in orders if not o["has_customer_message"])
    _call(sim, "POST", f"/api/orders/{quiet}/threads", files=_thread_form())
    assert sim.book.get(quiet)["has_customer_message"] is False
    now[0] += timedelta(days=2)
    later = _or11_valid(sim, *sim.book.order_ids())
    assert sum(o["has_customer_message"] for o in later) > len(wrote)  # more wrote since


def test_control_api_makes_customers_write_opens_incidents_and_sets_rate_limits(sim) -> None:
    order_id = sim.book.add_order("SHIPPING")
    wrote = requests.post(
        f"{sim.url}/_control/orders/{order_id}/customer_message",
        json={"body": "Bonjour, je viens samedi.", "topic": "Retrait"},
        timeout=5,
    )
    assert wrote.status_code == 201 and sim.book.get(order_id)["has_customer_message"] is True
    thread_id = wrote.json()["thread_id"]
    requests.post(
        f"{sim.url}/_control/orders/{order_id}/customer_message",
        json={"body": "Finalement dimanche.", "thread_id": thread_id},
        timeout=5,
    )
    assert len(sim.book.thread(thread_id).messages) == 2
    shipped = sim.book.add_order("SHIPPED")
    incident = requests.post(
        f"{sim.url}/_control/orders/{shipped}/incident", json={"reason_code": "2"}, timeout=5
    )
    assert incident.status_code == 201 and sim.book.get(shipped)["has_incident"] is True
    bad = requests.post(
        f"{sim.url}/_control/orders/{shipped}/incident", json={"reason_code": "15"}, timeout=5
    )
    assert bad.status_code == 400
    limit = {"code": "RE01", "calls": 1, "seconds": 60}
    assert requests.post(f"{sim.url}/_control/rate_limits", json=limit, timeout=5).ok
    assert _call(sim, "GET", "/api/reasons").status_code == 200
    limited = _call(sim, "GET", "/api/reasons")
    _refused(limited, 429)
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert _call(sim, "GET", "/api/account").status_code == 200  # per API, not global


def test_customers_writing_leaves_the_seeded_book_and_its_ticks_unchanged() -> None:
    from counter_app.marketplace.simulator import OrderBook

    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    quiet, lively = (
        OrderBook(60, 4, clock=lambda: start, customer_activity=flag) for flag in (False, True)
    )
    assert lively.threads() and not quiet.threads()
    assert [quiet.tick() for _ in range(5)] == [lively.tick() for _ in range(5)]
    assert quiet.order_ids() == lively.order_ids()
    assert [quiet.state(o) for o in quiet.order_ids()] == [
        lively.state(o) for o in lively.order_ids()
    ]
