"""The sync's clock: the system's, or shifted by whole days for an end-to-end test.

Reminders fall due on calendar days. A test that runs the real `counter-app sync` in a
subprocess (to kill it) lives "three days later" by setting `COUNTER_APP_CLOCK_SHIFT_DAYS`;
the simulator it talks to is moved by the same amount over its control API. A shop never
sets it: a shifted clock is logged as a warning at every sync start.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from counter_app.errors import ConfigError
from counter_app.store.types import utcnow

log = logging.getLogger(__name__)

SHIFT_ENV = "COUNTER_APP_CLOCK_SHIFT_DAYS"


def sync_clock(environ: Mapping[str, str] | None = None) -> Callable[[], datetime]:
    """`utcnow`, or `utcnow` plus the days of COUNTER_APP_CLOCK_SHIFT_DAYS (0 to 365)."""
    raw = (os.environ if environ is None else environ).get(SHIFT_ENV, "").strip()
    if not raw:
        return utcnow
    try:
        days = float(raw)
    except ValueError:
        raise ConfigError(f"{SHIFT_ENV} must be a number of days (got {raw!r})") from None
    if not 0 <= days <= 365:
        raise ConfigError(f"{SHIFT_ENV} must be between 0 and 365 days (got {raw!r})")
    shift = timedelta(days=days)
    log.warning("the sync's clock is shifted by %g day(s) (%s)", days, SHIFT_ENV)
    return lambda: utcnow() + shift
