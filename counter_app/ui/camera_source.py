"""Opens the chosen webcam into a `QVideoSink`, with a plain message for every way it can fail.

No camera, no permission (macOS, Windows privacy settings), a camera taken by another program
or unplugged mid-day: each ends in `failed(message)` with words a shop assistant understands,
never an exception. The sink is the one the preview and the decoder listen to, so tests feed
that same sink with frames or a video file instead of a camera.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCameraPermission, QCoreApplication, QObject, Qt, Signal
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoSink,
)

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Camera", text)


def camera_devices() -> list[QCameraDevice]:
    return list(QMediaDevices.videoInputs())


def device_key(device: QCameraDevice) -> str:
    """The id remembered in the settings (stable across restarts for the same webcam)."""
    return bytes(device.id().data()).decode("utf-8", "replace")


def find_device(key: str) -> QCameraDevice | None:
    """The remembered camera if it is plugged in, else the system's default, else None."""
    devices = camera_devices()
    if not devices:
        return None
    for device in devices:
        if key and device_key(device) == key:
            return device
    default = QMediaDevices.defaultVideoInput()
    return default if not default.isNull() else devices[0]


def no_camera_message() -> str:
    return _tr("No camera found on this PC. Plug in a webcam, then open the camera again.")


class CameraSource(QObject):
    """One camera feeding one sink; `start()` again after a failure to retry."""

    started = Signal(str)  # the camera's name
    failed = Signal(str)  # a plain message
    stopped = Signal()

    def __init__(self, sink: QVideoSink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sink = sink
        self.session = QMediaCaptureSession(self)
        self.session.setVideoSink(sink)
        self.camera: QCamera | None = None
        self.device: QCameraDevice | None = None
        self.last_error = ""
        # A webcam unplugged mid-day: said at once, not left as a frozen picture.
        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._inputs_changed)

    @property
    def active(self) -> bool:
        return self.camera is not None and self.camera.isActive()

    def start(self, device_key_: str = "") -> bool:
        """Open the camera; False (and `failed`) when it cannot be opened now."""
        self.stop()
        device = find_device(device_key_)
        if device is None:
            return self._fail(no_camera_message())
        app = QCoreApplication.instance()
        permission = QCameraPermission()
        status = app.checkPermission(permission) if app is not None else None
        if status is Qt.PermissionStatus.Denied:
            return self._fail(
                _tr(
                    "Counter is not allowed to use the camera. Allow it in the system's "
                    "privacy settings (Camera), then open the camera again."
                )
            )
        if status is Qt.PermissionStatus.Undetermined and app is not None:
            # The system asks the user; we come back here with the answer.
            app.requestPermission(permission, self, lambda _p: self._after_permission(device))
            return True
        return self._open(device)

    def _after_permission(self, device: QCameraDevice) -> None:
        app = QCoreApplication.instance()
        if app is not None and app.checkPermission(QCameraPermission()) is not (
            Qt.PermissionStatus.Granted
        ):
            self._fail(_tr("Counter is not allowed to use the camera."))
            return
        self._open(device)

    def _open(self, device: QCameraDevice) -> bool:
        camera = QCamera(device, self)
        camera.errorOccurred.connect(self._camera_error)
        self.session.setCamera(camera)
        self.camera = camera
        self.device = device
        camera.start()
        if camera.error() is not QCamera.Error.NoError:
            return False  # _camera_error has said why
        self.started.emit(device.description())
        return True

    def _inputs_changed(self) -> None:
        if self.camera is None or self.device is None:
            return
        if self.device.id() not in [d.id() for d in camera_devices()]:
            self.stop()
            self._fail(_tr("The camera was unplugged. Plug it in again, then press Try again."))

    def _camera_error(self, _error: QCamera.Error, text: str) -> None:
        log.warning("camera error: %s", text)
        message = _tr("The camera could not be opened (%1). Close any other program using it.")
        self._fail(message.replace("%1", text or _tr("unknown error")))
        self.stop()

    def _fail(self, message: str) -> bool:
        self.last_error = message
        self.failed.emit(message)
        return False

    def stop(self) -> None:
        if self.camera is None:
            return
        camera, self.camera = self.camera, None
        camera.errorOccurred.disconnect(self._camera_error)
        camera.stop()
        self.session.setCamera(None)  # type: ignore[arg-type]
        camera.deleteLater()
        self.stopped.emit()
