"""A province that has been receiving for a while: ten communes on its roster (with the
contacts it keeps), three periods expected, packages on time, late, sent again, returned,
tampered, held for a new signer, and missing. For the tests of tracking, chasing and the
consolidated report, and for screenshots.

Packages are the first-run demo's, re-addressed to each commune and signed again
(demo_packages.readdressed): cheap, and each verifies as a real one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from demo_files import DemoFiles
from demo_packages import PASS, demo_package, package_files, readdressed

from desktop.consolidation.receive import receive
from desktop.consolidation.returns import return_for_correction
from desktop.consolidation.roster import read_roster
from desktop.domain.periods import PeriodId
from desktop.package.verify import load_roots
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.submission.build import make_package
from desktop.workspace import Workspace

ROSTER = """Tên đơn vị;Cấp;Mã định danh;Người liên hệ;Điện thoại;Thư điện tử
Trần Liêu;phường;H31.01;Nguyễn Thị Hoa;0225 3842 101;vanphong@tranlieu.gov.vn
Hưng Đạo;phường;H31.02;Lê Văn Bình;0225 3842 102;
An Lão;xã;H31.03;Phạm Thu Trang;0912 345 678;ubnd@anlao.gov.vn
Tiên Lãng;xã;H31.04;;;
Kiến Thụy;xã;H31.05;Đỗ Minh Khôi;0983 111 222;vp@kienthuy.gov.vn
Đồ Sơn;phường;H31.06;Vũ Thị Lan;0225 3861 006;
Thủy Nguyên;phường;H31.07;Trịnh Văn Nam;0225 3874 007;
Cát Hải;đặc khu;H31.08;Hoàng Văn Hải;0225 3888 008;vanthu@cathai.gov.vn
Bạch Long Vĩ;đặc khu;H31.09;Ngô Đức Long;0225 3899 009;
Vĩnh Bảo;xã;H31.10;Bùi Thị Mai;0936 555 010;ubnd@vinhbao.gov.vn
"""


def _at(day: date, hour: int = 9) -> datetime:
    """`hour` o'clock in Việt Nam on `day`, as UTC."""
    return datetime(day.year, day.month, day.day, hour - 7, tzinfo=UTC)


YEAR_DUE, QUARTER_DUE, NEXT_DUE = date(2025, 12, 20), date(2026, 1, 20), date(2026, 4, 20)
NOW = _at(date(2026, 1, 28), 10)  # the province's clock while the clerk looks
# Each commune: (year 2025, quarter IV): the day its package arrives, or what else
# happened to it ('late+N': N days after the due date; None: nothing came).
PLAN: dict[str, tuple[str | None, str | None]] = {
    "Trần Liêu": ("on_time", "on_time"),
    "Hưng Đạo": ("on_time", "on_time"),
    "An Lão": ("late+2", "on_time"),
    "Tiên Lãng": ("on_time", None),
    "Kiến Thụy": ("late+5", "late+6"),
    "Đồ Sơn": ("again", "on_time"),
    "Thủy Nguyên": ("returned", "on_time"),
    "Cát Hải": ("tampered", None),
    "Bạch Long Vĩ": ("on_time", "new_signer"),
    "Vĩnh Bảo": (None, None),
}


@dataclass(frozen=True)
class Province:
    db: Path
    roots: list[Path]  # the trial CAs the communes sign with, trusted by the province
    now: datetime

    def copy(self, folder: Path) -> Path:
        """The database and the packages kept beside it, copied into `folder` (a test
        that writes gets its own)."""
        import shutil

        folder.mkdir(parents=True, exist_ok=True)
        kept = self.db.with_name(f"{self.db.stem}_goi_da_nhan")
        shutil.copytree(kept, folder / kept.name)
        return Path(shutil.copy(self.db, folder / self.db.name))


def _tampered(content: bytes) -> bytes:
    """One byte of the report changed after signing."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        entries = [(i, archive.read(i.filename)) for i in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, data in entries:
            if info.filename == "bao_cao.xlsx":
                data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
            archive.writestr(info, data)
    return buffer.getvalue()


@dataclass
class _Sender:
    """What the communes send with: each period's package to re-address, the usual
    signer and a new one, and where the files go."""

    files: dict[str, dict[str, bytes]]
    signer: object
    new_signer: object
    folder: Path

    def packages(self, office, period: str, fate: str, arrival: datetime) -> list[Path]:
        """The office's package(s) of the period as `fate` has it, written to the stick."""
        address = (office.name, office.level.value, office.agency_code)
        by = self.new_signer if fate == "new_signer" else self.signer
        claimed = arrival - timedelta(hours=1)
        sent, content, uid = readdressed(self.files[period], by, address, claimed)
        made = [(sent, _tampered(content) if fate == "tampered" else content)]
        if fate == "again":  # lần 2 the next day
            later = arrival + timedelta(days=1)
            again = readdressed(self.files[period], by, address, later, sequence=2, replaces=uid)
            made.append(again[:2])
        paths = []
        for name, content in made:
            path = self.folder / period / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            paths.append(path)
        return paths


def _arrival(due: date, fate: str) -> datetime:
    """Two days before the due date, or 'late+N' days after it."""
    late = int(fate.partition("+")[2] or 0)
    return _at(due + timedelta(days=late) if late else due - timedelta(days=2))


def province(demo_files: DemoFiles, folder: Path) -> Province:
    """folder/tinh.db as described above, on the clock NOW."""
    start = _at(date(2025, 12, 1))
    usual = make_trial_ca(folder / "ca", "Cán bộ xã", PASS, start)
    other = make_trial_ca(folder / "ca2", "Người ký mới", PASS, start)
    source = Pkcs12File(usual.signer, PASS)
    _, template = demo_package(demo_files, folder / "xa", evidence=False)
    with Workspace.open(folder / "xa" / "tl.db", clock=lambda: NOW) as office:
        plan = office.plans.current()
        quarter = office.periods.get(PeriodId.parse("2025-Q4"), plan.id)
        quarter_package = make_package(office, plan, quarter, source, folder / "q4")
    files = {"2025": package_files(template.path), "2025-Q4": package_files(quarter_package.path)}
    sender = _Sender(
        files, source.signer(), Pkcs12File(other.signer, PASS).signer(), folder / "usb"
    )
    dues = {"2025": YEAR_DUE, "2025-Q4": QUARTER_DUE}
    roster = folder / "danh_sach.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    clock = [start]
    with Workspace.open(folder / "tinh.db", create=True, clock=lambda: clock[0]) as ws:
        ws.office.save("Hải Phòng", "tinh")
        ws.receiving.set_roster(read_roster(roster))
        for period, due in (*dues.items(), ("2026-Q1", NEXT_DUE)):
            ws.receiving.expect(period, due)
        roots = load_roots([usual.root, other.root])
        offices = {o.name: o for o in ws.receiving.roster()}
        for column, (period, due) in enumerate(dues.items()):
            for name, fates in PLAN.items():
                if (fate := fates[column]) is None:
                    continue
                clock[0] = arrival = _arrival(due, fate)
                receive(ws, sender.packages(offices[name], period, fate, arrival), roots, workers=1)
                if fate == "returned":
                    reason = "Thiếu số liệu chỉ tiêu 4.1"
                    return_for_correction(
                        ws, offices[name], period, reason, source, folder / "tra_lai"
                    )
    return Province(folder / "tinh.db", [usual.root, other.root], NOW)
