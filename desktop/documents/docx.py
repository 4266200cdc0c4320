"""A document model as a Word file (.docx) in the form of NĐ 30/2020/NĐ-CP, Phụ lục I:
the same model, the same words and the same figures as the PDF (pdf.py), for the
offices that go on drafting in Word.

A4 upright; margins 20 mm top and bottom, 30 mm left, 15 mm right. The header is a
borderless two-column table (the agency and the number on the left, the motto, place
and date on the right) with the short rules under the agency name and the motto; the
title, the trích yếu, Kính gửi; the body 14 pt, justified, first line indented 1.27 cm,
6 pt after each paragraph; then 'Nơi nhận' and the signature side by side, again in a
borderless table. Page numbers at the top centre from page 2. Each appendix is a
landscape section of its own (the margins turned with the page: the 30 mm binding edge
at the top), its header row repeated on every page (w:tblHeader), no row split across
pages, section rows spanning the table, figures printed as the PDF prints them.

Times New Roman is named on every run and in the defaults, for every script slot
(ascii, hAnsi, eastAsia, cs), so Word never puts a theme font in its place;
LibreOffice prints it with Liberation Serif (the same metrics). The same model gives
the same bytes: no dates in the properties, every zip entry dated 1980-01-01.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from copy import deepcopy
from functools import cache
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from desktop.documents import fonts
from desktop.documents.figures import figure_text
from desktop.documents.model import Document, Kind, Letter, RowKind, Table

FONT = "Times New Roman"  # the reader's machine has it; Liberation Serif has its metrics
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
# Landscape pages are bound by their top edge: the 30 mm goes there.
WIDE_MARGINS = {"top": Mm(30), "bottom": Mm(15), "left": Mm(20), "right": Mm(20)}
# NĐ 30: the rule under the agency's name and under the trích yếu is a third to a half of
# the line above it; the one under the motto is as long as the motto.
RULE_SHARE = 0.4
# 'ỦY BAN NHÂN DÂN' over 'PHƯỜNG TRẦN LIÊU' is one name on two lines, bold like the rest
# of it; a parent body over an agency of its own ('UBND TỈNH NGHỆ AN' over 'SỞ NỘI VỤ')
# is set upright, the agency bold.
NAME_OPENINGS = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BODY, CELL = 14, 11  # pt, as in the PDF
_LEFT, _RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
_STABLE_DATE = (1980, 1, 1, 0, 0, 0)  # every zip entry's date: the same bytes every time
# What XML 1.0 cannot hold (a pasted form feed, a stray NUL) is dropped, not refused.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# The schema's order of the property elements this writer adds itself (python-docx
# keeps it for those it sets): Word refuses a file whose children are out of order.
_PPR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange")  # fmt: skip
_RPR = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
        "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
        "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w",
        "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
        "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath")  # fmt: skip
_TBLPR = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
          "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
          "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
          "w:tblCaption", "w:tblDescription", "w:tblPrChange")  # fmt: skip
_TRPR = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
         "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
         "w:ins", "w:del", "w:trPrChange")  # fmt: skip
_TCPR = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
         "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
         "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")  # fmt: skip


_RUN, _TEXT = f".//{qn('w:r')}", f".//{qn('w:t')}"  # in a table cell


def _clean(text: object) -> str:
    """NFC (as the PDF prints it), without what XML cannot carry; '\\n' breaks the line."""
    value = "" if text is None else str(text)
    return _NOT_XML.sub("", unicodedata.normalize("NFC", value.replace("\r\n", "\n")))


def _child(parent: Any, tag: str, order: tuple[str, ...], **attributes: str) -> Any:
    """`parent`'s child `tag` (made in its place in `order` if missing), with these
    attributes set."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        later = {qn(name) for name in order[order.index(tag) + 1 :]}
        following = next((c for c in parent if c.tag in later), None)
        if following is None:
            parent.append(element)
        else:
            following.addprevious(element)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


# Text -------------------------------------------------------------------------------


def _font(r_pr: Any, size: float | None = None) -> None:
    """Times New Roman in every script slot of this rPr, no theme font over it; the
    size for complex scripts too."""
    r_fonts = _child(r_pr, "w:rFonts", _RPR)
    for name in [n for n in r_fonts.attrib if n.lower().endswith("theme")]:
        del r_fonts.attrib[name]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        r_fonts.set(qn(f"w:{slot}"), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            _child(r_pr, tag, _RPR, val=str(round(size * 2)))


def _preserve(run: Any) -> None:
    """Every space kept as typed ('Số:      /BC-UBND' leaves room for the văn thư)."""
    for text in run.iter(qn("w:t")):
        text.set(qn("xml:space"), "preserve")


def _run(paragraph: DocxParagraph, text: str, size: float, bold=False, italic=False) -> None:
    run = paragraph.add_run(_clean(text))
    _preserve(run._r)
    if bold:
        run.font.bold = run.font.cs_bold = True
    if italic:
        run.font.italic = run.font.cs_italic = True
    _font(run._r.get_or_add_rPr(), size)


def _mark(paragraph: DocxParagraph, size: float) -> None:
    """The paragraph mark's font and size (an empty paragraph is as tall as its mark)."""
    _font(_child(paragraph._p.get_or_add_pPr(), "w:rPr", _PPR), size)


def _paragraph(
    where: Any,
    text: str = "",
    size: float = BODY,
    *,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
    first_line: Length | None = None,
    leading: float | None = None,
    keep_with_next=False,
) -> DocxParagraph:
    """A paragraph of one run in the document or a table cell (a new cell's empty
    paragraph takes the cell's first text)."""
    fresh = isinstance(where, _Cell) and len(where.paragraphs) == 1
    if fresh and not where.paragraphs[0].runs and where.paragraphs[0]._p.pPr is None:
        paragraph = where.paragraphs[0]
    else:
        paragraph = where.add_paragraph()
    form = paragraph.paragraph_format
    form.alignment = align
    form.space_before, form.space_after = Pt(before), Pt(after)
    if first_line is not None:
        form.first_line_indent = first_line
    if leading is not None:  # the PDF's distance between lines, never less than the font's
        form.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        form.line_spacing = Pt(leading)
    if keep_with_next:
        form.keep_with_next = True
    if text:
        _run(paragraph, text, size, bold, italic)
    _mark(paragraph, size)
    return paragraph


def _rule(where: Any, length: Length, width: Length, before: float = 5) -> None:
    """A centred line `length` long under the text above (in a space `width` wide): the
    top border of a thin paragraph indented to that length."""
    paragraph = _paragraph(where, "", 2, before=before)
    form = paragraph.paragraph_format
    form.left_indent = form.right_indent = Length(max(0, (width - length) // 2))
    borders = _child(paragraph._p.get_or_add_pPr(), "w:pBdr", _PPR)
    _child(borders, "w:top", ("w:top",), val="single", sz="4", space="0", color="000000")


@cache
def _text_width(text: str, face: str, size: float) -> Length:
    """A line's printed width (Liberation Serif's metrics are Times New Roman's)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register()
    return Pt(stringWidth(text, face, size))


def _longest_line(text: str, face: str, size: float, width: Length) -> Length:
    """The width of the longest line `text` takes in a column `width` wide, its words
    wrapped as a word processor does (the rule under it is a share of that line)."""
    longest, line = 0, ""
    for word in _clean(text).split():
        wider = f"{line} {word}" if line else word
        if line and _text_width(wider, face, size) > width:
            longest, line = max(longest, _text_width(line, face, size)), word
        else:
            line = wider
    return Length(min(width, max(longest, _text_width(line, face, size))))


# Tables -----------------------------------------------------------------------------


def _fixed_widths(table: DocxTable, widths: list[Length]) -> None:
    """Columns as wide as asked, in Word and LibreOffice alike (grid, cells, table)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    total = str(round(sum(widths) / 635))  # EMU -> twentieths of a point
    _child(table._tbl.tblPr, "w:tblW", _TBLPR, type="dxa", w=total)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _layout_table(document: Any, widths: list[Length]) -> tuple[_Cell, ...]:
    """A borderless table that only places blocks side by side, its text flush with the
    margins (no cell padding), as in the PDF; its cells."""
    table = document.add_table(rows=1, cols=len(widths))
    _fixed_widths(table, widths)
    margins = _child(table._tbl.tblPr, "w:tblCellMar", _TBLPR)
    for side in ("left", "right"):
        _child(margins, f"w:{side}", ("w:top", "w:left", "w:bottom", "w:right"), w="0", type="dxa")
    borders = _child(table._tbl.tblPr, "w:tblBorders", _TBLPR)
    sides = ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV")
    for side in sides:
        _child(borders, side, sides, val="nil")
    _child(table.rows[0]._tr.get_or_add_trPr(), "w:cantSplit", _TRPR)
    return table.rows[0].cells


def _cell_text(cell: _Cell, text: str, *, bold=False, align=_LEFT, keep_with_next=False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.alignment = align
    if keep_with_next:  # in a table: the row stays on the page of the row after it
        paragraph.paragraph_format.keep_with_next = True
    if text:
        _run(paragraph, text, CELL, bold)
    _mark(paragraph, CELL)


# The letter -------------------------------------------------------------------------


def _page_width() -> Length:
    return Length(A4[0] - MARGINS["left"] - MARGINS["right"])


def _header(document: Any, letter: Letter) -> None:
    header, width = letter.header, _page_width()
    left_width = Length(round(width * 0.4))
    right_width = Length(width - left_width)
    left, right = _layout_table(document, [left_width, right_width])
    opens_the_name = header.parent_agency.strip().upper() in NAME_OPENINGS
    _paragraph(left, header.parent_agency, 13, bold=opens_the_name)
    _paragraph(left, header.agency, 13, bold=True)
    agency = _longest_line(header.agency, fonts.BOLD, 13, left_width)
    _rule(left, Length(round(agency * RULE_SHARE)), left_width)
    _paragraph(left, header.number_line, 13, before=2)
    _paragraph(right, NATION, 13, bold=True)
    _paragraph(right, MOTTO, 13, bold=True)
    _rule(right, _text_width(MOTTO, fonts.BOLD, 13), right_width)
    _paragraph(right, header.place_date, 14, italic=True, before=2)


def _closing(document: Any, letter: Letter) -> None:
    width = _page_width()
    left_width = Length(round(width * 0.45))
    recipients, signature = _layout_table(document, [left_width, Length(width - left_width)])
    left = WD_ALIGN_PARAGRAPH.LEFT
    _paragraph(recipients, "Nơi nhận:", 12, bold=True, italic=True, align=left)
    for line in letter.recipients:
        _paragraph(recipients, line, 11, align=left)
    for line in letter.signature.authority:
        _paragraph(signature, line, BODY, bold=True)
    space = _paragraph(signature, "", BODY)  # 28 mm to sign in (NĐ 30: 25 to 30)
    space.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    space.paragraph_format.line_spacing = Mm(28)
    _paragraph(signature, letter.signature.name, BODY, bold=True)


def _letter(document: Any, letter: Letter) -> None:
    _header(document, letter)
    _paragraph(document, letter.kind_title, BODY, bold=True, before=18, leading=18)
    _paragraph(document, letter.summary, BODY, bold=True, leading=18)
    width = _page_width()
    summary = _longest_line(letter.summary, fonts.BOLD, BODY, width)
    _rule(document, Length(round(summary * RULE_SHARE)), width)
    _paragraph(document, letter.addressee, BODY, before=6, after=12)
    last = len(letter.body) - 1
    for index, paragraph in enumerate(letter.body):  # its text, bold if a heading
        _paragraph(
            document,
            paragraph.text,
            BODY,
            bold=paragraph.heading,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            after=6,
            first_line=Mm(12.7),
            leading=18,
            # A heading never alone at the foot of a page; the signature never alone
            # on a page of its own.
            keep_with_next=paragraph.heading or index == last,
        )
    _paragraph(document, "", BODY, keep_with_next=True)
    _closing(document, letter)


# Appendices -------------------------------------------------------------------------


class _Cells:
    """The grid's cells. Each look of cell (column, bold, alignment, heading) is made
    once with python-docx and then copied with its text: an appendix of 2,000 tasks
    has 16,000 cells, and making each one whole took most of ten seconds."""

    def __init__(self, grid: DocxTable, widths: list[Length]):
        self.grid, self.widths = grid, widths
        self.made: dict[tuple, Any] = {}

    def _prototype(self, column: int | None, bold: bool, align, keep: bool) -> Any:
        tc = OxmlElement("w:tc")
        tc.append(OxmlElement("w:p"))
        cell = _Cell(tc, self.grid)
        if column is None:  # a section row: one cell across the table
            cell.width = Length(sum(self.widths))
            tc.grid_span = len(self.widths)
        else:
            cell.width = self.widths[column]
        _cell_text(cell, "x", bold=bold, align=align, keep_with_next=keep)
        return tc

    def cell(self, column: int | None, text: str, bold=False, align=_LEFT, keep=False) -> Any:
        key = (column, bold, align, keep)
        if key not in self.made:
            self.made[key] = self._prototype(column, bold, align, keep)
        tc = deepcopy(self.made[key])
        run = tc.find(_RUN)
        if not text:
            run.getparent().remove(run)
        elif "\n" in text or "\t" in text:
            run.text = text  # python-docx makes the line breaks and tabs
            _preserve(run)
        else:
            run.find(_TEXT).text = text
        return tc


def _grid_rows(grid: DocxTable, table: Table, widths: list[Length]) -> None:
    cells, tbl = _Cells(grid, widths), grid._tbl
    row_prototype = OxmlElement("w:tr")
    _child(row_prototype.get_or_add_trPr(), "w:cantSplit", _TRPR)  # never split by a page
    kinds = [c.kind for c in table.columns]
    for row in table.rows:
        tr = deepcopy(row_prototype)
        if row.kind is RowKind.SECTION:  # bold, and over to the next page with its first row
            tr.append(cells.cell(None, _clean(row.cells[0]), bold=True, keep=True))
        else:
            bold = row.kind is RowKind.TOTAL
            for column, (kind, value) in enumerate(zip(kinds, row.cells, strict=True)):
                if kind is Kind.TEXT and not isinstance(value, int | float):
                    tr.append(cells.cell(column, _clean(value), bold))
                else:
                    tr.append(cells.cell(column, figure_text(value, kind), bold, _RIGHT))
        tbl.append(tr)


def _appendix(document: Any, table: Table, width: Length) -> None:
    for line in (table.label, table.title):
        if line:
            _paragraph(document, line, BODY, bold=True, keep_with_next=True)
    if table.reference:
        _paragraph(document, table.reference, 13, italic=True, keep_with_next=True)
    _paragraph(document, "", 8, keep_with_next=True)
    if table.unit_line:
        _paragraph(document, table.unit_line, 12, italic=True, align=_RIGHT, keep_with_next=True)
    total = sum(c.width for c in table.columns) or 1
    widths = [Length(round(width * c.width / total)) for c in table.columns]
    grid = document.add_table(rows=1, cols=len(widths))
    grid.style = document.styles["Table Grid"]
    _fixed_widths(grid, widths)
    head = grid.rows[0]
    tr_pr = head._tr.get_or_add_trPr()
    _child(tr_pr, "w:cantSplit", _TRPR)
    _child(tr_pr, "w:tblHeader", _TRPR)  # repeated at the top of every page
    for cell, column in zip(head.cells, table.columns, strict=True):
        _child(cell._tc.get_or_add_tcPr(), "w:shd", _TCPR, val="clear", color="auto", fill="EEEEEE")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(cell, _clean(column.title), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _grid_rows(grid, table, widths)


# The file ---------------------------------------------------------------------------


def _page(section: Any, wide: bool) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if wide else (width, height)
    for side, value in (WIDE_MARGINS if wide else MARGINS).items():
        setattr(section, f"{side}_margin", value)
    section.header_distance = section.footer_distance = Mm(10)
    section.gutter = 0


def _page_numbers(section: Any) -> None:
    """The page number at the top centre from the second page (NĐ 30): the first page
    has a header of its own, left empty; the sections after it show this one's."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    _mark(section.first_page_header.paragraphs[0], 13)
    paragraph = section.header.paragraphs[0]
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _mark(paragraph, 13)
    for kind, code in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", ""), ("end", "")):
        run = paragraph.add_run("2" if not (kind or code) else None)  # '2' until Word counts
        _font(run._r.get_or_add_rPr(), 13)
        if kind:
            _child(run._r, "w:fldChar", ("w:fldChar",), fldCharType=kind)
        elif code:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = code
            run._r.append(instruction)


def _defaults(document: Any, source: Document) -> None:
    """Times New Roman 14 pt, single lines, Vietnamese; the file's properties from the
    model, without dates (the same bytes for the same model)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _font(r_pr, BODY)
    _child(r_pr, "w:lang", _RPR, val="vi-VN")
    p_pr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _child(p_pr, "w:spacing", _PPR, after="0", line="240", lineRule="auto")
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(BODY if name == "Normal" else CELL)
        _font(style.element.get_or_add_rPr())
    for r_fonts in document.styles.element.iter(qn("w:rFonts")):  # the template's headings
        if any(name.lower().endswith("theme") for name in r_fonts.attrib):
            _font(r_fonts.getparent())

    properties = document.core_properties
    properties.title = _clean(source.file_title)
    properties.author = properties.last_modified_by = _clean(source.author)
    properties.keywords = _clean(source.keywords)
    properties.comments = ""
    properties.revision = 1
    for tag in ("dcterms:created", "dcterms:modified"):
        for dated in properties._element.findall(qn(tag)):
            properties._element.remove(dated)
    relations = document.part.package.rels
    for key, relation in list(relations.items()):
        if relation.reltype == RELATIONSHIP_TYPE.THUMBNAIL:  # the template's blank page
            del relations[key]


def _section_break(document: Any) -> Any:
    """A new landscape section; the paragraph that ends the one before takes no room
    (no blank page after a table that fills its last page)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    ending = document.element.body.findall(qn("w:p"))[-1]
    p_pr = ending.get_or_add_pPr()
    _child(p_pr, "w:spacing", _PPR, before="0", after="0", line="20", lineRule="exact")
    _font(_child(p_pr, "w:rPr", _PPR), 1)
    _page(section, wide=True)
    section.different_first_page_header_footer = False  # numbered from its first page
    return section


def render(document: Document) -> bytes:
    """The .docx's bytes: the letter upright (when there is one), then each appendix in
    a landscape section of its own (one that follows the table before it on the same
    page stays in that section)."""
    word = new_document()
    _defaults(word, document)
    body = word.element.body
    for stray in body.findall(qn("w:p")):  # the template's empty paragraph
        body.remove(stray)
    letter = document.letter
    _page(word.sections[0], wide=letter is None)
    _page_numbers(word.sections[0])
    if letter is not None:
        _letter(word, letter)
    width = Length(A4[1] - WIDE_MARGINS["left"] - WIDE_MARGINS["right"])
    for index, table in enumerate(document.appendices):
        if (index == 0 and letter is not None) or (index > 0 and table.new_page):
            _section_break(word)
        elif index > 0:
            _paragraph(word, "", BODY, after=12)
        _appendix(word, table, width)
    buffer = io.BytesIO()
    word.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(content: bytes) -> bytes:
    """The same parts in the same order, each dated 1980-01-01 (python-docx dates them
    with the time of saving, so two saves of one model would differ)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, _STABLE_DATE)
            entry.create_system = 0  # the same bytes whichever system wrote them
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()
