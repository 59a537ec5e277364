"""A collection recorded at this till moments ago (the window killed after its commit, before
the bag crossed the counter): the rescan says "recorded here … hand over", not a red refusal."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import update

from counter_app.bootstrap import AppContext
from counter_app.domain.scan import Verdict
from counter_app.settings import load_settings
from counter_app.store.models import OrderRow
from counter_app.store.scan_service import ScanService
from counter_app.store.types import utcnow
from tests.cli_runner import run_cli
from tests.factories import make_order

ROOT = Path(__file__).resolve().parents[2]

# Confirms the collection, then dies by SIGKILL right after the commit, before the till could
# show the green "Collected" band.
CONFIRM_THEN_DIE = """
import os, signal, sys
from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from counter_app.store import scan_service
settings = load_settings()
ctx = open_context(settings)
def die(self, order_id, *rest):
    os.kill(os.getpid(), signal.SIGKILL)
scan_service.ScanService._find_by_order_id = die
scan_service.ScanService(ctx.repo, settings).confirm(sys.argv[1])
"""


def test_rescan_at_the_same_till_moments_later_says_hand_over(ctx: AppContext) -> None:
    ctx.repo.upsert_orders([make_order(order_id="61000001-A")])
    code = ctx.repo.mark_ready("61000001-A", "A1", "till-1")
    confirming = ScanService(ctx.repo, ctx.settings)
    assert confirming.confirm("61000001-A").confirmed
    # The window that showed "Collected" itself: a rescan is a second hand-over, refused.
    shown = confirming.resolve(code)
    assert not shown.recorded_here_recently and "Do not hand over" in shown.message
    # The same till after a restart (the window died after the commit): check, hand over.
    here = ScanService(ctx.repo, ctx.settings)
    again = here.resolve(code)
    assert again.verdict is Verdict.ALREADY_COLLECTED
    assert again.recorded_here_recently
    assert again.message.startswith("Recorded here ")
    assert "if the customer is still at the counter, hand over" in again.message
    assert again.to_json()["recorded_here_recently"] is True
    # Another till: the plain refusal, with where and when.
    there = ScanService(ctx.repo, dataclasses.replace(ctx.settings, till_name="till-2"))
    other = there.resolve(code)
    assert not other.recorded_here_recently and "Do not hand over" in other.message
    # The same till, but long ago: a second customer with the same code, refused.
    with ctx.db.session() as s:
        s.execute(
            update(OrderRow)
            .where(OrderRow.order_id == "61000001-A")
            .values(collected_at=utcnow() - timedelta(minutes=20))
        )
    old = here.resolve(code)
    assert not old.recorded_here_recently and "Do not hand over" in old.message


def test_a_confirm_killed_after_its_commit_then_a_rescan(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text('till_name = "caisse-1"\n', encoding="utf-8")
    from counter_app.bootstrap import open_context

    ctx = open_context(load_settings(home))
    ctx.repo.upsert_orders([make_order(order_id="62000001-A", customer="Chloé Martin")])
    code = ctx.repo.mark_ready("62000001-A", "B3", "caisse-1")
    ctx.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(COUNTER_APP_HOME=str(home), COUNTER_APP_NO_KEYRING="1")
    killed = subprocess.run(
        [sys.executable, "-c", CONFIRM_THEN_DIE, "62000001-A"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    rescan = run_cli(home, "scan", code)
    assert rescan.returncode == 2  # not a plain "ok": the clerk checks, then hands over
    assert rescan.stdout.startswith("ALREADY_COLLECTED: Recorded here ")
    assert "hand over" in rescan.stdout and "Do not hand over" not in rescan.stdout
