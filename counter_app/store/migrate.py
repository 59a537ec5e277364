"""Alembic migrations applied at start-up: backup first, refuse a newer schema.

On SQLite the whole upgrade runs in one `BEGIN IMMEDIATE` transaction (SQLite's DDL is
transactional; the driver's legacy transaction handling is switched off so that it does not
run CREATE TABLE outside one), under a file lock beside the database. A kill at any moment
leaves the old schema or the new one, never tables without a schema version, and two first
starts at the same moment migrate one after the other. A schema left half-made by an older
version (tables, no version) is rebuilt when its tables are empty, else refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry

from counter_app.errors import CounterError, SchemaTooNewError
from counter_app.resources import migrations_dir
from counter_app.store.backup import backup_before_migration
from counter_app.store.database import BUSY_TIMEOUT_MS, sqlite_file
from counter_app.store.file_lock import FileLock, LockBusyError
from counter_app.store.models import Base

log = logging.getLogger(__name__)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision(url: str = "sqlite://") -> str:
    heads = ScriptDirectory.from_config(alembic_config(url)).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {heads}")
    return heads[0]


def current_revision(engine: Engine | Connection) -> str | None:
    if isinstance(engine, Connection):
        return MigrationContext.configure(engine).get_current_revision()
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


APP_TABLES = frozenset(Base.metadata.tables)
MIGRATION_LOCK_TIMEOUT_S = 120.0


class HalfMadeSchemaError(CounterError):
    """Tables exist without a schema version and hold data: not safe to rebuild."""


def half_made_tables(engine: Engine | Connection) -> list[str]:
    """App tables present while no schema version is recorded (an interrupted first start)."""
    if isinstance(engine, Connection):
        tables = set(inspect(engine).get_table_names())
        revision = current_revision(engine)
    else:
        with engine.connect() as conn:
            return half_made_tables(conn)
    if revision is not None:
        return []
    return sorted(tables & APP_TABLES)


def missing_tables(engine: Engine) -> list[str]:
    """App tables absent from a database that says it is at some revision."""
    with engine.connect() as conn:
        if current_revision(conn) is None:
            return []
        return sorted(APP_TABLES - set(inspect(conn).get_table_names()))


def lock_path(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + ".migrate.lock")


@dataclass
class UpgradeResult:
    """What `upgrade` did."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def check_not_newer(engine: Engine | Connection, url: str) -> str | None:
    """The current revision; raises SchemaTooNewError if this app does not know it."""
    current = current_revision(engine)
    if current is None:
        return None
    script = ScriptDirectory.from_config(alembic_config(url))
    try:
        script.get_revision(current)
    except Exception as exc:
        raise SchemaTooNewError(
            f"the database schema ({current}) comes from a newer version of Counter; "
            "install that version or restore a backup. The database was left untouched."
        ) from exc
    return current


def _transactional_sqlite_engine(url: str) -> Engine:
    """An engine whose transactions really cover DDL: `BEGIN IMMEDIATE` sent by us.

    pysqlite's legacy mode begins a transaction only before INSERT/UPDATE/DELETE, so CREATE
    TABLE would run in autocommit; with `isolation_level = None` the driver stays out of the
    way and the `begin` event opens the transaction (SQLAlchemy's "pysqlite serializable"
    recipe). IMMEDIATE takes the write lock at once, so the revision read under it is final.
    """
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _clear_half_made(conn: Connection, tables: list[str]) -> None:
    """Drop the empty tables an interrupted first start left (inside the migration's txn)."""
    for table in tables:
        if conn.execute(text(f'SELECT 1 FROM "{table}" LIMIT 1')).first() is not None:
            raise HalfMadeSchemaError(
                "the database has tables but no schema version, and they hold data; "
                "run 'counter-app db restore' to put back the newest backup"
            )
    conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    for table in [*tables, "alembic_version"]:
        conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{table}"')
    log.warning("rebuilt a half-made schema left by an interrupted first start: %s", tables)


def upgrade(engine: Engine, url: str, backup_dir: Path) -> UpgradeResult:
    """Bring the schema to head. A file database with data is copied first."""
    db_file = sqlite_file(url)
    if db_file is None:
        return _upgrade_plain(engine, url, backup_dir)
    try:
        with FileLock(lock_path(db_file), timeout=MIGRATION_LOCK_TIMEOUT_S):
            return _upgrade_sqlite(engine, url, backup_dir, db_file)
    except LockBusyError as exc:
        raise CounterError(
            "another Counter is upgrading this database and has not finished; try again"
        ) from exc


def _upgrade_sqlite(engine: Engine, url: str, backup_dir: Path, db_file: Path) -> UpgradeResult:
    current = check_not_newer(engine, url)
    head = head_revision(url)
    if current == head:
        return UpgradeResult(current, head, None)
    backup: Path | None = None
    if db_file.exists() and inspect(engine).get_table_names():
        backup = backup_before_migration(db_file, backup_dir, current)
    # The app's own pooled connections must not hold a read snapshot across the upgrade.
    engine.dispose()
    mig = _transactional_sqlite_engine(url)
    try:
        with mig.begin() as conn:
            current = current_revision(conn)  # under the write lock: final
            if current == head:
                return UpgradeResult(current, head, backup)
            if current is None:
                leftovers = half_made_tables(conn)
                if leftovers:
                    _clear_half_made(conn, leftovers)
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        mig.dispose()
    log.info("database schema upgraded from %s to %s", current, head)
    return UpgradeResult(current, head, backup)


# Any fixed number: every Counter takes the same key, so migrations queue on the server.
MIGRATION_ADVISORY_KEY = 0x436F756E7465  # "Counte"


def _upgrade_plain(engine: Engine, url: str, backup_dir: Path) -> UpgradeResult:
    """PostgreSQL: transactional DDL, under a transaction-level advisory lock.

    Two tills starting together both ask for the lock; the second waits, then reads the
    revision the first one committed and finds nothing to do. The revision is read (and a
    newer schema refused) only under the lock, so it is final.
    """
    head = head_revision(url)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # SET takes no bind parameters; the value is our own constant.
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(MIGRATION_LOCK_TIMEOUT_S)}s'")
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_ADVISORY_KEY})
        current = check_not_newer(conn, url)
        if current == head:
            return UpgradeResult(current, head, None)
        cfg = alembic_config(url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("database schema upgraded from %s to %s", current, head)
    return UpgradeResult(current, head, None)
