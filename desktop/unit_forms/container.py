"""A form's file before openpyxl sees it: a regular file within its size, an .xlsx (not
an .xls, an .ods, a password-protected file or anything else, whatever its name says),
unpacking to no more than a form could, no XML part carrying a DOCTYPE (so no entity can
expand); then loaded with every openpyxl failure said in Vietnamese."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

from desktop.errors import InvalidInput
from desktop.importing.sources import MAX_PARTS, MAX_RATIO, MAX_STYLES, MAX_XML
from desktop.infra.problems import explain
from desktop.infra.untrusted_files import Unreadable, read_regular
from desktop.vietnamese.numbers import format_number

MAX_BYTES = 10 * 1024 * 1024  # a form of 500 rows is some 100 KB
MAX_UNPACKED = 40 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and a password-protected .xlsx
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def checked_bytes(path: Path) -> bytes:
    """The file's bytes, or an InvalidInput saying why it is not read at all."""
    try:
        data = read_regular(path, MAX_BYTES)
    except Unreadable as exc:  # the system's reason in Vietnamese, where it gave one
        cause = exc.__cause__
        reason = explain(cause, path) if isinstance(cause, OSError) else str(exc)
        raise InvalidInput(f"Không nhận tệp «{path.name}»: {reason}.") from exc
    if data.startswith(_OLE):
        raise InvalidInput(
            f"Tệp «{path.name}» là bảng tính Excel cũ (.xls) hoặc được đặt mật khẩu, không "
            "phải phiếu .xlsx văn phòng gửi. Hãy điền vào phiếu gốc và lưu dạng .xlsx "
            "(Excel Workbook), không đặt mật khẩu."
        )
    if not data:
        raise InvalidInput(f"Tệp «{path.name}» rỗng.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InvalidInput(
            f"Tệp «{path.name}» không phải bảng tính .xlsx: không phải phiếu báo cáo tiến độ."
        ) from exc
    with archive:
        _check_parts(path, archive)
    return data


def _check_parts(path: Path, archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    names = {entry.filename for entry in entries}
    if "mimetype" in names and archive.read("mimetype").strip() == _ODS:
        raise InvalidInput(
            f"Tệp «{path.name}» là bảng tính OpenDocument (.ods). Hãy mở phiếu bằng "
            "LibreOffice rồi lưu lại dạng Excel 2007-365 (.xlsx) và gửi tệp đó."
        )
    if "xl/workbook.xml" not in names:
        raise InvalidInput(
            f"Tệp «{path.name}» không phải bảng tính .xlsx: không phải phiếu báo cáo tiến độ."
        )
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if (
        len(entries) > MAX_PARTS
        or unpacked > MAX_UNPACKED
        or unpacked / packed > MAX_RATIO
        or any(e.flag_bits & 1 for e in entries)  # encrypted
        or any(e.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for e in entries)
    ):
        raise InvalidInput(
            f"Tệp «{path.name}» không giống một phiếu báo cáo (bung ra "
            f"{format_number(unpacked / 1024 / 1024, 1)} MB, {len(entries)} phần): không mở "
            "để tránh treo máy."
        )
    xml = 0
    for entry in entries:
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        content = archive.read(entry)
        xml += len(content)
        if b"<!DOCTYPE" in content or (
            entry.filename == "xl/styles.xml" and len(content) > MAX_STYLES
        ):
            raise InvalidInput(
                f"Tệp «{path.name}» có phần «{entry.filename}» không như bảng tính Excel hay "
                "LibreOffice lưu: không mở."
            )
    if xml > MAX_XML:
        raise InvalidInput(
            f"Tệp «{path.name}» chứa {format_number(xml / 1024 / 1024, 1)} MB dữ liệu bảng "
            "tính, quá lớn cho một phiếu: không mở để tránh treo máy."
        )


def load(path: Path, data: bytes, data_only: bool = False) -> Any:
    """The workbook (`data_only`: each formula as the value it last computed)."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # openpyxl's warnings on extensions it drops
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception as exc:  # a damaged file breaks openpyxl in many ways
        raise InvalidInput(
            f"Không đọc được tệp «{path.name}»: bảng tính bị hỏng hoặc không đúng định dạng "
            ".xlsx. Hãy mở lại bằng Excel hoặc LibreOffice, lưu dạng .xlsx rồi gửi lại."
        ) from exc
