"""The scan messages the domain writes in English, shown in the interface's language.

`counter_app.domain.scan` keeps every message a person reads in a few tables of English
templates (`VERDICT_MESSAGES`, `BAG_MESSAGES`, ...) and hands the UI finished sentences. This
module recognises such a sentence, finds its template, and fills the translated template with
the same values, themselves translated where they are fixed words (a stage, a reason) and
re-formatted where they are dates. Text it does not recognise (a note typed by staff, an
error from the system) is returned unchanged.

The templates reach the .ts catalogues under the context `ScanMessages` through
`catalogue_strings()`, which `make update-translations` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from counter_app.domain import scan
from counter_app.ui.formatting import format_datetime

CONTEXT = "ScanMessages"
# How the domain writes a moment into a message (see counter_app.domain.scan._when).
_DOMAIN_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_FIELD = re.compile(r"\{(\w+)\}")


def _sentences() -> list[str]:
    """Whole-message templates, in the domain's own order."""
    return [
        *scan.VERDICT_MESSAGES.values(),
        scan.CONFIRMED_MESSAGE,
        scan.SERVER_UNREACHABLE_MESSAGE,
        scan.RECENT_HERE_MESSAGE,
        *scan.BAG_MESSAGES.values(),
        scan.OFFLINE_NOTE,
    ]


def _words() -> list[str]:
    """Fixed values the domain puts inside a sentence (a stage, an invalid-code reason)."""
    return [*scan.STAGE_LABELS.values(), *scan.INVALID_REASONS.values()]


def catalogue_strings() -> list[tuple[str, str]]:
    """(context, English text) of every domain text to translate, for the extractor."""
    seen: dict[str, None] = dict.fromkeys([*_sentences(), *_words()])
    return [(CONTEXT, text) for text in seen]


@dataclass(frozen=True)
class _Pattern:
    template: str
    regex: re.Pattern[str]


def _compile(template: str) -> _Pattern:
    parts: list[str] = []
    used: set[str] = set()
    position = 0
    for field in _FIELD.finditer(template):
        parts.append(re.escape(template[position : field.start()]))
        name = field.group(1)
        parts.append(f"(?P={name})" if name in used else f"(?P<{name}>.*?)")
        used.add(name)
        position = field.end()
    parts.append(re.escape(template[position:]))
    return _Pattern(template, re.compile("".join(parts), re.DOTALL))


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Pattern, ...]:
    # Longest first: a specific template wins over a shorter one it happens to contain.
    return tuple(_compile(t) for t in sorted(set(_sentences()), key=len, reverse=True))


def _tr(text: str) -> str:
    # The context is a name here, so that the extractor does not collect this call itself.
    context = CONTEXT
    return QCoreApplication.translate(context, text)


_ITEMS = re.compile(r"(\d+) items?")


def _items(count: int) -> str:
    return QCoreApplication.translate("ScanMessages", "%n item(s)", "", count)


def _value(name: str, text: str) -> str:
    items = _ITEMS.fullmatch(text) if name == "items" else None
    if items is not None:
        # The domain writes "3 items" in English; the plural is the UI language's own.
        return _items(int(items.group(1)))
    if text in _words():
        return _tr(text)
    if _DOMAIN_MOMENT.fullmatch(text):
        return format_datetime(datetime.strptime(text, "%Y-%m-%d %H:%M"))
    return text


def _sentence(text: str) -> str | None:
    for pattern in _patterns():
        found = pattern.regex.fullmatch(text)
        if found is None:
            continue
        values = {name: _value(name, value) for name, value in found.groupdict().items()}
        translated = _tr(pattern.template)
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation with a broken field
            return pattern.template.format(**values)
    return None


def translate_scan_message(message: str) -> str:
    """`message` from a ScanResult or BagCheck, in the current language; notes kept as typed."""
    lines = []
    for line in message.split("\n"):
        offline = ""
        if line.endswith(" " + scan.OFFLINE_NOTE):
            # The domain appends the offline note to the verdict's sentence.
            line = line[: -len(scan.OFFLINE_NOTE) - 1]
            offline = " " + _tr(scan.OFFLINE_NOTE)
        translated = _sentence(line)
        lines.append((line if translated is None else translated) + offline)
    return "\n".join(lines)
