"""Camera scanning: decode time per frame, read rate over the transformed set, live pipeline.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_camera.py [SECONDS]`.

Figures, each next to its baseline from the same run:
- decode time per 640x480 and 1280x720 frame (p50/p99): the worker's whole job, from a
  camera-format (NV12) `QVideoFrame` to the readings, over the transformed set and over frames
  with no code (what the camera sees most of the day); baseline: zxing-cpp alone on the
  untouched rendered card and slip;
- read rate over the transformed set (rotation 0–45°, perspective, blur, JPEG, inversion,
  small, glare, moiré, combinations) at both sizes; target ≥ 95 % at 640x480;
- the live pipeline: 30 frames per second set on the camera panel's sink for SECONDS (default
  8) with the preview painting each one; decodes per second (target ≥ 10 at 640x480), frames
  dropped, the longest event-loop stall next to the same loop with no camera panel (on a
  machine shared with other work both include the others' load), and the longest single call
  the camera makes on the GUI thread (target ≤ 16 ms).
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import zxingcpp
from PIL import Image
from PySide6.QtCore import QElapsedTimer, QEventLoop, QSize, QTimer
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat
from PySide6.QtWidgets import QApplication

from counter_app.camera.decode import EXTRA_PASSES, FrameReader, read_frame
from counter_app.domain.pickup_code import new_pickup_code, qr_payload
from counter_app.ui.camera_decoder import CameraDecoder
from counter_app.ui.camera_panel import CameraPanel, CameraPreview
from counter_app.ui.camera_pixels import grey_from_frame
from tests.camera_frames import Shot, card_qr, scene, slip_image, transformed_set
from tests.factories import make_order

SIZES = ((640, 480), (1280, 720))
FPS = 30


def nv12_frame(picture: Image.Image) -> QVideoFrame:
    """A frame as a webcam delivers it: NV12, the grey picture as its luma plane."""
    width, height = picture.size
    frame = QVideoFrame(QVideoFrameFormat(QSize(width, height), QVideoFrameFormat.Format_NV12))
    frame.map(QVideoFrame.MapMode.WriteOnly)
    luma = picture.convert("L").tobytes()
    stride = frame.bytesPerLine(0)
    plane = frame.bits(0)
    for y in range(height):
        plane[y * stride : y * stride + width] = luma[y * width : (y + 1) * width]
    chroma = frame.bits(1)
    chroma[:] = b"\x80" * len(chroma)
    frame.unmap()
    return frame


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(label: str, values: list[float]) -> str:
    return f"{label:<46} p50 {pct(values, 0.5):7.1f} ms   p99 {pct(values, 0.99):7.1f} ms"


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 8.0
    app = QApplication.instance() or QApplication(sys.argv)
    order = replace(make_order(order_id="CC510042-A"), pickup_code=new_pickup_code(), shelf="B3")
    subjects = {"card": card_qr(order), "slip": slip_image(order)}
    expected = {"card": qr_payload(order.pickup_code or ""), "slip": order.order_id}
    shots = transformed_set()
    print(f"transformed set: {len(shots)} views of our rendered card (QR) and slip (Code 128)")

    # Baseline: zxing-cpp straight on the untouched renders.
    base_ms = []
    for _ in range(50):
        for kind, picture in subjects.items():
            started = time.perf_counter()
            found = zxingcpp.read_barcodes(picture)
            base_ms.append((time.perf_counter() - started) * 1000)
            assert found and found[0].text == expected[kind]
    print(line("baseline: zxing-cpp on the untouched renders", base_ms))

    results: dict[tuple[int, int], float] = {}
    live_frames: dict[tuple[int, int], list[QVideoFrame]] = {}
    for size in SIZES:
        ms: list[float] = []
        empty_ms: list[float] = []
        misses: list[str] = []
        first_frame = 0
        all_passes = 0
        frames = []
        for shot in shots:
            frame = nv12_frame(scene(subjects[shot.subject], shot, size))
            frames.append(frame)
            # The live reader, shown the same view for up to EXTRA_PASSES frames in a row.
            reader = FrameReader()
            read_at = None
            for attempt in range(EXTRA_PASSES):
                started = time.perf_counter()
                grey = grey_from_frame(frame)
                assert grey is not None
                readings = reader.read(grey)
                ms.append((time.perf_counter() - started) * 1000)
                if any(r.text == expected[shot.subject] for r in readings):
                    read_at = attempt
                    break
            if read_at is None:
                misses.append(shot.name)
            first_frame += read_at == 0
            grey = grey_from_frame(frame)
            assert grey is not None
            all_passes += any(r.text == expected[shot.subject] for r in read_frame(grey))
        nothing = Image.new("L", (8, 8), 90)
        empties = [
            nv12_frame(scene(nothing, Shot(name=f"desk{i}", width_frac=0.02, seed=i), size))
            for i in range(20)
        ]
        reader = FrameReader()
        for frame in empties * 2:
            started = time.perf_counter()
            grey = grey_from_frame(frame)
            assert grey is not None and reader.read(grey) == []
            empty_ms.append((time.perf_counter() - started) * 1000)
        rate = 100 * (len(shots) - len(misses)) / len(shots)
        results[size] = rate
        label = f"{size[0]}x{size[1]}"
        print(line(f"{label} decode per frame, transformed set (NV12 in)", ms))
        print(line(f"{label} decode per frame, no code in view", empty_ms))
        n = len(shots)
        print(
            f"{label} read rate: {rate:.1f} % within {EXTRA_PASSES} frames "
            f"({n - len(misses)}/{n}); {100 * first_frame / n:.1f} % at the first frame; "
            f"{100 * all_passes / n:.1f} % with every pass on one frame"
        )
        if misses:
            print(f"    not read: {', '.join(misses)}")
        # The live run shows the camera a desk most of the time, a code now and then.
        live_frames[size] = [*empties, *frames[:: max(1, len(frames) // 10)]]

    baseline_stall = stall_without_camera(app, seconds / 2)
    print(f"event loop, no camera panel: longest stall {baseline_stall:.1f} ms")
    ok = results[SIZES[0]] >= 95.0
    for size in SIZES:
        decode_rate, dropped, seen, stall, gui = live_run(app, live_frames[size], seconds)
        label = f"{size[0]}x{size[1]}"
        print(
            f"{label} live at {FPS} fps for {seconds:g} s: {decode_rate:.1f} decodes/s, "
            f"{dropped}/{seen} frames dropped, longest event-loop stall {stall:.1f} ms, "
            f"longest GUI-thread call by the camera {gui.longest_ms:.1f} ms ({gui.where}; "
            f"its own CPU time at most {gui.longest_cpu_ms:.1f} ms)"
        )
        if size == SIZES[0]:
            ok = ok and decode_rate >= 10 and gui.longest_ms <= 16
    print(
        "targets (640x480: ≥ 10 decodes/s, ≥ 95 % read, camera's GUI-thread call ≤ 16 ms):",
        "met" if ok else "NOT met",
    )
    return 0


def stall_without_camera(app: QApplication, seconds: float) -> float:
    """The same 30 fps timer and stall probe, without the camera: what the loop does alone."""
    probe = StallProbe()
    ticker = QTimer()
    ticker.setInterval(1000 // FPS)
    ticker.timeout.connect(lambda: None)
    ticker.start()
    run_for(app, seconds)
    ticker.stop()
    return probe.stop()


class GuiTime:
    """Times every call the camera makes on the GUI thread (its slots and the preview paint).

    The event-loop stall also counts whatever else the shared machine does to this process;
    this is the camera's own share, call by call.
    """

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self.where = ""
        self.longest_cpu_ms = 0.0  # the GUI thread's own CPU time in that call
        self._saved: list[tuple[type, str, object]] = []

    def install(self) -> None:
        for cls, name in (
            (CameraDecoder, "offer"),
            (CameraDecoder, "_finished"),
            (CameraPreview, "set_frame"),
            (CameraPreview, "_converted"),
            (CameraPreview, "paintEvent"),
            (CameraPanel, "_picture_arrived"),
        ):
            original = getattr(cls, name)
            self._saved.append((cls, name, original))
            setattr(cls, name, self._timed(original, f"{cls.__name__}.{name}"))

    def _timed(self, fn: Any, label: str) -> Any:
        def timed(*args: Any) -> Any:
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return fn(*args)
            finally:
                ms = (time.perf_counter() - started) * 1000
                if ms > self.longest_ms:
                    self.longest_ms, self.where = ms, label
                self.longest_cpu_ms = max(self.longest_cpu_ms, (time.thread_time() - cpu) * 1000)

        return timed

    def uninstall(self) -> None:
        for cls, name, original in self._saved:
            setattr(cls, name, original)
        self._saved.clear()


def live_run(
    app: QApplication, frames: list[QVideoFrame], seconds: float
) -> tuple[float, int, int, float, GuiTime]:
    gui = GuiTime()
    gui.install()  # before the panel connects its slots
    panel = CameraPanel(start_camera=False)
    panel.resize(420, 560)
    panel.show()
    app.processEvents()
    index = {"i": 0}

    def next_frame() -> None:
        panel.sink.setVideoFrame(frames[index["i"] % len(frames)])
        index["i"] += 1

    ticker = QTimer()
    ticker.setInterval(1000 // FPS)
    ticker.timeout.connect(next_frame)
    probe = StallProbe()
    ticker.start()
    started = time.perf_counter()
    run_for(app, seconds)
    ticker.stop()
    stall = probe.stop()
    while panel.decoder.busy:
        app.processEvents()
    elapsed = time.perf_counter() - started
    stats = panel.decoder.stats
    panel.shutdown()
    panel.close()
    panel.deleteLater()
    gui.uninstall()
    decode_ms = stats.decode_ms
    if decode_ms:
        print(line("    worker decode time during the live run", decode_ms))
        print(f"    mean {statistics.fmean(decode_ms):.1f} ms, preview painted ", end="")
        print(f"{panel.preview.frames_painted} frames")
    return stats.frames_decoded / elapsed, stats.frames_dropped, stats.frames_seen, stall, gui


class StallProbe:
    """A zero-interval timer: the longest gap between two of its calls is the worst stall."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.worst = 0
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        return self.worst / 1e6


def run_for(app: QApplication, seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


if __name__ == "__main__":
    sys.exit(main())
