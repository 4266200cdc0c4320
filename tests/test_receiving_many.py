"""Sixty-one packages from sixty offices on the roster (and two that are not): on
time, late by 1 to 10 days, sent again, tampered, signed by an untrusted CA, for a
period not expected, delivered twice; the matrix and the totals asserted exactly."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from demo_packages import CLOCK, PASS, demo_package, package_files, readdressed
from openpyxl import load_workbook

from desktop.consolidation.matrix import Standing, matrix
from desktop.consolidation.receive import DUPLICATE, QUARANTINED, RECEIVED, receive
from desktop.consolidation.report import consolidated
from desktop.consolidation.roster import RosterEntry
from desktop.documents import saving
from desktop.domain.model import OfficeLevel
from desktop.domain.periods import PeriodId
from desktop.package.verify import load_roots
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.submission.build import make_package
from desktop.workspace import Workspace

DUE = (CLOCK + timedelta(days=3)).date()  # the level above's own due date for 2025


def late(i: int):
    """When office 36..45 signs and sends: 1..10 days after the due date."""
    return CLOCK + timedelta(days=3 + (i - 35), hours=1)


def office(i: int) -> tuple[str, str, str]:
    return f"Thử Nghiệm {i}", "xa", f"T{i:03d}"


def tampered(content: bytes) -> bytes:
    """One byte of the workbook changed, the container otherwise as signed."""
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


@pytest.fixture(scope="module")
def batch(tmp_path_factory, demo_files):
    folder = tmp_path_factory.mktemp("nhieu")
    ca, template = demo_package(demo_files, folder / "xa", evidence=False)
    with Workspace.open(folder / "xa" / "tl.db", clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()  # a sound package of another period: 2025-Q4
        quarter = ws.periods.get(PeriodId.parse("2025-Q4"), plan.id)
        other_period = make_package(ws, plan, quarter, Pkcs12File(ca.signer, PASS), folder / "q4")
    stranger_ca = make_trial_ca(folder / "la", "Người lạ", PASS, CLOCK)
    signer = Pkcs12File(ca.signer, PASS).signer()
    files, quarter_files = package_files(template.path), package_files(other_period.path)
    on_time = CLOCK + timedelta(days=1)
    out = folder / "usb"
    out.mkdir()

    def put(name: str, content: bytes, sub: str = "") -> None:
        target = out / sub / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    for i in range(1, 36):  # on time
        put(*readdressed(files, signer, office(i), on_time)[:2])
    for i in range(36, 46):  # late by 1..10 days: each arrives the day it is signed
        put(*readdressed(files, signer, office(i), late(i))[:2], f"tre/{i}")
    for i in range(46, 51):  # sent twice
        name, content, uid = readdressed(files, signer, office(i), on_time)
        put(name, content)
        later = on_time + timedelta(hours=2)
        put(*readdressed(files, signer, office(i), later, sequence=2, replaces=uid)[:2])
    name, content, _ = readdressed(files, signer, office(51), on_time)
    put(name, tampered(content))  # the workbook changed after signing
    stranger = Pkcs12File(stranger_ca.signer, PASS).signer()
    put(*readdressed(files, stranger, office(52), on_time)[:2])  # untrusted
    put(*readdressed(quarter_files, signer, office(53), on_time)[:2])  # not expected
    first = sorted(out.glob("T001_*"))[0]
    put(first.name, first.read_bytes(), "ban-sao")  # the same package twice
    for k in (1, 2):  # not on the roster
        put(*readdressed(files, signer, (f"Lạ {k}", "xa", f"X{k:03d}"), on_time)[:2])
    assert len(list(out.rglob("*.asice"))) == 61
    return folder, ca, out


def test_sixty_packages_make_an_exact_matrix_and_totals(batch, tmp_path):
    _, ca, usb = batch
    now = [CLOCK + timedelta(days=1, hours=2)]  # the on-time ones arrive
    with Workspace.open(tmp_path / "tinh.db", create=True, clock=lambda: now[0]) as ws:
        ws.office.save("Thử Nghiệm", "tinh")
        ws.receiving.set_roster(
            [RosterEntry(f"Thử Nghiệm {i}", OfficeLevel.XA, f"T{i:03d}") for i in range(1, 61)]
        )
        ws.receiving.expect("2025", DUE)
        outcomes = receive(ws, [p for p in usb.iterdir() if p.name != "tre"], load_roots([ca.root]))
        for i in range(36, 46):  # lateness goes by the day each arrives
            now[0] = late(i)
            outcomes += receive(ws, [usb / "tre" / str(i)], load_roots([ca.root]))
        statuses = [o.status for o in outcomes]
        assert statuses.count(RECEIVED) == 55
        assert statuses.count(DUPLICATE) == 1
        assert statuses.count(QUARANTINED) == 5
        reasons = " | ".join(o.detail for o in outcomes if o.status == QUARANTINED)
        for words in (
            "không chuỗi tới gốc tin cậy",
            "quý IV năm 2025 không có trong các kỳ",
            "xã Lạ 1 không có trong danh sách",
            "xã Lạ 2 không có trong danh sách",
        ):
            assert words in reasons  # fmt: skip
        again = receive(ws, [usb], load_roots([ca.root]))  # the same stick again: nothing new
        assert {o.status for o in again} <= {DUPLICATE, QUARANTINED}
        rows = {r.office.agency_code: r for r in matrix(ws, "2025")}
        counts = {s: sum(r.standing is s for r in rows.values()) for s in Standing}
        assert counts == {
            Standing.ON_TIME: 35, Standing.LATE: 10, Standing.RESUBMITTED: 5,
            Standing.RETURNED: 0, Standing.INVALID: 2, Standing.MISSING: 8, Standing.HELD: 0,
        }  # fmt: skip
        assert [rows[f"T{i:03d}"].days_late for i in range(36, 46)] == list(range(1, 11))
        assert all(rows[f"T{i:03d}"].sequence == 2 for i in range(46, 51))
        assert rows["T051"].standing is rows["T052"].standing is Standing.INVALID
        assert rows["T053"].standing is Standing.MISSING  # its only package was for Q4
        assert all(r.trial for r in rows.values() if r.sequence)
        out = saving.save(consolidated(ws, "2025"), tmp_path / "tong_hop.xlsx")
    sheet = load_workbook(out)["Nhiệm vụ"]
    total = [c.value for c in sheet[sheet.max_row]]
    assert total[0] == "Tổng cộng" and total[-1] == 45 * 50  # 50 offices, latest lần each
    assert sheet.max_row - 4 == 50
    shutil.rmtree(tmp_path / "tinh_goi_da_nhan")
