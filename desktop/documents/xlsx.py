"""A document's appendices as a workbook: one sheet per appendix, the same rows as the
PDF. Figures stay numbers (with formats, never text), section rows are merged across
the table, the header is frozen and printed on every page (A4 landscape, fit to width).
Every row is given its height: a spreadsheet program does not grow a row to its wrapped
text when it opens a file (LibreOffice left every row one line high, the lines of a long
cell drawn over the rows under it), so each row's lines are estimated here.
"""

from __future__ import annotations

import io
import math
import re
from copy import copy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from desktop.documents.model import Document, Kind, RowKind, Table

FONT = "Times New Roman"  # the reader's machine has it; Liberation Serif has its metrics
FORMATS = {Kind.INTEGER: "#,##0", Kind.MONEY: "#,##0.0##", Kind.PERCENT: "0.0%"}
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDE = 150  # characters across a landscape page at 11 pt, shared out by column weight
_TOP = Alignment(wrap_text=True, vertical="top")
_RIGHT = Alignment(horizontal="right", vertical="top")

# Row heights. A column's width counts the '0' of the workbook's font (Times New Roman
# 11 pt: 5.5 pt), less about 4 pt of the cell's margins. Words are placed on lines one
# by one, each letter taken at 0.45 em and a capital at 1.6 times that (the demos' task
# titles, units, notes and results average 0.41 em a letter; 'UBND' and 'HĐND' are
# wide). Checked against LibreOffice's own lines for those texts at widths 10 to 45:
# 4 cells in 1,736 came out one line short, none by more, and the rest a little over
# half a line tall on average; each line's own room (15 pt for a 12.2 pt line) holds
# what one line short leaves. A row a little too tall prints; one too short cuts text.
_DIGIT = 5.5  # points
_MARGIN = 4  # points
_LETTER = 0.45  # em
_CAPITAL = 1.6  # letters
_BOLD = 1.06  # bold Times New Roman is that much wider
_LINE = 15 / 11  # a line's height per point of font size: 15 pt at 11 pt
# A row no taller than this: Excel's own limit is 409 pt, a landscape A4 page holds
# about 450 pt under its repeated header row, and a spreadsheet program never splits a
# row across pages (LibreOffice printed a 3,000-character result cut at the page's
# foot). A row that would be taller goes on in rows under it, its long texts cut
# between words, as the PDF's row goes on on the next page.
_TALLEST = 400


def times_workbook(write_only: bool = False) -> Workbook:
    """A new workbook measured in Times New Roman. A column's width counts characters of
    the workbook's own font (its Normal style's, the first font): Times New Roman, as in
    the cells. Left at openpyxl's Calibri, a machine without Calibri measured the columns
    in a wider font and printed the sheet at two thirds of its size. openpyxl has no
    setting for it."""
    book = Workbook(write_only=write_only)
    book._fonts = IndexedList([Font(name=FONT, size=11, family=1)])
    return book


def print_landscape(sheet, header_row: int) -> None:
    """A4 landscape, fitted to the page's width, the header row printed on every page."""
    sheet.print_title_rows = f"{header_row}:{header_row}"
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", Worksheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 0.79, 0.59, 0.79, 0.79  # inches


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


def lines(text: str, width: float, size: float = 11, bold: bool = False) -> int:
    """How many lines `text` takes in a column `width` characters wide (see _LETTER)."""
    room = max(1.0, width * _DIGIT - _MARGIN)
    capacity = room / (_LETTER * size * (_BOLD if bold else 1))  # in small letters
    if len(text) * _CAPITAL <= capacity and "\n" not in text:
        return 1
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split():
            length = len(word) + (_CAPITAL - 1) * sum(map(str.isupper, word))
            if used and used + 1 + length <= capacity:
                used += 1 + length
                continue
            if used:
                count += 1
            over = math.ceil(length / capacity) - 1  # a word longer than a line runs on
            count += over
            used = length - over * capacity
    return count


def row_height(texts, widths, size: float = 11, bold: bool = False) -> float:
    """The height in points of a row of these texts in columns of these widths."""
    most = max(
        (lines(t, w, size, bold) for t, w in zip(texts, widths, strict=True) if t), default=1
    )
    return round(math.ceil(most * _LINE * size * 4) / 4, 2)  # in quarter points


def _pieces(text: str, width: float, bold: bool) -> list[str]:
    """`text` in pieces of at most the lines of the tallest row, cut between words (a
    word longer than that between letters)."""
    most = int(_TALLEST // (_LINE * 11))
    if lines(text, width, bold=bold) <= most:
        return [text]
    pieces = []
    tokens = re.split(r"(\s+)", text)  # words and the spaces between, joined back as they were
    while tokens:
        low, high = 1, len(tokens)  # the most tokens that fit: lines() grows with them
        while low < high:
            middle = (low + high + 1) // 2
            if lines("".join(tokens[:middle]).rstrip(), width, bold=bold) <= most:
                low = middle
            else:
                high = middle - 1
        piece = "".join(tokens[:low]).strip()
        if lines(piece, width, bold=bold) > most:  # one word longer than a whole row
            word, letters = tokens[0], max(1, len(piece) * most // lines(piece, width, bold=bold))
            piece, tokens = word[:letters], [word[letters:], *tokens[1:]]
        else:
            tokens = tokens[low:]
        while tokens and not tokens[0].strip():
            tokens = tokens[1:]
        if piece:
            pieces.append(piece)
    return pieces


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
    widths = [max(6, round(_WIDE * column.width / total)) for column in table.columns]
    for index, column_width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width
    across = [sum(widths)]  # a row merged across the table
    heading = [
        (table.label, Font(name=FONT, size=13, bold=True), "center"),
        (table.title, Font(name=FONT, size=13, bold=True), "center"),
        (table.reference, Font(name=FONT, size=12, italic=True), "center"),
        (table.unit_line, Font(name=FONT, size=11, italic=True), "right"),
    ]
    heading = [item for item in heading if item[0]]
    header_row = len(heading) + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    print_landscape(sheet, header_row)

    written = 0

    def append(cells: list, height: float) -> int:
        # A write-only sheet writes a row's height as the row goes out, from
        # row_dimensions; dropped once written, so a long sheet does not hold them all.
        nonlocal written
        written += 1
        sheet.row_dimensions[written].height = min(height, _TALLEST)
        sheet.append(cells)
        del sheet.row_dimensions[written]
        return written

    for text, font, horizontal in heading:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.alignment = font, Alignment(horizontal=horizontal, wrap_text=True)
        row = append([cell], row_height([text], across, font.sz, font.b))
        sheet.merged_cells.add(f"A{row}:{last}{row}")
    titles = [column.title for column in table.columns]
    head = [_cell(sheet, title, styles["head"]) for title in titles]
    append(head, row_height(titles, widths, bold=True))
    for data in table.rows:
        if data.kind is RowKind.SECTION:  # the border of every cell under the merge
            cells = [_cell(sheet, None, styles["section"]) for _ in range(width)]
            cells[0].value = data.cells[0]
            row = append(cells, row_height([str(data.cells[0] or "")], across, bold=True))
            sheet.merged_cells.add(f"A{row}:{last}{row}")
            continue
        weight = " bold" if data.kind is RowKind.TOTAL else ""
        cells = []
        texts = []
        for column, value in zip(table.columns, data.cells, strict=True):
            if isinstance(value, int | float) and not isinstance(value, bool):
                kind = column.kind if column.kind in FORMATS else "number"
                cells.append(_cell(sheet, value, styles[f"{kind}{weight}"]))
                texts.append("")  # a figure: one line
            else:
                value = None if value == "" else value
                cells.append(_cell(sheet, value, styles[f"text{weight}"]))
                texts.append("" if value is None else str(value))
        height = row_height(texts, widths, bold=bool(weight))
        if height <= _TALLEST:
            append(cells, height)
            continue
        pieces = [_pieces(t, w, bool(weight)) for t, w in zip(texts, widths, strict=True)]
        for index in range(max(len(p) for p in pieces)):
            shown = [p[index] if index < len(p) else "" for p in pieces]
            if index == 0:  # the figures, and the first piece of each text
                for cell, piece, whole in zip(cells, shown, texts, strict=True):
                    if whole:
                        cell.value = piece
            else:
                cells = [_cell(sheet, t or None, styles[f"text{weight}"]) for t in shown]
            append(cells, row_height(shown, widths, bold=bool(weight)))


def render(document: Document) -> bytes:
    """The workbook's bytes: one sheet per appendix of the document."""
    book = times_workbook(write_only=True)
    styles = _cell_styles(book)
    for table in document.appendices:
        _sheet(book, table, styles)
    book.properties.title = document.file_title
    book.properties.creator = document.author
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
