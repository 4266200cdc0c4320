"""Files shipped with the app (icons; later fonts and templates), found the same way
from a source checkout, an installed wheel or a PyInstaller bundle."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def path(relative: str) -> Path:
    """Filesystem path of a bundled resource, e.g. path('icons/so_ke_hoach.svg')."""
    return Path(str(resources.files(__package__).joinpath(relative)))
