"""The real counter window under Xvfb, typed into by xdotool the way a USB scanner types.

Each test starts `python -m counter_app gui` on a till home synced from a loopback
marketplace, puts the keyboard focus somewhere (the list, the search box, a dialog), lets a
"scanner" type a code with capitals (so Shift around them), a US scanner on a French or
German PC (`setxkbmap fr|de`), or a Tab or CR+LF suffix, then confirms as a person would.
What is checked: the verdict the window painted and what its fields held (its diagnostic
log), and, first of all, the store read back through the CLI: collected, exactly once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from tests.os_input.conftest import Till
from tests.os_input.xsession import CounterWindow, UsScanner

WindowFactory = Callable[..., CounterWindow]


def _focus_list(window: CounterWindow) -> dict[str, Any]:
    """The Ready tab (Ctrl+3), then a click in the list, as staff do."""
    mark = window.mark()
    window.person_keys("ctrl+3")
    window.click_in_window(0.3, 0.6)
    return window.wait_focus("orderTable", after=mark)


def _scan(window: CounterWindow, strokes: list[str]) -> dict[str, Any]:
    """One scanner burst (one xdotool run), then the verdict it gave."""
    mark = window.mark()
    window.keys(*strokes)
    return _one_verdict(window, mark)


def _one_verdict(window: CounterWindow, mark: int) -> dict[str, Any]:
    """The verdict after `mark`, with the text the window took as the scan ("scanned")."""
    verdict = window.wait_verdict(mark)
    time.sleep(0.3)  # anything a suffix could still do (a second scan, a confirmation)
    assert len(window.verdicts(mark)) == 1, window.verdicts(mark)
    scans = [e["text"] for e in window.events()[mark:] if e["event"] == "scanned"]
    return {**verdict, "scanned": scans}


def _type_scan(window: CounterWindow, text: str) -> dict[str, Any]:
    """`xdotool type` as a scanner set to the PC's own layout types (capitals: Shift).

    The suffix is part of `text` ("\r" is typed as Return): one xdotool run, no pause.
    """
    mark = window.mark()
    window.session.xdotool("type", "--delay", "5", text)
    return _one_verdict(window, mark)


def _confirm(window: CounterWindow, key: str = "Return") -> dict[str, Any]:
    """A person confirms the hand-over; the window answers with the recorded collection."""
    mark = window.mark()
    window.person_keys(key)
    return window.wait_verdict(mark)


def _assert_collected_once(till: Till, order_id: str) -> None:
    order = till.order(order_id)  # `counter-app orders show ID --json`
    assert order["stage"] == "collected", order
    assert order["collected_till"] == "till-os"
    assert till.collections(order) == 1, order["history"]


def test_capitals_with_the_focus_on_the_list(open_window: WindowFactory, till: Till) -> None:
    order_id, code = till.take()
    window = open_window()
    before = _focus_list(window)
    events = till.scan_events()
    verdict = _type_scan(window, code + "\r")
    assert (verdict["verdict"], verdict["order_id"]) == ("ok", order_id), verdict
    assert verdict["focus"] == "orderTable"
    assert verdict["fields"] == before["fields"]
    assert till.stage(order_id) == "ready"  # nothing confirmed by the scan itself
    done = _confirm(window)
    assert done["verdict"] == "ok" and done["order_id"] == order_id
    _assert_collected_once(till, order_id)
    assert till.scan_events() == events + 2  # the scan and the hand-over


def test_capitals_in_the_search_box(open_window: WindowFactory, till: Till) -> None:
    order_id, code = till.take()
    window = open_window()
    mark = window.mark()
    window.person_keys("ctrl+f")
    window.wait_focus("searchBox", after=mark)
    window.person_types("Mar")  # a person had started a search
    verdict = _type_scan(window, code + "\r")
    assert (verdict["verdict"], verdict["order_id"]) == ("ok", order_id), verdict
    assert verdict["focus"] == "searchBox"
    assert verdict["fields"]["mainWindow/searchBox"] == "Mar"
    assert verdict["fields"]["mainWindow/scanField"] == ""
    _confirm(window, "F4")  # Enter in a search box with text belongs to the search
    _assert_collected_once(till, order_id)


def test_capitals_in_the_note_dialog(open_window: WindowFactory, till: Till) -> None:
    noted_id, noted_code = till.take()
    order_id, code = till.take()
    window = open_window()
    _focus_list(window)
    # The order being noted is the one on screen: the last one scanned, band cleared.
    first = _type_scan(window, noted_code + "\r")
    assert first["order_id"] == noted_id
    window.person_keys("Escape")
    mark = window.mark()
    window.person_keys("ctrl+n")
    opened = window.wait_focus("QPlainTextEdit", after=mark, modal=True)
    window.person_types("Sac Bleu")
    verdict = _type_scan(window, code + "\r")
    assert (verdict["verdict"], verdict["order_id"]) == ("ok", order_id), verdict
    assert verdict["modal"] == opened["modal"], "the dialog stays open"
    notes = {k: v for k, v in verdict["fields"].items() if "QPlainTextEdit" in k}
    assert list(notes.values()) == ["Sac Bleu"], verdict["fields"]
    mark = window.mark()
    ok_x, ok_y = verdict["buttons"]["OK"]
    window.click(ok_x, ok_y)
    window.wait_for(lambda e: e["event"] == "focus" and e["modal"] is None, after=mark)
    noted = till.order(noted_id)
    assert noted["notes"].strip().endswith("Sac Bleu"), noted["notes"]
    assert code.replace("-", "") not in noted["notes"].replace("-", "").upper()
    _confirm(window)  # back in the list: Enter hands over the order scanned meanwhile
    _assert_collected_once(till, order_id)
    assert till.stage(noted_id) == "ready"


def _layout_case(open_window: WindowFactory, till: Till, layout: str) -> None:
    order_id, code = till.take()
    number_id, _ = till.take()
    window = open_window(layout)
    _focus_list(window)
    # The order number first (a slip's barcode): found, but only by number.
    by_number = _scan(window, UsScanner.strokes(number_id))
    assert (by_number["verdict"], by_number["order_id"]) == ("needs_check", number_id), by_number
    window.person_keys("Escape")  # next customer
    verdict = _scan(window, UsScanner.strokes(code))
    assert (verdict["verdict"], verdict["order_id"]) == ("ok", order_id), verdict
    _confirm(window)
    _assert_collected_once(till, order_id)
    assert till.stage(number_id) == "ready"


def test_a_us_scanner_on_a_french_azerty_pc(open_window: WindowFactory, till: Till) -> None:
    _layout_case(open_window, till, "fr")


def test_a_us_scanner_on_a_german_qwertz_pc(open_window: WindowFactory, till: Till) -> None:
    _layout_case(open_window, till, "de")


def test_a_tab_suffix_is_a_scan_and_moves_no_focus(open_window: WindowFactory, till: Till) -> None:
    order_id, code = till.take()
    window = open_window()
    before = _focus_list(window)
    verdict = _scan(window, UsScanner.strokes(code, "tab"))
    assert (verdict["verdict"], verdict["order_id"]) == ("ok", order_id), verdict
    assert window.events()[-1]["focus"] == "orderTable"
    assert verdict["fields"] == before["fields"]
    _confirm(window)
    _assert_collected_once(till, order_id)


def test_a_cr_lf_suffix_is_one_scan_and_confirms_nothing(
    open_window: WindowFactory, till: Till
) -> None:
    order_id, code = till.take()
    other_id, other_code = till.take()
    window = open_window()
    mark = window.mark()
    window.person_keys("ctrl+f")
    window.wait_focus("searchBox", after=mark)
    # CR as Return, LF as Ctrl+J.
    events = till.scan_events()
    verdict = _scan(window, UsScanner.strokes(code, "crlf"))
    assert (verdict["verdict"], verdict["order_id"]) == ("ok", order_id), verdict
    assert verdict["fields"]["mainWindow/searchBox"] == ""
    assert till.stage(order_id) == "ready"  # the LF confirmed nothing
    assert till.scan_events() == events + 1
    _confirm(window, "F4")
    _assert_collected_once(till, order_id)
    # CR+LF as `xdotool type` sends "\r\n": Return, then a Linefeed key.
    window.person_keys("Escape")
    _focus_list(window)
    verdict = _type_scan(window, other_code + "\r\n")
    assert (verdict["verdict"], verdict["order_id"]) == ("ok", other_id), verdict
    assert till.stage(other_id) == "ready"
    _confirm(window)
    _assert_collected_once(till, other_id)


def test_capitals_in_the_mark_ready_dialog(open_window: WindowFactory, till: Till) -> None:
    order_id, code = till.take()
    preparing = till.to_prepare.pop()
    window = open_window()
    _focus_list(window)
    # The prepared order's slip (its order number) shows it: not ready yet.
    shown = _scan(window, UsScanner.strokes(preparing))
    assert (shown["verdict"], shown["order_id"]) == ("not_ready", preparing), shown
    window.person_keys("Escape")
    mark = window.mark()
    window.person_keys("F3")
    window.wait_focus("shelfField", after=mark, modal=True)
    mark = window.mark()
    window.person_keys("Tab")  # to the bag count: the shelf field takes scans on purpose
    window.wait_for(lambda e: e["event"] == "focus" and e["focus"] != "shelfField", after=mark)
    verdict = _type_scan(window, code + "\r")
    assert (verdict["verdict"], verdict["order_id"]) == ("ok", order_id), verdict
    assert verdict["modal"] == "readyDialog", "the dialog stays open"
    assert verdict["fields"]["readyDialog/shelfField"] == ""
    assert [v for k, v in verdict["fields"].items() if "QSpinBox" in k] == ["1"]
    mark = window.mark()
    window.person_keys("shift+Tab")
    window.wait_focus("shelfField", after=mark, modal=True)
    mark = window.mark()
    window.person_types("a7\r")
    closed = window.wait_for(
        lambda e: e["event"] == "focus" and e["modal"] != "readyDialog", after=mark
    )
    if closed["modal"] is not None:  # a print preview, where no printer is set up
        mark = window.mark()
        window.person_keys("Escape")
        window.wait_for(lambda e: e["event"] == "focus" and e["modal"] is None, after=mark)
    assert till.orders_on_shelf("A7") == [(preparing, "ready", 1)]
    _confirm(window)  # Enter hands over the order scanned while the dialog was open
    _assert_collected_once(till, order_id)
