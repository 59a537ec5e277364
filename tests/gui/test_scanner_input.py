"""The counter window fed what a real scanner sends, from every place the focus may be.

Real store, real widgets; the keys go through Qt's window pipeline (shortcuts included) as
X11 delivers them (tests/gui/keyboard_wedge.py). Each test checks the verdict on the band,
that no field got any of the code, and what the store holds after a person confirms: one
scan event per scan, one collection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from counter_app.bootstrap import AppContext
from counter_app.domain.keyboard_layouts import Layout, garble
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.stages import Stage
from counter_app.ui.main_window import MainWindow
from counter_app.ui.verdict_band import Tone
from tests.factories import make_order
from tests.gui.conftest import when_modal
from tests.gui.keyboard_wedge import (
    SUFFIXES,
    person_presses,
    person_types,
    scanner_types,
    strokes_for,
)

Key = Qt.Key


def _ready(ctx: AppContext, customer: str, shelf: str = "B3") -> tuple[str, str]:
    """A ready order: (order id, pickup code as printed, in capitals with hyphens)."""
    order = make_order(state="SHIPPING", customer=customer)
    ctx.repo.upsert_orders([order])
    code = ctx.repo.mark_ready(order.order_id, shelf, "till-1")
    return order.order_id, format_pickup_code(code)


def _collections(ctx: AppContext, order_id: str) -> int:
    return sum(1 for h in ctx.repo.stage_history(order_id) if h.to_stage == Stage.COLLECTED.value)


def _till(make_window: Any) -> MainWindow:
    """The window on its Ready list, as at the till (an empty list is not even shown)."""
    window: MainWindow = make_window()
    window.select_view("ready")
    return window


def _focus(qtbot: Any, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def _detail_button(window: MainWindow) -> QWidget:
    buttons = [b for b in window.detail.findChildren(QPushButton) if b.isVisible()]
    assert buttons, "the detail pane shows no button to focus"
    return buttons[0]


FOCUS: dict[str, Callable[[MainWindow], QWidget]] = {
    "list": lambda w: w.table,
    "search": lambda w: w.search,
    "detail": _detail_button,
    "scan_field": lambda w: w.scan_field,
}


def _fields(window: QWidget) -> dict[str, str]:
    """What every text field under `window` holds."""
    out = {f"{f.objectName()}#{i}": f.text() for i, f in enumerate(window.findChildren(QLineEdit))}
    for i, box in enumerate(window.findChildren(QPlainTextEdit)):
        out[f"{box.objectName()}~{i}"] = box.toPlainText()
    return out


def _closing_on_failure(
    seen: dict[str, Any],
) -> Callable[[Callable[[QWidget], None]], Callable[[QWidget], None]]:
    """Run a dialog step; on failure note why and close the dialog, so exec() returns."""

    def wrap(step: Callable[[QWidget], None]) -> Callable[[QWidget], None]:
        def run(dialog: QWidget) -> None:
            try:
                step(dialog)
            except BaseException as exc:  # reported by the test, after exec() returns
                seen["error"] = repr(exc)
                if dialog.isVisible():
                    dialog.reject()  # type: ignore[attr-defined]

        return run

    return wrap


def _confirm_by_hand(qtbot: Any, window: MainWindow) -> None:
    """A person confirms the hand-over with F4 (works wherever the focus is)."""
    if QGuiApplication.focusWindow() is None:
        # After a dialog, the window manager gives the focus back (offscreen has none).
        with qtbot.waitActive(window):
            window.activateWindow()
    person_presses(qtbot, Key.Key_F4)


@pytest.mark.parametrize("focus", list(FOCUS))
def test_a_code_in_capitals_is_one_scan_wherever_the_focus_is(
    ctx: AppContext, make_window: Any, qtbot: Any, focus: str
) -> None:
    order_id, code = _ready(ctx, "Hugo Martin")
    window = _till(make_window)
    widget = FOCUS[focus](window)
    _focus(qtbot, widget)
    if focus == "search":
        person_types(qtbot, "Hug")  # a person had started a search
    fields = _fields(window)
    scanner_types(qtbot, code)
    qtbot.waitUntil(lambda: window.band.current is not None, timeout=2000)
    assert window.band.current.verdict == "ok"
    assert window.band.tone is Tone.OK
    assert "Hugo Martin" in window.band.details.text()
    assert ctx.repo.count_scan_events() == 1
    expected = dict(fields)
    if focus == "scan_field":
        expected = {k: ("" if k.startswith("scanField") else v) for k, v in fields.items()}
    assert _fields(window) == expected, "none of the code may land in a field"
    assert QApplication.focusWidget() is widget
    _confirm_by_hand(qtbot, window)
    assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED
    assert _collections(ctx, order_id) == 1


@pytest.mark.parametrize("focus", ["list", "search"])
def test_an_order_number_in_capitals_is_looked_up_whole(
    ctx: AppContext, make_window: Any, qtbot: Any, focus: str
) -> None:
    order_id, _ = _ready(ctx, "Léa Roux")
    window = _till(make_window)
    _focus(qtbot, FOCUS[focus](window))
    scanner_types(qtbot, order_id)  # "CC100123-A": Shift around every C and the A
    qtbot.waitUntil(lambda: window.band.current is not None, timeout=2000)
    assert window.band.current.verdict == "needs_check"
    assert window.band.current.order_id == order_id
    assert window.search.text() == ""
    assert ctx.repo.count_scan_events() == 1


@pytest.mark.parametrize(
    ("focus", "suffix"),
    [("search", s) for s in SUFFIXES] + [("list", "tab"), ("list", "crlf")],
)
def test_each_suffix_gives_one_scan_and_confirms_nothing_by_itself(
    ctx: AppContext, make_window: Any, qtbot: Any, focus: str, suffix: str
) -> None:
    order_id, code = _ready(ctx, "Chloé Garnier")
    window = _till(make_window)
    widget = FOCUS[focus](window)
    _focus(qtbot, widget)
    scanner_types(qtbot, code, suffix)
    qtbot.wait(150)  # room for anything the suffix might still do
    assert window.band.current is not None and window.band.current.verdict == "ok"
    assert ctx.repo.count_scan_events() == 1
    # The second key of CR+LF is no Enter from a person: nothing is confirmed yet.
    assert ctx.repo.require_order(order_id).stage is Stage.READY
    assert QApplication.focusWidget() is widget, "a Tab suffix must not move the focus"
    assert window.search.text() == ""
    _confirm_by_hand(qtbot, window)
    assert _collections(ctx, order_id) == 1
    assert ctx.repo.count_scan_events() == 2  # the scan and the hand-over, each audited once


def test_enter_by_a_person_confirms_after_a_cr_lf_scan(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    order_id, code = _ready(ctx, "Noé Lambert")
    window = _till(make_window)
    _focus(qtbot, window.table)
    scanner_types(qtbot, code, "crlf")
    person_presses(qtbot, Key.Key_Return, text="\r")
    assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED
    assert _collections(ctx, order_id) == 1
    assert window.band.headline.text() == "Collected ✔"


def test_a_scan_during_the_note_dialog_is_shown_and_the_note_keeps_only_what_was_typed(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    noted_id, _ = _ready(ctx, "Anne Petit", shelf="A1")
    order_id, code = _ready(ctx, "Inès Bernard")
    window = _till(make_window)
    window.select_view("ready")
    window.show_order(noted_id)
    _focus(qtbot, window.table)
    seen: dict[str, Any] = {}

    @_closing_on_failure(seen)
    def in_dialog(dialog: QWidget) -> None:
        box = dialog.findChild(QPlainTextEdit)
        assert box is not None
        qtbot.waitUntil(box.hasFocus, timeout=2000)
        # Qt made this text box: keep no Python reference to it while typing, as the app
        # has none (a filter holding keys for it must not lose them).
        del box
        person_types(qtbot, "Sac Bleu")
        scanner_types(qtbot, code, "crlf")
        qtbot.wait(150)
        box = dialog.findChild(QPlainTextEdit)
        seen["open"] = dialog.isVisible()
        seen["text"] = box.toPlainText()
        seen["verdict"] = window.band.current.verdict if window.band.current else None
        seen["toast"] = window.toast.isVisible() and window.toast.text()
        buttons = dialog.findChild(QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal(in_dialog)
    person_presses(qtbot, Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "text" in seen or "error" in seen, timeout=5000)
    assert "error" not in seen, seen.get("error")
    assert seen["open"], "the scan must not close or accept the dialog"
    assert seen["text"] == "Sac Bleu"
    assert seen["verdict"] == "ok"
    assert seen["toast"] and "Hand over" in seen["toast"]
    assert ctx.repo.require_order(noted_id).notes.endswith("Sac Bleu")
    assert "\n" not in ctx.repo.require_order(noted_id).notes.strip()
    # Back in the window, the person confirms the scanned customer's order.
    _confirm_by_hand(qtbot, window)
    assert _collections(ctx, order_id) == 1
    assert ctx.repo.require_order(noted_id).stage is Stage.READY
    assert ctx.repo.count_scan_events() == 2  # the scan and the hand-over


def test_a_scan_during_the_ready_dialog_reaches_the_window_and_the_shelf_takes_a_label(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    order_id, code = _ready(ctx, "Inès Bernard")
    preparing = make_order(state="SHIPPING", customer="Paul Girard")
    ctx.repo.upsert_orders([preparing])
    window = _till(make_window)
    window.select_view("to_prepare")
    window.show_order(preparing.order_id)
    _focus(qtbot, window.table)
    seen: dict[str, Any] = {}

    @_closing_on_failure(seen)
    def in_dialog(dialog: QWidget) -> None:
        shelf = dialog.findChild(QLineEdit, "shelfField")
        bags = dialog.findChild(QSpinBox)
        _focus(qtbot, bags)
        scanner_types(qtbot, code)  # the customer's code, while the dialog is open
        qtbot.wait(100)
        seen["verdict"] = window.band.current.verdict if window.band.current else None
        seen["bags"] = bags.value()
        seen["shelf"] = shelf.text()
        seen["open"] = dialog.isVisible()
        _focus(qtbot, shelf)
        scanner_types(qtbot, "SHELF-B4")  # a shelf label's barcode: typed into the field

    when_modal(in_dialog)
    person_presses(qtbot, Key.Key_F3)
    assert "error" not in seen, seen.get("error")
    assert seen == {"verdict": "ok", "bags": 1, "shelf": "", "open": True}
    ready = ctx.repo.require_order(preparing.order_id)
    assert ready.stage is Stage.READY and ready.shelf == "SHELF-B4"
    _confirm_by_hand(qtbot, window)
    assert _collections(ctx, order_id) == 1
    assert ctx.repo.count_scan_events() == 2  # the scan and the hand-over


def test_a_scan_during_set_up_leaves_its_fields_alone(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    order_id, code = _ready(ctx, "Inès Bernard")
    window = _till(make_window)
    dialog = window.open_setup()
    qtbot.waitExposed(dialog)
    dialog.pages.setCurrentWidget(dialog.till.parentWidget())  # the till's page
    _focus(qtbot, dialog.till)
    before = _fields(dialog)
    scanner_types(qtbot, code, "crlf")
    qtbot.wait(150)
    assert dialog.isVisible()
    assert _fields(dialog) == before
    assert window.band.current is not None and window.band.current.verdict == "ok"
    dialog.reject()
    _confirm_by_hand(qtbot, window)
    assert _collections(ctx, order_id) == 1


def test_the_scanner_prefix_setting_is_removed(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    ctx.settings.scanner_prefix = "]Q1"
    order_id, code = _ready(ctx, "Hugo Martin")
    window = _till(make_window)
    _focus(qtbot, window.search)
    prefix = [*strokes_for("]", layout="us"), *strokes_for("Q1")]
    scanner_types(qtbot, code, prefix=prefix)
    qtbot.waitUntil(lambda: window.band.current is not None, timeout=2000)
    assert window.band.current.verdict == "ok"
    assert window.band.current.order_id == order_id
    assert window.search.text() == ""


@pytest.mark.parametrize(("layout", "pc"), [(Layout.FR_AZERTY, "fr"), (Layout.DE_QWERTZ, "de")])
@pytest.mark.parametrize("what", ["pickup_code", "order_number"])
def test_a_us_scanner_on_another_layout_still_finds_the_order(
    ctx: AppContext, make_window: Any, qtbot: Any, layout: Layout, pc: str, what: str
) -> None:
    order_id, code = _ready(ctx, "Jade Lambert")
    window = _till(make_window)
    _focus(qtbot, window.table)
    sent = code if what == "pickup_code" else order_id
    shown = garble(sent, layout)  # what the PC makes of the US key positions
    scanner_types(qtbot, shown, layout=pc)
    qtbot.waitUntil(lambda: window.band.current is not None, timeout=2000)
    assert window.band.current.order_id == order_id
    assert window.band.current.verdict == ("ok" if what == "pickup_code" else "needs_check")
