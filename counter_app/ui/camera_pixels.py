"""Camera frames to pixels for the decoder (grey) and the preview (small RGB), via Pillow.

Both run on worker threads. Qt's own conversions (`QVideoFrame.toImage`, `QImage.scaled`,
`convertToFormat`) keep Python's GIL for their whole run, which would stall the GUI thread
for as long; Pillow's release it. So the frame's planes are copied out once (a memcpy) and
everything else is Pillow: the luma plane is the grey picture as it is, colour comes from
merging the planes as YCbCr, already reduced to the preview's size. Formats Pillow cannot
take fall back to Qt's conversion.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

from counter_app.camera.decode import GreyFrame

_PF = QVideoFrameFormat.PixelFormat
# Planar 4:2:0 with the chroma planes in this order (plane index of U, of V).
_PLANAR_420 = {_PF.Format_YUV420P: (1, 2), _PF.Format_YV12: (2, 1)}
# Semi-planar 4:2:0: one interleaved chroma plane, U first (NV12) or V first (NV21).
_SEMI_PLANAR_420 = {_PF.Format_NV12: False, _PF.Format_NV21: True}
_LUMA_ONLY = {_PF.Format_Y8, _PF.Format_YUV422P, _PF.Format_IMC1, _PF.Format_IMC3}
# Packed 4:2:2, two pixels in four bytes: YUYV = Y0 U Y1 V, UYVY = U Y0 V Y1.
_PACKED_422 = {_PF.Format_YUYV: False, _PF.Format_UYVY: True}
# 32-bit RGB formats, as Pillow's raw modes name their byte order.
_RGB32_RAW = {
    _PF.Format_BGRX8888: "BGRX",
    _PF.Format_BGRA8888: "BGRA",
    _PF.Format_BGRA8888_Premultiplied: "BGRA",
    _PF.Format_RGBX8888: "RGBX",
    _PF.Format_RGBA8888: "RGBA",
    _PF.Format_XRGB8888: "XRGB",
    _PF.Format_ARGB8888: "ARGB",
    _PF.Format_ARGB8888_Premultiplied: "ARGB",
    _PF.Format_XBGR8888: "XBGR",
    _PF.Format_ABGR8888: "ABGR",
}


@dataclass(frozen=True)
class Planes:
    """A frame's bytes, copied out of the mapped buffer: (data, bytes per line) per plane."""

    pixel_format: QVideoFrameFormat.PixelFormat
    width: int
    height: int
    planes: list[tuple[bytes, int]]
    video_range: bool  # luma in 16..235 (camera default) rather than 0..255

    def plane(self, index: int, mode: str, size: tuple[int, int], raw: str = "") -> Image.Image:
        data, stride = self.planes[index]
        return Image.frombuffer(mode, size, data, "raw", raw or mode, stride, 1)


def copy_planes(frame: QVideoFrame) -> Planes | None:
    if not frame.isValid():
        return None
    copy = QVideoFrame(frame)
    if not copy.map(QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        planes = [(bytes(copy.bits(i)), copy.bytesPerLine(i)) for i in range(copy.planeCount())]
    finally:
        copy.unmap()
    color_range = frame.surfaceFormat().colorRange()
    return Planes(
        frame.pixelFormat(),
        frame.width(),
        frame.height(),
        planes,
        color_range is not QVideoFrameFormat.ColorRange.ColorRange_Full,
    )


def _luma(p: Planes) -> Image.Image | None:
    size = (p.width, p.height)
    if p.pixel_format in _PLANAR_420 or p.pixel_format in _SEMI_PLANAR_420:
        return p.plane(0, "L", size)
    if p.pixel_format in _LUMA_ONLY:
        return p.plane(0, "L", size)
    if p.pixel_format in _PACKED_422:
        # Two bytes a pixel: as "LA", the luma is L for YUYV and A for UYVY.
        pairs = p.plane(0, "LA", size)
        return pairs.getchannel("A" if _PACKED_422[p.pixel_format] else "L")
    raw = _RGB32_RAW.get(p.pixel_format)
    if raw is not None:
        mode = "RGBA" if "A" in raw else "RGB"
        return p.plane(0, mode, size, raw).convert("L")
    return None


def grey_from_frame(frame: QVideoFrame) -> GreyFrame | None:
    """The frame's grey pixels, or None when it cannot be read (invalid, GPU-only)."""
    planes = copy_planes(frame)
    luma = _luma(planes) if planes is not None else None
    if luma is None:
        image = frame.toImage()  # an unusual format: Qt converts it (keeps the GIL)
        if image.isNull():
            return None
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
        data = bytes(grey.constBits())
        return GreyFrame(data, grey.width(), grey.height(), grey.bytesPerLine())
    if luma.mode == "L" and planes is not None and luma.size == (planes.width, planes.height):
        data, stride = planes.planes[0]
        if planes.pixel_format in _PLANAR_420 or planes.pixel_format in _SEMI_PLANAR_420:
            return GreyFrame(data, planes.width, planes.height, stride)
    return GreyFrame(luma.tobytes(), luma.width, luma.height, luma.width)


def _fit(width: int, height: int, box: QSize) -> tuple[int, int]:
    scale = min(box.width() / width, box.height() / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _chroma(p: Planes) -> tuple[Image.Image, Image.Image] | None:
    half = ((p.width + 1) // 2, (p.height + 1) // 2)
    if p.pixel_format in _PLANAR_420:
        u_index, v_index = _PLANAR_420[p.pixel_format]
        return p.plane(u_index, "L", half), p.plane(v_index, "L", half)
    if p.pixel_format in _SEMI_PLANAR_420:
        pairs = p.plane(1, "LA", half)
        u, v = pairs.getchannel("L"), pairs.getchannel("A")
        return (v, u) if _SEMI_PLANAR_420[p.pixel_format] else (u, v)
    if p.pixel_format in _PACKED_422:
        # Four bytes per two pixels, read as RGBA: YUYV = (Y0, U, Y1, V), UYVY = (U, Y0, V, Y1).
        quads = p.plane(0, "RGBA", ((p.width + 1) // 2, p.height))
        if _PACKED_422[p.pixel_format]:
            return quads.getchannel("R"), quads.getchannel("B")
        return quads.getchannel("G"), quads.getchannel("A")
    return None


# Video range to full range (Pillow's YCbCr is JPEG's full range).
_Y_FULL = [max(0, min(255, round((v - 16) * 255 / 219))) for v in range(256)]
_C_FULL = [max(0, min(255, round((v - 128) * 255 / 224 + 128))) for v in range(256)]


def preview_image(frame: QVideoFrame, box: QSize) -> QImage:
    """The frame in colour, no larger than `box` (aspect kept); a null image if unreadable."""
    planes = copy_planes(frame)
    picture: Image.Image | None = None
    if planes is not None:
        target = _fit(planes.width, planes.height, box)
        raw = _RGB32_RAW.get(planes.pixel_format)
        if raw is not None:
            mode = "RGBA" if "A" in raw else "RGB"
            size = (planes.width, planes.height)
            picture = planes.plane(0, mode, size, raw).convert("RGB")
            picture = picture.resize(target, Image.Resampling.BILINEAR)
        else:
            luma, chroma = _luma(planes), _chroma(planes)
            if luma is not None and chroma is not None:
                y = luma.resize(target, Image.Resampling.BILINEAR)
                u, v = (c.resize(target, Image.Resampling.BILINEAR) for c in chroma)
                if planes.video_range:
                    y, u, v = y.point(_Y_FULL), u.point(_C_FULL), v.point(_C_FULL)
                picture = Image.merge("YCbCr", (y, u, v)).convert("RGB")
    if picture is None:
        image = frame.toImage()  # an unusual format: Qt converts it (keeps the GIL)
        if image.isNull() or (image.width() <= box.width() and image.height() <= box.height()):
            return image
        return image.scaled(
            box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
        )
    data = picture.tobytes()
    w, h = picture.size
    return QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
