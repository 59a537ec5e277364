"""Stage reconciliation between the marketplace's view and what the shop did locally."""

from __future__ import annotations

from datetime import timedelta

import pytest

from counter_app.domain.reconcile import reconcile
from counter_app.domain.stages import Stage
from tests.factories import BASE_TIME, make_order


def _pair(local_stage: Stage, remote_state: str, **local_extra: object):  # type: ignore[no-untyped-def]
    stored = make_order(order_id="CC1-A", stage=local_stage, **local_extra)
    incoming = make_order(
        order_id="CC1-A", state=remote_state, updated_at=BASE_TIME + timedelta(hours=5)
    )
    return incoming, stored


def test_new_order_takes_the_remote_stage() -> None:
    incoming = make_order(state="WAITING_ACCEPTANCE")
    assert reconcile(incoming, None).stage is Stage.TO_ACCEPT


@pytest.mark.parametrize("local", [Stage.READY, Stage.COLLECTED])
def test_local_ready_or_collected_is_not_moved_back_by_remote_shipping(local: Stage) -> None:
    incoming, stored = _pair(local, "SHIPPING")
    result = reconcile(incoming, stored)
    assert result.stage is local and not result.problem


def test_accept_waiting_to_be_sent_is_not_undone_by_remote_waiting_acceptance() -> None:
    incoming, stored = _pair(Stage.AWAITING_PAYMENT, "WAITING_ACCEPTANCE")
    assert reconcile(incoming, stored, local_decision_pending=True).stage is (
        Stage.AWAITING_PAYMENT
    )


@pytest.mark.parametrize("state", ["SHIPPED", "CLOSED", "RECEIVED"])
def test_remote_shipped_after_local_ready_means_collected(state: str) -> None:
    incoming, stored = _pair(Stage.READY, state)
    assert reconcile(incoming, stored).stage is Stage.COLLECTED


@pytest.mark.parametrize("state", ["CANCELED", "REFUSED"])
def test_cancel_after_a_local_collection_is_a_problem_with_both_facts(state: str) -> None:
    collected = BASE_TIME + timedelta(hours=2)
    incoming, stored = _pair(
        Stage.COLLECTED, state, collected_at=collected, collected_till="till-2"
    )
    result = reconcile(incoming, stored)
    assert result.stage is Stage.COLLECTED
    assert state in result.problem
    assert "2026-11-20 11:00" in result.problem  # when it was handed over here
    assert "till-2" in result.problem
    assert "2026-11-20 14:00" in result.problem  # when the marketplace changed it


def test_cancel_while_a_collection_waits_to_be_sent_is_a_problem() -> None:
    incoming, stored = _pair(Stage.READY, "CANCELED")
    result = reconcile(incoming, stored, collect_pending=True)
    assert result.stage is not Stage.CANCELED
    assert "CANCELED" in result.problem and "waiting to be sent" in result.problem


def test_cancel_of_an_order_not_handed_over_is_simply_applied() -> None:
    incoming, stored = _pair(Stage.READY, "CANCELED")
    result = reconcile(incoming, stored)
    assert result.stage is Stage.CANCELED and not result.problem


def test_order_refused_here_but_alive_there_is_flagged() -> None:
    incoming, stored = _pair(Stage.CANCELED, "SHIPPING")
    result = reconcile(incoming, stored)
    assert result.stage is Stage.CANCELED
    assert "refused here" in result.problem
    assert reconcile(incoming, stored, local_decision_pending=True).problem == ""


def test_remote_progress_is_followed() -> None:
    incoming, stored = _pair(Stage.AWAITING_PAYMENT, "SHIPPING")
    assert reconcile(incoming, stored).stage is Stage.TO_PREPARE


def test_unknown_remote_state_shows_unknown_but_keeps_local_hand_over() -> None:
    incoming, stored = _pair(Stage.TO_PREPARE, "SOMETHING_NEW")
    assert reconcile(incoming, stored).stage is Stage.UNKNOWN
    incoming, stored = _pair(Stage.READY, "SOMETHING_NEW")
    assert reconcile(incoming, stored).stage is Stage.READY
