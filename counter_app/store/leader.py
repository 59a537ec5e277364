"""Which till talks to the marketplace when several share one PostgreSQL store.

The till that holds a session-level advisory lock on the server syncs; the others do not.
The lock lives on a connection of its own, kept open while the till runs: when that till's
process dies, or its PC is switched off (TCP keepalives notice within about half a minute),
the server ends the session and drops the lock, and the next till that asks gets it.
On a SQLite store every till is alone, so it always leads (the file lock in
`marketplace_guard` keeps two windows on one PC apart).
"""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy import Connection, Engine, text

log = logging.getLogger(__name__)

# One fixed key for the sync role ("Sync" in ASCII); the migration lock uses another.
SYNC_ADVISORY_KEY = 0x53796E63


class SyncLeadership:
    """Try to hold the sync role; `holds()` is checked before every cycle."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    @property
    def shared(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def holds(self) -> bool:
        """True when this till may sync now (taking the role if it is free)."""
        if not self.shared:
            return True
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT 1")).scalar()
                self._conn.commit()
                return True
            except Exception as exc:  # server restarted or unreachable: the lock is gone
                log.warning("lost the sync role (%s)", type(exc).__name__)
                self._drop()
        return self._take()

    def _take(self) -> bool:
        try:
            conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except Exception:
            return False
        try:
            got = bool(
                conn.execute(
                    text("SELECT pg_try_advisory_lock(:k)"), {"k": SYNC_ADVISORY_KEY}
                ).scalar()
            )
        except Exception:
            conn.invalidate()
            conn.close()
            return False
        if not got:
            conn.close()
            return False
        # This connection must never return to the pool holding the lock; it is detached
        # from it and closed (lock released) on `release()` or when the process dies.
        conn.connection.detach()
        self._conn = conn
        log.info("this till now syncs with the marketplace for the shop")
        return True

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.invalidate()
                self._conn.close()
        self._conn = None

    def release(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": SYNC_ADVISORY_KEY})
            self._drop()
