"""The set-up's camera section: which webcam, mirrored preview, and a test that says what it saw.

QtMultimedia is loaded only here and only when the section is built; without it (or without
any camera) the section says so and keeps the remembered choice untouched.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.settings import Settings
from counter_app.ui.camera_hookup import camera_unavailable_message, multimedia_error

TEST_SECONDS = 2.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("CameraSetup", text)


class CameraSettingsBox(QWidget):
    """One set-up row: camera, mirror, test; `values()` gives the choice back for saving.

    The answer of a test (or why there is no camera) shows on a line under the row, only
    when there is something to say: the set-up dialog must fit a 768-pixel-high screen.
    """

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraSettings")
        self.remembered = settings.camera_device
        self.device = QComboBox()
        self.device.setObjectName("cameraDevice")
        self.mirror = QCheckBox(_tr("Mirror"))
        self.mirror.setChecked(settings.camera_mirror)
        self.mirror.setToolTip(_tr("Show the preview mirrored, like a mirror"))
        # Wide enough for "No camera found" in either language; long webcam names elide.
        self.device.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.device.setMinimumContentsLength(16)
        self.test_button = QPushButton(_tr("Test"))
        self.test_button.clicked.connect(self.test_camera)
        self.test_button.setToolTip(_tr("Open the camera for two seconds"))
        for fixed in (self.mirror, self.test_button):
            fixed.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.result = QLabel()
        self.result.setObjectName("cameraTestResult")
        self.result.setWordWrap(True)
        self.result.hide()
        self._source: Any = None
        self._sink: Any = None
        self._frames = 0
        self._size = (0, 0)
        self.unavailable = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(self.device, 1)
        row.addWidget(self.mirror)
        row.addWidget(self.test_button)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self._fill_devices()

    def _fill_devices(self) -> None:
        error = multimedia_error()
        if error:
            self._disable(camera_unavailable_message(error))
            return
        from counter_app.ui.camera_source import camera_devices, device_key, no_camera_message

        devices = camera_devices()
        if not devices:
            self._disable(no_camera_message())
            return
        self.device.addItem(_tr("System default camera"), "")
        for device in devices:
            self.device.addItem(device.description(), device_key(device))
        index = self.device.findData(self.remembered)
        if index < 0 and self.remembered:
            # Remembered but not plugged in now: keep it, say so.
            self.device.addItem(_tr("Camera not connected (%1)").replace("%1", self.remembered))
            self.device.setItemData(self.device.count() - 1, self.remembered)
            index = self.device.count() - 1
        self.device.setCurrentIndex(max(0, index))

    def _disable(self, message: str) -> None:
        self.device.addItem(_tr("No camera found"), self.remembered)
        self.device.setToolTip(message)
        self.device.setEnabled(False)
        self.unavailable = message

    def say(self, text: str) -> None:
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def values(self) -> dict[str, Any]:
        data = self.device.currentData()
        return {
            "camera_device": data if isinstance(data, str) else self.remembered,
            "camera_mirror": self.mirror.isChecked(),
        }

    # ---- test ---------------------------------------------------------------------------
    def test_camera(self) -> None:
        """Open the chosen camera for two seconds and say what came (or why nothing did)."""
        if self.unavailable:
            self.say(self.unavailable)
            return
        from PySide6.QtMultimedia import QVideoSink

        from counter_app.ui.camera_source import CameraSource

        self._stop_test()
        self._frames = 0
        self._sink = QVideoSink(self)
        self._sink.videoFrameChanged.connect(self._frame)
        self._source = CameraSource(self._sink, self)
        self._source.failed.connect(self._failed)
        self.say(_tr("Opening the camera…"))
        if self._source.start(self.values()["camera_device"]):
            self.test_button.setEnabled(False)
            QTimer.singleShot(int(TEST_SECONDS * 1000), self._test_done)

    def _frame(self, frame: Any) -> None:
        self._frames += 1
        self._size = (frame.width(), frame.height())

    def _failed(self, message: str) -> None:
        self.say(message)
        self.test_button.setEnabled(True)

    def _test_done(self) -> None:
        self.test_button.setEnabled(True)
        if self._source is None or not self._source.active:
            return  # failed meanwhile: its message is shown
        if self._frames == 0:
            self.say(_tr("The camera opened but sent no picture. Try another one."))
        else:
            text = _tr("The camera works: %1×%2, %3 pictures per second.")
            fps = round(self._frames / TEST_SECONDS)
            width, height = self._size
            self.say(
                text.replace("%1", str(width)).replace("%2", str(height)).replace("%3", str(fps))
            )
        self._stop_test()

    def _stop_test(self) -> None:
        if self._source is not None:
            self._source.stop()
            self._source = None
