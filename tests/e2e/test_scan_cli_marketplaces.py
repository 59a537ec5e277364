"""`counter-app scan` and `print` at a shop on two marketplaces (real subprocesses on a real
store): the marketplace in the text and in --json; a shared order number is ambiguous, naming
both; `print slip|card --marketplace NAME` picks the order."""

from __future__ import annotations

import json
from pathlib import Path

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import open_context
from counter_app.domain.stages import Stage
from counter_app.settings import load_settings
from counter_app.store.outbox import Outbox
from tests.cli_runner import run_cli
from tests.factories import make_order

SAME_ID = "81000001-A"


def _seed(home: Path) -> str:
    """Two accounts in the settings file, order 81000001-A ready on both; Carrefour's code."""
    settings = load_settings(home, environ={}, read_api_key=False)
    settings.paths.ensure()
    settings.language = "en"
    settings.marketplaces = [
        MarketplaceAccount("main", "Intermarché", url="https://intermarche.example"),
        MarketplaceAccount("carrefour", "Carrefour", url="https://carrefour.example"),
    ]
    settings.save()
    ctx = open_context(settings)
    try:
        codes = {}
        for key, customer in (("main", "Léa Martin"), ("carrefour", "Hugo Bernard")):
            repo = ctx.repo.for_marketplace(key)
            repo.upsert_orders([make_order(order_id=SAME_ID, customer=customer)])
            codes[key] = repo.mark_ready(SAME_ID, "B3", "caisse-1")
        return codes["carrefour"]
    finally:
        ctx.close()


def test_scan_cli_names_the_marketplace_and_confirms_the_scanned_one(tmp_path: Path) -> None:
    code = _seed(tmp_path)
    shared = run_cli(tmp_path, "scan", SAME_ID, "--json")
    assert shared.returncode == 2, shared.stderr
    answer = json.loads(shared.stdout)
    assert answer["verdict"] == "ambiguous" and answer["marketplace"] is None
    assert {c["marketplace_name"] for c in answer["candidate_orders"]} == {
        "Intermarché",
        "Carrefour",
    }
    said = run_cli(tmp_path, "scan", SAME_ID)
    assert f"  orders:      {SAME_ID} (Carrefour), {SAME_ID} (Intermarché)" in said.stdout

    text = run_cli(tmp_path, "scan", code)
    assert text.returncode == 0, text.stderr
    assert "  marketplace: Carrefour" in text.stdout.splitlines()
    confirmed = run_cli(tmp_path, "scan", code, "--confirm", "--json")
    assert confirmed.returncode == 0, confirmed.stderr
    answer = json.loads(confirmed.stdout)
    assert answer["confirmed"] and answer["marketplace"] == "carrefour"
    assert answer["marketplace_name"] == "Carrefour"
    assert answer["order"]["marketplace_name"] == "Carrefour"

    settings = load_settings(tmp_path, environ={}, read_api_key=False)
    ctx = open_context(settings)
    try:
        assert ctx.repo.require_order(SAME_ID, "carrefour").stage is Stage.COLLECTED
        assert ctx.repo.require_order(SAME_ID, "main").stage is Stage.READY
        lanes = {
            key: [a.order_id for a in Outbox(ctx.db, key).all() if a.action == "collect"]
            for key in ("main", "carrefour")
        }
        assert lanes == {"main": [], "carrefour": [SAME_ID]}
    finally:
        ctx.close()


def test_print_of_a_shared_order_number_needs_its_marketplace(tmp_path: Path) -> None:
    _seed(tmp_path)
    pdf = tmp_path / "slip.pdf"
    refused = run_cli(tmp_path, "print", "slip", SAME_ID, "--pdf", str(pdf))
    assert refused.returncode == 2 and not pdf.exists()  # a usage error, like argparse's
    assert "2 marketplaces" in refused.stderr and "carrefour" in refused.stderr
    unknown = run_cli(
        tmp_path, "print", "card", SAME_ID, "--marketplace", "Darty", "--pdf", str(pdf)
    )
    assert unknown.returncode == 1 and not pdf.exists()
    assert (
        "no marketplace named 'Darty'" in unknown.stderr
        and "Carrefour (carrefour)" in unknown.stderr
    )
    for kind in ("slip", "card"):
        done = run_cli(
            tmp_path, "print", kind, SAME_ID, "--marketplace", "carrefour", "--pdf", str(pdf)
        )
        assert done.returncode == 0, done.stderr
        assert pdf.stat().st_size > 1000 and "written to" in done.stdout
        pdf.unlink()
