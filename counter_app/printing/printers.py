"""Which printer each document kind goes to (remembered in the settings) and page-size checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counter_app.printing.layout import Document
from counter_app.printing.messages import message
from counter_app.printing.qt_app import ensure_gui_app
from counter_app.settings import DOCUMENT_KINDS, Settings

# Paper sizes a driver reports are rounded; a millimetre either way is the same paper.
_TOLERANCE_MM = 1.0


class PrinterError(RuntimeError):
    """The chosen printer is missing or cannot take the document's paper."""


def _check_kind(kind: str) -> None:
    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"unknown document kind {kind!r}: use one of {', '.join(DOCUMENT_KINDS)}")


def remembered_printer(settings: Settings, kind: str) -> str:
    """The printer last used for `kind` ("" = the system's default printer)."""
    _check_kind(kind)
    return settings.printers.get(kind, "")


def remember_printer(settings: Settings, kind: str, printer_name: str) -> None:
    """Keep `printer_name` for `kind` in the settings file (only when it changed)."""
    _check_kind(kind)
    if settings.printers.get(kind, "") == printer_name:
        return
    settings.printers = {**settings.printers, kind: printer_name}
    settings.save()


def available_printers() -> list[str]:
    ensure_gui_app()
    return list(QPrinterInfo.availablePrinterNames())


@dataclass(frozen=True)
class PaperCheck:
    """Whether a printer takes a page size; `message` says why not (plain English)."""

    ok: bool
    message: str = ""


def check_paper(
    width_mm: float,
    height_mm: float,
    supported: Sequence[QPageSize],
    supports_custom: bool,
    *,
    roll: bool = False,
    printer: str = "",
) -> PaperCheck:
    """Does a driver offering `supported` sizes take a `width_mm` x `height_mm` page?

    A roll (thermal slip) only needs the right width and at least the height; a sheet needs
    one of the sizes, in either orientation.
    """
    if supports_custom:
        return PaperCheck(True)
    for size in supported:
        w, h = _mm(size)
        if roll:
            if abs(w - width_mm) <= _TOLERANCE_MM and h + _TOLERANCE_MM >= height_mm:
                return PaperCheck(True)
            continue
        same = abs(w - width_mm) <= _TOLERANCE_MM and abs(h - height_mm) <= _TOLERANCE_MM
        turned = abs(h - width_mm) <= _TOLERANCE_MM and abs(w - height_mm) <= _TOLERANCE_MM
        if same or turned:
            return PaperCheck(True)
    offered = ", ".join(sorted({size.name() for size in supported})) or "none"
    return PaperCheck(
        False,
        message(
            "paper_refused",
            printer=printer or "the printer",
            width=width_mm,
            height=height_mm,
            offered=offered,
        ),
    )


def _mm(size: QPageSize) -> tuple[float, float]:
    s: QSizeF = size.size(QPageSize.Unit.Millimeter)
    return s.width(), s.height()


def check_printer_paper(info: QPrinterInfo, document: Document, roll: bool) -> PaperCheck:
    """`check_paper` for every page of `document` on a real printer's driver."""
    for page in document.pages:
        result = check_paper(
            page.width,
            page.height,
            info.supportedPageSizes(),
            info.supportsCustomPageSizes(),
            roll=roll,
            printer=info.printerName(),
        )
        if not result.ok:
            return result
    return PaperCheck(True)


def printer_info(name: str) -> QPrinterInfo:
    """The named printer (or the default one for "")."""
    ensure_gui_app()
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        if name:
            known = ", ".join(available_printers()) or "none"
            raise PrinterError(message("printer_not_found", printer=name, known=known))
        raise PrinterError(message("no_printer"))
    return info


def no_printer_for(settings: Settings, kind: str) -> bool:
    """True when printing `kind` now could only fail with "no printer": no ESC/POS target
    for a slip or card, none remembered for the kind, and no default printer on this PC.

    Asked before a print is sent off, so the preview opens at once, where the person is
    still looking, rather than a moment later over what they turned to next."""
    if kind in ("slip", "card") and settings.escpos_target:
        return False
    if remembered_printer(settings, kind):
        return False
    ensure_gui_app()
    return QPrinterInfo.defaultPrinter().isNull()


def make_printer(info: QPrinterInfo) -> QPrinter:
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    return printer
