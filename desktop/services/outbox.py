"""The outbox: every package made here, and where and when each was delivered."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.services.base import Service
from desktop.services.packages import PackageRecord


@dataclass(frozen=True)
class Delivery:
    kind: str  # 'usb' or 'eml'
    destination: str
    sha256: str
    delivered_at: str


@dataclass(frozen=True)
class OutboxEntry:
    package: PackageRecord
    deliveries: tuple[Delivery, ...]

    @property
    def label(self) -> str:
        return f"{PeriodId.parse(self.package.period_id).label} lần {self.package.sequence}"


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

    def record(self, package_uid: str, kind: str, destination: str, sha256: str) -> None:
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
                },
            )

    def entries(self) -> list[OutboxEntry]:
        """Newest package first, each with its deliveries in order."""
        rows = self._rows("SELECT * FROM deliveries ORDER BY id")
        sent: dict[str, list[Delivery]] = {}
        for r in rows:
            delivery = Delivery(r["kind"], r["destination"], r["sha256"], r["delivered_at"])
            sent.setdefault(r["package_uid"], []).append(delivery)
        packages = sorted(self.ws.packages.all(), key=lambda p: p.created_at, reverse=True)
        return [OutboxEntry(p, tuple(sent.get(p.uid, ()))) for p in packages]
