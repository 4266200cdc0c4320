"""A document model as a PDF in the form of NĐ 30/2020/NĐ-CP, Phụ lục I.

A4; margins 20 mm top and bottom, 30 mm left, 15 mm right. The header is a borderless
two-column table (agency and number on the left, the motto, place and date on the
right) with the rules under the agency name (a third to a half of it) and the motto
(as long as it). Body 14 pt, justified, first line indented 1.27 cm, 6 pt between
paragraphs. Page numbers at the top centre from page 2, each appendix numbered on its
own. Appendices on landscape pages, their header row repeated on each page, section
rows spanning the table, no row split across pages unless it is taller than a page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from desktop.documents import fonts
from desktop.documents.figures import figure_text as _number
from desktop.documents.model import Document, Kind, Letter, RowKind, Table

MM = 72 / 25.4
MARGINS = {"top": 20 * MM, "bottom": 20 * MM, "left": 30 * MM, "right": 15 * MM}


class _Rule(Flowable):
    """A horizontal line centred in its cell (under the agency name, the motto)."""

    def __init__(self, width: float):
        super().__init__()
        self.length = width

    def wrap(self, available_width, available_height):
        self.available = available_width
        return available_width, 6

    def draw(self):  # 3 pt under the line of text above, clear of its descenders
        start = (self.available - self.length) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(start, 3, start + self.length, 3)


# A borderless table that only places blocks side by side. Tables set their font on
# every cell, blocks included: without one here it would be Helvetica, not embedded.
_LAYOUT = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]
)


def _cell(name: str, font: str, alignment: int) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=11, leading=13, alignment=alignment)


def _styles():

    family = fonts.register()
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=14, leading=18)
    return {
        "agency": ParagraphStyle("agency", base, fontSize=13, leading=16, alignment=TA_CENTER),
        "agency_bold": ParagraphStyle(
            "agency_bold", base, fontName=fonts.BOLD, fontSize=13, leading=16, alignment=TA_CENTER
        ),
        "motto": ParagraphStyle(
            "motto", base, fontName=fonts.BOLD, fontSize=13, leading=16, alignment=TA_CENTER
        ),
        "number": ParagraphStyle("number", base, fontSize=13, leading=16, alignment=TA_CENTER),
        "date": ParagraphStyle(
            "date", base, fontName=fonts.ITALIC, fontSize=14, leading=17, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title", base, fontName=fonts.BOLD, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "addressee": ParagraphStyle("addressee", base, alignment=TA_CENTER, spaceBefore=6),
        "body": ParagraphStyle(
            "body",
            base,
            fontName=family,
            alignment=TA_JUSTIFY,
            firstLineIndent=1.27 * 10 * MM,
            spaceAfter=6,
        ),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName=fonts.BOLD,
            alignment=TA_JUSTIFY,
            firstLineIndent=1.27 * 10 * MM,
            spaceAfter=6,
            keepWithNext=1,  # never alone at the foot of a page
        ),
        "recipients_title": ParagraphStyle(
            "recipients_title", base, fontName=fonts.BOLD_ITALIC, fontSize=12, leading=14
        ),
        "recipients": ParagraphStyle("recipients", base, fontSize=11, leading=13),
        "signature": ParagraphStyle(
            "signature", base, fontName=fonts.BOLD, fontSize=14, leading=17, alignment=TA_CENTER
        ),
        "label": ParagraphStyle(
            "label", base, fontName=fonts.BOLD, fontSize=14, leading=17, alignment=TA_CENTER
        ),
        "reference": ParagraphStyle(
            "reference", base, fontName=fonts.ITALIC, fontSize=13, leading=16, alignment=TA_CENTER
        ),
        "unit": ParagraphStyle(
            "unit", base, fontName=fonts.ITALIC, fontSize=12, leading=14, alignment=TA_RIGHT
        ),
        "cell": _cell("cell", fonts.REGULAR, TA_LEFT),
        "cell_right": _cell("cell_right", fonts.REGULAR, TA_RIGHT),
        "cell_head": _cell("cell_head", fonts.BOLD, TA_CENTER),
        "cell_bold": _cell("cell_bold", fonts.BOLD, TA_LEFT),
        "cell_bold_right": _cell("cell_bold_right", fonts.BOLD, TA_RIGHT),
    }


def _p(text: str, style):

    return RLParagraph(escape(text).replace("\n", "<br/>"), style)


# NĐ 30: the rule under the agency's name and under the trích yếu is a third to a half
# of the line of text above it; the one under the motto is as long as the motto.
RULE_SHARE = 0.4

# 'ỦY BAN NHÂN DÂN' over 'XÃ HƯNG NGUYÊN' is one name on two lines (the committee itself
# issues the document), bold like the rest of it; a parent body over an agency of its
# own ('UBND TỈNH NGHỆ AN' over 'SỞ NỘI VỤ') is set upright, the agency bold.
NAME_OPENINGS = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")


def _parent_style(parent_agency: str) -> str:
    """The style of the line above the agency's name: bold when it opens that name."""
    return "agency_bold" if parent_agency.strip().upper() in NAME_OPENINGS else "agency"


def line_width(text: str, style: ParagraphStyle, width: float) -> float:
    """The width of the longest line `text` takes in a column `width` wide (the
    stringWidth of each line as reportlab breaks them)."""
    paragraph = _p(text, style)
    paragraph.wrap(width, 1e9)
    return max(paragraph.getActualLineWidths0(), default=0)


def _header(letter: Letter, styles, width: float):

    header = letter.header
    left_width = width * 0.4
    motto = "Độc lập - Tự do - Hạnh phúc"
    agency_width = line_width(header.agency, styles["agency_bold"], left_width)
    left = [
        _p(header.parent_agency, styles[_parent_style(header.parent_agency)]),
        _p(header.agency, styles["agency_bold"]),
        _Rule(agency_width * RULE_SHARE),
        _p(header.number_line, styles["number"]),
    ]
    right = [
        _p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles["motto"]),
        _p(motto, styles["motto"]),
        _Rule(stringWidth(motto, fonts.BOLD, 13)),
        _p(header.place_date, styles["date"]),
    ]
    table = RLTable([[left, right]], colWidths=[left_width, width - left_width])
    table.setStyle(_LAYOUT)
    return table


@dataclass(frozen=True)
class SignatureBox:
    """Where the signer signs: the space above the name, in PDF points."""

    page: int  # 0-based
    x: float
    y: float
    width: float
    height: float


class _SignatureSpace(Flowable):
    """The 28 mm left for the signature; remembers where it was drawn."""

    def __init__(self, height: float, placed: list):
        super().__init__()
        self.height, self.placed = height, placed

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.height

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        self.placed.append(SignatureBox(page, x, y, self.width, self.height))


def _closing(letter: Letter, styles, width: float, placed: list):

    recipients = [_p("Nơi nhận:", styles["recipients_title"])] + [
        _p(line, styles["recipients"]) for line in letter.recipients
    ]
    signature = [_p(line, styles["signature"]) for line in letter.signature.authority]
    signature += [_SignatureSpace(28 * MM, placed), _p(letter.signature.name, styles["signature"])]
    table = RLTable([[recipients, signature]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(_LAYOUT)
    return table


def _appendix(table: Table, styles, width: float, height: float) -> list:

    flow = [_p(line, styles["label"]) for line in (table.label, table.title) if line]
    if table.reference:
        flow.append(_p(table.reference, styles["reference"]))
    flow.append(Spacer(1, 4 * MM))
    if table.unit_line:
        flow.append(_p(table.unit_line, styles["unit"]))
    total = sum(c.width for c in table.columns)
    widths = [width * c.width / total for c in table.columns]
    data = [[_p(c.title, styles["cell_head"]) for c in table.columns]]
    sections = []
    for index, row in enumerate(table.rows, start=1):
        if row.kind is RowKind.SECTION:
            data.append([_p(str(row.cells[0]), styles["cell_bold"])] + [""] * (len(widths) - 1))
            sections.append(index)
            continue
        bold = row.kind is RowKind.TOTAL
        cells = []
        for column, value in zip(table.columns, row.cells, strict=True):
            if column.kind is Kind.TEXT and not isinstance(value, int | float):
                style = styles["cell_bold" if bold else "cell"]
                cells.append(_p("" if value is None else str(value), style))
            else:
                style = styles["cell_bold_right" if bold else "cell_right"]
                cells.append(_p(_number(value, column.kind), style))
        data.append(cells)
    flow.append(_PagedGrid(data, widths, sections, height))
    return flow


class _PagedGrid(Flowable):
    """A long table cut into one reportlab Table per page, each under the header row.

    reportlab splits a table page by page, working out its spans again over all the
    rows left each time: a 2,000-row appendix with section rows took 18 s, most of it
    there. Here every row is measured once (the same Table, laid out in one go), and
    each page gets the rows that fit; section rows span the table and are never left
    at the foot of a page. A row that fits on a page is never split: one that does not
    fit here starts the next page. A row taller than a whole page (a result of several
    thousand characters, an office list of a province's Biểu 3) is cut where the page
    ends, each cell's paragraph carried on in a row of its own under the next page's
    header.
    """

    def __init__(
        self,
        data: list[list],
        widths: list[float],
        sections: list[int],
        page_height: float,
        start=1,
    ):
        super().__init__()
        self.data, self.widths, self.sections, self.start = data, widths, sections, start
        self.page_height = page_height  # a whole frame: what a row must fit to stay whole
        self.heights: list[float] = []

    def _grid(self, end: int) -> RLTable:
        rows = [self.data[0], *self.data[self.start : end]]
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # for the blank cells of a span
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            *((side, (0, 0), (-1, -1), _PADDING[side]) for side in _PADDING),
        ]
        for index in self.sections:
            if self.start <= index < end:
                row = index - self.start + 1
                commands.append(("SPAN", (0, row), (-1, row)))
        grid = RLTable(rows, colWidths=self.widths, repeatRows=1)
        grid.setStyle(TableStyle(commands))
        return grid

    def _measure(self, available_width: float) -> None:
        if not self.heights:
            whole, self.start = self.start, 1
            grid = self._grid(len(self.data))
            grid.wrap(available_width, 1e9)
            self.heights, self.start = list(grid._rowHeights), whole

    def wrap(self, available_width, available_height):
        self._measure(available_width)
        height = self.heights[0] + sum(self.heights[self.start :])
        return sum(self.widths), height

    def split(self, available_width, available_height):
        self._measure(available_width)
        room = available_height - self.heights[0]
        end = self.start
        while end < len(self.data) and self.heights[end] <= room + 1e-6:
            room -= self.heights[end]
            end += 1
        if end == len(self.data):
            return [self._grid(end)]
        too_tall = self.heights[end] > self.page_height - self.heights[0] + 1e-6
        if too_tall and room >= _SMALLEST_PIECE:
            return self._cut(end, room)
        while end > self.start and end - 1 in self.sections:
            end -= 1  # a section heading goes over with its first row
        if end == self.start:
            return []  # not even one row here: the next page
        rest = _PagedGrid(self.data, self.widths, self.sections, self.page_height, end)
        rest.heights = self.heights
        return [self._grid(end), rest]

    def _cut(self, index: int, room: float) -> list:
        """This page's rows down to row `index` cut at `room`; the rest for the next pages."""
        top, below = _cut_row(self.data[index], self.widths, room)
        section = index in self.sections
        here = _PagedGrid([*self.data[:index], top], self.widths, self.sections, 0, self.start)
        # (`here` only lays out this page's Table: it is never split, its height unused)
        shifted = [i - index + 1 for i in self.sections if i > index]
        rest = _PagedGrid(
            [self.data[0], below, *self.data[index + 1 :]],
            self.widths,
            [1, *shifted] if section else shifted,
            self.page_height,
        )
        rest.heights = [
            self.heights[0],
            _row_height(below, self.widths),
            *self.heights[index + 1 :],
        ]
        return [here._grid(index + 1), rest]

    def draw(self):
        grid = self._grid(len(self.data))
        grid.wrapOn(self.canv, sum(self.widths), 1e9)
        grid.drawOn(self.canv, 0, 0)


# Every cell's padding, set rather than left to reportlab's defaults: cutting a row
# measures its cells' room with them.
_PADDING = {"LEFTPADDING": 6, "RIGHTPADDING": 6, "TOPPADDING": 3, "BOTTOMPADDING": 3}
_SMALLEST_PIECE = 3 * 13 + 6  # three lines of an 11 pt cell: less is not worth a cut


def _row_height(row: list, widths: list[float]) -> float:
    inner = [w - _PADDING["LEFTPADDING"] - _PADDING["RIGHTPADDING"] for w in widths]
    tallest = max(
        (cell.wrap(w, 1e9)[1] for cell, w in zip(row, inner, strict=True) if cell != ""),
        default=0,
    )
    return tallest + _PADDING["TOPPADDING"] + _PADDING["BOTTOMPADDING"]


def _cut_row(row: list, widths: list[float], room: float) -> tuple[list, list]:
    """A row's cells as what fits in `room` and what is carried on below: each
    paragraph taller than the room is split between its lines (a paragraph that cannot
    be split there goes below whole), a shorter one stays above."""
    height = room - _PADDING["TOPPADDING"] - _PADDING["BOTTOMPADDING"]
    top: list = []
    below: list = []
    for cell, width in zip(row, widths, strict=True):
        inner = width - _PADDING["LEFTPADDING"] - _PADDING["RIGHTPADDING"]
        if cell == "" or cell.wrap(inner, 1e9)[1] <= height:
            top.append(cell)
            below.append("")
            continue
        parts = cell.split(inner, height)
        if len(parts) == 2:
            top.append(parts[0])
            below.append(parts[1])
        else:
            top.append("")
            below.append(cell)
    return top, below


class _FirstPage(Flowable):
    """Nothing to see: marks the page it lands on as an appendix's first (its page 1)."""

    def __init__(self, first_page: list[int]):
        super().__init__()
        self.first_page = first_page

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.first_page[0] = self.canv.getPageNumber()


def _letter(letter: Letter, styles, placed: list) -> list:
    width = A4[0] - MARGINS["left"] - MARGINS["right"]
    flow = [
        _header(letter, styles, width),
        Spacer(1, 8 * MM),
        _p(letter.kind_title, styles["title"]),
        _p(letter.summary, styles["title"]),
        Spacer(1, 2 * MM),  # clear of the descenders of the trích yếu
        _Rule(line_width(letter.summary, styles["title"], width) * RULE_SHARE),
        _p(letter.addressee, styles["addressee"]),
        Spacer(1, 4 * MM),
    ]
    for paragraph in letter.body:
        flow.append(_p(paragraph.text, styles["heading" if paragraph.heading else "body"]))
    return [*flow, Spacer(1, 4 * MM), _closing(letter, styles, width, placed)]


def render(
    document: Document, *, invariant: bool = False, on_page: Callable[[int], None] | None = None
) -> bytes:
    """The PDF's bytes. `invariant`: no creation date or random ids (golden tests).
    `on_page(n)` is told each page begun (progress for a window)."""
    return render_placed(document, invariant=invariant, on_page=on_page)[0]


def render_placed(
    document: Document, *, invariant: bool = False, on_page: Callable[[int], None] | None = None
) -> tuple[bytes, SignatureBox | None]:
    """The PDF's bytes and where its signature goes (None: a document nobody signs)."""
    placed: list[SignatureBox] = []

    styles = _styles()
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=document.file_title,
        author=document.author,
        keywords=document.keywords,
        invariant=1 if invariant else 0,
        initialFontName=fonts.REGULAR,  # else every page names Helvetica, not embedded
        **{f"{side}Margin": value for side, value in MARGINS.items()},
    )

    def frame(size):
        width, height = size
        return Frame(
            MARGINS["left"],
            MARGINS["bottom"],
            width - MARGINS["left"] - MARGINS["right"],
            height - MARGINS["top"] - MARGINS["bottom"],
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    first_page = [1]  # of the letter, then of each appendix that starts a page

    def page_number(canvas, doc):
        # NĐ 30: from the second page, at the top centre; an appendix's pages are
        # numbered on their own. Drawn as the page ends, once the page knows whether an
        # appendix began on it.
        number = doc.page - first_page[0] + 1
        if number > 1:
            width, height = canvas._pagesize
            canvas.setFont(fonts.REGULAR, 13)
            canvas.drawCentredString(width / 2, height - 12 * MM, str(number))

    portrait = PageTemplate("portrait", [frame(A4)], onPageEnd=page_number, pagesize=A4)
    wide_page = PageTemplate(
        "landscape", [frame(landscape(A4))], onPageEnd=page_number, pagesize=landscape(A4)
    )
    # The first template is the first page's: an annex alone starts landscape.
    letter = document.letter
    template.addPageTemplates([portrait, wide_page] if letter else [wide_page, portrait])
    flow = _letter(letter, styles, placed) if letter else []
    wide = landscape(A4)[0] - MARGINS["left"] - MARGINS["right"]
    tall = landscape(A4)[1] - MARGINS["top"] - MARGINS["bottom"]
    for table in document.appendices:
        if flow and table.new_page:
            flow += [NextPageTemplate("landscape"), PageBreak(), _FirstPage(first_page)]
        elif flow:
            flow.append(Spacer(1, 8 * MM))
        flow += _appendix(table, styles, wide, tall)
    if on_page is not None:
        template.setProgressCallBack(lambda kind, value: on_page(value) if kind == "PAGE" else None)
    template.build(flow)
    return buffer.getvalue(), placed[-1] if placed else None
