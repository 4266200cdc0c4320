"""Where user data lives: the platform's data folder, never inside the app bundle."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_DIR_NAME = "SoKeHoach"
DB_FILE_NAME = "so_ke_hoach.db"
DB_ENV_VAR = "SO_KE_HOACH_DB"


def default_db_path() -> Path:
    """$SO_KE_HOACH_DB if set, else e.g. ~/.local/share/SoKeHoach/so_ke_hoach.db."""
    override = os.environ.get(DB_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_DIR_NAME, appauthor=False) / DB_FILE_NAME


def log_file() -> Path:
    """The window's rotating error log, in the data folder."""
    return user_data_path(APP_DIR_NAME, appauthor=False) / "nhat_ky" / "so_ke_hoach.log"


def demo_db_path() -> Path:
    """The demo database a first start opens (never the office's own file)."""
    return user_data_path(APP_DIR_NAME, appauthor=False) / "du_lieu_mau.db"
