"""Where a database file sits: a local disk, a network share, or a removable drive.

SQLite's WAL needs shared memory between the programs using the file, which a
network file system does not provide: a database there can be corrupted. A USB
stick works but can be pulled out mid-write. Both are told to the clerk.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from contextlib import suppress
from enum import Enum
from pathlib import Path, PureWindowsPath


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


def unescape_mount(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (\\040…)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


# sdb1 -> sdb, nvme0n1p2 -> nvme0n1, mmcblk0p1 -> mmcblk0 (an SD card): the disk whose
# /sys/block/<disk>/removable says whether it can be pulled out.
_DISK = re.compile(r"((?:nvme\d+n|mmcblk|loop)\d+)(?:p\d+)?|([a-z]+)\d*")


def disk_of(partition: str) -> str:
    match = _DISK.fullmatch(partition)
    return (match.group(1) or match.group(2)) if match else partition


def linux_location(path: Path, mounts: str, removable: Callable[[str], bool]) -> Location:
    """`mounts`: the text of /proc/self/mounts; `removable(disk)`: /sys/block/<disk>/removable."""
    table = []
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            table.append((parts[0], unescape_mount(parts[1]), parts[2]))
    found = _mount_of(path, table)
    if found is None:
        return Location.LOCAL
    device, fstype = found
    if fstype in _NETWORK_FS or device.startswith("//"):
        return Location.NETWORK
    if device.startswith("/dev/") and removable(disk_of(Path(device).name)):
        return Location.REMOVABLE
    return Location.LOCAL


def _sys_block_removable(disk: str) -> bool:
    with suppress(OSError):
        return Path("/sys/block", disk, "removable").read_text().strip() == "1"
    return False


DRIVE_REMOVABLE = 2  # GetDriveTypeW: USB sticks and card readers (a USB hard disk says FIXED)
DRIVE_REMOTE = 4  # a mapped network drive


def windows_location(path: str, drive_type: Callable[[str], int]) -> Location:
    """`path`: an absolute Windows path; `drive_type(root)`: GetDriveTypeW of e.g. 'E:\\'."""
    # \\?\C:\… and \\?\UNC\server\share\… are the long-path spellings of C:\… and
    # \\server\share\…: read past the prefix, or every such path would look like a share.
    if path[:4] in ("\\\\?\\", "\\\\.\\"):
        path = path[4:]
        if path[:4].upper() == "UNC\\":
            return Location.NETWORK
    drive = PureWindowsPath(path).drive
    if drive.startswith("\\\\"):  # \\server\share
        return Location.NETWORK
    if not drive:
        return Location.LOCAL
    kind = drive_type(drive + "\\")
    return {DRIVE_REMOVABLE: Location.REMOVABLE, DRIVE_REMOTE: Location.NETWORK}.get(
        kind, Location.LOCAL
    )


def _get_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def location_of(path: Path, system: str | None = None) -> Location:
    system = system or sys.platform
    folder = path.absolute().parent
    with suppress(OSError):
        folder = folder.resolve()
    if system.startswith("linux"):
        try:
            mounts = os.fsdecode(Path("/proc/self/mounts").read_bytes())
        except OSError:
            return Location.LOCAL
        return linux_location(folder, mounts, _sys_block_removable)
    if system == "win32":
        return windows_location(str(folder), _get_drive_type)
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
