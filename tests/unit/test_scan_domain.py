"""Scan clean-up, candidate extraction and verdict rules, without a store."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.keyboard_layouts import Layout, garble
from counter_app.domain.pickup_code import format_pickup_code, new_pickup_code
from counter_app.domain.scan import (
    MatchKind,
    OrderSummary,
    Verdict,
    clean_scan_text,
    extract_candidates,
    not_found_verdict,
    stage_verdict,
    verdict_message,
)
from counter_app.domain.stages import Stage


def test_clean_up_removes_controls_prefixes_and_eci() -> None:
    assert clean_scan_text("\x02]Q1ABC-123\x03\r\n") == "ABC-123"
    assert clean_scan_text("]C0\\000026 12345678-A\t") == "12345678-A"
    assert clean_scan_text("  a\u200bb\u00a0c  ") == "a b c"
    assert clean_scan_text("\x00\x1b\r\n") == ""


def test_code_and_numbers_are_extracted_from_urls_and_text() -> None:
    code = new_pickup_code()
    found = extract_candidates(f"https://shop.example/r?c={format_pickup_code(code)}&o=123456-A")
    assert found.pickup_codes == [code]
    assert "123456-A" in found.raw_identifiers


def test_garbled_order_number_is_a_repaired_candidate() -> None:
    for layout in Layout:
        found = extract_candidates(garble("12345678-A", layout))
        assert "12345678-A" in found.raw_identifiers + found.repaired_identifiers


def test_eci_and_aim_prefix_are_removed_after_layout_repair() -> None:
    typed = garble("]Q1\\00002612345678-A", Layout.FR_AZERTY)
    assert "12345678-A" in extract_candidates(typed).repaired_identifiers


def test_verdict_order_validity_then_collection_then_stage() -> None:
    code = MatchKind.PICKUP_CODE
    number = MatchKind.ORDER_ID
    assert stage_verdict(Stage.READY, code) is Verdict.OK
    assert stage_verdict(Stage.READY, number) is Verdict.NEEDS_CHECK
    assert stage_verdict(Stage.COLLECTED, number) is Verdict.ALREADY_COLLECTED
    assert stage_verdict(Stage.CANCELED, code) is Verdict.CANCELED
    for stage in (Stage.TO_ACCEPT, Stage.AWAITING_PAYMENT, Stage.TO_PREPARE, Stage.UNKNOWN):
        assert stage_verdict(stage, code) is Verdict.NOT_READY


def test_not_found_tells_invalid_from_unknown() -> None:
    code = new_pickup_code()
    wrong = code[:-1] + ("B" if code[-1] != "B" else "C")
    assert not_found_verdict(extract_candidates(code))[0] is Verdict.UNKNOWN
    assert not_found_verdict(extract_candidates(wrong)) == (Verdict.INVALID, "check")
    assert not_found_verdict(extract_candidates("12345678-A"))[0] is Verdict.UNKNOWN
    assert not_found_verdict(extract_candidates("")) == (Verdict.INVALID, "empty")
    assert not_found_verdict(extract_candidates("hello there")) == (Verdict.INVALID, "garbage")


def test_every_verdict_has_a_message() -> None:
    order = OrderSummary("1-A", "1", "Léa Martin", 2, "B3", 1, Stage.TO_PREPARE)
    for verdict in Verdict:
        text = str(verdict_message(verdict, order=order, reason="disk full", candidates=("1", "2")))
        assert text and "{" not in text
    assert "Léa Martin" in str(verdict_message(Verdict.NEEDS_CHECK, order=order))
    assert "Offline" in str(verdict_message(Verdict.OK, order=order, offline=True))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=10_000))
def test_extraction_never_raises_and_stays_small(text: str) -> None:
    found = extract_candidates(text)
    assert len(found.all_identifiers) <= 48
    assert all(len(i) <= 64 for i in found.all_identifiers)


def test_repairs_are_looked_up_even_after_a_long_typed_text() -> None:
    noise = " ".join(f"ref{n:04d}" for n in range(100))
    found = extract_candidates(noise + " " + garble("12345678-A", Layout.DE_QWERTZ))
    assert "12345678-A" in found.repaired_identifiers
    assert len(found.all_identifiers) <= 48
