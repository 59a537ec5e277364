"""The camera's frame reader and repeat filter, on frames made from our own renders."""

from __future__ import annotations

from dataclasses import replace

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtGui import QGuiApplication

from counter_app.camera.decode import (
    EXTRA_PASSES,
    FrameReader,
    GreyFrame,
    RepeatFilter,
    read_frame,
    read_image,
)
from counter_app.domain.orders import Order
from counter_app.domain.pickup_code import new_pickup_code, qr_payload
from tests.camera_frames import Shot, card_qr, scene, slip_image, transformed_set
from tests.factories import make_order


@pytest.fixture(scope="module")
def order(qapp: QGuiApplication) -> Order:
    return replace(make_order(order_id="CC610042-A"), pickup_code=new_pickup_code(), shelf="B3")


@pytest.fixture(scope="module")
def subjects(order: Order) -> dict[str, Image.Image]:
    return {"card": card_qr(order), "slip": slip_image(order)}


def _grey(picture: Image.Image, pad: int = 0) -> GreyFrame:
    """As a camera hands it over: rows padded to an aligned stride."""
    w, h = picture.size
    data = picture.tobytes()
    rows = [data[y * w : (y + 1) * w] + b"\x00" * pad for y in range(h)]
    return GreyFrame(b"".join(rows), w, h, w + pad)


def test_the_transformed_set_reads_at_least_95_percent_at_640x480(
    order: Order, subjects: dict[str, Image.Image]
) -> None:
    expected = {"card": qr_payload(order.pickup_code or ""), "slip": order.order_id}
    shots = transformed_set()
    read = [
        shot.name
        for shot in shots
        if any(
            r.text == expected[shot.subject]
            for r in read_image(scene(subjects[shot.subject], shot))
        )
    ]
    assert len(read) / len(shots) >= 0.95, sorted({s.name for s in shots} - set(read))
    # Every phone-screen view is read, dark mode and moiré included.
    assert all(s.name in read for s in shots if s.subject == "card")


def test_a_slip_at_45_degrees_is_read_within_the_reader_s_turn(
    order: Order, subjects: dict[str, Image.Image]
) -> None:
    shot = Shot(name="slip", subject="slip", width_frac=0.75, angle=45)
    frame = _grey(scene(subjects["slip"], shot), pad=64)
    # zxing-cpp alone reads linear codes along rows and columns only: not this one.
    assert zxingcpp.read_barcodes(frame.image()) == []
    reader = FrameReader()
    results = [reader.read(frame) for _ in range(EXTRA_PASSES)]
    found = [r for rs in results for r in rs]
    assert [r.text for r in found] == [order.order_id]
    assert found[0].symbology == "Code128" and found[0].stage.startswith("turned")


def test_nothing_in_view_reads_nothing() -> None:
    desk = scene(Image.new("L", (8, 8), 90), Shot(name="desk", width_frac=0.02))
    assert read_frame(_grey(desk, pad=32)) == []


def test_bad_frame_geometry_is_refused() -> None:
    with pytest.raises(ValueError):
        GreyFrame(b"\x00" * 10, 4, 4, 4)
    with pytest.raises(ValueError):
        GreyFrame(b"\x00" * 64, 8, 8, 4)
    with pytest.raises(ValueError):
        GreyFrame(b"", 0, 0, 0)


def test_repeat_filter_lets_a_code_through_once_while_it_stays_in_view() -> None:
    repeats = RepeatFilter(window_s=3.0)
    assert repeats.admit("A", now=100.0)
    # Held up: seen every frame for ten seconds, never let through again.
    assert not any(repeats.admit("A", now=100.0 + t / 10) for t in range(1, 100))
    assert repeats.admit("B", now=110.0)  # another code at once
    assert repeats.admit("A", now=113.5)  # gone for more than 3 s: a new scan
    repeats.reset()
    assert repeats.admit("A", now=113.6)
