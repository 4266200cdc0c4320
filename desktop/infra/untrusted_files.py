"""Reading a file that came from outside (a package, a return, off a USB stick): only a
regular file, only up to a size, without ever blocking on what is not a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Unreadable(Exception):
    """A file that cannot be taken in; the message says why, in Vietnamese."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file (not a pipe, a device or a folder, which could block
    or never end) of at most `limit` bytes, its size checked before anything is read."""
    # Opened without blocking: opening a named pipe would wait for a writer forever.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise Unreadable("không phải tệp thường (thư mục, ống dẫn hay thiết bị)")
            if info.st_size > limit:
                raise Unreadable(f"tệp {info.st_size:,} byte, quá giới hạn {limit:,} byte")
            data = file.read(limit + 1)
    except OSError as exc:
        raise Unreadable(f"không đọc được: {exc.strerror or exc}") from exc
    if len(data) > limit:  # grew while it was read
        raise Unreadable(f"tệp lớn hơn giới hạn {limit:,} byte")
    return data
