"""Where user data lives: the platform's data folder, never inside the app bundle."""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "SoKeHoach"
DB_FILE_NAME = "so_ke_hoach.db"
DB_ENV_VAR = "SO_KE_HOACH_DB"


def data_dir() -> Path:
    """The app's data folder as platformdirs says: %LOCALAPPDATA%\\SoKeHoach on Windows
    (not roaming: a database does not belong in a roaming profile), ~/.local/share/SoKeHoach
    on Linux."""
    import platformdirs  # here, not above: commands given --db never need it (start-up)

    # appauthor=False: no "SoKeHoach\\SoKeHoach" on Windows.
    dirs = platformdirs.PlatformDirs(APP_DIR_NAME, appauthor=False, roaming=False)
    return Path(dirs.user_data_dir)


def default_db_path() -> Path:
    """$SO_KE_HOACH_DB if set, else so_ke_hoach.db in the data folder."""
    override = os.environ.get(DB_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return data_dir() / DB_FILE_NAME


def log_file() -> Path:
    """The window's rotating error log, in the data folder."""
    return data_dir() / "nhat_ky" / "so_ke_hoach.log"


def demo_db_path() -> Path:
    """The demo database a first start opens (never the office's own file)."""
    return data_dir() / "du_lieu_mau.db"
