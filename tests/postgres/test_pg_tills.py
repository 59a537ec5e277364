"""Several till processes on one PostgreSQL store: exactly one hand-over per order."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.domain.stages import Stage
from counter_app.store.database import Database
from counter_app.store.repository import Repository
from tests.factories import make_order
from tests.pg_fixtures import PgServer

ROOT = Path(__file__).resolve().parents[2]


def _ready_orders(url: str, n: int) -> list[str]:
    db = Database(url)
    repo = Repository(db)
    orders = [make_order(state="SHIPPING") for _ in range(n)]
    repo.upsert_orders(orders)
    for o in orders:
        repo.mark_ready(o.order_id, "A1", "back-office")
    db.dispose()
    return [o.order_id for o in orders]


def _till(mode: str, url: str, till: str, go: Path, ids: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.postgres.till_worker", mode, url, till, str(go), *ids],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COUNTER_APP_NO_KEYRING": "1"},
    )


def _collections(url: str) -> dict[str, tuple[str, int, int]]:
    """order → (stage, collect rows in the outbox, OK confirm rows in the audit trail)."""
    db = Database(url)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT o.order_id, o.stage,"
                " (SELECT count(*) FROM outbox x WHERE x.order_pk = o.id AND x.action = 'collect'),"
                " (SELECT count(*) FROM scan_events e WHERE e.order_pk = o.id"
                "  AND e.kind = 'confirm' AND e.verdict = 'ok')"
                " FROM orders o"
            )
        ).all()
    db.dispose()
    return {r[0]: (r[1], int(r[2]), int(r[3])) for r in rows}


def test_two_tills_confirming_the_same_code_200_times(pg_server: PgServer, tmp_path: Path) -> None:
    url = pg_server.fresh_database()
    ids = _ready_orders(url, 200)
    go = tmp_path / "go"
    tills = [_till("race", url, f"caisse-{n}", go, ids) for n in (1, 2)]
    time.sleep(2.0)  # both are up, connected and waiting
    go.write_text("go")
    for order_id in ids:
        Path(f"{go}.{order_id}").write_text("go")  # both confirm this order now
        deadline = time.monotonic() + 30
        while not all(Path(f"{go}.{order_id}.caisse-{n}").exists() for n in (1, 2)):
            assert time.monotonic() < deadline, "a till stopped answering"
            time.sleep(0.0005)
    verdicts: dict[str, list[str]] = {i: [] for i in ids}
    for till in tills:
        out, err = till.communicate(timeout=60)
        assert till.returncode == 0, err[-2000:]
        for line in out.splitlines():
            got = json.loads(line)
            verdicts[got["order"]].append(got["verdict"])
    for order_id, pair in verdicts.items():
        assert sorted(pair) == ["already_collected", "ok"], (order_id, pair)
    for order_id, (stage, collects, oks) in _collections(url).items():
        assert (stage, collects, oks) == (Stage.COLLECTED.value, 1, 1), order_id


def test_a_till_killed_mid_confirm_leaves_nothing_half_written(
    pg_server: PgServer, tmp_path: Path
) -> None:
    url = pg_server.fresh_database()
    ids = _ready_orders(url, 150)
    go = tmp_path / "go"
    go.write_text("go")
    till = _till("confirm", url, "caisse-1", go, ids)
    # Kill it once it is well into the list (mid-transaction, most probably).
    assert till.stdout is not None
    for _ in range(40):
        till.stdout.readline()
    os.kill(till.pid, signal.SIGKILL)
    till.wait(timeout=30)
    after_kill = _collections(url)
    for order_id, (stage, collects, oks) in after_kill.items():
        # Either the whole hand-over was committed or none of it.
        assert (stage, collects, oks) in (
            (Stage.COLLECTED.value, 1, 1),
            (Stage.READY.value, 0, 0),
        ), (order_id, stage, collects, oks)
    done = sum(1 for v in after_kill.values() if v[0] == Stage.COLLECTED.value)
    assert 40 <= done < len(ids)
    # The other till serves the rest; the ones already collected say so.
    other = _till("confirm", url, "caisse-2", go, ids)
    out, err = other.communicate(timeout=120)
    assert other.returncode == 0, err[-2000:]
    verdicts = [json.loads(line)["verdict"] for line in out.splitlines()]
    assert verdicts.count("already_collected") == done
    assert verdicts.count("ok") == len(ids) - done
    for order_id, row in _collections(url).items():
        assert row == (Stage.COLLECTED.value, 1, 1), order_id


def test_a_pickup_code_clash_at_two_tills_draws_again(
    pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another till gives the same new code to another order while this one marks ready:
    its row is not committed yet when this till checks, so the unique index refuses this
    till's code once the other commits; this till draws another."""
    import threading

    from counter_app.domain import pickup_code

    url = pg_server.fresh_database()
    db = Database(url)
    repo = Repository(db)
    orders = [make_order(state="SHIPPING") for _ in range(2)]
    repo.upsert_orders(orders)
    other = Database(url)
    conn = other.engine.connect()
    conn.execute(
        text("UPDATE orders SET pickup_code = 'CLASHCLASH1' WHERE order_id = :o"),
        {"o": orders[0].order_id},
    )  # not committed yet: the other till is mid-transaction
    timer = threading.Timer(0.5, conn.commit)
    timer.start()
    drawn = iter(["CLASHCLASH1", "FRESHFRESH2"])
    monkeypatch.setattr(pickup_code, "new_pickup_code", lambda: next(drawn))
    code = repo.mark_ready(orders[1].order_id, "A2", "caisse-2")
    timer.join()
    conn.close()
    other.dispose()
    assert code == "FRESHFRESH2"
    assert repo.require_order(orders[1].order_id).pickup_code == "FRESHFRESH2"
    assert repo.require_order(orders[0].order_id).pickup_code == "CLASHCLASH1"
    db.dispose()
