"""A package copied to a USB stick, trusted only once read back from it.

Free space is checked first; the copy is written under a temporary name, flushed and
renamed (atomic_files), then the page cache is dropped and the file read back from the
stick and its SHA-256 compared. A full or pulled stick leaves no file that looks like
a package, and says so in Vietnamese.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import string
import sys
from pathlib import Path

from desktop.errors import InvalidInput, UserError
from desktop.infra.atomic_files import write_file
from desktop.infra.location import DRIVE_REMOVABLE, unescape_mount
from desktop.infra.problems import explain

MARGIN = 64 * 1024  # the file system's own bookkeeping beside the file
SEM_FAILCRITICALERRORS = 0x0001  # SetThreadErrorMode: no "insert a disk" box


class Kernel32:
    """The few Windows calls removable_drives needs; tests pass a fake with the same
    three methods, so the Windows branch runs anywhere."""

    def __init__(self):
        self._k = ctypes.windll.kernel32

    def logical_drives(self) -> int:
        return self._k.GetLogicalDrives()

    def drive_type(self, root: str) -> int:
        return self._k.GetDriveTypeW(root)

    def has_media(self, root: str) -> bool:
        # An empty card-reader slot is a removable drive too. Asked with critical-error
        # boxes off, it answers "not ready" instead of Windows asking to insert a disk.
        old = ctypes.c_uint()
        self._k.SetThreadErrorMode(SEM_FAILCRITICALERRORS, ctypes.byref(old))
        try:
            return bool(self._k.GetVolumeInformationW(root, None, 0, None, None, None, None, 0))
        finally:
            self._k.SetThreadErrorMode(old.value, None)


def windows_removable_drives(api) -> list[Path]:
    mask = api.logical_drives()
    roots = [f"{c}:\\" for i, c in enumerate(string.ascii_uppercase) if mask >> i & 1]
    return [Path(r) for r in roots if api.drive_type(r) == DRIVE_REMOVABLE and api.has_media(r)]


def linux_removable_drives(mounts: str) -> list[Path]:
    """`mounts`: the text of /proc/mounts; desktops mount sticks under /media or /run/media."""
    fields = [line.split() for line in mounts.splitlines()]
    points = [unescape_mount(f[1]) for f in fields if len(f) > 1]
    return [Path(p) for p in points if p.startswith(("/media/", "/run/media/"))]


def removable_drives(system: str | None = None, windows_api=None) -> list[Path]:
    """Mounted removable drives with a medium in them: /media and /run/media on Linux,
    removable drive letters on Windows; none found elsewhere."""
    system = system or sys.platform
    if system == "win32":
        return windows_removable_drives(windows_api or Kernel32())
    if system.startswith("linux"):
        try:
            return linux_removable_drives(os.fsdecode(Path("/proc/mounts").read_bytes()))
        except OSError:
            return []
    return []


def _read_back(path: Path) -> str:
    """SHA-256 of the file as the stick returns it, not as the page cache remembers it."""
    with open(path, "rb") as file:
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        digest = hashlib.sha256()
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def copy_to(package: Path, folder: Path) -> tuple[Path, str]:
    """(the copy, its SHA-256 read back). InvalidInput/UserError with nothing left behind."""
    package, folder = Path(package), Path(folder)
    content = package.read_bytes()
    expected = hashlib.sha256(content).hexdigest()
    if not folder.is_dir():
        raise InvalidInput(f"Không thấy USB hoặc thư mục «{folder}» (đã rút ra?).")
    free = shutil.disk_usage(folder).free
    if free < len(content) + MARGIN:
        raise InvalidInput(
            f"USB «{folder}» còn trống {free / 1024 / 1024:.1f} MB, gói cần "
            f"{len(content) / 1024 / 1024:.1f} MB. Hãy xóa bớt tệp hoặc dùng USB khác."
        )
    target = folder / package.name
    write_file(target, content)
    try:
        found = _read_back(target)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise UserError(
            f"Đã chép nhưng không đọc lại được «{target}»: {explain(exc, folder)}. "
            "Đã xóa bản chép; hãy thử lại hoặc dùng USB khác."
        ) from exc
    if found != expected:
        target.unlink(missing_ok=True)
        raise UserError(
            f"Bản chép trên USB khác bản gốc (SHA-256 không khớp): USB có thể hỏng. "
            f"Đã xóa bản chép «{target.name}»; hãy dùng USB khác."
        )
    return target, found
