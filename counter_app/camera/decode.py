"""Reads pickup QR codes and bag-slip Code 128s out of one grey camera frame (zxing-cpp).

No Qt here: the camera side hands over the frame's luma bytes. A frame is tried in passes, the
cheap one first, and the first pass that finds a code wins:

1. QR code and Code 128 as zxing-cpp reads them (any rotation for QR, inverted dark-mode screens
   through `try_invert`, 90° turns through `try_rotate`, downscaled copies through
   `try_downscale`), with its default local-average binarizer;
2. Code 128 with a fixed threshold, which survives the blur that smears narrow bars into grey;
3. Code 128 on copies turned by 45° and ±22.5°: zxing-cpp reads linear codes along rows and
   columns only, so a slip held at an angle is turned back for it;
4. Code 128 on the aiming frame's centre enlarged twice, for a slip held far away.

zxing-cpp releases the GIL while it decodes, so a worker thread running this leaves the GUI
thread free.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import zxingcpp
from PIL import Image

_QR = zxingcpp.BarcodeFormat.QRCode
_CODE128 = zxingcpp.BarcodeFormat.Code128
_QR_OR_CODE128 = zxingcpp.BarcodeFormats([_QR, _CODE128])
_CODE128_ONLY = zxingcpp.BarcodeFormats(_CODE128)
_ROTATIONS = (45.0, 22.5, -22.5)
# Share of the frame the aiming box covers (the preview draws the same box).
AIM_FRACTION = 0.6


@dataclass(frozen=True)
class GreyFrame:
    """One frame's grey (luma) pixels, `stride` bytes per row."""

    data: bytes
    width: int
    height: int
    stride: int

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0 or self.stride < self.width:
            raise ValueError(f"bad frame geometry {self.width}x{self.height}/{self.stride}")
        if len(self.data) < self.stride * (self.height - 1) + self.width:
            raise ValueError("frame data shorter than its geometry")

    def image(self) -> Image.Image:
        # frombuffer shares the bytes: no copy of the frame.
        return Image.frombuffer(
            "L", (self.width, self.height), self.data, "raw", "L", self.stride, 1
        )


@dataclass(frozen=True)
class Reading:
    """A code found in a frame: its symbology (`QRCode`, `Code128`), text and which pass."""

    symbology: str
    text: str
    stage: str


def read_frame(frame: GreyFrame) -> list[Reading]:
    """Every code of the first pass that finds one (usually one code); [] if none."""
    return read_image(frame.image())


def read_image(image: Image.Image) -> list[Reading]:
    """As `read_frame`, for a grey Pillow image: every pass, until one finds a code."""
    found = _cheap_passes(image)
    if found:
        return found
    for extra in range(EXTRA_PASSES):
        found = _extra_pass(image, extra)
        if found:
            return found
    return []


# Passes 3 and 4 as separate steps: three turned copies and the enlarged centre.
EXTRA_PASSES = len(_ROTATIONS) + 1
# Above this width the turned copies are made at half size: a slip close enough to read
# still has wide enough bars there, and the turn costs a quarter.
_HALVE_ABOVE = 960


def _cheap_passes(image: Image.Image) -> list[Reading]:
    found = zxingcpp.read_barcodes(image, formats=_QR_OR_CODE128)
    if found:
        return _readings(found, "direct")
    found = _linear(image, binarizer=zxingcpp.Binarizer.FixedThreshold)
    return _readings(found, "fixed-threshold")


def _extra_pass(image: Image.Image, extra: int) -> list[Reading]:
    fixed = zxingcpp.Binarizer.FixedThreshold
    w, h = image.size
    if extra < len(_ROTATIONS):
        angle = _ROTATIONS[extra]
        if w > _HALVE_ABOVE:
            image = image.reduce(2)
        turned = image.rotate(angle, Image.Resampling.BILINEAR, expand=True, fillcolor=128)
        for binarizer in (zxingcpp.Binarizer.LocalAverage, fixed):
            found = _linear(turned, binarizer=binarizer)
            if found:
                return _readings(found, f"turned {angle:g}°")
        return []
    mx, my = int(w * (1 - AIM_FRACTION) / 2), int(h * (1 - AIM_FRACTION) / 2)
    centre = image.crop((mx, my, w - mx, h - my))
    if w <= _HALVE_ABOVE:
        centre = centre.resize((centre.width * 2, centre.height * 2), Image.Resampling.BICUBIC)
    return _readings(_linear(centre, binarizer=fixed), "enlarged centre")


class FrameReader:
    """The camera's reader: the cheap passes on every frame, one of the others in turn.

    A code held up stays in view for many frames, so the costly passes (turned copies for a
    slip at an angle, the enlarged centre) are spread over consecutive frames: each frame
    costs about a third of trying everything, and a slip at 45° is read within four frames.
    """

    def __init__(self) -> None:
        self._turn = 0

    def read(self, frame: GreyFrame) -> list[Reading]:
        image = frame.image()
        found = _cheap_passes(image)
        if found:
            return found
        extra = self._turn % EXTRA_PASSES
        self._turn += 1
        return _extra_pass(image, extra)


def _linear(image: Image.Image, *, binarizer: zxingcpp.Binarizer) -> list[zxingcpp.Barcode]:
    # Slips are printed black on white: no inverted pass for them.
    return zxingcpp.read_barcodes(
        image, formats=_CODE128_ONLY, binarizer=binarizer, try_invert=False
    )


def _readings(found: list[zxingcpp.Barcode], stage: str) -> list[Reading]:
    return [Reading(code.format.name, code.text, stage) for code in found if code.text]


@dataclass
class RepeatFilter:
    """Lets a code through once, then ignores it while it stays in view.

    The camera sees the same phone in every frame for as long as it is held up; only a code
    not seen for `window_s` seconds counts as a new scan. Each sighting extends the window.
    """

    window_s: float = 3.0
    _last_seen: dict[str, float] = field(default_factory=dict)

    def admit(self, text: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        last = self._last_seen.get(text)
        self._last_seen[text] = now
        # Forget old codes so the dictionary stays small during a long day.
        for old in [t for t, seen in self._last_seen.items() if now - seen > self.window_s]:
            del self._last_seen[old]
        return last is None or now - last > self.window_s

    def reset(self) -> None:
        self._last_seen.clear()
