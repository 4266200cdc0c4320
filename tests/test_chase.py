"""The level above follows its communes period by period: the periods followed and how
the offices stood in each, the offices to chase with the contact the roster keeps, and
that list and the consolidated report written as PDF and workbook (window and command
line through one function)."""

from __future__ import annotations

import subprocess

import pytest
from openpyxl import load_workbook
from province_demo import NOW, province

from desktop.cli import main
from desktop.consolidation.chase import to_chase
from desktop.consolidation.exports import Export, save_document
from desktop.consolidation.matrix import (
    Standing,
    begun_periods,
    history,
    opening_period,
    tracked_periods,
)
from desktop.consolidation.roster import next_to_expect, read_roster, suggested_due
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.services.receiving import Contact
from desktop.workspace import Workspace


@pytest.fixture(scope="module")
def built(tmp_path_factory, demo_files):
    return province(demo_files, tmp_path_factory.mktemp("tinh"))


@pytest.fixture
def upper(built, tmp_path):
    """A copy of the province, on its clock (28/01/2026)."""
    with Workspace.open(built.copy(tmp_path / "tinh"), clock=lambda: NOW) as ws:
        yield ws


def test_the_periods_followed_and_how_the_offices_stood(upper):
    assert tracked_periods(upper) == ["2026-Q1", "2025-Q4", "2025"]  # newest first
    assert begun_periods(upper) == ["2025-Q4", "2025"]  # 2026-Q1 is due in April
    assert opening_period(upper) == "2025-Q4"
    counts = {period: {s: n for s, n in tally.items() if n} for period, tally in history(upper)}
    assert list(counts) == ["2025", "2025-Q4"]  # oldest first, as the chart draws them
    assert counts["2025"] == {
        Standing.ON_TIME: 4, Standing.LATE: 2, Standing.RESUBMITTED: 1,
        Standing.RETURNED: 1, Standing.INVALID: 1, Standing.MISSING: 1,
    }  # fmt: skip
    assert counts["2025-Q4"] == {
        Standing.ON_TIME: 5, Standing.LATE: 1, Standing.MISSING: 3, Standing.HELD: 1
    }  # fmt: skip
    assert history(upper, most=1) == history(upper)[-1:]


def test_the_offices_to_chase_come_with_why_and_whom_to_call(upper):
    chased = to_chase(upper, "2025")
    assert [(c.office.name, c.standing) for c in chased] == [
        ("Vĩnh Bảo", Standing.MISSING),
        ("Cát Hải", Standing.INVALID),
        ("Thủy Nguyên", Standing.RETURNED),
        ("An Lão", Standing.LATE),
        ("Kiến Thụy", Standing.LATE),
    ]
    why = {c.office.name: c.why for c in chased}
    assert why["Vĩnh Bảo"] == "Chưa gửi; quá hạn 39 ngày (hạn 20/12/2025)"
    assert why["Cát Hải"].startswith("Gói nhận lúc 18/12/2025 09:00 không hợp lệ: ")
    assert "bao_cao.xlsx" in why["Cát Hải"] and why["Cát Hải"].endswith("gửi lại gói hợp lệ")
    assert why["Thủy Nguyên"] == "Lần 1 đã trả lại để chỉnh sửa; chờ đơn vị gửi lần sau"
    assert why["An Lão"] == "Gửi trễ 2 ngày (nhận lúc 22/12/2025 09:00)"
    assert chased[0].contact == Contact("Bùi Thị Mai", "0936 555 010", "ubnd@vinhbao.gov.vn")
    quarter = {c.office.name: c for c in to_chase(upper, "2025-Q4")}
    assert list(quarter) == ["Cát Hải", "Tiên Lãng", "Vĩnh Bảo", "Bạch Long Vĩ", "Kiến Thụy"]
    assert quarter["Bạch Long Vĩ"].why.startswith("Gói lần 1 ký bằng chứng thư mới (Người ký mới")
    held = quarter["Bạch Long Vĩ"].row  # due by the province's date, not the package's
    assert held.due_on == "2026-01-20" and held.received_at
    assert not quarter["Tiên Lãng"].contact  # the roster holds none for it
    assert quarter["Tiên Lãng"].contact.describe() == "(chưa có người liên hệ)"
    coming = to_chase(upper, "2026-Q1")
    assert coming[0].why == "Chưa gửi; còn 82 ngày (hạn 20/04/2026)"


def _pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_list_to_chase_is_written_as_pdf_and_workbook(upper, tmp_path):
    """The window's function; the command line writes the same file."""
    pdf = save_document(upper, Export.CHASE, "2025", tmp_path / "can-nhac.pdf")
    text = _pdf_text(pdf)
    assert "DANH SÁCH ĐƠN VỊ CẦN NHẮC BÁO CÁO NĂM 2025" in text
    assert "(Tình hình đến ngày 28/01/2026; hạn nộp 20/12/2025; 5 trong 10 đơn vị phải" in text
    for line in ("Chưa gửi (1 đơn vị)", "Không hợp lệ (1 đơn vị)", "Trễ hạn (2 đơn vị)"):
        assert line in text
    assert "Xã Vĩnh Bảo" in text and "0936 555 010" in text and "ubnd@vinhbao.gov.vn" in text
    book = load_workbook(save_document(upper, Export.CHASE, "2025", tmp_path / "can-nhac.xlsx"))
    sheet = book["Đơn vị cần nhắc"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows.index(["STT", "Đơn vị", "Tình hình", "Người liên hệ", "Điện thoại",
                         "Thư điện tử"])  # fmt: skip
    assert rows[header + 1][0] == "Chưa gửi (1 đơn vị)"
    assert rows[header + 2] == [
        1, "Xã Vĩnh Bảo", "Chưa gửi; quá hạn 39 ngày (hạn 20/12/2025)", "Bùi Thị Mai",
        "0936 555 010", "ubnd@vinhbao.gov.vn",
    ]  # fmt: skip
    assert [r[0] for r in rows if isinstance(r[0], int)] == [1, 2, 3, 4, 5]
    consolidated = save_document(upper, Export.CONSOLIDATED, "2025", tmp_path / "tong-hop.pdf")
    assert "TỔNG HỢP KẾT QUẢ THỰC HIỆN NĂM 2025" in _pdf_text(consolidated)


def test_consolidate_writes_the_list_to_chase(built, tmp_path, capsys):
    db = built.copy(tmp_path / "tinh")
    out = tmp_path / "can-nhac.pdf"
    args = ["--db", str(db), "consolidate", "--period", "2025-Q4", "--out", str(out)]
    assert main([*args, "--chase"]) == 0
    assert f"Đã lập danh sách đơn vị cần nhắc quý IV năm 2025: {out}" in capsys.readouterr().out
    text = _pdf_text(out)
    assert "DANH SÁCH ĐƠN VỊ CẦN NHẮC BÁO CÁO QUÝ IV NĂM 2025" in text
    assert "Người ký mới — cần xác nhận (1 đơn vị)" in text and "Ngô Đức Long" in text
    assert main(args) == 0
    assert "Đã lập báo cáo tổng hợp quý IV năm 2025" in capsys.readouterr().out


ROSTER = (
    "Tên đơn vị;Cấp;Mã định danh;Người liên hệ;Điện thoại;Thư điện tử\n"
    "Trần Liêu;phường;H31.01;Nguyễn  Thị Hoa;0225 3842 101;vp@tranlieu.gov.vn\n"
    "An Lão;xã;H31.03;;;\n"
)


def test_the_roster_keeps_whom_to_call(tmp_path, capsys):
    roster = tmp_path / "ds.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    entries = read_roster(roster)
    assert entries[0].contact == Contact("Nguyễn Thị Hoa", "0225 3842 101", "vp@tranlieu.gov.vn")
    assert entries[1].contact == Contact()  # the columns are there, empty: said to be none
    wrong = tmp_path / "sai.csv"
    wrong.write_text(ROSTER.replace("vp@tranlieu.gov.vn", "0225 3842 101"), encoding="utf-8")
    with pytest.raises(InvalidInput, match="Dòng 2: Thư điện tử «0225 3842 101» không đúng"):
        read_roster(wrong)
    db = tmp_path / "tinh.db"
    with Workspace.open(db, create=True) as ws:
        ws.office.save("Hải Phòng", "tinh")
        ws.receiving.set_roster(entries)
        names_only = tmp_path / "ten.csv"  # no contact columns: the contacts stay
        names_only.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,H31.01\n", "utf-8")
        [entry] = read_roster(names_only)
        assert entry.contact is None
        ws.receiving.set_roster([entry])
        offices = {o.name: o for o in ws.receiving.roster()}
        assert offices["Trần Liêu"].contact.person == "Nguyễn Thị Hoa"
        assert not offices["An Lão"].contact
    assert main(["--db", str(db), "roster", "--contact", "An Lão", "--person", "Phạm Thu Trang",
                 "--phone", "0912 345 678"]) == 0  # fmt: skip
    said = capsys.readouterr().out
    assert "Người liên hệ của xã An Lão: Phạm Thu Trang, 0912 345 678" in said
    assert main(["--db", str(db), "roster", "--contact", "H31.01", "--email", ""]) == 0
    assert main(["--db", str(db), "roster", "--contact", "H31.01", "--phone", "gọi sau"]) == 1
    assert "Điện thoại «gọi sau» không có chữ số nào." in capsys.readouterr().err
    assert main(["--db", str(db), "roster", "--person", "Ai đó"]) == 1
    with Workspace.open(db) as ws:
        offices = {o.name: o for o in ws.receiving.roster()}
    assert offices["An Lão"].contact == Contact("Phạm Thu Trang", "0912 345 678", "")
    assert offices["Trần Liêu"].contact == Contact("Nguyễn Thị Hoa", "0225 3842 101", "")


def test_the_next_period_to_expect_and_its_usual_due_date(upper):
    assert next_to_expect(upper) == PeriodId.parse("2026-Q2")  # after 2026-Q1, of its kind
    assert suggested_due(upper, PeriodId.parse("2025-Q4")).isoformat() == "2026-01-20"  # as set
    assert suggested_due(upper, PeriodId.parse("2026-Q2")).isoformat() == "2026-06-20"  # NĐ 09
