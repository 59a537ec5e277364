"""Asks where a prepared order is put (its shelf location) and how many bags it fills."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.ui.scanner_filter import SCAN_TARGET_PROPERTY

MAX_SHELF_LENGTH = 40


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReadyDialog", text)


class ReadyDialog(QDialog):
    """Shelf location (typed, or scanned from a shelf label) and bag count."""

    def __init__(self, customer: str, shelf: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readyDialog")
        self.setWindowTitle(_tr("Mark ready"))
        self.shelf = QLineEdit(shelf)
        self.shelf.setObjectName("shelfField")
        self.shelf.setMaxLength(MAX_SHELF_LENGTH)
        self.shelf.setPlaceholderText(_tr("e.g. B3"))
        # A shelf label may carry a barcode: a scan here fills the field instead of the till.
        self.shelf.setProperty(SCAN_TARGET_PROPERTY, True)
        self.bags = QSpinBox()
        self.bags.setRange(1, 20)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        title = QLabel(_tr("Where is the order of %1?").replace("%1", customer))
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        form = QFormLayout()
        form.addRow(_tr("Shelf location"), self.shelf)
        form.addRow("", self.error)
        form.addRow(_tr("Bags"), self.bags)
        hint = QLabel(_tr("The slip is printed and the customer gets the pickup code."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #455a64;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.shelf.setFocus()

    def accept(self) -> None:
        if not self.shelf.text().strip():
            self.error.setText(_tr("Say where the bag is, so anyone can find it."))
            self.error.show()
            self.shelf.setFocus()
            return
        super().accept()

    @property
    def shelf_value(self) -> str:
        return self.shelf.text().strip().upper()

    @property
    def bag_count(self) -> int:
        return self.bags.value()
