"""Imports are bounded (issue 23, point 8): rows, columns, characters of a cell or a
paragraph, the XML a file holds; each refused in Vietnamese naming the row, before anything
is written. A file that is missing, a folder or unreadable is said in Vietnamese (point 4)."""

from __future__ import annotations

import os
import random
import sqlite3
import zipfile
from pathlib import Path

import annex_files
import pytest
from annex_files import TASK_ROWS, write_docx, write_xlsx
from test_cli import run

from desktop.cli import main
from desktop.errors import InvalidInput
from desktop.importing import sources, understand

TITLE = ["PHỤ LỤC", "(Kèm theo Kế hoạch số 7/KH-UBND ngày 05/01/2026 của UBND xã Thử Nghiệm)"]
HEADER = ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]


def _workbook(path: Path, tasks: int, extra: list | None = None) -> Path:
    """Title, header, then `tasks` numbered tasks (row 4 is the first), written streaming;
    `extra`, a row of its own, after them."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhiệm vụ")
    for row in [[line] for line in TITLE] + [HEADER]:
        sheet.append(row)
    for number in range(1, tasks + 1):
        sheet.append([number, f"Nhiệm vụ số {number}", "Văn phòng HĐND và UBND", "Quý IV/2026"])
    if extra:
        sheet.append(extra)
    book.save(path)
    return path


def _replace_part(path: Path, name: str, change) -> Path:
    with zipfile.ZipFile(path) as source:
        parts = {n: source.read(n) for n in source.namelist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)
    return path


def _refused(ws, path: Path) -> str:
    with pytest.raises(InvalidInput) as refused:
        understand(ws, path)
    assert ws.plans.list() == []
    return str(refused.value)


def test_a_sheet_past_the_row_limit_is_refused_at_the_row(ws, tmp_path):
    path = _workbook(tmp_path / "nhieu_dong.xlsx", 6_000)
    assert _refused(ws, path) == (
        "Dòng 5.001 của trang tính «Nhiệm vụ» có nội dung, quá giới hạn 5.000 dòng của một "
        "phụ lục (một kế hoạch chỉ có vài trăm nhiệm vụ); không nhập gì. Hãy xóa các dòng "
        "thừa hoặc chỉ giữ bảng cần nhập."
    )


def test_a_workbook_is_left_at_the_first_row_past_the_limit(ws, tmp_path, monkeypatch):
    """What follows the row past the limit is never read: here, 3,000 rows on (farther
    than a parser reads ahead), it is not even XML. The sheet declares its size, as Excel
    writes it; openpyxl reads through a sheet that does not to find it."""
    monkeypatch.setattr(sources, "MAX_ROWS", 10)
    path = _replace_part(
        _workbook(tmp_path / "dai.xlsx", 3_000),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<sheetData>", b'<dimension ref="A1:D3003"/><sheetData>').replace(
            b"</sheetData>", b"<row><c><v>1</c></row></sheetData>"
        ),
    )
    assert _refused(ws, path).startswith(
        "Dòng 11 của trang tính «Nhiệm vụ» có nội dung, quá giới hạn 10 dòng"
    )


def test_blank_rows_past_the_limit_do_not_count(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_ROWS", 10)
    path = _replace_part(
        _workbook(tmp_path / "dinh_dang.xlsx", 5),
        "xl/worksheets/sheet1.xml",  # rows formatted down to the sheet's end, nothing in them
        lambda xml: xml.replace(b"</sheetData>", b'<row r="1048576" ht="20"/></sheetData>'),
    )
    assert understand(ws, path).task_count == 5


def _long_title(monkeypatch, characters: int) -> None:
    rows = [list(r) if isinstance(r, list) else r for r in TASK_ROWS]
    rows[1][1] = "Tuyên truyền " + "x" * (characters - 13)
    monkeypatch.setattr(annex_files, "TASK_ROWS", rows)  # what write_docx writes


@pytest.mark.parametrize(
    ("kind", "where"),
    [
        ("xlsx", "Dòng 8 của trang tính «PL II nhiệm vụ» (cột B)"),
        ("docx", "Dòng 4 của Bảng 1 (cột 2)"),
    ],
)
def test_a_cell_past_the_length_limit_is_refused_naming_its_row(
    ws, tmp_path, monkeypatch, kind, where
):
    _long_title(monkeypatch, 20_001)
    path = (write_xlsx if kind == "xlsx" else write_docx)(tmp_path / f"dai.{kind}")
    assert _refused(ws, path) == (
        f"{where} dài 20.001 ký tự, quá giới hạn 20.000 ký tự của một ô; không nhập gì."
    )


def test_a_cell_at_the_length_limit_is_read(ws, tmp_path, monkeypatch):
    """The reader takes a cell of 20,000 characters; a task's title is held to its own
    limit afterwards, on its row, like every other problem of the file."""
    _long_title(monkeypatch, 20_000)
    understood = understand(ws, write_xlsx(tmp_path / "vua.xlsx"))
    assert len(understood.task_annex.sections[0].tasks[0].title) == 20_000
    [problem] = understood.errors
    assert problem.message.startswith("Tên nhiệm vụ") and "quá giới hạn 2.000" in problem.message


def test_a_paragraph_past_the_length_limit_is_refused(ws, tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Căn cứ " + "x" * 19_994)
    document.save(tmp_path / "doan_dai.docx")
    assert _refused(ws, tmp_path / "doan_dai.docx") == (
        "Đoạn văn thứ 1 của tệp («Căn cứ xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…») dài 20.001 ký tự, "
        "quá giới hạn 20.000 ký tự của một đoạn; không nhập gì."
    )


def test_something_past_the_last_column_is_refused(ws, tmp_path):
    path = _workbook(tmp_path / "rong.xlsx", 3, extra=[4, "Nhiệm vụ số 4"] + [None] * 61 + ["?"])
    assert _refused(ws, path).startswith(
        "Dòng 7 của trang tính «Nhiệm vụ» có nội dung ở cột BL, quá giới hạn 63 cột"
    )


def _word_xml(path: Path, change) -> Path:
    return _replace_part(path, "word/document.xml", lambda xml: change(xml.decode()).encode())


def test_a_word_cell_spanning_a_billion_columns_is_read_once(ws, tmp_path):
    """python-docx repeats a cell once per column it spans: a billion times, here."""
    path = _word_xml(
        write_docx(tmp_path / "rong.docx"),
        lambda xml: xml.replace('<w:gridSpan w:val="7"/>', '<w:gridSpan w:val="1000000000"/>'),
    )
    understood = understand(ws, path)
    assert not understood.errors
    assert understood.task_count == 5
    assert understood.task_annex.sections[0].title == "NÂNG CAO NHẬN THỨC VỀ CHUYỂN ĐỔI SỐ"


def test_a_word_cell_merged_down_leads_every_row_it_covers(ws, tmp_path):
    """The rows under a merged cell take its text from the row above, as python-docx gave
    it (by searching the whole table for that row, for every cell: quadratic)."""
    from docx import Document

    document = Document()
    for line in TITLE:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=4)
    for values in [HEADER] + [[str(n), f"Nhiệm vụ số {n}", "", "Năm 2026"] for n in range(1, 31)]:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    table.cell(1, 2).merge(table.cell(30, 2)).text = "Văn phòng HĐND và UBND"
    document.save(tmp_path / "gop.docx")
    understood = understand(ws, tmp_path / "gop.docx")
    assert not understood.errors
    tasks = understood.task_annex.sections[0].tasks
    assert len(tasks) == 30
    assert {tuple(t.lead) for t in tasks} == {("Văn phòng HĐND và UBND",)}


def test_the_xml_limit_counts_what_a_parser_reads_not_pictures(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_XML", 1024 * 1024)  # the annex holds about 0.9 MB
    picture = b"\x89PNG" + random.Random(1).randbytes(3 * 1024 * 1024)
    path = write_docx(tmp_path / "anh.docx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/media/image1.png", picture)
    assert understand(ws, path).task_count == 5
    named_like_a_picture = write_docx(tmp_path / "gia_anh.docx")
    with zipfile.ZipFile(named_like_a_picture, "a") as archive:
        archive.writestr("word/media/image1.png", b"<a/>" + random.Random(1).randbytes(300_000))
    assert _refused(ws, named_like_a_picture).startswith(
        "Tệp «gia_anh.docx» chứa 1,1 MB XML (chữ và định dạng), quá giới hạn 1 MB của một "
        "phụ lục (phụ lục 500 nhiệm vụ chỉ khoảng 3 MB): không mở để tránh treo máy."
    )


def test_cell_formats_and_parts_are_bounded(ws, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "phu_luc.xlsx")
    monkeypatch.setattr(sources, "MAX_STYLES", 1024)
    assert _refused(ws, path).startswith(
        "Phần kiểu định dạng ô (xl/styles.xml) của tệp «phu_luc.xlsx» nặng"
    )
    monkeypatch.setattr(sources, "MAX_PARTS", 5)
    assert "phần, quá giới hạn 5 của một phụ lục: không mở" in _refused(ws, path)


def test_a_missing_file_a_folder_a_pipe_are_said_in_vietnamese(ws, tmp_path):
    (tmp_path / "thu_muc.xlsx").mkdir()
    os.mkfifo(tmp_path / "ong.docx")
    assert _refused(ws, tmp_path / "khong_co.xlsx") == (
        f"Không có tệp «{tmp_path / 'khong_co.xlsx'}» (đường dẫn sai, hoặc tệp đã bị chuyển đi "
        "hay xóa)."
    )
    assert _refused(ws, tmp_path / "thu_muc.xlsx") == (
        "«thu_muc.xlsx» là một thư mục, không phải tệp .xlsx."
    )
    assert _refused(ws, tmp_path / "ong.docx") == (
        "«ong.docx» không phải một tệp thường (ống, thiết bị…)."
    )


def test_an_unreadable_file_is_said_in_vietnamese(ws, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "khoa.xlsx")

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")  # as for a user who may not read it

    monkeypatch.setattr(Path, "open", refused)
    assert _refused(ws, path) == "Không đọc được tệp «khoa.xlsx»: không có quyền đọc tệp này."


def test_the_command_line_refuses_past_the_row_limit_and_writes_nothing(tmp_path):
    db, path = tmp_path / "x.db", _workbook(tmp_path / "nhieu_dong.xlsx", 5_001)
    done = run("--db", str(db), "import", str(path))
    assert done.returncode == 1
    assert done.stderr.startswith(
        "Lỗi: Dòng 5.001 của trang tính «Nhiệm vụ» có nội dung, quá giới hạn 5.000 dòng"
    )
    with sqlite3.connect(db) as database:
        assert database.execute("SELECT count(*) FROM plans").fetchone() == (0,)


def test_the_command_line_says_a_missing_file_or_a_folder_in_vietnamese(tmp_path, capsys):
    db = tmp_path / "x.db"
    (tmp_path / "thu_muc.docx").mkdir()
    for name, said in (
        ("khong_co.docx", "Lỗi: Không có tệp «"),
        ("thu_muc.docx", "Lỗi: «thu_muc.docx» là một thư mục, không phải tệp .docx."),
    ):
        assert main(["--db", str(db), "import", str(tmp_path / name)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(said) and "No such file" not in err and "directory" not in err


def test_a_title_past_the_tasks_limit_is_said_on_its_row_in_the_preview(ws, tmp_path):
    """A title between the task's 2,000 characters and a cell's 20,000 was refused only
    when the import wrote (nothing written, no row named): the preview names the row."""
    from openpyxl import Workbook

    from desktop.importing.plan_import import understand

    ws.office.save("Hưng Nguyên", "xa", parent_name="tỉnh Nghệ An")
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"])
    sheet.append(["I", "Nâng cao nhận thức", None, None, None])
    sheet.append([1, "Tuyên truyền " + "rất dài " * 400, "Văn phòng", None, "Năm 2026"])
    path = tmp_path / "dai.xlsx"
    book.save(path)
    found = understand(ws, path).to_json()
    said = [f"{p['row']}: {p['message']}" for p in found["errors"]]
    assert any(s.startswith("3: Tên nhiệm vụ") and "quá giới hạn 2.000" in s for s in said), said
