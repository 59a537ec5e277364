"""The print preview dialog: the same pages the printer and the PDF get."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from counter_app.printing.layout import Document
from counter_app.printing.output import print_to_printer


def preview_dialog(
    document: Document, parent: QWidget | None = None, printer: QPrinter | None = None
) -> QPrintPreviewDialog:
    """A preview of `document`; its Print button prints on `printer` (a new one if None).

    The caller shows it (`exec()` or `show()`); the dialog keeps the printer and document.
    """
    target = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(target, parent)
    dialog.setWindowTitle(
        QCoreApplication.translate("PrintPreview", "Print preview: {title}").format(
            title=document.title
        )
    )
    # Kept on the dialog so they live as long as it does.
    dialog.setProperty("counter_document_kind", document.kind)
    dialog._counter_printer = target  # type: ignore[attr-defined]
    dialog._counter_document = document  # type: ignore[attr-defined]
    dialog.paintRequested.connect(lambda p: print_to_printer(document, p))
    return dialog
