"""The set-up's "Till" page: this till's name, its language, how scans are confirmed and the
camera it scans with."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from counter_app.settings import Settings
from counter_app.ui.camera_setup import CameraSettingsBox
from counter_app.ui.setup_form import FieldErrors, new_form

LANGUAGES = (("system", "System"), ("fr", "Français"), ("en", "English"))
FIELDS = ("till_name",)  # the fields whose message is on this page


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupDialog", text)


class TillPage(QWidget):
    """Till name, language, confirm on scan, how long a verdict stays, the camera."""

    def __init__(self, settings: Settings, errors: FieldErrors) -> None:
        super().__init__()
        self.till = QLineEdit(settings.till_name)
        self.language = QComboBox()
        for code, label in LANGUAGES:
            self.language.addItem(_tr(label) if code == "system" else label, code)
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(0, index))
        self.confirm_on_scan = QCheckBox(_tr("Confirm the hand-over as soon as the code is good"))
        self.confirm_on_scan.setChecked(settings.confirm_on_scan)
        self.verdict_timeout = QSpinBox()
        self.verdict_timeout.setRange(0, 600)
        self.verdict_timeout.setSuffix(" s")
        self.verdict_timeout.setValue(settings.verdict_timeout_seconds)
        self.camera = CameraSettingsBox(settings)

        form = new_form()
        errors.add(form, _tr("Till name"), self.till, "till_name")
        form.addRow(_tr("Language"), self.language)
        form.addRow("", self.confirm_on_scan)
        form.addRow(_tr("Verdict shown for"), self.verdict_timeout)
        form.addRow(_tr("Camera"), self.camera)
        self.setLayout(form)

    @staticmethod
    def title() -> str:
        return _tr("Till")

    def values(self) -> dict[str, Any]:
        return {
            "till_name": self.till.text().strip(),
            "language": self.language.currentData(),
            "confirm_on_scan": self.confirm_on_scan.isChecked(),
            "verdict_timeout_seconds": self.verdict_timeout.value(),
            **self.camera.values(),
        }
