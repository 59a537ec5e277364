"""Small real filesystems for failure tests: a tmpfs of a few hundred KiB, full or read-only.

Mounting needs root (as the developers' machines and CI run); elsewhere the tests that use
these fixtures are skipped with the reason.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def _mount(point: Path, options: str) -> None:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.strip()}")


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """`small_fs(size_kib, readonly=False)` mounts a fresh tmpfs and returns its folder."""
    mounted: list[Path] = []

    def make(size_kib: int = 512, *, readonly: bool = False) -> Path:
        if os.name != "posix":
            pytest.skip("tmpfs is a Linux filesystem")
        point = tmp_path / f"fs{len(mounted)}"
        point.mkdir()
        _mount(point, f"size={size_kib}k{',ro' if readonly else ''}")
        mounted.append(point)
        return point

    yield make
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def remount(point: Path, options: str) -> None:
    """Change a mounted tmpfs's options (e.g. "ro") in place."""
    subprocess.run(["mount", "-o", f"remount,{options}", str(point)], check=True)


def fill(folder: Path) -> None:
    """Write until the filesystem has no byte left."""
    for name, chunk in (("filler.bin", b"\0" * 65536), ("filler2.bin", b"\0" * 512)):
        try:
            with open(folder / name, "wb", buffering=0) as fh:
                while True:
                    fh.write(chunk)
        except OSError:
            pass
