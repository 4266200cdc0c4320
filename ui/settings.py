"""What the window remembers between runs: recent files, the last one, its geometry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_MAX = 8


def store() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "SoKeHoach", "SoKeHoach"
    )


def recent() -> list[Path]:
    value = store().value("recent", [])  # one name comes back as a string, not a list
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Path(name) for name in names if isinstance(name, str) and name]


def remember(path: Path) -> None:
    """Put `path` first among the recent files and make it the one to reopen."""
    path = path.absolute()
    names = [str(path)] + [str(p) for p in recent() if p != path]
    settings = store()
    settings.setValue("recent", names[:RECENT_MAX])
    settings.setValue("last", str(path))


def last() -> Path | None:
    value = store().value("last", "")
    return Path(value) if isinstance(value, str) and value else None
