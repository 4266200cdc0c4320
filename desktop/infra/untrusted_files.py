"""Reading a file that came from outside (a package, a return, off a USB stick): only a
regular file, only up to a size, without ever blocking on what is not a file, and
without holding more of it in memory than the reader asks for."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024


class Unreadable(Exception):
    """A file that cannot be taken in; the message says why, in Vietnamese."""


def open_regular(path: Path, limit: int) -> BinaryIO:
    """A regular file (not a pipe, a device or a folder, which could block or never end)
    of at most `limit` bytes, open for reading; its size checked before anything is read."""
    # Opened without blocking: opening a named pipe would wait for a writer forever.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        file = os.fdopen(os.open(path, flags), "rb")
    except OSError as exc:
        raise Unreadable(f"không đọc được: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("không phải tệp thường (thư mục, ống dẫn hay thiết bị)")
        if info.st_size > limit:
            raise Unreadable(f"tệp {info.st_size:,} byte, quá giới hạn {limit:,} byte")
    except BaseException:
        file.close()
        raise
    return file


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (open_regular's checks)."""
    with open_regular(path, limit) as file:
        try:
            data = file.read(limit + 1)
        except OSError as exc:
            raise Unreadable(f"không đọc được: {exc.strerror or exc}") from exc
    if len(data) > limit:  # grew while it was read
        raise Unreadable(f"tệp lớn hơn giới hạn {limit:,} byte")
    return data


def sha256_of(file: BinaryIO) -> str:
    """The SHA-256 (hex) of an open file from its start, read a chunk at a time; the
    file is left at its start again."""
    digest = hashlib.sha256()
    file.seek(0)
    while chunk := file.read(CHUNK):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()
