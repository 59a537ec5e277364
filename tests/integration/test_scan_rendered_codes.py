"""Real rendered codes, decoded back with zxing-cpp, resolve at the till.

The customer's QR code carries `qr_payload(code)`; the bag slip's Code 128 carries the order id.
Both are drawn by the libraries the app ships (qrcode, python-barcode) and read by a real decoder.
"""

from __future__ import annotations

import io

import barcode
import qrcode
import zxingcpp
from barcode.writer import ImageWriter
from PIL import Image

from counter_app.bootstrap import AppContext
from counter_app.domain.keyboard_layouts import Layout, garble
from counter_app.domain.pickup_code import qr_payload
from counter_app.domain.scan import BagVerdict, Verdict
from counter_app.store.scan_service import ScanService
from tests.factories import make_order


def _decode(image: Image.Image) -> str:
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, "exactly one code must be readable"
    return found[0].text


def _qr(text: str) -> Image.Image:
    return qrcode.make(text, box_size=4, border=4).get_image().convert("L")


def _code128(text: str) -> Image.Image:
    out = io.BytesIO()
    barcode.get("code128", text, writer=ImageWriter()).write(out, {"module_width": 0.3})
    out.seek(0)
    return Image.open(out).convert("L")


def test_qr_code_and_slip_decode_to_a_hand_over_and_a_matching_bag(ctx: AppContext) -> None:
    ctx.repo.upsert_orders([make_order(order_id="81000001-A"), make_order(order_id="81000002-A")])
    code = ctx.repo.mark_ready("81000001-A", "B3", "till-1")
    ctx.repo.mark_ready("81000002-A", "B4", "till-1")
    service = ScanService(ctx.repo, ctx.settings)

    scanned = _decode(_qr(qr_payload(code)))
    assert scanned == code
    # The same QR read by a scanner on an AZERTY or QWERTZ PC comes through unchanged.
    for layout in Layout:
        result = service.resolve(garble(scanned, layout) + "\r\n")
        assert result.verdict is Verdict.OK and result.order_id == "81000001-A"

    slip = _decode(_code128("81000001-A"))
    assert service.check_bag("81000001-A", garble(slip, Layout.FR_AZERTY)).matches
    other = _decode(_code128("81000002-A"))
    wrong = service.check_bag("81000001-A", other)
    assert wrong.verdict is BagVerdict.WRONG_BAG and wrong.loud
