"""Samples the frames a `QVideoSink` receives and decodes them on a worker thread.

At most one frame is being decoded at any time: a frame that arrives meanwhile is dropped, never
queued, so the reader always works on what the camera sees now and the GUI thread only ever
copies a frame handle. The worker turns the frame into grey bytes (`camera_pixels`: the luma
plane straight from YUV camera formats) and hands them to `counter_app.camera.decode`.
Codes come back on the GUI thread; one still in view is let through once (`RepeatFilter`).
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtMultimedia import QVideoFrame, QVideoSink

from counter_app.camera.decode import FrameReader, Reading, RepeatFilter
from counter_app.ui.camera_pixels import grey_from_frame

log = logging.getLogger(__name__)


def start_worker_thread(owner: QObject, worker: QObject, name: str) -> QThread:
    """Move `worker` to a new running thread that ends with `owner` or with the application.

    A QThread destroyed while it runs aborts the process, so the thread is stopped both when
    its owner goes and when the application quits, whichever comes first.
    """
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.start()

    def stop() -> None:
        if thread.isRunning():
            thread.quit()
            thread.wait(3000)

    owner.destroyed.connect(stop)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(stop)
    return thread


@dataclass
class DecodeStats:
    """What the sampler did: for the panel's diagnostics, the tests and the benchmark."""

    frames_seen: int = 0
    frames_decoded: int = 0
    frames_dropped: int = 0
    codes_read: int = 0
    repeats_ignored: int = 0
    decode_ms: list[float] = field(default_factory=list)


class _Worker(QObject):
    """Lives on the decoder thread: one frame in, the readings out."""

    done = Signal(object, float)  # list[Reading], milliseconds

    def __init__(self) -> None:
        super().__init__()
        self.reader = FrameReader()

    @Slot(object)
    def decode(self, frame: QVideoFrame) -> None:
        started = time.perf_counter()
        readings: list[Reading] = []
        try:
            grey = grey_from_frame(frame)
            if grey is not None:
                readings = self.reader.read(grey)
        except Exception:  # a bad frame must never stop the reader
            log.exception("camera frame could not be decoded")
        self.done.emit(readings, (time.perf_counter() - started) * 1000)


class CameraDecoder(QObject):
    """Attach to a sink; `code_read` fires on the GUI thread for each new code in view."""

    code_read = Signal(str)
    frame_decoded = Signal(object)  # list[Reading] of every decoded frame, repeats included
    _submit = Signal(object)

    def __init__(self, parent: QObject | None = None, repeat_window_s: float = 3.0) -> None:
        super().__init__(parent)
        self.repeats = RepeatFilter(repeat_window_s)
        self.stats = DecodeStats()
        self.busy = False
        self.paused = False
        self._worker = _Worker()
        self._submit.connect(self._worker.decode)
        self._worker.done.connect(self._finished)
        self._thread = start_worker_thread(self, self._worker, "camera-decoder")
        self._sinks: list[QVideoSink] = []

    def attach(self, sink: QVideoSink) -> None:
        sink.videoFrameChanged.connect(self.offer)
        self._sinks.append(sink)

    @Slot(QVideoFrame)
    def offer(self, frame: QVideoFrame) -> None:
        """Called for every frame; hands it to the worker only if the worker is idle."""
        self.stats.frames_seen += 1
        if self.paused or not frame.isValid():
            return
        if self.busy:
            self.stats.frames_dropped += 1
            return
        self.busy = True
        # A new handle on the same buffer: the sink may recycle its own once it moves on.
        self._submit.emit(QVideoFrame(frame))

    @Slot(object, float)
    def _finished(self, readings: list[Reading], ms: float) -> None:
        self.busy = False
        self.stats.frames_decoded += 1
        self.stats.decode_ms.append(ms)
        self.frame_decoded.emit(readings)
        for reading in readings:
            if self.repeats.admit(reading.text):
                self.stats.codes_read += 1
                self.code_read.emit(reading.text)
            else:
                self.stats.repeats_ignored += 1

    def shutdown(self) -> None:
        """Stop the worker thread (waits for the frame being decoded, a fraction of a second)."""
        for sink in self._sinks:
            with contextlib.suppress(RuntimeError, TypeError):  # the sink went first
                sink.videoFrameChanged.disconnect(self.offer)
        self._sinks.clear()
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(3000)
