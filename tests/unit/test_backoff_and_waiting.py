"""Backoff grows from seconds to minutes with jitter; waiting actions are told in words."""

from __future__ import annotations

from counter_app.commands.sync import waiting_lines
from counter_app.sync.engine import WaitingAction, backoff_delay


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    for failures in range(1, 12):
        ceiling = min(600.0, 5.0 * 2 ** (failures - 1))
        samples = [backoff_delay(failures, 5.0, 600.0) for _ in range(200)]
        assert all(0.5 * ceiling <= s <= ceiling for s in samples)
        assert len({round(s, 3) for s in samples}) > 50  # jitter: tills do not retry in step
    assert backoff_delay(30, 5.0, 600.0) <= 600.0


def test_waiting_actions_say_when_and_why() -> None:
    lines = waiting_lines(
        [
            WaitingAction("CC1-A", "collect", "pending", "HTTP 500", 40.2),
            WaitingAction("CC2-A", "ready", "in_flight", "no answer", 0.0),
            WaitingAction("CC3-A", "ship", "pending", "", 3600.0),
            WaitingAction("CC4-A", "ready", "failed", "field code-x unknown", None),
        ]
    )
    assert lines[0] == "  collect CC1-A: next try in 40 s · HTTP 500"
    assert lines[1].startswith("  ready CC2-A: next try now (its answer was lost")
    assert lines[2] == "  ship CC3-A: next try in 60 min"
    assert lines[3] == "  ready CC4-A: parked: field code-x unknown"
