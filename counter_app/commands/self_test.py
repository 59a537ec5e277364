"""`counter-app self-test`: checks that an installed app has everything it needs.

Run by support on the shop PC and by CI on the frozen build. Each step reports ok or FAILED
with a short detail; the exit code is 0 only when every step passed. Nothing touches the
shop's own database: a fresh one is made in a temporary folder and thrown away.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from counter_app.settings import Settings


@dataclass
class StepResult:
    """The outcome of one self-test step."""

    name: str
    ok: bool
    detail: str
    seconds: float


class StepFailed(Exception):
    """A step found something wrong; the message says what."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "self-test",
        help="check this installation: database, translations, slip printing, printers, camera",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_self_test)


def _qt_app() -> object:
    """The Qt application the rendering and printer steps need (offscreen is fine)."""
    import sys

    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def step_database(workdir: Path) -> str:
    """A fresh SQLite file, migrated to the newest schema, written to and read back."""
    from counter_app.store.database import Database
    from counter_app.store.migrate import current_revision, head_revision, upgrade
    from counter_app.store.repository import Repository

    url = f"sqlite:///{workdir / 'self-test.sqlite3'}"
    db = Database(url)
    try:
        result = upgrade(db.engine, url, workdir / "backups")
        revision = current_revision(db.engine)
        if revision != head_revision(url):
            raise StepFailed(f"schema at {revision}, expected {result.to_revision}")
        counts = Repository(db).table_counts()
    finally:
        db.dispose()
    return f"migrated to {revision}; {len(counts)} tables readable"


def step_translations() -> str:
    """The French catalogues (ours and Qt's) load and translate."""
    from PySide6.QtCore import QCoreApplication

    from counter_app.ui.i18n import install_translators, installed_catalogues

    app = QCoreApplication.instance()
    assert app is not None
    try:
        install_translators(app, "fr")
        files = [Path(f).name for f in installed_catalogues()]
        # A string every French Qt catalogue has: the standard dialog button. Passed through
        # names so that lupdate does not copy Qt's own string into our catalogue.
        qt_context, qt_text = "QPlatformTheme", "Cancel"
        cancel = QCoreApplication.translate(qt_context, qt_text)
    finally:
        install_translators(app, "en")
    missing = [f for f in ("counter_fr.qm", "qtbase_fr.qm") if f not in files]
    if missing:
        raise StepFailed(f"catalogue not found: {', '.join(missing)}")
    if cancel == qt_text:
        raise StepFailed("Qt's French catalogue loaded but does not translate")
    return f"French catalogues loaded: {', '.join(files)}"


def step_slip() -> str:
    """A pickup slip and a pickup card rendered for a thermal printer, their codes read back.

    This proves the fonts, the code drawing and the decoder all made it into the build: a
    slip whose bar code does not scan would stop the till.
    """
    from counter_app.domain.pickup_code import new_pickup_code, qr_payload
    from counter_app.printing.card import card_document
    from counter_app.printing.decode import decode_codes
    from counter_app.printing.output import THERMAL_DPI, render_images
    from counter_app.printing.slip import slip_document

    order = _sample_order(new_pickup_code())
    slip = [c.text for image in render_images(slip_document(order)) for c in decode_codes(image)]
    if order.order_id not in slip:
        raise StepFailed(f"slip rendered but its bar code read back as {slip!r}")
    card = [c.text for image in render_images(card_document(order)) for c in decode_codes(image)]
    assert order.pickup_code is not None
    if qr_payload(order.pickup_code) not in card:
        raise StepFailed(f"pickup card rendered but its QR code read back as {card!r}")
    return f"slip bar code and card QR code decoded at {THERMAL_DPI} dpi"


def step_pdf(workdir: Path) -> str:
    """Qt's print support draws a page into a PDF (the same path as printing to paper)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter
    from PySide6.QtPrintSupport import QPrinter

    target = workdir / "self-test.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A6),
            QPageLayout.Orientation.Portrait,
            QMarginsF(5, 5, 5, 5),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(printer):
        raise StepFailed("the PDF printer could not start")
    painter.drawText(100, 100, "Counter self-test")
    painter.end()
    data = target.read_bytes() if target.exists() else b""
    if not data.startswith(b"%PDF"):
        raise StepFailed("no PDF was written")
    return f"PDF page written ({len(data)} bytes)"


def step_printers() -> str:
    """The printers Qt sees; none is a warning for the owner, not a broken install."""
    from PySide6.QtPrintSupport import QPrinterInfo

    names = QPrinterInfo.availablePrinterNames()
    default = QPrinterInfo.defaultPrinterName()
    if not names:
        return "no printer installed (add one before printing slips)"
    shown = [f"{n} (default)" if n == default else n for n in names]
    return f"{len(names)} printer(s): {', '.join(shown)}"


def step_camera() -> str:
    """Camera scanning: QtMultimedia loads, and a pickup card turned 30° in a 640x480 frame
    goes through the camera's frame conversion and reader. The cameras found are listed; none
    is a note for the owner (camera scanning needs a webcam), not a broken install.
    """
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from counter_app.ui.camera_hookup import multimedia_error

    error = multimedia_error()
    if error:
        raise StepFailed(f"camera support did not load: {error}")
    from PySide6.QtMultimedia import QVideoFrame

    from counter_app.camera.decode import EXTRA_PASSES, FrameReader
    from counter_app.domain.pickup_code import new_pickup_code, qr_payload
    from counter_app.printing.card import card_document
    from counter_app.printing.output import render_images
    from counter_app.ui.camera_pixels import grey_from_frame
    from counter_app.ui.camera_source import camera_devices

    code = new_pickup_code()
    card = render_images(card_document(_sample_order(code)))[0]
    frame_image = QImage(640, 480, QImage.Format.Format_RGB32)
    frame_image.fill(QColor("#5a5a5a"))  # a desk
    painter = QPainter(frame_image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.translate(320, 240)
    painter.rotate(30)
    height = 300.0
    width = height * card.width() / card.height()
    painter.drawImage(QRectF(-width / 2, -height / 2, width, height), card)
    painter.end()
    grey = grey_from_frame(QVideoFrame(frame_image))
    if grey is None:
        raise StepFailed("a camera frame could not be converted to grey")
    reader = FrameReader()
    texts = [r.text for _ in range(EXTRA_PASSES) for r in reader.read(grey)]
    if qr_payload(code) not in texts:
        raise StepFailed(f"the camera reader did not read a turned pickup card: {texts!r}")
    names = [d.description() for d in camera_devices()]
    found = f"camera(s): {', '.join(names)}" if names else "no camera connected"
    return f"turned pickup card read from a 640x480 frame; {found}"


def _sample_order(pickup_code: str) -> Any:
    from datetime import UTC, datetime

    from counter_app.domain.orders import Order, OrderLine
    from counter_app.domain.stages import Stage

    now = datetime.now(UTC)
    return Order(
        order_id="SELFTEST-20261124-A",
        commercial_id="SELFTEST-20261124",
        remote_state="SHIPPING",
        stage=Stage.READY,
        customer_name="Self Test",
        created_at=now,
        updated_at=now,
        lines=[OrderLine(line_id="1", title="Self-test book", quantity=1)],
        shelf="A1",
        pickup_code=pickup_code,
        ready_at=now,
    )


def run_self_test(workdir: Path) -> list[StepResult]:
    """Run every step in order; a failing step does not stop the next ones."""
    _qt_app()
    steps: list[tuple[str, Callable[[], str]]] = [
        ("database", lambda: step_database(workdir)),
        ("translations", step_translations),
        ("slip", step_slip),
        ("pdf", lambda: step_pdf(workdir)),
        ("printers", step_printers),
        ("camera", step_camera),
    ]
    results: list[StepResult] = []
    for name, step in steps:
        start = time.perf_counter()
        try:
            detail, ok = step(), True
        except StepFailed as exc:
            detail, ok = str(exc), False
        except Exception as exc:  # a broken install shows up as any error at all
            detail = f"{type(exc).__name__}: {exc}"
            ok = False
            import logging

            logging.getLogger(__name__).error(
                "self-test step %s failed\n%s", name, traceback.format_exc()
            )
        results.append(StepResult(name, ok, detail, round(time.perf_counter() - start, 3)))
    return results


def cmd_self_test(args: argparse.Namespace, settings: Settings) -> int:
    from counter_app import __version__

    with tempfile.TemporaryDirectory(prefix="counter-self-test-") as tmp:
        results = run_self_test(Path(tmp))
    passed = all(r.ok for r in results)
    if args.json:
        print(
            json.dumps(
                {"version": __version__, "passed": passed, "steps": [asdict(r) for r in results]},
                indent=2,
            )
        )
    else:
        print(f"Counter {__version__} self-test")
        for r in results:
            print(f"  {'ok    ' if r.ok else 'FAILED'}  {r.name:<13} {r.detail}")
        print("all steps passed" if passed else "some steps FAILED (details in the log file)")
    return 0 if passed else 1
