"""The scan service's pure rules, kept apart from its SQL so they are tested without a store.

When an account's sync state says offline, what a store failure is called on the till, and
what of a raw scan is fit to query and to keep in the audit trail.
"""

from __future__ import annotations

import errno
from datetime import datetime
from typing import Protocol

from counter_app.domain.scan_messages import Message

RAW_INPUT_KEPT = 500  # characters of the raw scan kept in the audit trail


class SyncStateLike(Protocol):
    """The columns of an account's sync-state row that say whether it is offline."""

    @property
    def last_success_at(self) -> datetime | None: ...

    @property
    def last_attempt_at(self) -> datetime | None: ...

    @property
    def last_error(self) -> str | None: ...


def is_stale(state: SyncStateLike | None, offline_after_seconds: float, now: datetime) -> bool:
    """A sync-state row that says offline: never a good sync, a failure since, or too old."""
    if state is None or state.last_success_at is None:
        return True
    if (
        state.last_error
        and state.last_attempt_at is not None
        and state.last_attempt_at > state.last_success_at
    ):
        return True
    age = (now - state.last_success_at).total_seconds()
    return age > offline_after_seconds


def failure_reason(exc: BaseException) -> Message | str:
    """A store failure in words a shop assistant can act on (never a SQL statement).

    A failure we know is a message (said in the till's language); any other keeps the
    system's own words.
    """
    text = str(exc)
    if "database or disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return Message("failure.disk_full")
    if "database is locked" in text:
        return Message("failure.busy")
    first = text.splitlines()[0] if text else type(exc).__name__
    # SQLAlchemy prefixes the driver's class name; the words after it are the useful part.
    return first.split(") ", 1)[-1][:200] if first.startswith("(") else first[:200]


def is_unicode(text: str) -> bool:
    """False for text with lone surrogates (undecodable bytes kept by Python's argv)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def storable(raw: str) -> str:
    """The raw scan as kept in the audit trail: cut short, lone surrogates replaced."""
    return raw[:RAW_INPUT_KEPT].encode("utf-8", "replace").decode("utf-8")
