"""Indicators (chỉ tiêu): groups, milestone targets and values reported per period."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence

from desktop.domain.model import Indicator, IndicatorGroup, IndicatorValue
from desktop.domain.periods import PeriodId
from desktop.domain.targets import Comparator, Target, is_rank, parse_target
from desktop.errors import InvalidInput, NotFound
from desktop.services import assignments
from desktop.services.base import Service
from desktop.services.units import UnitRef
from desktop.vietnamese.text import clean

_SELECT = (
    "SELECT i.*, g.plan_id, g.code AS group_code FROM indicators i "
    "JOIN indicator_groups g ON g.id = i.group_id"
)


def _target(row: dict) -> Target:
    comparator = Comparator(row["comparator"]) if row["comparator"] else None
    return Target(row["target_text"], comparator, row["value"], row["value_max"])


class IndicatorService(Service):
    def add_group(self, plan_id: int, code: str, title: str) -> IndicatorGroup:
        code, title = clean(code), clean(title)
        if not code or not title:
            raise InvalidInput("Nhóm chỉ tiêu cần có số thứ tự và tên.")
        with self.ws.change(f"Thêm nhóm chỉ tiêu {code}"):
            self.ws.plans.get(plan_id)
            position = self._next_position("indicator_groups", plan_id=plan_id)
            group_id = self._insert(
                "indicator_groups",
                {"plan_id": plan_id, "code": code, "title": title, "position": position},
            )
        return IndicatorGroup(
            **self._one("SELECT * FROM indicator_groups WHERE id = ?", [group_id])
        )

    def groups(self, plan_id: int) -> list[IndicatorGroup]:
        rows = self._rows(
            "SELECT * FROM indicator_groups WHERE plan_id = ? ORDER BY position", [plan_id]
        )
        return [IndicatorGroup(**r) for r in rows]

    def add(
        self,
        group_id: int,
        code: str,
        name: str,
        unit_of_measure: str = "",
        targets: Mapping[int, str] | None = None,
        leads: Sequence[UnitRef] = (),
        coordinators: Sequence[UnitRef] = (),
        output: str = "",
        note: str = "",
    ) -> Indicator:
        name = clean(name)
        if not name:
            raise InvalidInput("Tên chỉ tiêu không được để trống.")
        with self.ws.change(f"Thêm chỉ tiêu {clean(code)}"):
            if self._row("SELECT 1 FROM indicator_groups WHERE id = ?", [group_id]) is None:
                raise NotFound(f"Không tìm thấy nhóm chỉ tiêu có mã {group_id}.")
            position = self._next_position("indicators", group_id=group_id)
            indicator_id = self._insert(
                "indicators",
                {
                    "group_id": group_id,
                    "code": clean(code) or str(position),
                    "name": name,
                    "unit_of_measure": clean(unit_of_measure),
                    "output": clean(output),
                    "note": clean(note),
                    "position": position,
                },
            )
            rank = is_rank(name, unit_of_measure)
            for year, text in (targets or {}).items():
                self._write_target(indicator_id, year, text, rank)
            if leads or coordinators:
                assignments.write(self, "indicator_id", indicator_id, leads, coordinators)
        return self.get(indicator_id)

    def update(
        self,
        indicator_id: int,
        *,
        code: str,
        name: str,
        unit_of_measure: str = "",
        targets: Mapping[int, str] | None = None,
        leads: Sequence[UnitRef] = (),
        coordinators: Sequence[UnitRef] = (),
        output: str = "",
        note: str = "",
    ) -> Indicator:
        """Rewrite the indicator as the form shows it: targets given replace them all."""
        name = clean(name)
        if not name:
            raise InvalidInput("Tên chỉ tiêu không được để trống.")
        with self.ws.change("Sửa chỉ tiêu"):
            indicator = self.get(indicator_id)
            self.ws.relabel(f"Sửa chỉ tiêu {indicator.code}")
            self.db["indicators"].update(
                indicator_id,
                {
                    "code": clean(code) or indicator.code,
                    "name": name,
                    "unit_of_measure": clean(unit_of_measure),
                    "output": clean(output),
                    "note": clean(note),
                },
            )
            if targets is not None:
                self.db.execute(
                    "DELETE FROM indicator_targets WHERE indicator_id = ?", [indicator_id]
                )
                rank = is_rank(name, unit_of_measure)
                for year, text in targets.items():
                    if clean(text):
                        self._write_target(indicator_id, year, text, rank)
            if leads:
                assignments.write(self, "indicator_id", indicator_id, leads, coordinators)
            else:
                self.db.execute("DELETE FROM assignments WHERE indicator_id = ?", [indicator_id])
        return self.get(indicator_id)

    def delete(self, indicator_id: int) -> None:
        with self.ws.change("Xóa chỉ tiêu"):
            indicator = self.get(indicator_id)
            self.ws.relabel(f"Xóa chỉ tiêu {indicator.code}")
            self.db["indicators"].delete(indicator_id)

    def _write_target(self, indicator_id: int, year: int, text: str, rank: bool) -> None:
        if not 2000 <= int(year) <= 2100:
            raise InvalidInput(f"Năm mục tiêu {year} không hợp lệ.")
        target = parse_target(text, rank=rank)
        if not target.text:
            raise InvalidInput("Mục tiêu không được để trống.")
        self.db["indicator_targets"].insert(
            {
                "indicator_id": indicator_id,
                "year": int(year),
                "target_text": target.text,
                "comparator": target.comparator.value if target.comparator else None,
                "value": target.value,
                "value_max": target.value_max,
            }
        )

    def get(self, indicator_id: int) -> Indicator:
        row = self._row(f"{_SELECT} WHERE i.id = ?", [indicator_id])
        if row is None:
            raise NotFound(f"Không tìm thấy chỉ tiêu có mã {indicator_id}.")
        return self._build([row])[0]

    def list(self, plan_id: int, *, retired: bool = False) -> list[Indicator]:
        """The plan's indicators; `retired`: those a newer version dropped instead."""
        which = "IS NOT NULL" if retired else "IS NULL"
        rows = self._rows(
            f"{_SELECT} WHERE g.plan_id = ? AND i.retired_in {which} "
            "ORDER BY g.position, i.position",
            [plan_id],
        )
        return self._build(rows)

    def _build(self, rows: builtins.list[dict]) -> builtins.list[Indicator]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        marks = ", ".join("?" * len(ids))
        targets: dict[int, dict[int, Target]] = {i: {} for i in ids}
        for t in self._rows(
            f"SELECT * FROM indicator_targets WHERE indicator_id IN ({marks})", ids
        ):
            targets[t["indicator_id"]][t["year"]] = _target(t)
        roles = assignments.load(self, "indicator_id", ids)
        built = []
        for row in rows:
            leads, coordinators = roles.get(row["id"], ((), ()))
            built.append(
                Indicator(
                    **row,
                    targets=dict(sorted(targets[row["id"]].items())),
                    leads=leads,
                    coordinators=coordinators,
                )
            )
        return built

    def record_value(
        self,
        indicator_id: int,
        period: str | PeriodId,
        value: float | None,
        value_text: str = "",
        note: str = "",
    ) -> IndicatorValue:
        """Store the figure reached in a period (replacing an earlier entry for that period)."""
        pid = period if isinstance(period, PeriodId) else PeriodId.parse(period)
        if value is None and not clean(value_text):
            raise InvalidInput("Cần nhập giá trị (số) hoặc mô tả kết quả của chỉ tiêu.")
        with self.ws.change(f"Ghi kết quả chỉ tiêu {pid.label}"):
            indicator = self.get(indicator_id)
            self.ws.relabel(f"Ghi kết quả chỉ tiêu {indicator.code} {pid.label}")
            self.ws.locks.refuse(indicator.plan_id, str(pid))
            self.ws.periods.ensure(pid, indicator.plan_id)
            self.db["indicator_values"].upsert(
                {
                    "indicator_id": indicator_id,
                    "period_id": str(pid),
                    "value": value,
                    "value_text": clean(value_text),
                    "note": clean(note),
                    "updated_at": self.ws.timestamp(),
                },
                pk=("indicator_id", "period_id"),
            )
        written = self.value(indicator_id, pid)
        assert written is not None
        return written

    def delete_value(self, indicator_id: int, period: PeriodId) -> None:
        with self.ws.change(f"Xóa kết quả chỉ tiêu {period.label}"):
            self.ws.locks.refuse(self.get(indicator_id).plan_id, str(period))
            found = self.value(indicator_id, period)
            if found is None:
                raise NotFound(f"Chỉ tiêu chưa có kết quả {period.label}.")
            self.db["indicator_values"].delete(found.id)

    def value(self, indicator_id: int, period: PeriodId) -> IndicatorValue | None:
        row = self._row(
            "SELECT id, indicator_id, period_id, value, value_text, note FROM indicator_values "
            "WHERE indicator_id = ? AND period_id = ?",
            [indicator_id, str(period)],
        )
        return IndicatorValue(**row) if row else None

    def values(self, plan_id: int, period: PeriodId) -> dict[int, IndicatorValue]:
        """Values reported for one period, by indicator id."""
        return {v.indicator_id: v for v in self.all_values(plan_id) if v.period_id == str(period)}

    def all_values(self, plan_id: int) -> builtins.list[IndicatorValue]:
        """Every value reported for the plan's indicators, in any period."""
        rows = self._rows(
            "SELECT v.id, v.indicator_id, v.period_id, v.value, v.value_text, v.note "
            "FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
            "JOIN indicator_groups g ON g.id = i.group_id WHERE g.plan_id = ?",
            [plan_id],
        )
        return [IndicatorValue(**r) for r in rows]
