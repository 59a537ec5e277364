"""Camera scanning end to end, without a camera: frames into the sink the camera would feed.

The frames are our own rendered pickup card and bag slip, put through what a webcam does to a
phone screen or a slip (tests/camera_frames.py), wrapped in `QVideoFrame`s and set on the
panel's `QVideoSink` — the very sink `CameraSource` connects the camera to. A video file made
from such frames is also played through `QMediaPlayer` into it. Every verdict is the window's
own (band, sound, audit row, stored collection). This machine has no camera at all, so the
"no camera" path runs for real.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QMediaDevices,
    QMediaPlayer,
    QVideoFrame,
    QVideoFrameFormat,
)
from PySide6.QtWidgets import QApplication, QPushButton

from counter_app.bootstrap import AppContext
from counter_app.camera.decode import EXTRA_PASSES, read_frame
from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.ui import camera_hookup
from counter_app.ui.app import apply_style
from counter_app.ui.camera_panel import CameraPanel
from counter_app.ui.camera_pixels import grey_from_frame, preview_image
from counter_app.ui.camera_source import no_camera_message
from counter_app.ui.main_window import MainWindow
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.verdict_band import Tone
from tests.camera_frames import (
    Shot,
    card_qr,
    pil_to_qimage,
    scene,
    slip_image,
    transformed_set,
    write_video,
)
from tests.factories import make_order
from tests.gui.conftest import SoundLog

SHOTS = {shot.name: shot for shot in transformed_set()}


def _ready(ctx: AppContext, order_id: str, shelf: str = "B3") -> Order:
    ctx.repo.upsert_orders([make_order(order_id=order_id, customer="Émilie Lefèvre")])
    ctx.repo.mark_ready(order_id, shelf, "till-1")
    return ctx.repo.require_order(order_id)


def _open_panel(window: MainWindow, qtbot: Any) -> CameraPanel:
    qtbot.keyClick(window.table, Qt.Key.Key_F6)
    panel = window.camera_panel
    assert isinstance(panel, CameraPanel) and panel.isVisible()
    return panel


def _feed(panel: CameraPanel, qtbot: Any, picture: Image.Image, times: int = EXTRA_PASSES) -> None:
    """Show `picture` to the camera for `times` frames, each decoded before the next.

    A code stays in view for many frames; four give the reader every one of its passes.
    """
    for _ in range(times):
        panel.sink.setVideoFrame(QVideoFrame(pil_to_qimage(picture)))
        qtbot.waitUntil(lambda: not panel.decoder.busy, timeout=5000)


def test_no_camera_on_this_pc_is_said_plainly_and_f6_toggles(make_window: Any, qtbot: Any) -> None:
    assert QMediaDevices.videoInputs() == []  # the real machine: no webcam
    window = make_window()
    panel = _open_panel(window, qtbot)
    assert panel.status.text() == no_camera_message()
    assert panel.preview.message == no_camera_message()
    assert panel.retry_button.isVisible()
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    assert panel.status.text() == no_camera_message()
    qtbot.keyClick(window.table, Qt.Key.Key_F6)
    assert not panel.isVisible()
    qtbot.mouseClick(window.camera_button, Qt.MouseButton.LeftButton)
    assert panel.isVisible()


def test_missing_video_libraries_give_a_message_not_a_crash(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a PC without libpulse: importing QtMultimedia fails with this very error.
    error = "libpulse.so.0: cannot open shared object file: No such file or directory"
    monkeypatch.setattr(camera_hookup, "multimedia_error", lambda: error)
    window = make_window()
    qtbot.keyClick(window.table, Qt.Key.Key_F6)
    assert window.camera_panel is None
    assert window.toast.isVisible()
    assert "libpulse.so.0" in window.toast.text()


@pytest.mark.parametrize(
    "shot_name",
    [
        "card-plain",
        "card-rot45",
        "card-rot-30",
        "card-tilt0.3",
        "card-blur2.0",
        "card-jpeg10",
        "card-small0.16",
        "card-glare0.3",
        "card-dark-rot30",
        "card-dark-small",
        "card-moire-rot15",
        "card-phone-worst",
    ],
)
def test_phone_screen_frame_hands_over_and_enter_confirms(
    ctx: AppContext, make_window: Any, qtbot: Any, sounds: SoundLog, shot_name: str
) -> None:
    order = _ready(ctx, "CC410001-A")
    window = make_window()
    panel = _open_panel(window, qtbot)
    before = ctx.repo.count_scan_events()

    _feed(panel, qtbot, scene(card_qr(order), SHOTS[shot_name]))

    assert window.band.tone is Tone.OK and window.band.headline.text() == "Hand over"
    assert window.band.current is not None and window.band.current.order_id == order.order_id
    assert sounds.played[-1] == "ok"
    assert ctx.repo.count_scan_events() == before + 1
    assert panel.verdict.text() == "Hand over — Émilie Lefèvre"
    # Enter confirms, as after a scanner burst: the collection is stored.
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    stored = ctx.repo.require_order(order.order_id)
    assert stored.stage is Stage.COLLECTED and stored.collected_at is not None
    assert window.band.headline.text() == "Collected ✔"


@pytest.mark.parametrize("slip_shot", ["slip-rot30", "slip-rot-45", "slip-tilt0.2", "slip-jpeg20"])
def test_bag_slip_after_the_card_says_bag_matches_or_wrong_bag(
    ctx: AppContext, make_window: Any, qtbot: Any, sounds: SoundLog, slip_shot: str
) -> None:
    order = _ready(ctx, "CC410002-A")
    other = _ready(ctx, "CC410003-A", shelf="C1")
    window = make_window()
    panel = _open_panel(window, qtbot)

    _feed(panel, qtbot, scene(card_qr(order), SHOTS["card-rot-15"]))
    assert window.band.tone is Tone.OK
    _feed(panel, qtbot, scene(slip_image(other), SHOTS[slip_shot]))
    assert window.band.headline.text() == "Wrong bag" and window.band.tone is Tone.BAD
    assert sounds.played[-1] == "bad"
    _feed(panel, qtbot, scene(slip_image(order), SHOTS[slip_shot]))
    assert window.band.headline.text() == "Bag matches" and window.band.tone is Tone.OK
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert ctx.repo.require_order(order.order_id).stage is Stage.COLLECTED
    assert ctx.repo.require_order(other.order_id).stage is Stage.READY


def test_a_code_held_in_view_counts_once_then_again_after_the_window(
    ctx: AppContext, make_window: Any, qtbot: Any, sounds: SoundLog
) -> None:
    ctx.settings.confirm_on_scan = True
    order = _ready(ctx, "CC410004-A")
    window = make_window()
    panel = _open_panel(window, qtbot)
    panel.decoder.repeats.window_s = 0.6
    before = ctx.repo.count_scan_events()
    subject = card_qr(order)

    # Ten frames of the same phone, moving a little: one scan, one audit row, collected.
    for angle in range(0, 30, 3):
        _feed(panel, qtbot, scene(subject, replace(SHOTS["card-plain"], angle=angle)), 1)
    assert panel.decoder.stats.codes_read == 1
    assert panel.decoder.stats.repeats_ignored == 9
    assert ctx.repo.count_scan_events() == before + 2  # the scan and its confirmation
    assert ctx.repo.require_order(order.order_id).stage is Stage.COLLECTED
    assert sounds.played.count("ok") == 2

    # Shown again later: a second scan, the same rules as a second scanner burst.
    qtbot.wait(700)
    _feed(panel, qtbot, scene(subject, SHOTS["card-dark-rot15"]))
    assert window.band.headline.text() == "Already collected"
    assert window.band.tone is Tone.BAD
    assert sounds.played[-1] == "bad"


def test_frames_arriving_during_a_decode_are_dropped_not_queued(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    order = _ready(ctx, "CC410005-A")
    window = make_window()
    panel = _open_panel(window, qtbot)
    frames = [
        QVideoFrame(pil_to_qimage(scene(card_qr(order), replace(SHOTS["card-plain"], angle=a))))
        for a in range(0, 45, 5)
    ]
    in_flight = []
    panel.decoder._submit.connect(lambda _f: in_flight.append(panel.decoder.busy))
    for _ in range(5):
        for frame in frames:  # as fast as the camera can deliver: no wait between frames
            panel.sink.setVideoFrame(frame)
    qtbot.waitUntil(lambda: not panel.decoder.busy, timeout=5000)
    stats = panel.decoder.stats
    assert stats.frames_seen == 45
    assert stats.frames_dropped >= 40  # the first decode outlasts the rest of the burst
    assert stats.frames_decoded + stats.frames_dropped == stats.frames_seen
    assert len(in_flight) == stats.frames_decoded
    assert window.band.tone is Tone.OK  # and the one decoded frame still made its scan


def test_video_file_played_into_the_camera_sink_collects_the_order(
    ctx: AppContext,
    make_window: Any,
    qtbot: Any,
    sounds: SoundLog,
    tmp_path: Path,
) -> None:
    ctx.settings.confirm_on_scan = True
    order = _ready(ctx, "CC410006-A")
    # Three seconds at 10 fps: an empty desk, then a phone brought into view and turned.
    subject = card_qr(order)
    empty = Image.new("L", (8, 8), 90)
    pictures = [scene(empty, Shot(name=f"empty{i}", width_frac=0.02, seed=i)) for i in range(8)]
    pictures += [
        scene(subject, replace(SHOTS["card-phone-worst"], angle=40 - 2 * i, seed=i))
        for i in range(22)
    ]
    path = write_video(pictures, tmp_path / "phone.avi", fps=10)
    assert path.stat().st_size > 10_000
    window = make_window()
    panel = _open_panel(window, qtbot)

    player = QMediaPlayer(window)
    player.setVideoSink(panel.sink)
    player.setSource(QUrl.fromLocalFile(str(path)))
    errors: list[str] = []
    player.errorOccurred.connect(lambda _e, text: errors.append(text))
    player.play()
    qtbot.waitUntil(lambda: panel.decoder.stats.codes_read >= 1 or bool(errors), timeout=15000)
    assert errors == []
    assert ctx.repo.require_order(order.order_id).stage is Stage.COLLECTED
    assert sounds.played[:2] == ["ok", "ok"]  # the verdict, then the confirmation
    qtbot.waitUntil(
        lambda: player.mediaStatus() is QMediaPlayer.MediaStatus.EndOfMedia, timeout=15000
    )
    stats = panel.decoder.stats
    # The whole clip went through the sink; the phone, in view for two seconds, scanned once.
    assert stats.frames_seen >= 25 and stats.codes_read == 1
    assert panel.preview.frames_painted > 0


def test_setup_camera_section_without_a_camera_keeps_the_choice_and_saves_the_mirror(
    settings: Settings, qtbot: Any
) -> None:
    settings.camera_device = "usb-046d-0825"  # remembered from the day the webcam was there
    dialog = SetupDialog(settings, printer_names=[])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pages.setCurrentWidget(dialog.camera.parentWidget())  # the till's page
    box = dialog.camera
    assert not box.device.isEnabled() and box.device.currentText() == "No camera found"
    assert box.device.toolTip() == no_camera_message()
    for widget in (box.device, box.mirror, box.test_button):  # nothing cut in the row
        assert widget.width() >= widget.sizeHint().width(), type(widget).__name__
    qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    assert box.result.isVisible() and box.result.text() == no_camera_message()
    box.mirror.setChecked(True)
    dialog.accept()
    saved = dialog.accepted_settings
    assert saved is not None
    assert saved.camera_device == "usb-046d-0825" and saved.camera_mirror is True


def test_saved_mirror_setting_reaches_the_open_panel(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    window = make_window()
    panel = _open_panel(window, qtbot)
    assert panel.preview.mirrored is False
    dialog = window.open_setup()
    dialog.camera.mirror.setChecked(True)
    dialog.accept()
    assert window.settings.camera_mirror is True and panel.preview.mirrored is True


def test_screenshot_of_the_camera_panel_with_a_verdict(
    ctx: AppContext, make_window: Any, qtbot: Any, qapp: QApplication, tmp_path: Path
) -> None:
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    apply_style(qapp)
    try:
        order = _ready(ctx, "CC410007-A", shelf="B12-HAUT")
        window = make_window()
        window.resize(1366, 768)
        panel = _open_panel(window, qtbot)
        _feed(panel, qtbot, scene(card_qr(order), SHOTS["card-dark-rot30"]))
        assert window.band.tone is Tone.OK
        qtbot.waitUntil(lambda: panel.preview.frames_painted > 0, timeout=3000)
        for label in (panel.verdict, panel.status, window.band.headline):
            needed = label.heightForWidth(label.width()) if label.wordWrap() else 0
            assert label.height() >= needed, f"{label.objectName()} cut: {label.text()!r}"
        assert panel.width() >= 300 and window.band.width() > 0.6 * window.width()
        # The docked panel leaves the rest of the window its room: nothing cut there.
        last = window.tabs.tabRect(window.tabs.count() - 1)
        assert last.right() <= window.tabs.width(), "tabs do not all fit beside the camera"
        for button in window.detail.findChildren(QPushButton):
            if button.isVisible():
                assert button.sizeHint().width() <= button.width() + 1, button.text()
        path = folder / "07_camera_panel.png"
        assert window.grab().save(str(path))
        assert path.stat().st_size > 10_000
    finally:
        qapp.setStyleSheet("")


def _yuv_frame(picture: Image.Image, pixel_format: Any) -> QVideoFrame:
    """A frame in a webcam's own format, its luma the grey picture, its chroma neutral."""
    width, height = picture.size
    frame = QVideoFrame(QVideoFrameFormat(QSize(width, height), pixel_format))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    luma = picture.convert("L").tobytes()
    stride = frame.bytesPerLine(0)
    plane = frame.bits(0)
    for y in range(height):
        row = luma[y * width : (y + 1) * width]
        if pixel_format is QVideoFrameFormat.PixelFormat.Format_YUYV:
            packed = bytearray(b"\x80" * (2 * width))
            packed[0::2] = row
            plane[y * stride : y * stride + 2 * width] = bytes(packed)
        else:
            plane[y * stride : y * stride + width] = row
    for p in range(1, frame.planeCount()):
        chroma = frame.bits(p)
        chroma[:] = b"\x80" * len(chroma)
    frame.unmap()
    return frame


@pytest.mark.parametrize(
    "pixel_format",
    [
        QVideoFrameFormat.PixelFormat.Format_NV12,
        QVideoFrameFormat.PixelFormat.Format_YUV420P,
        QVideoFrameFormat.PixelFormat.Format_YUYV,
    ],
)
def test_webcam_pixel_formats_give_the_same_grey_picture(pixel_format: Any) -> None:
    order = replace(make_order(order_id="CC410008-A"), pickup_code="DVRTEHTUCTFD")
    picture = scene(card_qr(order), SHOTS["card-rot-30"])
    grey = grey_from_frame(_yuv_frame(picture, pixel_format))
    assert grey is not None and (grey.width, grey.height) == picture.size
    assert grey.image().tobytes() == picture.tobytes()  # the luma plane, byte for byte
    (reading,) = read_frame(grey)
    assert reading.symbology == "QRCode" and "DVRTEHTUCTFD" in reading.text.replace("-", "")


def test_an_empty_frame_is_skipped_and_the_reader_goes_on(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    first, second = _ready(ctx, "CC410009-A"), _ready(ctx, "CC410010-A", shelf="C2")
    window = make_window()
    panel = _open_panel(window, qtbot)
    _feed(panel, qtbot, scene(card_qr(first), SHOTS["card-plain"]), 1)
    stats = panel.decoder.stats
    decoded = stats.frames_decoded
    panel.sink.setVideoFrame(QVideoFrame())  # an empty frame, as a camera sends on unplugging
    assert stats.frames_seen == 2 and stats.frames_decoded == decoded and not panel.decoder.busy
    window.band.clear()
    _feed(panel, qtbot, scene(card_qr(second), SHOTS["card-plain"]), 1)
    assert window.band.tone is Tone.OK and window.band.current is not None
    assert window.band.current.order_id == second.order_id


def test_a_second_customer_s_code_while_a_verdict_shows_is_a_new_scan(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    # As a second scanner burst: another pickup code is another customer, never a bag check.
    first, second = _ready(ctx, "CC410011-A"), _ready(ctx, "CC410012-A", shelf="D4")
    window = make_window()
    panel = _open_panel(window, qtbot)
    _feed(panel, qtbot, scene(card_qr(first), SHOTS["card-plain"]))
    assert window.band.current is not None and window.band.current.order_id == first.order_id
    _feed(panel, qtbot, scene(card_qr(second), SHOTS["card-dark-rot15"]))
    current = window.band.current
    assert current is not None and current.order_id == second.order_id
    assert window.band.headline.text() == "Hand over" and current.shelf == "D4"
    assert ctx.repo.require_order(first.order_id).stage is Stage.READY


def test_a_camera_read_while_a_dialog_is_open_is_not_lost(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    order = _ready(ctx, "CC410013-A")
    window = make_window()
    panel = _open_panel(window, qtbot)
    dialog = window.open_setup()
    qtbot.waitExposed(dialog)
    assert QApplication.activeModalWidget() is dialog
    _feed(panel, qtbot, scene(card_qr(order), SHOTS["card-tilt0.2"]))
    assert window.band.tone is Tone.OK
    assert window.toast.isVisible() and "Hand over" in window.toast.text()
    assert dialog.isVisible()  # the dialog stays open
    dialog.reject()


def _colour_frame(picture: Image.Image, pixel_format: Any) -> QVideoFrame:
    """A full-range YUV frame of a colour picture (Pillow's YCbCr is full range)."""
    width, height = picture.size
    fmt = QVideoFrameFormat(QSize(width, height), pixel_format)
    fmt.setColorRange(QVideoFrameFormat.ColorRange.ColorRange_Full)
    frame = QVideoFrame(fmt)
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    y, u, v = (c.tobytes() for c in picture.convert("YCbCr").split())
    half_u = picture.convert("YCbCr").split()[1].resize((width // 2, height // 2)).tobytes()
    half_v = picture.convert("YCbCr").split()[2].resize((width // 2, height // 2)).tobytes()
    luma, stride = frame.bits(0), frame.bytesPerLine(0)
    if pixel_format is QVideoFrameFormat.PixelFormat.Format_YUYV:
        for row in range(height):
            packed = bytearray(2 * width)
            packed[0::2] = y[row * width : (row + 1) * width]
            packed[1::4] = u[row * width : (row + 1) * width : 2]
            packed[3::4] = v[row * width : (row + 1) * width : 2]
            luma[row * stride : row * stride + 2 * width] = bytes(packed)
    else:
        for row in range(height):
            luma[row * stride : row * stride + width] = y[row * width : (row + 1) * width]
        hw = width // 2
        if pixel_format is QVideoFrameFormat.PixelFormat.Format_NV12:
            chroma, cstride = frame.bits(1), frame.bytesPerLine(1)
            for row in range(height // 2):
                pairs = bytearray(2 * hw)
                pairs[0::2] = half_u[row * hw : (row + 1) * hw]
                pairs[1::2] = half_v[row * hw : (row + 1) * hw]
                chroma[row * cstride : row * cstride + 2 * hw] = bytes(pairs)
        else:
            for plane, data in ((1, half_u), (2, half_v)):
                bits, cstride = frame.bits(plane), frame.bytesPerLine(plane)
                for row in range(height // 2):
                    bits[row * cstride : row * cstride + hw] = data[row * hw : (row + 1) * hw]
    frame.unmap()
    return frame


@pytest.mark.parametrize(
    "pixel_format",
    [
        QVideoFrameFormat.PixelFormat.Format_NV12,
        QVideoFrameFormat.PixelFormat.Format_YUV420P,
        QVideoFrameFormat.PixelFormat.Format_YUYV,
        QVideoFrameFormat.PixelFormat.Format_BGRX8888,
    ],
)
def test_preview_shows_the_camera_s_colours_at_the_preview_s_size(pixel_format: Any) -> None:
    picture = Image.new("RGB", (640, 480), (200, 30, 30))  # red left half, blue right half
    picture.paste((30, 40, 210), (320, 0, 640, 480))
    if pixel_format is QVideoFrameFormat.PixelFormat.Format_BGRX8888:
        frame = QVideoFrame(pil_to_qimage(picture).convertToFormat(QImage.Format.Format_RGB32))
    else:
        frame = _colour_frame(picture, pixel_format)
    assert frame.pixelFormat() is pixel_format
    image = preview_image(frame, QSize(300, 300))
    assert (image.width(), image.height()) == (300, 225)  # fitted, aspect kept
    left, right = image.pixelColor(40, 110), image.pixelColor(260, 110)
    assert left.red() > 170 and left.blue() < 70, left.name()
    assert right.blue() > 180 and right.red() < 70, right.name()


def test_a_camera_error_is_said_in_plain_words_with_a_retry(make_window: Any, qtbot: Any) -> None:
    # No camera here to fail for real: QCamera's errorOccurred signal is what a busy webcam
    # sends (another program holds it), so the panel's answer to it is checked directly.
    window = make_window()
    panel = _open_panel(window, qtbot)
    panel.retry_button.hide()
    panel.source._camera_error(QCamera.Error.CameraError, "Device or resource busy")
    assert "Device or resource busy" in panel.status.text()
    assert "Close any other program using it" in panel.status.text()
    assert panel.retry_button.isVisible() and not panel.source.active
