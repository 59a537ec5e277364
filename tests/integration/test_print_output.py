"""PDF files, the Qt printer path, paper checks and the printer remembered per document kind."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counter_app.bootstrap import AppContext
from counter_app.documents import daily_list_from_store
from counter_app.domain.stages import Stage
from counter_app.printing.card import NoPickupCodeError, card_document
from counter_app.printing.decode import decode_codes
from counter_app.printing.documents import (
    build_document,
    print_document,
    render_card_pdf,
    render_daily_list_pdf,
    render_slip_image,
    render_slip_pdf,
)
from counter_app.printing.layout import Document, ModulesItem, Page, TextItem
from counter_app.printing.output import OutputError, print_to_printer, render_images, render_pdf
from counter_app.printing.printers import (
    PrinterError,
    check_paper,
    remember_printer,
    remembered_printer,
)
from counter_app.printing.slip import slip_document
from counter_app.printing.units import Rect
from counter_app.settings import Settings, load_settings
from tests.factories import make_order

NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


def _pdf_pages(path: Path) -> list[tuple[float, float]]:
    """Each page's size in mm, read from the PDF's MediaBox entries."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    return [(float(w) * 25.4 / 72, float(h) * 25.4 / 72) for w, h in boxes]


def test_slip_pdf_has_one_roll_page_per_bag(tmp_path: Path) -> None:
    order = make_order(stage=Stage.READY, bag_count=3, shelf="C-3", ready_at=NOW)
    path = render_slip_pdf(order, tmp_path / "slip.pdf", "80mm", "Librairie")
    pages = _pdf_pages(path)
    assert len(pages) == 3
    for width, height in pages:
        assert width == pytest.approx(80, abs=0.2)
        assert 60 < height < 200  # the roll is cut after the content


def test_card_and_daily_list_pdfs(tmp_path: Path) -> None:
    order = make_order(stage=Stage.READY, pickup_code="GEVFGNUCLLFH", ready_at=NOW)
    card = render_card_pdf(order, tmp_path / "card.pdf", "a6", "Librairie")
    # Qt rounds A6 to whole points (297 x 420 pt).
    assert _pdf_pages(card) == [pytest.approx((105, 148), abs=0.3)]
    listing = render_daily_list_pdf([order], date(2026, 11, 24), tmp_path / "list.pdf", now=NOW)
    assert _pdf_pages(listing) == [pytest.approx((210, 297), abs=0.2)]


def test_card_for_an_order_without_pickup_code_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NoPickupCodeError, match="mark it ready first"):
        render_card_pdf(make_order(), tmp_path / "card.pdf")
    assert not (tmp_path / "card.pdf").exists()


def test_interrupted_pdf_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "list.pdf"
    render_slip_pdf(make_order(), target)
    before = target.read_bytes()
    good = slip_document(make_order(), "80mm").pages[0]
    # A page that fails half-way through painting (a font that is not one).
    broken_item = TextItem(4, 4, "x", None, 1, 1, 1)  # type: ignore[arg-type]
    broken = Page(80, 100, Rect(4, 4, 72, 92), [broken_item])
    with pytest.raises(AttributeError):
        render_pdf(Document("slip", "broken", [good, broken], 203), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["list.pdf"]


def test_unwritable_pdf_path_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write"):
        render_slip_pdf(make_order(), blocker / "slip.pdf")


def test_printer_path_prints_every_page_at_its_size(tmp_path: Path) -> None:
    # A PDF-format QPrinter stands in for the physical printer: same QPrinter code path.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    order = make_order(stage=Stage.READY, bag_count=2, ready_at=NOW)
    print_to_printer(slip_document(order, "58mm"), printer)
    pages = _pdf_pages(tmp_path / "printed.pdf")
    assert len(pages) == 2 and all(w == pytest.approx(58, abs=0.2) for w, _ in pages)


def test_slip_image_for_the_self_test() -> None:
    image = render_slip_image(make_order(), dpi=203)
    assert image.width() == 639  # 80 mm at 203 dpi


def _size(w: float, h: float) -> QPageSize:
    return QPageSize(QSizeF(w, h), QPageSize.Unit.Millimeter)


def test_paper_check_matches_what_the_driver_offers() -> None:
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    a6 = QPageSize(QPageSize.PageSizeId.A6)
    roll80 = _size(80, 297)
    assert check_paper(210, 297, [a4], False).ok
    assert check_paper(148, 105, [a6], False).ok  # turned sheet
    assert check_paper(80, 150, [roll80], False, roll=True).ok
    refused = check_paper(80, 150, [a4, a6], False, roll=True)
    assert not refused.ok and "80 x 150 mm" in refused.message and "A4" in refused.message
    assert not check_paper(58, 150, [roll80], False, roll=True).ok
    assert check_paper(58, 150, [roll80], True, roll=True).ok  # custom sizes accepted


def test_printer_is_remembered_per_kind(settings: Settings) -> None:
    assert remembered_printer(settings, "slip") == ""
    remember_printer(settings, "slip", "TM-T20III")
    remember_printer(settings, "daily_list", "HP LaserJet")
    reloaded = load_settings()
    assert remembered_printer(reloaded, "slip") == "TM-T20III"
    assert remembered_printer(reloaded, "daily_list") == "HP LaserJet"
    assert remembered_printer(reloaded, "card") == ""
    with pytest.raises(ValueError, match="unknown document kind"):
        remember_printer(settings, "poster", "x")


def test_missing_printer_is_a_clear_error(settings: Settings) -> None:
    document = slip_document(make_order(), "80mm")
    with pytest.raises(PrinterError, match="'No Such Printer' not found"):
        print_document(document, settings=settings, printer_name="No Such Printer")
    with pytest.raises(PrinterError, match="not found"):
        print_document("slip", make_order(), settings=settings, printer_name="No Such Printer")
    # The positional form the window's print bridge uses.
    with pytest.raises(PrinterError, match="not found"):
        print_document(document, settings, "No Such Printer")
    assert remembered_printer(settings, "slip") == ""


def test_card_refuses_orders_without_code() -> None:
    with pytest.raises(NoPickupCodeError):
        card_document(make_order(), "80mm")


def test_build_document_for_each_kind_uses_the_settings(ctx: AppContext) -> None:
    settings = ctx.settings
    settings.shop_name = "Librairie du Marché"
    settings.slip_size = "58mm"
    ctx.repo.upsert_orders([make_order(order_id="CC450001-A")])
    ctx.repo.mark_ready("CC450001-A", shelf="D-4", till="till-1")
    order = ctx.repo.require_order("CC450001-A")
    slip = build_document("slip", settings, order)
    assert slip.pages[0].width == 58 and "Librairie du Marché" in slip.texts()
    card = build_document("card", settings, order, size="a6")
    assert card.pages[0].width == 105 and card.kind == "card"
    listing = build_document(
        "daily_list",
        settings,
        source=daily_list_from_store(ctx.repo, date(2026, 11, 24)),
        day=date(2026, 11, 24),
    )
    assert "CC450001-A" in listing.texts() and "Shelf" in listing.texts()
    # For a 600 dpi printer the bars are whole 600 dpi dots, and still read back.
    laser = build_document("slip", settings, order, dpi=600)
    (bars,) = [i for i in laser.pages[0].items if isinstance(i, ModulesItem)]
    dots = bars.module_width * 600 / 25.4
    assert abs(dots - round(dots)) < 1e-6
    assert [c.text for c in decode_codes(render_images(laser, 600)[0])] == ["CC450001-A"]
    with pytest.raises(ValueError, match="needs an order"):
        build_document("slip", settings)


def test_default_printer_missing_is_a_clear_error(settings: Settings) -> None:
    # What the window does: the remembered printer ("" = none yet, so the default one).
    if not QPrinterInfo.defaultPrinter().isNull():
        pytest.skip("this machine has a real default printer: no test prints on it")
    with pytest.raises(PrinterError, match="no printer is installed"):
        print_document("slip", make_order(), settings=settings, printer_name="")
