"""A document's appendices as a workbook: one sheet per appendix, the same rows as the
PDF. Figures stay numbers (with formats, never text), section rows are merged across
the table, the header is frozen and printed on every page (A4 landscape, fit to width).
"""

from __future__ import annotations

import io
from copy import copy

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from desktop.documents.model import Document, Kind, RowKind, Table

FONT = "Times New Roman"  # the reader's machine has it; Liberation Serif has its metrics
FORMATS = {Kind.INTEGER: "#,##0", Kind.MONEY: "#,##0.0##", Kind.PERCENT: "0.0%"}
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDE = 150  # characters across a landscape page at 11 pt, shared out by column weight
_TOP = Alignment(wrap_text=True, vertical="top")
_RIGHT = Alignment(horizontal="right", vertical="top")


def _cell_styles(book: Workbook) -> dict[str, StyleArray]:
    """The grid's cell styles, registered once as named styles. A cell takes a copy of
    its style's indices, as openpyxl's own `cell.style = name` does at its end, without
    the search by name (with four style objects set apart, a 2,000-row sheet spent most
    of its time comparing them)."""
    names = {}

    def add(key: str, font: Font, alignment: Alignment, number_format="General", fill=None):
        style = NamedStyle(f"SoKeHoach {key}", font=font, alignment=alignment, border=_BOX)
        style.number_format = number_format
        if fill is not None:
            style.fill = fill
        book.add_named_style(style)
        names[key] = style.as_tuple()

    plain, bold = Font(name=FONT, size=11), Font(name=FONT, size=11, bold=True)
    add("head", bold, Alignment(horizontal="center", vertical="center", wrap_text=True),
        fill=PatternFill("solid", fgColor="EEEEEE"))  # fmt: skip
    add("section", bold, _TOP)
    for weight, font in (("", plain), (" bold", bold)):
        add(f"text{weight}", font, _TOP)
        add(f"number{weight}", font, _RIGHT, "#,##0.###")
        for kind, number_format in FORMATS.items():
            add(f"{kind}{weight}", font, _RIGHT, number_format)
    return names


def _set(cell, style: StyleArray) -> None:
    cell._style = copy(style)


def _sheet(book: Workbook, table: Table, styles: dict[str, StyleArray]) -> None:
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
        _set(sheet.cell(row=row, column=index, value=column.title), styles["head"])
    for data in table.rows:
        row += 1
        if data.kind is RowKind.SECTION:
            sheet.cell(row=row, column=1, value=data.cells[0])
            for index in range(1, width + 1):  # the border of every cell under the merge
                _set(sheet.cell(row=row, column=index), styles["section"])
            sheet.merge_cells(f"A{row}:{last}{row}")
            continue
        weight = " bold" if data.kind is RowKind.TOTAL else ""
        for index, (column, value) in enumerate(zip(table.columns, data.cells, strict=True), 1):
            cell = sheet.cell(row=row, column=index, value=None if value == "" else value)
            if isinstance(value, int | float) and not isinstance(value, bool):
                kind = column.kind if column.kind in FORMATS else "number"
                _set(cell, styles[f"{kind}{weight}"])
            else:
                _set(cell, styles[f"text{weight}"])
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
    styles = _cell_styles(book)
    for table in document.appendices:
        _sheet(book, table, styles)
    book.properties.title = document.file_title
    book.properties.creator = document.author
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
