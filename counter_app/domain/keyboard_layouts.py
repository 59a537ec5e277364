"""Undo what a US-layout barcode scanner types on a PC set to another keyboard layout.

A scanner in keyboard mode sends key positions as if the PC had a US QWERTY layout; the PC then
reads those positions with its own layout. On FR AZERTY the digit row without Shift gives
`&é"'(-è_çà`, A/Q and Z/W are swapped and M sits where US has `;`; BE AZERTY is alike with
`&é"'(§è!çà`; DE QWERTZ swaps Y/Z and puts `ß` where US has `-`.

Each table below maps a US character to what the PC shows. `repair` applies the reverse. Digits
are never repaired: a digit on screen under AZERTY can only come from a scanner that already
types digits correctly (numeric-keypad emulation, or Shift handled), so it is kept as it is.
Dead keys (`^`, `¨`, `´`, `` ` ``) combine with the next key and are left alone.
"""

from __future__ import annotations

from enum import StrEnum


class Layout(StrEnum):
    """Keyboard layouts of the PC that a scan may have been typed through."""

    FR_AZERTY = "fr_azerty"
    BE_AZERTY = "be_azerty"
    DE_QWERTZ = "de_qwertz"


_AZERTY_LETTERS = {
    "a": "q",
    "q": "a",
    "z": "w",
    "w": "z",
    "A": "Q",
    "Q": "A",
    "Z": "W",
    "W": "Z",
    "m": ",",
    "M": "?",
    ";": "m",
    ":": "M",
}

# US character sent by the scanner → character the PC shows.
US_TO_LAYOUT: dict[Layout, dict[str, str]] = {
    Layout.FR_AZERTY: {
        **_AZERTY_LETTERS,
        **dict(zip("1234567890", "&é\"'(-è_çà", strict=True)),
        **dict(zip("!@#$%^&*()", "1234567890", strict=True)),
        "-": ")",
        "_": "°",
        "`": "²",
        "]": "$",
        "}": "£",
        "\\": "*",
        "|": "µ",
        "'": "ù",
        '"': "%",
        ",": ";",
        "<": ".",
        ".": ":",
        ">": "/",
        "/": "!",
        "?": "§",
    },
    Layout.BE_AZERTY: {
        **_AZERTY_LETTERS,
        **dict(zip("1234567890", "&é\"'(§è!çà", strict=True)),
        **dict(zip("!@#$%^&*()", "1234567890", strict=True)),
        "-": ")",
        "_": "°",
        "=": "-",
        "+": "_",
        "`": "²",
        "~": "³",
        "]": "$",
        "}": "*",
        "\\": "µ",
        "|": "£",
        "'": "ù",
        '"': "%",
        ",": ";",
        "<": ".",
        ".": ":",
        ">": "/",
        "/": "=",
        "?": "+",
    },
    Layout.DE_QWERTZ: {
        "y": "z",
        "z": "y",
        "Y": "Z",
        "Z": "Y",
        "-": "ß",
        "_": "?",
        "@": '"',
        "#": "§",
        "^": "&",
        "&": "/",
        "*": "(",
        "(": ")",
        ")": "=",
        "[": "ü",
        "{": "Ü",
        "]": "+",
        "}": "*",
        "\\": "#",
        "|": "'",
        ";": "ö",
        ":": "Ö",
        "'": "ä",
        '"': "Ä",
        "<": ";",
        ">": ":",
        "/": "-",
        "?": "_",
    },
}


def _reverse(table: dict[str, str]) -> dict[int, str]:
    reverse: dict[int, str] = {}
    for us, shown in table.items():
        if shown.isdigit():
            continue  # digits on screen are kept: see the module docstring
        if ord(shown) in reverse:
            raise ValueError(f"two US keys give {shown!r}")
        reverse[ord(shown)] = us
    return reverse


_REPAIR: dict[Layout, dict[int, str]] = {
    layout: _reverse(table) for layout, table in US_TO_LAYOUT.items()
}
_GARBLE: dict[Layout, dict[int, str]] = {
    layout: {ord(k): v for k, v in table.items()} for layout, table in US_TO_LAYOUT.items()
}


def garble(text: str, layout: Layout) -> str:
    """What a US-layout scanner types for `text` on a PC set to `layout`."""
    return text.translate(_GARBLE[layout])


def repair(text: str, layout: Layout) -> str:
    """The text the scanner meant, assuming it typed through `layout`."""
    return text.translate(_REPAIR[layout])


def repair_candidates(text: str) -> list[tuple[Layout, str]]:
    """Each layout's repair of `text` that differs from it and from earlier ones, in order."""
    seen = {text}
    out: list[tuple[Layout, str]] = []
    for layout in Layout:
        fixed = repair(text, layout)
        if fixed not in seen:
            seen.add(fixed)
            out.append((layout, fixed))
    return out
