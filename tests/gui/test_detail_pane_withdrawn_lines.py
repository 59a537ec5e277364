"""The detail pane marks a line cancelled, refunded or refused (here or by the marketplace):
its state first (a narrow pane never elides it), in red italics, "not to hand over" in
its tooltip; the other lines as before. In English and French, from a real store for a line
cancelled here; a screenshot kept for a person to look at (COUNTER_SCREENSHOTS=/some/dir)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.bootstrap import AppContext
from counter_app.store.cancellation import cancel_order
from counter_app.ui.detail_pane import DetailPane
from counter_app.ui.i18n import install_translators
from tests.factories import make_order
from tests.gui.conftest import back_to_source_texts

ORDER_ID = "81000042-A"


@pytest.fixture
def translated(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    back_to_source_texts(qapp)


def _pane(qtbot: Any) -> DetailPane:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(420, 700)
    pane.show()
    return pane


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_line_cancelled_here_is_marked_in_the_detail_pane(
    ctx: AppContext, qtbot: Any, translated: QApplication, language: str, tmp_path: Path
) -> None:
    install_translators(translated, language)
    ctx.repo.upsert_orders([make_order(order_id=ORDER_ID)])
    ctx.repo.mark_ready(ORDER_ID, "B3", "till-1", 1)
    first = ctx.repo.require_order(ORDER_ID).lines[0]
    cancel_order(ctx.repo, ORDER_ID, "14", "till-1", line_ids=[first.line_id])
    order = ctx.repo.require_order(ORDER_ID)
    pane = _pane(qtbot)
    pane.show_order(order)
    QApplication.processEvents()
    cancelled, kept = pane.lines.item(0), pane.lines.item(1)
    label = "Annulé" if language == "fr" else "Cancelled"
    assert cancelled.text().startswith(f"{label} · 1 × {first.title}")
    assert cancelled.font().italic()
    assert cancelled.toolTip().endswith(
        "Ne pas remettre." if language == "fr" else "Not to hand over."
    )
    assert not kept.text().startswith(label) and not kept.font().italic()
    assert kept.text().startswith("2 × Le Petit Prince")
    # The label is not elided away at the pane's width: the start of the line is shown.
    shown = pane.lines.fontMetrics().elidedText(
        cancelled.text(),
        pane.lines.textElideMode(),
        pane.lines.visualItemRect(cancelled).width(),
    )
    assert shown.startswith(f"{label} · "), shown
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert pane.grab().save(str(folder / f"detail_line_cancelled_{language}.png"))


@pytest.mark.parametrize(
    ("state", "label"), [("REFUNDED", "Refunded"), ("REFUSED", "Refused"), ("CLOSED", "")]
)
def test_refunded_and_refused_lines_are_marked_a_closed_one_is_not(
    qtbot: Any, translated: QApplication, state: str, label: str
) -> None:
    install_translators(translated, "en")
    order = make_order(order_id=ORDER_ID)
    order.lines[1].line_state = state
    pane = _pane(qtbot)
    pane.show_order(order)
    item = pane.lines.item(1)
    assert item.text().startswith(f"{label} · 2 × " if label else "2 × ")
    assert item.font().italic() is bool(label)
    assert not pane.lines.item(0).font().italic()
