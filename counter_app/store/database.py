"""Engine and session factory. SQLite specifics (pragmas, file paths) stay in this module."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from counter_app.errors import CounterError
from counter_app.private_files import tighten, touch_private

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


def server_unreachable(exc: BaseException) -> bool:
    """The shop's database server cannot be reached (refused, timed out, connection lost)."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        orig = exc.orig
        module = type(orig).__module__ if orig is not None else ""
        return isinstance(exc, OperationalError | InterfaceError) and module.startswith("psycopg")
    # A psycopg error raised outside SQLAlchemy's wrapping (in a commit hook, as the change
    # feed's NOTIFY is): its class is often a subclass, AdminShutdown when the server ended
    # the session (a till woken after another took over), so the family is what counts.
    try:
        import psycopg
    except ImportError:  # no PostgreSQL driver: no PostgreSQL server to lose
        return False
    return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)


class DatabaseDamagedError(CounterError):
    """The database file is not a sound SQLite database: nothing is done on it."""


def file_damage(path: Path) -> str | None:
    """Why this SQLite file cannot be trusted, or None when it is sound (or not made yet).

    The header check catches a file that is not a database at all; `PRAGMA quick_check`
    (seconds even for a large store) catches damaged pages. Never raises for a bad file.
    """
    try:
        if not path.exists() or path.stat().st_size == 0:
            return None
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    if header != SQLITE_HEADER:
        return "it is not a SQLite database file"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "malformed" in str(exc) or "not a database" in str(exc):
            return str(exc)
        # Busy, full disk, I/O or permission trouble: not damage to the file. The real open
        # meets the same trouble and reports it as what it is.
        return None
    except sqlite3.DatabaseError as exc:
        return str(exc) or type(exc).__name__
    if rows == ["ok"]:
        return None
    # One line: SQLite's own report may hold newlines ("*** in database main ***\nPage 62…").
    return " ".join("; ".join(rows).split())[:300]


def refuse_if_damaged(path: Path | None) -> None:
    """Raise DatabaseDamagedError, with what to do, when the store file is damaged."""
    if path is None:
        return
    reason = file_damage(path)
    if reason:
        raise DatabaseDamagedError(
            f"the database {path} is damaged ({reason}); nothing was changed. "
            "Run 'counter-app db restore' to put back the newest good backup "
            "(the damaged file is kept aside)"
        )


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the GUI read while the sync thread writes; FULL makes a confirmed collection
    # survive a power cut, at the price of one fsync per commit.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def sqlite_file(url: str) -> Path | None:
    """The database file behind a SQLite URL, or None for other backends and memory."""
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


# A till must say "server unreachable" within seconds, not hang on a dead LAN cable.
SERVER_CONNECT_TIMEOUT_S = 3


def _server_engine(url: str) -> Engine:
    """A shop server's engine: connections checked before use, so a server that went away
    and came back is reconnected to without anyone restarting the till."""
    connect_args: dict[str, object] = {}
    if make_url(url).get_backend_name() == "postgresql":
        connect_args = {
            "connect_timeout": SERVER_CONNECT_TIMEOUT_S,
            # Which till process a server session belongs to (pg_stat_activity, for support).
            "application_name": f"counter-app:{os.getpid()}",
            # A till whose network died mid-transaction must not hold row locks for ever.
            "options": "-c idle_in_transaction_session_timeout=60000",
            # A PC switched off is noticed by TCP keepalives (~25 s): its sync role and
            # locks go to the others well within a minute.
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            # Unacknowledged data for this long (cable pulled mid-request): give up, so a
            # till says "unreachable" in seconds rather than after the OS's 15 minutes.
            "tcp_user_timeout": 10_000,
        }
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    if engine.dialect.name == "postgresql":
        from counter_app.store.change_feed import install_notify

        install_notify(engine)
    return engine


def create_db_engine(url: str) -> Engine:
    """An engine with the pragmas in effect on every connection."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        path = sqlite_file(url)
        if path is None:
            return _server_engine(url)
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as exc:
        shown = url.split("@")[-1] if "@" in url else url
        raise CounterError(
            f"database_url {shown!r} is not usable ({exc}); leave it empty for the local file"
        ) from exc
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created user-only before SQLite opens it: its -wal and -shm files inherit that.
        touch_private(path)
        for side in ("-wal", "-shm"):
            tighten(path.with_name(path.name + side))
    except OSError as exc:
        raise CounterError(f"cannot open the database {path}: {exc.strerror or exc}") from exc
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class Database:
    """An engine plus a session factory; sessions are short and never expire on commit."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_db_engine(url)
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def file(self) -> Path | None:
        return sqlite_file(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error."""
        with self.session_factory() as session, session.begin():
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A unit of work that holds the write lock from its first read (SQLite: BEGIN
        IMMEDIATE), so what it reads cannot change before it writes: two tills or two
        syncs racing on one order are served one after the other, never both on stale data.
        """
        with self.session_factory() as session, session.begin():
            if self.file is not None:
                # pysqlite has not begun yet (it only begins before DML): begin for it.
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    def integrity_check(self) -> str:
        """ "ok" when SQLite finds the file sound; "n/a" for backends without such a check.

        A file too damaged to open is reported in words, not raised.
        """
        if self.file is None:
            return "n/a"
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(text("PRAGMA integrity_check(5)")).scalars().all()
        except Exception as exc:
            first = (str(getattr(exc, "orig", exc)) or type(exc).__name__).splitlines()[0]
            if "malformed" in first or "not a database" in first:
                return f"damaged: {first}"
            return f"not checked: {first}"
        return "ok" if list(rows) == ["ok"] else "damaged: " + "; ".join(map(str, rows))[:300]

    def dispose(self) -> None:
        self.engine.dispose()
