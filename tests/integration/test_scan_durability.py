"""A confirmed collection survives the process being killed right after it reports success."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from counter_app.bootstrap import AppContext, open_context
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.store.models import OutboxRow, ScanEventRow
from tests.factories import make_order

CONFIRMER = textwrap.dedent(
    """
    import sys, time
    from counter_app.bootstrap import open_context
    from counter_app.settings import load_settings
    from counter_app.store.scan_service import ScanService

    settings = load_settings()
    settings.till_name = "till-9"
    ctx = open_context(settings, migrate=False)
    service = ScanService(ctx.repo, settings)
    for order_id in sys.argv[1:]:
        result = service.confirm(order_id)
        if result.confirmed:
            print("CONFIRMED", order_id, flush=True)
    time.sleep(60)  # never exits by itself: the test kills it
    """
)


def _prepare(ctx: AppContext, count: int) -> list[str]:
    ids = [f"51{n:06d}-A" for n in range(count)]
    ctx.repo.upsert_orders([make_order(order_id=i) for i in ids])
    for i in ids:
        ctx.repo.mark_ready(i, "A1", "till-1")
    return ids


def _run_and_kill(home: Path, ids: list[str], kill_after: int) -> list[str]:
    env = dict(os.environ, COUNTER_APP_HOME=str(home), COUNTER_APP_NO_KEYRING="1")
    proc = subprocess.Popen(
        [sys.executable, "-c", CONFIRMER, *ids],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    reported: list[str] = []
    assert proc.stdout is not None
    try:
        while len(reported) < kill_after:
            line = proc.stdout.readline()
            assert line, "the confirmer stopped before reporting"
            reported.append(line.split()[1])
        # SIGKILL the moment success is reported: no clean-up, no atexit, no flush.
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    return reported


def test_reported_collections_survive_sigkill(settings: Settings, ctx: AppContext) -> None:
    ids = _prepare(ctx, 40)
    ctx.close()
    reported = _run_and_kill(settings.paths.data_dir, ids, kill_after=7)

    reopened = open_context(settings)
    try:
        for order_id in reported:
            order = reopened.repo.require_order(order_id)
            assert order.stage is Stage.COLLECTED and order.collected_till == "till-9"
        # Whatever was cut mid-way is all-or-nothing: stage, outbox row and audit row agree.
        with reopened.db.session() as s:
            outbox = {r.order_id for r in s.query(OutboxRow).filter(OutboxRow.action == "collect")}
            confirms = {
                e.order_pk for e in s.query(ScanEventRow).filter(ScanEventRow.kind == "confirm")
            }
        collected = {o.order_id for o in reopened.repo.list_orders([Stage.COLLECTED])}
        assert set(reported) <= collected
        assert collected == outbox
        assert len(confirms) == len(collected)
        # A second confirmation after the restart gets already_collected.
        from counter_app.store.scan_service import ScanService

        again = ScanService(reopened.repo, settings).confirm(reported[-1])
        assert again.verdict.value == "already_collected" and not again.confirmed
    finally:
        reopened.close()


RACER = textwrap.dedent(
    """
    import sys
    from counter_app.bootstrap import open_context
    from counter_app.settings import load_settings
    from counter_app.store.scan_service import ScanService

    settings = load_settings()
    settings.till_name = sys.argv[1]
    ctx = open_context(settings, migrate=False)
    service = ScanService(ctx.repo, settings)
    sys.stdin.readline()  # both tills start together
    for order_id in sys.argv[2:]:
        result = service.confirm(order_id)
        print(order_id, result.verdict.value, result.confirmed, flush=True)
    """
)


def test_two_tills_racing_record_each_collection_once(settings: Settings, ctx: AppContext) -> None:
    ids = _prepare(ctx, 25)
    ctx.close()
    env = dict(
        os.environ, COUNTER_APP_HOME=str(settings.paths.data_dir), COUNTER_APP_NO_KEYRING="1"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, till, *ids],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        for till in ("till-a", "till-b")
    ]
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    confirmed_by: dict[str, list[str]] = {}
    for till, out in zip(("till-a", "till-b"), outputs, strict=True):
        for line in out.splitlines():
            order_id, verdict, confirmed = line.split()
            assert verdict in ("ok", "already_collected", "error")
            if confirmed == "True":
                confirmed_by.setdefault(order_id, []).append(till)
    assert all(len(tills) == 1 for tills in confirmed_by.values()), confirmed_by

    reopened = open_context(settings)
    try:
        with reopened.db.session() as s:
            collects = [
                r.order_id for r in s.query(OutboxRow).filter(OutboxRow.action == "collect")
            ]
        assert sorted(collects) == sorted(confirmed_by)  # one queued action per collection
        for order_id, tills in confirmed_by.items():
            assert reopened.repo.require_order(order_id).collected_till == tills[0]
    finally:
        reopened.close()
