"""Tells a barcode scanner's burst from a person's typing, wherever the keyboard focus is.

A keyboard-wedge scanner types a whole code in a few milliseconds, as a very fast keyboard
would: Shift pressed and released around every capital letter, sometimes AltGr, Ctrl or Num
Lock, keypad digits, then the suffix it is set to (Enter, keypad Enter, Tab, or CR+LF, which
arrives as Return then Ctrl+J or a Linefeed key), maybe after a prefix. Printable keys are held
back for a moment: when they turn out to be such a burst the code is emitted as
`scanned(text)` and no widget ever sees the characters (so a scan never ends up half in the
search box, and the next scan starts clean); otherwise they are replayed, unchanged, to the
widget they were meant for, a few tens of milliseconds late, which nobody notices.

- Modifier keys (Shift, Ctrl, Alt, AltGr, Meta, Caps Lock, Num Lock...) carry no text and
  never break a burst; the text kept is what the keys produced (`QKeyEvent.text()`), so
  capitals, AltGr characters and keypad digits (with `KeypadModifier`) count as typed.
- Gaps are measured on the events' own timestamps when the platform gives them (X11 does):
  a GUI thread busy for a moment in the middle of a burst does not cut it in two.
- After a burst's suffix, further suffix keys within the same gap (the LF of CR+LF, a Tab
  before Enter) are swallowed: they neither reach a field nor start a new burst.
- An optional prefix (`prefix`, the `scanner_prefix` setting) is removed from the code; its
  characters may be control characters (STX), which then also count as burst keys.

A widget that wants raw scans (the shelf field of the "mark ready" dialog) sets the dynamic
property `SCAN_TARGET_PROPERTY` to True and gets the burst typed into it instead, followed by
the first suffix key, as the scanner meant.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

SCAN_TARGET_PROPERTY = "counterAcceptsScan"
_Key = Qt.Key
_Mod = Qt.KeyboardModifier
_ENTER_KEYS = (_Key.Key_Return, _Key.Key_Enter)
_SUFFIX_KEYS = (_Key.Key_Return, _Key.Key_Enter, _Key.Key_Tab)
# What Return / keypad Enter / Ctrl+M, Ctrl+J / Linefeed and Tab / Ctrl+I type.
_SUFFIX_TEXTS = ("\r", "\n", "\t")
# Keys that only change what the next key types: pressed and released around characters.
_MODIFIER_KEYS = frozenset(
    {
        _Key.Key_Shift,
        _Key.Key_Control,
        _Key.Key_Meta,
        _Key.Key_Alt,
        _Key.Key_AltGr,  # ISO_Level3_Shift on X11
        _Key.Key_CapsLock,
        _Key.Key_NumLock,
        _Key.Key_ScrollLock,
        _Key.Key_Super_L,
        _Key.Key_Super_R,
        _Key.Key_Hyper_L,
        _Key.Key_Hyper_R,
        _Key.Key_Mode_switch,
        _Key.Key_Multi_key,
        _Key.Key_unknown,
    }
)


@dataclass
class _HeldKey:
    # The widget itself, not a weak reference: for a widget Qt made (the text box of a
    # QInputDialog) the Python wrapper is a throw-away, and a weak reference to it dies at
    # once, losing the key. Whether the widget itself still exists is asked before use.
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at: _Stamp


@dataclass(frozen=True)
class _Stamp:
    """When a key came: the device's own clock (ms) if the platform says, and ours (ms)."""

    device_ms: int | None
    wall_ms: float

    def gap_to(self, later: _Stamp) -> float:
        if self.device_ms is not None and later.device_ms is not None:
            gap = later.device_ms - self.device_ms
            if 0 <= gap < 60_000:  # a wrapped or reset device clock falls back to ours
                return float(gap)
        return later.wall_ms - self.wall_ms


def _alive(widget: QWidget) -> QWidget | None:
    """The widget, unless Qt has deleted it meanwhile (a dialog closed mid-burst)."""
    return widget if shiboken6.isValid(widget) else None


def _wall_ms() -> float:
    return time.monotonic() * 1000


class ScannerFilter(QObject):
    """App-wide event filter: emits `scanned` for bursts of fast keys ending in a suffix."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        max_gap_ms: int = 50,
        min_length: int = 4,
        prefix: str = "",
    ) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.prefix = prefix
        self._held: list[_HeldKey] = []
        self._replaying = False
        # When the last burst's suffix came: later suffix keys close to it belong to it.
        self._suffix_at: _Stamp | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timer_fired)
        self._timer_due_ms = 0.0
        self._timer_rearmed = False
        # Asked about an Enter that ends no burst (the window confirms a verdict with it);
        # returns True when it used the key.
        self.enter_handler: Callable[[QWidget], bool] | None = None

    @property
    def max_gap(self) -> float:
        """The longest pause between two keys of one burst, in seconds."""
        return self.max_gap_ms / 1000

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._held.clear()
        self._timer.stop()

    # ---- the filter --------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying:
            return False
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        # Key events reach the QWindow first and then the focus widget: act on the widget only.
        if not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False
        if event.key() in _MODIFIER_KEYS and not event.text():
            return False  # Shift, AltGr, Num Lock...: part of any burst, none of our business
        stamp = _Stamp(event.timestamp() or None, _wall_ms())
        if kind == QEvent.Type.ShortcutOverride:
            # Claim keys that belong to a burst so no shortcut (Enter = confirm) steals them.
            if self._is_trailing_suffix(event, stamp) or self._is_burst_key(event, stamp):
                event.accept()
                return True
            if self._is_suffix(event) and self._held:
                event.accept()
                return True
            return False
        return self._key_press(watched, event, stamp)

    def _key_press(self, watched: QWidget, event: QKeyEvent, stamp: _Stamp) -> bool:
        if self._is_trailing_suffix(event, stamp):
            self._suffix_at = stamp  # the LF of CR+LF: swallowed, and a third key may follow
            return True
        self._suffix_at = None
        if self._is_burst_key(event, stamp):
            if self._held and self._held[-1].at.gap_to(stamp) > self.max_gap_ms:
                self.flush()
            self._held.append(
                _HeldKey(watched, event.key(), event.modifiers(), event.text(), stamp)
            )
            self._start_timer()
            return True
        if self._is_suffix(event) and self._held:
            if self._is_scan(stamp):
                return self._finish_burst(event, stamp)
            self.flush()
            return False
        if self._held:
            self.flush()
        if event.key() in _ENTER_KEYS and self.enter_handler is not None:
            # An Enter a field ignores travels on to its parents: ask once, for the field.
            focus = QApplication.focusWidget()
            if focus is None or watched is focus:
                return self.enter_handler(watched)
        return False

    def _finish_burst(self, event: QKeyEvent, stamp: _Stamp) -> bool:
        text = "".join(h.text for h in self._held)
        if self.prefix and text.startswith(self.prefix):
            text = text[len(self.prefix) :]
        target = _alive(self._held[-1].target)
        self._held.clear()
        self._timer.stop()
        self._suffix_at = stamp
        if target is not None and target.property(SCAN_TARGET_PROPERTY):
            # The code, then the suffix key, go to the field as the scanner meant. Our own
            # copy of the suffix: the original, if let through, would come back to this
            # filter as it travels on to the field's parents (an Enter the field ignores
            # goes to the dialog), and would look like the LF of a CR+LF.
            suffix = QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(), event.text())
            self._type_into(target, text, suffix)
            return True
        self.scanned.emit(text)
        return True

    # ---- telling keys apart --------------------------------------------------------------
    def _is_burst_key(self, event: QKeyEvent, stamp: _Stamp) -> bool:
        """A key that types text a code may hold, or the next character of the prefix."""
        if event.isAutoRepeat():
            return False
        text = event.text()
        if not text:
            return False
        if self.prefix and self.prefix.startswith(self._prefix_so_far(stamp) + text):
            return True  # may be a control character (STX): still the scanner's
        if not text.isprintable():
            return False
        modifiers = event.modifiers()
        command = modifiers & (_Mod.ControlModifier | _Mod.AltModifier | _Mod.MetaModifier)
        # Ctrl+Alt together is how Windows reports AltGr: its characters are text.
        altgr = modifiers & _Mod.ControlModifier and modifiers & _Mod.AltModifier
        return not command or bool(altgr)

    def _prefix_so_far(self, stamp: _Stamp) -> str:
        """The text held so far, if this key would continue the same burst."""
        if not self._held or self._held[-1].at.gap_to(stamp) > self.max_gap_ms:
            return ""
        return "".join(h.text for h in self._held)

    @staticmethod
    def _is_suffix(event: QKeyEvent) -> bool:
        if event.key() == _Key.Key_Backtab:
            return False  # Shift+Tab: a person going back a field
        if event.text() in _SUFFIX_TEXTS:
            return True
        plain = not event.modifiers() & ~(_Mod.KeypadModifier | _Mod.GroupSwitchModifier)
        return event.key() in _SUFFIX_KEYS and plain

    def _is_trailing_suffix(self, event: QKeyEvent, stamp: _Stamp) -> bool:
        at = self._suffix_at
        return (
            at is not None
            and not self._held
            and self._is_suffix(event)
            and at.gap_to(stamp) <= self.max_gap_ms
        )

    def _is_scan(self, stamp: _Stamp) -> bool:
        # Held keys are never further apart than max_gap (a longer pause flushes them), so
        # the burst is fast as a whole when its suffix follows quickly too.
        return (
            len(self._held) >= self.min_length
            and self._held[-1].at.gap_to(stamp) <= self.max_gap_ms
        )

    # ---- the give-back timer -----------------------------------------------------------
    def _start_timer(self) -> None:
        delay = self.max_gap_ms + 10
        self._timer_due_ms = _wall_ms() + delay
        self._timer_rearmed = False
        self._timer.start(delay)

    def _timer_fired(self) -> None:
        late = _wall_ms() - self._timer_due_ms
        if late > self.max_gap_ms and not self._timer_rearmed:
            # The GUI thread was busy: the rest of the burst may be queued behind this timer.
            # Let the queued keys in (their own timestamps tell the gaps) before giving back.
            self._timer_rearmed = True
            self._timer.start(self.max_gap_ms)
            return
        self.flush()

    # ---- giving keys back --------------------------------------------------------------
    def flush(self) -> None:
        """Replay held keys to their widgets: they were typed by a person after all."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for h in held:
                target = _alive(h.target)
                if target is None:
                    continue
                press = QKeyEvent(QEvent.Type.KeyPress, h.key, h.modifiers, h.text)
                QCoreApplication.sendEvent(target, press)
        finally:
            self._replaying = False

    def _type_into(self, target: QWidget, text: str, suffix: QKeyEvent) -> None:
        self._replaying = True
        try:
            for ch in text:
                press = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
                QCoreApplication.sendEvent(target, press)
            QCoreApplication.sendEvent(target, suffix)
        finally:
            self._replaying = False

    @property
    def holding(self) -> bool:
        return bool(self._held)
