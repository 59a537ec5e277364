"""Scan verdicts: input clean-up, what to look up, the verdict enum, results and their messages.

Pure Python, no store: `extract_candidates` turns whatever a scanner typed into the pickup codes
and order numbers worth looking up (raw first, then each keyboard-layout repair), and
`decide_verdict` turns what the store found into one verdict. All messages shown to people live
in `VERDICT_MESSAGES` / `BAG_MESSAGES` so they can be translated in one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from urllib.parse import unquote

from counter_app.domain.keyboard_layouts import repair_candidates
from counter_app.domain.pickup_code import looks_like_pickup_code, parse_pickup_code
from counter_app.domain.stages import Stage

# Longer input is cut before any work: nothing we look up is anywhere near this long, and a
# stuck scanner or a pasted document must not slow the till down.
MAX_INPUT_CHARS = 2000
# Identifiers looked up per scan, over all variants; keeps every scan to one small indexed query.
MAX_IDENTIFIERS = 48
MAX_IDENTIFIER_LENGTH = 64


class Verdict(StrEnum):
    """The one answer a scan gets."""

    OK = "ok"
    ALREADY_COLLECTED = "already_collected"
    NOT_READY = "not_ready"
    CANCELED = "canceled"
    NEEDS_CHECK = "needs_check"
    UNKNOWN = "unknown"
    INVALID = "invalid"
    AMBIGUOUS = "ambiguous"
    ERROR = "error"


class MatchKind(StrEnum):
    """How the scan found its order; a secret code is proof, an order number is not."""

    PICKUP_CODE = "pickup_code"
    ORDER_ID = "order_id"
    COMMERCIAL_ID = "commercial_id"


class BagVerdict(StrEnum):
    """Answer to scanning a bag's slip after a customer's code."""

    MATCH = "match"
    WRONG_BAG = "wrong_bag"
    UNREADABLE = "unreadable"
    ERROR = "error"


# One place for every message a person sees; `{…}` fields come from the result.
VERDICT_MESSAGES: dict[Verdict, str] = {
    Verdict.OK: "Hand over: {customer} — {items}, shelf {shelf}.",
    Verdict.ALREADY_COLLECTED: "Already collected on {collected_at} at till {till}. "
    "Do not hand over.",
    Verdict.NOT_READY: "Not ready yet (stage: {stage}). Do not hand over.",
    Verdict.CANCELED: "This order was canceled. Do not hand over.",
    Verdict.NEEDS_CHECK: "Found by order number, not by pickup code: check that the customer "
    "is {customer} before handing over ({items}, shelf {shelf}).",
    Verdict.UNKNOWN: "No order found for this code.",
    Verdict.INVALID: "Not a valid code: {reason}",
    Verdict.AMBIGUOUS: "Several orders match ({orders}): search by name instead.",
    Verdict.ERROR: "The scan could not be checked: {reason}",
}
# The shop's shared server cannot be reached: never a green, never a guess.
SERVER_UNREACHABLE_MESSAGE = "Cannot check: shop server unreachable — do not hand over yet."
CONFIRMED_MESSAGE = "Collection recorded: hand over to {customer} — {items}, shelf {shelf}."
INVALID_REASONS: dict[str, str] = {
    "empty": "nothing readable was scanned.",
    "check": "a character is wrong (check character); rescan or retype it.",
    "garbage": "this is neither a pickup code nor an order number.",
}
STAGE_LABELS: dict[str, str] = {
    Stage.TO_ACCEPT: "to accept",
    Stage.AWAITING_PAYMENT: "awaiting payment",
    Stage.TO_PREPARE: "to prepare",
    Stage.READY: "ready",
    Stage.COLLECTED: "collected",
    Stage.CANCELED: "canceled",
    Stage.UNKNOWN: "unknown",
}
BAG_MESSAGES: dict[BagVerdict, str] = {
    BagVerdict.MATCH: "Bag matches order {expected}.",
    BagVerdict.WRONG_BAG: "WRONG BAG! This slip is for order {slip}, not {expected}.",
    BagVerdict.UNREADABLE: "Slip not recognised: scan the bag's slip again.",
    BagVerdict.ERROR: "The slip could not be checked: {reason}",
}
OFFLINE_NOTE = "Offline: orders may have changed since the last sync."
# A collection recorded at this very till moments ago is most likely a hand-over whose window
# crashed or was closed before the bag crossed the counter: say so rather than refuse.
RECENT_HERE_SECONDS = 5 * 60
RECENT_HERE_MESSAGE = (
    "Recorded here {ago} ago — if the customer is still at the counter, hand over."
)


@dataclass(frozen=True)
class OrderSummary:
    """What the till shows about the order a scan found."""

    order_id: str
    commercial_id: str
    customer_name: str
    item_count: int
    shelf: str
    bag_count: int
    stage: Stage


@dataclass(frozen=True)
class ScanResult:
    """A scan's verdict with everything the till needs to act on it."""

    verdict: Verdict
    message: str
    offline: bool
    raw_input: str = ""
    order: OrderSummary | None = None
    matched_by: MatchKind | None = None
    notes: str = ""
    pickup_code: str | None = None
    collected_at: datetime | None = None
    collected_till: str = ""
    candidates: tuple[str, ...] = ()  # order ids when ambiguous
    confirmed: bool = False  # True only when this call wrote the collection
    # Already collected, but at this till within RECENT_HERE_SECONDS: check, then hand over.
    recorded_here_recently: bool = False

    @property
    def order_id(self) -> str | None:
        return self.order.order_id if self.order else None

    @property
    def hand_over(self) -> bool:
        """Whether the till may hand the bag over without asking anything."""
        return self.verdict is Verdict.OK

    def to_json(self) -> dict[str, object]:
        order = self.order
        return {
            "verdict": self.verdict.value,
            "order_id": self.order_id,
            "offline": self.offline,
            "message": self.message,
            "matched_by": self.matched_by.value if self.matched_by else None,
            "confirmed": self.confirmed,
            "recorded_here_recently": self.recorded_here_recently,
            "order": None
            if order is None
            else {
                "order_id": order.order_id,
                "commercial_id": order.commercial_id,
                "customer_name": order.customer_name,
                "item_count": order.item_count,
                "shelf": order.shelf,
                "bag_count": order.bag_count,
                "stage": order.stage.value,
            },
            "notes": self.notes,
            "collected_at": self.collected_at.isoformat() if self.collected_at else None,
            "collected_till": self.collected_till,
            "candidates": list(self.candidates),
        }


@dataclass(frozen=True)
class BagCheck:
    """Whether the slip scanned belongs to the customer's order."""

    verdict: BagVerdict
    message: str
    expected_order_id: str
    slip_order_id: str | None = None

    @property
    def matches(self) -> bool:
        return self.verdict is BagVerdict.MATCH

    @property
    def loud(self) -> bool:
        """A wrong bag must be impossible to miss (red, sound)."""
        return self.verdict is BagVerdict.WRONG_BAG


# ---- input clean-up ---------------------------------------------------------------------
# AIM symbology identifier a scanner may prepend: `]` + symbology letter + modifier (`]Q1`).
_AIM_PREFIX = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
# Control and format characters a scanner or a paste may add (Unicode whitespace is handled by
# str.split): C0/C1 controls, soft hyphen, zero-width and direction marks, BOM.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
# ECI escape in scanner output: a backslash and six digits.
_ECI = re.compile(r"\\\d{6}")
_IDENTIFIER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?")
_CODE_SEP = r"[\s\-_.)ß]?"
_CODE_SHAPED = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z0]{4}"
    + _CODE_SEP
    + r"[A-Za-z0]{4}"
    + _CODE_SEP
    + r"[A-Za-z0]{4}(?![A-Za-z0-9])"
)


def clean_scan_text(raw: str) -> str:
    """Control characters become spaces, prefixes and ECI escapes go, whitespace is trimmed."""
    text = raw[:MAX_INPUT_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = " ".join(_INVISIBLE.sub(" ", text).split())
    text = _AIM_PREFIX.sub("", text)
    text = _ECI.sub("", text)
    return text.strip()


@dataclass
class Candidates:
    """What one scan may stand for, in order of trust."""

    pickup_codes: list[str] = field(default_factory=list)  # valid, canonical
    bad_codes: int = 0  # code-shaped tokens whose check character is wrong
    # Order ids or commercial ids: those read as typed, then those from layout repairs.
    raw_identifiers: list[str] = field(default_factory=list)
    repaired_identifiers: list[str] = field(default_factory=list)
    empty: bool = False
    # At least one identifier shaped like an order number (for unknown versus invalid).
    plausible: bool = False

    @property
    def all_identifiers(self) -> list[str]:
        return self.raw_identifiers + self.repaired_identifiers


def _is_plausible(token: str) -> bool:
    return sum(ch.isdigit() for ch in token) >= 3 and _IDENTIFIER.fullmatch(token) is not None


def _identifiers(text: str) -> list[str]:
    found: list[str] = []
    whole = text.strip()
    if 3 <= len(whole) <= MAX_IDENTIFIER_LENGTH and any(ch.isdigit() for ch in whole):
        found.append(whole)
    for match in _IDENTIFIER.finditer(text):
        token = match.group()
        if len(token) >= 3 and any(ch.isdigit() for ch in token):
            found.append(token)
            if token.upper() != token:
                found.append(token.upper())
    return found


def _codes(text: str, out: Candidates) -> None:
    whole = parse_pickup_code(text)
    if whole is not None:
        out.pickup_codes.append(whole)
        return
    if looks_like_pickup_code(text):
        out.bad_codes += 1
    for match in _CODE_SHAPED.finditer(text):
        code = parse_pickup_code(match.group())
        if code is not None:
            out.pickup_codes.append(code)
        elif looks_like_pickup_code(match.group()):
            out.bad_codes += 1


def _variants(text: str) -> list[str]:
    variants = [text]
    if "%" in text:
        decoded = unquote(text)
        if decoded != text:
            variants.append(decoded)
    return variants


def extract_candidates(raw: str) -> Candidates:
    """Every pickup code and order number worth looking up for what the scanner typed."""
    out = Candidates()
    first = clean_scan_text(raw)
    if not first:
        out.empty = True
        return out
    for text in _variants(first):
        _codes(text, out)
        out.raw_identifiers.extend(_identifiers(text))
    # Repairs apply to the raw input: the prefixes and escapes to strip are only recognisable
    # once the layout is undone.
    sliced = raw[:MAX_INPUT_CHARS]
    for _layout, fixed in repair_candidates(sliced):
        cleaned = clean_scan_text(fixed)
        for text in _variants(cleaned):
            _codes(text, out)
            out.repaired_identifiers.extend(_identifiers(text))
    out.plausible = any(map(_is_plausible, out.raw_identifiers + out.repaired_identifiers))
    out.pickup_codes = list(dict.fromkeys(out.pickup_codes))
    # A repair identical to what was typed adds nothing; what differs is the point of it.
    raw_set = set(out.raw_identifiers)
    # Two thirds at most for what was typed: a garbled scan's repairs always get looked up.
    out.raw_identifiers = list(dict.fromkeys(out.raw_identifiers))[: MAX_IDENTIFIERS * 2 // 3]
    repaired = [i for i in dict.fromkeys(out.repaired_identifiers) if i not in raw_set]
    out.repaired_identifiers = repaired[: max(0, MAX_IDENTIFIERS - len(out.raw_identifiers))]
    return out


# ---- verdicts ---------------------------------------------------------------------------
def stage_verdict(stage: Stage, matched_by: MatchKind) -> Verdict:
    """The verdict for an order found by a scan: validity first, then collection, then stage."""
    if stage is Stage.COLLECTED:
        return Verdict.ALREADY_COLLECTED
    if stage is Stage.CANCELED:
        return Verdict.CANCELED
    if stage is not Stage.READY:
        return Verdict.NOT_READY
    return Verdict.OK if matched_by is MatchKind.PICKUP_CODE else Verdict.NEEDS_CHECK


def not_found_verdict(candidates: Candidates) -> tuple[Verdict, str]:
    """Verdict and invalid-reason key when nothing in the store matched."""
    if candidates.empty:
        return Verdict.INVALID, "empty"
    if candidates.pickup_codes:
        return Verdict.UNKNOWN, ""
    if candidates.bad_codes:
        return Verdict.INVALID, "check"
    if candidates.plausible:
        return Verdict.UNKNOWN, ""
    return Verdict.INVALID, "garbage"


def recorded_here_recently(
    collected_at: datetime | None, collected_till: str, till: str, now: datetime
) -> bool:
    """A collection recorded at this till in the last few minutes (not in the future)."""
    if collected_at is None or not till or collected_till != till:
        return False
    age = (now - collected_at).total_seconds()
    return -5 <= age <= RECENT_HERE_SECONDS


def ago_text(seconds: float) -> str:
    """ "40 s" or "3 min": the same in French and English."""
    seconds = max(0, int(seconds))
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min"


def recent_here_message(collected_at: datetime, now: datetime, offline: bool = False) -> str:
    text = RECENT_HERE_MESSAGE.format(ago=ago_text((now - collected_at).total_seconds()))
    return f"{text} {OFFLINE_NOTE}" if offline else text


def items_text(count: int) -> str:
    """`1 item`, `3 items`: the `{items}` of a message (re-said in the UI's language)."""
    return f"{count} item" if count == 1 else f"{count} items"


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "?"


def verdict_message(
    verdict: Verdict,
    *,
    order: OrderSummary | None = None,
    collected_at: datetime | None = None,
    collected_till: str = "",
    reason: str = "",
    candidates: tuple[str, ...] = (),
    offline: bool = False,
) -> str:
    """The short human message for a verdict (English; translated where it is displayed)."""
    text = VERDICT_MESSAGES[verdict].format(
        customer=order.customer_name if order else "",
        items=items_text(order.item_count if order else 0),
        shelf=(order.shelf or "?") if order else "?",
        stage=STAGE_LABELS.get(order.stage, str(order.stage)) if order else "?",
        collected_at=_when(collected_at),
        till=collected_till or "?",
        reason=INVALID_REASONS.get(reason, reason),
        orders=", ".join(candidates),
    )
    return f"{text} {OFFLINE_NOTE}" if offline else text


def bag_message(verdict: BagVerdict, expected: str, slip: str | None, reason: str = "") -> str:
    return BAG_MESSAGES[verdict].format(expected=expected, slip=slip or "?", reason=reason)
