"""Draws the app icon once: `python packaging/make_icon.py` writes the PNG and the Windows ICO.

The files are committed (a few KB), so a build never needs to run this.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent
SIZE = 256


def draw_icon(size: int = SIZE) -> QImage:
    """A shopping bag in the shop's green with a tick: "ready to collect"."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    background = QPainterPath()
    background.addRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 48 * s, 48 * s)
    p.fillPath(background, QColor("#1f7a4d"))
    # The bag's handle, then its body.
    p.setPen(QPen(QColor("white"), 14 * s))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(88 * s, 40 * s, 80 * s, 80 * s), 0, 180 * 16)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("white"))
    p.drawRoundedRect(QRectF(56 * s, 80 * s, 144 * s, 136 * s), 16 * s, 16 * s)
    tick = QPen(QColor("#1f7a4d"), 18 * s)
    tick.setCapStyle(Qt.PenCapStyle.RoundCap)
    tick.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(tick)
    p.drawPolyline([QPointF(96 * s, 148 * s), QPointF(120 * s, 172 * s), QPointF(164 * s, 120 * s)])
    p.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    png = HERE / "counter-app.png"
    draw_icon().save(str(png))
    Image.open(png).save(
        HERE / "counter-app.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)],
    )
    print(f"wrote {png} and {png.with_suffix('.ico')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
