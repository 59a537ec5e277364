"""Migrations on a real PostgreSQL server: to head, twice at once, a newer schema refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.errors import SchemaTooNewError
from counter_app.store.database import Database
from counter_app.store.migrate import current_revision, head_revision, upgrade
from tests.pg_fixtures import PgServer

_MIGRATE = """
import sys
from counter_app.store.database import Database
from counter_app.store.migrate import upgrade
db = Database(sys.argv[1])
r = upgrade(db.engine, db.url, __import__('pathlib').Path(sys.argv[2]))
print(r.from_revision, r.to_revision)
"""


def test_empty_database_upgrades_to_head(pg_server: PgServer, tmp_path: Path) -> None:
    db = Database(pg_server.empty_database())
    try:
        result = upgrade(db.engine, db.url, tmp_path)
        assert result.from_revision is None
        assert current_revision(db.engine) == head_revision()
        again = upgrade(db.engine, db.url, tmp_path)
        assert again.from_revision == again.to_revision == head_revision()
    finally:
        db.dispose()


def test_two_tills_starting_together_migrate_once(pg_server: PgServer, tmp_path: Path) -> None:
    url = pg_server.empty_database()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _MIGRATE, url, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [o[1][-500:] for o in outs]
    firsts = [o[0].split()[0] for o in outs]
    # Exactly one of them found an empty database; the others found it at head.
    assert firsts.count("None") == 1, outs
    assert firsts.count(head_revision()) == 3, outs


def test_newer_schema_is_refused_untouched(pg_server: PgServer, tmp_path: Path) -> None:
    db = Database(pg_server.fresh_database())
    try:
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(SchemaTooNewError):
            upgrade(db.engine, db.url, tmp_path)
        assert current_revision(db.engine) == "9999"
    finally:
        db.dispose()
