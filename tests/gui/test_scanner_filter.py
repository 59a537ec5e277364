"""Scanner bursts are told from typing wherever the focus is; typing is never lost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from counter_app.ui.scanner_filter import SCAN_TARGET_PROPERTY, ScannerFilter
from tests.gui.conftest import scan, type_slowly

Rig = tuple[ScannerFilter, QLineEdit, QLineEdit, list[str]]


@pytest.fixture
def rig(qtbot: Any) -> Iterator[Rig]:
    """Two line edits in a window, the scanner filter installed app-wide."""
    host = QWidget()
    qtbot.addWidget(host)
    first, second = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(host)
    layout.addWidget(first)
    layout.addWidget(second)
    host.show()
    qtbot.waitExposed(host)
    scanner = ScannerFilter()
    scanner.install()
    seen: list[str] = []
    scanner.scanned.connect(seen.append)
    yield scanner, first, second, seen
    scanner.uninstall()


def test_a_burst_ending_in_enter_is_a_scan_not_field_text(qtbot: Any, rig: Rig) -> None:
    _, field, _, seen = rig
    field.setText("Lefè")
    scan(qtbot, field, "ABCD-EFGH-JKLM")
    assert seen == ["ABCD-EFGH-JKLM"]
    assert field.text() == "Lefè"
    # Two scans in a row never run together.
    scan(qtbot, field, "CC100123-A")
    assert seen == ["ABCD-EFGH-JKLM", "CC100123-A"]


def test_typing_by_hand_reaches_the_field_unchanged(qtbot: Any, rig: Rig) -> None:
    _, field, _, seen = rig
    returned: list[str] = []
    field.returnPressed.connect(lambda: returned.append(field.text()))
    type_slowly(qtbot, field, "Dubois")
    qtbot.keyClick(field, Qt.Key.Key_Return, delay=90)
    assert field.text() == "Dubois"
    assert returned == ["Dubois"]
    assert seen == []


def test_short_fast_keys_are_typing_not_a_scan(qtbot: Any, rig: Rig) -> None:
    _, field, _, seen = rig
    scan(qtbot, field, "ab")  # two quick keys and Enter: a person, not a scanner
    qtbot.wait(80)
    assert seen == []
    assert field.text() == "ab"


def test_fast_keys_without_enter_are_given_back(qtbot: Any, rig: Rig) -> None:
    _, field, _, seen = rig
    qtbot.keyClicks(field, "B12", delay=2)
    qtbot.waitUntil(lambda: field.text() == "B12", timeout=1000)
    assert seen == []


def test_a_field_that_accepts_scans_gets_the_code(qtbot: Any, rig: Rig) -> None:
    _, _, other, seen = rig
    other.setProperty(SCAN_TARGET_PROPERTY, True)
    entered: list[str] = []
    other.returnPressed.connect(lambda: entered.append(other.text()))
    scan(qtbot, other, "SHELF-B3")
    assert other.text() == "SHELF-B3"
    assert entered == ["SHELF-B3"]
    assert seen == []
