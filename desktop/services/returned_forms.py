"""The units' progress forms taken back (desktop/unit_forms): each file by its SHA-256,
the unit that returned it for a period of a plan, when, and what each row it recorded
said (fingerprints, by row key)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from desktop.services.base import Service


@dataclass(frozen=True)
class ReturnedForm:
    id: int
    sha256: str
    plan_id: int
    period_id: str
    unit_id: int | None  # None: the unit was merged into another since
    unit_name: str
    form_uid: str
    file_name: str
    taken_at: str  # UTC, ISO
    rows: dict[str, str] = field(default_factory=dict)  # row key -> fingerprint recorded


def _returned(row: dict) -> ReturnedForm:
    return ReturnedForm(**{**row, "rows": json.loads(row["rows"])})


class ReturnedFormService(Service):
    def taken(self, sha256: str) -> ReturnedForm | None:
        """The form taken with this SHA-256 (None: never)."""
        row = self._row("SELECT * FROM returned_forms WHERE sha256 = ?", [sha256])
        return _returned(row) if row else None

    def of_period(self, plan_id: int, period_id: str) -> list[ReturnedForm]:
        """Every form taken for the plan's period, the first taken first."""
        rows = self._rows(
            "SELECT * FROM returned_forms WHERE plan_id = ? AND period_id = ? "
            "ORDER BY taken_at, id",
            [plan_id, period_id],
        )
        return [_returned(r) for r in rows]

    def record(
        self,
        sha256: str,
        plan_id: int,
        period_id: str,
        unit_id: int,
        unit_name: str,
        form_uid: str,
        file_name: str,
        rows: dict[str, str],
    ) -> None:
        """Inside the change that takes the form in."""
        self._insert(
            "returned_forms",
            {
                "sha256": sha256,
                "plan_id": plan_id,
                "period_id": period_id,
                "unit_id": unit_id,
                "unit_name": unit_name,
                "form_uid": form_uid,
                "file_name": file_name,
                "taken_at": self.ws.timestamp(),
                "rows": json.dumps(rows, ensure_ascii=False, sort_keys=True),
            },
        )
