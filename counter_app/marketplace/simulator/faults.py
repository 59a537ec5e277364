"""Fault injection for the simulator: the next N requests misbehave in a chosen way."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum


class FaultKind(StrEnum):
    """How a request misbehaves."""

    TOO_MANY = "429"  # 429 with Retry-After, nothing done
    SERVER_ERROR = "500"  # 500, nothing done
    HANG = "hang"  # the work IS done, the answer comes after the client gave up
    TRUNCATED = "truncated"  # the work is done, the JSON body is cut in the middle
    DROP = "drop"  # the connection is closed before anything is done
    ERROR_AFTER = "error_after"  # the work IS done, then a 5xx (502 by default) answers
    WRONG_SHAPE = "wrong_shape"  # the work is done, the answer is JSON of another shape


@dataclass
class Fault:
    """One armed fault: applies to the next `count` requests whose path starts with `path`."""

    kind: FaultKind
    count: int = 1
    path: str = "/api/"
    method: str = ""  # "" = any method
    retry_after: float = 1
    hang_seconds: float = 3.0
    status: int = 502  # for ERROR_AFTER


class FaultInjector:
    """A thread-safe queue of armed faults, consumed in order by matching requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self.injected = 0

    def arm(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, method: str, path: str) -> Fault | None:
        """The fault this request must suffer, if any (and one use of it is spent)."""
        with self._lock:
            for fault in self._faults:
                if path.startswith(fault.path) and fault.method in ("", method):
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    self.injected += 1
                    return fault
            return None

    @property
    def armed(self) -> int:
        with self._lock:
            return sum(f.count for f in self._faults)
