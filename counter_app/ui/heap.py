"""The Python heap of a till that must answer every key at once: no long collector pauses.

A full (generation 2) collection walks every object the process holds. With Qt's wrappers,
SQLAlchemy's mappers and compiled statements and the window built, one took 50 to 130 ms at
200,000 orders, several times a minute while scans came in (`tests/benchmarks/bench_ui.py`
counts them): the window froze for that long whatever it was doing. What start-up builds lives
until the app closes, so `freeze_startup_heap` takes it out of the collector's walks, which is
what `gc.freeze` is for; whatever is made afterwards is collected as before.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> int:
    """Collect once, then leave everything alive now out of later collections; how many
    objects were set aside."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
