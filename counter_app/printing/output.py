"""Paints laid-out documents on PDF files, printers, the print preview and images.

One painting routine (`paint_page`) serves every device, so what the preview shows is what
the printer prints and what the PDF holds.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtPrintSupport import QPrinter

from counter_app.printing.layout import (
    BoxItem,
    Document,
    ModulesItem,
    Page,
    RuleItem,
    TextItem,
    make_qfont,
)
from counter_app.printing.messages import message
from counter_app.printing.qt_app import ensure_gui_app
from counter_app.printing.units import MM_PER_INCH, THERMAL_DPI

PDF_RESOLUTION = 1200
# Grey levels at or above this become white paper on a 1-bit thermal head.
ONE_BIT_THRESHOLD = 128


class OutputError(RuntimeError):
    """A document could not be written or printed."""


def paint_page(painter: QPainter, page: Page, dpi: float, bar_inset: float = 0.0) -> None:
    """Draw one page's items; the painter's origin is the page's top-left corner.

    `bar_inset` (mm) trims each edge of every dark code module run: PDF viewers and drivers
    that rasterise a PDF blacken every dot a bar touches, so untrimmed bars come out a dot
    too wide and two-dot spaces close up.
    """
    k = dpi / MM_PER_INCH
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    black = QColor(Qt.GlobalColor.black)
    fonts: dict[object, object] = {}
    for item in page.items:
        if isinstance(item, TextItem):
            qfont = fonts.get(item.font)
            if qfont is None:
                qfont = make_qfont(item.font)
                fonts[item.font] = qfont
            painter.setFont(qfont)  # type: ignore[arg-type]
            painter.setPen(black)
            painter.drawText(QPointF(item.x * k, (item.y + item.ascent) * k), item.text)
        elif isinstance(item, RuleItem):
            height = max(1.0, item.thickness * k)
            painter.fillRect(
                QRectF(item.x * k, item.y * k - height / 2, item.length * k, height), black
            )
        elif isinstance(item, BoxItem):
            r = item.rect
            rect = QRectF(r.x * k, r.y * k, r.width * k, r.height * k)
            if item.fill is not None:
                painter.fillRect(rect, QColor(item.fill, item.fill, item.fill))
            if item.stroke > 0:
                pen = QPen(black)
                pen.setWidthF(max(1.0, item.stroke * k))
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
        elif isinstance(item, ModulesItem):
            _paint_modules(painter, item, k, black, bar_inset * k)
    painter.restore()


def _paint_modules(
    painter: QPainter, item: ModulesItem, k: float, color: QColor, inset: float
) -> None:
    # Edges are rounded to whole device dots so every module keeps the same width.
    height = item.module_height
    row_index = 0
    rows = item.rows
    while row_index < len(rows):
        row = rows[row_index]
        # Identical rows next to each other become one taller rectangle.
        span = 1
        while row_index + span < len(rows) and rows[row_index + span] == row:
            span += 1
        top = round((item.y + row_index * height) * k)
        bottom = round((item.y + (row_index + span) * height) * k)
        col = 0
        while col < len(row):
            if not row[col]:
                col += 1
                continue
            start = col
            while col < len(row) and row[col]:
                col += 1
            left = round((item.x + start * item.module_width) * k + inset)
            right = round((item.x + col * item.module_width) * k - inset)
            painter.fillRect(QRectF(left, top, right - left, bottom - top), color)
        row_index += span


def _page_size(page: Page) -> QPageSize:
    return QPageSize(
        QSizeF(page.width, page.height),
        QPageSize.Unit.Millimeter,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )


def _page_layout(page: Page) -> QPageLayout:
    return QPageLayout(
        _page_size(page),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def pdf_bar_inset(dpi: int) -> float:
    """The trim (mm) per bar edge in PDFs: a third of a dot of the printer the codes target."""
    return MM_PER_INCH / dpi / 3


def render_pdf(document: Document, path: Path | str) -> Path:
    """Write the document as a vector PDF (one PDF page per page)."""
    ensure_gui_app()
    target = Path(path)
    if target.parent and not target.parent.exists():
        raise OutputError(message("folder_missing", folder=target.parent))
    tmp = target.with_name(target.name + ".part")
    try:
        # Opened here first so an unwritable path is one clear error, not a Qt warning.
        tmp.open("wb").close()
    except OSError as exc:
        raise OutputError(message("cannot_write", path=target, reason=exc.strerror or exc)) from exc
    writer = QPdfWriter(str(tmp))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator("Counter")
    painter = QPainter()
    try:
        for index, page in enumerate(document.pages):
            writer.setPageLayout(_page_layout(page))
            if index == 0:
                if not painter.begin(writer):
                    raise OutputError(message("cannot_write", path=target, reason="?"))
            elif not writer.newPage():
                raise OutputError(message("cannot_add_page", path=target))
            paint_page(painter, page, PDF_RESOLUTION, pdf_bar_inset(document.dpi))
    except BaseException:
        if painter.isActive():
            painter.end()
        del writer
        tmp.unlink(missing_ok=True)
        raise
    painter.end()
    del writer
    # Written aside then renamed, so an interrupted run never leaves half a PDF behind.
    tmp.replace(target)
    return target


def render_images(document: Document, dpi: int = THERMAL_DPI) -> list[QImage]:
    """Each page as a white greyscale image at `dpi`, as a printer head would see it."""
    ensure_gui_app()
    images = []
    k = dpi / MM_PER_INCH
    dots_per_metre = round(dpi / 0.0254)
    for page in document.pages:
        image = QImage(
            max(1, round(page.width * k)),
            max(1, round(page.height * k)),
            QImage.Format.Format_RGB32,
        )
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        try:
            paint_page(painter, page, dpi)
        finally:
            painter.end()
        images.append(image.convertToFormat(QImage.Format.Format_Grayscale8))
    return images


def to_one_bit(image: QImage, threshold: int = ONE_BIT_THRESHOLD) -> QImage:
    """Black or white only, split at `threshold`, like a thermal head (no dithering)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = grey.width(), grey.height()
    stride = grey.bytesPerLine()
    data = bytes(grey.constBits())
    table = bytes(0 if v < threshold else 255 for v in range(256))
    mapped = data.translate(table)
    out = QImage(mapped, width, height, stride, QImage.Format.Format_Grayscale8).copy()
    out.setDotsPerMeterX(grey.dotsPerMeterX())
    out.setDotsPerMeterY(grey.dotsPerMeterY())
    return out


def print_to_printer(document: Document, printer: QPrinter) -> None:
    """Send every page to `printer` (already chosen and configured)."""
    ensure_gui_app()
    painter = QPainter()
    try:
        for index, page in enumerate(document.pages):
            printer.setFullPage(True)
            printer.setPageLayout(_page_layout(page))
            if index == 0:
                if not painter.begin(printer):
                    raise OutputError(
                        message("printer_unavailable", printer=printer.printerName() or "?")
                    )
            elif not printer.newPage():
                raise OutputError(message("printer_refused_page"))
            paint_page(painter, page, printer.resolution())
    finally:
        if painter.isActive():
            painter.end()
