"""Reads the codes back out of a rendered document image (zxing-cpp), for tests and self-test."""

from __future__ import annotations

from dataclasses import dataclass

import zxingcpp
from PySide6.QtGui import QImage

from counter_app.printing.output import to_one_bit


@dataclass(frozen=True)
class DecodedCode:
    """One code found in an image: its symbology (e.g. `QRCode`, `Code128`) and its text."""

    symbology: str
    text: str


def decode_codes(image: QImage, *, one_bit: bool = True) -> list[DecodedCode]:
    """Every QR code and Code 128 zxing-cpp finds in `image`, top to bottom.

    With `one_bit` the image is first reduced to black and white as a thermal head prints it,
    so a code that only survives in grey does not count as readable.
    """
    picture = (
        to_one_bit(image) if one_bit else image.convertToFormat(QImage.Format.Format_Grayscale8)
    )
    found = zxingcpp.read_barcodes(
        picture,
        formats=zxingcpp.BarcodeFormats(
            [zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code128]
        ),
        try_rotate=False,
    )
    found = sorted(found, key=lambda r: (r.position.top_left.y, r.position.top_left.x))
    return [DecodedCode(r.format.name, r.text) for r in found]
