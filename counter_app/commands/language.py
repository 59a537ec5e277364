"""The command line speaks the `language` setting, from the window's own catalogues.

The commands run without a QApplication (and must not start one: `counter-app gui` may need
to later in the same process), so no translator can be installed. A `QTranslator` is read
directly instead: it loads the same `counter_<lang>.qm` the window uses and answers
`translate()` by itself. A catalogue that is missing leaves the English source text, as in
the window. Moments keep one format in every language (2026-11-24 14:05), as before.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QTranslator

from counter_app.domain.scan_messages import Message, domain_moment, english, render
from counter_app.ui.i18n import CATALOGUE_PREFIX, choose_locale, language_code, translations_dir

log = logging.getLogger(__name__)


class CliLanguage:
    """Messages rendered in one language for a command's output."""

    def __init__(self, language: str) -> None:
        self.locale: QLocale = choose_locale(language)
        self.code = language_code(self.locale)
        self._translator: QTranslator | None = QTranslator()
        name = f"{CATALOGUE_PREFIX}_{self.code}"
        if not self._translator.load(name, str(translations_dir())):
            log.warning("translation catalogue %s not found in %s", name, translations_dir())
            self._translator = None

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        """`QCoreApplication.translate`, from this language's catalogue alone."""
        found: str | None = None
        if self._translator is not None:
            found = self._translator.translate(context, source, disambiguation, n)
        if not found:
            return english(context, source, disambiguation, n)
        return found.replace("%n", str(n)) if n >= 0 else found

    def say(self, message: Message) -> str:
        """`message` in this language; moments stay 2026-11-24 14:05, as scripts read them."""
        return render(message, self.translate, domain_moment)
