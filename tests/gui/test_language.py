"""The counter window speaks the shop's language: French under LANG=fr_FR, English under en_US.

Each case starts the real app (`run_gui`: the same start-up as `counter-app`) in a fresh
process, because Qt reads the system language once per process. The window is shown
offscreen on a store holding a few orders, photographed, and every text a person can see
(title, tabs, buttons, labels, placeholders, table headers and cells, menus) is collected
and compared with the catalogues.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from tests.factories import make_order
from tests.gui.conftest import offscreen_screen

ROOT = Path(__file__).resolve().parents[2]
TS_FR = ROOT / "resources" / "translations" / "counter_fr.ts"

# Runs in the child process: starts the app, then reads the window once it is on screen.
PROBE = r"""
import json, sys
from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QGroupBox, QLabel, QLineEdit,
    QMainWindow, QTabBar,
)
from PySide6.QtCore import Qt

out_json, out_png = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv[:1])

def count(method):
    try:
        return method(QModelIndex())
    except TypeError:  # list models hide columnCount: one column
        return 1

def texts_of(window):
    seen = [window.windowTitle()]
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            seen.append(action.text())
            seen += [a.text() for a in action.menu().actions()] if action.menu() else []
    for w in window.findChildren(QComboBox):
        if w.isVisible():
            seen += [w.itemText(i) for i in range(w.count())]
    for w in window.findChildren(QGroupBox):
        if w.isVisible():
            seen.append(w.title())
    for w in window.findChildren(QLabel):
        if w.isVisible():
            seen.append(w.text())
    for w in window.findChildren(QAbstractButton):
        if w.isVisible():
            seen.append(w.text())
    for w in window.findChildren(QLineEdit):
        if w.isVisible():
            seen.append(w.placeholderText())
    for w in window.findChildren(QTabBar):
        if w.isVisible():
            seen += [w.tabText(i) for i in range(w.count())]
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        for c in range(count(model.columnCount)):
            seen.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
        for r in range(min(count(model.rowCount), 20)):
            for c in range(count(model.columnCount)):
                seen.append(str(model.data(model.index(r, c)) or ""))
    return [t for t in seen if t and t.strip()]

def probe():
    try:
        read_window()
    except Exception:
        import traceback
        traceback.print_exc()
        app.exit(4)

def read_window():
    windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    if not windows:
        QTimer.singleShot(200, probe)
        return
    window = windows[0]
    window.grab().save(out_png)
    texts = {"window": texts_of(window)}
    # A code nobody knows, typed at the till: the verdict band answers.
    window.handle_scan("CC999999-Z")
    app.processEvents()
    texts["verdict"] = [window.band.headline.text()]
    texts["verdict_message"] = [window.band.message.text()]
    # The owner's and the preparer's dialogs, opened as the window opens them.
    from counter_app.ui.ready_dialog import ReadyDialog
    from counter_app.ui.setup_dialog import SetupDialog

    for name, dialog in (
        ("setup", SetupDialog(window.settings, parent=window)),
        ("ready", ReadyDialog("Émilie Lefèvre", parent=window)),
    ):
        dialog.show()
        app.processEvents()
        texts[name] = texts_of(dialog)
        pages = getattr(dialog, "pages", None)  # set-up has pages: read each one
        for index in range(pages.count() if pages is not None else 0):
            pages.setCurrentIndex(index)
            app.processEvents()
            texts[name] += texts_of(dialog)
        dialog.reject()
    with open(out_json, "w", encoding="utf-8") as fh:
        json.dump(texts, fh, ensure_ascii=False)
    app.quit()

QTimer.singleShot(1500, probe)
QTimer.singleShot(30000, lambda: app.exit(3))

from counter_app.bootstrap import load_and_log
from counter_app.ui.app import run_gui

sys.exit(run_gui(load_and_log(None, stderr=False)))
"""


def _catalogue() -> list[tuple[str, str]]:
    """(English source, French translation) of every finished singular message."""
    pairs = []
    for ctx in ET.parse(TS_FR).getroot().iter("context"):
        if ctx.findtext("name") == "Language":
            # Language names may be shown in their own language ("English" in a French list).
            continue
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if msg.get("numerus") == "yes" or tr is None or tr.get("type"):
                continue
            pairs.append((msg.findtext("source") or "", tr.text or ""))
    return pairs


def _normal(text: str) -> str:
    # Counts and markers around a label ("À accepter (3)", "● En ligne") are not words.
    text = re.sub(r"\s*\(\d+\)$", "", re.sub(r"&(?=\w)", "", text).strip())
    return text.lstrip("●⚠ ").strip()


def _seed(home: Path) -> None:
    (home / "settings.toml").write_text(
        # Nothing listens on port 9: the app starts, finds itself offline, and carries on.
        'marketplace_url = "http://127.0.0.1:9"\nshop_id = "2001"\ntill_name = "caisse-1"\n',
        encoding="utf-8",
    )
    ctx = open_context(load_settings(home))
    try:
        ctx.repo.upsert_orders(
            [
                make_order(state="WAITING_ACCEPTANCE", customer="Émilie Lefèvre"),
                make_order(state="WAITING_ACCEPTANCE", customer="Jean Dupont"),
                make_order(state="SHIPPING", customer="Chloé Martin"),
            ]
        )
    finally:
        ctx.close()


def _start_app(
    home: Path, tmp_path: Path, lang: str, language: str = ""
) -> tuple[dict[str, list[str]], Any]:
    if language:
        with open(home / "settings.toml", "a", encoding="utf-8") as fh:
            fh.write(f'language = "{language}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(
        {
            "LANG": lang,
            "COUNTER_APP_HOME": str(home),
            "COUNTER_APP_API_KEY": "test-key",
            "COUNTER_APP_NO_KEYRING": "1",
            "QT_QPA_PLATFORM": offscreen_screen(tmp_path, 1366, 768),
        }
    )
    env.pop("COUNTER_APP_MARKETPLACE_URL", None)
    script = tmp_path / "probe.py"
    script.write_text(PROBE, encoding="utf-8")
    out_json, out_png = tmp_path / f"texts-{lang}.json", tmp_path / f"window-{lang}.png"
    done = subprocess.run(
        [sys.executable, str(script), str(out_json), str(out_png)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    shot = QImage(str(out_png))
    return json.loads(out_json.read_text(encoding="utf-8")), shot


def _assert_real_screenshot(shot: QImage) -> None:
    assert not shot.isNull() and shot.width() >= 1024 and shot.height() >= 600
    small = shot.scaled(64, 36)
    colours = {small.pixel(x, y) for x in range(64) for y in range(36)}
    assert len(colours) > 20, "the screenshot is blank"


@pytest.fixture
def shop_home(home: Path) -> Path:
    _seed(home)
    return home


def _leaks(shown: set[str], *, english: bool) -> list[str]:
    """Catalogue texts of the wrong language among `shown` (words equal in both are fine)."""
    pairs = [(_normal(src), _normal(fr)) for src, fr in _catalogue()]
    wrong = {src if english else fr for src, fr in pairs if src != fr}
    return sorted(wrong & shown)


def test_french_system_shows_french_everywhere(shop_home: Path, tmp_path: Path) -> None:
    texts, shot = _start_app(shop_home, tmp_path, "fr_FR.UTF-8")
    _assert_real_screenshot(shot)
    window = {_normal(t) for t in texts["window"]}
    for expected in ("Comptoir — click & collect", "À accepter", "À préparer", "Prêtes"):
        assert expected in window, f"{expected!r} not on screen; saw {sorted(window)}"
    setup, ready = ({_normal(t) for t in texts[k]} for k in ("setup", "ready"))
    assert {"Configuration", "Places de marché", "Tester la connexion"} <= setup, sorted(setup)
    assert "Comme le système" in setup and "System" not in setup  # the language choice
    assert "Marquer prête" in ready, sorted(ready)
    assert texts["verdict"] == ["Code inconnu"]
    assert texts["verdict_message"][0].startswith(
        "Aucune commande trouvée pour ce code. Hors ligne"
    )
    # Qt's own buttons come from Qt's French catalogue.
    assert "Annuler" in setup | ready and "Cancel" not in setup | ready
    for name, shown in (("window", window), ("setup", setup), ("ready", ready)):
        leaked = _leaks(shown, english=True)
        assert not leaked, f"English left on the French {name}: {leaked}"
    # Dates, times and money follow French conventions (day first, 24 h, "23,90 €").
    assert any(re.search(r"\b20/11/2026 \d{2}:\d{2}\b", t) for t in texts["window"])
    assert any(re.search(r"23,90\s€", t) for t in texts["window"])


def test_english_system_shows_english(shop_home: Path, tmp_path: Path) -> None:
    texts, shot = _start_app(shop_home, tmp_path, "en_US.UTF-8")
    _assert_real_screenshot(shot)
    window = {_normal(t) for t in texts["window"]}
    for expected in ("Counter — click & collect", "To accept", "To prepare", "Ready"):
        assert expected in window, f"{expected!r} not on screen; saw {sorted(window)}"
    setup = {_normal(t) for t in texts["setup"]}
    assert {"Set-up", "Marketplaces", "Test connection", "Cancel"} <= setup, sorted(setup)
    assert texts["verdict"] == ["Unknown code"]
    assert texts["verdict_message"][0].startswith("No order found for this code. Offline")
    # Dates and money follow English conventions here, not the French ones.
    assert any(re.search(r"£?23\.90|€23\.90|23\.90", t) for t in texts["window"])
    for name in ("window", "setup", "ready"):
        french = _leaks({_normal(t) for t in texts[name]}, english=False)
        assert not french, f"French on the English {name}: {french}"


def test_language_setting_overrides_the_system(shop_home: Path, tmp_path: Path) -> None:
    texts, _shot = _start_app(shop_home, tmp_path, "en_US.UTF-8", language="fr")
    window = {_normal(t) for t in texts["window"]}
    assert "À accepter" in window and "To accept" not in window
