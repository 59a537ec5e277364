"""Which till talks to the marketplace when several share one PostgreSQL store.

The till that holds a session-level advisory lock on the server syncs; the others do not.
The lock lives on a connection of its own, kept open while the till runs: when that till's
process dies, the server ends the session and drops the lock, and the next till that asks
gets it.

A PC that freezes (or is switched off without the network noticing) keeps its session, and
so the lock, for as long as TCP does not give up. So the leader also beats: every few
seconds, on the lock's own connection, it writes who it is, its server process id and the
server's clock into `store_meta`. A follower that finds the beat older than
`stale_after_s` (45 s by default, `sync_takeover_seconds`) ends the silent leader's server
sessions (`pg_terminate_backend`: the tills share one database user, which may do that)
and takes the lock. The old leader, when it wakes, finds its lock connection gone and steps
down; it checks that connection again just before each request to the marketplace
(`still_holds`), and outbox claims (`FOR UPDATE SKIP LOCKED` on the row's state and attempt
count) keep one action from going out twice.

On a SQLite store every till is alone, so it always leads (the file lock in
`marketplace_guard` keeps two windows on one PC apart).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time

from sqlalchemy import Connection, Engine, text

from counter_app.store.types import utcnow

log = logging.getLogger(__name__)

# One fixed key for the sync role ("Sync" in ASCII); the migration lock uses another.
SYNC_ADVISORY_KEY = 0x53796E63
# store_meta key of the leader's heartbeat (JSON: till, pid = server backend, beat = epoch).
HEARTBEAT_KEY = "sync_leader"
DEFAULT_STALE_AFTER_S = 45.0

_BEAT = text(
    "INSERT INTO store_meta (key, value, updated_at) VALUES (:key, json_build_object("
    "'till', CAST(:till AS text), 'pid', pg_backend_pid(),"
    " 'beat', extract(epoch FROM clock_timestamp()))::text, :now)"
    " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at"
)
_LOOK = text(
    "SELECT (SELECT value FROM store_meta WHERE key = :key),"
    " extract(epoch FROM clock_timestamp()),"
    " (SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
    "  AND l.objid = :k LIMIT 1)"
)
# The silent leader's sessions: its lock connection, and any other connection of the same
# till process (same program name with its pid, same address), which may hold row locks.
_TERMINATE = text(
    "SELECT pg_terminate_backend(a.pid) FROM pg_stat_activity a, pg_stat_activity h"
    " WHERE h.pid = :pid AND a.application_name = h.application_name"
    " AND a.client_addr IS NOT DISTINCT FROM h.client_addr AND a.pid <> pg_backend_pid()"
)


class LeadershipLost(Exception):
    """This till no longer holds the sync role (another took over while it was frozen)."""


class SyncLeadership:
    """Try to hold the sync role; `holds()` is checked before every cycle."""

    def __init__(
        self,
        engine: Engine,
        till_name: str = "",
        *,
        stale_after_s: float = DEFAULT_STALE_AFTER_S,
        beat_every_s: float | None = None,
    ) -> None:
        self.engine = engine
        self.till_name = till_name
        self.stale_after_s = stale_after_s
        # Several beats fit in the staleness window: one late beat never costs the role.
        self.beat_every_s = beat_every_s or max(0.5, stale_after_s / 5)
        self._conn: Connection | None = None
        self._lock = threading.RLock()  # the sync thread and the heartbeat share _conn
        self._beating: threading.Event | None = None
        self.took_over_from: str = ""  # the till whose silent role was taken, last time

    @property
    def shared(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def holds(self) -> bool:
        """True when this till may sync now (taking the role if it is free or stale)."""
        if not self.shared:
            return True
        with self._lock:
            if self._conn is not None:
                if self._alive():
                    return True
                log.warning("lost the sync role (its server session is gone)")
                self._drop()
            return self._take() or self._take_over_if_stale()

    def still_holds(self) -> bool:
        """Just before a request to the marketplace: is the role still this till's?

        Never takes the role: a till that wakes from a freeze mid-cycle and finds it lost
        stops there, and the till that took over sends (or has sent) that action.
        """
        if not self.shared:
            return True
        with self._lock:
            if self._conn is not None and self._alive():
                return True
            self._drop()
            return False

    def _alive(self) -> bool:
        assert self._conn is not None
        try:
            self._conn.execute(text("SELECT 1")).scalar()
            return True
        except Exception:  # server restarted, unreachable, or our session ended by another
            return False

    # ---- taking the role ----------------------------------------------------------------
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
        try:
            self._beat()
        except Exception:
            self._drop()
            return False
        self._start_beating()
        log.info("this till now syncs with the marketplace for the shop")
        return True

    def _take_over_if_stale(self) -> bool:
        """Another till holds the role: take it if its heartbeat has stopped."""
        try:
            with self.engine.connect() as conn:
                value, now, holder = conn.execute(
                    _LOOK, {"key": HEARTBEAT_KEY, "k": SYNC_ADVISORY_KEY}
                ).one()
                conn.commit()
                if holder is None or not value:
                    return False  # nobody holds it (we lost a race) or no beat to judge by
                beat = json.loads(value)
                age = float(now) - float(beat.get("beat", 0))
                # Only the holder's own beat counts: a newer leader has not beaten yet.
                if int(beat.get("pid", -1)) != int(holder) or age <= self.stale_after_s:
                    return False
                log.warning(
                    "the till syncing for the shop (%s) has been silent for %.0f s: taking over",
                    beat.get("till") or "?",
                    age,
                )
                conn.execute(_TERMINATE, {"pid": int(holder)})
                conn.commit()
        except Exception as exc:
            log.warning("could not check the sync role's heartbeat: %s", type(exc).__name__)
            return False
        # The ended session lets go of the lock a moment later.
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline:
            if self._take():
                self.took_over_from = str(beat.get("till") or "")
                return True
            time.sleep(0.1)
        return False

    # ---- heartbeat ----------------------------------------------------------------------
    def _beat(self) -> None:
        assert self._conn is not None
        self._conn.execute(_BEAT, {"key": HEARTBEAT_KEY, "till": self.till_name, "now": utcnow()})

    def _start_beating(self) -> None:
        stop = threading.Event()
        self._beating = stop

        def run() -> None:
            while not stop.wait(self.beat_every_s):
                with self._lock:
                    if stop.is_set() or self._conn is None:
                        return
                    try:
                        self._beat()
                    except Exception as exc:
                        log.warning("sync role heartbeat failed: %s", type(exc).__name__)
                        self._drop()
                        return

        threading.Thread(target=run, name="counter-sync-heartbeat", daemon=True).start()

    def _drop(self) -> None:
        if self._beating is not None:
            self._beating.set()
            self._beating = None
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.invalidate()
                self._conn.close()
        self._conn = None

    def release(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(Exception):
                    self._conn.execute(
                        text(
                            "DELETE FROM store_meta WHERE key = :key AND value::json->>'pid'"
                            " = pg_backend_pid()::text"
                        ),
                        {"key": HEARTBEAT_KEY},
                    )
                    self._conn.execute(
                        text("SELECT pg_advisory_unlock(:k)"), {"k": SYNC_ADVISORY_KEY}
                    )
            self._drop()
