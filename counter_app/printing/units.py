"""Millimetres, printer dots and the page sizes documents are laid out on."""

from __future__ import annotations

import math
from dataclasses import dataclass

MM_PER_INCH = 25.4
# A typical thermal receipt head (8 dots per mm); also the resolution tests render at.
THERMAL_DPI = 203


def mm_to_dots(mm: float, dpi: float) -> float:
    return mm * dpi / MM_PER_INCH


def dots_to_mm(dots: float, dpi: float) -> float:
    return dots * MM_PER_INCH / dpi


def snap_mm(mm: float, dpi: float, minimum_dots: int = 1) -> float:
    """`mm` rounded down to a whole number of printer dots (at least `minimum_dots`).

    A bar or QR module that is not a whole number of dots comes out one dot wider here and
    one narrower there, which is what makes cheap thermal prints unreadable.
    """
    dots = max(minimum_dots, math.floor(mm_to_dots(mm, dpi) + 1e-6))
    return dots_to_mm(dots, dpi)


def round_to_dots(mm: float, dpi: float) -> float:
    """A position in mm moved to the nearest printer dot."""
    return dots_to_mm(round(mm_to_dots(mm, dpi)), dpi)


@dataclass(frozen=True)
class Rect:
    """A rectangle in millimetres, origin at the page's top-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, other: Rect, tolerance: float = 0.01) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )


@dataclass(frozen=True)
class PageSpec:
    """A paper size: fixed sheets, or a roll whose length follows the content (height None)."""

    name: str
    width_mm: float
    height_mm: float | None
    margin_mm: float

    @property
    def is_roll(self) -> bool:
        return self.height_mm is None

    @property
    def content_width_mm(self) -> float:
        return self.width_mm - 2 * self.margin_mm


# Thermal rolls print about 72 mm of an 80 mm roll and 48 mm of a 58 mm roll.
PAGE_SPECS: dict[str, PageSpec] = {
    "80mm": PageSpec("80mm", 80.0, None, 4.0),
    "58mm": PageSpec("58mm", 58.0, None, 5.0),
    "a6": PageSpec("a6", 105.0, 148.0, 5.0),
    "a4": PageSpec("a4", 210.0, 297.0, 12.0),
}
SLIP_SIZES = tuple(PAGE_SPECS)


def page_spec(size: str) -> PageSpec:
    """The page for a size name (`80mm`, `58mm`, `a6`, `a4`), case-insensitive."""
    key = size.strip().lower()
    if key not in PAGE_SPECS:
        raise ValueError(f"unknown page size {size!r}: use one of {', '.join(SLIP_SIZES)}")
    return PAGE_SPECS[key]
