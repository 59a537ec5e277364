"""A real PostgreSQL server for the test session, started from the system's binaries.

`initdb` + `pg_ctl` in a temporary folder, listening on 127.0.0.1 on a free port (trust
authentication: nobody else can reach a loopback port of a throw-away cluster in time to
matter). `initdb` refuses to run as root, so under root the server runs as the package's
`postgres` user. Each test gets a fresh database copied from a migrated template
(`CREATE DATABASE ... TEMPLATE`), which takes milliseconds.

Without the binaries the PostgreSQL half of the suite is skipped with what to install, except
under CI (`CI` set), where a missing server is a failure: CI must run both backends.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found: install them "
    "(Debian/Ubuntu: 'apt-get install postgresql'; 'make test' does it when run as root)"
)
TEMPLATE_DB = "counter_template"
_counter = itertools.count()


def find_bindir() -> Path | None:
    """The folder with initdb and pg_ctl: $COUNTER_PG_BINDIR, Debian's, or the PATH's."""
    candidates: list[str] = []
    if os.environ.get("COUNTER_PG_BINDIR"):
        candidates.append(os.environ["COUNTER_PG_BINDIR"])
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """One running cluster: where it lives and how to reach it."""

    bindir: Path
    root: Path
    port: int
    as_user: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120)

    def start(self) -> None:
        opts = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            # A throw-away cluster: no fsync (the tests kill clients, not the server's disk).
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        done = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "60",
            "-o", opts, "start", check=False,
        )  # fmt: skip
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"pg_ctl start failed: {done.stderr}\n{log}")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def admin_sql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def fresh_database(self) -> str:
        """A new database with the app's schema at head; returns its URL."""
        name = f"t{os.getpid()}_{next(_counter)}"
        self.admin_sql(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE_DB}')
        return self.url(name)

    def empty_database(self) -> str:
        """A new database without any table (for migration tests)."""
        name = f"e{os.getpid()}_{next(_counter)}"
        self.admin_sql(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_server() -> PgServer:
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError(INSTALL_HINT)
    as_user = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="counter-pg-"))
    if as_user:
        shutil.chown(root, as_user, as_user)
    server = PgServer(bindir, root, _free_port(), as_user)
    server._run(
        "initdb", "-D", str(server.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
        "--locale=C", "--no-sync",
    )  # fmt: skip
    server.start()
    deadline = time.monotonic() + 30
    while True:
        try:
            server.admin_sql("SELECT 1")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    server.admin_sql(f"CREATE DATABASE {TEMPLATE_DB}")
    from counter_app.store.database import Database
    from counter_app.store.migrate import upgrade

    db = Database(server.url(TEMPLATE_DB))
    try:
        upgrade(db.engine, db.url, root / "unused-backups")
    finally:
        db.dispose()
    return server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's PostgreSQL server (skipped without binaries, failed under CI)."""
    try:
        server = start_server()
    except FileNotFoundError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{exc} (CI must run the PostgreSQL tests)")
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Both backends: "" (the local SQLite file) and a fresh database on the test server.

    A module opts in with `from tests.pg_fixtures import database_url`; the conftest's
    `settings` fixture then points its home at that store.
    """
    if request.param == "sqlite":
        return ""
    server: PgServer = request.getfixturevalue("pg_server")
    return server.fresh_database()
