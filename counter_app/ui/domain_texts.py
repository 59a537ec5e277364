"""The scan messages of the domain, said in the interface's language.

A scan result carries a `Message` (a key and its fields, see
`counter_app.domain.scan_messages`); here it is rendered through `QCoreApplication.translate`
with the key's own source text, and its moments in the interface's date format. Nothing is
parsed back out of an English sentence.

The source texts reach the .ts catalogues under the context `ScanMessages` through
`catalogue_strings()`, which `make update-translations` reads.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.domain import scan_messages
from counter_app.domain.scan_messages import Message, render
from counter_app.ui.formatting import format_datetime

CONTEXT = scan_messages.CONTEXT


def catalogue_strings() -> list[tuple[str, str] | tuple[str, str, bool]]:
    """(context, English text[, plural]) of every domain text to translate, for the extractor."""
    texts: list[tuple[str, str] | tuple[str, str, bool]] = [
        (CONTEXT, scan_messages.ITEMS_SOURCE, True)
    ]
    texts += [(CONTEXT, text) for text in scan_messages.catalogue_texts()]
    return texts


def _translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, source, disambiguation, n)


def scan_text(message: Message) -> str:
    """`message` from a ScanResult or BagCheck in the current language."""
    return render(message, _translate, format_datetime)


def offline_note() -> str:
    """The offline note alone, in the current language."""
    return _translate(CONTEXT, scan_messages.SOURCES["offline_note"])
