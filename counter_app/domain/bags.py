"""Counting the bags of an order at the till: which slips were checked, how many are left.

Every bag's slip carries the same order number, so the tally counts good slip scans for the
customer in front of the till; the hand-over is complete when it reaches the order's bag count.
Pure Python: the till (ui/scan_desk.py) keeps one tally per customer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class BagTally:
    """Good slip scans for one order against the number of bags it was packed in."""

    order_id: str
    expected: int
    checked: int = 0

    def __post_init__(self) -> None:
        self.expected = max(1, self.expected)

    def record(self) -> int:
        """One more good slip; returns the number of this bag (capped at the bag count)."""
        self.checked = min(self.expected, self.checked + 1)
        return self.checked

    @property
    def remaining(self) -> int:
        return self.expected - self.checked

    @property
    def complete(self) -> bool:
        return self.checked >= self.expected

    @property
    def several(self) -> bool:
        """More than one bag: the till says so loudly and counts them."""
        return self.expected > 1


def needs_bag_warning(tally: BagTally | None) -> bool:
    """A hand-over of a several-bag order whose bags were not all checked asks first."""
    return tally is not None and tally.several and not tally.complete
