"""Where the app writes: one home folder, or the platform's config and data folders.

Kept apart from `settings.py` so that the secret stores (`api_key.py`), which need the folders
and are used by the settings loader, do not import the settings back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "counter-app"
SETTINGS_FILE_NAME = "settings.toml"
DATABASE_FILE_NAME = "counter.sqlite3"


@dataclass(frozen=True)
class Paths:
    """Folders the app writes to, all derived from one home (or the platform defaults)."""

    config_dir: Path
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE_NAME

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def database_file(self) -> Path:
        return self.data_dir / DATABASE_FILE_NAME

    @classmethod
    def for_home(cls, home: Path | None) -> Paths:
        if home is not None:
            home = home.expanduser().resolve()
            return cls(config_dir=home, data_dir=home)
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        )

    def ensure(self) -> None:
        """Create the folders, readable by this user only (they hold customers' data)."""
        from counter_app.private_files import private_dir

        for folder in (self.config_dir, self.data_dir, self.log_dir, self.backup_dir):
            private_dir(folder)
