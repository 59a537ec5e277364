"""Cancelling a whole order or some of its lines: which call (OR29, OR30, OR28), which lines,
which amount, and a clear refusal for each wrong choice."""

from __future__ import annotations

from dataclasses import replace

import pytest

from counter_app.domain.cancellation import (
    CANCEL,
    CANCEL_LINES,
    REFUND,
    CancelRefused,
    open_lines,
    plan_cancel,
)
from counter_app.domain.stages import Stage
from tests.factories import make_order


def _ready(order_id: str = "CC1-A"):  # type: ignore[no-untyped-def]
    return make_order(order_id=order_id, stage=Stage.READY)


def test_whole_order_not_shipped_is_or29_without_a_reason() -> None:
    plan = plan_cancel(_ready(), shipped=False)
    assert (plan.kind, plan.lines, plan.partial, plan.amount_cents) == (CANCEL, (), False, 2390)


def test_one_line_not_shipped_is_or30_of_that_line_with_a_reason() -> None:
    with pytest.raises(CancelRefused, match="cancelling some of its lines needs a reason"):
        plan_cancel(_ready(), shipped=False, line_ids=["CC1-A-2"])
    plan = plan_cancel(_ready(), shipped=False, reason=" 34 ", line_ids=["CC1-A-2", "CC1-A-2"])
    assert plan.kind == CANCEL_LINES and plan.partial and plan.reason == "34"
    assert [(line.line_id, line.quantity, line.amount_cents) for line in plan.lines] == [
        ("CC1-A-2", 2, 1500)
    ]
    assert plan.amount_cents == 1500


def test_one_line_shipped_is_an_or28_refund_of_that_line() -> None:
    with pytest.raises(CancelRefused, match="shipped already: the refund needs a reason"):
        plan_cancel(_ready(), shipped=True, line_ids=["CC1-A-1"])
    plan = plan_cancel(_ready(), shipped=True, reason="16", line_ids=["CC1-A-1"])
    assert plan.kind == REFUND and plan.partial and plan.amount_cents == 890


def test_every_open_line_chosen_is_the_whole_order() -> None:
    plan = plan_cancel(_ready(), shipped=False, line_ids=["CC1-A-1", "CC1-A-2"])
    assert plan.kind == CANCEL and not plan.partial
    order = _ready()
    order.lines[0] = replace(order.lines[0], line_state="CANCELED")
    assert [line.line_id for line in open_lines(order)] == ["CC1-A-2"]
    rest = plan_cancel(order, shipped=True, reason="16", line_ids=["CC1-A-2"])
    assert rest.kind == REFUND and not rest.partial and rest.amount_cents == 1500


def test_unknown_or_closed_lines_are_refused_by_name() -> None:
    with pytest.raises(CancelRefused, match=r"no line 'NOPE' \(lines: CC1-A-1, CC1-A-2\)"):
        plan_cancel(_ready(), shipped=False, reason="34", line_ids=["NOPE"])
    order = _ready()
    order.lines[0] = replace(order.lines[0], line_state="REFUNDED")
    with pytest.raises(CancelRefused, match="line CC1-A-1 of order CC1-A is closed already"):
        plan_cancel(order, shipped=True, reason="16", line_ids=["CC1-A-1"])
    collected = make_order(order_id="CC2-A", stage=Stage.COLLECTED)
    with pytest.raises(CancelRefused, match="was collected"):
        plan_cancel(collected, shipped=True, reason="16", line_ids=["CC2-A-1"])
