"""Units report back by workbook (issue 27): each unit's progress form written, filled in
as a unit would (openpyxl, and through a LibreOffice re-save), taken back with a preview;
what was filled in is recorded, nothing else, audited as the unit's; bad files and bad
rows are said in Vietnamese and nothing of them is written.

LibreOffice is a test tool here, as in tests/test_workbook_prints.py: scripts/setup.sh
dev installs it; a machine without it fails the test that needs it."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from demo_files import ACTOR
from openpyxl import Workbook, load_workbook

from desktop.demo import build_demo
from desktop.documents.assignment_annex import annexed_units
from desktop.errors import InvalidInput
from desktop.unit_forms.layout import (
    HEADER_ROW,
    INDICATOR_SHEET,
    INFO_SHEET,
    SHEETS,
    STATUS_LABELS,
    TASK_SHEET,
    position,
)
from desktop.unit_forms.preview import Action, preview
from desktop.unit_forms.take import Choice, forms_returned, take
from desktop.unit_forms.write import form_name, write_forms
from desktop.workspace import Workspace

VH = "Phòng Văn hóa - Xã hội"
CA = "Công an phường"
IN_PROGRESS, DONE = STATUS_LABELS[1], STATUS_LABELS[2]


# Helpers ------------------------------------------------------------------------------


@pytest.fixture
def plan(demo_ws):
    return demo_ws.plans.current()


def written(ws: Workspace, plan, period: str, folder: Path, unit: str | None = None) -> dict:
    """The forms of the period, by unit name."""
    chosen = ws.periods.get(period, plan.id)
    paths = write_forms(ws, plan, chosen, folder, unit)
    names = {form_name(chosen, g.unit.name): g.unit.name for g in annexed_units(ws, plan)}
    return {names[p.name]: p for p in paths}


def rows_by_code(path: Path, sheet: str = TASK_SHEET) -> dict[str, int]:
    book = load_workbook(path)
    found = {}
    for row in range(HEADER_ROW + 1, book[sheet].max_row + 1):
        key, code = book[sheet].cell(row, 1).value, book[sheet].cell(row, 2).value
        if key:
            found.setdefault(code, row)
    return found


def fill(path: Path, filled: dict[str, dict[str, object]], sheet: str = TASK_SHEET) -> None:
    """Write into the rows numbered `code` ({code: {field: value}}) as a unit would."""
    book = load_workbook(path)
    where = rows_by_code(path, sheet)
    for code, fields in filled.items():
        for field, value in fields.items():
            book[sheet].cell(where[code], position(SHEETS[sheet], field)).value = value
    book.save(path)


def indicator_row(path: Path, indicator_id: int) -> int:
    sheet = load_workbook(path)[INDICATOR_SHEET]
    return next(
        r for r in range(HEADER_ROW + 1, sheet.max_row + 1)
        if sheet.cell(r, 1).value == f"i{indicator_id}"
    )  # fmt: skip


def reports(ws: Workspace, period: str) -> dict[str, tuple]:
    """The period's progress reports by task code (with its turn, for a recurring task)."""
    cursor = ws.db.execute(
        "SELECT t.code || iif(p.occurrence = '', '', '@' || p.occurrence), p.status, "
        "p.percent, p.completed_on, p.result, p.difficulties, p.proposals "
        "FROM task_progress p JOIN tasks t ON t.id = p.task_id WHERE p.period_id = ?",
        [period],
    )
    return {row[0]: tuple(row[1:]) for row in cursor}


def libreoffice_resave(path: Path, folder: Path) -> Path:
    """The workbook opened and saved again as .xlsx by LibreOffice (headless)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: scripts/setup.sh dev installs it"
    out = folder / "resaved"
    out.mkdir(exist_ok=True)
    profile = folder / "libreoffice"  # its own, so that no other LibreOffice holds it
    subprocess.run(
        [
            soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", "xlsx", "--outdir", str(out), str(path),
        ],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    made = out / path.name
    assert made.exists(), "LibreOffice wrote no workbook"
    return made


def only(previews):
    (form,) = previews
    return form


def by_code(form):
    return {row.code: row for row in form.rows}


# The round trip -----------------------------------------------------------------------


def test_the_forms_hold_what_each_unit_reports_on_and_print_ready(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    assert set(forms) == {g.unit.name for g in annexed_units(demo_ws, plan)}
    assert all(p.name.isascii() for p in forms.values())
    book = load_workbook(forms[VH])
    assert book.sheetnames == [TASK_SHEET, INDICATOR_SHEET, INFO_SHEET]
    assert book[INFO_SHEET].sheet_state == "veryHidden"
    tasks = book[TASK_SHEET]
    codes = list(rows_by_code(forms[VH]))
    assert codes[:5] == ["I.4", "I.5", "I.6", "I.7", "II.4"]  # led, then given to all
    assert "II.1" in codes and "I.1" not in codes  # I.1 is the Trung tâm Văn hóa's
    assert tasks.protection.sheet and not tasks.protection.password
    status = tasks.cell(HEADER_ROW + 2, position(SHEETS[TASK_SHEET], "status"))
    title = tasks.cell(HEADER_ROW + 2, position(SHEETS[TASK_SHEET], "title"))
    done_on = tasks.cell(HEADER_ROW + 2, position(SHEETS[TASK_SHEET], "completed_on"))
    assert not status.protection.locked and title.protection.locked
    assert done_on.number_format == "dd/mm/yyyy"
    lists = [v for v in tasks.data_validations.dataValidation if v.type == "list"]
    assert lists[0].formula1 == '"' + ",".join(STATUS_LABELS) + '"'
    assert tasks.page_setup.orientation == "landscape" and tasks.page_setup.fitToWidth == 1
    assert tasks.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert tasks.cell(HEADER_ROW + 2, 2).font.name == "Times New Roman"
    assert tasks.column_dimensions["A"].hidden  # the row keys


def test_a_unit_reporting_only_as_coordinator_gets_no_form(demo_ws, plan, tmp_path):
    section = demo_ws.plans.sections(plan.id)[0]
    demo_ws.units.add("Trạm Y tế phường", "nganh_doc")  # not the office's own
    demo_ws.tasks.add(section.id, "Phối hợp tuyên truyền", [VH], ["Trạm Y tế phường"])
    with pytest.raises(InvalidInput, match="chỉ phối hợp"):
        written(demo_ws, plan, "2026", tmp_path, "Trạm Y tế phường")


def test_filled_forms_come_back_as_exactly_what_was_filled(demo_ws, plan, tmp_path):
    """Two units fill part of their forms (statuses from the list, dates as date cells,
    texts, an indicator's value); the rows left empty stay as they were."""
    forms = written(demo_ws, plan, "2026", tmp_path)
    fill(forms[VH], {
        "I.4": {"status": IN_PROGRESS, "percent": 40, "result": "Đã rà soát 12 chức danh",
                "difficulties": "Thiếu kinh phí", "proposals": "Bổ sung dự toán"},
        "I.5": {"status": DONE, "completed_on": datetime(2026, 1, 12),
                "result": "Phát động ngày 12/01"},
        "II.4": {"status": STATUS_LABELS[0]},
        "V.1": {"status": IN_PROGRESS, "percent": 20},  # yearly: this year's turn
    })  # fmt: skip
    fill(forms[CA], {"V.10": {"status": IN_PROGRESS, "percent": 75}})
    indicator = next(i for i in demo_ws.indicators.list(plan.id) if i.leads[0].name == VH)
    book = load_workbook(forms[VH])
    book[INDICATOR_SHEET].cell(indicator_row(forms[VH], indicator.id), 7).value = 82.5
    book.save(forms[VH])
    before, marks = reports(demo_ws, "2026"), demo_ws.audit.last_id()

    said: list[tuple[int, int]] = []
    previews = preview(demo_ws, [forms[VH], forms[CA]], progress=lambda *n: said.append(n))
    assert said == [(1, 2), (2, 2)]
    vh, ca = previews
    assert (vh.count(Action.NEW), vh.count(Action.ERROR), ca.count(Action.NEW)) == (5, 0, 1)
    assert str(by_code(vh)["V.1"].key).endswith("@2026")
    assert (
        by_code(vh)["I.5"].figure_text
        == "Đã hoàn thành ngày 12/01/2026\nKết quả: Phát động ngày 12/01"
    )
    assert demo_ws.audit.last_id() == marks  # the preview wrote nothing
    result = take(demo_ws, previews)

    assert [(t.unit, t.recorded) for t in result.taken] == [(VH, 5), (CA, 1)]
    after = reports(demo_ws, "2026")
    assert after == {
        **before,
        "I.4": ("dang_thuc_hien", 40, None, "Đã rà soát 12 chức danh", "Thiếu kinh phí",
                "Bổ sung dự toán"),
        "I.5": ("hoan_thanh", 100, "2026-01-12", "Phát động ngày 12/01", "", ""),
        "II.4": ("chua_thuc_hien", 0, None, "", "", ""),
        "V.1@2026": ("dang_thuc_hien", 20, None, "", "", ""),
        "V.10": ("dang_thuc_hien", 75, None, "", "", ""),
    }  # fmt: skip
    values = demo_ws.indicators.values(plan.id, demo_ws.periods.get("2026", plan.id).id)
    assert {i: (v.value, v.value_text) for i, v in values.items()} == {indicator.id: (82.5, "")}
    labels = {e.operation for e in demo_ws.audit.entries(limit=100) if e.id > marks}
    assert labels == {
        f"Ghi tiến độ năm 2026 theo phiếu của {VH}",
        f"Ghi tiến độ năm 2026 theo phiếu của {CA}",
    }
    returned = {f.unit_name: f for f in forms_returned(demo_ws, plan.id, "2026")}
    assert returned[VH].returned_at == "2026-01-20T03:00:00Z" and returned[VH].forms == 1
    assert returned["Trung tâm Phục vụ hành chính công"].returned_at is None
    assert len(returned) == len(forms)


def test_a_form_resaved_by_libreoffice_comes_back_the_same(demo_ws, plan, tmp_path):
    """Filled, then opened and saved again by LibreOffice: a formula typed by the unit is
    read as the value LibreOffice computed; the hidden sheet, the keys and the dates
    survive; the file's new name does not matter."""
    forms = written(demo_ws, plan, "2026", tmp_path)
    fill(forms[CA], {
        "V.10": {"status": IN_PROGRESS, "percent": "=50+10", "result": "Tập huấn 3 đợt"},
        "V.13": {"status": DONE, "completed_on": datetime(2026, 1, 5)},
    })  # fmt: skip
    resaved = libreoffice_resave(forms[CA], tmp_path)
    renamed = resaved.rename(resaved.with_name("bao cao cong an.xlsx"))

    form = only(preview(demo_ws, [renamed]))
    assert form.errors == () and form.unit.name == CA
    assert {c: r.action for c, r in by_code(form).items() if r.action is not Action.EMPTY} == {
        "V.10": Action.NEW,
        "V.13": Action.NEW,
    }
    take(demo_ws, [form])
    assert reports(demo_ws, "2026") == {
        "V.10": ("dang_thuc_hien", 60, None, "Tập huấn 3 đợt", "", ""),
        "V.13": ("hoan_thanh", 100, "2026-01-05", "", "", ""),
    }


def test_the_same_file_twice_changes_nothing(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    fill(forms[CA], {"V.10": {"status": IN_PROGRESS, "percent": 75}})
    copy = shutil.copy(forms[CA], tmp_path / "gui-lai.xlsx")  # renamed, the same bytes
    batch = preview(demo_ws, [forms[CA], copy])
    assert batch[0].recognised
    assert batch[1].already == (
        "Phiếu «gui-lai.xlsx» trùng nội dung với «phieu-tien-do_2026_cong-an-phuong.xlsx» ở "
        "trên: chỉ nhận một lần."
    )
    assert take(demo_ws, batch).taken[0].recorded == 1
    marks = demo_ws.audit.last_id()

    again = preview(demo_ws, [forms[CA], copy])
    assert [f.recognised for f in again] == [False, False]
    assert again[1].already == (
        f"Phiếu «gui-lai.xlsx» ({CA}) đã được nhận lúc 20/01/2026 10:00 (tệp "
        "«phieu-tien-do_2026_cong-an-phuong.xlsx»): không ghi lại."
    )
    result = take(demo_ws, again)
    assert result.taken == () and demo_ws.audit.last_id() == marks


# Conflicts -----------------------------------------------------------------------------


def test_a_record_changed_since_the_form_was_written_is_decided_per_row(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2025", tmp_path)
    task = {t.code: t for t in demo_ws.tasks.list(plan.id)}
    demo_ws.progress.record(task["I.4"].id, "2025", "dang_thuc_hien", 70, result="Văn phòng sửa")
    fill(forms[VH], {
        "I.4": {"status": IN_PROGRESS, "percent": 80, "result": "Theo đơn vị"},
        "I.5": {"status": IN_PROGRESS, "percent": 90, "result": "Đơn vị ghi tiếp"},
    })  # fmt: skip
    form = only(preview(demo_ws, [forms[VH]]))
    rows = by_code(form)
    assert rows["I.4"].action is Action.CONFLICT
    assert "Văn phòng đã ghi lại sau khi lập phiếu" in rows["I.4"].conflict
    assert rows["I.4"].recorded_text.startswith("Đang thực hiện, 70%")
    assert rows["I.5"].action is Action.UPDATE  # unchanged by the office: the unit's word

    marks = demo_ws.audit.last_id()
    with pytest.raises(InvalidInput, match="chưa chọn"):
        take(demo_ws, [form])
    assert demo_ws.audit.last_id() == marks  # nothing written
    result = take(demo_ws, [form], {rows["I.4"].ref: Choice.OFFICE})
    assert (result.taken[0].recorded, result.taken[0].kept) == (1, 1)
    assert reports(demo_ws, "2025")["I.4"][1:4] == (70, None, "Văn phòng sửa")
    assert reports(demo_ws, "2025")["I.5"][1:4] == (90, None, "Đơn vị ghi tiếp")


def test_a_units_corrected_form_is_no_conflict_with_its_own_first_one(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    first = shutil.copy(forms[CA], tmp_path / "lan1.xlsx")
    fill(Path(first), {"V.10": {"status": IN_PROGRESS, "percent": 50}})
    take(demo_ws, preview(demo_ws, [first]))
    fill(forms[CA], {"V.10": {"status": IN_PROGRESS, "percent": 65}})
    row = by_code(only(preview(demo_ws, [forms[CA]])))["V.10"]
    assert row.action is Action.UPDATE and row.recorded_text == "Đang thực hiện, 50%"


def test_two_forms_saying_different_things_of_one_task_are_rivals(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    fill(forms[VH], {"II.1": {"status": IN_PROGRESS, "percent": 30}})
    fill(forms[CA], {"II.1": {"status": IN_PROGRESS, "percent": 60}})
    previews = preview(demo_ws, [forms[VH], forms[CA]])
    vh, ca = (by_code(f)["II.1"] for f in previews)
    assert vh.action is ca.action is Action.CONFLICT
    assert f"{CA}: Đang thực hiện, 60%" in vh.conflict
    with pytest.raises(InvalidInput, match="chỉ chọn số liệu của một đơn vị"):
        take(demo_ws, previews, {vh.ref: Choice.UNIT, ca.ref: Choice.UNIT})
    take(demo_ws, previews, {vh.ref: Choice.OFFICE, ca.ref: Choice.UNIT})
    assert reports(demo_ws, "2026")["II.1"][:2] == ("dang_thuc_hien", 60)
    returned = {f.unit_name: f.returned_at for f in forms_returned(demo_ws, plan.id, "2026")}
    assert returned[VH] and returned[CA]  # both returned their form


# Evidence --------------------------------------------------------------------------------


def test_evidence_files_beside_the_form_are_attached(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    (tmp_path / "bien-ban.pdf").write_bytes(b"%PDF-1.4 bien ban")
    fill(forms[CA], {
        "V.10": {"status": IN_PROGRESS, "percent": 20, "evidence": "bien-ban.pdf"},
        "V.13": {"status": IN_PROGRESS, "percent": 20, "evidence": "khong-co.pdf; ../x.pdf"},
    })  # fmt: skip
    form = only(preview(demo_ws, [forms[CA]]))
    rows = by_code(form)
    assert [e.name for e in rows["V.10"].evidence] == ["bien-ban.pdf"]
    assert rows["V.13"].action is Action.ERROR
    assert "chỉ ghi tên tệp" in rows["V.13"].errors[0].message
    fill(forms[CA], {"V.13": {"evidence": "khong-co.pdf"}})
    form = only(preview(demo_ws, [forms[CA]]))
    assert "«khong-co.pdf» không dùng được" in by_code(form)["V.13"].errors[0].message
    result = take(demo_ws, [form])
    assert result.taken[0].evidence == 1 and result.taken[0].skipped == 1
    task = next(t for t in demo_ws.tasks.list(plan.id) if t.code == "V.10")
    report = demo_ws.progress.get(task.id, demo_ws.periods.get("2026", plan.id).id)
    (attached,) = demo_ws.attachments.list("progress_id", report.id)
    assert demo_ws.attachments.content(attached.id) == b"%PDF-1.4 bien ban"


# Bad rows --------------------------------------------------------------------------------


def test_bad_cells_are_said_by_row_and_column_and_not_written(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2025", tmp_path)
    fill(forms[VH], {
        "I.4": {"status": "Xong rồi"},
        "I.5": {"status": DONE, "completed_on": "31/02/2025"},
        "I.6": {"status": IN_PROGRESS, "percent": 140},
        "I.7": {"status": DONE, "completed_on": datetime(2026, 3, 1)},  # after today
        "II.4": {"status": DONE, "completed_on": datetime(2025, 12, 1)},  # after the cut-off
        "III.5": {"result": "Chỉ ghi kết quả"},
        "III.7": {"status": IN_PROGRESS, "percent": 55.5},
    })  # fmt: skip
    form = only(preview(demo_ws, [forms[VH]]))
    said = {row.code: str(row.errors[0]) for row in form.rows if row.errors}
    where = rows_by_code(forms[VH])
    assert said == {
        "I.4": f"Trang «Nhiệm vụ», dòng {where['I.4']}, cột «Tình trạng»: «Xong rồi» không có "
        "trong danh sách tình trạng (Chưa thực hiện, Đang thực hiện, Đã hoàn thành).",
        "I.5": f"Trang «Nhiệm vụ», dòng {where['I.5']}, cột «Ngày hoàn thành»: Ngày hoàn thành "
        "«31/02/2025» không có trên lịch (ngày 31, tháng 2, năm 2025).",
        "I.6": f"Trang «Nhiệm vụ», dòng {where['I.6']}, cột «% hoàn thành»: tỷ lệ hoàn thành là "
        "số nguyên từ 0 đến 100, không phải 140.",
        "I.7": f"Trang «Nhiệm vụ», dòng {where['I.7']}: Ngày hoàn thành 01/03/2026 chưa tới "
        "(hôm nay là 20/01/2026). Chỉ ghi hoàn thành khi nhiệm vụ đã xong.",
        "II.4": f"Trang «Nhiệm vụ», dòng {where['II.4']}, cột «Ngày hoàn thành»: Ngày hoàn "
        "thành 01/12/2025 sau ngày chốt số liệu của năm 2025 (14/11/2025): kỳ này ghi «hoàn "
        "thành sau ngày chốt số liệu», hoàn thành được tính vào năm 2026. Phiếu năm 2025 chỉ "
        "ghi việc đến ngày chốt số liệu: ghi «Đang thực hiện» và tỷ lệ đã đạt đến ngày đó.",
        "III.5": f"Trang «Nhiệm vụ», dòng {where['III.5']}, cột «Tình trạng»: chưa chọn tình "
        "trạng (dòng có ghi nội dung).",
        "III.7": f"Trang «Nhiệm vụ», dòng {where['III.7']}, cột «% hoàn thành»: tỷ lệ hoàn "
        "thành là số nguyên từ 0 đến 100, không phải 55,5.",
    }
    before = reports(demo_ws, "2025")
    result = take(demo_ws, [form])
    assert result.taken[0].recorded == 0 and result.taken[0].skipped == 7
    assert reports(demo_ws, "2025") == before


def test_a_task_given_to_another_unit_since_the_form_is_not_taken(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    task = next(t for t in demo_ws.tasks.list(plan.id) if t.code == "V.10")
    demo_ws.tasks.update(task.id, leads=[VH])
    fill(forms[CA], {"V.10": {"status": IN_PROGRESS, "percent": 10}})
    row = by_code(only(preview(demo_ws, [forms[CA]])))["V.10"]
    assert row.action is Action.ERROR
    assert f"không (còn) do {CA} chủ trì báo cáo" in row.errors[0].message


def test_rows_sorted_are_read_by_their_key(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    fill(forms[CA], {
        "V.10": {"status": IN_PROGRESS, "percent": 10},
        "V.14": {"status": IN_PROGRESS, "percent": 40},
    })  # fmt: skip
    book = load_workbook(forms[CA])
    sheet = book[TASK_SHEET]
    where = rows_by_code(forms[CA])
    first, last = where["V.10"], where["V.14"]
    width = len(SHEETS[TASK_SHEET])
    top = [sheet.cell(first, c).value for c in range(1, width + 1)]
    bottom = [sheet.cell(last, c).value for c in range(1, width + 1)]
    for column in range(1, width + 1):  # whole rows swapped, keys with them
        sheet.cell(first, column).value = bottom[column - 1]
        sheet.cell(last, column).value = top[column - 1]
    book.save(forms[CA])
    form = only(preview(demo_ws, [forms[CA]]))
    assert form.errors == ()
    assert by_code(form)["V.10"].figure_text == "Đang thực hiện, 10%"
    assert by_code(form)["V.14"].row == first


def test_cells_sorted_apart_from_their_keys_are_refused(demo_ws, plan, tmp_path):
    """A unit sorting the visible columns only (the hidden key column left out)."""
    forms = written(demo_ws, plan, "2026", tmp_path)
    book = load_workbook(forms[CA])
    sheet = book[TASK_SHEET]
    where = rows_by_code(forms[CA])
    a, b = where["V.10"], where["V.14"]
    for column in range(2, len(SHEETS[TASK_SHEET]) + 1):
        top, bottom = sheet.cell(a, column).value, sheet.cell(b, column).value
        sheet.cell(a, column).value, sheet.cell(b, column).value = bottom, top
    sheet.cell(a, position(SHEETS[TASK_SHEET], "status")).value = IN_PROGRESS
    sheet.cell(a, position(SHEETS[TASK_SHEET], "percent")).value = 20
    book.save(forms[CA])
    form = only(preview(demo_ws, [forms[CA]]))
    errors = [str(e) for e in form.errors]
    assert (
        f"Trang «Nhiệm vụ», dòng {a}, cột «STT»: «V.14» không khớp dòng gửi đi («V.10»): "
        "các ô của dòng đã bị xáo trộn khi sắp xếp; không ghi dòng này." in errors
    )


def test_rows_added_deleted_copied_and_merged_are_said(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    fill(forms[VH], {
        "I.4": {"status": IN_PROGRESS, "percent": 10},
        "I.6": {"status": IN_PROGRESS, "percent": 30},
        "I.7": {"status": IN_PROGRESS, "percent": 40, "result": "Gộp"},
    })  # fmt: skip
    book = load_workbook(forms[VH])
    sheet = book[TASK_SHEET]
    sheet.delete_rows(rows_by_code(forms[VH])["I.5"])  # I.5 gone, the rows under it move up
    book.save(forms[VH])
    where = rows_by_code(forms[VH])
    result = position(SHEETS[TASK_SHEET], "result")
    sheet.merge_cells(start_row=where["I.7"], end_row=where["II.4"], start_column=result,
                      end_column=result)  # fmt: skip
    added = sheet.max_row + 1
    sheet.cell(added, position(SHEETS[TASK_SHEET], "title")).value = "Việc đơn vị tự thêm"
    sheet.cell(added, position(SHEETS[TASK_SHEET], "status")).value = IN_PROGRESS
    copied = added + 1
    for column in range(1, len(SHEETS[TASK_SHEET]) + 1):
        sheet.cell(copied, column).value = sheet.cell(where["I.4"], column).value
    book.save(forms[VH])

    form = only(preview(demo_ws, [forms[VH]]))
    assert any("Không thấy 1 dòng của phiếu gửi đi" in n and "«I.5»" in n for n in form.notes)
    problems = [str(p) for p in form.problems]
    assert (
        f"Trang «Nhiệm vụ», dòng {added}: dòng này không có trong phiếu gửi đi (dòng thêm "
        "vào): không ghi. Nội dung ngoài các nhiệm vụ, chỉ tiêu của phiếu xin gửi văn phòng "
        "riêng." in problems
    )
    rows = {(row.code, row.row): row for row in form.rows}
    assert "lặp lại dòng" in rows["I.4", copied].errors[0].message
    merged = f"I{where['I.7']}:I{where['II.4']}"
    for code in ("I.7", "II.4"):
        assert rows[code, where[code]].errors[0].message == (
            f"các ô {merged} bị gộp; gộp ô làm mất số liệu của các ô bị gộp vào: bỏ gộp ô, "
            "điền lại rồi gửi lại phiếu."
        )
    assert rows["I.6", where["I.6"]].action is Action.NEW  # still read, by its key


def test_indicator_rows_take_a_figure_or_words(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    mine = [i.id for i in demo_ws.indicators.list(plan.id) if i.leads and i.leads[0].name == VH]
    book = load_workbook(forms[VH])
    sheet = book[INDICATOR_SHEET]
    filled = [  # (indicator, field, value)
        (mine[0], "value", "82,5"),
        (mine[0], "note", "Theo số liệu tháng 12"),
        (mine[1], "value_text", "Đạt, đã triển khai toàn phường"),
        (mine[2], "value", "nhiều"),
        (mine[3], "note", "Chỉ có ghi chú"),
    ]
    for indicator, field, value in filled:
        column = position(SHEETS[INDICATOR_SHEET], field)
        sheet.cell(indicator_row(forms[VH], indicator), column).value = value
    book.save(forms[VH])
    rows = {row.key.id: row for row in only(preview(demo_ws, [forms[VH]])).rows}
    assert rows[mine[0]].figure_text == "82,5 (ghi chú: Theo số liệu tháng 12)"
    assert rows[mine[1]].figure_text == "Đạt, đã triển khai toàn phường"
    assert str(rows[mine[2]].errors[0]).endswith(
        "cột «Giá trị đạt được (số)»: «nhiều» không phải một số (ghi dạng 82,5)."
    )
    assert rows[mine[3]].errors[0].message == "cần ghi giá trị (số) hoặc kết quả bằng lời."


def test_content_far_under_the_form_refuses_the_file(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    book = load_workbook(forms[CA])
    book[TASK_SHEET].cell(100_000, 6).value = IN_PROGRESS
    book.save(forms[CA])
    assert "có nội dung tới dòng 100.000, quá xa các dòng của phiếu" in refused(demo_ws, forms[CA])


def test_a_formula_without_its_value_is_refused_for_that_cell(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    fill(forms[CA], {"V.10": {"status": IN_PROGRESS, "percent": "=SUM(1,2)"}})
    row = by_code(only(preview(demo_ws, [forms[CA]])))["V.10"]
    assert row.action is Action.ERROR
    assert "là công thức chưa có giá trị tính sẵn" in row.errors[0].message


# Bad files -------------------------------------------------------------------------------


def refused(ws: Workspace, path: Path, **options) -> str:
    marks = ws.audit.last_id()
    form = only(preview(ws, [path], **options))
    assert take(ws, [form]).taken == () and ws.audit.last_id() == marks  # nothing written
    assert form.refused
    return form.refused


def test_files_that_are_not_forms_are_refused_in_vietnamese(demo_ws, tmp_path):
    xls = tmp_path / "phieu.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert "bảng tính Excel cũ (.xls)" in refused(demo_ws, xls)
    ods = tmp_path / "phieu.xlsx"  # an .ods by its content, whatever its name
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument (.ods)" in refused(demo_ws, ods)
    garbage = tmp_path / "rac.xlsx"
    garbage.write_bytes(b"\x00\x01 not a workbook at all" * 40)
    assert "không phải bảng tính .xlsx" in refused(demo_ws, garbage)
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    assert "rỗng" in refused(demo_ws, empty)
    assert "đây là một thư mục, không phải tệp" in refused(demo_ws, tmp_path)
    big = tmp_path / "lon.xlsx"
    with big.open("wb") as file:
        file.truncate(11 * 1024 * 1024)
    assert "quá giới hạn" in refused(demo_ws, big)
    broken = tmp_path / "hong.xlsx"  # a workbook's parts, none of them what they should be
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
    said = refused(demo_ws, broken)
    assert said.startswith("Không đọc được tệp «hong.xlsx»: bảng tính bị hỏng")
    laughs = tmp_path / "entity.xlsx"
    with zipfile.ZipFile(laughs, "w") as archive:
        archive.writestr("xl/workbook.xml", '<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><x>&a;</x>')
    assert "không như bảng tính Excel hay LibreOffice lưu" in refused(demo_ws, laughs)
    plain = tmp_path / "khac.xlsx"
    Workbook().save(plain)
    assert "không phải phiếu báo cáo tiến độ do Sổ Kế hoạch lập" in refused(demo_ws, plain)


def test_a_form_of_another_database_period_or_plan_is_refused(
    demo_ws, plan, tmp_path, clock, demo_files
):
    forms = written(demo_ws, plan, "2025", tmp_path)
    said = refused(demo_ws, forms[VH], period="2026")
    assert said == (
        f"Phiếu «{forms[VH].name}» ({VH}) là phiếu năm 2025, không phải kỳ đang nhận (năm "
        "2026): không nhận. Chọn năm 2025 rồi nhận lại."
    )
    other_plan = demo_ws.plans.create("12/KH-UBND", "2025-12-01", "UBND phường", "Khác", 2026, 2026)
    assert "không phải kế hoạch đang chọn" in refused(demo_ws, forms[VH], plan_id=other_plan.id)
    other_folder = tmp_path / "noi-khac"
    other_folder.mkdir()
    with Workspace.open(other_folder / "khac.db", create=True, clock=clock, actor=ACTOR) as other:
        build_demo(other, "tran-lieu")  # the same plan, in a database of its own
        theirs = written(other, other.plans.current(), "2025", other_folder / "phieu")
    assert "không phải phiếu của kế hoạch trong cơ sở dữ liệu này" in refused(demo_ws, theirs[VH])


def test_a_damaged_hidden_sheet_is_refused(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    book = load_workbook(forms[CA])
    book[INFO_SHEET]["B4"] = "không phải số"  # the plan's id
    book.save(forms[CA])
    assert "đã bị sửa hoặc hỏng (dòng 4)" in refused(demo_ws, forms[CA])


def test_a_locked_period_is_refused_with_the_locks_reason(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2025", tmp_path)
    fill(forms[CA], {"V.10": {"status": IN_PROGRESS, "percent": 10}})
    period = demo_ws.periods.get("2025", plan.id)
    with demo_ws.change("Gửi báo cáo"):
        demo_ws.locks.lock(plan.id, period, "goi-2025", "bao_cao_nam_2025.asice")
    said = refused(demo_ws, forms[CA])
    assert said.startswith(f"Phiếu «{forms[CA].name}» ({CA}) không nhận được: Kỳ năm 2025 đã "
                           "khóa: số liệu của kỳ đã gửi lên cấp trên trong gói "
                           "«bao_cao_nam_2025.asice».")  # fmt: skip
    with pytest.raises(InvalidInput, match="đã khóa"):
        written(demo_ws, plan, "2025", tmp_path / "lai")


def test_a_blank_form_is_not_counted_as_returned(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    assert refused(demo_ws, forms[CA]).endswith("chưa ghi dòng nào: không nhận.")
    assert all(f.returned_at is None for f in forms_returned(demo_ws, plan.id, "2026"))


def test_a_change_between_preview_and_take_writes_nothing(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    fill(forms[CA], {"V.10": {"status": IN_PROGRESS, "percent": 10}})
    form = only(preview(demo_ws, [forms[CA]]))
    task = next(t for t in demo_ws.tasks.list(plan.id) if t.code == "V.10")
    demo_ws.progress.record(task.id, "2026", "dang_thuc_hien", 5)
    marks = demo_ws.audit.last_id()
    with pytest.raises(InvalidInput, match="đã thay đổi sau khi xem trước"):
        take(demo_ws, [form])
    assert demo_ws.audit.last_id() == marks
    assert demo_ws.returned_forms.taken(form.sha256) is None


def test_completion_dates_typed_as_text_or_without_their_format_are_days(demo_ws, plan, tmp_path):
    forms = written(demo_ws, plan, "2026", tmp_path)
    fill(forms[CA], {
        "V.10": {"status": DONE, "completed_on": "05/01/2026"},
        "V.13": {"status": DONE, "completed_on": 46027},  # 05/01/2026 as Excel counts days
        "V.14": {"status": "đang thực hiện", "percent": "60%"},  # typed, not picked
    })  # fmt: skip
    rows = by_code(only(preview(demo_ws, [forms[CA]])))
    assert rows["V.10"].figure.completed_on == rows["V.13"].figure.completed_on == date(2026, 1, 5)
    assert rows["V.14"].figure_text == "Đang thực hiện, 60%"
