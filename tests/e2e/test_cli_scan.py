"""`counter-app ready | scan | orders` as a subprocess: codes, verdicts, exit codes, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from counter_app.bootstrap import open_context
from counter_app.domain.keyboard_layouts import Layout, garble
from counter_app.domain.pickup_code import format_pickup_code, parse_pickup_code
from counter_app.settings import load_settings
from tests.cli_runner import run_cli
from tests.factories import make_order


def _seed(home: Path) -> None:
    settings = load_settings(home, environ={}, read_api_key=False)
    settings.paths.ensure()
    ctx = open_context(settings)
    try:
        ctx.repo.upsert_orders(
            [
                make_order(order_id="71000001-A", customer="Léa Martin"),
                make_order(order_id="71000002-A", state="WAITING_ACCEPTANCE"),
            ]
        )
    finally:
        ctx.close()


def test_ready_then_scan_confirm_and_rescan(tmp_path: Path) -> None:
    _seed(tmp_path)
    ready = run_cli(tmp_path, "ready", "71000001-A", "--shelf", "B3")
    assert ready.returncode == 0, ready.stderr
    shown = ready.stdout.strip()
    code = parse_pickup_code(shown)
    assert code is not None and shown == format_pickup_code(code)

    listed = json.loads(run_cli(tmp_path, "orders", "list", "--stage", "ready", "--json").stdout)
    assert [o["order_id"] for o in listed] == ["71000001-A"] and listed[0]["shelf"] == "B3"
    shown_order = json.loads(run_cli(tmp_path, "orders", "show", "71000001-A", "--json").stdout)
    assert shown_order["pickup_code"] == code and shown_order["stage"] == "ready"

    # A scanner on a French PC types the code unchanged; the confirm is recorded.
    scanned = run_cli(tmp_path, "scan", garble(shown, Layout.FR_AZERTY), "--confirm", "--json")
    assert scanned.returncode == 0, scanned.stderr
    report = json.loads(scanned.stdout)
    assert report["verdict"] == "ok" and report["order_id"] == "71000001-A"
    assert report["order"]["customer_name"] == "Léa Martin" and report["order"]["shelf"] == "B3"
    assert report["confirmed"] is True and report["offline"] is True  # never synced

    again = run_cli(tmp_path, "scan", code)
    assert again.returncode == 2
    assert again.stdout.startswith("ALREADY_COLLECTED") and "Léa Martin" in again.stdout


def test_scan_exit_codes_for_other_verdicts_and_errors(tmp_path: Path) -> None:
    _seed(tmp_path)
    not_ready = run_cli(tmp_path, "scan", "71000001-A", "--json")
    assert not_ready.returncode == 2
    assert json.loads(not_ready.stdout)["verdict"] == "not_ready"
    garbage = run_cli(tmp_path, "scan", "\x1b[A??", "--json")
    assert garbage.returncode == 2 and json.loads(garbage.stdout)["verdict"] == "invalid"
    refused = run_cli(tmp_path, "ready", "71000002-A")
    assert refused.returncode == 1 and "cannot be marked ready" in refused.stderr
    assert "Traceback" not in refused.stderr
    missing = run_cli(tmp_path, "orders", "show", "00000000-Z")
    assert missing.returncode == 1 and "no order" in missing.stderr
