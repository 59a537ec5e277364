"""The interface language: our own catalogues plus Qt's, chosen from the system or a setting.

French and English are supported. `install_translators` is called once by the app at start-up
(and again when the owner changes the language setting); it also makes the chosen locale the
default, so that dates, times and money shown through `QLocale()` follow the same language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from counter_app.resources import resources_dir

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES: tuple[str, ...] = ("fr", "en")
# Our catalogues are named counter_<lang>.qm; Qt's own are qtbase_<lang>.qm.
CATALOGUE_PREFIX = "counter"
QT_CATALOGUE_PREFIX = "qtbase"
# Shown when the system speaks neither French nor English.
FALLBACK_LANGUAGE = "en"

_LANGUAGE_CODES = {QLocale.Language.French: "fr", QLocale.Language.English: "en"}
# When the language is forced, formats come from the usual country for it, since the system
# locale belongs to another language.
_DEFAULT_LOCALES = {"fr": "fr_FR", "en": "en_GB"}

# Texts other modules translate through a variable, which no extractor can follow: marked
# here so that `make update-translations` puts them in the catalogues all the same.
DYNAMIC_TEXTS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("SetupDialog", "System"),  # setup_dialog.LANGUAGES
)

# Translators must outlive this call: Qt does not take ownership of them.
_installed: list[QTranslator] = []


def language_choices() -> list[tuple[str, str]]:
    """(setting value, label) pairs for the language setting, labels in the current language."""
    return [
        ("system", QCoreApplication.translate("Language", "Same as the system")),
        ("fr", QCoreApplication.translate("Language", "French")),
        ("en", QCoreApplication.translate("Language", "English")),
    ]


def translations_dir() -> Path:
    """Where the .qm files built from `resources/translations/*.ts` live."""
    return resources_dir() / "translations"


def qt_translations_dir() -> Path:
    """Qt's own catalogues (dialog buttons, print and file dialogs)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def choose_locale(language: str, system: QLocale | None = None) -> QLocale:
    """The locale for a `language` setting: "system", "fr" or "en".

    "system" keeps the system locale (and so its country's formats) when it speaks a supported
    language, and falls back to English otherwise. An unknown setting is treated as "system".
    """
    system = system if system is not None else QLocale.system()
    wanted = language.strip().lower()
    system_code = _LANGUAGE_CODES.get(system.language())
    if wanted not in SUPPORTED_LANGUAGES:
        wanted = system_code or FALLBACK_LANGUAGE
    if system_code == wanted:
        return QLocale(system)
    return QLocale(_DEFAULT_LOCALES[wanted])


def language_code(locale: QLocale) -> str:
    """ "fr" or "en" for a locale chosen by `choose_locale`."""
    return _LANGUAGE_CODES.get(locale.language(), FALLBACK_LANGUAGE)


def _load(app: QCoreApplication, name: str, folder: Path) -> None:
    translator = QTranslator(app)
    if translator.load(name, str(folder)):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("translation catalogue %s not found in %s", name, folder)


def install_translators(app: QCoreApplication, language: str) -> QLocale:
    """Install the catalogues for `language` ("system", "fr" or "en"); returns the locale chosen.

    Translators from an earlier call are removed first, so the language can be switched while
    the app runs. A missing catalogue is not an error: the English source text shows instead.
    """
    remove_translators(app)
    locale = choose_locale(language)
    QLocale.setDefault(locale)
    code = language_code(locale)

    _load(app, f"{CATALOGUE_PREFIX}_{code}", translations_dir())
    if code != "en":
        # Qt's strings are English in the source, so only other languages need its catalogue.
        _load(app, f"{QT_CATALOGUE_PREFIX}_{code}", qt_translations_dir())
    log.info("language %s (%s), catalogues: %s", code, locale.name(), installed_catalogues())
    return locale


def remove_translators(app: QCoreApplication) -> None:
    """Back to the English source texts (the default locale is left as it is)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()


def installed_catalogues() -> list[str]:
    """File paths of the catalogues in use (shown by the self-test and in support reports)."""
    return [t.filePath() for t in _installed]


def install_language(app: QCoreApplication | None, language: str) -> None:
    """Install the catalogues of `language` ("system", "fr", "en") into the running app."""
    if app is not None:
        install_translators(app, language)
