"""Runs `counter-app` as a subprocess with one isolated home, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(
    home: Path, *args: str, env_extra: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m counter_app ARGS` with COUNTER_APP_HOME=home and no outer COUNTER_APP_*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(
        {
            "COUNTER_APP_HOME": str(home),
            "COUNTER_APP_NO_KEYRING": "1",
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "counter_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
