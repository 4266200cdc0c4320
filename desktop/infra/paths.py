"""Where user data lives: the platform's data folder, never inside the app bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "SoKeHoach"
DB_FILE_NAME = "so_ke_hoach.db"
DB_ENV_VAR = "SO_KE_HOACH_DB"


def data_dir() -> Path:
    """The app's data folder: %LOCALAPPDATA%\\SoKeHoach on Windows (local, not roaming: a
    database does not belong in a roaming profile), $XDG_DATA_HOME/SoKeHoach on Linux
    (~/.local/share by default), ~/Library/Application Support/SoKeHoach on macOS. Read
    from the environment as platformdirs does, without its import at every start."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = os.environ.get("XDG_DATA_HOME", "").strip() or Path.home() / ".local" / "share"
    return Path(base) / APP_DIR_NAME


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
