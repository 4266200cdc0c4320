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

from desktop.atomic_files import write_file
from desktop.errors import InvalidInput, UserError
from desktop.problems import explain

MARGIN = 64 * 1024  # the file system's own bookkeeping beside the file


def removable_drives() -> list[Path]:
    """Mounted removable drives: /media and /run/media on Linux, removable drive letters
    on Windows."""
    if sys.platform == "win32":
        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        mask = kernel.GetLogicalDrives()
        letters = [c for i, c in enumerate(string.ascii_uppercase) if mask >> i & 1]
        drives = [f"{letter}:\\" for letter in letters]
        return [Path(d) for d in drives if kernel.GetDriveTypeW(d) == 2]  # DRIVE_REMOVABLE
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return []
    points = [line.split()[1].replace("\\040", " ") for line in mounts if len(line.split()) > 1]
    return [Path(p) for p in points if p.startswith(("/media/", "/run/media/"))]


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
