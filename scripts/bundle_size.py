"""The bundle's size unpacked and its largest parts: `python scripts/bundle_size.py DIR`."""

from __future__ import annotations

import sys
from pathlib import Path

TARGET_MB = 150


def size(path: Path) -> int:
    if path.is_symlink():  # PyInstaller links Qt's libraries into the top folder
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main(folder: Path) -> None:
    # The folders that are the bulk are shown by what they hold, one level down each.
    parts = [folder]
    for name in ("", "_internal", "_internal/PySide6", "_internal/PySide6/Qt",
                 "_internal/PySide6/Qt/lib"):  # fmt: skip
        opened = folder / name
        if opened.is_dir() and not opened.is_symlink():
            parts = [p for p in parts if p != opened] + [*opened.iterdir()]
    total = size(folder)
    print(f"Bundle {folder}: {total / 2**20:.1f} MB unpacked (target ≤ {TARGET_MB} MB)")
    for part in sorted(parts, key=size, reverse=True)[:12]:
        print(f"  {size(part) / 2**20:7.1f} MB  {part.relative_to(folder)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
