"""The print preview dialog: the same pages the printer and the PDF get.

With no printer set up it is where a document goes: its "Save as PDF" button writes the same
pages to a file the shop can print elsewhere or send.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QToolBar, QWidget

from counter_app.printing.layout import Document
from counter_app.printing.message_texts import print_message_text
from counter_app.printing.output import print_to_printer, render_pdf


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintPreview", text)


def _ask_pdf_path(parent: QWidget, suggested: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        parent, _tr("Save as PDF"), suggested, _tr("PDF files (*.pdf)")
    )
    return path


class PdfSaver:
    """The preview's "Save as PDF": asks where, writes the document there, says if it failed."""

    def __init__(
        self,
        dialog: QPrintPreviewDialog,
        document: Document,
        ask_path: Callable[[QWidget, str], str] = _ask_pdf_path,
    ) -> None:
        self.dialog = dialog
        self.document = document
        self.ask_path = ask_path
        self.saved: Path | None = None

    def suggested_name(self) -> str:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in self.document.title)
        return str(Path.home() / f"{safe.strip('_') or self.document.kind}.pdf")

    def save(self) -> Path | None:
        path = self.ask_path(self.dialog, self.suggested_name())
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            self.saved = render_pdf(self.document, path)
        except Exception as exc:  # a full disk or a read-only folder: say so, keep the dialog
            QMessageBox.warning(
                self.dialog,
                _tr("Save as PDF"),
                _tr("The PDF was not saved: %1").replace("%1", print_message_text(exc)),
            )
            return None
        return self.saved


def preview_dialog(
    document: Document,
    parent: QWidget | None = None,
    printer: QPrinter | None = None,
    ask_pdf_path: Callable[[QWidget, str], str] | None = None,
) -> QPrintPreviewDialog:
    """A preview of `document`; its Print button prints on `printer` (a new one if None),
    its "Save as PDF" button writes the document to a PDF file.

    The caller shows it (`exec()`, `open()` or `show()`); the dialog keeps the printer and
    document. `dialog.pdf_saver` is the "Save as PDF" helper.
    """
    target = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(target, parent)
    dialog.setObjectName("printPreview")
    dialog.setWindowTitle(_tr("Print preview: {title}").format(title=document.title))
    # Kept on the dialog so they live as long as it does.
    dialog.setProperty("counter_document_kind", document.kind)
    dialog._counter_printer = target  # type: ignore[attr-defined]
    dialog._counter_document = document  # type: ignore[attr-defined]
    dialog.paintRequested.connect(lambda p: print_to_printer(document, p))
    saver = PdfSaver(dialog, document, ask_pdf_path or _ask_pdf_path)
    dialog.pdf_saver = saver  # type: ignore[attr-defined]
    save = QAction(_tr("Save as PDF"), dialog)
    save.setObjectName("savePdfAction")
    save.triggered.connect(saver.save)
    toolbar = dialog.findChild(QToolBar)
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addAction(save)
    dialog.save_pdf_action = save  # type: ignore[attr-defined]
    # And a big button under the pages: with no printer, this is the way out of the dialog.
    buttons = QDialogButtonBox()
    save_button = buttons.addButton(_tr("Save as PDF"), QDialogButtonBox.ButtonRole.ActionRole)
    save_button.setObjectName("savePdfButton")
    save_button.setDefault(True)
    save_button.clicked.connect(saver.save)
    buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(dialog.reject)
    layout = dialog.layout()
    if layout is not None:
        layout.addWidget(buttons)
    dialog.resize(900, 700)
    return dialog
