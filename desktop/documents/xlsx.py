"""A document's appendices as a workbook: one sheet per appendix, the same rows as the
PDF. Figures stay numbers (with formats, never text), section rows are merged across
the table, the header is frozen and printed on every page (A4 landscape, fit to width).
"""

from __future__ import annotations

import io
from copy import copy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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


def _cell(sheet, value, style: StyleArray) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell._style = copy(style)
    return cell


def _sheet(book: Workbook, table: Table, styles: dict[str, StyleArray]) -> None:
    """One write-only sheet: its rows go to disk as they are appended, so a table of a
    province's thousands of offices never sits in memory as cells. Everything written
    before the rows (column widths, the frozen header, the sheet's fit-to-page flag) is
    set first: set after them, it would be silently left out."""
    sheet = book.create_sheet((table.sheet_name or table.label)[:31])
    width = len(table.columns)
    last = get_column_letter(width)
    total = sum(c.width for c in table.columns)
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(6, round(_WIDE * column.width / total))
    heading = [
        (table.label, Font(name=FONT, size=13, bold=True), "center"),
        (table.title, Font(name=FONT, size=13, bold=True), "center"),
        (table.reference, Font(name=FONT, size=12, italic=True), "center"),
        (table.unit_line, Font(name=FONT, size=11, italic=True), "right"),
    ]
    heading = [item for item in heading if item[0]]
    header_row = len(heading) + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", Worksheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 0.79, 0.59, 0.79, 0.79  # inches
    for row, (text, font, horizontal) in enumerate(heading, start=1):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.alignment = font, Alignment(horizontal=horizontal, wrap_text=True)
        sheet.append([cell])
        sheet.merged_cells.add(f"A{row}:{last}{row}")
    sheet.append([_cell(sheet, column.title, styles["head"]) for column in table.columns])
    for row, data in enumerate(table.rows, start=header_row + 1):
        if data.kind is RowKind.SECTION:  # the border of every cell under the merge
            cells = [_cell(sheet, None, styles["section"]) for _ in range(width)]
            cells[0].value = data.cells[0]
            sheet.append(cells)
            sheet.merged_cells.add(f"A{row}:{last}{row}")
            continue
        weight = " bold" if data.kind is RowKind.TOTAL else ""
        cells = []
        for column, value in zip(table.columns, data.cells, strict=True):
            if isinstance(value, int | float) and not isinstance(value, bool):
                kind = column.kind if column.kind in FORMATS else "number"
                cells.append(_cell(sheet, value, styles[f"{kind}{weight}"]))
            else:
                value = None if value == "" else value
                cells.append(_cell(sheet, value, styles[f"text{weight}"]))
        sheet.append(cells)


def render(document: Document) -> bytes:
    """The workbook's bytes: one sheet per appendix of the document."""
    book = Workbook(write_only=True)
    styles = _cell_styles(book)
    for table in document.appendices:
        _sheet(book, table, styles)
    book.properties.title = document.file_title
    book.properties.creator = document.author
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
