"""Tells a till at once that another till changed the store, without re-reading it.

PostgreSQL: every transaction that wrote to the shop's tables sends `NOTIFY` just before its
COMMIT. NOTIFY is transactional: the server delivers it when the transaction commits and
drops it on a rollback, so a listener never hears of a change it cannot yet read. Two
channels: `counter_changes` (any order, scan or action changed: refresh the counts and the
visible page) and `counter_outbox` (an action was queued: the till that syncs sends it now,
not at its next cycle). The payload is the writer's process id, so a till skips its own news.

SQLite (several processes on one file): `PRAGMA data_version` changes whenever another
connection committed; polling it twice a second costs nothing and reads no row.

`StoreWatcher` is a plain thread (no Qt); the window wraps it in signals (`ui/live_updates`).
Its PostgreSQL connection is also the first to notice that the shop server went away (the
server closes it, or TCP keepalives give up) and that it is back (the next connect works).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from counter_app.store.database import sqlite_file

log = logging.getLogger(__name__)

CHANGES_CHANNEL = "counter_changes"
OUTBOX_CHANNEL = "counter_outbox"
# Bookkeeping every sync cycle and the sync role's heartbeat write: not news for the tills
# (the status bar hears of sync by its own path), and it would wake every till each minute.
# A scan's audit row alone changes nothing another till shows (a confirm also updates the
# order, which is news); leaving it quiet halves the notices at a busy counter.
QUIET_TABLES = frozenset({"store_meta", "sync_state", "alembic_version", "scan_events"})

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_PENDING = "counter_notify"  # key in the DBAPI connection's info: channels to notify


def own_payload() -> str:
    return str(os.getpid())


def channels_for(statement: str) -> set[str]:
    """The channels a write statement is news for (empty for reads and quiet tables)."""
    match = _WRITE.match(statement)
    if match is None:
        return set()
    table = match.group(1).lower()
    if table in QUIET_TABLES:
        return set()
    if table == "outbox" and statement.lstrip()[:6].upper() == "INSERT":
        return {CHANGES_CHANNEL, OUTBOX_CHANNEL}
    return {CHANGES_CHANNEL}


def install_notify(engine: Engine) -> None:
    """Make every committing transaction on this PostgreSQL engine announce its writes."""

    def seen(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        channels = channels_for(statement)
        if channels:
            conn.info.setdefault(_PENDING, set()).update(channels)

    def before_commit(conn: Any) -> None:
        channels = conn.info.pop(_PENDING, None)
        if not channels:
            return
        # Straight on the DBAPI cursor: inside the transaction, before its COMMIT, and
        # without going through the statement events again.
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            for channel in sorted(channels):
                cursor.execute("SELECT pg_notify(%s, %s)", (channel, own_payload()))
        finally:
            cursor.close()

    def forget(conn: Any) -> None:
        # A rollback after the server dropped the connection: nothing to forget there, and
        # touching the dead connection must not mask the error being handled.
        if not conn.invalidated:
            with contextlib.suppress(Exception):
                conn.info.pop(_PENDING, None)

    event.listen(engine, "after_cursor_execute", seen)
    event.listen(engine, "commit", before_commit)
    event.listen(engine, "rollback", forget)


class StoreWatcher:
    """A background thread that calls back on news from other tills and on server loss.

    `on_change()`: another till (or process) changed the store. `on_outbox()`: another till
    queued an action. `on_reachable(bool)`: the shop server went away / came back (PostgreSQL
    only; after coming back `on_change` follows, since news may have been missed meanwhile).
    Callbacks run on the watcher's thread.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        on_change: Callable[[], None] | None = None,
        on_outbox: Callable[[], None] | None = None,
        on_reachable: Callable[[bool], None] | None = None,
        poll_s: float = 0.4,
        retry_s: float = 1.0,
        ping_every_s: float = 5.0,
    ) -> None:
        self.engine = engine
        self.on_change = on_change
        self.on_outbox = on_outbox
        self.on_reachable = on_reachable
        self.poll_s = poll_s
        self.retry_s = retry_s
        self.ping_every_s = ping_every_s
        self.reachable: bool | None = None
        self.notices = 0  # news received (for tests and support)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pg: Any = None

    @property
    def shared(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        target = self._run_pg if self.shared else self._run_sqlite
        self._thread = threading.Thread(target=target, name="counter-store-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._close_pg()

    # ---- callbacks ------------------------------------------------------------------------
    def _call(self, callback: Callable[..., None] | None, *args: Any) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:  # a receiver's bug must not end the watch
            log.exception("store watcher callback failed")

    def _set_reachable(self, value: bool) -> None:
        if value == self.reachable:
            return
        before, self.reachable = self.reachable, value
        if value:
            log.info("shop server reachable")
        else:
            log.warning("shop server unreachable")
        self._call(self.on_reachable, value)
        if value and before is False:
            self._call(self.on_change)  # what changed while it was away

    # ---- PostgreSQL: LISTEN ---------------------------------------------------------------
    def _listen(self) -> Any:
        raw = self.engine.raw_connection()
        pg = raw.driver_connection
        assert pg is not None
        # Kept out of the pool: it LISTENs for the watcher's whole life.
        raw.detach()
        pg.rollback()  # the pool's pre-ping may have opened a transaction
        pg.autocommit = True
        pg.execute(f"LISTEN {CHANGES_CHANNEL}")
        pg.execute(f"LISTEN {OUTBOX_CHANNEL}")
        return pg

    def _close_pg(self) -> None:
        pg, self._pg = self._pg, None
        if pg is not None:
            with contextlib.suppress(Exception):
                pg.close()

    def _run_pg(self) -> None:
        while not self._stop.is_set():
            try:
                self._pg = self._listen()
            except Exception as exc:
                log.debug("store watcher cannot connect: %s", type(exc).__name__)
                self._set_reachable(False)
                self._stop.wait(self.retry_s)
                continue
            self._set_reachable(True)
            try:
                self._serve_pg(self._pg)
            except Exception as exc:  # the server closed the connection, or it timed out
                log.debug("store watcher connection lost: %s", type(exc).__name__)
                if not self._stop.is_set():
                    self._set_reachable(False)
            finally:
                self._close_pg()

    def _serve_pg(self, pg: Any) -> None:
        import time

        own = own_payload()
        last_ping = time.monotonic()
        while not self._stop.is_set():
            channels: set[str] = set()
            # Everything arriving within one poll is answered with one callback each.
            for notice in pg.notifies(timeout=self.poll_s):
                if notice.payload != own:
                    channels.add(notice.channel)
            if channels:
                self.notices += 1
                if OUTBOX_CHANNEL in channels:
                    self._call(self.on_outbox)
                self._call(self.on_change)
            if time.monotonic() - last_ping >= self.ping_every_s:
                # A half-open link (cable pulled) sends no error: a ping finds it.
                pg.execute("SELECT 1")
                last_ping = time.monotonic()

    # ---- SQLite: PRAGMA data_version -------------------------------------------------------
    def _run_sqlite(self) -> None:
        path = sqlite_file(str(self.engine.url))
        if path is None:
            return
        conn: sqlite3.Connection | None = None
        version: int | None = None
        while not self._stop.wait(self.poll_s):
            try:
                if conn is None:
                    conn = _open_sqlite(path)
                    version = None
                now = int(conn.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error as exc:
                log.debug("store watcher: %s", exc)
                if conn is not None:
                    with contextlib.suppress(Exception):
                        conn.close()
                conn = None
                continue
            if version is not None and now != version:
                self.notices += 1
                self._call(self.on_change)
            version = now
        if conn is not None:
            conn.close()


def _open_sqlite(path: Path) -> sqlite3.Connection:
    # Autocommit and nothing but a pragma: it never holds a lock another till would wait for.
    # (Not `mode=ro`: a read-only connection to a WAL file fails without its -shm file.)
    return sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None, timeout=1.0)
