"""What the remote state says about an action whose delivery is in doubt (`sync.settle`)."""

from __future__ import annotations

import pytest

from counter_app.sync.settle import PushOutcome, outcome_for_state


@pytest.mark.parametrize(
    ("action", "state", "outcome"),
    [
        ("accept", "WAITING_ACCEPTANCE", PushOutcome.RESEND),
        ("accept", "SHIPPING", PushOutcome.DONE),
        ("accept", "CANCELED", PushOutcome.PARK),
        ("refuse", "WAITING_ACCEPTANCE", PushOutcome.RESEND),
        ("refuse", "REFUSED", PushOutcome.DONE),
        ("refuse", "SHIPPING", PushOutcome.PARK),
        ("collect", "SHIPPED", PushOutcome.DONE),
        ("ship", "TO_COLLECT", PushOutcome.DONE),
        ("collect", "SHIPPING", PushOutcome.RESEND),
        ("collect", "WAITING_DEBIT_PAYMENT", PushOutcome.WAIT),
        ("collect", "CANCELED", PushOutcome.PARK),
        ("ready", "CANCELED", PushOutcome.PARK),
    ],
)
def test_outcome_for_each_action_and_remote_state(
    action: str, state: str, outcome: PushOutcome
) -> None:
    decided = outcome_for_state(action, state)
    assert decided is not None and decided[0] is outcome
    # A parked or waiting action says why, with the state the marketplace reported.
    assert (state in decided[1]) == (outcome in (PushOutcome.PARK, PushOutcome.WAIT))


def test_ready_on_a_live_order_is_left_to_the_marketplace_messages() -> None:
    assert outcome_for_state("ready", "SHIPPING") is None
