"""Match ranking and result building of a scan, without a database (`domain.scan_matching`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from counter_app.domain.pickup_code import format_pickup_code, new_pickup_code
from counter_app.domain.scan import BagVerdict, MatchKind, Verdict, extract_candidates
from counter_app.domain.scan_matching import (
    OrderMatch,
    bag_check,
    best_matches,
    result_for,
    scan_result,
    server_unreachable_result,
    simple_result,
)
from counter_app.domain.scan_messages import Message
from counter_app.domain.stages import Stage

NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
CODE = new_pickup_code()


def _match(pk: int = 1, **changes: object) -> OrderMatch:
    base = OrderMatch(
        pk=pk,
        order_id=f"7100000{pk}-A",
        commercial_id=f"7100000{pk}",
        pickup_code=None,
        stage=Stage.READY,
        customer_name="Léa Martin",
        shelf="B3",
        bag_count=1,
        notes="",
        collected_at=None,
        collected_till="",
        item_count=3,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_pickup_code_outranks_an_order_number_that_also_matches() -> None:
    by_code = _match(1, pickup_code=CODE)
    by_number = _match(2, order_id=CODE)  # an order id that happens to read like the code
    kind, found = best_matches(extract_candidates(CODE), [by_number, by_code])
    assert kind is MatchKind.PICKUP_CODE and found == [by_code]


def test_what_was_typed_outranks_a_keyboard_layout_repair() -> None:
    typed = _match(1, order_id="A1234")
    repaired = _match(2, order_id="Q1234")
    candidates = extract_candidates("A1234")
    candidates.repaired_identifiers = ["Q1234"]
    kind, found = best_matches(candidates, [repaired, typed])
    assert kind is MatchKind.ORDER_ID and found == [typed]
    # With nothing typed matching, the repair is found, as an order number (never as a code).
    kind, found = best_matches(candidates, [repaired])
    assert kind is MatchKind.ORDER_ID and found == [repaired]
    assert best_matches(candidates, []) == (MatchKind.ORDER_ID, [])


def test_commercial_id_is_found_after_the_order_id() -> None:
    shop = _match(1, commercial_id="C-555")
    kind, found = best_matches(extract_candidates("C-555"), [shop])
    assert kind is MatchKind.COMMERCIAL_ID and found == [shop]


def test_code_gives_ok_number_gives_needs_check_with_the_order_summary() -> None:
    ok = scan_result(
        format_pickup_code(CODE),
        extract_candidates(format_pickup_code(CODE)),
        [_match(1, pickup_code=CODE)],
        False,
        till="caisse-1",
        now=NOW,
    )
    assert ok.verdict is Verdict.OK and ok.matched_by is MatchKind.PICKUP_CODE
    assert ok.order is not None and ok.order.item_count == 3 and ok.order.shelf == "B3"
    assert ok.message == "Hand over: Léa Martin — 3 items, shelf B3."
    number = scan_result(
        "71000001-A", extract_candidates("71000001-A"), [_match(1)], True, till="", now=NOW
    )
    assert number.verdict is Verdict.NEEDS_CHECK and number.offline
    assert number.text.key == "verdict.needs_check" and number.text.offline
    assert number.message.endswith("Offline: orders may have changed since the last sync.")


def test_two_orders_of_the_same_rank_are_ambiguous_with_sorted_ids() -> None:
    first, second = _match(2, commercial_id="C-9"), _match(1, commercial_id="C-9")
    result = scan_result("C-9", extract_candidates("C-9"), [first, second], False, till="", now=NOW)
    assert result.verdict is Verdict.AMBIGUOUS and result.order is None
    assert result.candidates == ("71000001-A", "71000002-A")
    assert result.message == (
        "Several orders match (71000001-A, 71000002-A): search by name instead."
    )
    # The same row twice (found by code and by number) is one order, not an ambiguity.
    same = _match(1, pickup_code=CODE, order_id=CODE)
    once = scan_result(CODE, extract_candidates(CODE), [same, same], False, till="", now=NOW)
    assert once.verdict is Verdict.OK


def test_nothing_found_is_unknown_or_invalid_with_its_reason() -> None:
    unknown = scan_result(CODE, extract_candidates(CODE), [], False, till="", now=NOW)
    assert unknown.verdict is Verdict.UNKNOWN and unknown.text == Message("verdict.unknown")
    garbage = scan_result("hello", extract_candidates("hello"), [], False, till="", now=NOW)
    assert garbage.verdict is Verdict.INVALID
    assert garbage.text.fields["reason"] == Message("invalid.garbage")
    assert garbage.message == (
        "Not a valid code: this is neither a pickup code nor an order number."
    )


def test_collected_here_moments_ago_is_the_recent_hand_over_unless_this_till_said_done() -> None:
    done = _match(
        1,
        pickup_code=CODE,
        stage=Stage.COLLECTED,
        collected_at=NOW - timedelta(seconds=40),
        collected_till="caisse-1",
    )
    recent = scan_result(CODE, extract_candidates(CODE), [done], False, till="caisse-1", now=NOW)
    assert recent.verdict is Verdict.ALREADY_COLLECTED and recent.recorded_here_recently
    assert recent.message.startswith("Recorded here 40 s ago")
    # This till reported the collection itself: a rescan is a second customer, refused.
    said = scan_result(
        CODE,
        extract_candidates(CODE),
        [done],
        False,
        till="caisse-1",
        now=NOW,
        confirmed_here={(done.marketplace, done.order_id)},
    )
    assert not said.recorded_here_recently and "Do not hand over" in said.message
    # Another till, or long ago: refused too.
    elsewhere = scan_result(CODE, extract_candidates(CODE), [done], False, till="caisse-2", now=NOW)
    assert not elsewhere.recorded_here_recently and "till caisse-1" in elsewhere.message
    later = NOW + timedelta(hours=1)
    old = scan_result(CODE, extract_candidates(CODE), [done], False, till="caisse-1", now=later)
    assert not old.recorded_here_recently


def test_stages_other_than_ready_are_refused_with_their_words() -> None:
    for stage, verdict in (
        (Stage.TO_PREPARE, Verdict.NOT_READY),
        (Stage.CANCELED, Verdict.CANCELED),
        (Stage.UNKNOWN, Verdict.NOT_READY),
    ):
        found = _match(1, pickup_code=CODE, stage=stage)
        result = scan_result(CODE, extract_candidates(CODE), [found], False, till="", now=NOW)
        assert result.verdict is verdict and not result.hand_over
    not_ready = result_for(
        "x", _match(1, stage=Stage.TO_PREPARE), Verdict.NOT_READY, None, False, till="", now=NOW
    )
    assert not_ready.message == "Not ready yet (stage: to prepare). Do not hand over."


def test_a_confirmed_result_says_the_collection_is_recorded() -> None:
    result = result_for(
        "71000001-A",
        _match(1, shelf="", item_count=1),
        Verdict.OK,
        MatchKind.ORDER_ID,
        True,
        till="caisse-1",
        now=NOW,
        confirmed=True,
    )
    assert result.confirmed and result.hand_over
    # No offline note on a recorded collection: it is done, whatever the sync says.
    assert result.message == "Collection recorded: hand over to Léa Martin — 1 item, shelf ?."


def test_bag_slip_matches_is_another_order_or_unreadable() -> None:
    mine, other = _match(1), _match(2)
    good = bag_check("71000001-A", extract_candidates("71000001-A"), [mine])
    assert good.verdict is BagVerdict.MATCH and good.slip_order_id == "71000001-A"
    wrong = bag_check("71000001-A", extract_candidates("71000002-A"), [other])
    assert wrong.loud and wrong.slip_order_id == "71000002-A"
    assert wrong.message == "WRONG BAG! This slip is for order 71000002-A, not 71000001-A."
    none = bag_check("71000001-A", extract_candidates("nothing"), [])
    assert none.verdict is BagVerdict.UNREADABLE and none.slip_order_id is None
    # Two orders on one slip, one of them the customer's: not proof of either, rescan.
    both = bag_check("71000001-A", extract_candidates("71000001-A 71000002-A"), [mine, other])
    assert both.verdict is BagVerdict.UNREADABLE


def test_errors_keep_the_system_words_or_say_the_server_is_unreachable() -> None:
    error = simple_result("x", Verdict.ERROR, True, "disk I/O error")
    assert error.message == (
        "The scan could not be checked: disk I/O error "
        "Offline: orders may have changed since the last sync."
    )
    unreachable = server_unreachable_result("x", True)
    assert unreachable.verdict is Verdict.ERROR and not unreachable.text.offline
    assert unreachable.message == "Cannot check: shop server unreachable — do not hand over yet."
