"""`forms` and `take-forms` as a clerk runs them, in a real subprocess: the forms written,
one filled in as a unit would, taken back; nothing written while anything is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_cli import run

from desktop.unit_forms.layout import HEADER_ROW, SHEETS, STATUS_LABELS, TASK_SHEET, position
from desktop.workspace import Workspace

CA = "phieu-tien-do_2025-Q4_cong-an-phuong.xlsx"


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "x.db"
    result = run("--db", str(path), "demo")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def forms(demo_db, tmp_path) -> Path:
    folder = tmp_path / "phieu"
    result = run("--db", str(demo_db), "forms", "--period", "2025-Q4", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert "Đã lập phiếu báo cáo tiến độ quý IV năm 2025 cho 6 cơ quan, đơn vị" in result.stdout
    return folder


def fill(path: Path, code: str, **fields: object) -> None:
    book = load_workbook(path)
    sheet = book[TASK_SHEET]
    row = next(
        r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(r, 2).value == code
    )
    for field, value in fields.items():
        sheet.cell(row, position(SHEETS[TASK_SHEET], field)).value = value
    book.save(path)


def status(db: Path) -> dict:
    result = run("--db", str(db), "status", "--period", "2025-Q4", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_forms_for_one_unit_and_help_in_vietnamese(demo_db, tmp_path):
    result = run(
        "--db", str(demo_db), "forms", "--period", "2025-Q4", "--unit", "cong an phuong",
        "--out", str(tmp_path / "mot"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "mot").iterdir()] == [CA]
    helped = run("take-forms", "--help")
    assert "Đọc từng phiếu, so với số liệu văn phòng đã ghi" in helped.stdout
    assert "--prefer {don-vi,van-phong}" in helped.stdout


def test_a_clean_form_is_taken_and_the_same_file_again_is_a_no_op(demo_db, forms):
    fill(forms / CA, "V.10", status=STATUS_LABELS[1], percent=35, result="Tập huấn 2 đợt")
    before = status(demo_db)

    dry = run("--db", str(demo_db), "take-forms", str(forms / CA), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "[Ghi mới]: Đang thực hiện, 35%; Kết quả: Tập huấn 2 đợt" in dry.stdout
    assert status(demo_db) == before  # the dry run wrote nothing

    taken = run("--db", str(demo_db), "take-forms", str(forms / CA))
    assert taken.returncode == 0, taken.stderr
    assert f"«{CA}» (Công an phường): ghi 1 dòng" in taken.stdout
    again = run("--db", str(demo_db), "take-forms", str(forms / CA), "--json")
    assert again.returncode == 0, again.stderr
    said = json.loads(again.stdout)
    assert said["forms"][0]["already"].endswith("không ghi lại.")
    assert said["taken"] == []


def test_nothing_is_written_while_a_file_or_a_row_is_wrong(demo_db, forms, tmp_path):
    fill(forms / CA, "V.10", status=STATUS_LABELS[1], percent=35)
    fill(forms / CA, "V.13", status="Xong")
    garbage = tmp_path / "rac.xlsx"
    garbage.write_bytes(b"not a workbook")
    before = status(demo_db)
    result = run("--db", str(demo_db), "take-forms", str(forms / CA), str(garbage))
    assert result.returncode == 1
    assert "    cột «Tình trạng»: «Xong» không có trong danh sách tình trạng" in result.stdout
    assert "Tệp «rac.xlsx» không phải bảng tính .xlsx" in result.stdout
    assert "Lỗi: Không ghi gì: 1 tệp không nhận được. 1 lỗi trong các phiếu" in result.stderr
    assert status(demo_db) == before


def test_conflicts_need_a_preference(demo_db, forms):
    fill(forms / CA, "V.10", status=STATUS_LABELS[1], percent=35)
    with Workspace.open(demo_db) as ws:  # the office records V.10 after the form went out
        task = next(t for t in ws.tasks.list(ws.plans.current().id) if t.code == "V.10")
        ws.progress.record(task.id, "2025-Q4", "dang_thuc_hien", 20)
    refused = run("--db", str(demo_db), "take-forms", str(forms / CA))
    assert refused.returncode == 1
    assert (
        "[Khác số liệu đã ghi: cần chọn]: Đang thực hiện, 35% (văn phòng đang ghi: Đang "
        "thực hiện, 20%) — Văn phòng đã ghi lại sau khi lập phiếu" in refused.stdout
    )
    assert "chọn --prefer don-vi hoặc --prefer van-phong" in refused.stderr
    kept = run("--db", str(demo_db), "take-forms", str(forms / CA), "--prefer", "van-phong")
    assert kept.returncode == 0, kept.stderr
    assert "giữ số liệu văn phòng 1 dòng" in kept.stdout
