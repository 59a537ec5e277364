"""The sync's clock: the system's, or shifted by COUNTER_APP_CLOCK_SHIFT_DAYS (end-to-end tests)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from counter_app.errors import ConfigError
from counter_app.store.types import utcnow
from counter_app.sync.clock import SHIFT_ENV, sync_clock


def test_without_the_variable_it_is_the_system_clock() -> None:
    assert sync_clock({}) is utcnow
    assert sync_clock({SHIFT_ENV: "  "}) is utcnow


def test_a_shift_in_days_moves_it_forward(caplog: pytest.LogCaptureFixture) -> None:
    clock = sync_clock({SHIFT_ENV: "3"})
    assert abs(clock() - (utcnow() + timedelta(days=3))) < timedelta(seconds=2)
    assert "shifted by 3 day" in caplog.text


@pytest.mark.parametrize("raw", ["three", "-1", "400", "nan"])
def test_a_bad_shift_is_a_clear_error(raw: str) -> None:
    with pytest.raises(ConfigError, match=SHIFT_ENV):
        sync_clock({SHIFT_ENV: raw})
