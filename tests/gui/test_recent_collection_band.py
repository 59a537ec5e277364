"""The band for a collection recorded at this till moments ago: orange, "hand over", in French."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.scan import (
    OrderSummary,
    ScanResult,
    Verdict,
    recent_here_message,
    verdict_message,
)
from counter_app.domain.stages import Stage
from counter_app.store.scan_service import ScanService
from counter_app.store.types import utcnow
from counter_app.ui.i18n import install_translators, remove_translators
from counter_app.ui.scan_desk import display_for_result
from counter_app.ui.verdict_band import Tone
from tests.factories import make_order

ORDER = OrderSummary("63000001-A", "C-1", "Chloé Martin", 2, "B3", 1, Stage.COLLECTED)


def _result(recent: bool) -> ScanResult:
    at = utcnow() - timedelta(seconds=40)
    message = (
        recent_here_message(at, utcnow())
        if recent
        else verdict_message(
            Verdict.ALREADY_COLLECTED, order=ORDER, collected_at=at, collected_till="caisse-2"
        )
    )
    return ScanResult(
        verdict=Verdict.ALREADY_COLLECTED,
        text=message,
        offline=False,
        order=ORDER,
        collected_at=at,
        collected_till="caisse-1",
        recorded_here_recently=recent,
    )


def test_recorded_here_is_orange_and_says_hand_over(qapp: QCoreApplication) -> None:
    remove_translators(qapp)  # the source texts
    recent = display_for_result(_result(True))
    assert recent.tone is Tone.WARN and not recent.confirmable
    assert recent.headline == "Recorded here just now"
    assert recent.message.startswith("Recorded here 40 s ago")
    refused = display_for_result(_result(False))
    assert refused.tone is Tone.BAD


def test_recorded_here_in_french(qapp: QCoreApplication) -> None:
    before = QLocale()
    try:
        install_translators(qapp, "fr")
        recent = display_for_result(_result(True))
        assert recent.headline == "Enregistré ici à l’instant"
        assert recent.message.startswith("Enregistré ici il y a 40 s")
        assert "remettez" in recent.message
    finally:
        remove_translators(qapp)  # other tests read the source texts
        QLocale.setDefault(before)


def test_the_window_shows_both_in_place(
    ctx: Any, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    """The real window: the skipped backup in the status bar, the orange band after a restart."""
    from counter_app.ui.app import show_start_warnings

    ctx.repo.upsert_orders([make_order(order_id="64000001-A", customer="Chloé Martin")])
    code = ctx.repo.mark_ready("64000001-A", "B3", ctx.settings.till_name)
    # A window before this one recorded the collection, then died.
    assert ScanService(ctx.repo, ctx.settings).confirm("64000001-A").confirmed
    window = make_window()
    ctx.backup_skipped = True
    ctx.settings.unknown_keys = ["marketplace_ulr"]
    show_start_warnings(window, ctx)
    assert "backup was skipped" in window.start_warning.text()
    assert "(+1)" in window.start_warning.text()
    assert "did you mean “marketplace_url”?" in window.start_warning.toolTip()
    assert window.start_warning.isVisible() and window.status.isVisible()
    window.handle_scan(format_pickup_code(code))
    assert window.band.tone is Tone.WARN
    assert window.band.headline.text() == "Recorded here just now"
    shot = tmp_path / "recorded-here.png"
    window.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
