"""Parsing Mirakl OR11 answers: tolerant where Mirakl varies, strict where it matters."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest

from counter_app.domain.stages import Stage
from counter_app.marketplace.connector import MalformedAnswer
from counter_app.marketplace.mirakl_parse import (
    MalformedOrderError,
    parse_datetime,
    parse_order,
    parse_orders_page,
    to_cents,
)
from counter_app.marketplace.simulator import OrderBook


@pytest.fixture(scope="module")
def sample() -> dict:
    book = OrderBook(5, seed=2)
    return book.get(book.order_ids()[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20T09:15:30Z", datetime(2026, 11, 20, 9, 15, 30, tzinfo=UTC)),
        ("2026-11-20T09:15:30.123Z", datetime(2026, 11, 20, 9, 15, 30, 123000, tzinfo=UTC)),
        ("2026-11-20T10:15:30+01:00", datetime(2026, 11, 20, 9, 15, 30, tzinfo=UTC)),
        ("2026-11-20T09:15:30", datetime(2026, 11, 20, 9, 15, 30, tzinfo=UTC)),
        (None, None),
    ],
)
def test_dates_with_or_without_milliseconds(text: str | None, expected: datetime | None) -> None:
    assert parse_datetime(text) == expected


def test_garbage_date_is_a_malformed_order() -> None:
    with pytest.raises(MalformedOrderError):
        parse_datetime("yesterday at noon")


def test_amounts_become_exact_cents() -> None:
    assert to_cents(0.1 + 0.2) == 30
    assert to_cents(23.9) == 2390
    assert to_cents(None) == 0


def test_full_order(sample: dict) -> None:
    order = parse_order(sample)
    assert order.order_id == sample["order_id"]
    assert order.customer_name == (
        f"{sample['customer']['firstname']} {sample['customer']['lastname']}"
    )
    assert len(order.lines) == len(sample["order_lines"])
    assert order.lines[0].ean == sample["order_lines"][0]["offer_sku"]
    assert order.total_price_cents == to_cents(sample["total_price"])
    assert json.loads(order.raw_json) == sample


def test_missing_optional_fields_and_null_addresses(sample: dict) -> None:
    data = copy.deepcopy(sample)
    data["customer"]["shipping_address"] = None
    data["customer"]["billing_address"] = None
    data["shipping_deadline"] = None
    data.pop("customer_notification_email")
    data.pop("total_price")
    order = parse_order(data)
    assert order.deadline_at is None and order.customer_email == "" and order.total_price_cents == 0


def test_name_falls_back_to_the_billing_address(sample: dict) -> None:
    data = copy.deepcopy(sample)
    data["customer"] = {
        "firstname": None,
        "lastname": "",
        "billing_address": {"firstname": "Zoé", "lastname": "Dupré"},
    }
    assert parse_order(data).customer_name == "Zoé Dupré"


def test_unknown_state_is_kept(sample: dict) -> None:
    data = dict(sample, order_state="ON_THE_MOON")
    order = parse_order(data)
    assert order.remote_state == "ON_THE_MOON" and order.stage is Stage.UNKNOWN


def test_one_malformed_order_is_skipped_and_the_rest_of_the_page_goes_in(
    sample: dict, caplog: pytest.LogCaptureFixture
) -> None:
    broken = dict(sample, order_id="BROKEN-1", created_date="not a date")
    no_lines = dict(sample, order_id="BROKEN-2", order_lines="nope")
    good = dict(sample, order_id="GOOD-1")
    orders, skipped, total = parse_orders_page(
        {"orders": [broken, good, no_lines, "garbage"], "total_count": 4}
    )
    assert [o.order_id for o in orders] == ["GOOD-1"]
    assert skipped == ["BROKEN-1", "BROKEN-2", "?"]
    assert total == 4
    assert "BROKEN-1" in caplog.text


@pytest.mark.parametrize(
    "payload", [[], {"orders": None, "total_count": 1}, {"orders": []}, "<html>"]
)
def test_answer_without_orders_or_total_is_malformed(payload: object) -> None:
    with pytest.raises(MalformedAnswer):
        parse_orders_page(payload)
