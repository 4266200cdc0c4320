"""The office that keeps this book (the commune/ward People's Committee)."""

from __future__ import annotations

from desktop.errors import InvalidInput
from desktop.model import Office, OfficeLevel
from desktop.services.base import Service
from desktop.text import clean


class OfficeService(Service):
    def get(self) -> Office | None:
        row = self._row("SELECT * FROM office WHERE id = 1")
        if row is None:
            return None
        row.pop("id")
        return Office(**{**row, "level": OfficeLevel(row["level"])})

    def save(
        self,
        name: str,
        level: OfficeLevel | str,
        agency_code: str = "",
        parent_name: str = "",
        place_name: str = "",
    ) -> Office:
        name = clean(name)
        if not name:
            raise InvalidInput("Tên đơn vị hành chính không được để trống.")
        try:
            level = OfficeLevel(level)
        except ValueError as exc:
            allowed = ", ".join(item.value for item in OfficeLevel)
            raise InvalidInput(f"Cấp hành chính «{level}» không hợp lệ ({allowed}).") from exc
        record = {
            "id": 1,
            "name": name,
            "level": level.value,
            "agency_code": clean(agency_code),
            "parent_name": clean(parent_name),
            "place_name": clean(place_name) or name,
        }
        with self.ws.change("Cập nhật thông tin cơ quan"):
            self.db["office"].upsert(record, pk="id")
        return self.get()
