"""Importing annexes: both formats read to the same plan, every quirk of real files, all
or nothing, and bad files refused in Vietnamese."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from annex_files import GROUP_OF_UNITS, KNOWN_UNITS, TASK_COUNT, write_docx, write_xlsx

from desktop.errors import InvalidInput
from desktop.importing import understand, write


@pytest.fixture
def office(ws):
    ws.office.save("Hưng Nguyên", "xa", parent_name="tỉnh Nghệ An")
    for name in KNOWN_UNITS:
        ws.units.add(name)
    return ws


# Rows of each item: (.xlsx sheet row, .docx table row counting the header).
ROWS = {
    "I": (7, 3), "I.1": (8, 4), "I.2": (9, 5), "I.3": (12, 8),
    "II": (15, 11), "II.1": (16, 12), "4.5": (17, 13),
}  # fmt: skip


@pytest.fixture(params=["xlsx", "docx"])
def annex(request, tmp_path):
    kind = request.param
    path = tmp_path / f"phu_luc.{kind}"
    (write_xlsx if kind == "xlsx" else write_docx)(path)
    return kind, path


def tasks_by_code(found) -> dict:
    return {t["code"]: t for s in found["sections"] for t in s["tasks"]}


def test_header_columns_and_plan_facts_are_found(office, annex):
    kind, path = annex
    found = understand(office, path).to_json()
    assert found["source"]["header_row"] == (5 if kind == "xlsx" else 1)
    assert found["source"]["columns"] == {
        "stt": "TT",
        "title": "Nội dung nhiệm vụ",
        "deadline": "Thời hạn",
        "lead": "Đơn vị chủ trì",
        "coordinate": "Đơn vị phối hợp",
        "product": "Kết quả/sản phẩm",
        "note": "Ghi chú",
    }
    assert found["plan"] == {
        "number": "15/KH-UBND",
        "issued_on": "2026-01-10",
        "issuer": "UBND xã Hưng Nguyên",
        "summary": "CÁC NHIỆM VỤ GIAO CHO CÁC CƠ QUAN, ĐƠN VỊ THỰC HIỆN KẾ HOẠCH CHUYỂN ĐỔI SỐ "
        "NĂM 2026",
        "start_year": 2026,
        "end_year": 2030,
    }
    assert found["errors"] == [] and found["written"] is False


def test_sections_tasks_and_rows(office, annex):
    kind, path = annex
    column = 0 if kind == "xlsx" else 1
    found = understand(office, path).to_json()
    sections = found["sections"]
    assert [(s["code"], s["title"], s["row"]) for s in sections] == [
        ("I", "NÂNG CAO NHẬN THỨC VỀ CHUYỂN ĐỔI SỐ", ROWS["I"][column]),
        ("II", "HOÀN THIỆN THỂ CHẾ", ROWS["II"][column]),
    ]
    tasks = tasks_by_code(found)
    assert list(tasks) == ["I.1", "I.2", "I.3", "II.1", "4.5"]
    assert len(tasks) == TASK_COUNT
    assert {code: t["row"] for code, t in tasks.items()} == {
        code: rows[column] for code, rows in ROWS.items() if code not in ("I", "II")
    }


def test_text_is_tidied_and_continuations_joined(office, annex):
    tasks = tasks_by_code(understand(office, annex[1]).to_json())
    assert tasks["I.1"]["title"] == "Tuyên truyền về chuyển đổi số trên hệ thống loa"
    assert tasks["I.2"]["title"] == (
        "Tổ chức hội nghị quán triệt Nghị quyết 57-NQ/TW cho cán bộ chủ chốt của xã"
    )
    assert tasks["I.3"]["title"] == (
        "Phổ cập kỹ năng số cho người dân:\na) Hướng dẫn cài đặt VNeID\n"
        "- Hướng dẫn thanh toán không dùng tiền mặt"
    )
    assert tasks["I.3"]["note"] == "Ghi chú có khoảng trắng"
    # Decomposed (NFD) text in the file comes out composed.
    assert tasks["II.1"]["title"] == "Rà soát thủ tục hành chính trực tuyến"
    assert len(tasks["II.1"]["title"]) == len("Rà soát thủ tục hành chính trực tuyến")


def test_deadlines_are_read(office, annex):
    tasks = tasks_by_code(understand(office, annex[1]).to_json())
    reading = {c: (t["deadline_text"], t["due_date"], t["recurrence"]) for c, t in tasks.items()}
    assert reading == {
        "I.1": ("Thường xuyên", None, "continuous"),
        "I.2": ("Quý I/2026", "2026-03-31", "none"),
        "I.3": ("Năm 2026", "2026-12-31", "none"),
        "II.1": ("30/06/2026", "2026-06-30", "none"),
        "4.5": ("Hằng năm", None, "year"),
    }


def test_units_are_split_only_where_the_office_knows_each_piece(office, annex):
    found = understand(office, annex[1]).to_json()
    tasks = tasks_by_code(found)
    assert tasks["I.1"]["coordinate"] == ["Công an xã", "Văn phòng HĐND và UBND"]
    assert tasks["I.2"]["coordinate_text"] == "Phòng Văn hóa - Xã hội, Công an xã"
    assert tasks["I.2"]["coordinate"] == ["Phòng Văn hóa - Xã hội", "Công an xã"]
    assert tasks["I.3"]["lead"] == ["Đoàn Thanh niên xã", "Hội Phụ nữ xã"]
    assert tasks["I.3"]["coordinate"] == [GROUP_OF_UNITS]  # one group, commas and all
    new = [w["message"] for w in found["warnings"]]
    assert new == [
        "Cơ quan «Đoàn Thanh niên xã» chưa có trong danh sách: sẽ được thêm mới.",
        "Cơ quan «Hội Phụ nữ xã» chưa có trong danh sách: sẽ được thêm mới.",
        f"Cơ quan «{GROUP_OF_UNITS}» chưa có trong danh sách: sẽ được thêm mới.",
    ]


def test_a_list_of_bodies_is_split_even_when_the_office_has_none_of_them():
    """Seed 001, mục V.3, "Don vi chu tri": "Cac phong chuyen mon, Trung tam hanh chinh
    cong phuong" is a group and a centre, two leads; a group whose commas join its own
    words, a name with "và" in it, and a unit the office knows stay whole."""
    from desktop.importing.unit_names import UnitNames

    units = UnitNames(["Phòng Kinh tế, Hạ tầng và Đô thị", "Văn phòng HĐND và UBND"])
    assert units.read("Các phòng chuyên môn, Trung tâm hành chính công phường")[0] == [
        "Các phòng chuyên môn",
        "Trung tâm hành chính công phường",
    ]
    for whole in (
        "Các cơ quan, đơn vị thuộc UBND xã",  # seed 004, every task
        "Các phòng, ban, ngành, đơn vị thuộc phường",
        "Văn phòng HĐND và UBND",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Trung tâm Văn hóa, Thể thao và Truyền thông",
    ):
        assert units.read(whole)[0] == [whole]


def test_units_match_whatever_the_spelling(office, tmp_path):
    from annex_files import TASK_ROWS

    rows = [list(r) if isinstance(r, list) else r for r in TASK_ROWS]
    rows[1][3] = "PHÒNG VĂN HOÁ-XÃ HỘI"  # capitals, 'hoá', no spaces round the dash
    found = understand(office, write_xlsx(tmp_path / "a.xlsx", task_rows=rows)).to_json()
    assert tasks_by_code(found)["I.1"]["lead"] == ["Phòng Văn hóa - Xã hội"]


def test_indicators_with_a_two_row_header_and_year_columns(office, annex):
    found = understand(office, annex[1]).to_json()
    groups = found["indicator_groups"]
    assert [(g["code"], g["title"]) for g in groups] == [
        ("I", "CHÍNH QUYỀN SỐ"),
        ("II", "KINH TẾ SỐ"),
    ]
    first = groups[0]["indicators"][0]
    assert first["name"] == "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình"
    assert first["unit_of_measure"] == "%"
    assert first["targets"] == [{"year": 2026, "text": "≥ 60%"}, {"year": 2030, "text": "100%"}]
    assert first["lead"] == ["Văn phòng HĐND và UBND"]
    assert groups[1]["indicators"][0]["targets"] == [{"year": 2030, "text": "≥ 80%"}]


def test_writing_creates_the_plan_in_one_change(office, annex):
    understood = understand(office, annex[1])
    before = office.db.execute("SELECT max(txn) FROM audit_log").fetchone()[0]
    plan = write(office, understood)
    assert understood.to_json()["written"] is True
    tasks = office.tasks.list(plan.id)
    assert [t.code for t in tasks] == ["I.1", "I.2", "I.3", "II.1", "4.5"]
    assert tasks[1].deadline.milestone.isoformat() == "2026-03-31"
    assert [u.name for u in tasks[2].coordinators] == [GROUP_OF_UNITS]
    assert len(office.indicators.list(plan.id)) == 3
    after = office.db.execute("SELECT max(txn) FROM audit_log").fetchone()[0]
    assert after == before + 1  # units, plan, sections, tasks, indicators: one change
    operation = office.db.execute(
        "SELECT DISTINCT operation FROM audit_log WHERE txn = ?", [after]
    ).fetchall()
    assert operation == [(f"Nhập kế hoạch 15/KH-UBND từ tệp {annex[1].name}",)]


def test_any_error_writes_nothing_and_lists_every_row(office, tmp_path):
    from annex_files import TASK_ROWS

    rows = [list(r) if isinstance(r, list) else r for r in TASK_ROWS]
    rows[1][1] = ""  # I.1 without a title
    rows[2][0] = 1  # I.2 numbered 1 again
    rows[9][3] = ""  # II.1 without a lead unit
    path = write_xlsx(tmp_path / "loi.xlsx", task_rows=rows)
    understood = understand(office, path)
    errors = [(e.row, e.column, e.message) for e in understood.errors]
    assert errors == [
        (8, "title", "Nhiệm vụ không có tên."),
        (9, "stt", "Số thứ tự 1 trùng trong mục I."),
        (16, "lead", "Nhiệm vụ chưa có cơ quan chủ trì."),
    ]
    units = len(office.units.list())
    with pytest.raises(InvalidInput, match="3 lỗi"):
        write(office, understood)
    assert office.plans.list() == [] and len(office.units.list()) == units


def test_facts_given_by_the_clerk_win_and_a_plan_is_not_imported_twice(office, annex):
    understood = understand(
        office, annex[1], number="99/KH-UBND", issued_on="2026-02-01", issuer="UBND xã Test"
    )
    assert (understood.plan.number, understood.plan.issued_on.isoformat()) == (
        "99/KH-UBND",
        "2026-02-01",
    )
    write(office, understood)
    again = understand(office, annex[1], number="99/KH-UBND")
    assert [e.message for e in again.errors] == [
        "Tệp không khác gì kế hoạch số 99/KH-UBND đang có: không có gì để nhập."
    ]


def test_no_number_in_the_file_asks_for_one(office, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])
    book.active.append([1, "Nhiệm vụ một", "Công an xã", "Tháng 5/2026"])
    book.save(tmp_path / "tran.xlsx")
    understood = understand(office, tmp_path / "tran.xlsx")
    messages = [e.message for e in understood.errors]
    assert messages == [
        "Không thấy số ký hiệu kế hoạch trong tệp: hãy nhập số ký hiệu.",
        "Không thấy ngày ban hành kế hoạch trong tệp: hãy nhập ngày ban hành.",
    ]
    fixed = understand(office, tmp_path / "tran.xlsx", number="3/KH", issued_on="02/03/2026")
    assert fixed.errors == [] and fixed.task_count == 1


# Bad files -------------------------------------------------------------------------------


def _zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "định dạng cũ (.xls)"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "lưu lại thành .docx"),
        (
            "mat_khau.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            "được đặt mật khẩu",
        ),
        ("hong.xlsx", b"PK\x03\x04 not really a zip", "không phải tệp .xlsx hợp lệ"),
        ("van_ban.txt", b"STT;Ten", "chỉ nhận bảng tính .xlsx hoặc văn bản .docx"),
        ("rong.xlsx", b"", "rỗng"),
    ],
)
def test_bad_files_are_refused_in_vietnamese(office, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=re.escape(message)):
        understand(office, path)


def test_a_zip_bomb_is_not_opened(office, tmp_path):
    with pytest.raises(InvalidInput, match="không mở để tránh treo máy"):
        understand(office, _zip_bomb(tmp_path / "bom.xlsx"))


def test_a_huge_file_is_refused(office, tmp_path):
    path = tmp_path / "to.xlsx"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)
    with pytest.raises(InvalidInput, match="quá lớn cho một phụ lục"):
        understand(office, path)


def test_a_table_of_something_else_is_not_an_annex(office, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Họ và tên", "Ngày sinh", "Địa chỉ"])
    book.active.append(["Nguyễn Văn A", "01/01/1990", "Hưng Nguyên"])
    book.save(tmp_path / "danh_sach.xlsx")
    understood = understand(office, tmp_path / "danh_sach.xlsx")
    assert understood.errors[0].message.startswith("Không tìm thấy bảng nhiệm vụ hoặc chỉ tiêu")


def test_the_json_is_plain_data(office, annex):
    assert json.loads(json.dumps(understand(office, annex[1]).to_json()))


def test_a_group_named_for_its_milestone_gives_the_single_target_column_its_year(office, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Phụ lục I (Kèm theo Kế hoạch số 8/KH-UBND ngày 03/02/2026)"])
    sheet.append(["Số TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả theo dõi, đánh giá"])
    sheet.append(["I", "Đến năm 2030"])
    sheet.append([1, "Tỷ lệ dân số có danh tính số", "%", "≥ 90%"])
    sheet.append(["II", "Đến năm 2045"])
    sheet.append([1, "Tỷ lệ dân số có danh tính số", "%", "100%"])
    sheet.append(["III", "Chỉ tiêu khác"])
    sheet.append([1, "Số nền tảng số dùng chung", "nền tảng", "5"])
    book.save(tmp_path / "moc.xlsx")
    understood = understand(office, tmp_path / "moc.xlsx")
    groups = understood.to_json()["indicator_groups"]
    assert [g["indicators"][0]["targets"] for g in groups[:2]] == [
        [{"year": 2030, "text": "≥ 90%"}],
        [{"year": 2045, "text": "100%"}],
    ]
    # The third group names no year and the table has no year column: said, by row.
    assert [(e.row, e.column) for e in understood.errors] == [(8, "target")]
    assert understood.errors[0].message.startswith("Không rõ mục tiêu thuộc năm nào")


def test_the_clerk_can_say_what_each_column_holds(office, tmp_path):
    from openpyxl import Workbook

    from desktop.importing import Layout

    # Headers nobody would guess: the reader finds no header at all.
    book = Workbook()
    sheet = book.active
    sheet.title = "Giao việc"
    sheet.append(["Kế hoạch số 4/KH-UBND ngày 02/02/2026"])
    sheet.append(["Số", "Việc phải làm", "Ai làm", "Khi nào xong"])
    sheet.append([1, "Lập danh mục dữ liệu mở", "Công an xã", "Tháng 4/2026"])
    book.save(tmp_path / "la.xlsx")
    assert (
        understand(office, tmp_path / "la.xlsx").errors[0].message.startswith("Không tìm thấy bảng")
    )
    roles = {"stt": 0, "title": 1, "lead": 2, "deadline": 3}
    understood = understand(office, tmp_path / "la.xlsx", layouts={"Giao việc": Layout(2, roles)})
    found = understood.to_json()
    assert found["errors"] == []
    assert found["source"]["columns"] == {
        "stt": "Số",
        "title": "Việc phải làm",
        "lead": "Ai làm",
        "deadline": "Khi nào xong",
    }
    [task] = tasks_by_code(found).values()
    assert (task["title"], task["lead"], task["due_date"]) == (
        "Lập danh mục dữ liệu mở",
        ["Công an xã"],
        "2026-04-30",
    )
