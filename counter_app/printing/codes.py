"""QR codes and Code 128 bar codes as vector modules, sized in whole printer dots.

The module patterns come from `qrcode` (its matrix) and `python-barcode` (its bar string);
nothing is rasterised here, so a PDF stays sharp and a printer gets crisp edges.
"""

from __future__ import annotations

import math

import qrcode
import qrcode.constants
from barcode import Code128

from counter_app.printing.layout import ModulesItem
from counter_app.printing.units import dots_to_mm, mm_to_dots, round_to_dots, snap_mm

# QR error correction: M recovers ~15 % damage, Q ~25 %; Q suits a crumpled card.
QR_LEVELS = {
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
}
QR_QUIET_MODULES = 4
CODE128_QUIET_MODULES = 10
# One-dot bars blur on worn thermal heads: a module is at least two dots and 0.19 mm.
MIN_MODULE_DOTS = 2
MIN_MODULE_MM = 0.19


class CodeTooLargeError(ValueError):
    """The code does not fit the space given at a readable module size."""


def min_module_mm(dpi: int) -> float:
    """The smallest module printed reliably at `dpi`, in whole dots."""
    dots = max(MIN_MODULE_DOTS, math.ceil(mm_to_dots(MIN_MODULE_MM, dpi) - 1e-6))
    return dots_to_mm(dots, dpi)


def qr_matrix(payload: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The QR symbol's dark modules, without quiet zone."""
    if level not in QR_LEVELS:
        raise ValueError(f"QR error correction must be M or Q, not {level!r}")
    qr = qrcode.QRCode(error_correction=QR_LEVELS[level], border=0, box_size=1)
    qr.add_data(payload)
    qr.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in qr.get_matrix())


def code128_modules(value: str) -> tuple[bool, ...]:
    """The bars (True) and spaces of a Code 128 symbol, start and stop codes included."""
    if not value:
        raise ValueError("nothing to encode in a Code 128")
    (pattern,) = Code128(value).build()
    return tuple(ch == "1" for ch in pattern)


def place_qr(
    payload: str,
    x: float,
    y: float,
    max_size: float,
    dpi: int,
    level: str = "M",
) -> ModulesItem:
    """A QR code whose symbol plus quiet zone fits a `max_size` square at (x, y)."""
    matrix = qr_matrix(payload, level)
    count = len(matrix)
    module = snap_mm(max_size / (count + 2 * QR_QUIET_MODULES), dpi)
    too_small = module < min_module_mm(dpi) - 1e-6
    if too_small or (count + 2 * QR_QUIET_MODULES) * module > max_size + 1e-6:
        raise CodeTooLargeError(f"a QR code of {count} modules does not fit {max_size:.1f} mm")
    quiet = QR_QUIET_MODULES * module
    return ModulesItem(
        x=round_to_dots(x + quiet, dpi),
        y=round_to_dots(y + quiet, dpi),
        module_width=module,
        module_height=module,
        rows=matrix,
        symbology="QRCode",
        value=payload,
        quiet_x=quiet,
        quiet_y=quiet,
    )


def place_code128(
    value: str,
    x: float,
    y: float,
    max_width: float,
    height: float,
    dpi: int,
    max_module: float = 0.5,
) -> ModulesItem:
    """A Code 128 centred in `max_width` at (x, y), bars `height` mm tall."""
    bars = code128_modules(value)
    total = len(bars) + 2 * CODE128_QUIET_MODULES
    module = snap_mm(min(max_module, max_width / total), dpi)
    if module < min_module_mm(dpi) - 1e-6 or total * module > max_width + 1e-6:
        raise CodeTooLargeError(f"{value!r} is too long for a {max_width:.0f} mm wide bar code")
    quiet = CODE128_QUIET_MODULES * module
    symbol_width = len(bars) * module
    left = x + (max_width - symbol_width) / 2
    return ModulesItem(
        x=round_to_dots(left, dpi),
        y=round_to_dots(y, dpi),
        module_width=module,
        module_height=round_to_dots(height, dpi),
        rows=(bars,),
        symbology="Code128",
        value=value,
        quiet_x=quiet,
        quiet_y=0.0,
    )
