"""Every printed code reads back (zxing-cpp) at 203 dpi in 1-bit, and into the scan resolver."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtGui import QImage

from counter_app.bootstrap import AppContext
from counter_app.documents import daily_list_from_store
from counter_app.domain.orders import Order
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.scan import Verdict
from counter_app.domain.stages import Stage
from counter_app.printing.card import card_document
from counter_app.printing.codes import code128_modules, place_code128, place_qr, qr_matrix
from counter_app.printing.daily_list import daily_list_document
from counter_app.printing.decode import decode_codes
from counter_app.printing.layout import ModulesItem
from counter_app.printing.output import render_images, to_one_bit
from counter_app.printing.slip import slip_document
from counter_app.printing.units import SLIP_SIZES, THERMAL_DPI, mm_to_dots
from counter_app.store.scan_service import ScanService
from tests.factories import make_order


@pytest.fixture
def ready_order(ctx: AppContext) -> Order:
    """A prepared order, marked ready through the repository (so it has a real pickup code)."""
    ctx.repo.upsert_orders([make_order(order_id="CC310042-A", customer="Zoé Martin-Lefèvre")])
    ctx.repo.mark_ready("CC310042-A", shelf="B-12", till="till-1", bag_count=2)
    return ctx.repo.require_order("CC310042-A")


def _only_black_and_white(image: QImage) -> bool:
    data = bytes(image.constBits())
    return set(data) <= {0, 255}


@pytest.mark.parametrize("size", SLIP_SIZES)
def test_slip_code128_reads_back_as_the_order_id_in_one_bit(ready_order: Order, size: str) -> None:
    document = slip_document(ready_order, size, "Librairie du Marché")
    assert len(document.pages) == 2  # one slip per bag
    for image in render_images(document, THERMAL_DPI):
        bw = to_one_bit(image)
        assert _only_black_and_white(bw)
        codes = decode_codes(bw, one_bit=False)
        assert [(c.symbology, c.text) for c in codes] == [("Code128", "CC310042-A")]


def test_slip_never_reveals_the_pickup_code(ready_order: Order) -> None:
    code = ready_order.pickup_code
    assert code
    document = slip_document(ready_order, "80mm")
    shown = " ".join(document.texts())
    assert code not in shown and format_pickup_code(code) not in shown
    decoded = [c.text for image in render_images(document) for c in decode_codes(image)]
    assert decoded and all(code not in text for text in decoded)


def test_scanning_the_slip_finds_its_order(ctx: AppContext, ready_order: Order) -> None:
    image = render_images(slip_document(ready_order, "58mm"))[0]
    (scanned,) = decode_codes(image)
    service = ScanService(ctx.repo, ctx.settings)
    result = service.resolve(scanned.text)
    # Found by order number, not by the secret: the till must check the customer's name.
    assert result.verdict is Verdict.NEEDS_CHECK
    assert result.order is not None and result.order.order_id == "CC310042-A"
    assert service.check_bag("CC310042-A", scanned.text).verdict.value == "match"


@pytest.mark.parametrize("size", SLIP_SIZES)
def test_scanning_the_card_qr_gives_ok(ctx: AppContext, ready_order: Order, size: str) -> None:
    document = card_document(ready_order, size, "Librairie du Marché")
    image = render_images(document, THERMAL_DPI)[0]
    (scanned,) = decode_codes(image)
    assert scanned.symbology == "QRCode"
    assert ready_order.pickup_code
    assert format_pickup_code(ready_order.pickup_code) in document.texts()
    result = ScanService(ctx.repo, ctx.settings).resolve(scanned.text)
    assert result.verdict is Verdict.OK
    assert result.order is not None and result.order.order_id == "CC310042-A"


def test_daily_list_renders_in_one_bit(ctx: AppContext, ready_order: Order) -> None:
    data = daily_list_from_store(ctx.repo, date(2026, 11, 24))
    document = daily_list_document(data, "Librairie du Marché")
    (image,) = render_images(document, THERMAL_DPI)
    bw = to_one_bit(image)
    # Something is printed (text and boxes) and it is all pure black or white.
    assert _only_black_and_white(bw) and 0 in set(bytes(bw.constBits()))
    assert "CC310042-A" in document.texts()


def _whole_dots(mm: float, dpi: int) -> bool:
    dots = mm_to_dots(mm, dpi)
    return abs(dots - round(dots)) < 1e-6


@pytest.mark.parametrize("dpi", [203, 300, 600])
def test_modules_are_whole_printer_dots_with_quiet_zones(dpi: int) -> None:
    bar = place_code128("CC310042-A", 4.0, 10.0, 72.0, 12.0, dpi)
    qr = place_qr("GEVFGNUCLLFH", 4.0, 30.0, 40.0, dpi, level="Q")
    for item in (bar, qr):
        assert isinstance(item, ModulesItem)
        assert _whole_dots(item.module_width, dpi) and mm_to_dots(item.module_width, dpi) >= 2
        assert _whole_dots(item.x, dpi) and _whole_dots(item.y, dpi)
    assert bar.quiet_x == pytest.approx(10 * bar.module_width)
    assert qr.quiet_x == pytest.approx(4 * qr.module_width)
    assert bar.bounds.x >= 4.0 - 1e-6 and bar.bounds.right <= 76.0 + 1e-6
    assert qr.bounds.width <= 40.0 + 1e-6


def test_code_patterns_come_from_the_libraries() -> None:
    bars = code128_modules("CC310042-A")
    # Code 128 starts with a bar and ends with the 13-module stop pattern.
    assert bars[0] and bars[-13:] == tuple(ch == "1" for ch in "1100011101011")
    matrix = qr_matrix("GEVFGNUCLLFH", "Q")
    assert len(matrix) == len(matrix[0]) == 21  # version 1 holds 12 alphanumerics at Q
    with pytest.raises(ValueError):
        qr_matrix("X", "L")


def test_order_id_too_long_for_a_narrow_roll_says_so_instead_of_cutting(ctx: AppContext) -> None:
    long_id = "MARKETPLACE-ORDER-2026-11-24-000123456-A"
    order = make_order(order_id=long_id, stage=Stage.READY, ready_at=datetime.now(UTC))
    document = slip_document(order, "58mm")
    assert not any(isinstance(i, ModulesItem) for i in document.pages[0].items)
    assert any("too long for a bar code" in t for t in document.texts())
    # On A4 there is room: the bar code is printed and reads back.
    wide = slip_document(order, "a4")
    assert [c.text for c in decode_codes(render_images(wide)[0])] == [long_id]
