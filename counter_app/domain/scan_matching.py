"""From the orders a scan found to its result: ranking the matches and building what the till says.

Pure Python, no store: the scan service runs the one indexed query, hands the rows here as
`OrderMatch`es and keeps only the statements, the audit row and the confirm transaction. So the
rules (a secret code beats an order number, which beats a keyboard-layout repair; several
orders of the most trusted kind are ambiguous; a collection recorded here moments ago is an
orange, not a red) are tested without a database.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.domain.scan import (
    BagCheck,
    BagVerdict,
    Candidates,
    MatchKind,
    OrderSummary,
    ScanResult,
    Verdict,
    bag_message,
    confirmed_message,
    not_found_verdict,
    recent_here_message,
    recorded_here_recently,
    stage_verdict,
    verdict_message,
)
from counter_app.domain.scan_messages import Message, OrderRef
from counter_app.domain.stages import Stage


@dataclass(frozen=True)
class OrderMatch:
    """An order the scan's lookup found, with what the verdict and the till need of it."""

    pk: int
    order_id: str
    commercial_id: str
    pickup_code: str | None
    stage: Stage
    customer_name: str
    shelf: str
    bag_count: int
    notes: str
    collected_at: datetime | None
    collected_till: str
    item_count: int
    # The marketplace account the order is on (its key) and the name staff read for it.
    marketplace: str = "main"
    marketplace_name: str = ""

    @property
    def ref(self) -> OrderRef:
        """The order named with its marketplace: an order id is unique within one only."""
        return OrderRef(self.order_id, self.marketplace, self.marketplace_name)


def match_of(row: Any, item_count: int | None = None, marketplace_name: str = "") -> OrderMatch:
    """A match from an ORM order row or a SQL result row with the same column names.

    Without `item_count` the row's lines are counted (an ORM row); the lookup's SQL rows
    carry the count their query summed.
    """
    if item_count is None:
        item_count = sum(line.quantity for line in row.lines)
    return OrderMatch(
        pk=row.id,
        order_id=row.order_id,
        commercial_id=row.commercial_id,
        pickup_code=row.pickup_code,
        stage=Stage(row.stage),
        customer_name=row.customer_name,
        shelf=row.shelf,
        bag_count=row.bag_count,
        notes=row.notes,
        collected_at=row.collected_at,
        collected_till=row.collected_till,
        item_count=item_count,
        marketplace=row.marketplace,
        marketplace_name=marketplace_name or row.marketplace,
    )


def best_matches(
    candidates: Candidates, matches: list[OrderMatch]
) -> tuple[MatchKind, list[OrderMatch]]:
    """The matches of the most trusted kind: a secret code, then what was typed, then repairs.

    Within that kind, more than one order means the scan is ambiguous.
    """
    codes = set(candidates.pickup_codes)
    raw = set(candidates.raw_identifiers)
    repaired = set(candidates.repaired_identifiers)
    tiers: list[tuple[MatchKind, list[OrderMatch]]] = [
        (MatchKind.PICKUP_CODE, [m for m in matches if m.pickup_code in codes]),
        (MatchKind.ORDER_ID, [m for m in matches if m.order_id in raw]),
        (MatchKind.COMMERCIAL_ID, [m for m in matches if m.commercial_id in raw]),
        (MatchKind.ORDER_ID, [m for m in matches if m.order_id in repaired]),
        (MatchKind.COMMERCIAL_ID, [m for m in matches if m.commercial_id in repaired]),
    ]
    for kind, found in tiers:
        if found:
            return kind, found
    return MatchKind.ORDER_ID, []


def marketplaces_of(candidates: Candidates, matches: list[OrderMatch]) -> set[str]:
    """The accounts a scan resolves to (whose last sync says whether it is offline).

    Empty when it found no order: then no one account is concerned.
    """
    _kind, found = best_matches(candidates, matches)
    return {m.marketplace for m in found}


def order_summary(match: OrderMatch) -> OrderSummary:
    """What the till shows about a matched order."""
    return OrderSummary(
        order_id=match.order_id,
        commercial_id=match.commercial_id,
        customer_name=match.customer_name,
        item_count=match.item_count,
        shelf=match.shelf,
        bag_count=match.bag_count,
        stage=match.stage,
        marketplace=match.marketplace,
        marketplace_name=match.marketplace_name,
    )


def result_for(
    text: str,
    match: OrderMatch,
    verdict: Verdict,
    matched_by: MatchKind | None,
    offline: bool,
    *,
    till: str,
    now: datetime,
    confirmed_here: Collection[tuple[str, str]] = (),
    confirmed: bool = False,
) -> ScanResult:
    """The result for one order found: its verdict's message, or a recent hand-over's.

    `confirmed_here` are the orders, as (marketplace, order id), this till itself reported
    collected: a rescan of one is a second hand-over (red), not a crash before the bag left
    (orange).
    """
    summary = order_summary(match)
    recent = (
        verdict is Verdict.ALREADY_COLLECTED
        and (match.marketplace, match.order_id) not in confirmed_here
        and recorded_here_recently(match.collected_at, match.collected_till, till, now)
    )
    message: Message
    if recent and match.collected_at is not None:
        message = recent_here_message(match.collected_at, now, offline)
    elif confirmed:
        message = confirmed_message(summary)
    else:
        message = verdict_message(
            verdict,
            order=summary,
            collected_at=match.collected_at,
            collected_till=match.collected_till,
            offline=offline,
        )
    return ScanResult(
        verdict=verdict,
        text=message,
        offline=offline,
        raw_input=text,
        order=summary,
        matched_by=matched_by,
        notes=match.notes,
        pickup_code=match.pickup_code,
        collected_at=match.collected_at,
        collected_till=match.collected_till,
        confirmed=confirmed,
        recorded_here_recently=recent,
    )


def scan_result(
    text: str,
    candidates: Candidates,
    matches: list[OrderMatch],
    offline: bool,
    *,
    till: str,
    now: datetime,
    confirmed_here: Collection[tuple[str, str]] = (),
) -> ScanResult:
    """The verdict for a scan, from its candidates and the orders the lookup found for them.

    An order number on two marketplaces is ambiguous like any two orders: the till names
    each candidate with its marketplace rather than pick one.
    """
    kind, found = best_matches(candidates, matches)
    distinct = {m.pk: m for m in found}
    if len(distinct) > 1:
        refs = tuple(
            sorted(
                (m.ref for m in distinct.values()),
                key=lambda r: (r.order_id, r.marketplace_name, r.marketplace),
            )
        )
        return ScanResult(
            verdict=Verdict.AMBIGUOUS,
            text=verdict_message(Verdict.AMBIGUOUS, candidates=refs, offline=offline),
            offline=offline,
            raw_input=text,
            matched_by=kind,
            candidates=tuple(r.order_id for r in refs),
            candidate_orders=refs,
        )
    if not distinct:
        verdict, reason = not_found_verdict(candidates)
        return simple_result(text, verdict, offline, reason)
    match = next(iter(distinct.values()))
    return result_for(
        text,
        match,
        stage_verdict(match.stage, kind),
        kind,
        offline,
        till=till,
        now=now,
        confirmed_here=confirmed_here,
    )


def simple_result(
    text: str, verdict: Verdict, offline: bool, reason: str | Message = ""
) -> ScanResult:
    """A result with no order: unknown, invalid (with its reason key) or an error."""
    return ScanResult(
        verdict=verdict,
        text=verdict_message(verdict, reason=reason, offline=offline),
        offline=offline,
        raw_input=text,
    )


def server_unreachable_result(text: str, offline: bool) -> ScanResult:
    """The shop's shared server cannot be reached: never a green, never a guess."""
    return ScanResult(
        verdict=Verdict.ERROR,
        text=Message("server_unreachable"),
        offline=offline,
        raw_input=text,
    )


def bag_check(
    expected: str,
    candidates: Candidates,
    matches: list[OrderMatch],
    marketplace: str | None = None,
) -> BagCheck:
    """Whether the orders a bag's slip found are the customer's order, another, or none.

    `marketplace` is the customer's order's account: when another marketplace has an order
    with the same number, the slip's bar code (the number alone) cannot say which bag it is,
    so the till asks to check the marketplace printed on the slip.
    """
    _kind, found = best_matches(candidates, matches)
    ids = {m.order_id for m in found}
    slip: str | None
    same_number = [m for m in found if m.order_id == expected]
    if ids == {expected} and marketplace is not None and len(same_number) > 1:
        name = next(
            (m.marketplace_name for m in same_number if m.marketplace == marketplace), marketplace
        )
        verdict = BagVerdict.CHECK_MARKETPLACE
        message = bag_message(verdict, expected, expected, marketplace=name)
        return BagCheck(verdict, message, expected, expected)
    if ids == {expected}:
        verdict, slip = BagVerdict.MATCH, expected
    elif ids and expected not in ids:
        verdict, slip = BagVerdict.WRONG_BAG, sorted(ids)[0]
    else:
        verdict, slip = BagVerdict.UNREADABLE, None
    return BagCheck(verdict, bag_message(verdict, expected, slip), expected, slip)


def bag_error(expected: str, reason: str | Message) -> BagCheck:
    """The slip could not be checked (the store failed)."""
    return BagCheck(
        BagVerdict.ERROR, bag_message(BagVerdict.ERROR, expected, None, reason), expected
    )
