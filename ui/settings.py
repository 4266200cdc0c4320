"""What the window remembers between runs on this machine, for this user: recent files,
the last one, its geometry, the certificate file last signed with (a path on this
machine: the database, which travels, keeps what belongs to the office instead)."""

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


def _path(key: str) -> Path | None:
    value = store().value(key, "")
    return Path(value) if isinstance(value, str) and value else None


def last() -> Path | None:
    return _path("last")


def certificate() -> Path | None:
    """The .p12/.pfx file the last package was signed with (never its password)."""
    return _path("signing/certificate")


def remember_certificate(path: Path) -> None:
    store().setValue("signing/certificate", str(Path(path).absolute()))
