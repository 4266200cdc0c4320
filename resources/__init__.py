"""Files shipped with the app (icons, fonts, schemas, help), found the same way from a
source checkout, an installed wheel or a PyInstaller bundle: beside this file, which
PyInstaller places in its folder with the data files (importlib.resources would cost
every start tens of milliseconds for the same answer)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def path(relative: str) -> Path:
    """Filesystem path of a bundled resource, e.g. path('icons/so_ke_hoach.svg')."""
    return _HERE / relative
