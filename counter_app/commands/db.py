"""`counter-app db upgrade | backup | check | restore`: support commands for the local database."""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from sqlalchemy.engine import make_url

from counter_app.bootstrap import open_context
from counter_app.errors import CounterError
from counter_app.logging_setup import register_secret
from counter_app.settings import Settings
from counter_app.store.backup import BackupError, daily_backup, restore
from counter_app.store.database import Database, file_damage, refuse_if_damaged
from counter_app.store.file_lock import FileLock, LockBusyError
from counter_app.store.migrate import (
    check_not_newer,
    half_made_tables,
    head_revision,
    lock_path,
    missing_tables,
    upgrade,
)


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="database upgrade, backup and check")
    dbsub = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    p = dbsub.add_parser("upgrade", help="apply migrations (a copy is taken first)")
    p.set_defaults(func=cmd_upgrade, needs_db=False)
    p = dbsub.add_parser("backup", help="take today's copy now (the last 7 daily copies are kept)")
    p.set_defaults(func=cmd_backup, needs_db=False)
    p = dbsub.add_parser("check", help="integrity check, schema version and row counts")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_check, needs_db=False)
    p = dbsub.add_parser(
        "copy-to",
        help="copy this till's own store into the shop's PostgreSQL server (once)",
    )
    p.add_argument("url", metavar="URL", help="e.g. postgresql+psycopg://counter@server/counter")
    p.set_defaults(func=cmd_copy_to, needs_db=False)
    p = dbsub.add_parser(
        "restore",
        help="put back the newest good backup (or BACKUP); the current file is kept aside",
    )
    p.add_argument("backup", nargs="?", type=Path, default=None, metavar="BACKUP")
    p.set_defaults(func=cmd_restore, needs_db=False)


def cmd_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    url = settings.effective_database_url()
    db = Database(url)
    try:
        refuse_if_damaged(db.file)
        result = upgrade(db.engine, url, settings.paths.backup_dir)
    finally:
        db.dispose()
    if result.from_revision == result.to_revision:
        print(f"database already at {result.to_revision}")
    else:
        print(f"database upgraded from {result.from_revision or 'empty'} to {result.to_revision}")
        if result.backup:
            print(f"copy taken first: {result.backup}")
    return 0


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    if settings.shared_store:
        dumped = pg_dump_backup(settings)
        print(f"backup written: {dumped}")
        return 0
    with open_context(settings) as ctx:
        if ctx.db.file is None:
            raise CounterError("backups are only made for a SQLite database file")
        try:
            made = daily_backup(ctx.db.file, settings.paths.backup_dir, force=True)
        except BackupError as exc:
            from counter_app.bootstrap import backup_failure_reason

            raise CounterError(
                f"no backup written: {backup_failure_reason(exc)}; the older copies are kept"
            ) from exc
        print(f"backup written: {made}")
    return 0


def _find_pg_dump() -> str | None:
    found = shutil.which("pg_dump")
    if found:
        return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "pg_dump").exists():
            return str(Path(folder, "pg_dump"))
    return None


def pg_dump_backup(settings: Settings) -> Path:
    """A `pg_dump` of the shop server into the backup folder (the password by environment,
    never on a command line others can read)."""
    pg_dump = _find_pg_dump()
    if pg_dump is None:
        raise CounterError(
            "the store is on the shop's PostgreSQL server: its backups are the server's job "
            "(pg_dump there, see the README); install pg_dump here to let 'db backup' run it"
        )
    url = make_url(settings.effective_database_url())
    settings.paths.backup_dir.mkdir(parents=True, exist_ok=True)
    target = settings.paths.backup_dir / f"counter-{time.strftime('%Y%m%d-%H%M%S')}.pgdump"
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None).render_as_string()
    done = subprocess.run(
        [pg_dump, "--format=custom", f"--file={target}", f"--dbname={plain}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        reason = (done.stderr.strip().splitlines() or ["pg_dump failed"])[-1]
        raise CounterError(f"no backup written: {reason[:300]}")
    return target


def cmd_copy_to(args: argparse.Namespace, settings: Settings) -> int:
    from counter_app.database_url import split_password, with_password
    from counter_app.store.copy import copy_store

    if settings.shared_store:
        raise CounterError(
            "this till already works on a shared server; copy-to moves a till's own file"
        )
    target_url, password = split_password(args.url)
    register_secret(password)
    if make_url(target_url).get_backend_name() != "postgresql":
        raise CounterError("copy-to wants the shop server's URL: postgresql+psycopg://...")
    with open_context(settings) as ctx:
        target = Database(with_password(target_url, password))
        try:
            upgrade(target.engine, target.url, settings.paths.backup_dir)
            result = copy_store(ctx.db, target)
        finally:
            target.dispose()
    shown = make_url(target_url).render_as_string(hide_password=True)
    print(f"copied into {shown}:")
    for table, n in result.source.items():
        print(f"  {table:<14} {n:>8}  (server: {result.target[table]})")
    if not result.matches:
        raise CounterError("the row counts differ after the copy; do not use the server yet")
    print(
        "row counts match. Point each till at the server: "
        f"counter-app --database-url {shown} ... (or database_url in settings.toml)"
    )
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    url = settings.effective_database_url()
    shown_url = make_url(url).render_as_string(hide_password=True)
    head = head_revision(url)
    problems: list[str] = list(settings.unknown_key_warnings())
    revision: str | None = None
    counts: dict[str, int] = {}
    schema_state = "empty"
    db = Database(url)
    try:
        damage = file_damage(db.file) if db.file is not None else None
        if damage:
            integrity = f"damaged: {damage}"
            schema_state = "unknown (damaged file)"
        else:
            integrity = db.integrity_check()
        if integrity.startswith("not checked"):
            problems.append(f"the database could not be checked ({integrity[13:]})")
        elif not integrity.startswith("damaged"):
            revision = check_not_newer(db.engine, url)
            half = half_made_tables(db.engine)
            missing = missing_tables(db.engine)
            if half:
                schema_state = (
                    f"half-made: tables {', '.join(half)} exist but no schema version "
                    "(a first start was interrupted; the next start rebuilds it if they are empty)"
                )
                problems.append("half-made schema")
            elif missing:
                schema_state = f"incomplete: tables {', '.join(missing)} are missing"
                problems.append("incomplete schema")
            elif revision:
                schema_state = revision
            if revision and not missing:
                from counter_app.store.repository import Repository

                counts = Repository(db).table_counts()
    finally:
        db.dispose()
    if integrity.startswith("damaged"):
        problems.append("damaged database: run 'counter-app db restore'")
    report = {
        "database": shown_url,
        "integrity": integrity,
        "schema": revision,
        "schema_state": schema_state,
        "head": head,
        "up_to_date": revision == head,
        "counts": counts,
        "problems": problems,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"database:  {shown_url}")
        print(f"integrity: {integrity}")
        print(f"schema:    {schema_state} (this version: {head})")
        for table, n in counts.items():
            print(f"  {table:<14} {n}")
        for problem in problems:
            print(f"problem:   {problem}")
    failed = [p for p in problems if not p.startswith("unknown setting")]
    return 0 if integrity in ("ok", "n/a") and not failed else 1


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    url = settings.effective_database_url()
    db = Database(url)
    db_file = db.file
    db.dispose()
    if db_file is None:
        raise CounterError("restore works on the local SQLite file only")
    try:
        # No migration nor another restore may run meanwhile.
        with FileLock(lock_path(db_file), timeout=10):
            done = restore(db_file, settings.paths.backup_dir, args.backup)
    except LockBusyError as exc:
        raise CounterError("the database is being upgraded by another Counter; try again") from exc
    except BackupError as exc:
        raise CounterError(str(exc)) from exc
    print(f"restored from {done.source}")
    if done.kept_aside:
        print(f"the previous file is kept as {done.kept_aside}")
    print(
        "actions recorded after that backup are not in it: "
        "run 'counter-app sync --once', then check today's orders"
    )
    return 0
