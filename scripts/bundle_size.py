"""The bundle's size unpacked and its largest parts: `python scripts/bundle_size.py DIR`."""

from __future__ import annotations

import sys
from pathlib import Path

TARGET_MB = 150
# Libraries at the top of _internal that a Windows bundle carries too, in another form:
# CPython's own (python311.dll, OpenSSL, SQLite, libffi; zlib, bz2, lzma and uuid built
# into its modules) and the C++ runtime (the MSVC runtime there).
NOT_LINUX_ONLY = ("libpython", "libcrypto.", "libssl.", "libsqlite3.", "libffi.", "libz.",
                  "libbz2.", "liblzma.", "libuuid.", "libstdc++.", "libgcc_s.")  # fmt: skip


def size(path: Path) -> int:
    if path.is_symlink():  # PyInstaller links Qt's libraries into the top folder
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def linux_only(folder: Path) -> tuple[int, int]:
    """An estimate of the parts only a Linux bundle carries, in bytes: Qt's ICU (Qt on
    Windows uses the system's), and the system libraries PyInstaller copies to the top
    of _internal (X11/xcb, fontconfig, GLib, D-Bus, CUPS and its TLS and Kerberos…): the
    files lib*.so* there but NOT_LINUX_ONLY (the links there lead into PySide6 and
    Pillow, and count 0). Qt's own Linux plugins (xcb, Wayland) are not counted."""
    icu = folder.glob("_internal/PySide6/Qt/lib/libicu*")
    system = (p for p in folder.glob("_internal/lib*.so*") if not p.name.startswith(NOT_LINUX_ONLY))
    return sum(map(size, icu)), sum(map(size, system))


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
    icu, system = (part / 2**20 for part in linux_only(folder))
    print(
        f"Linux-only parts (an estimate, not a Windows measurement): {icu + system:.1f} MB"
        f" (Qt's ICU {icu:.1f} MB, Linux system libraries {system:.1f} MB)"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
