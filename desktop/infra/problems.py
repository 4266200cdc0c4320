"""What SQLite or the operating system says, and what the clerk should read instead."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

_PROBLEMS = (
    ("constraint", "dữ liệu vi phạm ràng buộc của cơ sở dữ liệu"),
    ("disk is full", "ổ đĩa đã đầy"),
    ("readonly", "tệp hoặc thư mục chỉ cho phép đọc"),
    ("read-only", "tệp hoặc thư mục chỉ cho phép đọc"),
    ("locked", "cơ sở dữ liệu đang bị chương trình khác ghi, hãy thử lại sau ít phút"),
    ("busy", "cơ sở dữ liệu đang bị chương trình khác ghi, hãy thử lại sau ít phút"),
    ("not a database", "tệp không phải cơ sở dữ liệu của Sổ Kế hoạch hoặc đã hỏng"),
    ("malformed", "tệp cơ sở dữ liệu đã hỏng"),
    ("disk i/o error", "lỗi đọc ghi ổ đĩa (ổ USB bị rút ra hoặc hỏng?)"),
    ("unable to open", "không mở được tệp: đường dẫn sai hoặc không có quyền"),
    ("permission denied", "không có quyền ghi vào thư mục này"),
    ("file name too long", "tên tệp hoặc đường dẫn quá dài"),
    ("no space left", "ổ đĩa đã đầy"),
)
# What the operating system says, by its error number, for reading as well as writing.
_OS_REASONS = {
    errno.ENOENT: "không có tệp hoặc thư mục này (đường dẫn sai, hoặc đã bị chuyển đi hay xóa)",
    errno.EACCES: "không có quyền truy cập tệp hoặc thư mục này",
    errno.EPERM: "không có quyền truy cập tệp hoặc thư mục này",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EIO: "lỗi đọc ghi ổ đĩa (ổ USB bị rút ra hoặc hỏng?)",
    errno.EROFS: "ổ chỉ cho phép đọc",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
}
_LOW_SPACE = 1024 * 1024  # below this, an I/O error on write is a full disk


def disk_is_full(path: Path | None) -> bool:
    try:
        folder = path if path is None or path.is_dir() else path.parent
        return folder is not None and shutil.disk_usage(folder).free < _LOW_SPACE
    except OSError:
        return False


def explain(exc: BaseException, path: Path | None = None) -> str:
    """A Vietnamese reason for a database or file error, SQLite's own words in brackets.

    A full disk often reaches SQLite as a plain I/O error (the WAL cannot grow): with
    `path` the free space decides which of the two it was.
    """
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        text = "disk is full"
    if "disk i/o error" in text and disk_is_full(path):
        return f"ổ đĩa đã đầy ({exc})"
    for needle, reason in _PROBLEMS:
        if needle in text:
            return f"{reason} ({exc})"
    if isinstance(exc, OSError):
        reason = _OS_REASONS.get(exc.errno or 0, "lỗi đọc hoặc ghi tệp")
        return f"{reason} ({exc.strerror or exc})"
    return f"lỗi cơ sở dữ liệu ({exc})"
