"""Where bundled files (migrations, resources) are found, in a checkout and in a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def project_root() -> Path:
    """The folder holding `migrations/` and `resources/`.

    PyInstaller unpacks data files under `sys._MEIPASS`; an editable install or a checkout
    keeps them beside the package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def migrations_dir() -> Path:
    return project_root() / "migrations"


def resources_dir() -> Path:
    return project_root() / "resources"
