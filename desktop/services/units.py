"""Agencies and units (cơ quan, đơn vị) that lead or coordinate tasks."""

from __future__ import annotations

from desktop.domain.model import Unit, UnitKind
from desktop.errors import InvalidInput, NotFound
from desktop.services.base import Service
from desktop.services.plans import within_limit
from desktop.vietnamese.text import clean, fold

UnitRef = Unit | int | str

# A unit's name and short name, at most (plans.py says why there are limits): the
# demos' longest name is 47 characters ('Trung tâm Phục vụ hành chính công …').
NAME_LIMIT = 300
SHORT_NAME_LIMIT = 50

# Name prefixes (folded) that tell what kind of body a unit is, checked in order.
_KIND_BY_PREFIX = (
    ("cac ", UnitKind.NHOM),
    ("phong ", UnitKind.PHONG),
    ("van phong ", UnitKind.PHONG),
    ("trung tam ", UnitKind.DON_VI),
    ("truong ", UnitKind.DON_VI),
    ("tram ", UnitKind.DON_VI),
    ("so ", UnitKind.CAP_TREN),
    ("ubnd ", UnitKind.CAP_TREN),
    ("uy ban nhan dan ", UnitKind.CAP_TREN),
    ("cong an thanh pho", UnitKind.CAP_TREN),
    ("cong an tinh", UnitKind.CAP_TREN),
    ("cong an ", UnitKind.NGANH_DOC),
    ("ban chi huy quan su", UnitKind.NGANH_DOC),
)


def guess_kind(name: str) -> UnitKind:
    key = fold(name) + " "
    for prefix, kind in _KIND_BY_PREFIX:
        if key.startswith(prefix):
            return kind
    return UnitKind.KHAC


def unit_from_row(row: dict) -> Unit:
    return Unit(
        id=row["id"],
        name=row["name"],
        kind=UnitKind(row["kind"]),
        short_name=row["short_name"],
        position=row["position"],
        active=bool(row["active"]),
    )


class UnitService(Service):
    def list(self, *, active_only: bool = False) -> list[Unit]:
        where = "WHERE active = 1" if active_only else ""
        return [
            unit_from_row(r)
            for r in self._rows(f"SELECT * FROM units {where} ORDER BY position, name")
        ]

    def get(self, unit_id: int) -> Unit:
        row = self._row("SELECT * FROM units WHERE id = ?", [unit_id])
        if row is None:
            raise NotFound(f"Không tìm thấy cơ quan, đơn vị có mã {unit_id}.")
        return unit_from_row(row)

    def find(self, name: str) -> Unit | None:
        row = self._row("SELECT * FROM units WHERE name = ?", [clean(name)])
        return unit_from_row(row) if row else None

    def _free_name(self, name: str, unit_id: int | None = None) -> str:
        """The cleaned name, if no other unit uses it."""
        name = clean(name)
        if not name:
            raise InvalidInput("Tên cơ quan, đơn vị không được để trống.")
        within_limit(name, NAME_LIMIT, "Tên cơ quan, đơn vị")
        other = self.find(name)
        if other and other.id != unit_id:
            raise InvalidInput(f"Cơ quan, đơn vị «{name}» đã có trong danh sách.")
        return name

    def add(self, name: str, kind: UnitKind | str = UnitKind.KHAC, short_name: str = "") -> Unit:
        with self.ws.change(f"Thêm cơ quan, đơn vị «{clean(name)}»"):
            name = self._free_name(name)
            position = self._next_position("units")
            unit_id = self._insert(
                "units",
                {
                    "name": name,
                    "kind": UnitKind(kind).value,
                    "short_name": within_limit(
                        clean(short_name), SHORT_NAME_LIMIT, "Tên viết tắt của cơ quan, đơn vị"
                    ),
                    "position": position,
                },
            )
        return self.get(unit_id)

    def ensure(self, name: str, kind: UnitKind | str | None = None) -> Unit:
        """The unit with this name, created if missing (used when loading a plan)."""
        return self.find(name) or self.add(name, kind or guess_kind(name))

    def resolve(self, ref: UnitRef) -> Unit:
        """A unit given as record, id or name (a new name creates the unit)."""
        if isinstance(ref, Unit):
            return ref
        if isinstance(ref, int):
            return self.get(ref)
        return self.ensure(ref)

    def rename(self, unit_id: int, name: str) -> Unit:
        with self.ws.change("Đổi tên cơ quan, đơn vị"):
            unit = self.get(unit_id)
            name = self._free_name(name, unit_id)
            self.ws.relabel(f"Đổi tên «{unit.name}» thành «{name}»")
            self.db["units"].update(unit_id, {"name": name})
        return self.get(unit_id)

    def usage(self, unit_id: int) -> int:
        """How many times tasks and indicators name the unit (as lead or coordinator, or
        as the unit named to lead)."""
        return self._scalar(
            "SELECT (SELECT count(*) FROM assignments WHERE unit_id = ?)"
            " + (SELECT count(*) FROM tasks WHERE named_lead_id = ?)",
            [unit_id, unit_id],
        )

    def merge(self, unit_id: int, into_id: int) -> Unit:
        """Fold a unit into another (two spellings of one office): every task and
        indicator naming it names the other instead, and the first unit goes."""
        if unit_id == into_id:
            raise InvalidInput("Chọn hai cơ quan, đơn vị khác nhau để gộp.")
        with self.ws.change("Gộp cơ quan, đơn vị"):
            unit, into = self.get(unit_id), self.get(into_id)
            self.ws.relabel(f"Gộp «{unit.name}» vào «{into.name}»")
            for owner in ("task_id", "indicator_id"):
                # Where both already appear in the same role, the duplicate goes.
                self.db.execute(
                    f"DELETE FROM assignments WHERE unit_id = ? AND {owner} IS NOT NULL AND "
                    f"EXISTS (SELECT 1 FROM assignments o WHERE o.unit_id = ? "
                    f"AND o.{owner} = assignments.{owner} AND o.role = assignments.role)",
                    [unit_id, into_id],
                )
            for table, column in (("assignments", "unit_id"), ("tasks", "named_lead_id")):
                self.db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [into_id, unit_id]
                )
            self.db["units"].delete(unit_id)
        return self.get(into_id)

    def set_active(self, unit_id: int, active: bool) -> Unit:
        verb = "Sử dụng lại" if active else "Ngừng sử dụng"
        with self.ws.change(f"{verb} cơ quan, đơn vị"):
            unit = self.get(unit_id)
            self.ws.relabel(f"{verb} «{unit.name}»")
            self.db["units"].update(unit_id, {"active": int(active)})
        return self.get(unit_id)
