"""The camera panel (F6): live preview with an aiming frame, reading codes like a scanner.

Each new code the decoder reads goes to the window's `handle_scan`, the very path of a scanner
burst: same verdicts, bag check, confirmation, audit row, sound and band. The panel docks at the
right of the counter window, so Enter still confirms a good verdict there, and repeats the
band's verdict under the preview for whoever looks at the camera. Without a camera (or without
permission) it says so plainly and stays open for a retry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtMultimedia import QVideoFrame, QVideoSink
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.camera.decode import AIM_FRACTION
from counter_app.ui.camera_decoder import CameraDecoder, start_worker_thread
from counter_app.ui.camera_pixels import preview_image
from counter_app.ui.camera_source import CameraSource
from counter_app.ui.verdict_band import TONE_COLOURS, Tone, VerdictDisplay

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CameraPanel", text)


class _PreviewWorker(QObject):
    """Converts a frame to a picture of the preview's size, away from the GUI thread."""

    done = Signal(QImage)

    @Slot(object, QSize)
    def convert(self, frame: QVideoFrame, size: QSize) -> None:
        try:
            image = preview_image(frame, size)
        except Exception:  # a frame the preview cannot show must not stop the next ones
            log.exception("camera frame could not be shown")
            image = QImage()
        self.done.emit(image)


class CameraPreview(QWidget):
    """Paints the latest frame (mirrored if asked) with the aiming frame on top.

    Frames are converted on a thread of their own and, like the decoder's, dropped while one
    is being converted: the GUI thread only paints a ready picture.
    """

    _convert = Signal(object, QSize)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.setMinimumSize(QSize(280, 210))  # 4:3
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image = QImage()
        self.mirrored = False
        self.message = ""
        self.flash: Tone | None = None
        self.frames_painted = 0
        self._converting = False
        self._worker = _PreviewWorker()
        self._convert.connect(self._worker.convert)
        self._worker.done.connect(self._converted)
        self._thread = start_worker_thread(self, self._worker, "camera-preview")

    @Slot(QVideoFrame)
    def set_frame(self, frame: QVideoFrame) -> None:
        if self._converting or not frame.isValid():
            return
        self._converting = True
        self._convert.emit(QVideoFrame(frame), self.size())

    @Slot(QImage)
    def _converted(self, image: QImage) -> None:
        self._converting = False
        self.image = image
        self.message = ""  # a picture arrived: whatever was said before is over
        self.update()

    def clear(self, message: str = "") -> None:
        self.image = QImage()
        self.message = message
        self.update()

    def shutdown(self) -> None:
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(3000)

    def sizeHint(self) -> QSize:
        return QSize(300, 225)

    def video_rect(self) -> QRectF:
        """Where the picture goes: as large as fits, aspect kept (4:3 until a frame says)."""
        w, h = (self.image.width(), self.image.height()) if not self.image.isNull() else (4, 3)
        scale = min(self.width() / w, self.height() / h)
        vw, vh = w * scale, h * scale
        return QRectF((self.width() - vw) / 2, (self.height() - vh) / 2, vw, vh)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#263238"))
        target = self.video_rect()
        if not self.image.isNull():
            painter.save()
            if self.mirrored:
                painter.translate(target.center().x() * 2, 0)
                painter.scale(-1, 1)
            painter.drawImage(target, self.image)
            painter.restore()
            self.frames_painted += 1
        self._paint_aim(painter, target)
        if self.message:
            painter.setPen(QColor("white"))
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 1.1)
            painter.setFont(font)
            box = target.adjusted(16, 16, -16, -16)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(box, int(flags), self.message)
        painter.end()

    def _paint_aim(self, painter: QPainter, target: QRectF) -> None:
        # The same box the decoder enlarges for far-away slips; corners only, so the code stays
        # visible. Green/red for a moment after a verdict, white otherwise.
        mx = target.width() * (1 - AIM_FRACTION) / 2
        my = target.height() * (1 - AIM_FRACTION) / 2
        aim = target.adjusted(mx, my, -mx, -my)
        colour = QColor(TONE_COLOURS[self.flash]) if self.flash else QColor("white")
        arm = min(aim.width(), aim.height()) * 0.22
        path = QPainterPath()
        for cx, cy, dx, dy in (
            (aim.left(), aim.top(), 1, 1),
            (aim.right(), aim.top(), -1, 1),
            (aim.left(), aim.bottom(), 1, -1),
            (aim.right(), aim.bottom(), -1, -1),
        ):
            path.moveTo(cx + dx * arm, cy)
            path.lineTo(cx, cy)
            path.lineTo(cx, cy + dy * arm)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0, 140), 7))
        painter.drawPath(path)
        painter.setPen(QPen(colour, 4))
        painter.drawPath(path)


class CameraPanel(QDockWidget):
    """The dockable camera view; `scanned(text)` is connected to the window's `handle_scan`."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        device_key: str = "",
        mirrored: bool = False,
        start_camera: bool = True,
        open_setup: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(_tr("Camera"), parent)
        self.setObjectName("cameraPanel")
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.device_key = device_key
        self.start_camera = start_camera
        # The one sink the camera, the preview and the decoder share (tests feed it directly).
        self.sink = QVideoSink(self)
        self.preview = CameraPreview()
        self.preview.mirrored = mirrored
        self.sink.videoFrameChanged.connect(self.preview.set_frame)
        self.sink.videoFrameChanged.connect(self._picture_arrived)
        self.decoder = CameraDecoder(self)
        self.decoder.attach(self.sink)
        self.decoder.code_read.connect(self.scanned)
        self.source = CameraSource(self.sink, self)
        self.source.started.connect(self._camera_started)
        self.source.failed.connect(self._camera_failed)

        self.status = QLabel(_tr("Hold the code inside the frame."))
        self.status.setObjectName("cameraStatus")
        self.status.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("cameraVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setMinimumHeight(56)
        self.verdict.hide()
        self.retry_button = QPushButton(_tr("Try again"))
        self.retry_button.clicked.connect(self.start)
        self.retry_button.hide()
        self.setup_button = QPushButton(_tr("Camera set-up…"))
        self.setup_button.setVisible(open_setup is not None)
        if open_setup is not None:
            self.setup_button.clicked.connect(lambda: open_setup())

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.setup_button)
        layout.addLayout(buttons)
        self.setWidget(body)
        # Narrow enough to leave the order list and detail pane their room on a 1366 screen.
        self.setMinimumWidth(300)
        self.setMaximumWidth(420)
        self.visibilityChanged.connect(self._visibility)

    # ---- camera -------------------------------------------------------------------------
    def start(self) -> None:
        """Open the camera (again); the outcome shows in the preview and the status line."""
        self.retry_button.hide()
        self.decoder.repeats.reset()
        if not self.start_camera:
            return
        self.preview.clear(_tr("Opening the camera…"))
        self.source.start(self.device_key)

    def stop(self) -> None:
        self.source.stop()

    def _visibility(self, visible: bool) -> None:
        # The webcam's light goes off when the panel is closed: the camera is not kept open.
        if visible and not self.source.active:
            self.start()
        elif not visible:
            self.stop()

    def _camera_started(self, name: str) -> None:
        self.preview.message = ""
        self.status.setText(_tr("%1 — hold the code inside the frame.").replace("%1", name))

    def _camera_failed(self, message: str) -> None:
        self.preview.clear(message)
        self.status.setText(message)
        self.retry_button.show()

    def _picture_arrived(self, _frame: QVideoFrame) -> None:
        # Pictures flow again (camera replugged, or a video fed in): the failure is over.
        if self.retry_button.isVisible():
            self.retry_button.hide()
            self.status.setText(_tr("Hold the code inside the frame."))

    def set_mirrored(self, mirrored: bool) -> None:
        self.preview.mirrored = mirrored
        self.preview.update()

    # ---- verdicts -----------------------------------------------------------------------
    def show_verdict(self, display: VerdictDisplay) -> None:
        """Repeat the band's verdict under the preview, in its colour."""
        text = display.headline
        if display.customer:
            text += f" — {display.customer}"
        colour = TONE_COLOURS.get(display.tone, TONE_COLOURS[Tone.IDLE])
        self.verdict.setText(text)
        self.verdict.setStyleSheet(
            f"background: {colour}; color: white; font-size: 15pt; font-weight: bold;"
            " border-radius: 4px; padding: 6px;"
        )
        self.verdict.show()
        self.preview.flash = display.tone if display.tone is not Tone.IDLE else None
        self.preview.update()

    def clear_verdict(self) -> None:
        self.verdict.hide()
        self.preview.flash = None
        self.preview.update()

    def shutdown(self) -> None:
        self.stop()
        self.decoder.shutdown()
        self.preview.shutdown()
