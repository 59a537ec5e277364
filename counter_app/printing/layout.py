"""The display list every document is laid out into, in millimetres, and text measuring.

A document is first laid out into pages of simple items (text lines, rules, boxes, code
modules) whose positions are all in millimetres; `output.py` then paints those items on any
device (PDF, printer, preview, image). Laying out once keeps preview, paper and PDF identical
and lets tests check where everything sits without reading pixels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtGui import QFont, QFontMetricsF, QImage

from counter_app.printing.qt_app import ensure_gui_app
from counter_app.printing.units import MM_PER_INCH, Rect

ELLIPSIS = "…"
_FAMILIES = ["DejaVu Sans", "Segoe UI", "Arial", "Helvetica", "Liberation Sans"]
_MONO_FAMILIES = ["DejaVu Sans Mono", "Consolas", "Courier New", "Liberation Mono"]
# Widths are measured on a fine grid; glyphs may come out a hair wider on a coarse device.
_MEASURE_DPI = 1200
_WIDTH_SLACK = 0.97


@dataclass(frozen=True)
class Font:
    """A font request: size in points, bold, monospaced."""

    size_pt: float
    bold: bool = False
    mono: bool = False

    def scaled(self, factor: float) -> Font:
        return Font(round(self.size_pt * factor, 2), self.bold, self.mono)


def make_qfont(font: Font) -> QFont:
    qfont = QFont()
    qfont.setFamilies(_MONO_FAMILIES if font.mono else _FAMILIES)
    qfont.setStyleHint(QFont.StyleHint.Monospace if font.mono else QFont.StyleHint.SansSerif)
    qfont.setPointSizeF(font.size_pt)
    qfont.setBold(font.bold)
    # Unhinted glyphs scale linearly, so a width measured here holds on every device.
    qfont.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return qfont


@dataclass(frozen=True)
class TextItem:
    """One line of text; `y` is the top of the line box."""

    x: float
    y: float
    text: str
    font: Font
    width: float
    ascent: float
    descent: float

    @property
    def bounds(self) -> Rect:
        return Rect(self.x, self.y, self.width, self.ascent + self.descent)


@dataclass(frozen=True)
class BoxItem:
    """A rectangle, outlined (`stroke` mm) and/or filled with a grey level (0 black, 255 white)."""

    rect: Rect
    stroke: float = 0.0
    fill: int | None = None

    @property
    def bounds(self) -> Rect:
        half = self.stroke / 2
        r = self.rect
        return Rect(r.x - half, r.y - half, r.width + self.stroke, r.height + self.stroke)


@dataclass(frozen=True)
class RuleItem:
    """A horizontal line."""

    x: float
    y: float
    length: float
    thickness: float = 0.3

    @property
    def bounds(self) -> Rect:
        return Rect(self.x, self.y - self.thickness / 2, self.length, self.thickness)


@dataclass(frozen=True)
class ModulesItem:
    """A barcode or QR code as a grid of dark modules; (x, y) is the first module's corner.

    `quiet` is the blank margin (mm) kept free around the symbol; it is part of the bounds.
    """

    x: float
    y: float
    module_width: float
    module_height: float
    rows: tuple[tuple[bool, ...], ...]
    symbology: str
    value: str
    quiet_x: float
    quiet_y: float

    @property
    def symbol_rect(self) -> Rect:
        return Rect(
            self.x,
            self.y,
            len(self.rows[0]) * self.module_width,
            len(self.rows) * self.module_height,
        )

    @property
    def bounds(self) -> Rect:
        r = self.symbol_rect
        return Rect(
            r.x - self.quiet_x,
            r.y - self.quiet_y,
            r.width + 2 * self.quiet_x,
            r.height + 2 * self.quiet_y,
        )


Item = TextItem | BoxItem | RuleItem | ModulesItem


@dataclass
class Page:
    """One page of a document: its size, the area content may use, and its items."""

    width: float
    height: float
    printable: Rect
    items: list[Item] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [item.text for item in self.items if isinstance(item, TextItem)]


@dataclass
class Document:
    """Laid-out pages ready to paint; `kind` is slip, card or daily_list."""

    kind: str
    title: str
    pages: list[Page]
    # Resolution the code modules were snapped to.
    dpi: int
    # Printed on a roll whose length follows the content (thermal slips and cards).
    roll: bool = False

    def texts(self) -> list[str]:
        return [text for page in self.pages for text in page.texts()]


class TextMeasure:
    """Text widths and line heights in millimetres, with wrapping and eliding."""

    def __init__(self) -> None:
        ensure_gui_app()
        self._device = QImage(4, 4, QImage.Format.Format_RGB32)
        dots_per_metre = round(_MEASURE_DPI / 0.0254)
        self._device.setDotsPerMeterX(dots_per_metre)
        self._device.setDotsPerMeterY(dots_per_metre)
        self._metrics: dict[Font, QFontMetricsF] = {}
        self._widths: dict[tuple[Font, str], float] = {}

    def _fm(self, font: Font) -> QFontMetricsF:
        fm = self._metrics.get(font)
        if fm is None:
            fm = QFontMetricsF(make_qfont(font), self._device)
            self._metrics[font] = fm
        return fm

    @staticmethod
    def _mm(dots: float) -> float:
        return dots * MM_PER_INCH / _MEASURE_DPI

    def width(self, text: str, font: Font) -> float:
        key = (font, text)
        cached = self._widths.get(key)
        if cached is None:
            cached = self._mm(self._fm(font).horizontalAdvance(text))
            if len(self._widths) < 50_000:
                self._widths[key] = cached
        return cached

    def ascent(self, font: Font) -> float:
        return self._mm(self._fm(font).ascent())

    def descent(self, font: Font) -> float:
        return self._mm(self._fm(font).descent())

    def line_height(self, font: Font) -> float:
        return self._mm(self._fm(font).height())

    def fits(self, text: str, font: Font, width: float) -> bool:
        return self.width(text, font) <= width * _WIDTH_SLACK

    def elide(self, text: str, font: Font, width: float) -> str:
        """`text`, or as much of it as fits followed by an ellipsis."""
        if self.fits(text, font, width):
            return text
        low, high = 0, len(text)
        while low < high:
            mid = (low + high + 1) // 2
            if self.fits(text[:mid].rstrip() + ELLIPSIS, font, width):
                low = mid
            else:
                high = mid - 1
        return text[:low].rstrip() + ELLIPSIS

    def wrap(self, text: str, font: Font, width: float, max_lines: int | None = None) -> list[str]:
        """Lines no wider than `width`, broken at spaces and after hyphens (inside a word
        only when a word alone is too wide); past `max_lines` the last line is elided."""
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            lines.extend(self._wrap_paragraph(paragraph, font, width))
        if max_lines is not None and len(lines) > max_lines:
            kept = lines[:max_lines]
            rest = " ".join([kept[-1], *lines[max_lines:]])
            kept[-1] = self.elide(rest + " ", font, width)
            if not kept[-1].endswith(ELLIPSIS):
                kept[-1] = self.elide(kept[-1] + ELLIPSIS, font, width)
            return kept
        return lines

    def _wrap_paragraph(self, text: str, font: Font, width: float) -> list[str]:
        pieces = re.findall(r"[^\s-]*-+|[^\s-]+|\s+", text)
        lines: list[str] = []
        line = ""
        for piece in pieces:
            candidate = line + piece
            if self.fits(candidate.rstrip(), font, width):
                line = candidate
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = "" if piece.isspace() else piece
            while line and not self.fits(line, font, width):
                cut = self._longest_prefix(line, font, width)
                lines.append(line[:cut])
                line = line[cut:]
        if line.strip() or not lines:
            lines.append(line.rstrip())
        return lines

    def _longest_prefix(self, word: str, font: Font, width: float) -> int:
        low, high = 1, len(word)
        while low < high:
            mid = (low + high + 1) // 2
            if self.fits(word[:mid], font, width):
                low = mid
            else:
                high = mid - 1
        return low

    def shrink_to_lines(
        self, text: str, font: Font, width: float, max_lines: int, min_pt: float
    ) -> Font:
        """The largest size from `font` down to `min_pt` at which `text` wraps in `max_lines`."""
        current = font
        while current.size_pt > min_pt and len(self.wrap(text, current, width)) > max_lines:
            current = Font(max(min_pt, current.size_pt - 1.0), current.bold, current.mono)
        return current

    def shrink_to_fit(self, text: str, font: Font, width: float, min_pt: float) -> Font:
        """The largest size from `font` down to `min_pt` at which `text` fits on one line."""
        current = font
        while current.size_pt > min_pt and not self.fits(text, current, width):
            current = Font(max(min_pt, current.size_pt - 0.5), current.bold, current.mono)
        return current


@lru_cache(maxsize=1)
def shared_measure() -> TextMeasure:
    return TextMeasure()


class Flow:
    """Stacks items top to bottom inside a column, keeping track of the next free y."""

    def __init__(self, measure: TextMeasure, x: float, y: float, width: float) -> None:
        self.measure = measure
        self.x = x
        self.y = y
        self.width = width
        self.items: list[Item] = []

    def text(
        self,
        text: str,
        font: Font,
        *,
        max_lines: int | None = None,
        align: str = "left",
        indent: float = 0.0,
    ) -> list[TextItem]:
        """Wrapped text; `align` is left, center or right."""
        width = self.width - indent
        placed: list[TextItem] = []
        for line in self.measure.wrap(text, font, width, max_lines):
            placed.append(self.line(line, font, align=align, indent=indent))
        return placed

    def line(self, text: str, font: Font, *, align: str = "left", indent: float = 0.0) -> TextItem:
        m = self.measure
        w = m.width(text, font)
        x = self.x + indent
        if align == "center":
            x = self.x + indent + max(0.0, (self.width - indent - w) / 2)
        elif align == "right":
            x = self.x + max(indent, self.width - w)
        item = TextItem(x, self.y, text, font, w, m.ascent(font), m.descent(font))
        self.items.append(item)
        self.y += m.line_height(font)
        return item

    def space(self, mm: float) -> None:
        self.y += mm

    def rule(self, thickness: float = 0.3, gap: float = 1.5) -> None:
        self.y += gap
        self.items.append(RuleItem(self.x, self.y, self.width, thickness))
        self.y += gap

    def add(self, item: Item, height: float) -> None:
        self.items.append(item)
        self.y += height


def items_outside(page: Page, items: Sequence[Item] | None = None) -> list[Item]:
    """Items that reach outside the page's printable area (a layout bug if any)."""
    return [item for item in (items or page.items) if not page.printable.contains(item.bounds)]
