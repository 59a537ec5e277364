""" "Test connection" for a shop server address: reachable? who is it? is the schema ours?

Runs on a worker thread (set-up dialog) or from a command. Changes nothing on the server.
A failure is sorted into a kind the set-up page turns into words a shop owner can act on
(the server's own message is kept as detail; it never holds the password).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from counter_app.errors import CounterError, SchemaTooNewError
from counter_app.store.database import Database, server_unreachable


@dataclass(frozen=True)
class ServerProbe:
    """What a good connection found."""

    server_version: str  # e.g. "PostgreSQL 15.8"
    database: str
    schema: str  # "current", "older" (upgraded at the next start) or "empty"
    orders: int


class ProbeFailed(CounterError):
    """The server could not be used; `kind` says why, `detail` is the server's own words."""

    KINDS = ("bad_address", "unreachable", "refused_login", "no_database", "schema_newer", "other")

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(detail or kind)
        self.kind = kind
        self.detail = detail


def _kind_of(exc: BaseException) -> str:
    words = str(getattr(exc, "orig", None) or exc).lower()
    if "password authentication failed" in words or "no password supplied" in words:
        return "refused_login"
    if "no pg_hba.conf entry" in words or ("role" in words and "does not exist" in words):
        return "refused_login"
    if "database" in words and "does not exist" in words:
        return "no_database"
    if server_unreachable(exc):
        return "unreachable"
    return "other"


def probe_server(url: str) -> ServerProbe:
    """Connect once with `url` (password included) and look; raises ProbeFailed."""
    from counter_app.store.migrate import check_not_newer, head_revision

    try:
        db = Database(url)
    except CounterError as exc:
        raise ProbeFailed("bad_address", str(exc)) from exc
    try:
        with db.engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar() or "")
            name = str(conn.execute(text("SELECT current_database()")).scalar() or "")
            try:
                current = check_not_newer(conn, url)
            except SchemaTooNewError as exc:
                raise ProbeFailed("schema_newer", str(exc)) from exc
            orders = 0
            if current is None:
                schema = "empty"
            else:
                schema = "current" if current == head_revision(url) else "older"
                orders = int(conn.execute(text("SELECT count(*) FROM orders")).scalar() or 0)
            conn.rollback()
    except ProbeFailed:
        raise
    except Exception as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise ProbeFailed(_kind_of(exc), detail[0][:200] if detail else "") from exc
    finally:
        db.dispose()
    return ServerProbe(f"PostgreSQL {version}", name, schema, orders)
