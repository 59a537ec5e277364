"""What makes one simulated Mirakl operator differ from another: order numbers and the shop.

Every Mirakl operator runs the same seller API, but each numbers its orders its own way and
gives the shop its own id there. Mirakl's `order_id` is the `commercial_id` (the customer's
order number) followed by one letter per shop of the cart ("ORDER1" → "ORDER1-A", the lines
"ORDER1-A-1", ...), so only the commercial number's format differs from one operator to the
next. `OrderNumbers` makes those numbers; `PROFILES` are ready-made operators for the demo and
the tests (the default is the simulator's historical one, so seeded books stay as they were).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import datetime

from counter_app.marketplace.simulator.replies import SHOP_NAME

# The simulator's historical format: "CMD0001001" (order "CMD0001001-A").
DEFAULT_NUMBER_FORMAT = "CMD{n:07d}"
DEFAULT_FIRST_NUMBER = 1001
DEFAULT_SHOP_ID = "2001"
# An order id travels in URL paths (/api/orders/{order_id}/ship) and is scanned from slips:
# letters, digits and dashes only, as Mirakl's own ids.
_ID_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,46}[A-Za-z0-9])?$")
_FIELDS = frozenset({"n", "year"})


def check_commercial_id(commercial_id: str) -> str:
    """The id itself, or ValueError saying what Mirakl-like ids look like."""
    if not _ID_RE.match(commercial_id):
        raise ValueError(
            f"order number {commercial_id!r} must be 1 to 48 letters, digits and dashes "
            "(starting and ending with a letter or digit)"
        )
    return commercial_id


@dataclass(frozen=True)
class OrderNumbers:
    """Commercial order numbers from a format such as "IM-{year}-{n:06d}" (`n` counts up
    from `first`; `year` is the order's creation year), and the order id Mirakl derives."""

    number_format: str = DEFAULT_NUMBER_FORMAT
    first: int = DEFAULT_FIRST_NUMBER
    shop_letter: str = "A"

    def __post_init__(self) -> None:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(self.number_format)}
        names.discard(None)
        if "n" not in names or not names <= _FIELDS:
            raise ValueError(
                f"order number format {self.number_format!r} must use {{n}} (the number) and "
                "may use {year}, nothing else"
            )
        if self.first < 0:
            raise ValueError("the first order number must be 0 or more")
        if self.shop_letter not in string.ascii_uppercase or len(self.shop_letter) != 1:
            raise ValueError("the shop letter of order ids must be one capital letter (A-Z)")
        # Checked once with a sample: a format that makes unusable ids is refused up front.
        check_commercial_id(self.commercial_id(self.first, datetime(2026, 1, 1)))

    def commercial_id(self, n: int, created: datetime) -> str:
        try:
            return self.number_format.format(n=n, year=created.year)
        except (ValueError, IndexError, KeyError) as exc:
            raise ValueError(f"order number format {self.number_format!r}: {exc}") from exc

    def order_id(self, commercial_id: str) -> str:
        return f"{commercial_id}-{self.shop_letter}"


@dataclass(frozen=True)
class OperatorProfile:
    """A simulated operator: its name in the demo, the shop's id and name there, its numbers."""

    key: str
    name: str
    shop_id: str
    shop_name: str
    number_format: str
    first_number: int = DEFAULT_FIRST_NUMBER

    def numbers(self) -> OrderNumbers:
        return OrderNumbers(self.number_format, self.first_number)


PROFILES: dict[str, OperatorProfile] = {
    profile.key: profile
    for profile in (
        OperatorProfile(
            "default", "Mirakl (simulateur)", DEFAULT_SHOP_ID, SHOP_NAME, DEFAULT_NUMBER_FORMAT
        ),
        # Intermarché-like: the year in the number, six digits ("IM-2026-000123-A").
        OperatorProfile(
            "intermarche",
            "Intermarché (démo)",
            "2001",
            "Librairie des Deux Rives — Intermarché",
            "IM-{year}-{n:06d}",
            first_number=120,
        ),
        # Carrefour-like: a letter and seven digits ("C1234567-A").
        OperatorProfile(
            "carrefour",
            "Carrefour (démo)",
            "5417",
            "Librairie des Deux Rives — Carrefour",
            "C{n:07d}",
            first_number=1234500,
        ),
    )
}


def profile(key: str) -> OperatorProfile:
    """The profile with this key, or ValueError listing the known ones."""
    try:
        return PROFILES[key]
    except KeyError:
        raise ValueError(
            f"unknown operator {key!r}; known: {', '.join(sorted(PROFILES))}"
        ) from None
