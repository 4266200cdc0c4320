"""What documents need beyond the data: who signs, to whom, the number, 'Nơi nhận'.

Stored in the database (they travel with it) as one row per setting. What is not set
comes from the office where it can (place name, the level above as addressee); the
signer's name cannot, and a document asked for without it names what is missing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from desktop.domain.model import LEVEL_WORDS, Office
from desktop.errors import InvalidInput
from desktop.services.base import Service
from desktop.vietnamese.text import clean

SIGNER_TITLES = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH")
NUMBER_SUFFIX = "/BC-UBND"  # "Số: 15/BC-UBND"
LABELS = {
    "number": "Số văn bản",
    "leave_blank": "Để trống số và ngày (văn thư cấp số)",
    "place": "Địa danh ghi ngày tháng",
    "addressee": "Kính gửi",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
    "recipients": "Nơi nhận",
    "drafting_unit": "Đơn vị soạn thảo (dòng «Lưu»)",
}


@dataclass(frozen=True)
class DocumentSettings:
    """What a document needs beyond the data: number, addressee, signer, 'Nơi nhận'."""

    number: str = ""  # '15' prints 'Số: 15/BC-UBND'; empty leaves the number blank
    leave_blank: bool = False  # electronic documents: the văn thư's system fills Số and ngày
    place: str = ""  # 'Trần Liêu' in 'Trần Liêu, ngày 02 tháng 10 năm 2025'
    addressee: str = ""  # 'Ủy ban nhân dân thành phố Hải Phòng'
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    recipients: tuple[str, ...] = ()  # 'Nơi nhận' lines; the 'Lưu' line is added last
    drafting_unit: str = ""  # 'VP' in '- Lưu: VT, VP.' (NĐ 30: the unit that drafted it)

    @property
    def kept_line(self) -> str:
        """The last 'Nơi nhận' line: '- Lưu: VT, VP.' (or '- Lưu: VT.' with no unit)."""
        unit = self.drafting_unit.strip().rstrip(".")
        return f"- Lưu: VT, {unit}." if unit else "- Lưu: VT."

    def number_text(self) -> str:
        """The number as printed: a leading zero under 10 ('05'), as NĐ 30 writes it."""
        return self.number.zfill(2) if self.number.isdigit() else self.number

    @property
    def authority(self) -> tuple[str, ...]:
        """'TM. ỦY BAN NHÂN DÂN' then 'CHỦ TỊCH', or 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH'."""
        if self.signer_title == "PHÓ CHỦ TỊCH":
            return ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
        return ("TM. ỦY BAN NHÂN DÂN", self.signer_title)

    def missing(self) -> list[str]:
        """The settings a document cannot do without, by their Vietnamese names."""
        needed = ("addressee", "signer_name", "place")
        return [LABELS[name] for name in needed if not getattr(self, name)]


def _defaults(office: Office | None) -> DocumentSettings:
    if office is None:
        return DocumentSettings()
    above = f"Ủy ban nhân dân {office.parent_name}" if office.parent_name else ""
    return DocumentSettings(place=office.place_name or office.name, addressee=above)


def signer_title(value: object) -> str:
    """'chủ tịch' -> 'CHỦ TỊCH'; anything but SIGNER_TITLES refused in Vietnamese."""
    title = clean(str(value)).upper()
    if title not in SIGNER_TITLES:
        raise InvalidInput(
            f"Chức vụ người ký «{value}» không hợp lệ: {' hoặc '.join(SIGNER_TITLES)}."
        )
    return title


class DocumentSettingsService(Service):
    def get(self) -> DocumentSettings:
        stored = {r["id"]: r["value"] for r in self._rows("SELECT * FROM document_settings")}
        settings = _defaults(self.ws.office.get())
        for field in fields(DocumentSettings):
            if field.name not in stored:
                continue
            value = stored[field.name]
            if field.name == "leave_blank":
                settings = replace(settings, leave_blank=value == "1")
            elif field.name == "recipients":
                settings = replace(settings, recipients=tuple(value.split("\n")) if value else ())
            else:
                settings = replace(settings, **{field.name: value})
        return settings

    def pkcs11_library(self) -> Path | None:
        """The token library used last (so the clerk gives it once)."""
        value = self._scalar("SELECT value FROM document_settings WHERE id = 'pkcs11_library'")
        return Path(value) if value else None

    def remember_pkcs11_library(self, path: Path) -> None:
        if self.pkcs11_library() == Path(path):
            return
        with self.ws.change("Lưu đường dẫn thư viện token"):
            self.db["document_settings"].upsert(
                {"id": "pkcs11_library", "value": str(path)}, pk="id"
            )

    def save(self, **changes: Any) -> DocumentSettings:
        """Set some settings (one change); an unknown name or a bad value writes nothing."""
        known = {f.name for f in fields(DocumentSettings)}
        rows = {}
        for name, value in changes.items():
            if name not in known:
                raise InvalidInput(f"Không có cài đặt «{name}».")
            if name == "leave_blank":
                rows[name] = "1" if value else "0"
            elif name == "recipients":
                lines = [clean(line) for line in value or () if clean(line)]
                rows[name] = "\n".join(lines)
            elif name == "signer_title":
                rows[name] = signer_title(value)
            elif name == "number":
                number = clean(str(value))
                if number and not number.isdigit():
                    raise InvalidInput(f"Số văn bản «{value}» phải là một số (ví dụ 15).")
                rows[name] = number
            else:
                rows[name] = clean(str(value))
        with self.ws.change("Cập nhật cài đặt văn bản"):
            for name, value in rows.items():
                self.db["document_settings"].upsert({"id": name, "value": value}, pk="id")
        return self.get()


STAMP_IMAGES = {"signature": "chữ ký (ảnh, mực xanh)", "seal": "con dấu (ảnh, mực đỏ)"}
MAX_IMAGE_BYTES = 1_000_000


class StampImageService(Service):
    """The signer's signature and the office's seal as PNG images for the visible
    signature (optional). Kept beside the settings, as text (base64): the audit log
    holds rows as JSON."""

    def get(self, kind: str) -> bytes | None:
        value = self._scalar("SELECT value FROM document_settings WHERE id = ?", [f"{kind}_image"])
        return base64.b64decode(value) if value else None

    def set(self, kind: str, path: Path | None) -> None:
        """Store the PNG at `path` (None: remove it)."""
        if kind not in STAMP_IMAGES:
            raise InvalidInput(f"Không có loại ảnh «{kind}».")
        value = ""
        if path is not None:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise InvalidInput(f"Không đọc được «{path}»: {exc.strerror or exc}.") from exc
            if not data.startswith(b"\x89PNG\r\n\x1a\n"):
                raise InvalidInput(f"Ảnh {STAMP_IMAGES[kind]} phải là tệp PNG (nền trong suốt).")
            if len(data) > MAX_IMAGE_BYTES:
                raise InvalidInput(f"Ảnh {STAMP_IMAGES[kind]} lớn quá 1 MB.")
            value = base64.b64encode(data).decode("ascii")
        with self.ws.change(f"Cập nhật ảnh {STAMP_IMAGES[kind]}"):
            self.db["document_settings"].upsert({"id": f"{kind}_image", "value": value}, pk="id")


def locality_title(office: Office) -> str:
    """'PHƯỜNG TRẦN LIÊU': the agency line under 'ỦY BAN NHÂN DÂN'."""
    return f"{LEVEL_WORDS[office.level]} {office.name}".upper()
