"""A diagnostic log of what the counter window shows, for tests that drive the real window.

Off unless the environment variable `COUNTER_APP_VERDICT_LOG` names a file. Then the window
appends one JSON line per event: `shown` (the window is up), `focus` (which widget has the
keyboard focus and where it is on screen, and the buttons of an open dialog with their
screen positions, so a test can click them), `scanned` (the text of each scanner burst),
`verdict` (each verdict painted on the band) and `quit`. Each line also carries what every
text field of the window and of an open dialog holds, so a test typing from outside
(xdotool under Xvfb, see tests/os_input/) can tell that no scanned character landed in one.
It never holds more than is on screen; the store stays the record of what happened.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

ENV_VERDICT_LOG = "COUNTER_APP_VERDICT_LOG"
log = logging.getLogger(__name__)


def attach_from_environment(window: Any) -> VerdictLog | None:
    """Start the log for `window` when `COUNTER_APP_VERDICT_LOG` is set."""
    path = os.environ.get(ENV_VERDICT_LOG)
    if not path:
        return None
    return VerdictLog(window, Path(path))


class VerdictLog(QObject):
    """Appends the window's verdicts, focus changes and field contents as JSON lines."""

    def __init__(self, window: Any, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        window.verdict_shown.connect(self._verdict)
        window.scanner.scanned.connect(lambda text: self.write("scanned", text=text))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus)
        app.aboutToQuit.connect(lambda: self.write("quit"))
        QTimer.singleShot(0, lambda: self.write("shown"))

    def _verdict(self, display: Any) -> None:
        self.write(
            "verdict",
            verdict=display.verdict,
            tone=display.tone.value,
            order_id=display.order_id,
            headline=display.headline,
            customer=display.customer,
        )

    def _focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            self.write("focus")

    def write(self, event: str, **data: Any) -> None:
        focus = QApplication.focusWidget()
        modal = QApplication.activeModalWidget()
        line = {
            "event": event,
            "at": time.time(),
            **data,
            "focus": _name(focus) if focus is not None else None,
            "focus_rect": _rect(focus) if focus is not None else None,
            "modal": _name(modal) if modal is not None else None,
            "fields": _fields(self.window) | (_fields(modal) if modal is not None else {}),
            "buttons": _buttons(modal) if modal is not None else {},
        }
        try:
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        except OSError as exc:  # a diagnostic must never stop the till
            log.warning("verdict log %s not written: %s", self.path, exc)


def _name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def _rect(widget: QWidget) -> list[int]:
    """The widget's place on screen: x, y, width, height."""
    corner = widget.mapToGlobal(widget.rect().topLeft())
    return [corner.x(), corner.y(), widget.width(), widget.height()]


def _fields(root: QWidget) -> dict[str, str]:
    out: dict[str, str] = {}
    top = _name(root)
    for kind in (QLineEdit, QPlainTextEdit, QSpinBox):
        for i, field in enumerate(root.findChildren(kind)):
            if isinstance(field, QLineEdit) and isinstance(field.parentWidget(), QSpinBox):
                continue  # the spin box's own editor: the spin box says it
            if field.window() is not root:
                continue  # a dialog's field: listed under the dialog
            key = f"{top}/{field.objectName() or kind.__name__ + str(i)}"
            if isinstance(field, QPlainTextEdit):
                out[key] = field.toPlainText()
            elif isinstance(field, QSpinBox):
                out[key] = str(field.value())
            elif isinstance(field, QLineEdit):
                out[key] = field.text()
    return out


def _buttons(root: QWidget) -> dict[str, list[int]]:
    """Visible buttons of a dialog by text (mnemonic & removed), at their centre on screen."""
    out: dict[str, list[int]] = {}
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            centre = button.mapToGlobal(button.rect().center())
            out[button.text().replace("&", "")] = [centre.x(), centre.y()]
    return out
