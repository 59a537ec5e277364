"""`counter-app scan` says its verdict in the `language` setting (a real subprocess run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from tests.cli_runner import run_cli
from tests.factories import make_order


def _seed(home: Path, language: str) -> str:
    settings = load_settings(home, environ={}, read_api_key=False)
    settings.paths.ensure()
    settings.language = language
    settings.till_name = "caisse-1"
    settings.save()
    ctx = open_context(settings)
    try:
        ctx.repo.upsert_orders(
            [
                make_order(order_id="72000001-A", customer="Léa Martin"),
                make_order(order_id="72000002-A", state="WAITING_ACCEPTANCE"),
            ]
        )
        return ctx.repo.mark_ready("72000001-A", "B3", "caisse-1", 1)
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("language", "needs_check", "not_ready", "collected"),
    [
        (
            "fr",
            "NEEDS_CHECK: Trouvée par numéro de commande, pas par code de retrait : vérifiez "
            "que le client est bien Léa Martin avant de remettre (3 articles, étagère B3). "
            "Hors ligne : les commandes ont pu changer depuis la dernière synchronisation.",
            "NOT_READY: Pas encore prête (étape : à accepter). Ne pas remettre. Hors ligne",
            "ALREADY_COLLECTED: Déjà retirée le ",
        ),
        (
            "en",
            "NEEDS_CHECK: Found by order number, not by pickup code: check that the customer "
            "is Léa Martin before handing over (3 items, shelf B3). "
            "Offline: orders may have changed since the last sync.",
            "NOT_READY: Not ready yet (stage: to accept). Do not hand over. Offline",
            "ALREADY_COLLECTED: Already collected on ",
        ),
    ],
)
def test_scan_verdicts_follow_the_language_setting(
    tmp_path: Path, language: str, needs_check: str, not_ready: str, collected: str
) -> None:
    code = _seed(tmp_path, language)
    by_number = run_cli(tmp_path, "scan", "72000001-A")
    assert by_number.returncode == 2, by_number.stderr
    assert by_number.stdout.splitlines()[0] == needs_check
    # The lines under the verdict are labelled in the language too, lined up.
    labels = [line.split(":")[0].strip() for line in by_number.stdout.splitlines()[1:]]
    assert labels == (
        ["commande", "marketplace", "client", "articles"]
        if language == "fr"
        else ["order", "marketplace", "customer", "items"]
    )
    assert by_number.stdout.splitlines()[4] == (
        "  articles:    3   sacs: 1   étagère: B3"
        if language == "fr"
        else "  items:       3   bags: 1   shelf: B3"
    )
    waiting = run_cli(tmp_path, "scan", "72000002-A")
    assert waiting.stdout.splitlines()[0].startswith(not_ready)
    assert run_cli(tmp_path, "scan", code, "--confirm").returncode == 0
    # Another till scans the same code: refused, with the moment and the till that collected.
    other = load_settings(tmp_path, environ={}, read_api_key=False)
    other.till_name = "caisse-9"
    other.save()
    again = run_cli(tmp_path, "scan", code)
    assert again.returncode == 2
    first = again.stdout.splitlines()[0]
    assert first.startswith(collected) and "caisse-1" in first
    # The JSON stays English for scripts, with the key to tell verdict messages apart.
    report = json.loads(run_cli(tmp_path, "scan", "72000001-A", "--json").stdout)
    assert report["message_key"] == "verdict.already_collected"
    assert report["message"].startswith("Already collected on ")
