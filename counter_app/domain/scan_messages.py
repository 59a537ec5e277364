"""What a scan says, as a message key and its fields, rendered in a language where it is shown.

The domain never writes a finished sentence for people: a verdict carries a `Message` (a key
such as `verdict.not_ready` and fields such as the order's stage). Whoever shows it renders it
with `render`, passing a `Translate` function for its language: the window passes
`QCoreApplication.translate`, the command line a translator loaded from the same catalogues,
and `str(message)` gives the English text kept in the audit trail and the JSON output.

`SOURCES` holds the English source text of each key; that text is also the catalogue entry
(context `CONTEXT`), so translators see whole sentences with their `{fields}`.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from counter_app.domain.stages import Stage

# The catalogue context of every text here (`ScanMessages` in the .ts files).
CONTEXT = "ScanMessages"
# The `{items}` field: a plural, said by the language's own rules.
ITEMS_SOURCE = "%n item(s)"
_ENGLISH_PLURALS: dict[str, tuple[str, str]] = {ITEMS_SOURCE: ("%n item", "%n items")}
_FORMATTER = string.Formatter()

# Every message key with its English source text; `{…}` are the message's fields.
SOURCES: dict[str, str] = {
    "verdict.ok": "Hand over: {customer} — {items}, shelf {shelf}.",
    "verdict.already_collected": "Already collected on {collected_at} at till {till}. "
    "Do not hand over.",
    "verdict.not_ready": "Not ready yet (stage: {stage}). Do not hand over.",
    "verdict.canceled": "This order was canceled. Do not hand over.",
    "verdict.needs_check": "Found by order number, not by pickup code: check that the customer "
    "is {customer} before handing over ({items}, shelf {shelf}).",
    "verdict.unknown": "No order found for this code.",
    "verdict.invalid": "Not a valid code: {reason}",
    "verdict.ambiguous": "Several orders match ({orders}): search by name instead.",
    # One of the `{orders}` of verdict.ambiguous with the marketplace it is on.
    "order_on_marketplace": "{order} on {marketplace}",
    "verdict.error": "The scan could not be checked: {reason}",
    "confirmed": "Collection recorded: hand over to {customer} — {items}, shelf {shelf}.",
    # The shop's shared server cannot be reached: never a green, never a guess.
    "server_unreachable": "Cannot check: shop server unreachable — do not hand over yet.",
    "recent_here": "Recorded here {ago} ago — if the customer is still at the counter, hand over.",
    "bag.match": "Bag matches order {expected}.",
    "bag.check_marketplace": "Another marketplace also has an order {expected}: check that "
    "the slip says {marketplace}.",
    "bag.wrong_bag": "WRONG BAG! This slip is for order {slip}, not {expected}.",
    "bag.unreadable": "Slip not recognised: scan the bag's slip again.",
    "bag.error": "The slip could not be checked: {reason}",
    "offline_note": "Offline: orders may have changed since the last sync.",
    # Why a code is not valid (the `{reason}` of verdict.invalid).
    "invalid.empty": "nothing readable was scanned.",
    "invalid.check": "a character is wrong (check character); rescan or retype it.",
    "invalid.garbage": "this is neither a pickup code nor an order number.",
    # Why the store could not answer (the `{reason}` of verdict.error), when we know why.
    "failure.disk_full": "the disk is full, nothing was recorded; free some space and try again",
    "failure.busy": "the database is busy (another till?); try again",
}
# How a stage reads inside a sentence ("stage: to prepare"); the same catalogue context.
STAGE_LABELS: dict[Stage, str] = {
    Stage.TO_ACCEPT: "to accept",
    Stage.AWAITING_PAYMENT: "awaiting payment",
    Stage.TO_PREPARE: "to prepare",
    Stage.READY: "ready",
    Stage.COLLECTED: "collected",
    Stage.CANCELED: "canceled",
    Stage.UNKNOWN: "unknown",
}


@dataclass(frozen=True)
class ItemCount:
    """The `{items}` of a message: a number of items, said with the language's plural."""

    count: int


@dataclass(frozen=True)
class OrderRef:
    """An order named with its marketplace (an ambiguous scan's candidate): "1001 on Carrefour".

    The same order number may exist on two of the shop's marketplaces: the till says which
    is which. `marketplace` is the account key, `marketplace_name` what staff read.
    """

    order_id: str
    marketplace: str = "main"
    marketplace_name: str = ""


@dataclass(frozen=True)
class Message:
    """A message key with its fields; `offline` adds the offline note after it."""

    key: str
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    offline: bool = False

    def __post_init__(self) -> None:
        if self.key not in SOURCES:
            raise KeyError(f"unknown message key {self.key!r}")

    def __hash__(self) -> int:  # results stay hashable; every field value is
        return hash((self.key, tuple(self.fields.items()), self.offline))

    def __str__(self) -> str:
        return render(self)


# What a field may hold: text kept as it is (a name, a shelf, an error from the system), a
# stage or a count said in the language, a moment in its format, a list of order ids (each
# with its marketplace, or bare), or a message of its own (a reason). None reads "?".
FieldValue = str | Stage | ItemCount | datetime | tuple[str | OrderRef, ...] | Message | None


class Translate(Protocol):
    """`QCoreApplication.translate`'s shape: the source text in the current language.

    With `n` >= 0 the text is a plural and `%n` in it is replaced by `n`.
    """

    def __call__(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str: ...


def english(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The source text itself, with English plurals: what is said when nothing is installed."""
    del context, disambiguation  # one language, one context: nothing to choose between
    if n < 0:
        return source
    singular, plural = _ENGLISH_PLURALS.get(source, (source, source))
    return (singular if n == 1 else plural).replace("%n", str(n))


def domain_moment(moment: datetime) -> str:
    """A moment in the PC's time zone, the same in every language: 2026-11-24 14:05."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _value(value: FieldValue, tr: Translate, when: Callable[[datetime], str]) -> str:
    if value is None:
        return "?"
    if isinstance(value, Message):
        return render(value, tr, when)
    if isinstance(value, Stage):
        return tr(CONTEXT, STAGE_LABELS.get(value, str(value)))
    if isinstance(value, ItemCount):
        return tr(CONTEXT, ITEMS_SOURCE, None, value.count)
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, tuple):
        return ", ".join(_order_ref(v, tr) for v in value)
    return value


def _order_ref(value: str | OrderRef, tr: Translate) -> str:
    if isinstance(value, str):
        return value
    if not value.marketplace_name:
        return value.order_id
    values = {"order": value.order_id, "marketplace": value.marketplace_name}
    try:
        return tr(CONTEXT, SOURCES["order_on_marketplace"]).format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English one
        return SOURCES["order_on_marketplace"].format(**values)


def render(
    message: Message, tr: Translate = english, when: Callable[[datetime], str] = domain_moment
) -> str:
    """`message` in the language of `tr`, its moments written by `when`."""
    source = SOURCES[message.key]
    # A field the sentence names but the message lacks reads "?"; a field the translation
    # names but the sentence does not is a broken translation: the English one is said.
    values = {name: "?" for _text, name, _spec, _conv in _FORMATTER.parse(source) if name}
    values.update((name, _value(value, tr, when)) for name, value in message.fields.items())
    try:
        text = tr(CONTEXT, source).format(**values)
    except (KeyError, IndexError, ValueError):
        text = source.format(**values)
    if message.offline:
        text = f"{text} {tr(CONTEXT, SOURCES['offline_note'])}"
    return text


def catalogue_texts() -> list[str]:
    """Every source text a message may use, for the translation catalogues."""
    reasons = ("invalid.", "failure.")
    sentences = [text for key, text in SOURCES.items() if not key.startswith(reasons)]
    within = [text for key, text in SOURCES.items() if key.startswith(reasons)]
    return list(dict.fromkeys([*sentences, *STAGE_LABELS.values(), *within]))
