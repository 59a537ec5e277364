"""Key strokes as a USB barcode scanner in keyboard mode sends them, through Qt's own pipeline.

Each stroke goes to the window that has the keyboard focus (the modal dialog when one is open)
with `QTest.sendKeyEvent` on the QWindow: Qt then sends ShortcutOverride, tries shortcuts and
delivers the key to the focus widget, with a real timestamp, as it does for X11 events. The
sequences copy what xdotool typing under Xvfb gives the app (see tests/os_input/): Shift
pressed and released around each capital (Key_Shift with no text, then the letter with
ShiftModifier and its upper-case text), AltGr as Key_AltGr plus GroupSwitchModifier, keypad
digits with KeypadModifier after a Num Lock press, and the suffixes scanners are set to: Enter,
keypad Enter, Tab, CR+LF (Return then Ctrl+J, whose text is "\\n").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

Key = Qt.Key
Mod = Qt.KeyboardModifier
NO_MOD = Mod.NoModifier

# Characters typed with Shift held, per layout of the PC (besides capital letters): on a
# French AZERTY PC the digits are the shifted ones, and `&é"'(` sit on the unshifted keys.
SHIFTED = {
    "us": '~!@#$%^&*()_+{}|:"<>?',
    "fr": "1234567890°+¨£%µ?./§",
    "de": "!\"§$%&/()=?`*'>;:_",
}


@dataclass(frozen=True)
class Stroke:
    """One key pressed and released, with the modifier keys held around it."""

    key: Key
    text: str
    modifiers: Mod = NO_MOD
    # Modifier keys pressed before and released after (Shift is added by QTest itself).
    held: tuple[Key, ...] = field(default=())


def _qt_key(ch: str) -> Key:
    """The Qt key code X11 reports for the key that types `ch` (letters upper case)."""
    upper = ch.upper()
    code = ord(upper) if len(upper) == 1 else ord(ch)
    try:
        return Key(code)
    except ValueError:
        return Key.Key_unknown


def strokes_for(
    text: str,
    *,
    layout: str = "us",
    keypad_digits: bool = False,
    altgr: str = "",
    caps_lock: bool = False,
) -> list[Stroke]:
    """The strokes that make the PC show `text` (no suffix), under the PC's `layout`.

    `keypad_digits`: digits come from the numeric keypad (Num Lock toggled on first, as
    xdotool does). `altgr`: characters typed with AltGr held. `caps_lock`: the scanner turns
    Caps Lock on for capitals instead of holding Shift (and off again at the end).
    """
    out: list[Stroke] = []
    if keypad_digits:
        out.append(Stroke(Key.Key_NumLock, ""))
    if caps_lock:
        out.append(Stroke(Key.Key_CapsLock, ""))
    for ch in text:
        key = _qt_key(ch)
        if ch in altgr:
            out.append(Stroke(key, ch, Mod.GroupSwitchModifier, held=(Key.Key_AltGr,)))
        elif keypad_digits and ch.isdigit():
            out.append(Stroke(key, ch, Mod.KeypadModifier))
        elif (ch.isupper() and not caps_lock) or ch in SHIFTED[layout]:
            out.append(Stroke(key, ch, Mod.ShiftModifier))
        else:
            out.append(Stroke(key, ch))
    if caps_lock:
        out.append(Stroke(Key.Key_CapsLock, ""))
    if keypad_digits:
        out.append(Stroke(Key.Key_NumLock, ""))
    return out


SUFFIXES: dict[str, list[Stroke]] = {
    "enter": [Stroke(Key.Key_Return, "\r")],
    "keypad_enter": [Stroke(Key.Key_Enter, "\r", Mod.KeypadModifier)],
    "tab": [Stroke(Key.Key_Tab, "\t")],
    # CR+LF: the scanner's CR as Return, its LF as Ctrl+J (X11 gives Ctrl+J the text "\n").
    "crlf": [Stroke(Key.Key_Return, "\r"), Stroke(Key.Key_J, "\n", Mod.ControlModifier)],
    # CR+LF from a scanner without function-key mapping: Ctrl+M then Ctrl+J.
    "ctrl_m_ctrl_j": [
        Stroke(Key.Key_M, "\r", Mod.ControlModifier),
        Stroke(Key.Key_J, "\n", Mod.ControlModifier),
    ],
}


def _window() -> QWindow:
    window = QGuiApplication.focusWindow()
    if window is None:
        # Offscreen, a dialog opened by exec() may not have been given the focus yet.
        widget = QApplication.activeModalWidget() or QApplication.activeWindow()
        window = widget.windowHandle() if widget is not None else None
    assert window is not None, "no window has the keyboard focus"
    return window


def send(qtbot: Any, strokes: list[Stroke], gap_ms: int) -> None:
    """Press and release each stroke, `gap_ms` apart, to whatever window has the focus."""
    for stroke in strokes:
        window = _window()
        for held in stroke.held:
            QTest.sendKeyEvent(QTest.KeyAction.Press, window, held, "", stroke.modifiers)
        QTest.sendKeyEvent(QTest.KeyAction.Press, window, stroke.key, stroke.text, stroke.modifiers)
        QTest.sendKeyEvent(
            QTest.KeyAction.Release, window, stroke.key, stroke.text, stroke.modifiers
        )
        for held in reversed(stroke.held):
            QTest.sendKeyEvent(QTest.KeyAction.Release, window, held, "", NO_MOD)
        qtbot.wait(gap_ms)


def scanner_types(
    qtbot: Any,
    text: str,
    suffix: str = "enter",
    *,
    gap_ms: int = 3,
    prefix: list[Stroke] | None = None,
    **options: Any,
) -> None:
    """A scanner's burst: optional prefix strokes, `text`, then the suffix."""
    send(qtbot, (prefix or []) + strokes_for(text, **options) + SUFFIXES[suffix], gap_ms)


def person_types(qtbot: Any, text: str, *, gap_ms: int = 120) -> None:
    """A person at the keyboard: the same keys (Shift for capitals), a key every 120 ms."""
    send(qtbot, strokes_for(text), gap_ms)


def person_presses(qtbot: Any, key: Key, modifiers: Mod = NO_MOD, text: str = "") -> None:
    """One key pressed by a person, after a human pause."""
    qtbot.wait(150)
    send(qtbot, [Stroke(key, text, modifiers)], 150)
