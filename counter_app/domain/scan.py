"""Scan verdicts: input clean-up, what to look up, the verdict enum, results and their messages.

Pure Python, no store: `extract_candidates` turns whatever a scanner typed into the pickup codes
and order numbers worth looking up (raw first, then each keyboard-layout repair), and
`stage_verdict` / `not_found_verdict` turn what the store found into one verdict. What a result
says to people is a `Message` (a key and fields, see `counter_app.domain.scan_messages`),
rendered in the language of wherever it is shown.
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
from counter_app.domain.scan_messages import SOURCES, FieldValue, ItemCount, Message, OrderRef
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
    # The slip's number is the customer's, but another marketplace has an order with that
    # number too: the bar code cannot tell the two bags apart, the printed name can.
    CHECK_MARKETPLACE = "check_marketplace"
    WRONG_BAG = "wrong_bag"
    UNREADABLE = "unreadable"
    ERROR = "error"


# A collection recorded at this very till moments ago is most likely a hand-over whose window
# crashed or was closed before the bag crossed the counter: say so rather than refuse.
RECENT_HERE_SECONDS = 5 * 60
# The English text of the server-unreachable answer (what the audit trail and JSON carry).
SERVER_UNREACHABLE_MESSAGE = SOURCES["server_unreachable"]


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
    # The marketplace account the order is on (its key) and its display name.
    marketplace: str = "main"
    marketplace_name: str = ""


@dataclass(frozen=True)
class ScanResult:
    """A scan's verdict with everything the till needs to act on it."""

    verdict: Verdict
    text: Message  # what the till says, rendered in the language where it is shown
    offline: bool
    raw_input: str = ""
    order: OrderSummary | None = None
    matched_by: MatchKind | None = None
    notes: str = ""
    pickup_code: str | None = None
    collected_at: datetime | None = None
    collected_till: str = ""
    candidates: tuple[str, ...] = ()  # order ids when ambiguous
    # The same candidates, each with its marketplace (an id may be on two marketplaces).
    candidate_orders: tuple[OrderRef, ...] = ()
    confirmed: bool = False  # True only when this call wrote the collection
    # Already collected, but at this till within RECENT_HERE_SECONDS: check, then hand over.
    recorded_here_recently: bool = False

    @property
    def message(self) -> str:
        """What the till says, in English (audit trail, JSON output)."""
        return str(self.text)

    @property
    def order_id(self) -> str | None:
        return self.order.order_id if self.order else None

    @property
    def marketplace(self) -> str | None:
        """The account key of the order found (None when no single order was found)."""
        return self.order.marketplace if self.order else None

    @property
    def hand_over(self) -> bool:
        """Whether the till may hand the bag over without asking anything."""
        return self.verdict is Verdict.OK

    def to_json(self) -> dict[str, object]:
        order = self.order
        return {
            "verdict": self.verdict.value,
            "order_id": self.order_id,
            "marketplace": order.marketplace if order else None,
            "marketplace_name": order.marketplace_name if order else None,
            "offline": self.offline,
            "message": self.message,
            "message_key": self.text.key,
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
                "marketplace": order.marketplace,
                "marketplace_name": order.marketplace_name,
            },
            "notes": self.notes,
            "collected_at": self.collected_at.isoformat() if self.collected_at else None,
            "collected_till": self.collected_till,
            "candidates": list(self.candidates),
            "candidate_orders": [
                {
                    "order_id": c.order_id,
                    "marketplace": c.marketplace,
                    "marketplace_name": c.marketplace_name,
                }
                for c in self.candidate_orders
            ],
        }


@dataclass(frozen=True)
class BagCheck:
    """Whether the slip scanned belongs to the customer's order."""

    verdict: BagVerdict
    text: Message
    expected_order_id: str
    slip_order_id: str | None = None

    @property
    def message(self) -> str:
        """What the till says, in English (audit trail)."""
        return str(self.text)

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


def recent_here_message(collected_at: datetime, now: datetime, offline: bool = False) -> Message:
    ago = ago_text((now - collected_at).total_seconds())
    return Message("recent_here", {"ago": ago}, offline=offline)


def verdict_message(
    verdict: Verdict,
    *,
    order: OrderSummary | None = None,
    collected_at: datetime | None = None,
    collected_till: str = "",
    reason: str | Message = "",
    candidates: tuple[str | OrderRef, ...] = (),
    offline: bool = False,
) -> Message:
    """What the till says for a verdict: its key and the fields its sentence uses.

    `reason` is an invalid-code reason key ("empty", "check", "garbage") for `INVALID`, and
    the store's reason (a message, or text from the system) for `ERROR`.
    """
    fields: dict[str, FieldValue] = {}
    if verdict in (Verdict.OK, Verdict.NEEDS_CHECK):
        fields = order_fields(order)
    elif verdict is Verdict.ALREADY_COLLECTED:
        fields = {"collected_at": collected_at, "till": collected_till or None}
    elif verdict is Verdict.NOT_READY:
        fields = {"stage": order.stage if order else None}
    elif verdict is Verdict.INVALID:
        known = isinstance(reason, str) and f"invalid.{reason}" in SOURCES
        fields = {"reason": Message(f"invalid.{reason}") if known else reason}
    elif verdict is Verdict.ERROR:
        fields = {"reason": reason}
    elif verdict is Verdict.AMBIGUOUS:
        fields = {"orders": candidates}
    return Message(f"verdict.{verdict.value}", fields, offline=offline)


def order_fields(order: OrderSummary | None) -> dict[str, FieldValue]:
    """The `{customer}`, `{items}` and `{shelf}` of a hand-over sentence."""
    return {
        "customer": order.customer_name if order else "",
        "items": ItemCount(order.item_count if order else 0),
        "shelf": (order.shelf or None) if order else None,
    }


def confirmed_message(order: OrderSummary) -> Message:
    """The hand-over just recorded."""
    return Message("confirmed", order_fields(order))


def bag_message(
    verdict: BagVerdict,
    expected: str,
    slip: str | None,
    reason: str | Message = "",
    marketplace: str = "",
) -> Message:
    fields: dict[str, FieldValue] = {"expected": expected}
    if verdict is BagVerdict.CHECK_MARKETPLACE:
        fields["marketplace"] = marketplace or None
    elif verdict is BagVerdict.WRONG_BAG:
        fields["slip"] = slip
    elif verdict is BagVerdict.ERROR:
        fields = {"reason": reason}
    elif verdict is BagVerdict.UNREADABLE:
        fields = {}
    return Message(f"bag.{verdict.value}", fields)
