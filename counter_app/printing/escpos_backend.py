"""Raw ESC/POS printing for thermal printers without a driver (python-escpos).

The slip is rendered exactly as for any other device, at the head's 203 dpi and in black
and white, then sent as a raster image: what prints is what the preview showed.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import unquote, urlparse

from PIL import Image
from PySide6.QtGui import QImage

from counter_app.printing.layout import Document
from counter_app.printing.messages import message
from counter_app.printing.output import render_images, to_one_bit
from counter_app.printing.units import THERMAL_DPI, mm_to_dots

NETWORK_TIMEOUT_S = 10.0


class EscposError(RuntimeError):
    """The ESC/POS printer is unreachable or the target setting is wrong."""


def escpos_printer(target: str) -> Any:
    """A python-escpos printer for a target setting.

    `tcp://HOST[:PORT]` (port 9100 by default), `win32raw://PRINTER NAME`,
    `cups://PRINTER NAME`, or `dummy://` (keeps the bytes in memory).
    """
    from escpos import printer as escpos_printers

    parsed = urlparse(target.strip())
    scheme = parsed.scheme.lower()
    if scheme == "tcp":
        if not parsed.hostname:
            raise EscposError(message("escpos_no_host", target=target))
        try:
            port = parsed.port or 9100
        except ValueError as exc:
            raise EscposError(message("escpos_bad_port", target=target)) from exc
        return escpos_printers.Network(parsed.hostname, port, timeout=NETWORK_TIMEOUT_S)
    name = unquote(parsed.netloc + parsed.path)
    if scheme == "win32raw":
        if not escpos_printers.Win32Raw.is_usable():
            raise EscposError(message("escpos_needs_windows"))
        return escpos_printers.Win32Raw(name)
    if scheme == "cups":
        if not escpos_printers.CupsPrinter.is_usable():
            raise EscposError(message("escpos_needs_pycups"))
        return escpos_printers.CupsPrinter(name)
    if scheme == "dummy":
        return escpos_printers.Dummy()
    raise EscposError(message("escpos_unknown_target", target=target))


def head_image(image: QImage, page_width_mm: float, content_width_mm: float) -> Image.Image:
    """The printable middle of a rendered page as a 1-bit Pillow image (the head's width)."""
    bw = to_one_bit(image)
    # Raster rows are sent in whole bytes: 72 mm of content is the usual 576-dot head.
    width = min(
        bw.width() - bw.width() % 8, math.ceil(mm_to_dots(content_width_mm, THERMAL_DPI) / 8) * 8
    )
    margin = (bw.width() - width) // 2
    cropped = bw.copy(margin, 0, width, bw.height())
    data = bytes(cropped.constBits())
    grey = Image.frombuffer(
        "L", (width, cropped.height()), data, "raw", "L", cropped.bytesPerLine(), 1
    )
    return grey.point(lambda v: 255 if v >= 128 else 0).convert("1")


def send_document(document: Document, printer: Any, *, cut: bool = True) -> int:
    """Print every page of `document` on an ESC/POS `printer`; returns the pages sent."""
    images = render_images(document, THERMAL_DPI)
    try:
        for page, image in zip(document.pages, images, strict=True):
            picture = head_image(image, page.width, page.printable.width)
            printer.image(picture, impl="bitImageRaster", center=False)
            if cut:
                printer.cut()
    except OSError as exc:
        raise EscposError(message("escpos_failed", reason=exc)) from exc
    except Exception as exc:  # python-escpos raises its own types for a missing device
        if type(exc).__module__.startswith("escpos"):
            raise EscposError(message("escpos_failed", reason=exc)) from exc
        raise
    finally:
        close = getattr(printer, "close", None)
        if close is not None and type(printer).__name__ != "Dummy":
            close()
    return len(images)
