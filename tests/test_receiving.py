"""The level above receives packages from the offices on its roster: verified, kept,
matched, or quarantined with the reason; the matrix says who sent, late or missing."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from demo_packages import change_a_result
from openpyxl import Workbook

from desktop.cli import main
from desktop.consolidation.matrix import Standing, matrix
from desktop.consolidation.receive import DUPLICATE, QUARANTINED, RECEIVED, receive
from desktop.consolidation.roster import RosterEntry, read_roster
from desktop.consolidation.store import stored_data
from desktop.domain.model import OfficeLevel
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput, UserError
from desktop.package.verify import load_roots
from desktop.services.receiving import RosterOffice
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.submission.build import make_package
from desktop.workspace import Workspace

PASS = b"mat-khau"
# The phường's 2025 report is due at the city on 20/12/2025 (its units report by 30/11).
BEFORE_DUE = datetime(2025, 11, 25, 3, tzinfo=UTC)
AFTER_DUE = datetime(2025, 12, 25, 3, tzinfo=UTC)  # 5 days late
ARRIVED = BEFORE_DUE + timedelta(days=2)  # the on-time packages reach the city (lateness
# goes by the day a package arrives, not by the time it claims)
OFFICES = [  # name, level, code, when, signed by the untrusted CA
    ("Trần Liêu", "phuong", "H31.01", BEFORE_DUE, False),
    ("Hưng Đạo", "phuong", "H31.02", BEFORE_DUE, False),
    ("An Lão", "xa", "H31.03", BEFORE_DUE, False),
    ("Tiên Lãng", "xa", "", BEFORE_DUE, False),  # no code: matched by level and name
    ("Kiến Thụy", "xa", "H31.05", AFTER_DUE, False),
    ("Đồ Sơn", "phuong", "H31.06", AFTER_DUE, False),
    ("Thủy Nguyên", "phuong", "H31.07", BEFORE_DUE, False),  # and lần 2 below
    ("Cát Hải", "dac_khu", "H31.08", BEFORE_DUE, False),  # tampered below
    ("Bạch Long Vĩ", "dac_khu", "H31.09", BEFORE_DUE, True),  # an untrusted CA
    ("Lạ Lùng", "xa", "H99.99", BEFORE_DUE, False),  # not on the roster
]
ROSTER_CSV = (
    "\ufeffTên đơn vị;Cấp;Mã định danh\n"
    "Phường Trần Liêu;Phường;H31.01\nHưng Đạo;phuong;H31.02\nAn Lão;Xã;H31.03\n"
    "Tiên Lãng;xa;\nKiến Thụy;xã;H31.05\nĐồ Sơn;Phường;H31.06\nThủy Nguyên;Phường;H31.07\n"
    "Cát Hải;Đặc khu;H31.08\nBạch Long Vĩ;đặc khu;H31.09\nVĩnh Bảo;Xã;H31.10\n"
)


@pytest.fixture(scope="module")
def packages(tmp_path_factory, demo_files):
    return office_packages(tmp_path_factory.mktemp("tren"), demo_files)


def office_packages(folder: Path, demo_files):
    """One package per office (Thủy Nguyên sends twice), a trusted trial CA's root."""
    trusted = make_trial_ca(folder / "ca", "Cán bộ xã", PASS, BEFORE_DUE)
    other = make_trial_ca(folder / "other", "Kẻ lạ", PASS, BEFORE_DUE)
    base = folder / "base.db"
    # The demo's 2025 reports include a completion on 28/11/2025: built after it.
    with demo_files.open(base, clock=lambda: AFTER_DUE, actor=None) as ws:
        ws.document_settings.save(signer_name="Nguyễn Văn An")
    made = {}
    for name, level, code, when, untrusted in OFFICES:
        db = folder / f"{code or 'tl'}-{level}.db"
        shutil.copy(base, db)
        ca = other if untrusted else trusted
        with Workspace.open(db, clock=lambda when=when: when) as ws:
            ws.office.save(name, level, agency_code=code, parent_name="thành phố Hải Phòng")
            plan = ws.plans.current()
            period = ws.periods.get(PeriodId.parse("2025"), plan.id)
            source = Pkcs12File(ca.signer, PASS)
            made[name] = [make_package(ws, plan, period, source, folder / "out" / code).path]
            if name == "Thủy Nguyên":
                ws.locks.reopen(plan.id, period, "Bổ sung số liệu")
                change_a_result(ws, plan, period, "Kết quả bổ sung lần 2")
                again = make_package(ws, plan, period, source, folder / "out" / "lan2")
                made[name].append(again.path)
    tampered = made["Cát Hải"][0]
    with zipfile.ZipFile(tampered) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    pdf = files["bao_cao.pdf"]
    files["bao_cao.pdf"] = pdf[:1000] + bytes([pdf[1000] ^ 1]) + pdf[1001:]
    with zipfile.ZipFile(tampered, "w") as archive:
        for n, content in files.items():
            archive.writestr(n, content, zipfile.ZIP_STORED if n == "mimetype" else 8)
    return folder, trusted, made


def upper(folder: Path, tmp_path: Path) -> Path:
    db = tmp_path / "tinh.db"
    assert main(["--db", str(db), "init", "--name", "Hải Phòng", "--level", "tinh"]) == 0
    csv = tmp_path / "danh_sach.csv"
    csv.write_text(ROSTER_CSV, encoding="utf-8")
    assert main(["--db", str(db), "roster", str(csv)]) == 0
    return db


def test_the_roster_is_read_as_people_write_it(tmp_path):
    csv = tmp_path / "ds.csv"
    csv.write_text(ROSTER_CSV, encoding="utf-8")
    entries = read_roster(csv)
    assert len(entries) == 10
    assert entries[0].name == "Trần Liêu" and entries[0].level is OfficeLevel.PHUONG
    assert entries[7].level is OfficeLevel.DAC_KHU and entries[3].agency_code == ""
    book = Workbook()
    book.active.append(["Tên đơn vị", "Cấp", "Mã định danh"])
    book.active.append(["Xã An Lão", "xã", "H31.03"])
    book.save(tmp_path / "ds.xlsx")
    [entry] = read_roster(tmp_path / "ds.xlsx")
    assert (entry.name, entry.level, entry.agency_code) == ("An Lão", OfficeLevel.XA, "H31.03")
    (tmp_path / "sai.csv").write_text("Tên đơn vị,Cấp\nAn Lão,thôn\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="Dòng 2: cần tên đơn vị và cấp"):
        read_roster(tmp_path / "sai.csv")


def test_receive_a_folder_then_the_matrix(packages, tmp_path, capsys):
    folder, trusted, made = packages
    db = upper(folder, tmp_path)
    stick, late_stick = tmp_path / "usb", tmp_path / "usb_muon"
    late = {name for name, _, _, when, _ in OFFICES if when == AFTER_DUE}
    for name, paths in made.items():
        for path in paths:
            folder = (late_stick if name in late else stick) / path.parent.name
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, folder / path.name)
    now = [ARRIVED]
    with Workspace.open(db, clock=lambda: now[0]) as ws:
        roots = load_roots([trusted.root])
        outcomes = receive(ws, [stick], roots)
        now[0] = AFTER_DUE  # the late ones arrive the day they are signed
        outcomes += receive(ws, [late_stick], roots)
        by_status = {s: sorted(o.file for o in outcomes if o.status == s) for s in
                     (RECEIVED, QUARANTINED)}  # fmt: skip
        assert len(by_status[RECEIVED]) == 8  # 7 offices, Thủy Nguyên twice
        quarantined = {o.file: o.detail for o in outcomes if o.status == QUARANTINED}
        assert len(quarantined) == 3
        reasons = " | ".join(quarantined.values())
        assert "Toàn vẹn các tệp" in reasons or "bao_cao.pdf" in reasons  # Cát Hải, tampered
        assert "không chuỗi tới gốc tin cậy" in reasons  # Bạch Long Vĩ
        assert "xã Lạ Lùng không có trong danh sách" in reasons
        again = receive(ws, [made["Trần Liêu"][0]], roots)
        assert [o.status for o in again] == [DUPLICATE]
        rows = {r.office.name: r for r in matrix(ws, "2025")}
    assert rows["Trần Liêu"].standing is Standing.ON_TIME and rows["Trần Liêu"].trial
    assert rows["Tiên Lãng"].standing is Standing.ON_TIME
    assert rows["Kiến Thụy"].standing is Standing.LATE and rows["Kiến Thụy"].days_late == 5
    assert rows["Đồ Sơn"].days_late == 5
    assert rows["Thủy Nguyên"].standing is Standing.RESUBMITTED
    assert rows["Thủy Nguyên"].sequence == 2
    assert rows["Cát Hải"].standing is Standing.INVALID
    assert rows["Bạch Long Vĩ"].standing is Standing.INVALID
    assert rows["Vĩnh Bảo"].standing is Standing.MISSING
    counts = {}
    for row in rows.values():
        counts[row.standing] = counts.get(row.standing, 0) + 1
    assert counts == {Standing.ON_TIME: 4, Standing.LATE: 2, Standing.RESUBMITTED: 1,
                      Standing.INVALID: 2, Standing.MISSING: 1}  # fmt: skip
    capsys.readouterr()
    assert main(["--db", str(db), "matrix", "--period", "2025", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed) == 10 and printed[0]["label"]
    kept = list((tmp_path / "tinh_goi_da_nhan").rglob("*.asice"))
    assert len(kept) == 8  # every package received is kept beside the database


def test_consolidation_adds_up_what_was_received(packages, tmp_path, capsys):
    from openpyxl import load_workbook

    folder, trusted, made = packages
    db = upper(folder, tmp_path)
    with Workspace.open(db) as ws:
        receive(ws, [p for paths in made.values() for p in paths], load_roots([trusted.root]))
        summaries = [
            stored_data(ws, r)["summary"]
            for r in ws.receiving.for_period("2025")
            if r.sequence == 1
        ]
    out = tmp_path / "tong_hop.xlsx"
    assert main(["--db", str(db), "consolidate", "--period", "2025", "--out", str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames[:4] == ["Gửi báo cáo", "Nhiệm vụ", "Quá hạn", "Chỉ tiêu"]
    tasks = book["Nhiệm vụ"]
    total = [c.value for c in tasks[tasks.max_row]]
    assert total[0] == "Tổng cộng"
    offices = tasks.max_row - 4  # label, title, header, total
    assert offices == 7  # Thủy Nguyên counted once, by its latest lần
    assert total[-1] == 45 * 7  # every office's 45 tasks
    overdue = sum(s.get("qua_han", 0) for s in summaries[:7])
    assert total[3] == overdue
    late = book["Quá hạn"]
    listed = sum(row[1].value for row in late.iter_rows(min_row=3) if isinstance(row[1].value, int))
    assert listed >= overdue  # a task led by two units counts under each
    sent = book["Gửi báo cáo"]
    states = [row[1].value for row in sent.iter_rows(min_row=3)]
    assert states.count("Chưa gửi") == 1 and states.count("Không hợp lệ") == 2
    pdf_out = tmp_path / "tong_hop.pdf"
    assert main(["--db", str(db), "consolidate", "--period", "2025", "--out", str(pdf_out)]) == 0
    assert pdf_out.read_bytes().startswith(b"%PDF")


def test_a_report_returned_for_correction_reopens_the_period_at_the_office(
    packages, tmp_path, capsys, monkeypatch
):
    folder, trusted, made = packages
    db = upper(folder, tmp_path)
    province = make_trial_ca(tmp_path / "so", "Sở Khoa học", PASS, BEFORE_DUE)
    with Workspace.open(db) as ws:
        receive(ws, made["Trần Liêu"], load_roots([trusted.root]))
    # The level above's own due date for 2025 travels in the return: the office takes it
    # as the day it reports upward (its units' day stays as the plan says).
    assert main(["--db", str(db), "roster", "--period", "2025", "--due", "15/12/2025"]) == 0
    monkeypatch.setenv("MK", PASS.decode())
    args = ["--db", str(db), "return", "--period", "2025", "--office", "Phường Trần Liêu",
            "--reason", "Thiếu minh chứng nhiệm vụ I.4", "--p12", str(province.signer),
            "--passphrase-env", "MK", "--out", str(tmp_path / "tra_lai")]  # fmt: skip
    assert main(args) == 0
    [returned] = (tmp_path / "tra_lai").glob("*.p7m")
    with Workspace.open(db) as ws:
        rows = {r.office.name: r for r in matrix(ws, "2025")}
    assert rows["Trần Liêu"].standing is Standing.RETURNED

    office = tmp_path / "tl.db"
    shutil.copy(folder / "H31.01-phuong.db", office)
    tampered = tmp_path / "sua.p7m"
    raw = returned.read_bytes()
    tampered.write_bytes(raw.replace(b"I.4", b"I.5"))
    capsys.readouterr()
    assert main(["--db", str(office), "receive", str(returned)]) == 1  # no trusted root yet
    assert "không thuộc gốc tin cậy" in capsys.readouterr().err
    assert main(["--db", str(office), "settings", "--trust-root", str(province.root)]) == 0
    assert main(["--db", str(office), "receive", str(tampered)]) == 1
    assert "đã bị sửa" in capsys.readouterr().err
    assert main(["--db", str(office), "receive", str(returned)]) == 1  # whose is it?
    assert "Chưa đăng ký chứng thư ký của cấp trên" in capsys.readouterr().err
    with Workspace.open(office) as ws:
        plan = ws.plans.current()
        assert ws.locks.active(plan.id, "2025") is not None  # still locked
    assert main(["--db", str(office), "settings", "--upper-cert", str(province.certificate)]) == 0
    assert main(["--db", str(office), "receive", str(returned)]) == 0
    out = capsys.readouterr().out
    assert "Thiếu minh chứng nhiệm vụ I.4" in out and "lần 2" in out
    assert "Hạn gửi cấp trên của kỳ theo cấp trên: 15/12/2025." in out
    with Workspace.open(office) as ws:
        plan = ws.plans.current()
        assert ws.locks.active(plan.id, "2025") is None
        assert "Cấp trên trả lại" in ws.locks.last_reason(plan.id, "2025")
        year = ws.periods.get("2025", plan.id)
        assert (year.units_due, year.due_on) == (date(2025, 11, 30), date(2025, 12, 15))


def test_the_periods_expected_are_set_with_their_due_dates(tmp_path, capsys):
    db = tmp_path / "tinh.db"
    assert main(["--db", str(db), "init", "--name", "Hải Phòng", "--level", "tinh"]) == 0
    assert main(["--db", str(db), "roster", "--period", "2025", "--due", "01/12/2025"]) == 0
    assert "Kỳ phải báo cáo: năm 2025, hạn nộp 01/12/2025" in capsys.readouterr().out
    assert main(["--db", str(db), "roster", "--period", "2025-Q4"]) == 1
    assert "cần hạn nộp" in capsys.readouterr().err
    with Workspace.open(db, read_only=True) as ws:
        assert ws.receiving.expected() == {"2025": "2025-12-01"}


def test_a_resubmission_shows_what_changed_against_the_lan_before(packages, tmp_path):
    from desktop.consolidation.office_report import office_latest, since_previous

    folder, trusted, made = packages
    db = upper(folder, tmp_path)
    with Workspace.open(db) as ws:
        receive(ws, [p for paths in made.values() for p in paths], load_roots([trusted.root]))
        offices = {o.name: o for o in ws.receiving.roster()}
        changed = since_previous(ws, office_latest(ws, offices["Thủy Nguyên"].id, "2025"))
        assert since_previous(ws, office_latest(ws, offices["Trần Liêu"].id, "2025")) is None
    assert len(changed) == 1
    assert changed[0].startswith("Nhiệm vụ ") and "Kết quả:" in changed[0]
    assert changed[0].endswith("→ «Kết quả bổ sung lần 2»")


def test_roster_corrections_are_checked_against_the_lines_before_them(tmp_path):
    """The roster window saves all its lines at once, over thousands of offices: each
    line is checked against the roster as the lines before it left it."""
    with Workspace.open(tmp_path / "tinh.db", create=True) as ws:
        ws.office.save("Hải Phòng", "tinh")
        ws.receiving.set_roster([RosterEntry(f"Xã {n}", OfficeLevel.XA) for n in range(2000)])
        ids = {o.name: o.id for o in ws.receiving.roster()}

        def line(n: int, office: str, name: str, code: str = "") -> tuple[int, RosterOffice]:
            return n, RosterOffice(ids[office], name, OfficeLevel.XA, code)

        lines = [line(n + 1, f"Xã {n}", f"Xã {n} mới", f"H{n}") for n in range(2000)]
        # Xã 0 takes the name Xã 1 gives up on the line after: refused, as it was on
        # the roster when line 1 was read; nothing of the batch is written.
        refused = [line(1, "Xã 0", "Xã 1"), line(2, "Xã 1", "Xã 1b")]
        with pytest.raises(InvalidInput, match="Dòng 1: Danh sách đã có xã Xã 1"):
            ws.receiving.edit_roster(refused, [], [])
        two_alike = [line(1, "Xã 0", "Xã mới"), line(2, "Xã 1", "xã  mới")]
        with pytest.raises(InvalidInput, match="Dòng 2: Danh sách đã có xã Xã mới"):
            ws.receiving.edit_roster(two_alike, [], [])
        assert {o.name for o in ws.receiving.roster()} == set(ids)
        # A name given up on an earlier line may be taken on a later one.
        swap = [line(1, "Xã 0", "Xã tạm"), line(2, "Xã 1", "Xã 0")]
        ws.receiving.edit_roster(swap + lines[2:], [], [])
        roster = {o.id: o for o in ws.receiving.roster()}
        assert roster[ids["Xã 1"]].name == "Xã 0" and roster[ids["Xã 0"]].name == "Xã tạm"
        assert roster[ids["Xã 1999"]].name == "Xã 1999 mới"
        assert roster[ids["Xã 1999"]].agency_code == "H1999"


def test_a_kept_package_changed_on_disk_is_not_read(packages, tmp_path, capsys):
    from desktop.consolidation.office_report import office_report

    folder, trusted, made = packages
    db = upper(folder, tmp_path)
    with Workspace.open(db) as ws:
        receive(ws, made["Trần Liêu"] + made["Hưng Đạo"], load_roots([trusted.root]))
        [kept] = [r for r in ws.receiving.for_period("2025") if "tran-lieu" in r.file]
        office = kept.roster_id
    path = tmp_path / kept.file
    data = path.read_bytes()
    path.write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:])  # changed on the disk
    capsys.readouterr()
    out = tmp_path / "tong_hop.xlsx"
    assert main(["--db", str(db), "consolidate", "--period", "2025", "--out", str(out)]) == 1
    assert "đã bị sửa hoặc thay trên đĩa" in capsys.readouterr().err
    assert not out.exists()
    with Workspace.open(db) as ws, pytest.raises(UserError, match="SHA-256 không còn khớp"):
        office_report(ws, office, "2025")
    path.unlink()
    with Workspace.open(db) as ws, pytest.raises(UserError, match="Không đọc được gói đã nhận"):
        office_report(ws, office, "2025")


def test_a_returned_package_is_shown_returned_and_not_counted(packages, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    folder, trusted, made = packages
    db = upper(folder, tmp_path)
    province = make_trial_ca(tmp_path / "so", "Sở Khoa học", PASS, BEFORE_DUE)
    with Workspace.open(db, clock=lambda: ARRIVED) as ws:
        receive(ws, made["Trần Liêu"] + made["Hưng Đạo"], load_roots([trusted.root]))
    monkeypatch.setenv("MK", PASS.decode())
    args = ["--db", str(db), "return", "--period", "2025", "--office", "Phường Trần Liêu",
            "--reason", "Thiếu minh chứng", "--p12", str(province.signer),
            "--passphrase-env", "MK", "--out", str(tmp_path / "tra_lai")]  # fmt: skip
    assert main(args) == 0
    with Workspace.open(db) as ws:
        latest = ws.receiving.latest("2025")
        standings = {r.office.name: r.standing for r in matrix(ws, "2025")}
    assert sorted(found.returned for found in latest.values()) == [False, True]
    assert standings["Trần Liêu"] is Standing.RETURNED
    assert standings["Hưng Đạo"] is Standing.ON_TIME
    out = tmp_path / "tong_hop.xlsx"
    assert main(["--db", str(db), "consolidate", "--period", "2025", "--out", str(out)]) == 0
    book = load_workbook(out)
    counted = [row[0].value for row in book["Nhiệm vụ"].iter_rows(min_row=4)]
    assert counted == ["Phường Hưng Đạo", "Tổng cộng"]  # the returned lần waits for lần 2
    sent = {row[0].value: row[1].value for row in book["Gửi báo cáo"].iter_rows(min_row=3)}
    assert sent["Phường Trần Liêu"] == "Trả lại để chỉnh sửa"
