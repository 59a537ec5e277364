"""In-window notifications: a card at the top right that fades after a few seconds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

_TONE_STYLES = {
    "info": "background: #263238; color: white;",
    "new": "background: #0d47a1; color: white;",
    "warn": "background: #c25e00; color: white;",
    "bad": "background: #b3261e; color: white;",
}


class Toast(QLabel):
    """One message over the window's top-right corner; a new message replaces the old one."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("toast")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMaximumWidth(460)
        self.setMinimumWidth(300)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        # Where the card's top goes in the host; the window puts it below the verdict band,
        # so a new-order card never covers the hand-over button.
        self.top: Callable[[], int] = lambda: 56
        host.installEventFilter(self)
        self.hide()

    def show_message(self, text: str, tone: str = "info", msecs: int = 6000) -> None:
        style = _TONE_STYLES.get(tone, _TONE_STYLES["info"])
        self.setStyleSheet(
            f"#toast {{ {style} border-radius: 8px; padding: 12px 16px; font-size: 13pt; }}"
        )
        self.setText(text)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start(msecs)

    def _place(self) -> None:
        host = self.parentWidget()
        if host is None:
            return
        self.move(host.width() - self.width() - 16, self.top())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
