"""`counter-app cancel` and `counter-app shelves` as subprocesses: a clear error for each wrong
use, nothing changed by it; a cancel offline queued, and the shelves list printed to PDF."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from tests.cli_runner import run_cli
from tests.factories import make_order


def _seed(home: Path) -> str:
    settings = load_settings(home, read_api_key=False, environ={})
    ctx = open_context(settings)
    try:
        order = make_order(state="SHIPPING", customer="Camille Martin")
        ctx.repo.upsert_orders([order])
        ctx.repo.mark_ready(order.order_id, "B2", "till-1")
        collected = make_order(state="SHIPPED", customer="Jean Dupont")
        ctx.repo.upsert_orders([collected])
        return order.order_id + " " + collected.order_id
    finally:
        ctx.close()


def test_cancel_and_shelves_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_cli(home, "db", "upgrade").returncode == 0
    ready_id, collected_id = _seed(home).split()

    before = json.loads(run_cli(home, "orders", "show", ready_id, "--json").stdout)
    ready_day = datetime.fromisoformat(before["ready_at"]).astimezone().date()
    assert before["collect_by"] == (ready_day + timedelta(days=10)).isoformat()
    assert before["reminders"] == []

    unknown = run_cli(home, "cancel", "NOPE-1")
    assert unknown.returncode != 0 and "no order 'NOPE-1'" in unknown.stderr
    done = run_cli(home, "cancel", collected_id)
    assert done.returncode != 0 and "was collected" in done.stderr

    ok = run_cli(home, "cancel", ready_id, "--json")
    assert ok.returncode == 0, ok.stderr
    answer = json.loads(ok.stdout)
    assert answer["kind"] == "cancel" and answer["stage"] == "canceled"
    again = run_cli(home, "cancel", ready_id)
    assert again.returncode != 0 and "cancelled already" in again.stderr

    shown = json.loads(run_cli(home, "orders", "show", ready_id, "--json").stdout)
    assert shown["stage"] == "canceled" and shown["collect_by"] is None
    pdf = tmp_path / "shelves.pdf"
    listed = run_cli(home, "shelves", "--pdf", str(pdf))
    assert listed.returncode == 0, listed.stderr
    assert "B2" in listed.stdout and "book line(s) to put back" in listed.stdout
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/MediaBox") == 1
    put_back = run_cli(home, "shelves", "--done", ready_id, "--json")
    assert put_back.returncode == 0 and json.loads(put_back.stdout) == []
    reasons = run_cli(home, "cancel", "--reasons")
    assert reasons.returncode == 0 and "sync once while online" in reasons.stdout


def test_cancel_some_lines_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_cli(home, "db", "upgrade").returncode == 0
    ready_id, _collected_id = _seed(home).split()
    shown = json.loads(run_cli(home, "orders", "show", ready_id, "--json").stdout)
    first, second = (line["line_id"] for line in shown["lines"])

    no_reason = run_cli(home, "cancel", ready_id, "--line", second)
    assert no_reason.returncode == 1
    assert "cancelling some of its lines needs a reason (--reason CODE" in no_reason.stderr
    unknown = run_cli(home, "cancel", ready_id, "--line", "NOPE", "--reason", "34")
    assert unknown.returncode == 1 and f"no line 'NOPE' (lines: {first}, {second})" in (
        unknown.stderr
    )
    empty = run_cli(home, "cancel", ready_id, "--line", " ", "--reason", "34")
    assert empty.returncode == 1 and "--line needs a line id" in empty.stderr
    assert json.loads(run_cli(home, "shelves", "--json").stdout) == []

    done = run_cli(home, "cancel", ready_id, "--line", second, "--reason", "34", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["kind"] == "cancel_lines" and answer["partial"] is True
    assert answer["lines"] == [second] and answer["stage"] == "ready"
    after = json.loads(run_cli(home, "orders", "show", ready_id, "--json").stdout)
    assert {line["line_id"]: line["line_state"] for line in after["lines"]}[second] == "CANCELED"
    shelves = json.loads(run_cli(home, "shelves", "--json").stdout)
    assert [item["title"] for item in shelves] == ["Le Petit Prince"]
    text = run_cli(home, "orders", "show", ready_id)
    assert f"(line {second})  [canceled]" in text.stdout
    again = run_cli(home, "cancel", ready_id, "--line", second, "--reason", "34")
    assert again.returncode == 1 and "closed already" in again.stderr
