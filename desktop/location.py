"""Where a database file sits: a local disk, a network share, or a removable drive.

SQLite's WAL needs shared memory between the programs using the file, which a
network file system does not provide: a database there can be corrupted. A USB
stick works but can be pulled out mid-write. Both are told to the clerk.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from enum import Enum
from pathlib import Path


class Location(Enum):
    LOCAL = "local"
    NETWORK = "network"
    REMOVABLE = "removable"


_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "9p",
    "afs",
    "ncpfs",
    "fuse.sshfs",
    "fuse.rclone",
    "davfs",
    "fuse.davfs2",
}


def _mount_of(path: Path, mounts: list[tuple[str, str, str]]) -> tuple[str, str] | None:
    """(device, fs type) of the longest mount point containing `path`."""
    best: tuple[str, str, str] | None = None
    text = str(path)
    for device, point, fstype in mounts:
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[1])):
            best = (device, point, fstype)
    return (best[0], best[2]) if best else None


def _linux_location(path: Path) -> Location:
    try:
        lines = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return Location.LOCAL
    mounts = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 3:
            mounts.append((parts[0], parts[1].replace("\\040", " "), parts[2]))
    found = _mount_of(path, mounts)
    if found is None:
        return Location.LOCAL
    device, fstype = found
    if fstype in _NETWORK_FS or device.startswith("//"):
        return Location.NETWORK
    name = Path(device).name
    block = name.rstrip("0123456789") if not name.startswith("nvme") else name.split("p")[0]
    with suppress(OSError):
        if Path(f"/sys/block/{block}/removable").read_text().strip() == "1":
            return Location.REMOVABLE
    return Location.LOCAL


def _windows_location(path: Path) -> Location:
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if drive.startswith("\\\\"):
        return Location.NETWORK
    kind = ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\")
    return {2: Location.REMOVABLE, 4: Location.NETWORK}.get(kind, Location.LOCAL)


def location_of(path: Path) -> Location:
    folder = path.absolute().parent
    with suppress(OSError):
        folder = folder.resolve()
    if sys.platform.startswith("linux"):
        return _linux_location(folder)
    if sys.platform == "win32":
        return _windows_location(folder)
    return Location.LOCAL


NETWORK_MESSAGE = (
    "Tệp «{path}» nằm trên ổ mạng dùng chung. Sổ Kế hoạch không ghi vào tệp trên ổ mạng "
    "vì dữ liệu có thể hỏng khi nhiều máy cùng mở. Hãy chép tệp vào máy này (ví dụ thư mục "
    "Tài liệu) rồi mở bản chép; khi cần gửi đi, dùng Sao lưu."
)
REMOVABLE_MESSAGE = (
    "Tệp «{path}» nằm trên ổ USB hoặc thẻ nhớ: rút ổ ra khi đang ghi có thể làm hỏng dữ liệu. "
    "Nên chép tệp vào máy này rồi mở bản chép."
)
