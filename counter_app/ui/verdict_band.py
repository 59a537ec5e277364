"""The full-width band that answers a scan: colour, customer, items, shelf, message, confirm."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Tone(StrEnum):
    """How a verdict looks and sounds: hand over, check first, do not hand over, or neutral."""

    OK = "ok"
    WARN = "warn"
    BAD = "bad"
    IDLE = "idle"


TONE_COLOURS: dict[Tone, str] = {
    Tone.OK: "#1b873f",
    Tone.WARN: "#c25e00",
    Tone.BAD: "#b3261e",
    Tone.IDLE: "#37474f",
}


def _line_spacing(points: int, bold: bool) -> int:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return QFontMetrics(font).lineSpacing()


class _ResizeAwareLabel(QLabel):
    """A label that calls back when its width changes (to refit its text)."""

    def __init__(self, on_resize: Callable[[], None]) -> None:
        super().__init__()
        self._on_resize = on_resize

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._on_resize()


def _glued(text: str) -> str:
    return text.replace(" ", "\u00a0")


@dataclass
class VerdictDisplay:
    """What the band shows for one scan (built from a scan result by `scan_desk`)."""

    tone: Tone
    headline: str
    customer: str = ""
    item_count: int | None = None
    shelf: str = ""
    bag_count: int = 1
    message: str = ""
    order_id: str | None = None
    # The order's marketplace account (key), and its name when the shop has several.
    marketplace: str | None = None
    marketplace_name: str = ""
    confirmable: bool = False
    verdict: str = ""
    offline: bool = False


class VerdictBand(QFrame):
    """Big, coloured, readable at arm's length; stays until the next scan or a timeout."""

    confirm_requested = Signal(str)
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None, timeout_s: int = 20) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBand")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.current: VerdictDisplay | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.timeout_s = timeout_s

        self.headline = QLabel()
        self.headline.setObjectName("verdictHeadline")
        headline_font = QFont()
        headline_font.setPointSize(30)
        headline_font.setBold(True)
        self.headline.setFont(headline_font)

        self.details = _ResizeAwareLabel(self._fit_details)
        self.details.setObjectName("verdictDetails")
        self.details.setWordWrap(True)  # a long name takes two lines rather than being cut
        details_font = QFont()
        details_font.setPointSize(20)
        details_font.setBold(True)
        self.details.setFont(details_font)

        self.message = QLabel()
        self.message.setObjectName("verdictMessage")
        self.message.setWordWrap(True)
        message_font = QFont()
        message_font.setPointSize(14)
        self.message.setFont(message_font)

        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("verdictConfirm")
        self.confirm_button.setMinimumSize(260, 90)
        button_font = QFont()
        button_font.setPointSize(18)
        button_font.setBold(True)
        self.confirm_button.setFont(button_font)
        self.confirm_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.confirm_button.clicked.connect(self._confirm_clicked)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.headline)
        text.addWidget(self.details)
        text.addWidget(self.message)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addLayout(text, 1)
        layout.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignVCenter)
        # One height for every verdict, so the list below never jumps between scans: a
        # headline, two lines of details and two of message.
        self.setFixedHeight(self.fixed_height())
        self.clear()

    @staticmethod
    def fixed_height() -> int:
        lines = 0
        for size, count, bold in ((30, 1, True), (20, 2, True), (14, 2, False)):
            lines += _line_spacing(size, bold) * count + 4  # a label's own margin
        return lines + 2 * 12 + 2 * 2

    # ---- state --------------------------------------------------------------------------
    def show_verdict(self, display: VerdictDisplay) -> None:
        self.current = display
        tr = QCoreApplication.translate
        self.headline.setText(display.headline)
        parts = []
        if display.customer:
            parts.append(display.customer)
        # Lines break between the parts, never inside "3 items" or "2 BAGS — shelf A1".
        if display.item_count is not None:
            parts.append(_glued(tr("VerdictBand", "%n item(s)", "", display.item_count)))
        if display.bag_count > 1:
            # A second bag left on the shelf is the mistake to prevent: say it in large type.
            bags = _glued(tr("VerdictBand", "%n BAGS", "", display.bag_count))
            if display.shelf:
                shelf = tr("VerdictBand", "shelf %1").replace("%1", display.shelf)
                bags += "\u00a0— " + shelf
            parts.append(bags)
        elif display.shelf:
            parts.append(tr("VerdictBand", "Shelf %1").replace("%1", display.shelf))
        if display.marketplace_name:
            # The same order number may be on two marketplaces: say whose order it is.
            parts.append(_glued(display.marketplace_name))
        self.details.setText("  ·  ".join(parts))
        self.details.setVisible(bool(parts))
        message = display.message
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.confirm_button.setVisible(display.confirmable)
        # On two lines, so the button leaves the details room on a small screen.
        self.confirm_button.setText(tr("VerdictBand", "Hand over ✔  (Enter)").replace("  (", "\n("))
        self._paint(display.tone)
        self._fit_details()
        if self.timeout_s > 0:
            self._timer.start(self.timeout_s * 1000)
        else:
            self._timer.stop()

    def clear(self) -> None:
        """Back to the waiting state, inviting the next scan."""
        self._timer.stop()
        self.current = None
        self.headline.setText(QCoreApplication.translate("VerdictBand", "Scan a pickup code"))
        self.details.setText(
            QCoreApplication.translate(
                "VerdictBand", "QR code on the customer's phone or card, or an order number"
            )
        )
        self.details.setVisible(True)
        self.message.setVisible(False)
        self.confirm_button.setVisible(False)
        self._paint(Tone.IDLE)
        self._fit_details()
        self.cleared.emit()

    # Sizes the details may take, largest first: a long name shrinks them rather than
    # needing a third line in the fixed-height band.
    DETAIL_SIZES = (20, 18, 16, 14)

    def _fit_details(self) -> None:
        if self.current is None:
            self.details.setStyleSheet("")
            return
        width = self.details.width()
        if width <= 0:
            return
        allowed = _line_spacing(20, True) * 2 + 4
        for size in self.DETAIL_SIZES:
            style = f"font-size: {size}pt; font-weight: bold;"
            if self.details.styleSheet() != style:
                self.details.setStyleSheet(style)
                self.details.ensurePolished()
            if self.details.heightForWidth(width) <= allowed:
                return

    @property
    def tone(self) -> Tone:
        return self.current.tone if self.current else Tone.IDLE

    def _paint(self, tone: Tone) -> None:
        colour = TONE_COLOURS[tone]
        self.setProperty("tone", tone.value)
        # Sizes live in the style sheet too: an application style sheet beats setFont().
        if tone == Tone.IDLE:
            # The idle band is quieter so that a real verdict stands out.
            headline, details = "20pt", "13pt; font-weight: normal"
        else:
            headline, details = "30pt", "20pt; font-weight: bold"
        self.setStyleSheet(
            f"#verdictBand {{ background: {colour}; border-radius: 8px; }}"
            f"#verdictBand QLabel {{ color: white; }}"
            f"#verdictHeadline {{ font-size: {headline}; font-weight: bold; }}"
            f"#verdictDetails {{ font-size: {details}; }}"
            f"#verdictMessage {{ font-size: 14pt; }}"
            f"#verdictConfirm {{ background: white; color: {colour}; border-radius: 10px;"
            f" padding: 8px 18px; font-size: 18pt; font-weight: bold; }}"
        )

    def _confirm_clicked(self) -> None:
        if self.current is not None and self.current.confirmable and self.current.order_id:
            self.confirm_requested.emit(self.current.order_id)
