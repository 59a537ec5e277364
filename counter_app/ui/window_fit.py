"""The window's top row (scan field, camera button, search) and its fit to small screens.

A counter PC may have a 1024x600 screen: long hints give way to short ones rather than being
cut, and the status bar gives its room to the sync state.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from counter_app.ui.status_bar import CounterStatusBar


def _tr(text: str) -> str:
    # The window's context: these texts were the window's before they were split off.
    return QCoreApplication.translate("MainWindow", text)


def scan_hint() -> str:
    return _tr("Scan or type a pickup code / order number")


def search_hint() -> str:
    return _tr("Search: name, order number, e-mail, ISBN (Ctrl+F)")


def fit_placeholders(scan_field: QLineEdit, search: QLineEdit) -> None:
    """The long hint where it fits, else a short one: a hint is never cut off."""
    hints = (
        (scan_field, scan_hint(), _tr("Scan or type a code")),
        (search, search_hint(), _tr("Search (Ctrl+F)")),
    )
    for field, long_hint, short_hint in hints:
        room = field.width() - 28  # the frame, margins and the clear button
        fits = field.fontMetrics().horizontalAdvance(long_hint) <= room
        field.setPlaceholderText(long_hint if fits else short_hint)


def compact_status_bar(status: CounterStatusBar, compact: bool) -> None:
    """Narrower labels and a short sync button on a small screen."""
    status.setStyleSheet("QStatusBar QLabel { padding: 0 3px; }" if compact else "")
    # The till's name is in each collection's history; here the room goes to sync state.
    status.till_label.setVisible(not compact)
    status.set_compact(compact)  # each marketplace's state in fewer words
    status.setSizeGripEnabled(not compact)
    status.updateGeometry()
    status.sync_button.setText(
        status.sync_button.text().split(" (")[0]
        if compact
        else QCoreApplication.translate("StatusBar", "Sync now (F5)")
    )


class ScanRow(QHBoxLayout):
    """The scan field, the camera button, the (order list's) search field and marketplace
    filter, side by side; each field's hint is fitted to its own width. A code typed and
    Entered is `entered`."""

    entered = Signal(str)

    def __init__(self, search: QLineEdit, marketplace_filter: QWidget | None = None) -> None:
        super().__init__()
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(scan_hint())
        self.scan_field.setClearButtonEnabled(True)
        self.search = search
        self.camera_button = QPushButton(_tr("Camera (F6)"))
        self.camera_button.setObjectName("cameraButton")
        self.addWidget(self.scan_field, 1)
        self.addWidget(self.camera_button)
        self.addWidget(search, 1)
        if marketplace_filter is not None:  # hidden with a single marketplace account
            self.addWidget(marketplace_filter)
        for field in (self.scan_field, search):
            field.installEventFilter(self)  # hints are fitted to the fields' own widths
        self.scan_field.returnPressed.connect(self._entered)

    def _entered(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        if text.strip():
            self.entered.emit(text)

    def fit(self) -> None:
        fit_placeholders(self.scan_field, self.search)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched in (self.scan_field, self.search):
            self.fit()
        return super().eventFilter(watched, event)
