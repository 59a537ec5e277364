"""Cancel, refund and reasons through the real Mirakl connector, against the simulator over HTTP.

OR29 only while SHIPPING, OR30 lines with a cancellation reason, OR28 only after OR24 and with a
refund reason; every body sent validates against the spec's request schema; a refusal changes
nothing; a write whose answer is lost is reported as unknown and never sent twice.
"""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import json

import pytest

from counter_app.marketplace.connector import (
    OutcomeUnknown,
    RequestRejected,
    WrongStateError,
)
from counter_app.marketplace.messages_types import LineCancel, LineRefund, ReasonKind
from counter_app.marketplace.simulator import SimulatorServer
from tests.simulator_fixtures import fast_connector, sim, sim_factory
from tests.spec_schemas import errors, sent


def _order_with_lines(sim: SimulatorServer, state: str, lines: int = 2) -> str:
    while True:
        order_id = sim.book.add_order(state)
        if len(sim.book.get(order_id)["order_lines"]) >= lines:
            return order_id


def _line_states(sim: SimulatorServer, order_id: str) -> list[str]:
    return [line["order_line_state"] for line in sim.book.get(order_id)["order_lines"]]


def test_cancel_order_only_while_shipping_and_only_once(sim) -> None:
    connector = fast_connector(sim)
    order_id = _order_with_lines(sim, "SHIPPING")
    connector.cancel_order(order_id)
    assert sim.book.state(order_id) == "CANCELED"
    assert set(_line_states(sim, order_id)) == {"CANCELED"}
    order = connector.get_order(order_id)
    assert order is not None and order.remote_state == "CANCELED"
    ((_ctype, body),) = sent(sim, "PUT", f"/{order_id}/cancel")
    assert body == b""  # OR29 takes no body
    with pytest.raises(WrongStateError, match="SHIPPING"):
        connector.cancel_order(order_id)
    shipped = sim.book.add_order("SHIPPING")
    connector.confirm_collection(shipped)
    with pytest.raises(WrongStateError, match="SHIPPED"):
        connector.cancel_order(shipped)
    assert sim.book.state(shipped) == "SHIPPED"
    with pytest.raises(RequestRejected) as unknown:
        connector.cancel_order("NOPE-A")
    assert unknown.value.status == 404


def test_cancel_lines_sends_a_valid_or30_and_cancels_exactly_that(sim) -> None:
    connector = fast_connector(sim)
    order_id = _order_with_lines(sim, "SHIPPING")
    lines = sim.book.get(order_id)["order_lines"]
    first = lines[0]
    results = connector.cancel_lines(order_id, [(first["order_line_id"], first["quantity"], "35")])
    (result,) = results
    assert result.line_id == first["order_line_id"] and result.reason_code == "35"
    assert result.quantity == first["quantity"] and result.cancelation_id
    assert result.amount_cents == round(first["price_unit"] * 100) * first["quantity"]
    assert _line_states(sim, order_id)[0] == "CANCELED"
    assert sim.book.state(order_id) == "SHIPPING"  # the other lines are still to collect
    (ctype, body), *_ = sent(sim, "PUT", "/api/orders/cancel")
    assert ctype.startswith("application/json")
    assert not errors("OR30_Request", json.loads(body), strict=True)

    rest = [LineCancel(x["order_line_id"], x["quantity"], "34") for x in lines[1:]]
    assert len(connector.cancel_lines(order_id, rest)) == len(rest)
    assert sim.book.state(order_id) == "CANCELED"
    for _ctype, body in sent(sim, "PUT", "/api/orders/cancel"):
        assert not errors("OR30_Request", json.loads(body), strict=True)


def test_cancel_lines_refusals_change_nothing(sim) -> None:
    connector = fast_connector(sim)
    order_id = _order_with_lines(sim, "SHIPPING")
    line = sim.book.get(order_id)["order_lines"][0]
    line_id, quantity = line["order_line_id"], line["quantity"]
    before = sim.book.get(order_id)
    calls = sim.requests["OR30"]
    with pytest.raises(ValueError, match="reason"):
        connector.cancel_lines(order_id, [(line_id, 1, "")])
    with pytest.raises(ValueError, match="at least 1"):
        connector.cancel_lines(order_id, [(line_id, 0, "35")])
    with pytest.raises(RequestRejected, match="no line"):
        connector.cancel_lines(order_id, [("NOPE-1", 1, "35")])
    assert sim.requests["OR30"] == calls  # none of those reached OR30
    cases = [
        ([(line_id, 1, "16")], "not a CANCELATION reason"),  # a refund reason
        ([(line_id, 1, "37")], "reserved to the operator"),
        ([(line_id, quantity + 1, "35")], "only"),
        ([(line_id, quantity, "35"), (line_id, 1, "35")], "only"),
    ]
    for lines, words in cases:
        with pytest.raises(RequestRejected, match=words) as refused:
            connector.cancel_lines(order_id, lines)
        assert refused.value.status == 400
    assert sim.book.get(order_id)["order_lines"] == before["order_lines"]
    with pytest.raises(RequestRejected) as unknown:
        connector.cancel_lines("NOPE-A", [("NOPE-A-1", 1, "35")])
    assert unknown.value.status == 404
    shipped = sim.book.add_order("SHIPPED")
    shipped_line = sim.book.get(shipped)["order_lines"][0]["order_line_id"]
    with pytest.raises(WrongStateError, match="SHIPPED"):
        connector.cancel_lines(shipped, [(shipped_line, 1, "35")])


def test_a_refund_needs_the_order_shipped_and_a_reason(sim) -> None:
    connector = fast_connector(sim)
    order_id = _order_with_lines(sim, "SHIPPING")
    line = sim.book.get(order_id)["order_lines"][0]
    line_id, total = line["order_line_id"], round(line["total_price"] * 100)
    calls = sim.requests["OR28"]
    with pytest.raises(ValueError, match="reason"):
        connector.refund_lines(order_id, [(line_id, 1, total, "")])
    with pytest.raises(ValueError, match="amount"):
        connector.refund_lines(order_id, [(line_id, 1, 0, "16")])
    assert sim.requests["OR28"] == calls
    with pytest.raises(WrongStateError, match="OR24"):
        connector.refund_lines(order_id, [(line_id, 1, total, "16")])
    assert sim.book.get(order_id)["order_lines"][0]["refunds"] == []

    connector.confirm_collection(order_id)  # OR24: now it can be refunded
    with pytest.raises(RequestRejected, match="not a REFUND reason"):
        connector.refund_lines(order_id, [(line_id, 1, total, "35")])
    with pytest.raises(RequestRejected, match="exceeds"):
        connector.refund_lines(order_id, [(line_id, 1, total + 1, "16")])
    (result,) = connector.refund_lines(order_id, [LineRefund(line_id, 1, total - 100, "16")])
    assert result.line_id == line_id and result.amount_cents == total - 100
    assert result.refund_id and result.reason_code == "16"
    assert _line_states(sim, order_id)[0] == "SHIPPED"  # 1.00 still refundable
    connector.refund_lines(order_id, [(line_id, 0, 100, "18")])
    assert _line_states(sim, order_id)[0] == "REFUNDED"
    refunds = sim.book.get(order_id)["order_lines"][0]["refunds"]
    assert [r["reason_code"] for r in refunds] == ["16", "18"]
    with pytest.raises(WrongStateError, match="REFUNDED"):
        connector.refund_lines(order_id, [(line_id, 0, 1, "16")])
    bodies = sent(sim, "PUT", "/api/orders/refund")
    assert len(bodies) == 6  # the two good ones and the four the marketplace refused
    for ctype, body in bodies:
        assert ctype.startswith("application/json")
        assert not errors("OR28_Request", json.loads(body), strict=True)


def test_refunding_every_line_closes_the_order(sim) -> None:
    connector = fast_connector(sim)
    order_id = _order_with_lines(sim, "SHIPPED")
    lines = sim.book.get(order_id)["order_lines"]
    connector.refund_lines(
        order_id,
        [(x["order_line_id"], x["quantity"], round(x["total_price"] * 100), "16") for x in lines],
    )
    order = sim.book.get(order_id)
    assert order["order_state"] == "CLOSED" and order["fully_refunded"] is True
    sim.book.tick()
    refunds = [r for x in sim.book.get(order_id)["order_lines"] for r in x["refunds"]]
    assert {r["refund_state"] for r in refunds} == {"REFUNDED"}  # the payment went through


def test_a_lost_answer_to_a_cancel_or_refund_is_unknown_and_never_repeated(sim) -> None:
    connector = fast_connector(sim)
    order_id = _order_with_lines(sim, "SHIPPED")
    line = sim.book.get(order_id)["order_lines"][0]
    sim.arm("error_after", path="/api/orders/refund")
    with pytest.raises(OutcomeUnknown, match="may have been applied"):
        connector.refund_lines(order_id, [(line["order_line_id"], 1, 100, "16")])
    assert sim.requests["OR28"] == 1
    assert len(sim.book.get(order_id)["order_lines"][0]["refunds"]) == 1  # it did land
    shipping = _order_with_lines(sim, "SHIPPING")
    first = sim.book.get(shipping)["order_lines"][0]["order_line_id"]
    sim.arm("500", path="/api/orders/cancel")
    with pytest.raises(OutcomeUnknown):
        connector.cancel_lines(shipping, [(first, 1, "35")])
    assert sim.requests["OR30"] == 0  # refused before the handler: nothing done, not resent
    # OR29 is a PUT whose repeat its state rule refuses: a 500 before it is retried.
    sim.arm("500", path=f"/api/orders/{shipping}/cancel")
    connector.cancel_order(shipping)
    assert sim.requests["OR29"] == 1 and sim.book.state(shipping) == "CANCELED"


def test_reasons_come_from_re01_by_kind(sim) -> None:
    connector = fast_connector(sim)
    cancel = connector.list_reasons(ReasonKind.CANCEL)
    assert [r.code for r in cancel] == ["34", "35", "36", "37"]
    assert {r.kind for r in cancel} == {ReasonKind.CANCEL}
    assert [r.shop_may_use for r in cancel] == [True, True, True, False]
    assert cancel[1].label == "Commande non retirée"
    refund = connector.list_reasons("refund")
    assert {r.code for r in refund} == {"15", "16", "17", "18", "19"}
    assert sim.requests["RE01"] == 2 and sim.requests["RE02"] == 0  # RE02 is deprecated
    with pytest.raises(ValueError):
        connector.list_reasons("incident")
