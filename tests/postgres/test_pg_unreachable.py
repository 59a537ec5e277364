"""The shop server stopped under a till: plain 'do not hand over yet', nothing half-written,
and the till carries on by itself once the server is back."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.domain.scan import SERVER_UNREACHABLE_MESSAGE, Verdict
from counter_app.settings import Settings
from counter_app.store.database import Database
from counter_app.store.repository import Repository
from counter_app.store.scan_service import ScanService
from tests.factories import make_order
from tests.pg_fixtures import PgServer, start_server


@pytest.fixture
def own_server(pg_server: PgServer) -> Iterator[PgServer]:
    """A server of this test's own, which it may stop (the session's one stays up)."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(server.root, ignore_errors=True)


def test_server_stopped_then_back(own_server: PgServer) -> None:
    url = own_server.fresh_database()
    db = Database(url)
    repo = Repository(db)
    order = make_order(state="SHIPPING")
    repo.upsert_orders([order])
    code = repo.mark_ready(order.order_id, "B2", "caisse-1")
    service = ScanService(repo, Settings(database_url=url, till_name="caisse-1"))
    assert service.resolve(code).verdict is Verdict.OK

    own_server.stop("fast")
    scan = service.resolve(code)
    assert scan.verdict is Verdict.ERROR
    assert scan.message == SERVER_UNREACHABLE_MESSAGE
    confirm = service.confirm(order.order_id)
    assert confirm.verdict is Verdict.ERROR and not confirm.confirmed
    assert confirm.message == SERVER_UNREACHABLE_MESSAGE

    own_server.start()
    # The pool's old connections are dead; pre-ping replaces them without a restart.
    again = service.resolve(code)
    assert again.verdict is Verdict.OK, again.message
    with db.engine.connect() as conn:
        collects = conn.execute(text("SELECT count(*) FROM outbox WHERE action = 'collect'"))
        assert collects.scalar() == 0  # the refused hand-over left nothing behind
    assert service.confirm(order.order_id).confirmed
    db.dispose()


def test_no_server_at_that_address_is_unreachable_not_a_crash(own_server: PgServer) -> None:
    url = own_server.fresh_database()
    own_server.stop("fast")
    db = Database(url)
    service = ScanService(Repository(db), Settings(database_url=url, till_name="caisse-1"))
    result = service.resolve("ABCD-EFGH-JKL")
    assert result.verdict is Verdict.ERROR
    assert result.message == SERVER_UNREACHABLE_MESSAGE
    db.dispose()


def test_server_restarted_under_load_loses_and_doubles_nothing(
    own_server: PgServer, tmp_path: Path
) -> None:
    import json
    import time

    from tests.postgres.test_pg_tills import _collections, _ready_orders, _till

    url = own_server.fresh_database()
    ids = _ready_orders(url, 300)
    go = tmp_path / "go"
    go.write_text("go")
    tills = [_till("confirm", url, f"caisse-{n}", go, ids[:: 1 if n == 1 else -1]) for n in (1, 2)]
    assert tills[0].stdout is not None
    seen = [tills[0].stdout.readline() for _ in range(40)]
    own_server.stop("fast")
    time.sleep(1.0)
    own_server.start()
    oks: list[str] = []
    for n, till in enumerate(tills):
        out, err = till.communicate(timeout=180)
        assert till.returncode == 0, err[-2000:]
        lines = (seen if n == 0 else []) + out.splitlines()
        oks += [json.loads(x)["order"] for x in lines if json.loads(x)["verdict"] == "ok"]
    assert len(oks) == len(set(oks)), "an order was handed over twice"
    stored = _collections(url)
    for order_id in oks:
        assert stored[order_id] == ("collected", 1, 1), order_id  # none lost
    for order_id, (stage, collects, _oks) in stored.items():
        assert collects <= 1, order_id  # none doubled
        assert (stage == "collected") == (collects == 1), order_id
