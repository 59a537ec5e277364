"""Tells a barcode scanner's burst from a person's typing, wherever the keyboard focus is.

A keyboard-wedge scanner types a whole code in a few milliseconds and ends with Enter. Printable
keys are held back for a moment: when they turn out to be such a burst the code is emitted as
`scanned(text)` and no widget ever sees the characters (so a scan never ends up half in the
search box, and the next scan starts clean); otherwise they are replayed, unchanged, to the
widget they were meant for, a few tens of milliseconds late, which nobody notices.

A widget that wants raw scans (the shelf field of the "mark ready" dialog) sets the dynamic
property `SCAN_TARGET_PROPERTY` to True and gets the burst typed into it instead.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

SCAN_TARGET_PROPERTY = "counterAcceptsScan"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier


@dataclass
class _HeldKey:
    target: weakref.ReferenceType[QWidget]
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at: float


class ScannerFilter(QObject):
    """App-wide event filter: emits `scanned` for bursts of fast keys ending in Enter."""

    scanned = Signal(str)

    def __init__(
        self, parent: QObject | None = None, max_gap_ms: int = 50, min_length: int = 4
    ) -> None:
        super().__init__(parent)
        self.max_gap = max_gap_ms / 1000
        self.min_length = min_length
        self._held: list[_HeldKey] = []
        self._burst_ok = True
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        # Asked about an Enter that ends no burst (the window confirms a verdict with it);
        # returns True when it used the key.
        self.enter_handler: Callable[[QWidget], bool] | None = None

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._held.clear()

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
        now = time.monotonic()
        key = event.key()
        printable = self._is_printable(event)
        if kind == QEvent.Type.ShortcutOverride:
            # Claim keys that belong to a burst so no shortcut (Enter = confirm) steals them.
            if printable or (key in _ENTER_KEYS and self._held):
                event.accept()
                return True
            return False
        if printable:
            if self._held and now - self._held[-1].at > self.max_gap:
                self.flush()
            self._held.append(
                _HeldKey(weakref.ref(watched), key, event.modifiers(), event.text(), now)
            )
            self._timer.start(int(self.max_gap * 1000) + 10)
            return True
        if key in _ENTER_KEYS and self._held:
            if self._is_scan(now):
                text = "".join(h.text for h in self._held)
                target = self._held[-1].target()
                self._held.clear()
                self._timer.stop()
                if target is not None and target.property(SCAN_TARGET_PROPERTY):
                    self._type_into(target, text)
                    return False  # the Enter goes on to the field, as the scanner meant
                self.scanned.emit(text)
                return True
            self.flush()
            return False
        if self._held:
            self.flush()
        if key in _ENTER_KEYS and self.enter_handler is not None:
            # An Enter a field ignores travels on to its parents: ask once, for the field.
            focus = QApplication.focusWidget()
            if focus is None or watched is focus:
                return self.enter_handler(watched)
        return False

    def _is_printable(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat() or event.modifiers() & _COMMAND_MODIFIERS:
            return False
        text = event.text()
        return len(text) == 1 and text.isprintable()

    def _is_scan(self, now: float) -> bool:
        # Held keys are never further apart than max_gap (a longer pause flushes them), so
        # the burst is fast as a whole when its Enter follows quickly too.
        return len(self._held) >= self.min_length and now - self._held[-1].at <= self.max_gap

    # ---- giving keys back --------------------------------------------------------------
    def flush(self) -> None:
        """Replay held keys to their widgets: they were typed by a person after all."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for h in held:
                target = h.target()
                if target is None:
                    continue
                press = QKeyEvent(QEvent.Type.KeyPress, h.key, h.modifiers, h.text)
                QCoreApplication.sendEvent(target, press)
        finally:
            self._replaying = False

    def _type_into(self, target: QWidget, text: str) -> None:
        self._replaying = True
        try:
            for ch in text:
                press = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
                QCoreApplication.sendEvent(target, press)
        finally:
            self._replaying = False

    @property
    def holding(self) -> bool:
        return bool(self._held)
