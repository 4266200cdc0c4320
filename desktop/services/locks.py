"""Periods locked by the package that sent them up, and reopened with a reason.

Every write to a locked period's reports, indicator values or payments is refused with
a message naming the package (the database's triggers refuse it too, whatever wrote)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.model import VIETNAM_TZ
from desktop.domain.periods import Period, PeriodId
from desktop.errors import InvalidInput
from desktop.services.base import Service


@dataclass(frozen=True)
class Lock:
    plan_id: int
    period_id: str
    package_file: str
    locked_at: str  # ISO, Vietnam time
    package_uid: str = ""

    def refusal(self) -> str:
        label = PeriodId.parse(self.period_id).label
        return (
            f"Kỳ {label} đã khóa: số liệu của kỳ đã gửi lên cấp trên trong gói "
            f"«{self.package_file}». Muốn sửa, mở lại kỳ (Văn bản → Mở lại kỳ…, hoặc lệnh "
            "reopen) và ghi lý do; gói gửi sau sẽ là lần tiếp theo."
        )


def _lock(row: dict) -> Lock:
    return Lock(
        row["plan_id"], row["period_id"], row["package_file"], row["locked_at"], row["package_uid"]
    )


class LockService(Service):
    def active(self, plan_id: int, period_id: str) -> Lock | None:
        row = self._row(
            "SELECT * FROM period_locks WHERE plan_id = ? AND period_id = ? "
            "AND reopened_at IS NULL",
            [plan_id, period_id],
        )
        return _lock(row) if row else None

    def locked(self, plan_id: int) -> dict[str, Lock]:
        rows = self._rows(
            "SELECT * FROM period_locks WHERE plan_id = ? AND reopened_at IS NULL", [plan_id]
        )
        return {r["period_id"]: _lock(r) for r in rows}

    def refuse(self, plan_id: int, period_id: str) -> None:
        """An InvalidInput naming the package if `period_id` of the plan is locked."""
        if lock := self.active(plan_id, period_id):
            raise InvalidInput(lock.refusal())

    def refuse_payment(self, plan_id: int, *days: date) -> None:
        """An InvalidInput if a payment on any of `days` falls in a locked period."""
        for day in days:
            row = self._row(
                "SELECT * FROM period_locks WHERE plan_id = ? AND reopened_at IS NULL "
                "AND ? BETWEEN first_day AND last_day",
                [plan_id, day.isoformat()],
            )
            if row:
                raise InvalidInput(
                    f"Khoản chi ngày {day:%d/%m/%Y} thuộc kỳ đã gửi. " + _lock(row).refusal()
                )

    def lock(self, plan_id: int, period: Period, package_uid: str, package_file: str) -> None:
        """Inside the change that records the package."""
        first, last = period.id.calendar_range()
        self._insert(
            "period_locks",
            {
                "plan_id": plan_id,
                "period_id": period.key,
                "first_day": first.isoformat(),
                "last_day": last.isoformat(),
                "package_uid": package_uid,
                "package_file": package_file,
                "locked_at": self.ws.now().astimezone(VIETNAM_TZ).isoformat(timespec="seconds"),
            },
        )

    def reopen(self, plan_id: int, period: Period, reason: str) -> None:
        reason = " ".join(reason.split())
        if not reason:
            raise InvalidInput("Mở lại kỳ cần ghi lý do.")
        with self.ws.change(f"Mở lại kỳ {period.label}: {reason}"):
            lock = self.active(plan_id, period.key)
            if lock is None:
                raise InvalidInput(f"Kỳ {period.label} đang không khóa.")
            self.db.execute(
                "UPDATE period_locks SET reopened_at = ?, reopen_reason = ? "
                "WHERE plan_id = ? AND period_id = ? AND reopened_at IS NULL",
                [self.ws.timestamp(), reason, plan_id, period.key],
            )

    def return_applied_on(self, digest: str) -> str | None:
        """When the return file with this SHA-256 was applied (None: never)."""
        return self._scalar("SELECT applied_at FROM applied_returns WHERE id = ?", [digest])

    def reopen_by_return(
        self, plan_id: int, period: Period, reason: str, digest: str, package_uid: str
    ) -> None:
        """Reopen as the level above's return says, and keep that the return was applied
        (inside the caller's change: the period's dates may change with it)."""
        self.reopen(plan_id, period, reason)
        self._insert(
            "applied_returns",
            {"id": digest, "package_uid": package_uid, "applied_at": self.ws.timestamp()},
        )

    def last_reason(self, plan_id: int, period_id: str) -> str:
        """Why the period was last reopened ('' if never)."""
        return (
            self._scalar(
                "SELECT reopen_reason FROM period_locks WHERE plan_id = ? AND period_id = ? "
                "AND reopened_at IS NOT NULL ORDER BY reopened_at DESC, id DESC LIMIT 1",
                [plan_id, period_id],
            )
            or ""
        )
