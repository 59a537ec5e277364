"""The pickup window: collect-by day, days late, and the instant the list query filters on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from counter_app.domain.pickup_window import (
    collect_by,
    days_late,
    is_not_collected,
    ready_before_for_not_collected,
)

PARIS = ZoneInfo("Europe/Paris")


def test_collect_by_is_the_ready_day_plus_the_window() -> None:
    ready = datetime(2027, 3, 1, 17, 30, tzinfo=PARIS)
    assert collect_by(ready, 10, PARIS) == date(2027, 3, 11)
    assert collect_by(None, 10, PARIS) is None


def test_the_ready_day_is_the_counter_s_local_day_not_utc() -> None:
    # 23:30 in Paris on 1 March is 22:30 UTC the same day, but 00:30 on 2 March in Paris
    # when ready at 23:30 UTC: the local day counts.
    late_evening_utc = datetime(2027, 3, 1, 23, 30, tzinfo=UTC)
    assert collect_by(late_evening_utc, 10, PARIS) == date(2027, 3, 12)
    assert collect_by(late_evening_utc, 10, UTC) == date(2027, 3, 11)


def test_negative_window_is_refused() -> None:
    with pytest.raises(ValueError):
        collect_by(datetime(2027, 3, 1, tzinfo=UTC), -1, UTC)


def test_days_late_counts_from_the_day_after_collect_by() -> None:
    last = date(2027, 3, 11)
    assert days_late(last, datetime(2027, 3, 11, 23, 59, tzinfo=PARIS), PARIS) == 0
    assert days_late(last, datetime(2027, 3, 12, 0, 1, tzinfo=PARIS), PARIS) == 1
    assert days_late(last, datetime(2027, 3, 20, 12, tzinfo=PARIS), PARIS) == 9
    assert days_late(None, datetime(2027, 3, 20, tzinfo=PARIS), PARIS) == 0


def test_not_collected_only_for_ready_orders_past_the_day() -> None:
    ready = datetime(2027, 3, 1, 10, tzinfo=PARIS)
    on_day = datetime(2027, 3, 11, 18, tzinfo=PARIS)
    after = datetime(2027, 3, 12, 9, tzinfo=PARIS)
    assert not is_not_collected("ready", ready, 10, on_day, PARIS)
    assert is_not_collected("ready", ready, 10, after, PARIS)
    assert not is_not_collected("collected", ready, 10, after, PARIS)
    assert not is_not_collected("ready", None, 10, after, PARIS)


@pytest.mark.parametrize("pickup_days", [1, 3, 10, 30])
def test_query_bound_agrees_with_the_rule_for_every_hour(pickup_days: int) -> None:
    """ready_at < bound  <=>  not collected, over a month of ready times, across a DST change."""
    now = datetime(2027, 4, 2, 10, 15, tzinfo=PARIS)  # DST began on 28 March 2027
    bound = ready_before_for_not_collected(pickup_days, now, PARIS)
    start = now - timedelta(days=pickup_days + 5)
    moment = start
    while moment < now:
        assert (moment < bound) == is_not_collected("ready", moment, pickup_days, now, PARIS), (
            moment
        )
        moment += timedelta(minutes=30)


def test_query_bound_in_a_fixed_offset_zone() -> None:
    tz = timezone(timedelta(hours=-5))
    now = datetime(2027, 3, 12, 1, 0, tzinfo=tz)
    assert ready_before_for_not_collected(10, now, tz) == datetime(2027, 3, 2, tzinfo=tz)
