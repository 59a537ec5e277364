"""Files and folders readable by this user only: the store, its backups and logs hold
customers' names, e-mail addresses and pickup codes.

On POSIX: folders 0700, files 0600, set at creation (not after, so there is no moment when
another user could open them) and tightened again if an older version left them wider. On
Windows the standard library cannot write ACLs; the data lives in the user's own profile
(`%APPDATA%`, `%LOCALAPPDATA%`), whose inherited ACL already gives access to that user (and
administrators) only, so nothing more is done there.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"


def private_dir(folder: Path) -> Path:
    """Create `folder` (and missing parents) and make it user-only."""
    folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    tighten(folder)
    return folder


def tighten(path: Path) -> None:
    """Drop group and other permissions from an existing file or folder (POSIX only)."""
    if not _POSIX:
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except OSError:
        pass  # not ours (a shared folder) or read-only: leave it, the files are still 0600


def touch_private(path: Path) -> Path:
    """Create an empty user-only file if none exists, else tighten the existing one.

    SQLite creates its -wal and -shm files with the database file's permissions, so a
    database file created this way keeps its journal private too.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten(path)
    else:
        os.close(fd)
    return path
