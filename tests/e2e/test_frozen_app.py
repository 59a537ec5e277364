"""The shop PC's app: `make package` builds the one-folder app, and its self-test passes.

This is the installed app's own check, run the way support runs it on a shop PC: the frozen
`counter-app-cli self-test`, offscreen, from a folder outside the checkout, with no Python
environment around it. A broken bundle (a missing migration, catalogue, Qt plugin or the code
decoder) shows up here as a failed step, not at the counter.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STEPS = ["database", "translations", "slip", "pdf", "printers", "camera"]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _clean_env(home: Path) -> dict[str, str]:
    """What a shop PC has: no virtualenv, no PYTHONPATH, no settings from this shell."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COUNTER_APP_", "PYTHON", "VIRTUAL_ENV", "QT_"))
    }
    env.update(
        {
            "COUNTER_APP_HOME": str(home),
            "COUNTER_APP_NO_KEYRING": "1",
            "QT_QPA_PLATFORM": "offscreen",
            "LANG": "C.UTF-8",
        }
    )
    return env


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The folder `make package` builds (built once for this module, in a temp dir)."""
    if shutil.which("make") is None:
        pytest.fail("make is needed to build the package (it is what CI runs)")
    out = tmp_path_factory.mktemp("package")
    built = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "package",
            f"PACKAGE_DIST={out / 'dist'}",
            f"PACKAGE_BUILD={out / 'build'}",
            f"PYTHON={sys.executable}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=840,
    )
    assert built.returncode == 0, (
        f"make package failed:\n{built.stdout[-3000:]}\n{built.stderr[-5000:]}"
    )
    app = out / "dist" / "counter-app"
    assert (app / "counter-app").is_file() and (app / "counter-app-cli").is_file()
    yield app


def _run(app: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(app / "counter-app-cli"), *args],
        cwd=home,
        env=_clean_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_frozen_self_test_passes_every_step(frozen_app: Path, tmp_path: Path) -> None:
    out = _run(frozen_app, tmp_path, "self-test", "--json")
    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads(out.stdout)
    assert report["passed"] is True
    assert [s["name"] for s in report["steps"]] == STEPS
    failed = [s for s in report["steps"] if not s["ok"]]
    assert not failed, failed
    details = {s["name"]: s["detail"] for s in report["steps"]}
    assert "counter_fr.qm" in details["translations"] and "qtbase_fr.qm" in details["translations"]
    assert "decoded" in details["slip"]
    # QtMultimedia, its FFmpeg back-end and the camera reader made it into the build.
    assert details["camera"].startswith("turned pickup card read")

    text = _run(frozen_app, tmp_path, "self-test")
    assert text.returncode == 0 and "all steps passed" in text.stdout
    assert "FAILED" not in text.stdout


def test_frozen_app_runs_the_real_commands(frozen_app: Path, tmp_path: Path) -> None:
    version = _run(frozen_app, tmp_path, "--version")
    from counter_app import __version__

    assert version.returncode == 0 and version.stdout.strip() == f"counter-app {__version__}"
    upgraded = _run(frozen_app, tmp_path, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    check = _run(frozen_app, tmp_path, "db", "check", "--json")
    assert json.loads(check.stdout)["up_to_date"] is True


def test_frozen_self_test_names_what_is_missing(frozen_app: Path, tmp_path: Path) -> None:
    # A damaged install (here: our French catalogue deleted) must fail loudly and say why.
    damaged = tmp_path / "damaged"
    shutil.copytree(frozen_app, damaged, symlinks=True)
    for qm in damaged.rglob("counter_fr.qm"):
        qm.unlink()
    out = _run(damaged, tmp_path, "self-test")
    assert out.returncode == 1
    line = next(x for x in out.stdout.splitlines() if "translations" in x)
    assert "FAILED" in line and "counter_fr.qm" in line
    assert "ok      database" in out.stdout  # the other steps still ran
    assert "Traceback" not in out.stdout + out.stderr


def test_bundle_leaves_out_unused_qt_modules(frozen_app: Path) -> None:
    # WebEngine alone is hundreds of MB; the shop PC's download must not carry it.
    bundled = {p.name for p in frozen_app.rglob("*") if p.is_file()}
    assert not [n for n in bundled if "WebEngine" in n or "Qt3D" in n]
    assert any(
        n.startswith("libQt6PrintSupport") or n.startswith("Qt6PrintSupport") for n in bundled
    )


def test_frozen_window_starts_on_the_demo_marketplace(frozen_app: Path, tmp_path: Path) -> None:
    # The window's imports (sounds, sync, simulator) are only reached by the GUI: start it for
    # real, offscreen, and check it is still up and has logged no error a few seconds later.
    proc = subprocess.Popen(
        [str(frozen_app / "counter-app"), "--demo", "--verbose"],
        cwd=tmp_path,
        env=_clean_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=12)
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
    log = (tmp_path / "logs" / "counter-app.log").read_text(encoding="utf-8")
    assert "Traceback" not in log and "Traceback" not in err, log[-3000:] + err[-3000:]
    assert " ERROR " not in log, log[-3000:]
    # The window synced from the bundled simulator: orders were asked for and served.
    assert "demo marketplace main on http://127.0.0.1:" in log
    assert "demo marketplace carrefour-demo on http://127.0.0.1:" in log
    assert re.search(r'"GET /api/orders\?[^"]*" 200', log), log[-3000:]


def test_linux_install_puts_a_working_menu_entry_in_place(frozen_app: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    env = {**_clean_env(tmp_path), "DESTDIR": str(root)}
    env.update({"PREFIX": "/opt/counter-app", "SHARE": "/usr/share"})
    done = subprocess.run(
        ["sh", str(frozen_app / "install-linux.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(root / "usr/share/applications/counter-app.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name[fr]"] == "Comptoir"
    assert desktop["Exec"] == "/opt/counter-app/counter-app"
    assert (root / "usr/share/icons/hicolor/256x256/apps" / f"{desktop['Icon']}.png").is_file()
    program = root / desktop["Exec"].lstrip("/")
    assert os.access(program, os.X_OK)
    installed = subprocess.run(
        [str(program.with_name("counter-app-cli")), "--version"],
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert installed.returncode == 0 and installed.stdout.startswith("counter-app ")


def test_windows_installer_script_matches_the_build() -> None:
    # Inno Setup cannot run here; what can drift is checked: names, paths and the icon.
    iss = (ROOT / "packaging" / "counter-app.iss").read_text(encoding="utf-8")
    spec = (ROOT / "packaging" / "counter-app.spec").read_text(encoding="utf-8")
    for exe in re.findall(r'#define (?:AppExe|CliExe) "([^"]+)\.exe"', iss):
        assert f'name="{exe}"' in spec, f"{exe}.exe is not built by the spec"
    assert '#define BuiltFolder "..\\dist\\counter-app"' in iss
    icon = re.search(r"^SetupIconFile=(.+)$", iss, re.MULTILINE)
    assert icon and (ROOT / "packaging" / icon.group(1).strip()).is_file()
    assert re.search(
        r"^Name: \"\{group\}\\\{#AppName\}\"; Filename: \"\{app\}\\\{#AppExe\}\"", iss, re.M
    )
    assert 'Name: "french"' in iss
