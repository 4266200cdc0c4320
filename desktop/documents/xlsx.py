"""A document's appendices as a workbook: one sheet per appendix, the same rows as the
PDF. Figures stay numbers (with formats, never text), section rows are merged across
the table, the header is frozen and printed on every page (A4 landscape, fit to width).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from desktop.documents.model import Document, Kind, RowKind, Table

FONT = "Times New Roman"  # the reader's machine has it; Liberation Serif has its metrics
FORMATS = {Kind.INTEGER: "#,##0", Kind.MONEY: "#,##0.0##", Kind.PERCENT: "0.0%"}
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDE = 150  # characters across a landscape page at 11 pt, shared out by column weight


def _sheet(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet((table.sheet_name or table.label)[:31])
    width = len(table.columns)
    last = get_column_letter(width)
    heading = [
        (table.label, Font(name=FONT, size=13, bold=True)),
        (table.title, Font(name=FONT, size=13, bold=True)),
        (table.reference, Font(name=FONT, size=12, italic=True)),
    ]
    row = 1
    for text, font in heading:
        if not text:
            continue
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font, cell.alignment = font, Alignment(horizontal="center", wrap_text=True)
        sheet.merge_cells(f"A{row}:{last}{row}")
        row += 1
    if table.unit_line:
        cell = sheet.cell(row=row, column=1, value=table.unit_line)
        cell.font = Font(name=FONT, size=11, italic=True)
        cell.alignment = Alignment(horizontal="right")
        sheet.merge_cells(f"A{row}:{last}{row}")
        row += 1
    header_row = row
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=row, column=index, value=column.title)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        cell.border = _BOX
    for data in table.rows:
        row += 1
        if data.kind is RowKind.SECTION:
            cell = sheet.cell(row=row, column=1, value=data.cells[0])
            cell.font = Font(name=FONT, size=11, bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.merge_cells(f"A{row}:{last}{row}")
            for index in range(1, width + 1):
                sheet.cell(row=row, column=index).border = _BOX
            continue
        bold = data.kind is RowKind.TOTAL
        for index, (column, value) in enumerate(zip(table.columns, data.cells, strict=True), 1):
            cell = sheet.cell(row=row, column=index, value=None if value == "" else value)
            cell.font = Font(name=FONT, size=11, bold=bold)
            cell.border = _BOX
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell.number_format = FORMATS.get(column.kind, "#,##0.###")
                cell.alignment = Alignment(horizontal="right", vertical="top")
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    total = sum(c.width for c in table.columns)
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(6, round(_WIDE * column.width / total))
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 0.79, 0.59, 0.79, 0.79  # inches


def render(document: Document) -> bytes:
    """The workbook's bytes: one sheet per appendix of the document."""
    book = Workbook()
    book.remove(book.active)
    for table in document.appendices:
        _sheet(book, table)
    book.properties.title = document.file_title
    book.properties.creator = document.author
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
