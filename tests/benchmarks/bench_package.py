"""How big and how quick the packaged app is, next to the same app run from the checkout.

Builds the one-folder app with `make package` into a temporary folder, then prints:
- the build time and the folder's size on disk;
- the start-up time of `--version` (median of 5), frozen vs `python -m counter_app`;
- the time of a full `self-test`, frozen vs from the checkout.

Run: `make benchmarks`, or `.venv/bin/python tests/benchmarks/bench_package.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(
        {
            "COUNTER_APP_HOME": str(home),
            "COUNTER_APP_NO_KEYRING": "1",
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    return env


def _timed(cmd: list[str], home: Path, runs: int = 1) -> float:
    """Median wall time of `runs` runs, in seconds; a failing run stops the benchmark."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=_env(home), cwd=home, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _size_mb(folder: Path) -> float:
    # Symlinks (PyInstaller links Qt libraries to the top) would count the same file twice.
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        out = Path(tmp)
        home = out / "home"
        home.mkdir()
        start = time.perf_counter()
        subprocess.run(
            [
                "make",
                "--no-print-directory",
                "package",
                f"PACKAGE_DIST={out / 'dist'}",
                f"PACKAGE_BUILD={out / 'build'}",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        build_s = time.perf_counter() - start
        app = out / "dist" / "counter-app"
        frozen = [str(app / "counter-app-cli")]
        source = [sys.executable, "-m", "counter_app"]

        print(f"build (make package, cold work folder): {build_s:6.1f} s")
        print(f"folder size on disk:                    {_size_mb(app):6.1f} MB")
        f_version = _timed([*frozen, "--version"], home, runs=5)
        s_version = _timed([*source, "--version"], home, runs=5)
        print(
            f"start-up, --version (median of 5):       {f_version * 1000:6.0f} ms frozen"
            f"   vs {s_version * 1000:6.0f} ms from the checkout (baseline)"
        )
        f_test = _timed([*frozen, "self-test"], home)
        s_test = _timed([*source, "self-test"], home)
        print(
            f"self-test, every step:                   {f_test * 1000:6.0f} ms frozen"
            f"   vs {s_test * 1000:6.0f} ms from the checkout (baseline)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
