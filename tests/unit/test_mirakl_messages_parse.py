"""Parsing RE01, M10/M11 and order flags: tolerant where Mirakl varies, clear when it breaks."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from counter_app.marketplace.connector import MalformedAnswer
from counter_app.marketplace.messages_types import LineCancel, LineRefund, ReasonKind
from counter_app.marketplace.mirakl_messages import (
    cancel_body,
    message_input,
    order_flags,
    parse_reasons,
    parse_thread,
    parse_thread_page,
    refund_body,
)
from counter_app.marketplace.simulator import OrderBook
from tests.spec_schemas import errors, spec


def _m11_example() -> dict[str, Any]:
    op = spec()["paths"]["/api/inbox/threads"]["get"]
    return dict(
        op["responses"]["200"]["content"]["application/json"]["examples"]["application/json-0"][
            "value"
        ]
    )


def test_the_spec_own_m11_example_parses() -> None:
    threads, token = parse_thread_page(_m11_example())
    (thread,) = threads
    assert thread.thread_id == "702c3e56-dcca-41e2-b6bd-72ba3fa809be"
    assert thread.updated_at == datetime(2018, 9, 3, 13, 37, tzinfo=UTC)
    assert thread.last_sender_type == "SHOP_USER" and not thread.needs_reply
    assert thread.message_count == 2 and thread.messages == ()
    assert token.startswith("bGltaXQ9NTA")


def test_a_broken_thread_is_skipped_a_broken_page_is_an_error() -> None:
    good = _m11_example()["data"][0]
    broken = {**good, "id": "x", "date_updated": "last tuesday"}
    threads, token = parse_thread_page({"data": [broken, good]})
    assert [t.thread_id for t in threads] == [good["id"]] and token == ""
    for payload in ({}, {"data": {}}, [], {"data": [], "next_page_token": 5}):
        with pytest.raises(MalformedAnswer):
            parse_thread_page(payload)
    with pytest.raises(MalformedAnswer, match="no sender"):
        parse_thread(
            {**good, "messages": [{"id": "m1", "body": "x", "date_created": good["date_created"]}]}
        )


def test_reasons_by_kind_and_a_reasonless_answer() -> None:
    payload = {
        "reasons": [
            {"code": "34", "label": "Annulée", "type": "CANCELATION", "is_shop_right": True},
            {"code": "15", "label": "Rupture", "type": "REFUND", "is_shop_right": True},
            {"code": "", "label": "sans code", "type": "REFUND"},
            "not a reason",
        ]
    }
    assert [r.code for r in parse_reasons(payload, ReasonKind.REFUND)] == ["15"]
    assert parse_reasons(payload, ReasonKind.CANCEL)[0].label == "Annulée"
    with pytest.raises(MalformedAnswer, match="reasons"):
        parse_reasons({"items": []}, ReasonKind.CANCEL)


def test_bodies_validate_against_the_request_schemas() -> None:
    cancel = cancel_body([LineCancel("O-1", 2, "35")], {"O-1": 1290})
    assert cancel["cancelations"][0]["amount"] == 25.8
    assert not errors("OR30_Request", cancel, strict=True)
    refund = refund_body([LineRefund("O-1", 1, 1290, "16")])
    assert refund["refunds"][0]["amount"] == 12.9
    assert not errors("OR28_Request", refund, strict=True)
    reply = message_input("Bonjour, c'est noté.", ["CUSTOMER"])
    assert not errors("M12_Request_MultipartFormData_MessageInput", reply, strict=True)


def test_order_flags_from_the_stored_raw_json() -> None:
    book = OrderBook(5, 1)
    order_id = book.add_order("SHIPPED")
    assert order_flags(json.dumps(book.get(order_id))).has_incident is False
    line_id = book.open_incident(order_id, "2")
    book.customer_writes(order_id, "Le livre est abîmé.")
    flags = order_flags(json.dumps(book.get(order_id)))
    assert flags.has_customer_message and flags.has_incident
    (incident,) = flags.incidents
    assert incident.line_id == line_id and incident.reason_code == "2"
    assert incident.reason_label == "Article endommagé"
    assert order_flags("{not json") == order_flags("[]") == order_flags("{}")
