"""The real window (`run_gui`, as `counter-app` starts it) never starts the demo by itself.

Each case runs the app in a subprocess, offscreen, and closes it (or its first-run dialog)
after a moment; the store and the log then show what it did.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
seen = []

def close():
    modal = app.activeModalWidget()
    if modal is not None:
        seen.append(type(modal).__name__)
        open(sys.argv[1], "w").write(",".join(seen))
        modal.reject()
    else:
        app.quit()

QTimer.singleShot(2500, close)
QTimer.singleShot(5000, app.quit)
from counter_app.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _run(home: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(COUNTER_APP_HOME=str(home), COUNTER_APP_NO_KEYRING="1", QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "modal.txt"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _log(home: Path) -> str:
    path = home / "logs" / "counter-app.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_a_fresh_home_asks_for_set_up_and_syncs_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = _run(home, tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "modal.txt").read_text() == "SetupDialog"
    assert "demo marketplace" not in _log(home)
    db = home / "counter.sqlite3"
    if db.exists():
        with sqlite3.connect(db) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "orders" in tables:
                assert conn.execute("SELECT count(*) FROM orders").fetchone() == (0,)
        conn.close()


def test_a_set_up_home_without_an_address_opens_offline_without_the_demo(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    # The address emptied in set-up (or misspelt): the file exists, the URL does not.
    (home / "settings.toml").write_text(
        'marketplace_ulr = "https://x.example"\ntill_name = "caisse-1"\n', encoding="utf-8"
    )
    done = _run(home, tmp_path)
    assert done.returncode == 0, done.stderr
    log = _log(home)
    assert "demo marketplace" not in log
    assert "unknown setting 'marketplace_ulr'" in log
    with sqlite3.connect(home / "counter.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (0,)
    conn.close()


def test_demo_flag_runs_the_demo_in_a_blank_folder(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    done = _run(home, tmp_path, "--demo")
    assert done.returncode == 0, done.stderr
    log = _log(home)
    # Both demo marketplaces run, each on its own loopback simulator.
    assert "demo marketplace main on http://127.0.0.1:" in log
    assert "demo marketplace carrefour-demo on http://127.0.0.1:" in log


def test_a_damaged_store_is_refused_on_screen_too(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text('till_name = "caisse-1"\n', encoding="utf-8")
    (home / "counter.sqlite3").write_bytes(b"PK\x03\x04 a zip file, not a database" * 100)
    done = _run(home, tmp_path)
    assert done.returncode == 1
    assert (tmp_path / "modal.txt").read_text() == "QMessageBox"
    assert "db restore" in done.stderr and "Traceback" not in done.stderr
