"""Turns scans into what the till shows: the scan service's verdicts as coloured band contents.

It also carries the bag check: after a customer's code, a scan that is not a pickup code is
taken as the bag's slip and checked against the customer's order.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from counter_app.domain.bags import BagTally, needs_bag_warning
from counter_app.domain.pickup_code import parse_pickup_code
from counter_app.domain.scan import BagCheck, BagVerdict, ScanResult, Verdict
from counter_app.domain.stages import Stage
from counter_app.ui.domain_texts import offline_note, scan_text
from counter_app.ui.seams import ScanChecker
from counter_app.ui.verdict_band import Tone, VerdictDisplay

log = logging.getLogger(__name__)

VERDICT_TONES: dict[Verdict, Tone] = {
    Verdict.OK: Tone.OK,
    Verdict.ALREADY_COLLECTED: Tone.BAD,
    Verdict.NOT_READY: Tone.WARN,
    Verdict.CANCELED: Tone.BAD,
    Verdict.NEEDS_CHECK: Tone.WARN,
    Verdict.UNKNOWN: Tone.BAD,
    Verdict.INVALID: Tone.BAD,  # nothing to hand over on a code that does not read
    Verdict.AMBIGUOUS: Tone.WARN,
    Verdict.ERROR: Tone.BAD,
}

SOUND_FOR_TONE: dict[Tone, str] = {Tone.OK: "ok", Tone.WARN: "warn", Tone.BAD: "bad"}


def verdict_headline(verdict: Verdict) -> str:
    tr = QCoreApplication.translate
    return {
        Verdict.OK: tr("Verdict", "Hand over"),
        Verdict.ALREADY_COLLECTED: tr("Verdict", "Already collected"),
        Verdict.NOT_READY: tr("Verdict", "Not ready"),
        Verdict.CANCELED: tr("Verdict", "Canceled order"),
        Verdict.NEEDS_CHECK: tr("Verdict", "Check the customer's name"),
        Verdict.UNKNOWN: tr("Verdict", "Unknown code"),
        Verdict.INVALID: tr("Verdict", "Invalid code"),
        Verdict.AMBIGUOUS: tr("Verdict", "Several orders match"),
        Verdict.ERROR: tr("Verdict", "Scan not checked"),
    }[verdict]


def display_for_result(result: ScanResult, name_marketplace: bool = False) -> VerdictDisplay:
    """Band contents for a scan or a confirmation.

    With `name_marketplace` (the shop sells on several) the band names the order's
    marketplace: the same order number may be another marketplace's order.
    """
    order = result.order
    headline = verdict_headline(result.verdict)
    message = scan_text(result.text)
    if result.verdict is Verdict.OK and not result.confirmed:
        # The band already shows name, items and shelf in large type; keep only what adds.
        message = offline_note() if result.offline else ""
    if result.notes:
        message = f"{result.notes}\n{message}".strip()
    if result.confirmed:
        headline = QCoreApplication.translate("Verdict", "Collected ✔")
    tone = VERDICT_TONES.get(result.verdict, Tone.BAD)
    if result.recorded_here_recently:
        # Recorded at this till moments ago (a crash before the bag crossed the counter?):
        # orange, check then hand over; not the red refusal meant for a second customer.
        headline = QCoreApplication.translate("Verdict", "Recorded here just now")
        tone = Tone.WARN
    return VerdictDisplay(
        tone=tone,
        headline=headline,
        customer=order.customer_name if order else "",
        item_count=order.item_count if order else None,
        shelf=order.shelf if order else "",
        bag_count=order.bag_count if order else 1,
        message=message,
        order_id=result.order_id,
        marketplace=result.marketplace,
        marketplace_name=order.marketplace_name if order and name_marketplace else "",
        confirmable=not result.confirmed and result.verdict in (Verdict.OK, Verdict.NEEDS_CHECK),
        verdict=result.verdict.value,
        offline=result.offline,
    )


def display_for_bag(
    check: BagCheck, customer: VerdictDisplay | None, tally: BagTally | None = None
) -> VerdictDisplay:
    """Band contents after a bag slip: the customer's details stay, the colour says it all.

    With a `tally` of several bags, a good slip says which bag it was and how many are left.
    """
    tr = QCoreApplication.translate
    headline = {
        BagVerdict.MATCH: tr("Verdict", "Bag matches"),
        BagVerdict.CHECK_MARKETPLACE: tr("Verdict", "Check the slip's marketplace"),
        BagVerdict.WRONG_BAG: tr("Verdict", "Wrong bag"),
        BagVerdict.UNREADABLE: tr("Verdict", "Slip not recognised"),
        BagVerdict.ERROR: tr("Verdict", "Slip not checked"),
    }[check.verdict]
    tone = {
        BagVerdict.MATCH: Tone.OK,
        BagVerdict.WRONG_BAG: Tone.BAD,
    }.get(check.verdict, Tone.WARN)
    base = customer or VerdictDisplay(tone=tone, headline=headline)
    message = scan_text(check.text)
    if tally is not None and tally.several and check.verdict is BagVerdict.MATCH:
        headline = (
            tr("Verdict", "Bag %1/%2: right bag")
            .replace("%1", str(tally.checked))
            .replace("%2", str(tally.expected))
        )
        if tally.complete:
            left = tr("Verdict", "All %n bags checked.", "", tally.expected)
        else:
            left = tr("Verdict", "%n bag(s) left to scan.", "", tally.remaining)
        message = f"{left} {message}"
    return VerdictDisplay(
        tone=tone,
        headline=headline,
        customer=base.customer,
        item_count=base.item_count,
        shelf=base.shelf,
        bag_count=base.bag_count,
        message=message,
        order_id=base.order_id,
        marketplace=base.marketplace,
        marketplace_name=base.marketplace_name,
        confirmable=base.confirmable and check.verdict is not BagVerdict.WRONG_BAG,
        verdict=f"bag_{check.verdict.value}",
        offline=base.offline,
    )


def _with_collect_by(message: str, result: ScanResult, service: ScanChecker) -> str:
    """The band's message with the order's collect-by day (when it is ready)."""
    from counter_app.ui.pickup_texts import band_note

    summary = result.order
    repo = getattr(service, "repo", None)
    if summary is None or summary.stage is not Stage.READY or repo is None:
        return message
    # The scan's summary has no ready time: one read by the order id on its marketplace.
    settings = getattr(service, "settings", None)
    order = repo.get_order(summary.order_id, summary.marketplace)
    note = band_note(order, getattr(settings, "pickup_days", 10))
    return f"{message} · {note}".strip(" ·") if note else message


class ScanDesk:
    """The till's scan logic: resolve, confirm, bag check; knows no widget."""

    def __init__(self, service: ScanChecker) -> None:
        self.service = service
        # The customer verdict a bag slip is checked against (None: no customer in front).
        self.customer: VerdictDisplay | None = None
        # The customer's bags checked so far (None: no customer in front).
        self.bags: BagTally | None = None

    def handle_scan(self, text: str) -> VerdictDisplay:
        if self.customer is not None and self.customer.order_id and not parse_pickup_code(text):
            check = self.service.check_bag(self.customer.order_id, text, self.customer.marketplace)
            if check.verdict is not BagVerdict.UNREADABLE:
                if check.verdict is BagVerdict.MATCH and self.bags is not None:
                    self.bags.record()
                return display_for_bag(check, self.customer, self.bags)
        result = self.service.resolve(text)
        display = display_for_result(result, self.several_marketplaces)
        display.message = _with_collect_by(display.message, result, self.service)
        if display.order_id and display.tone is not Tone.BAD:
            self.customer = display
            self.bags = BagTally(display.order_id, display.bag_count)
        else:
            self.forget_customer()
        return display

    def bags_unchecked(self, order_id: str, bag_count: int) -> int:
        """How many of a several-bag order's bags were not checked before its hand-over.

        0 for a one-bag order or when every bag's slip was scanned for this customer.
        """
        tally = self.bags if self.bags is not None and self.bags.order_id == order_id else None
        if tally is None:
            tally = BagTally(order_id, bag_count)
        return tally.remaining if needs_bag_warning(tally) else 0

    @property
    def several_marketplaces(self) -> bool:
        """The shop sells on several marketplaces (the band then names the order's)."""
        settings = getattr(self.service, "settings", None)
        return settings is not None and len(settings.effective_accounts()) > 1

    def marketplace_of(self, order_id: str) -> str | None:
        """The marketplace of the customer's order when it is `order_id` (else None)."""
        customer = self.customer
        if customer is not None and customer.order_id == order_id:
            return customer.marketplace
        return None

    def confirm(self, order_id: str, marketplace: str | None = None) -> VerdictDisplay:
        """Record the hand-over of the order on `marketplace`, by default the scanned one's:
        never another marketplace's order with the same number."""
        key = marketplace if marketplace is not None else self.marketplace_of(order_id)
        result = self.service.confirm(order_id, key)
        display = display_for_result(result, self.several_marketplaces)
        if self.customer is not None:
            # After the hand-over a bag slip may still be checked, but not confirmed again.
            self.customer.confirmable = False
        return display

    def forget_customer(self) -> None:
        self.customer = None
        self.bags = None
