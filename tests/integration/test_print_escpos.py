"""The raw ESC/POS back-end: python-escpos's Dummy printer and a real socket on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
import zxingcpp
from escpos.printer import Dummy
from PIL import Image

from counter_app.domain.stages import Stage
from counter_app.printing.documents import print_document
from counter_app.printing.escpos_backend import EscposError, escpos_printer, send_document
from counter_app.printing.slip import slip_document
from counter_app.settings import Settings
from tests.factories import make_order

GS_V_0 = b"\x1dv0"
CUT = b"\x1dV"


def raster_images(data: bytes) -> list[Image.Image]:
    """Rebuild the printed bitmaps from GS v 0 raster commands (stacked until each cut)."""
    images: list[Image.Image] = []
    rows: list[bytes] = []
    width_bytes = 0
    pos = 0
    while True:
        next_raster = data.find(GS_V_0, pos)
        next_cut = data.find(CUT, pos)
        if next_cut != -1 and (next_raster == -1 or next_cut < next_raster):
            if rows:
                images.append(_image(rows, width_bytes))
                rows = []
            pos = next_cut + len(CUT)
            continue
        if next_raster == -1:
            break
        header = data[next_raster + 3 : next_raster + 8]
        width_bytes = header[1] | header[2] << 8
        height = header[3] | header[4] << 8
        start = next_raster + 8
        block = data[start : start + width_bytes * height]
        rows.extend(block[i : i + width_bytes] for i in range(0, len(block), width_bytes))
        pos = start + len(block)
    if rows:
        images.append(_image(rows, width_bytes))
    return images


def _image(rows: list[bytes], width_bytes: int) -> Image.Image:
    # ESC/POS: bit set = dot burnt (black); Pillow's "1" mode: bit set = white.
    inverted = bytes(b ^ 0xFF for row in rows for b in row)
    return Image.frombytes("1", (width_bytes * 8, len(rows)), inverted).convert("L")


def _decoded(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_dummy_printer_receives_a_slip_whose_bar_code_scans() -> None:
    order = make_order(order_id="CC900001-A", stage=Stage.READY, shelf="A-1", bag_count=2)
    printer = Dummy()
    assert send_document(slip_document(order, "80mm"), printer) == 2
    output = printer.output
    assert output.count(CUT) == 2
    images = raster_images(output)
    assert len(images) == 2
    for image in images:
        assert image.width == 576  # the 72 mm head of an 80 mm printer
        assert _decoded(image) == ["CC900001-A"]


def test_58mm_slip_fits_a_384_dot_head() -> None:
    printer = Dummy()
    send_document(slip_document(make_order(order_id="CC900002-A"), "58mm"), printer)
    (image,) = raster_images(printer.output)
    assert image.width == 384 and _decoded(image) == ["CC900002-A"]


@pytest.fixture
def tcp_printer() -> Iterator[tuple[int, list[bytes], threading.Thread]]:
    """A listening socket on 127.0.0.1 that keeps every byte a client sends."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    received: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(65536):
                received.append(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received, thread
    server.close()


def test_print_slip_action_goes_to_the_network_printer(
    settings: Settings, tcp_printer: tuple[int, list[bytes], threading.Thread]
) -> None:
    port, received, server_thread = tcp_printer
    settings.escpos_target = f"tcp://127.0.0.1:{port}"
    settings.printers = {"slip": "TM-T20III"}  # the window passes the remembered printer
    order = make_order(order_id="CC900003-A")
    target = print_document("slip", order, settings=settings, printer_name="TM-T20III")
    assert target == settings.escpos_target
    # The connection is closed after the job: the server thread ends with every byte.
    server_thread.join(timeout=10)
    assert not server_thread.is_alive()
    data = b"".join(received)
    (image,) = raster_images(data)
    assert _decoded(image) == ["CC900003-A"]


def test_unreachable_network_printer_is_a_clear_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once closed
    printer = escpos_printer(f"tcp://127.0.0.1:{port}")
    with pytest.raises(EscposError, match="ESC/POS"):
        send_document(slip_document(make_order(), "80mm"), printer)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("lpt1", "unknown ESC/POS target"),
        ("tcp://", "no host"),
        ("tcp://printer:port", "bad port"),
    ],
)
def test_bad_targets_are_explained(target: str, message: str) -> None:
    with pytest.raises(EscposError, match=message):
        escpos_printer(target)
