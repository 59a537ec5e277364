"""The counter window's order actions, one small function each (as Anki's `aqt.operations`).

Each takes what it needs (the parent widget for its dialogs, the repository, the till's
name...) and returns an `Outcome` saying what to tell staff; the window then sends the
outbox soon, refreshes its lists and shows the message. Nothing here keeps state.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    """What an action did: the message for the toast, its tone, and whether the store
    changed (then the window uploads soon and refreshes)."""

    message: str
    tone: str = "info"
    changed: bool = True
