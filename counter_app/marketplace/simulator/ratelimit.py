"""Per-endpoint rate limits for the simulator: at most N calls of an API in a sliding window.

Mirakl limits calls per API and answers 429 with `Retry-After` beyond the limit. Limits are
off unless given (the test suite hammers OR11 on purpose); the demo and `counter-app simulator`
set realistic ones, and a test can set any with `SimulatorServer(rate_limits=...)` or the
`/_control/rate_limits` endpoint. The time source is injectable so tests need not sleep.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimit:
    """`calls` requests per `seconds`, for one API code (e.g. M11)."""

    calls: int
    seconds: float


# What the demo and `counter-app simulator` enforce: reads an app polls, kept to a few a second.
DEMO_LIMITS = {
    "OR11": RateLimit(60, 60.0),
    "M11": RateLimit(60, 60.0),
    "M10": RateLimit(120, 60.0),
    "M12": RateLimit(60, 60.0),
    "RE01": RateLimit(10, 60.0),
}


class RateLimiter:
    """A sliding window of call times per API code; thread-safe."""

    def __init__(
        self,
        limits: dict[str, RateLimit] | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = dict(limits or {})
        self.now = now
        self._calls: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def set(self, code: str, limit: RateLimit | None) -> None:
        with self._lock:
            if limit is None:
                self.limits.pop(code, None)
            else:
                self.limits[code] = limit
            self._calls.pop(code, None)

    def wait_for(self, code: str) -> float | None:
        """None when the call may go ahead (it is counted), else the seconds to wait."""
        limit = self.limits.get(code)
        if limit is None:
            return None
        with self._lock:
            now = self.now()
            calls = self._calls.setdefault(code, deque())
            while calls and calls[0] <= now - limit.seconds:
                calls.popleft()
            if len(calls) >= limit.calls:
                return max(0.001, calls[0] + limit.seconds - now)
            calls.append(now)
            return None
