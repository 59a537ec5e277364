"""Camera-like frames made from our own rendered pickup card and bag slip (Pillow only).

A webcam at the counter sees a phone screen or a paper slip: small, rotated, tilted, blurred,
JPEG-compressed, with a glare spot, sometimes inverted (dark mode) or with moiré from the
screen's pixel grid. Each `Shot` names one such view; `scene()` paints it into a frame of the
asked size, as grey pixels, the way the decoder gets them from the camera.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, replace
from pathlib import Path

import zxingcpp
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps
from PySide6.QtGui import QImage

from counter_app.domain.orders import Order
from counter_app.printing.card import card_document
from counter_app.printing.output import render_images
from counter_app.printing.slip import slip_document


def qimage_to_pil(image: QImage) -> Image.Image:
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())  # type: ignore[call-overload]
    return Image.frombytes(
        "L", (grey.width(), grey.height()), data, "raw", "L", grey.bytesPerLine()
    )


def pil_to_qimage(image: Image.Image) -> QImage:
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


def card_qr(order: Order) -> Image.Image:
    """The QR code of the rendered pickup card with its quiet zone, as a phone shows it."""
    card = qimage_to_pil(render_images(card_document(order))[0])
    (found,) = zxingcpp.read_barcodes(card, formats=zxingcpp.BarcodeFormat.QRCode)
    corners = [found.position.top_left, found.position.bottom_right]
    left, top = min(p.x for p in corners), min(p.y for p in corners)
    right, bottom = max(p.x for p in corners), max(p.y for p in corners)
    margin = (right - left) // 5
    return card.crop((left - margin, top - margin, right + margin, bottom + margin))


def slip_image(order: Order) -> Image.Image:
    """The foot of the bag slip, its Code 128 held up to the camera (with shelf and id)."""
    slip = qimage_to_pil(render_images(slip_document(order))[0])
    (found,) = zxingcpp.read_barcodes(slip, formats=zxingcpp.BarcodeFormat.Code128)
    corners = [found.position.top_left, found.position.bottom_right]
    left, right = min(p.x for p in corners), max(p.x for p in corners)
    margin = (right - left) // 8
    return slip.crop((left - margin, int(slip.height * 0.6), right + margin, slip.height))


@dataclass(frozen=True)
class Shot:
    """One way the camera sees the code; `subject` is "card" (phone) or "slip" (paper)."""

    name: str
    subject: str = "card"
    width_frac: float = 0.45  # width of the code's picture as a share of the frame width
    angle: float = 0.0
    tilt: float = 0.0  # perspective: how much the far edge shrinks (0..0.4)
    blur: float = 0.0
    jpeg: int = 0  # JPEG quality, 0 = none
    invert: bool = False
    glare: float = 0.0  # glare spot radius as a share of the code's picture
    moire: bool = False
    seed: int = 0


def transformed_set() -> list[Shot]:
    """The benchmark's and the tests' views: every transformation alone, then combinations."""
    shots: list[Shot] = []
    for subject in ("card", "slip"):
        base = Shot(name=f"{subject}-plain", subject=subject)
        if subject == "slip":
            base = replace(base, width_frac=0.75)
        shots.append(base)
        for angle in (5, 10, 15, 20, 25, 30, 35, 40, 45):
            shots.append(replace(base, name=f"{subject}-rot{angle}", angle=angle))
            shots.append(replace(base, name=f"{subject}-rot-{angle}", angle=-angle))
        for tilt in (0.1, 0.2, 0.3):
            shots.append(replace(base, name=f"{subject}-tilt{tilt}", tilt=tilt))
        for blur in (1.0, 1.5, 2.0):
            shots.append(replace(base, name=f"{subject}-blur{blur}", blur=blur))
        for quality in (40, 20, 10):
            shots.append(replace(base, name=f"{subject}-jpeg{quality}", jpeg=quality))
        for frac in (0.3, 0.22, 0.16):
            scale = frac if subject == "card" else frac * 2
            shots.append(replace(base, name=f"{subject}-small{frac}", width_frac=scale))
        for glare in (0.2, 0.3):
            shots.append(replace(base, name=f"{subject}-glare{glare}", glare=glare))
        shots.append(replace(base, name=f"{subject}-mixed", angle=20, tilt=0.15, blur=1.0, jpeg=30))
    card = Shot(name="card", subject="card")
    for seed, angle in enumerate((0, 15, 30, 45)):
        shots.append(replace(card, name=f"card-dark-rot{angle}", invert=True, angle=angle))
        shots.append(
            replace(card, name=f"card-moire-rot{angle}", moire=True, angle=angle, seed=seed)
        )
    shots += [
        replace(card, name="card-dark-tilt-blur", invert=True, tilt=0.2, blur=1.5),
        replace(card, name="card-dark-small", invert=True, width_frac=0.22),
        replace(card, name="card-dark-glare", invert=True, glare=0.25, jpeg=30),
        replace(card, name="card-phone-worst", angle=35, tilt=0.2, blur=1.0, jpeg=25, glare=0.2),
        replace(card, name="card-small-rot", width_frac=0.22, angle=30, jpeg=40),
    ]
    return shots


def scene(subject: Image.Image, shot: Shot, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """Paint `subject` as seen in `shot` into a grey frame of `size`."""
    rng = random.Random(shot.seed * 7919 + len(shot.name))
    frame_w, frame_h = size
    picture = subject.convert("L")
    if shot.invert:
        picture = ImageOps.invert(picture)
    if shot.moire:
        picture = _moire(picture)
    target_w = max(24, int(frame_w * shot.width_frac))
    target_h = max(24, int(picture.height * target_w / picture.width))
    if target_h > frame_h * 0.9:
        target_h = int(frame_h * 0.9)
        target_w = int(picture.width * target_h / picture.height)
    picture = picture.resize((target_w, target_h), Image.Resampling.LANCZOS)
    if shot.glare:
        picture = _glare(picture, shot.glare, rng)
    mask = Image.new("L", picture.size, 255)
    if shot.tilt:
        picture, mask = _tilt(picture, mask, shot.tilt)
    if shot.angle:
        picture = picture.rotate(shot.angle, Image.Resampling.BICUBIC, expand=True)
        mask = mask.rotate(shot.angle, Image.Resampling.BICUBIC, expand=True)
    # A desk: mid grey with some texture, darker at the edges like a webcam's vignette.
    background = Image.effect_noise(size, 18).point(lambda v: 70 + v // 3)
    x = (frame_w - picture.width) // 2 + rng.randint(-frame_w // 20, frame_w // 20)
    y = (frame_h - picture.height) // 2 + rng.randint(-frame_h // 20, frame_h // 20)
    background.paste(picture, (x, y), mask)
    frame = background
    # Every camera softens a little, and adds sensor noise.
    frame = frame.filter(ImageFilter.GaussianBlur(0.6 + shot.blur))
    frame = ImageChops.add(frame, Image.effect_noise(size, 6).point(lambda v: v // 16), 1, -8)
    if shot.jpeg:
        out = io.BytesIO()
        frame.save(out, "JPEG", quality=shot.jpeg)
        frame = Image.open(io.BytesIO(out.getvalue())).convert("L")
    return frame


def _tilt(picture: Image.Image, mask: Image.Image, tilt: float) -> tuple[Image.Image, Image.Image]:
    """The far (top) edge narrower than the near one, as a phone tipped back."""
    w, h = picture.size
    inset = w * tilt / 2
    # Destination quad (top narrower); PERSPECTIVE wants the inverse map's coefficients.
    dst = [(inset, 0), (w - inset, 0), (w, h), (0, h)]
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    coeffs = _perspective_coeffs(dst, src)
    warp = Image.Transform.PERSPECTIVE
    return (
        picture.transform((w, h), warp, coeffs, Image.Resampling.BICUBIC, fillcolor=128),
        mask.transform((w, h), warp, coeffs, Image.Resampling.BICUBIC, fillcolor=0),
    )


def _perspective_coeffs(
    dst: list[tuple[float, float]], src: list[tuple[float, float]]
) -> list[float]:
    """Solve the 8 perspective coefficients mapping `dst` points to `src` (Gauss-Jordan)."""
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    n = 8
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        p = rows[col][col]
        rows[col] = [value / p for value in rows[col]]
        for r in range(n):
            if r != col and rows[r][col]:
                f = rows[r][col]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[i][n] for i in range(n)]


def _glare(picture: Image.Image, radius_frac: float, rng: random.Random) -> Image.Image:
    """A bright soft spot, as a ceiling light reflected on a phone screen."""
    w, h = picture.size
    r = int(min(w, h) * radius_frac)
    spot = Image.new("L", (w, h), 0)
    cx = int(w * rng.uniform(0.3, 0.7))
    cy = int(h * rng.uniform(0.3, 0.7))
    ImageDraw.Draw(spot).ellipse((cx - r, cy - r, cx + r, cy + r), fill=200)
    spot = spot.filter(ImageFilter.GaussianBlur(r / 2))
    return ImageChops.add(picture, spot)


def _moire(picture: Image.Image) -> Image.Image:
    """The screen's pixel grid beating with the camera's: faint diagonal bands."""
    w, h = picture.size
    bands = Image.new("L", (w, h))
    period = 7.3
    bands.putdata(
        [
            int(40 * (1 + math.sin((x * 0.8 + y * 0.6) * 2 * math.pi / period)))
            for y in range(h)
            for x in range(w)
        ]
    )
    return ImageChops.subtract(picture, bands.point(lambda v: v // 2))


def write_video(pictures: list[Image.Image], path: Path, fps: int = 10) -> Path:
    """Encode `pictures` as a Motion-JPEG AVI with Qt's own recorder (its FFmpeg back-end).

    No encoder beyond what PySide6 ships: frames go in through `QVideoFrameInput`, each sent
    when the recorder says it is ready for the next.
    """
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtMultimedia import (
        QMediaCaptureSession,
        QMediaFormat,
        QMediaRecorder,
        QVideoFrame,
        QVideoFrameInput,
    )

    session = QMediaCaptureSession()
    frame_input = QVideoFrameInput()
    session.setVideoFrameInput(frame_input)
    recorder = QMediaRecorder()
    session.setRecorder(recorder)
    media_format = QMediaFormat(QMediaFormat.FileFormat.AVI)
    media_format.setVideoCodec(QMediaFormat.VideoCodec.MotionJPEG)
    recorder.setMediaFormat(media_format)
    recorder.setQuality(QMediaRecorder.Quality.VeryHighQuality)
    recorder.setVideoFrameRate(fps)
    width, height = pictures[0].size
    recorder.setVideoResolution(width, height)
    recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
    errors: list[str] = []
    recorder.errorOccurred.connect(lambda _e, text: errors.append(text))
    loop = QEventLoop()
    sent = {"n": 0}
    period_us = 1_000_000 // fps

    def send_next() -> None:
        while sent["n"] < len(pictures):
            i = sent["n"]
            frame = QVideoFrame(pil_to_qimage(pictures[i]))
            frame.setStartTime(i * period_us)
            frame.setEndTime((i + 1) * period_us)
            if not frame_input.sendVideoFrame(frame):
                return  # the recorder is busy: readyToSendVideoFrame calls us again
            sent["n"] += 1
        recorder.stop()

    def state_changed(state: QMediaRecorder.RecorderState) -> None:
        if state is QMediaRecorder.RecorderState.StoppedState:
            loop.quit()

    frame_input.readyToSendVideoFrame.connect(send_next)
    recorder.recorderStateChanged.connect(state_changed)
    recorder.record()
    QTimer.singleShot(0, send_next)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    if errors or not path.exists():
        raise RuntimeError(f"the video could not be written: {errors}")
    return path
