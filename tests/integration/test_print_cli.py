"""`counter-app print ...` as a subprocess; its PDFs are rasterised by QtPdf and scanned back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from counter_app.bootstrap import AppContext
from counter_app.printing.decode import decode_codes
from tests.cli_runner import run_cli
from tests.factories import make_order


def run_print(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(home, "print", *args)


def pdf_pages(path: Path, dpi: int = 203) -> list[QImage]:
    """Every page of a PDF as a white-backed image at `dpi`."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = []
    for index in range(document.pageCount()):
        points = document.pagePointSize(index)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        page = QImage(size, QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)
        painter = QPainter(page)
        painter.drawImage(0, 0, document.render(index, size))
        painter.end()
        pages.append(page)
    return pages


@pytest.fixture
def shop_home(ctx: AppContext, home: Path) -> Path:
    ctx.settings.shop_name = "Librairie du Marché"
    ctx.settings.save()
    ctx.repo.upsert_orders(
        [make_order(order_id="CC880001-A"), make_order(order_id="CC880002-A", customer="Zoé")]
    )
    ctx.repo.mark_ready("CC880001-A", shelf="B-2", till="till-1", bag_count=2)
    return home


def test_print_slip_card_and_daily_list_to_pdf(ctx: AppContext, shop_home: Path) -> None:
    slip = shop_home / "slip.pdf"
    out = run_print(shop_home, "slip", "CC880001-A", "--pdf", str(slip), "--size", "58mm")
    assert out.returncode == 0, out.stderr
    assert "2 page(s) written" in out.stdout
    pages = pdf_pages(slip)
    assert len(pages) == 2
    assert [c.text for c in decode_codes(pages[1])] == ["CC880001-A"]

    card = shop_home / "card.pdf"
    out = run_print(shop_home, "card", "CC880001-A", "--pdf", str(card))
    assert out.returncode == 0, out.stderr
    code = ctx.repo.require_order("CC880001-A").pickup_code
    assert [c.text for c in decode_codes(pdf_pages(card)[0])] == [code]

    listing = shop_home / "list.pdf"
    out = run_print(shop_home, "daily-list", "--date", "2026-11-24", "--pdf", str(listing))
    assert out.returncode == 0, out.stderr
    assert len(pdf_pages(listing, dpi=50)) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["slip", "NOPE-1", "--pdf", "x.pdf"], "no order 'NOPE-1'"),
        (["card", "CC880002-A", "--pdf", "x.pdf"], "mark it ready first"),
        (["daily-list", "--date", "24/11/2026", "--pdf", "x.pdf"], "--date must look like"),
        (["slip", "CC880001-A", "--pdf", "missing-folder/x.pdf"], "does not exist"),
    ],
)
def test_print_errors_are_one_line(shop_home: Path, args: list[str], message: str) -> None:
    args = [str(shop_home / a) if a.endswith(".pdf") else a for a in args]
    out = run_print(shop_home, *args)
    assert out.returncode == 1
    assert message in out.stderr
    assert "Traceback" not in out.stderr and out.stderr.strip().count("\n") == 0
    assert not list(shop_home.glob("**/*.pdf*"))


def _pdf_text(path: Path) -> str:
    document = QPdfDocument()
    document.load(str(path))
    try:
        return "\n".join(document.getAllText(i).text() for i in range(document.pageCount()))
    finally:
        document.close()


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        ("fr", ["Commande", "Étagère B-2", "Prête le"], ["Shelf"]),
        ("en", ["Order", "Shelf B-2"], ["Étagère"]),
    ],
)
def test_printed_slip_speaks_the_language_setting(
    ctx: AppContext, shop_home: Path, language: str, expected: list[str], absent: list[str]
) -> None:
    ctx.settings.language = language
    ctx.settings.save()
    slip = shop_home / f"slip-{language}.pdf"
    out = run_print(shop_home, "slip", "CC880001-A", "--pdf", str(slip))
    assert out.returncode == 0, out.stderr
    text = _pdf_text(slip)
    for word in expected:
        assert word in text, (word, text)
    for word in absent:
        assert word not in text, (word, text)
