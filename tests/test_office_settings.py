"""The office corrected after it was created (issue 25, point 3): the one service call the
window's form and the command line's `init` both make, what the level above must then be
told, and how to put a problem right said in the window's words there and in the
command's on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from demo_packages import CLOCK, demo_package

from desktop.cli import main
from desktop.domain.model import OfficeLevel
from desktop.errors import InvalidInput, UserError
from desktop.services.office import level_choices
from desktop.signing import pkcs11_paths
from desktop.workspace import Workspace

TELL_ABOVE = (
    "Cơ quan đã gửi 1 gói báo cáo lên cấp trên với tên UBND phường Trần Liêu. Cấp trên nhận "
    "ra cơ quan gửi theo mã định danh, không có mã thì theo cấp và tên: hãy báo cấp trên sửa "
    "danh sách đơn vị báo cáo thành UBND phường Hải An (mã định danh 000.00.31.H41) để các "
    "gói gửi sau được nhận."
)


def test_a_bad_agency_code_is_refused_by_the_call_both_make(ws):
    with pytest.raises(InvalidInput, match=r"^Mã định danh «000 00» chỉ gồm chữ số"):
        ws.office.save("Hưng Nguyên", "xa", agency_code="000 00")
    assert ws.office.get() is None
    saved = ws.office.save("Hưng Nguyên", "xa", agency_code=" 000.00.27.H40 ")
    assert saved.agency_code == "000.00.27.H40"


def test_a_commune_is_offered_a_communes_levels_and_the_level_above_its_own():
    commune = (OfficeLevel.XA, OfficeLevel.PHUONG, OfficeLevel.DAC_KHU)
    assert level_choices(OfficeLevel.DAC_KHU) == commune
    above = (OfficeLevel.TINH, OfficeLevel.HUYEN)
    assert level_choices(OfficeLevel.TINH) == level_choices(OfficeLevel.HUYEN) == above
    assert level_choices() == commune + above  # a database being made may be either


@pytest.fixture
def sent(tmp_path, demo_files) -> Path:
    """Phường Trần Liêu's demo, its 2025 report sent up in a package."""
    demo_package(demo_files, tmp_path, evidence=False)
    return tmp_path / "tl.db"


def test_renaming_after_sending_says_what_to_tell_the_level_above(sent):
    with Workspace.open(sent, clock=lambda: CLOCK) as ws:
        before = ws.office.get()
        moved = ws.office.save("Trần Liêu", "phuong", parent_name="thành phố Hải Phòng mới")
        assert ws.office.renaming_note(before, moved) == ""  # still known as it was
        renamed = ws.office.save("Hải An", "phuong", "000.00.31.H41", moved.parent_name)
        assert ws.office.renaming_note(moved, renamed) == TELL_ABOVE


def test_nothing_to_tell_when_nothing_was_sent(demo_ws):
    before = demo_ws.office.get()
    after = demo_ws.office.save("Hải An", "xa", "000.00.31.H41")
    assert demo_ws.office.renaming_note(before, after) == ""
    assert demo_ws.office.renaming_note(None, after) == ""


def test_init_says_it_too(sent, capsys):
    args = ["--db", str(sent), "init", "--name", "Hải An", "--level", "phuong"]
    assert main([*args, "--agency-code", "000.00.31.H41"]) == 0
    out = capsys.readouterr().out
    assert TELL_ABOVE in out and "Đã sẵn sàng cơ sở dữ liệu cho UBND phường Hải An" in out


# The way to put it right: the window's in the message, the command's on the command line


def test_a_missing_database_names_the_file_menu_there_and_init_on_the_command_line(
    tmp_path, capsys
):
    empty = tmp_path / "trong.db"
    empty.write_bytes(b"")
    with pytest.raises(UserError) as raised:
        Workspace.open(empty)
    assert str(raised.value) == (
        f"Chưa có cơ sở dữ liệu ở «{empty}». Tạo mới ở Tệp → Tạo cơ sở dữ liệu mới…, hoặc "
        "xem dữ liệu mẫu ở Tệp → Mở dữ liệu mẫu."
    )
    assert main(["--db", str(empty), "status"]) == 1
    err = capsys.readouterr().err
    assert f"Chưa có cơ sở dữ liệu ở «{empty}». Tạo mới bằng lệnh init" in err
    assert "Tệp →" not in err


def test_a_sentence_without_a_due_day_names_the_kinds_row_or_require(plan, ws):
    with pytest.raises(InvalidInput) as raised:
        ws.schedule.require_from_text(plan.id, "Báo cáo định kỳ hằng quý")
    said = "«Báo cáo định kỳ hằng quý» không ghi hạn gửi báo cáo quý."
    assert str(raised.value) == (
        f"{said} Chọn báo cáo quý ở dòng «Hoặc từng loại», ghi hạn ở ô «đơn vị gửi» rồi bấm «Đặt»."
    )
    assert raised.value.for_command_line() == f"{said} Đặt hạn bằng --require quy --due NGÀY."
    assert ws.schedule.entries(plan.id) == []


def test_two_token_libraries_name_the_field_there_and_the_option_on_the_command_line(tmp_path):
    folder = tmp_path / "Windows" / "System32"
    folder.mkdir(parents=True)
    for name in ("eTPKCS11.dll", "vnpt-ca_csp11.dll"):
        (folder / name).write_bytes(b"MZ")
    env = {"SystemRoot": str(tmp_path / "Windows"), "SystemDrive": str(tmp_path)}
    with pytest.raises(InvalidInput) as raised:
        pkcs11_paths.find_pkcs11_library("win32", env)
    assert str(raised.value).endswith(". Chọn một ở ô «Thư viện token».")
    assert raised.value.for_command_line().endswith(". Chọn một bằng --pkcs11-lib TỆP.")
    assert "--pkcs11-lib" not in str(raised.value)
