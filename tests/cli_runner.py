"""Runs `counter-app` as a subprocess with one isolated home, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli_env(home: Path, env_extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of one `counter-app` run: this home, no outer COUNTER_APP_*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(
        {
            "COUNTER_APP_HOME": str(home),
            "COUNTER_APP_NO_KEYRING": "1",
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    env.update(env_extra or {})
    return env


def run_cli(
    home: Path, *args: str, env_extra: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m counter_app ARGS` with COUNTER_APP_HOME=home and no outer COUNTER_APP_*."""
    return subprocess.run(
        [sys.executable, "-m", "counter_app", *args],
        env=cli_env(home, env_extra),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_cli_at_once(
    home: Path,
    *args: str,
    copies: int = 2,
    env_extra: dict[str, str] | None = None,
    timeout: float = 120,
) -> list[subprocess.CompletedProcess[str]]:
    """Start `copies` runs of the same command together (two tills, two starts) and wait."""
    env = cli_env(home, env_extra)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "counter_app", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(copies)
    ]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done
