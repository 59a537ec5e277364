"""The command line on a shop's first day: output cut short by `head`, and a slip asked for
an order that is not packed yet. Real subprocesses, real SQLite files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from tests.cli_runner import run_cli
from tests.factories import make_order

ROOT = Path(__file__).resolve().parents[2]


def _seed(home: Path, count: int = 1) -> list[str]:
    settings = load_settings(home, environ={}, read_api_key=False)
    settings.paths.ensure()
    ctx = open_context(settings)
    try:
        orders = [
            make_order(customer=f"Client {i:04d} avec un nom assez long") for i in range(count)
        ]
        ctx.repo.upsert_orders(orders)
        return [o.order_id for o in orders]
    finally:
        ctx.close()


def _piped_to_head(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update({"COUNTER_APP_HOME": str(home), "COUNTER_APP_NO_KEYRING": "1"})
    command = " ".join([sys.executable, "-m", "counter_app", *args])
    return subprocess.run(
        ["bash", "-c", f"{command} 2>{home / 'stderr.txt'} | head -n 2"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_output_cut_by_head_gives_no_traceback(tmp_path: Path) -> None:
    ids = _seed(tmp_path, count=600)  # far more than a pipe holds
    for args in (("orders", "list", "--json"), ("orders", "show", ids[0], "--json")):
        done = _piped_to_head(tmp_path, *args)
        assert done.stdout.count("\n") <= 2 and done.stdout.strip()
        errors = (tmp_path / "stderr.txt").read_text()
        assert "Traceback" not in errors and "BrokenPipe" not in errors, errors


def test_a_slip_for_an_order_not_ready_says_so(tmp_path: Path) -> None:
    (order_id,) = _seed(tmp_path)
    done = run_cli(tmp_path, "print", "slip", order_id, "--pdf", str(tmp_path / "slip.pdf"))
    assert done.returncode != 0
    assert "is not ready" in done.stderr and "mark it ready first" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "slip.pdf").exists()
    # Once ready, the same command writes the slip.
    assert run_cli(tmp_path, "ready", order_id, "--shelf", "A1").returncode == 0
    again = run_cli(tmp_path, "print", "slip", order_id, "--pdf", str(tmp_path / "slip.pdf"))
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "slip.pdf").read_bytes().startswith(b"%PDF")
