"""Scanner bursts are told from typing wherever the focus is; typing is never lost."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.ui.scanner_filter import SCAN_TARGET_PROPERTY, ScannerFilter
from tests.gui.conftest import scan, type_slowly
from tests.gui.keyboard_wedge import (
    SUFFIXES,
    Stroke,
    person_presses,
    person_types,
    scanner_types,
    strokes_for,
)

Rig = tuple[ScannerFilter, QLineEdit, QLineEdit, list[str]]


@pytest.fixture
def rig(qtbot: Any) -> Iterator[Rig]:
    """Two line edits in a window, the scanner filter installed app-wide."""
    host = QWidget()
    qtbot.addWidget(host)
    first, second = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(host)
    layout.addWidget(first)
    layout.addWidget(second)
    host.show()
    qtbot.waitExposed(host)
    with qtbot.waitActive(host):
        host.activateWindow()
    scanner = ScannerFilter()
    scanner.install()
    seen: list[str] = []
    scanner.scanned.connect(seen.append)
    yield scanner, first, second, seen
    scanner.uninstall()


def test_a_burst_ending_in_enter_is_a_scan_not_field_text(qtbot: Any, rig: Rig) -> None:
    _, field, _, seen = rig
    field.setText("Lefè")
    scan(qtbot, field, "ABCD-EFGH-JKLM")
    assert seen == ["ABCD-EFGH-JKLM"]
    assert field.text() == "Lefè"
    # Two scans in a row never run together.
    scan(qtbot, field, "CC100123-A")
    assert seen == ["ABCD-EFGH-JKLM", "CC100123-A"]


def test_typing_by_hand_reaches_the_field_unchanged(qtbot: Any, rig: Rig) -> None:
    _, field, _, seen = rig
    returned: list[str] = []
    field.returnPressed.connect(lambda: returned.append(field.text()))
    type_slowly(qtbot, field, "Dubois")
    qtbot.keyClick(field, Qt.Key.Key_Return, delay=90)
    assert field.text() == "Dubois"
    assert returned == ["Dubois"]
    assert seen == []


def test_short_fast_keys_are_typing_not_a_scan(qtbot: Any, rig: Rig) -> None:
    _, field, _, seen = rig
    scan(qtbot, field, "ab")  # two quick keys and Enter: a person, not a scanner
    qtbot.wait(80)
    assert seen == []
    assert field.text() == "ab"


def test_fast_keys_without_enter_are_given_back(qtbot: Any, rig: Rig) -> None:
    _, field, _, seen = rig
    qtbot.keyClicks(field, "B12", delay=2)
    qtbot.waitUntil(lambda: field.text() == "B12", timeout=1000)
    assert seen == []


def test_a_field_that_accepts_scans_gets_the_code(qtbot: Any, rig: Rig) -> None:
    _, _, other, seen = rig
    other.setProperty(SCAN_TARGET_PROPERTY, True)
    entered: list[str] = []
    other.returnPressed.connect(lambda: entered.append(other.text()))
    scan(qtbot, other, "SHELF-B3")
    assert other.text() == "SHELF-B3"
    assert entered == ["SHELF-B3"]
    assert seen == []


# ---- what real scanners send (see tests/gui/keyboard_wedge.py) ----------------------------


def test_the_helper_sends_shift_around_each_capital_as_x11_does(qtbot: Any, rig: Rig) -> None:
    _, field, _, _ = rig
    field.setFocus()
    seen = KeyLog()
    QApplication.instance().installEventFilter(seen)
    try:
        scanner_types(qtbot, "Ab12")
    finally:
        QApplication.instance().removeEventFilter(seen)
    presses = [e for e in seen.events if e[0] == "press"]
    assert presses == [
        ("press", Qt.Key.Key_Shift, "", Qt.KeyboardModifier.ShiftModifier),
        ("press", Qt.Key.Key_A, "A", Qt.KeyboardModifier.ShiftModifier),
        ("press", Qt.Key.Key_B, "b", Qt.KeyboardModifier.NoModifier),
        ("press", Qt.Key.Key_1, "1", Qt.KeyboardModifier.NoModifier),
        ("press", Qt.Key.Key_2, "2", Qt.KeyboardModifier.NoModifier),
        ("press", Qt.Key.Key_Return, "\r", Qt.KeyboardModifier.NoModifier),
    ]
    assert ("release", Qt.Key.Key_Shift, "", Qt.KeyboardModifier.NoModifier) in seen.events


@pytest.mark.parametrize(
    ("typed", "options"),
    [
        ("BCDF-GHJK-LNOP", {}),  # Shift around every capital
        ("CC100123-A", {}),
        ("cc100123-a", {"caps_lock": False}),
        ("CC100123-A", {"caps_lock": True}),  # Caps Lock on, capitals without Shift
        ("CC100123-A", {"keypad_digits": True}),  # Num Lock, keypad digits
        ("CMD@0001003", {"altgr": "@"}),  # AltGr held for one character
        ("Cmd_0001003", {}),  # shifted punctuation
    ],
)
def test_modifiers_never_break_a_burst(
    qtbot: Any, rig: Rig, typed: str, options: dict[str, Any]
) -> None:
    _, field, _, seen = rig
    field.setText("Lefè")
    field.setFocus()
    scanner_types(qtbot, typed, **options)
    assert seen == [typed]
    assert field.text() == "Lefè"


@pytest.mark.parametrize("suffix", list(SUFFIXES))
def test_each_suffix_ends_one_scan_and_nothing_of_it_leaks(
    qtbot: Any, rig: Rig, suffix: str
) -> None:
    _, field, other, seen = rig
    field.setText("Dub")
    field.setFocus()
    scanner_types(qtbot, "CC100123-A", suffix)
    scanner_types(qtbot, "BCDF-GHJK-LNOP", suffix)
    qtbot.wait(120)
    assert seen == ["CC100123-A", "BCDF-GHJK-LNOP"]
    assert field.text() == "Dub"
    assert field.hasFocus(), "a Tab suffix must not move the focus"
    assert other.text() == ""
    # The person goes on typing where they were.
    person_types(qtbot, "ois")
    qtbot.waitUntil(lambda: field.text() == "Dubois", timeout=1000)


def test_the_lf_of_cr_lf_never_reaches_a_text_box(qtbot: Any) -> None:
    host = QPlainTextEdit()
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    with qtbot.waitActive(host):
        host.activateWindow()
    host.setFocus()
    scanner = ScannerFilter()
    scanner.install()
    seen: list[str] = []
    scanner.scanned.connect(seen.append)
    try:
        person_types(qtbot, "Sac bleu")
        scanner_types(qtbot, "BCDF-GHJK-LNOP", "crlf")
        qtbot.wait(120)
    finally:
        scanner.uninstall()
    assert seen == ["BCDF-GHJK-LNOP"]
    assert host.toPlainText() == "Sac bleu"


def test_a_person_typing_capitals_and_tab_still_types(qtbot: Any, rig: Rig) -> None:
    _, field, other, seen = rig
    field.setFocus()
    person_types(qtbot, "Martin DUBOIS")
    person_presses(qtbot, Qt.Key.Key_Tab, text="\t")
    qtbot.waitUntil(other.hasFocus, timeout=1000)
    person_types(qtbot, "CC100123-A")
    qtbot.wait(120)
    assert field.text() == "Martin DUBOIS"
    assert other.text() == "CC100123-A"
    assert seen == []


@pytest.mark.parametrize(
    ("prefix", "strokes"),
    [
        ("]Q1", [Stroke(Qt.Key.Key_BracketRight, "]"), *strokes_for("Q1")]),
        # STX, as Ctrl+B: a control character, still the scanner's.
        ("\x02", [Stroke(Qt.Key.Key_B, "\x02", Qt.KeyboardModifier.ControlModifier)]),
    ],
)
def test_the_configured_prefix_is_removed(
    qtbot: Any, rig: Rig, prefix: str, strokes: list[Stroke]
) -> None:
    scanner, field, _, seen = rig
    scanner.prefix = prefix
    field.setFocus()
    scanner_types(qtbot, "BCDF-GHJK-LNOP", prefix=strokes)
    scanner_types(qtbot, "CC100123-A")  # a scanner not set to send it: still a scan
    assert seen == ["BCDF-GHJK-LNOP", "CC100123-A"]
    assert field.text() == ""


@pytest.mark.parametrize("timer_first", [False, True])
def test_a_busy_gui_thread_does_not_cut_a_burst_in_two(
    qtbot: Any, rig: Rig, timer_first: bool
) -> None:
    """Keys keep their device timestamps: a stall in the middle of a burst is not a pause."""
    scanner, field, _, seen = rig
    field.setText("Lefè")
    field.setFocus()
    start = 1_000_000
    keys = [*strokes_for("CC100123-A"), *SUFFIXES["enter"]]

    def event(i: int, stroke: Stroke) -> QKeyEvent:
        ev = QKeyEvent(QEvent.Type.KeyPress, stroke.key, stroke.modifiers, stroke.text)
        ev.setTimestamp(start + 4 * i)
        return ev

    for i, stroke in enumerate(keys[:5]):
        QApplication.sendEvent(field, event(i, stroke))
    time.sleep(0.2)  # the GUI thread is busy; the scanner went on typing meanwhile
    if timer_first:
        # The overdue give-back timer may be dispatched before the queued keys.
        scanner._timer.timeout.emit()
    for i, stroke in enumerate(keys[5:], start=5):
        QApplication.postEvent(field, event(i, stroke))
    qtbot.wait(150)  # the overdue give-back timer and the queued keys, in Qt's order
    assert seen == ["CC100123-A"]
    assert field.text() == "Lefè"


class KeyLog(QObject):
    """Records the key events the focus widget gets: (press|release, key, text, modifiers)."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, Qt.Key, str, Qt.KeyboardModifier]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = {QEvent.Type.KeyPress: "press", QEvent.Type.KeyRelease: "release"}
        if event.type() in kinds and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            self.events.append(
                (kinds[event.type()], Qt.Key(event.key()), event.text(), event.modifiers())
            )
        return False


@pytest.mark.parametrize("suffix", ["enter", "tab", "crlf"])
def test_a_field_that_accepts_scans_gets_the_suffix_once(qtbot: Any, rig: Rig, suffix: str) -> None:
    _, first, other, seen = rig
    other.setProperty(SCAN_TARGET_PROPERTY, True)
    entered: list[str] = []
    other.returnPressed.connect(lambda: entered.append(other.text()))
    other.setFocus()
    scanner_types(qtbot, "SHELF-B3", suffix)
    qtbot.wait(120)
    assert other.text() == "SHELF-B3"
    assert seen == []
    if suffix == "tab":
        assert entered == [] and first.hasFocus()  # Tab moved on, as the scanner meant
    else:
        assert entered == ["SHELF-B3"] and other.hasFocus()


def test_keys_held_for_a_widget_qt_made_are_given_back(qtbot: Any) -> None:
    """The text box of a QInputDialog has no Python owner; typing into it is never lost."""
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    scanner = ScannerFilter()
    scanner.install()
    try:
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit))
        gc.collect()
        person_types(qtbot, "Sac Bleu")
        qtbot.wait(120)
    finally:
        scanner.uninstall()
    assert dialog.textValue() == "Sac Bleu"
