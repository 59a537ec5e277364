"""What start-up builds is left out of the collector's full walks (`ui/heap.py`)."""

from __future__ import annotations

import gc

from counter_app.ui.heap import freeze_startup_heap


def test_objects_alive_at_start_are_set_aside_and_later_ones_still_collected() -> None:
    built_at_start = [object() for _ in range(1000)]
    try:
        frozen = freeze_startup_heap()
        assert frozen >= len(built_at_start)
        assert gc.get_freeze_count() == frozen

        class Node:
            """A cycle made after start: only the collector frees it."""

            def __init__(self) -> None:
                self.me = self

        Node()
        assert gc.collect() >= 1  # made after the freeze: collected as before
    finally:
        gc.unfreeze()
