"""Customer message threads through the real Mirakl connector, against the simulator over HTTP.

OR43 opens a thread, M12 replies on the right one, M10 reads one, M11 lists them page by page
with its filters; the bodies sent validate against the spec's request schemas; a 429 or a
malformed M11 answer is a clear error; seeded customers write as the simulator's clock runs.
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from counter_app.marketplace.connector import (
    MalformedAnswer,
    MarketplaceUnavailable,
    OutcomeUnknown,
    RateLimited,
    RequestRejected,
)
from counter_app.marketplace.messages_types import CUSTOMER_USER, SHOP_USER, Attachment
from counter_app.marketplace.simulator.ratelimit import RateLimit
from tests.simulator_fixtures import fast_connector, sim, sim_factory
from tests.spec_schemas import errors, form, form_schema, sent

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Clock:
    """The simulator's injected clock: `advance` moves it, no test sleeps."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def test_open_reply_and_read_a_thread_on_the_right_order(sim) -> None:
    connector = fast_connector(sim)
    order_id, other = sim.book.add_order("SHIPPING"), sim.book.add_order("SHIPPING")
    opened = connector.create_order_thread(
        order_id, "Votre commande", "Bonjour, votre commande vous attend."
    )
    elsewhere = connector.create_order_thread(other, "Votre commande", "Bonjour, à bientôt.")
    assert opened.thread_id and opened.message_id and opened.thread_id != elsewhere.thread_id
    sim.book.customer_writes(order_id, "Mon mari passera samedi.", thread_id=opened.thread_id)
    thread = connector.get_thread(opened.thread_id)
    assert thread.order_id == order_id and thread.topic == "Votre commande"
    assert [m.sender_type for m in thread.messages] == [SHOP_USER, CUSTOMER_USER]
    assert thread.needs_reply and thread.message_count == 2
    assert thread.newest_first()[0].body == "Mon mari passera samedi."
    assert thread.messages[1].sender_name == sim.book.thread(opened.thread_id).customer_name

    answer = connector.reply_to_thread(opened.thread_id, "Très bien, nous la gardons pour lui.")
    assert answer.thread_id == opened.thread_id and answer.message_id
    assert [m.body for m in sim.book.thread(opened.thread_id).messages][-1].startswith("Très bien")
    assert len(sim.book.thread(elsewhere.thread_id).messages) == 1  # not on the other order
    after = connector.get_thread(opened.thread_id)
    assert not after.needs_reply and after.messages[-1].to == ("CUSTOMER",)

    ((ctype, body),) = sent(sim, "POST", f"/{opened.thread_id}/message")
    parts = form(ctype, body)
    assert set(form_schema("/api/inbox/threads/{thread_id}/message")["required"]) <= set(parts)
    message_input = json.loads(parts["message_input"])
    assert not errors("M12_Request_MultipartFormData_MessageInput", message_input, strict=True)
    for ctype, body in sent(sim, "POST", "/threads"):
        thread_input = json.loads(form(ctype, body)["thread_input"])
        assert not errors("OR43_Request_MultipartFormData_ThreadInput", thread_input, strict=True)


def test_bad_messages_are_refused_before_sending_and_unknown_threads_are_404(sim) -> None:
    connector = fast_connector(sim)
    order_id = sim.book.add_order("SHIPPING")
    with pytest.raises(ValueError, match="3 to 50000"):
        connector.create_order_thread(order_id, "Sujet", "ok")
    with pytest.raises(ValueError, match="subject"):
        connector.create_order_thread(order_id, "Hi", "Bonjour, votre commande est prête.")
    with pytest.raises(ValueError, match="recipients"):
        connector.reply_to_thread("any", "Bonjour à vous.", to=("NEIGHBOUR",))
    assert sim.requests["OR43"] == 0 and sim.requests["M12"] == 0
    for call in (
        lambda: connector.get_thread("no-such-thread"),
        lambda: connector.reply_to_thread("no-such-thread", "Bonjour à vous."),
        lambda: connector.create_order_thread("NOPE-A", "Sujet", "Bonjour à vous."),
    ):
        with pytest.raises(RequestRejected) as refused:
            call()
        assert refused.value.status == 404
    # A thread with the operator only cannot carry a message to the customer.
    thread = sim.book.add_thread(
        order_id, "Question", ["OPERATOR"], {"type": "FREE_TEXT", "value": "Stock"}, []
    )
    with pytest.raises(RequestRejected, match="CUSTOMER"):
        connector.reply_to_thread(thread.thread_id, "Bonjour à vous.")


def test_list_threads_walks_every_page_and_filters_by_order_and_date(sim_factory) -> None:
    clock = Clock()
    sim = sim_factory(count=40, seed=4, clock=clock)
    connector = fast_connector(sim)
    orders = sim.book.order_ids()
    for i in range(230):
        clock.advance(minutes=1)
        sim.book.customer_writes(orders[i % len(orders)], f"Message numéro {i}.")
    everything = connector.list_threads()
    assert len(everything) == 230 and len({t.thread_id for t in everything}) == 230
    assert sim.requests["M11"] == 3  # 100 + 100 + 30, following next_page_token
    assert all(len(t.messages) == 1 for t in everything)  # with_messages: no M10 needed
    assert [t.updated_at for t in everything] == sorted(
        (t.updated_at for t in everything), reverse=True
    )
    mine = connector.list_threads(order_id=orders[3])
    assert {t.order_id for t in mine} == {orders[3]} and len(mine) == 6
    since = START + timedelta(minutes=200)
    recent = connector.list_threads(updated_since=since, with_messages=False)
    assert len(recent) == 31 and all(t.updated_at >= since for t in recent)
    assert all(t.messages == () and t.message_count == 1 for t in recent)
    # A reply brings an old thread back into the recent ones.
    old = everything[-1]
    clock.advance(minutes=1)
    connector.reply_to_thread(old.thread_id, "Bonjour, c'est noté.")
    again = connector.list_threads(updated_since=clock.now)
    assert [t.thread_id for t in again] == [old.thread_id]


def test_m11_rate_limit_and_malformed_answers_are_clear_errors(sim) -> None:
    sim.limiter.set("M11", RateLimit(2, 60.0))
    ticks = [100.0]
    sim.limiter.now = lambda: ticks[0]
    connector = fast_connector(sim)
    connector.list_threads()
    connector.list_threads()
    with pytest.raises(RateLimited) as limited:
        connector.list_threads()
    assert limited.value.retry_after == 60 and "HTTP 429" in str(limited.value)
    assert sim.limited["M11"] == 1 and sim.requests["M11"] == 2
    assert connector.list_reasons("cancel")  # other APIs are not limited by M11's
    ticks[0] += 61
    assert connector.list_threads() == []
    sim.limiter.set("M11", None)

    sim.arm("wrong_shape", path="/api/inbox/threads")
    with pytest.raises(MalformedAnswer, match="no 'data' list"):
        connector.list_threads()
    sim.arm("truncated", count=10, path="/api/inbox/threads")
    with pytest.raises(MarketplaceUnavailable, match="malformed JSON") as garbled:
        connector.list_threads()
    assert garbled.value.network is False  # the link is fine, the answer is not
    sim.faults.clear()
    sim.arm("wrong_shape", path="/api/inbox/threads/")
    with pytest.raises(MalformedAnswer, match="thread"):
        connector.get_thread("anything")


def test_seeded_customers_write_and_answer_as_the_clock_runs(sim_factory) -> None:
    clock = Clock()
    sim = sim_factory(count=120, seed=9, clock=clock, customer_activity=True)
    connector = fast_connector(sim)
    first = connector.list_threads()
    assert first, "some customers have already written"
    assert all(t.messages[0].sender_type == CUSTOMER_USER for t in first)
    flagged = {
        o.order_id
        for page in connector.iter_changed_orders(None)
        for o in page.orders
        if json.loads(o.raw_json)["has_customer_message"]
    }
    assert flagged == {t.order_id for t in first}
    pending = len(sim.book.customers)
    assert pending > 0, "some customers write later"

    seen = clock.advance(seconds=1)  # M11's updated_since is inclusive ("at or after")
    clock.advance(hours=48)  # every seeded "later" message is due by then (daytime only)
    later = connector.list_threads(updated_since=seen)
    assert len(later) >= pending and not {t.thread_id for t in later} & {t.thread_id for t in first}
    assert all(seen < t.updated_at <= clock.now for t in later)
    changed = [o.order_id for page in connector.iter_changed_orders(seen) for o in page.orders]
    assert {t.order_id for t in later} <= set(changed)  # a sync by update date sees them

    # Customers answer about half of the shop's messages, some hours later, on that thread.
    shipping = [oid for oid in sim.book.order_ids() if sim.book.state(oid) == "SHIPPING"][:20]
    sent_at = clock.now
    opened = {
        connector.create_order_thread(oid, "Commande prête", "Votre commande est prête.").thread_id
        for oid in shipping
    }
    assert not any(len(sim.book.thread(t).messages) > 1 for t in opened)
    clock.advance(hours=9)
    answered = [connector.get_thread(t) for t in opened]
    answered = [t for t in answered if len(t.messages) == 2]
    assert 3 <= len(answered) <= 17
    for thread in answered:
        reply = thread.messages[1]
        assert reply.sender_type == CUSTOMER_USER and sent_at < reply.sent_at <= clock.now
        assert thread.needs_reply
    customer_times = [
        m.sent_at for t in connector.list_threads() for m in t.messages if m.from_customer
    ]
    assert customer_times and all(7 <= when.hour < 20 for when in customer_times)  # daytime


def test_after_a_lost_answer_the_message_is_looked_for_not_sent_again(sim) -> None:
    connector = fast_connector(sim)
    order_id = sim.book.add_order("SHIPPING")
    sim.arm("error_after", path=f"/api/orders/{order_id}/threads")
    with pytest.raises(OutcomeUnknown):
        connector.create_order_thread(order_id, "Rappel", "Votre commande vous attend.")
    found = connector.find_order_thread(order_id, "Rappel", "Votre commande vous attend.")
    assert found is not None and sim.requests["OR43"] == 1
    assert found.thread_id == sim.book.threads(order_id)[0].thread_id
    assert connector.find_order_thread(order_id, "Autre sujet") is None

    body = "Nous fermons à 19 h ce soir."
    sim.arm("error_after", path=f"/api/inbox/threads/{found.thread_id}/message")
    with pytest.raises(OutcomeUnknown):
        connector.reply_to_thread(found.thread_id, body)
    landed = connector.find_shop_message(found.thread_id, body)
    assert landed == sim.book.thread(found.thread_id).messages[-1].message_id
    sim.arm("500", path=f"/api/inbox/threads/{found.thread_id}/message")
    with pytest.raises(OutcomeUnknown):
        connector.reply_to_thread(found.thread_id, "Et demain à 10 h.")
    assert connector.find_shop_message(found.thread_id, "Et demain à 10 h.") is None
    assert sim.requests["M12"] == 1  # the 500 came before the handler: nothing to find
    sim.book.customer_writes(order_id, body, thread_id=found.thread_id)
    later = sim.book.thread(found.thread_id).messages[-1].created_at
    assert connector.find_shop_message(found.thread_id, body, since=later) is None  # customer's


def test_a_reminder_can_carry_the_pickup_code_again_as_a_file(sim) -> None:
    connector = fast_connector(sim)
    order_id = sim.book.add_order("SHIPPING")
    qr = Attachment("code-retrait.png", b"\x89PNG fake image bytes", "image/png")
    opened = connector.create_order_thread(
        order_id, "Rappel", "Votre commande vous attend.", files=[qr]
    )
    connector.reply_to_thread(opened.thread_id, "Dernier rappel avant samedi.", files=[qr])
    stored = sim.book.thread(opened.thread_id).messages
    assert [m.files for m in stored] == [[(qr.file_name, qr.content)]] * 2
    thread = connector.get_thread(opened.thread_id)
    assert [m.attachments for m in thread.messages] == [("code-retrait.png",)] * 2
    ((ctype, body),) = sent(sim, "POST", f"/{opened.thread_id}/message")
    assert set(form(ctype, body)) == {"message_input", "files"}
