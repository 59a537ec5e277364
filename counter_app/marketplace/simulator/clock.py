"""The simulator's clock: real time moved forward by an offset that tests set.

Tests move it in-process (`advance`, `set`) or over HTTP (`POST /_control/clock`), so that a
test can live a shop's fortnight in seconds: messages, order updates and customers' replies
are dated on it, as a real marketplace dates them on its own clock.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class SimulatorClock:
    """Aware UTC time, `datetime.now(UTC)` plus an offset; callable like any clock."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self._lock = threading.Lock()
        self._offset = offset

    def __call__(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    @property
    def offset(self) -> timedelta:
        with self._lock:
            return self._offset

    def advance(self, delta: timedelta) -> datetime:
        """Move the time forward (never back: the app's watermarks are on this clock)."""
        if delta < timedelta(0):
            raise ValueError("the simulator's clock only moves forward")
        with self._lock:
            self._offset += delta
        return self()

    def set(self, moment: datetime) -> datetime:
        """Jump to `moment` (aware), when it is not before the clock's present time."""
        if moment.tzinfo is None:
            raise ValueError("the moment needs a time zone")
        return self.advance(max(moment - self(), timedelta(0)))
