"""The packages the level above keeps: each file beside the database under its office's
folder, and read back only after its SHA-256 is checked against the one recorded when it
was received (a file changed or lost on disk is said, never read as if it were sound).

A file is taken out of a kept package only to be read by the clerk: the signed report or
an evidence file, nothing else, within a size, under a name of our making, and only a
document or a picture (a file that arrives is hostile: a '.exe' handed to the system's
viewer would run)."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from desktop.errors import InvalidInput, NotFound, UserError
from desktop.infra.atomic_files import write_file
from desktop.infra.untrusted_files import sha256_of
from desktop.package import asice
from desktop.package.layout import DATA_JSON, EVIDENCE_FOLDER, REPORT_PDF
from desktop.services.attachments import MAX_BYTES
from desktop.services.receiving import Received
from desktop.vietnamese.numbers import format_number
from desktop.vietnamese.text import printable, slug
from desktop.workspace import Workspace

# No office can attach a bigger file: one in a package was not made by the app.
MAX_FILE_BYTES = MAX_BYTES
# What the system's viewer may be handed: documents and pictures; no program, script,
# shortcut or web page, and no .docm or .xlsm (made to carry macros).
OPENABLE = frozenset({
    "pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "csv",
    "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp",
})  # fmt: skip


def store_folder(ws: Workspace) -> Path:
    """Where received packages are kept: a folder beside the database."""
    return ws.path.parent / f"{ws.path.stem}_goi_da_nhan"


@cache
def reading_folder() -> Path:
    """Where files taken out of kept packages are written for the clerk to read: a
    folder of this session in the system's temporary folder."""
    return Path(tempfile.mkdtemp(prefix="goi_da_nhan_"))


def size_text(size: int) -> str:
    """'6 byte', '12 KB', '3,4 MB'."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024)} KB"
    return f"{format_number(size / 1024 / 1024, 1)} MB"


@contextmanager
def opened_package(ws: Workspace, received: Received) -> Iterator[asice.Opened]:
    """A kept package open, once the file's SHA-256 is checked against the one recorded
    when it was received (a chunk at a time, as it was kept)."""
    path = ws.path.parent / received.file
    try:
        package = path.open("rb")
    except OSError as exc:
        raise UserError(
            f"Không đọc được gói đã nhận «{path}»: {exc.strerror or exc}. Hãy khôi phục thư "
            "mục gói đã nhận từ bản sao lưu, hoặc nhận lại gói từ đơn vị."
        ) from exc
    with package:
        if sha256_of(package) != received.sha256:
            raise UserError(
                f"Gói đã nhận «{path}» đã bị sửa hoặc thay trên đĩa (SHA-256 không còn khớp "
                "với lúc nhận); không dùng số liệu của nó. Hãy nhận lại gói từ đơn vị."
            )
        try:
            yield asice.open_container(package)
        except asice.ContainerError as exc:  # checked on receipt: a damaged disk
            raise UserError(f"Không đọc được gói đã nhận «{path}»: {exc}.") from exc


def stored_data(ws: Workspace, received: Received) -> dict:
    """du_lieu.json of a kept package."""
    with opened_package(ws, received) as opened:
        return json.loads(opened.read(DATA_JSON) or b"{}")


def stored_file(ws: Workspace, received: Received, name: str) -> bytes:
    """The signed report or one evidence file of a kept package, by its name there, of
    at most MAX_FILE_BYTES (its size is read before its content)."""
    shown = printable(name)
    if name != REPORT_PDF and not name.startswith(EVIDENCE_FOLDER):
        raise InvalidInput(f"«{shown}» không phải báo cáo hay tệp minh chứng của gói.")
    with opened_package(ws, received) as opened:
        entry = opened.entries.get(name)
        if entry is None:
            raise NotFound(f"Gói đã nhận không có tệp «{shown}».")
        if entry.file_size > MAX_FILE_BYTES:
            raise InvalidInput(
                f"Tệp «{shown}» trong gói lớn {size_text(entry.file_size)}, quá giới hạn "
                f"{size_text(MAX_FILE_BYTES)} của một tệp đính kèm: không mở."
            )
        return opened.read(name) or b""


def safe_name(name: str) -> str:
    """A package file's name as written to disk: ASCII letters, digits and hyphens, a
    short suffix; never a path, a hidden file or a Windows device ('CON')."""
    stem, dot, suffix = name.rsplit("/", 1)[-1].rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = slug(stem)[:60] or "tep"
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())[:8]
    return f"{stem}.{suffix}" if suffix else stem


def take_out(ws: Workspace, received: Received, name: str, folder: Path) -> Path:
    """Write the report or an evidence file of a kept package for the machine's viewer,
    in a folder of its package inside `folder`; returns where. A kind of file that could
    run is refused before anything is read."""
    written = safe_name(name)
    kind = written.rpartition(".")[2] if "." in written else ""
    if kind not in OPENABLE:
        what = f"loại .{kind}" if kind else "không rõ loại"
        raise InvalidInput(
            f"Tệp «{printable(name.removeprefix(EVIDENCE_FOLDER))}» {what}: không mở từ gói "
            "(chỉ mở tài liệu và ảnh; tệp loại khác có thể là chương trình chạy được)."
        )
    content = stored_file(ws, received, name)
    path = folder / Path(received.file).stem / written
    if _holds(path, content):
        return path  # taken out before, maybe open in a viewer that holds it
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Không tạo được thư mục «{path.parent}»: {exc.strerror or exc}.") from exc
    return write_file(path, content)


def _holds(path: Path, content: bytes) -> bool:
    try:
        return path.read_bytes() == content
    except OSError:  # not there yet, or not readable: written again
        return False
