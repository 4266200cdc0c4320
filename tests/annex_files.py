"""Annex files with every quirk real ones have, written with openpyxl and python-docx.

The same content goes into a workbook (two sheets: the task annex and the indicator
annex) and a Word document (two tables), so both readers are held to one expectation.
`TASK_ROWS` is the task table as offices lay it out, row after row, below its header;
the expected reading is spelled out in the tests, by hand.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

TITLE_LINES = [
    "PHỤ LỤC II",
    "CÁC NHIỆM VỤ GIAO CHO CÁC CƠ QUAN, ĐƠN VỊ THỰC HIỆN KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026",
    "(Kèm theo Kế hoạch số 15/KH-UBND ngày 10/01/2026 của UBND xã Hưng Nguyên)",
]
# Columns in an unusual order, with the names offices use.
TASK_HEADER = [
    "TT",
    "Nội dung nhiệm vụ",
    "Thời hạn",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Kết quả/sản phẩm",
    "Ghi chú",
]
NUMBERING = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]
MERGED = "merged"  # a row whose single text spans every column
GROUP_OF_UNITS = "Các sở, ban, ngành, UBND các huyện, thị xã, thành phố"
TASK_ROWS: list = [
    (MERGED, "I. NÂNG CAO NHẬN THỨC VỀ CHUYỂN ĐỔI SỐ"),
    [1.0, "Tuyên truyền về chuyển đổi số trên   hệ thống loa", "Thường xuyên",
     "Phòng Văn hóa - Xã hội", "Công an xã; Văn phòng HĐND và UBND", "Tin, bài", ""],
    [2, "Tổ chức hội nghị quán triệt Nghị quyết 57-NQ/TW", "Quý I/2026",
     "Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội, Công an xã", "Hội nghị", ""],
    ["", "cho cán bộ chủ chốt của xã", "", "", "", "", ""],  # text running on
    [],  # a blank row inside the table
    [3, "Phổ cập kỹ năng số cho người dân:", "Năm 2026",
     "Đoàn Thanh niên xã\nHội Phụ nữ xã", GROUP_OF_UNITS, "", "Ghi chú   có khoảng trắng   "],
    ["", "a) Hướng dẫn cài đặt VNeID", "", "", "", "", ""],
    ["", "- Hướng dẫn thanh toán không dùng tiền mặt", "", "", "", "", ""],
    ["II", "HOÀN THIỆN THỂ CHẾ", "", "", "", "", ""],  # a section row not merged
    [1, unicodedata.normalize("NFD", "Rà soát thủ tục hành chính trực tuyến"), "30/06/2026",
     "Văn phòng HĐND và UBND", "", "", ""],
    [4.5, "Số hóa hồ sơ lưu trữ", "Hằng năm", "Văn phòng HĐND và UBND", "", "", ""],
]  # fmt: skip
TASK_COUNT = 5

INDICATOR_TITLE = [
    "PHỤ LỤC I",
    "CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ CỦA XÃ",
    "(Kèm theo Kế hoạch số 15/KH-UBND ngày 10/01/2026 của UBND xã Hưng Nguyên)",
]
# A two-row header: 'Mục tiêu' over the year columns.
INDICATOR_HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "", "Cơ quan chủ trì"]
INDICATOR_YEARS = ["", "", "", "2026", "Năm 2030", ""]
INDICATOR_ROWS: list = [
    (MERGED, "I. CHÍNH QUYỀN SỐ"),
    [1, "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", "%", "≥ 60%", "100%",
     "Văn phòng HĐND và UBND"],
    [2, "Tỷ lệ cán bộ được bồi dưỡng kỹ năng số", "%", "80%", "", "Phòng Văn hóa - Xã hội"],
    ["II", "KINH TẾ SỐ", "", "", "", ""],
    [1, "Tỷ lệ hộ kinh doanh thanh toán không dùng tiền mặt", "%", "", "≥ 80%",
     "Phòng Văn hóa - Xã hội"],
]  # fmt: skip
KNOWN_UNITS = ["Phòng Văn hóa - Xã hội", "Công an xã", "Văn phòng HĐND và UBND"]


def _sheet(book, title: str, lines, header, extra_header, rows, width: int):
    sheet = book.create_sheet(title)
    for line in lines:
        sheet.append([line])
    sheet.append([])
    sheet.append(header)
    if extra_header:
        sheet.append(extra_header)
    for row in rows:
        if isinstance(row, tuple) and row[0] == MERGED:
            sheet.append([row[1]])
            sheet.merge_cells(
                start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width
            )
        else:
            sheet.append(row)
    return sheet


def write_xlsx(
    path: Path, *, numbering: bool = True, task_rows=None, title_lines=None, indicator_rows=None
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    header_rows = [NUMBERING] if numbering else []
    rows = task_rows if task_rows is not None else TASK_ROWS
    lines = title_lines or TITLE_LINES
    sheet = _sheet(book, "PL II nhiệm vụ", lines, TASK_HEADER, None, header_rows + rows, 7)
    sheet.merge_cells("A1:G1")
    indicators = _sheet(
        book,
        "PL I chỉ tiêu",
        INDICATOR_TITLE,
        INDICATOR_HEADER,
        INDICATOR_YEARS,
        indicator_rows if indicator_rows is not None else INDICATOR_ROWS,
        6,
    )
    indicators.merge_cells(start_row=5, start_column=4, end_row=5, end_column=5)
    book.save(path)
    return path


def write_docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    for lines, header, extra, rows, width in (
        (TITLE_LINES, TASK_HEADER, NUMBERING, TASK_ROWS, 7),
        (INDICATOR_TITLE, INDICATOR_HEADER, INDICATOR_YEARS, INDICATOR_ROWS, 6),
    ):
        for line in lines:
            document.add_paragraph(line)
        table = document.add_table(rows=0, cols=width)
        for values in [header, extra, *rows]:
            cells = table.add_row().cells
            if isinstance(values, tuple) and values[0] == MERGED:
                merged = cells[0].merge(cells[width - 1])
                merged.text = values[1]
                continue
            for cell, value in zip(cells, values, strict=False):
                cell.text = "" if value in (None, "") else _as_word(value)
        if header is INDICATOR_HEADER:
            row = table.rows[0].cells
            row[3].merge(row[4]).text = "Mục tiêu"
    document.save(path)
    return path


def _as_word(value) -> str:
    """What a clerk typed in Word: 1.0 in a spreadsheet is '1' on paper."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
