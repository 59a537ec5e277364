"""The print preview shows the same pages the printer and the PDF get."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from pytestqt.qtbot import QtBot

from counter_app.domain.stages import Stage
from counter_app.printing.daily_list import daily_list_data, daily_list_document
from counter_app.printing.preview import preview_dialog
from counter_app.printing.slip import slip_document
from tests.factories import make_order


def test_preview_shows_one_page_per_bag(qtbot: QtBot) -> None:
    order = make_order(stage=Stage.READY, bag_count=3, shelf="A-1")
    dialog = preview_dialog(slip_document(order, "80mm"))
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() == 3)
    assert "Print preview" in dialog.windowTitle() and order.order_id in dialog.windowTitle()


def test_preview_of_a_long_list_then_print_from_it(qtbot: QtBot, tmp_path: Path) -> None:
    orders = [make_order(stage=Stage.READY, customer=f"Client {i:03d}") for i in range(80)]
    document = daily_list_document(daily_list_data(orders, date(2026, 11, 24)))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "from-preview.pdf"))
    dialog = preview_dialog(document, printer=printer)
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() == len(document.pages))
    assert len(document.pages) == 3
    # The dialog's Print button paints the same document on its printer.
    widget.print_()
    data = (tmp_path / "from-preview.pdf").read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/MediaBox") == 3
