"""A document model as a PDF in the form of NĐ 30/2020/NĐ-CP, Phụ lục I.

A4; margins 20 mm top and bottom, 30 mm left, 15 mm right. The header is a borderless
two-column table (agency and number on the left, the motto, place and date on the
right) with the short rules under the agency name and the motto. Body 14 pt,
justified, first line indented 1.27 cm, 6 pt between paragraphs. Page numbers at the
top centre from page 2. Appendices on landscape pages, their header row repeated on
each page, section rows spanning the table, no row split across pages.
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


def _header(letter: Letter, styles, width: float):

    header = letter.header
    agency_width = stringWidth(header.agency, fonts.BOLD, 13)
    motto = "Độc lập - Tự do - Hạnh phúc"
    left = [
        _p(header.parent_agency, styles["agency"]),
        _p(header.agency, styles["agency_bold"]),
        _Rule(min(agency_width, 40 * MM) * 0.6),
        _p(header.number_line, styles["number"]),
    ]
    right = [
        _p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles["motto"]),
        _p(motto, styles["motto"]),
        _Rule(stringWidth(motto, fonts.BOLD, 13)),
        _p(header.place_date, styles["date"]),
    ]
    table = RLTable([[left, right]], colWidths=[width * 0.4, width * 0.6])
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


def _appendix(table: Table, styles, width: float) -> list:

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
    flow.append(_PagedGrid(data, widths, sections))
    return flow


class _PagedGrid(Flowable):
    """A long table cut into one reportlab Table per page, each under the header row.

    reportlab splits a table page by page, working out its spans again over all the
    rows left each time: a 2,000-row appendix with section rows took 18 s, most of it
    there. Here every row is measured once (the same Table, laid out in one go), and
    each page gets the rows that fit; section rows span the table and are never left
    at the foot of a page. A row is never split: one that does not fit starts the
    next page.
    """

    def __init__(self, data: list[list], widths: list[float], sections: list[int], start=1):
        super().__init__()
        self.data, self.widths, self.sections, self.start = data, widths, sections, start
        self.heights: list[float] = []

    def _grid(self, end: int) -> RLTable:
        rows = [self.data[0], *self.data[self.start : end]]
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # for the blank cells of a span
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
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
        if end < len(self.data):
            while end > self.start and end - 1 in self.sections:
                end -= 1  # a section heading goes over with its first row
        if end == self.start:
            return []  # not even one row here: the next page
        rest = _PagedGrid(self.data, self.widths, self.sections, end)
        rest.heights = self.heights
        return [self._grid(end), rest] if end < len(self.data) else [self._grid(end)]

    def draw(self):
        grid = self._grid(len(self.data))
        grid.wrapOn(self.canv, sum(self.widths), 1e9)
        grid.drawOn(self.canv, 0, 0)


def _letter(letter: Letter, styles, placed: list) -> list:
    width = A4[0] - MARGINS["left"] - MARGINS["right"]
    flow = [
        _header(letter, styles, width),
        Spacer(1, 8 * MM),
        _p(letter.kind_title, styles["title"]),
        _p(letter.summary, styles["title"]),
        Spacer(1, 2 * MM),  # clear of the descenders of the trích yếu
        _Rule(40 * MM),
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

    def page_number(canvas, doc):
        if doc.page > 1:  # NĐ 30: from the second page, at the top centre
            width, height = canvas._pagesize
            canvas.setFont(fonts.REGULAR, 13)
            canvas.drawCentredString(width / 2, height - 12 * MM, str(doc.page))

    portrait = PageTemplate("portrait", [frame(A4)], onPage=page_number, pagesize=A4)
    wide_page = PageTemplate(
        "landscape", [frame(landscape(A4))], onPage=page_number, pagesize=landscape(A4)
    )
    # The first template is the first page's: an annex alone starts landscape.
    letter = document.letter
    template.addPageTemplates([portrait, wide_page] if letter else [wide_page, portrait])
    flow = _letter(letter, styles, placed) if letter else []
    wide = landscape(A4)[0] - MARGINS["left"] - MARGINS["right"]
    for table in document.appendices:
        if flow and table.new_page:
            flow += [NextPageTemplate("landscape"), PageBreak()]
        elif flow:
            flow.append(Spacer(1, 8 * MM))
        flow += _appendix(table, styles, wide)
    if on_page is not None:
        template.setProgressCallBack(lambda kind, value: on_page(value) if kind == "PAGE" else None)
    template.build(flow)
    return buffer.getvalue(), placed[-1] if placed else None
