"""The French and English catalogues: complete, placeholders intact, loaded by the app.

A French shop assistant must never meet an English word because a string was added without
its translation, nor a "%1" left raw because a translation dropped a placeholder.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from counter_app.ui.formatting import format_date, format_money
from counter_app.ui.i18n import (
    choose_locale,
    install_translators,
    installed_catalogues,
    language_choices,
    remove_translators,
    translations_dir,
)

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"
# %1..%99 and %n (Qt), {name} (str.format after translation).
PLACEHOLDER = re.compile(r"%(?:\d{1,2}|n|L\d)|\{[A-Za-z_][A-Za-z0-9_]*\}")


@dataclass
class Message:
    """One message of a .ts file."""

    context: str
    source: str
    numerus: bool
    forms: list[str]
    state: str  # "" when finished, else Qt's type: unfinished, obsolete, vanished


def read_ts(path: Path) -> list[Message]:
    messages = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            numerus = msg.get("numerus") == "yes"
            forms = [f.text or "" for f in tr.iter("numerusform")] if numerus else [tr.text or ""]
            messages.append(
                Message(name, msg.findtext("source") or "", numerus, forms, tr.get("type", ""))
            )
    return messages


def live(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.state not in ("obsolete", "vanished")]


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_string_is_translated_with_its_placeholders(language: str) -> None:
    messages = live(read_ts(TS_DIR / f"counter_{language}.ts"))
    assert messages, "the catalogue is empty: run `make update-translations`"
    problems = []
    for m in messages:
        where = f"[{m.context}] {m.source!r}"
        if m.state == "unfinished" or not all(f.strip() for f in m.forms):
            problems.append(f"{where}: no translation")
            continue
        for form in m.forms:
            # A plural form may spell the number out ("une minute"), but never invent one.
            wanted = placeholders(m.source)
            got = placeholders(form)
            if m.numerus and len(m.forms) > 1 and form is m.forms[0]:
                wanted.pop("%n", None)
                got.pop("%n", None)
            if got != wanted:
                problems.append(f"{where}: placeholders {dict(got)} instead of {dict(wanted)}")
    assert not problems, "\n".join(problems)


def test_every_message_has_a_context() -> None:
    # lupdate reads `tr(a, b)` (an alias of QCoreApplication.translate) as tr(text, comment):
    # the string then lands without a context and is never found at run time.
    orphans = [m.source for m in read_ts(TS_DIR / "counter_fr.ts") if not m.context]
    assert not orphans, (
        f"strings without a context (call QCoreApplication.translate(context, text) "
        f"directly, not through an alias): {orphans}"
    )


def _extractor():  # type: ignore[no-untyped-def]
    """packaging/i18n_extract.py, the script behind `make update-translations`."""
    spec = importlib.util.spec_from_file_location(
        "i18n_extract", ROOT / "packaging" / "i18n_extract.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_extract"] = module
    spec.loader.exec_module(module)
    return module


def test_catalogues_cover_every_string_in_the_code() -> None:
    in_code = {(s.context, s.source) for s in _extractor().extract(ROOT / "counter_app")}
    assert len(in_code) > 10, "the extractor found almost nothing: is it still reading the code?"
    for language in ("fr", "en"):
        committed = {
            (m.context, m.source) for m in live(read_ts(TS_DIR / f"counter_{language}.ts"))
        }
        missing = sorted(in_code - committed)
        assert not missing, (
            f"counter_{language}.ts lacks strings: run `make update-translations` "
            f"and translate {missing}"
        )


def test_extractor_reads_aliases_plurals_and_methods(tmp_path: Path) -> None:
    source = tmp_path / "widget.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "class Pane:\n"
        "    def build(self, n):\n"
        "        tr = QCoreApplication.translate\n"
        "        tr('Pane', 'Accept (F2)')\n"
        "        QCoreApplication.translate('Pane', '%n item(s)', '', n)\n"
        "        self.tr('Close')\n"
        "        name = 'Ctx'\n"
        "        tr(name, 'built from a variable')\n",
        encoding="utf-8",
    )
    found = _extractor().extract(tmp_path)
    assert [(s.context, s.source, s.numerus) for s in found] == [
        ("Pane", "Accept (F2)", False),
        ("Pane", "%n item(s)", True),
        ("Pane", "Close", False),
    ]


def test_update_keeps_translations_and_adds_new_strings_unfinished(tmp_path: Path) -> None:
    extractor = _extractor()
    ts = tmp_path / "counter_fr.ts"
    shutil.copy(TS_DIR / "counter_fr.ts", ts)
    strings = extractor.extract(ROOT / "counter_app")
    added = extractor.SourceString("NewDialog", "Brand new text")
    new, unfinished = extractor.update_ts(ts, [*strings, added], "fr_FR")
    assert (new, unfinished) == (1, 1)
    after = {(m.context, m.source): m for m in read_ts(ts)}
    assert after[("NewDialog", "Brand new text")].state == "unfinished"
    before = {(m.context, m.source): m for m in read_ts(TS_DIR / "counter_fr.ts")}
    assert all(after[key].forms == m.forms for key, m in before.items() if m.state == "")


@pytest.fixture(autouse=True)
def _restore_language(qapp: QCoreApplication) -> Iterator[None]:
    """Other tests keep the language and default locale they started with."""
    before = QLocale()
    yield
    remove_translators(qapp)
    QLocale.setDefault(before)


@pytest.fixture
def built_catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The .qm files compiled now from the .ts sources (the same step as `make translations`)."""
    out = tmp_path / "resources"
    (out / "translations").mkdir(parents=True)
    for ts in TS_DIR.glob("*.ts"):
        qm = out / "translations" / ts.with_suffix(".qm").name
        subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    monkeypatch.setattr("counter_app.ui.i18n.resources_dir", lambda: out)
    return out / "translations"


def test_french_and_english_catalogues_switch_at_run_time(
    qapp: QCoreApplication, built_catalogues: Path
) -> None:
    locale = install_translators(qapp, "fr")
    assert locale.language() == QLocale.Language.French
    assert translations_dir() == built_catalogues
    names = {Path(p).name for p in installed_catalogues()}
    assert names == {"counter_fr.qm", "qtbase_fr.qm"}
    assert [label for _, label in language_choices()] == [
        "Comme le système",
        "Français",
        "Anglais",
    ]
    # Qt's own dialogs (print, file, message boxes) speak French too.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert format_money(1250, "EUR") == "12,50\u00a0€"

    locale = install_translators(qapp, "en")
    assert locale.language() == QLocale.Language.English
    assert [label for _, label in language_choices()] == [
        "Same as the system",
        "French",
        "English",
    ]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert format_money(1250, "EUR") == "€12.50"


def test_french_plural_forms_follow_french_rules(
    qapp: QCoreApplication, built_catalogues: Path
) -> None:
    # French uses the singular for 0 and 1; English would say "0 days".
    plural = next(
        m for m in live(read_ts(TS_DIR / "counter_fr.ts")) if m.numerus and len(m.forms) == 2
    )
    install_translators(qapp, "fr")
    zero = QCoreApplication.translate(plural.context, plural.source, "", 0)
    one = QCoreApplication.translate(plural.context, plural.source, "", 1)
    many = QCoreApplication.translate(plural.context, plural.source, "", 3)
    assert zero == plural.forms[0].replace("%n", "0")
    assert one == plural.forms[0].replace("%n", "1")
    assert many == plural.forms[1].replace("%n", "3")


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("system", "fr_FR", "fr_FR"),
        ("system", "fr_BE", "fr_BE"),  # a Belgian shop keeps its own formats
        ("system", "en_US", "en_US"),
        ("system", "de_DE", "en_GB"),  # neither French nor English: English
        ("fr", "en_US", "fr_FR"),
        ("en", "fr_FR", "en_GB"),
        ("FR ", "de_DE", "fr_FR"),
        ("klingon", "fr_CA", "fr_CA"),  # an unusable setting follows the system
    ],
)
def test_language_follows_the_system_unless_the_setting_overrides_it(
    setting: str, system: str, expected: str
) -> None:
    assert choose_locale(setting, QLocale(system)).name() == expected


def test_dates_and_money_follow_the_chosen_locale() -> None:
    from datetime import date

    day = date(2026, 11, 24)
    assert format_date(day, QLocale("fr_FR")) == "24/11/2026"
    assert format_date(day, QLocale("en_US")) == "11/24/26"
    assert format_money(123456, "EUR", QLocale("fr_FR")) == "1\u202f234,56\u00a0€"
    assert format_money(999, "GBP", QLocale("en_GB")) == "£9.99"


def test_missing_catalogue_falls_back_to_english_and_says_so(
    qapp: QCoreApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A damaged install must still open (in English) and leave a trace for support.
    monkeypatch.setattr("counter_app.ui.i18n.resources_dir", lambda: tmp_path)
    with caplog.at_level("WARNING", logger="counter_app.ui.i18n"):
        locale = install_translators(qapp, "fr")
    assert locale.language() == QLocale.Language.French
    assert [label for _, label in language_choices()][1] == "French"
    assert "counter_fr not found" in caplog.text
    assert {Path(p).name for p in installed_catalogues()} == {"qtbase_fr.qm"}


def test_stored_utc_times_are_shown_in_the_shops_time_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time
    from datetime import UTC, datetime

    from counter_app.ui.formatting import format_datetime, format_long_date, format_time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        moment = datetime(2026, 11, 24, 13, 5, tzinfo=UTC)  # 14:05 in Paris in winter
        assert format_datetime(moment, QLocale("fr_FR")) == "24/11/2026 14:05"
        assert format_time(moment, QLocale("fr_FR")) == "14:05"
        assert format_time(moment, QLocale("en_US")) == "2:05\u202fPM"
        late = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # already the 25th in Paris
        assert format_long_date(late, QLocale("fr_FR")) == "mercredi 25 novembre 2026"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_scan_messages_from_the_domain_reach_the_till_in_french(
    qapp: QCoreApplication, built_catalogues: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time
    from datetime import UTC, datetime

    from counter_app.domain.scan import BagVerdict, OrderSummary, ScanResult, Verdict, bag_message
    from counter_app.domain.scan import verdict_message as message
    from counter_app.domain.scan_messages import Message
    from counter_app.domain.stages import Stage
    from counter_app.ui.domain_texts import scan_text
    from counter_app.ui.scan_desk import display_for_result

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    order = OrderSummary("CC1-A", "CC1", "Émilie Lefèvre", 3, "B2", 1, Stage.TO_PREPARE)
    collected = message(
        Verdict.ALREADY_COLLECTED,
        order=order,
        collected_at=datetime(2026, 11, 24, 13, 5, tzinfo=UTC),
        collected_till="caisse-2",
        offline=True,
    )
    not_ready = message(Verdict.NOT_READY, order=order)
    invalid = message(Verdict.INVALID, reason="check")
    error = message(Verdict.ERROR, reason="disk I/O error")
    wrong_bag = bag_message(BagVerdict.WRONG_BAG, expected="CC1-A", slip="CC7-A")
    install_translators(qapp, "en")
    assert scan_text(not_ready) == str(not_ready)
    assert scan_text(collected).startswith(
        "Already collected on 24/11/2026 13:05 at till caisse-2."  # the date in the locale's way
    )
    install_translators(qapp, "fr")
    assert scan_text(collected) == (
        "Déjà retirée le 24/11/2026 13:05 à la caisse caisse-2. Ne pas remettre. "
        "Hors ligne : les commandes ont pu changer depuis la dernière synchronisation."
    )
    assert scan_text(not_ready) == ("Pas encore prête (étape : à préparer). Ne pas remettre.")
    assert scan_text(invalid) == (
        "Code non valide : un caractère est faux (caractère de contrôle) ; "
        "scannez ou tapez-le de nouveau."
    )
    # A system error's own words are passed on as they are, inside the French sentence.
    assert scan_text(error) == "Le scan n'a pas pu être vérifié : disk I/O error"
    assert scan_text(wrong_bag) == (
        "MAUVAIS SAC ! Cette étiquette est celle de la commande CC7-A, pas CC1-A."
    )
    # A failure the store knows is said in French too.
    assert scan_text(message(Verdict.ERROR, reason=Message("failure.disk_full"))) == (
        "Le scan n'a pas pu être vérifié : le disque est plein, rien n'a été enregistré ; "
        "libérez de la place et réessayez"
    )
    # Staff notes shown above the verdict stay as typed.
    note = "Client régulier: offrir le marque-page"
    shown = display_for_result(ScanResult(Verdict.NOT_READY, not_ready, False, notes=note))
    assert shown.message == f"{note}\nPas encore prête (étape : à préparer). Ne pas remettre."
    # A customer's name (a field) is never translated, whatever it says.
    named = OrderSummary("CC2-A", "CC2", "ready", 1, "", 1, Stage.READY)
    assert scan_text(message(Verdict.NEEDS_CHECK, order=named)) == (
        "Trouvée par numéro de commande, pas par code de retrait : vérifiez que le client est "
        "bien ready avant de remettre (1 article, étagère ?)."
    )
    monkeypatch.undo()
    time.tzset()


def test_qt_print_preview_and_file_dialogs_speak_french(
    qapp: QCoreApplication, built_catalogues: Path
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QFileDialog, QPushButton

    install_translators(qapp, "fr")
    printer = QPrinter()
    preview = QPrintPreviewDialog(printer)
    files = QFileDialog(None, "", "", "PDF (*.pdf)")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    try:
        actions = {a.text() for a in preview.findChildren(QAction)}
        buttons = {b.text() for b in files.findChildren(QPushButton)}
        assert preview.windowTitle() == "Aperçu avant impression"
        assert "Imprimer" in actions and "Print" not in actions, actions
        assert "&Enregistrer" in buttons and "Annuler" in buttons, buttons
    finally:
        preview.deleteLater()
        files.deleteLater()
