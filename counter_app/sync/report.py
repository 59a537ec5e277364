"""What a sync cycle reports, what waits in the outbox, and the backoff between tries.

Kept apart from the engine so the CLI and the UI read a cycle's outcome without the engine.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from counter_app.store.outbox import FAILED, OutboxAction


@dataclass(frozen=True)
class WaitingAction:
    """An action not delivered yet, and why: what `sync --once` and the UI list."""

    order_id: str
    action: str
    state: str  # pending, in_flight or failed (parked)
    reason: str
    due_in_s: float | None  # seconds until the next try; None when parked


@dataclass
class SyncReport:
    """What one cycle did; the CLI prints it and the UI shows parts of it."""

    downloaded: int = 0  # new orders stored
    updated: int = 0
    unchanged: int = 0
    ignored: int = 0  # not click & collect
    skipped: list[str] = field(default_factory=list)  # malformed, by id
    uploaded: int = 0
    failed: int = 0  # parked this cycle
    pending: int = 0  # still waiting after the cycle
    download_done: bool = False
    online: bool = False
    error: str = ""
    new_order_ids: list[str] = field(default_factory=list)
    # The first download of a fresh install: its orders are the backlog, not news.
    initial: bool = False
    problems: list[str] = field(default_factory=list)
    # Seconds the marketplace asked to wait (HTTP 429 Retry-After), when it did.
    retry_after: float | None = None
    # A shared store where another till holds the sync role: nothing was sent from here.
    follower: bool = False

    @property
    def ok(self) -> bool:
        return not self.error


def backoff_delay(failures: int, base: float, cap: float) -> float:
    """Exponential backoff with jitter: base, 2×base, 4×base… up to cap, each 50–100 %."""
    ceiling = min(cap, base * 2 ** max(0, failures - 1))
    return ceiling * (0.5 + random.random() / 2)


def waiting_actions(actions: Iterable[OutboxAction], now: datetime) -> list[WaitingAction]:
    """The actions not delivered as the CLI and the window list them: why each waits and
    in how many seconds it is tried next (None for one that failed for good)."""
    out = []
    for action in actions:
        due_in = None
        if action.state != FAILED:
            when = action.next_attempt_at
            due_in = max(0.0, (when - now).total_seconds()) if when else 0.0
        out.append(
            WaitingAction(
                order_id=action.order_id,
                action=action.action,
                state=action.state,
                reason=action.last_error,
                due_in_s=due_in,
            )
        )
    return out
