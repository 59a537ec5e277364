"""`counter-app db upgrade | backup | check`: support commands for the local database."""

from __future__ import annotations

import argparse
import json

from sqlalchemy.engine import make_url

from counter_app.bootstrap import open_context
from counter_app.errors import CounterError
from counter_app.settings import Settings
from counter_app.store.backup import daily_backup
from counter_app.store.database import Database
from counter_app.store.migrate import check_not_newer, head_revision, upgrade


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


def cmd_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    url = settings.effective_database_url()
    db = Database(url)
    try:
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
    ctx = open_context(settings)
    try:
        if ctx.db.file is None:
            raise CounterError("backups are only made for a SQLite database file")
        made = daily_backup(ctx.db.file, settings.paths.backup_dir, force=True)
        print(f"backup written: {made}")
    finally:
        ctx.close()
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    url = settings.effective_database_url()
    db = Database(url)
    try:
        revision = check_not_newer(db.engine, url)
        integrity = db.integrity_check()
        from counter_app.store.repository import Repository

        counts = Repository(db).table_counts() if revision else {}
    finally:
        db.dispose()
    head = head_revision(url)
    shown_url = make_url(url).render_as_string(hide_password=True)
    report = {
        "database": shown_url,
        "integrity": integrity,
        "schema": revision,
        "head": head,
        "up_to_date": revision == head,
        "counts": counts,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"database:  {shown_url}")
        print(f"integrity: {integrity}")
        print(f"schema:    {revision or 'empty'} (this version: {head})")
        for table, n in counts.items():
            print(f"  {table:<14} {n}")
    return 0 if integrity in ("ok", "n/a") else 1
