"""The office that keeps this book (the commune/ward People's Committee)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.model import LEVEL_WORDS, Office, OfficeLevel
from desktop.errors import InvalidInput
from desktop.services.base import Service
from desktop.services.document_settings import SIGNER_TITLES, signer_title
from desktop.vietnamese.text import clean, fold
from desktop.workspace import Workspace

# Mã định danh (QĐ 20/2020/QĐ-TTg): groups of letters and digits joined by dots.
_AGENCY_CODE = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")


_COMMITTEE = (["ubnd"], ["uy", "ban", "nhan", "dan"])  # folded: 'UBND', 'Ủy ban nhân dân'


def _without_committee(words: list[str]) -> list[str]:
    folded = [fold(w) for w in words]
    for prefix in _COMMITTEE:
        if folded[: len(prefix)] == prefix:
            return words[len(prefix) :]
    return words


def bare_name(name: str, level: OfficeLevel) -> str:
    """The office's name as stored ('Hưng Đạo'), typed as it is often written ('UBND xã
    Hưng Đạo', 'Ủy ban nhân dân xã Hưng Đạo', 'xã Hưng Đạo'): the documents add the
    committee and the level word themselves ('UBND xã Hưng Đạo' printed 'XÃ UBND XÃ …').
    Only the chosen level's word comes off: another one may be the name's own (phường
    Xã Đàn)."""
    words = _without_committee(name.split())
    said = fold(LEVEL_WORDS[level]).split()
    if [fold(w) for w in words[: len(said)]] == said and len(words) > len(said):
        words = words[len(said) :]
    return " ".join(words)


COMMUNE_LEVELS = (OfficeLevel.XA, OfficeLevel.PHUONG, OfficeLevel.DAC_KHU)
ABOVE_LEVELS = (OfficeLevel.TINH, OfficeLevel.HUYEN)


def level_choices(current: OfficeLevel | None = None) -> tuple[OfficeLevel, ...]:
    """The levels offered for an office: all five for a database being made, then a
    commune's three, or tỉnh and huyện for the database of a level above (a commune does
    not turn into a province by a slip)."""
    if current is None:
        return COMMUNE_LEVELS + ABOVE_LEVELS
    return ABOVE_LEVELS if current in ABOVE_LEVELS else COMMUNE_LEVELS


def valid_agency_code(value: str) -> str:
    """The mã định danh cleaned, or refused when it cannot be one."""
    code = clean(value)
    if code and not _AGENCY_CODE.match(code):
        raise InvalidInput(
            f"Mã định danh «{code}» chỉ gồm chữ số, chữ cái không dấu và dấu chấm, "
            "ví dụ 000.00.31.H41."
        )
    return code


def office_level(value: OfficeLevel | str) -> OfficeLevel:
    try:
        return OfficeLevel(value)
    except ValueError as exc:
        allowed = ", ".join(item.value for item in OfficeLevel)
        raise InvalidInput(f"Cấp hành chính «{value}» không hợp lệ ({allowed}).") from exc


@dataclass(frozen=True)
class OfficeSetup:
    """What a new office's database starts with: the office and who signs its documents."""

    name: str
    level: OfficeLevel | str
    agency_code: str = ""
    parent_name: str = ""
    place_name: str = ""  # 'Trần Liêu' on the date line; the name when left empty
    signer_title: str = SIGNER_TITLES[0]
    signer_name: str = ""

    def checked(self) -> OfficeSetup:
        """The same, cleaned; what cannot be stored is refused in Vietnamese."""
        name = clean(self.name)
        if not name:
            raise InvalidInput("Cần tên xã, phường.")
        level = office_level(self.level)
        title = signer_title(self.signer_title)
        return OfficeSetup(
            name,
            level,
            valid_agency_code(self.agency_code),
            clean(self.parent_name),
            clean(self.place_name) or name,
            title,
            clean(self.signer_name),
        )


def _known_as(office: Office) -> tuple[OfficeLevel, str, str]:
    return office.level, fold(office.name), office.agency_code


def _named(office: Office) -> str:
    code = f" (mã định danh {office.agency_code})" if office.agency_code else ""
    return office.committee + code


class OfficeService(Service):
    def get(self) -> Office | None:
        row = self._row("SELECT * FROM office WHERE id = 1")
        if row is None:
            return None
        row.pop("id")
        return Office(**{**row, "level": OfficeLevel(row["level"])})

    def required(self) -> Office:
        """The office, where what is made needs it (a document's header, a package)."""
        office = self.get()
        if office is None:
            raise InvalidInput(
                "Chưa có thông tin cơ quan (tên xã, phường) để ghi ở đầu văn bản.",
                window="Đặt ở Kế hoạch → Thông tin cơ quan…",
                command='Đặt bằng lệnh init, ví dụ: init --name "Trần Liêu" --level phuong '
                '--parent "thành phố Hải Phòng".',
            )
        return office

    def save(
        self,
        name: str,
        level: OfficeLevel | str,
        agency_code: str = "",
        parent_name: str = "",
        place_name: str = "",
    ) -> Office:
        level = office_level(level)
        name = bare_name(clean(name), level)
        if not name:
            raise InvalidInput("Tên đơn vị hành chính không được để trống.")
        record = {
            "id": 1,
            "name": name,
            "level": level.value,
            "agency_code": valid_agency_code(agency_code),
            "parent_name": " ".join(_without_committee(clean(parent_name).split())),
            "place_name": clean(place_name) or name,
        }
        with self.ws.change("Cập nhật thông tin cơ quan"):
            self.db["office"].upsert(record, pk="id")
        return self.required()

    def renaming_note(self, before: Office | None, after: Office) -> str:
        """What the level above must be told when an office that has sent it packages is
        now known by another name, level or code: it finds a package's sender in its
        roster by mã định danh, else by level and name. Empty when nothing was sent."""
        if before is None or _known_as(before) == _known_as(after):
            return ""
        sent = self._scalar("SELECT count(*) FROM packages")
        if not sent:
            return ""
        return (
            f"Cơ quan đã gửi {sent} gói báo cáo lên cấp trên với tên {_named(before)}. Cấp "
            "trên nhận ra cơ quan gửi theo mã định danh, không có mã thì theo cấp và tên: hãy "
            f"báo cấp trên sửa danh sách đơn vị báo cáo thành {_named(after)} để các gói "
            "gửi sau được nhận."
        )

    def set_up(self, setup: OfficeSetup) -> Office:
        """The office and its document settings (place, signer) in one change."""
        setup = setup.checked()
        with self.ws.change("Khai báo cơ quan và người ký văn bản"):
            self.save(
                setup.name, setup.level, setup.agency_code, setup.parent_name, setup.place_name
            )
            self.ws.document_settings.save(
                place=setup.place_name,
                signer_title=setup.signer_title,
                signer_name=setup.signer_name,
            )
        return self.required()


def create_database(path: str | Path, setup: OfficeSetup, **options) -> Workspace:
    """A new database at `path` (which must not exist yet) holding the office and its
    document settings, written in one change. What is refused is refused before any
    file is made; if the change fails, no file is left behind."""
    setup = setup.checked()
    return Workspace.new(path, lambda ws: ws.office.set_up(setup), **options)
