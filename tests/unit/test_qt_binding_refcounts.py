"""The pinned Qt binding must not wear down the reference counts of None, True and False.

PySide6 6.12.0 wheels drop a reference to None on every void call under Python 3.11, and a
counter window making millions of such calls a day would abort with "deallocating None". This
guards the pin: a binding with that fault fails here, long before a shop's till crashes.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QWidget

CALLS = 20_000


def test_void_calls_keep_none_true_false_references(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    rect = QRectF(0, 0, 1, 1)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(CALLS):
        rect.setX(1.0)
        widget.setEnabled(True)
        widget.setVisible(False)
        widget.isVisible()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    # A leak-free binding leaves the counts within a few of where they were; a faulty one
    # moves them by about CALLS.
    assert all(abs(a - b) < CALLS // 10 for a, b in zip(after, before, strict=True)), (
        before,
        after,
    )
