"""Deadlines: ship-by from OR11, accept-before estimated, ship-by warnings only when OR24 waits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from counter_app.domain.deadlines import ShipByWarning, accept_before, ship_by_warning
from counter_app.domain.reconcile import reconcile
from counter_app.domain.stages import Stage
from counter_app.errors import ConfigError
from counter_app.settings import load_settings
from tests.factories import make_order

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_accept_before_is_created_plus_the_operator_delay() -> None:
    assert accept_before(NOW, 36) == NOW + timedelta(hours=36)


@pytest.mark.parametrize(
    ("left_hours", "stage", "ship_on", "expected"),
    [
        (5, Stage.READY, "collected", ShipByWarning.SOON),
        (-1, Stage.READY, "collected", ShipByWarning.LATE),
        (30, Stage.READY, "collected", None),
        (5, Stage.READY, "ready", None),  # OR24 already went out when marked ready
        (5, Stage.TO_PREPARE, "collected", None),
        (5, Stage.COLLECTED, "collected", None),
    ],
)
def test_ship_by_warning(left_hours: int, stage: Stage, ship_on: str, expected: object) -> None:
    deadline = NOW + timedelta(hours=left_hours)
    assert ship_by_warning(stage, deadline, NOW, ship_on=ship_on, warning_hours=24) is expected
    assert ship_by_warning(stage, None, NOW, ship_on=ship_on, warning_hours=24) is None


def test_with_ship_on_ready_a_remote_shipped_order_stays_ready_until_collected() -> None:
    stored = make_order(state="SHIPPING", stage=Stage.READY)
    shipped = make_order(order_id=stored.order_id, state="SHIPPED", updated_at=NOW)
    assert reconcile(shipped, stored, ship_on_ready=True).stage is Stage.READY
    assert reconcile(shipped, stored, ship_on_ready=False).stage is Stage.COLLECTED
    # Collected here (sent or not): collected, in both modes.
    assert reconcile(shipped, stored, ship_on_ready=True, collect_pending=True).stage is (
        Stage.COLLECTED
    )
    stored.collected_at = NOW
    stored.stage = Stage.COLLECTED
    assert reconcile(shipped, stored, ship_on_ready=True).stage is Stage.COLLECTED
    # TO_COLLECT never moves a collected order back; RECEIVED confirms it.
    to_collect = make_order(order_id=stored.order_id, state="TO_COLLECT", updated_at=NOW)
    assert reconcile(to_collect, stored).stage is Stage.COLLECTED
    received = make_order(order_id=stored.order_id, state="RECEIVED", updated_at=NOW)
    assert reconcile(received, stored, ship_on_ready=True).stage is Stage.COLLECTED


def test_ship_on_and_delays_are_checked_settings(home) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings()
    assert settings.ship_on == "collected" and settings.acceptance_delay_hours == 24
    (home / "settings.toml").write_text(
        'ship_on = "Ready"\nacceptance_delay_hours = 48\nship_by_warning_hours = 6\n',
        encoding="utf-8",
    )
    settings = load_settings()
    assert (settings.ship_on, settings.acceptance_delay_hours) == ("ready", 48)
    assert settings.ship_by_warning_hours == 6
    (home / "settings.toml").write_text('ship_on = "shipped"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="ready, collected"):
        load_settings()
