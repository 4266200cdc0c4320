"""The outbox: every package made here, and where and when each was delivered, said as
far as the app can know it: a copy on a stick is there, a draft handed to a mail program
may or may not have been sent."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.services.base import Service
from desktop.services.packages import PackageRecord
from desktop.vietnamese.dates import local_time

NOT_DELIVERED = "Chưa chép vào USB, chưa soạn thư"


class Outcome(StrEnum):
    """What a delivery amounted to (migration 0024)."""

    COPIED = "copied"  # on a stick, read back the same
    SAVED = "saved"  # an e-mail draft written to a file, nothing more known
    OPENED = "opened"  # a draft handed to the machine's mail program
    NOT_OPENED = "not_opened"  # no mail program took the draft: webmail is left


@dataclass(frozen=True)
class Delivery:
    kind: str  # 'usb' or 'eml'
    destination: str
    sha256: str
    delivered_at: str
    outcome: Outcome

    @property
    def said(self) -> str:
        """'06/12/2026 23:08: Đã mở thư nháp gửi … — chưa biết đã gửi': the outbox's line.
        Only a copy read back is known to be there; a draft is sent by the clerk or not."""
        what = {
            Outcome.COPIED: f"Đã chép vào USB {self.destination} (đọc lại đúng)",
            Outcome.SAVED: f"Đã lưu thư nháp gửi {self.destination} — chưa biết đã gửi",
            Outcome.OPENED: f"Đã mở thư nháp gửi {self.destination} — chưa biết đã gửi",
            Outcome.NOT_OPENED: (
                f"Không mở được chương trình thư (gửi {self.destination}) — chưa biết đã gửi"
            ),
        }[self.outcome]
        return f"{local_time(self.delivered_at)}: {what}"


@dataclass(frozen=True)
class OutboxEntry:
    package: PackageRecord
    deliveries: tuple[Delivery, ...]

    @property
    def label(self) -> str:
        return f"{PeriodId.parse(self.package.period_id).label} lần {self.package.sequence}"


def _delivery(row: dict) -> Delivery:
    return Delivery(
        row["kind"], row["destination"], row["sha256"], row["delivered_at"],
        Outcome(row["outcome"]),
    )  # fmt: skip


class OutboxService(Service):
    def package_for(self, sha256: str) -> PackageRecord:
        """The package made here whose file has this digest (else an InvalidInput)."""
        for record in self.ws.packages.all():
            if record.sha256 == sha256:
                return record
        raise InvalidInput(
            "Gói này không do cơ sở dữ liệu này lập (hoặc đã bị sửa sau khi lập): "
            "chỉ gửi được gói lập tại đây, nguyên vẹn."
        )

    def record(
        self, package_uid: str, kind: str, destination: str, sha256: str, outcome: Outcome
    ) -> None:
        what = "USB" if kind == "usb" else "thư điện tử"
        with self.ws.change(f"Gửi gói qua {what}: {destination}"):
            self._insert(
                "deliveries",
                {
                    "package_uid": package_uid,
                    "kind": kind,
                    "destination": destination,
                    "sha256": sha256,
                    "delivered_at": self.ws.timestamp(),
                    "outcome": outcome.value,
                },
            )

    def last(self, kind: str | None = None) -> Delivery | None:
        """The latest delivery (of that kind): where the next one most likely goes."""
        row = self._row(
            "SELECT * FROM deliveries WHERE ? IS NULL OR kind = ? ORDER BY id DESC LIMIT 1",
            [kind, kind],
        )
        return _delivery(row) if row else None

    def entries(self) -> list[OutboxEntry]:
        """Newest package first, each with its deliveries in order."""
        rows = self._rows("SELECT * FROM deliveries ORDER BY id")
        sent: dict[str, list[Delivery]] = {}
        for r in rows:
            sent.setdefault(r["package_uid"], []).append(_delivery(r))
        packages = sorted(self.ws.packages.all(), key=lambda p: p.created_at, reverse=True)
        return [OutboxEntry(p, tuple(sent.get(p.uid, ()))) for p in packages]
