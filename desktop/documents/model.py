"""One model per document, built by the core from a workspace; the PDF and XLSX writers
are plain functions over it, so the printed page and the workbook never disagree.

Text is NFC (reportlab does no shaping: a decomposed 'ệ' would print as 'e' plus loose
marks). Figures in tables stay numbers with a format, so the workbook gets numeric
cells and the PDF prints them the Vietnamese way (1.234,5).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"  # counts: 12
    MONEY = "money"  # triệu đồng with up to 3 decimals: 1.234,5
    PERCENT = "percent"  # a share 0..1 printed 85,0%


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # relative width; the writers scale to the page
    kind: Kind = Kind.TEXT


class RowKind(StrEnum):
    DATA = "data"
    SECTION = "section"  # a heading row spanning the table: 'I. NÂNG CAO NHẬN THỨC'
    TOTAL = "total"


@dataclass(frozen=True)
class Row:
    cells: tuple[str | float | int | None, ...]  # one per column; a section row: one text
    kind: RowKind = RowKind.DATA


@dataclass(frozen=True)
class Table:
    """An appendix: its heading lines, the unit its figures are in, columns and rows."""

    label: str  # 'Phụ lục I'
    title: str  # 'TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ'
    reference: str  # '(Kèm theo Báo cáo số …/BC-UBND ngày … của UBND …)'
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    unit_line: str = ""  # 'Đơn vị tính: triệu đồng'
    sheet_name: str = ""  # the workbook sheet (≤ 31 characters)
    new_page: bool = True  # False: follows the table before it on the same page


@dataclass(frozen=True)
class Header:
    """The NĐ 30 header: the agency on the left, the motto on the right."""

    parent_agency: str  # 'ỦY BAN NHÂN DÂN'
    agency: str  # 'PHƯỜNG TRẦN LIÊU'
    number_line: str  # 'Số: 15/BC-UBND' or 'Số:      /BC-UBND'
    place_date: str  # 'Trần Liêu, ngày 02 tháng 10 năm 2025'


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: bool = False  # a bold run-in heading ('1. Kết quả thực hiện nhiệm vụ')


@dataclass(frozen=True)
class Signature:
    authority: tuple[str, ...]  # ('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
    name: str


@dataclass(frozen=True)
class Letter:
    """The document proper: header, title, body, 'Nơi nhận' and the signature."""

    header: Header
    kind_title: str  # 'BÁO CÁO'
    summary: str  # the trích yếu
    addressee: str  # 'Kính gửi: …'
    body: tuple[Paragraph, ...]
    recipients: tuple[str, ...]  # 'Nơi nhận' lines after the heading
    signature: Signature


@dataclass(frozen=True)
class Document:
    """A letter with its appendices, or appendices alone (an assignment annex)."""

    file_title: str  # the PDF's title metadata
    author: str  # the agency, for the files' metadata
    keywords: str = ""  # 'so-ke-hoach; ky=2025-Q4': what a verifier checks the data against
    letter: Letter | None = None
    appendices: tuple[Table, ...] = field(default_factory=tuple)

    def normalised(self) -> Document:
        """Every text in NFC (reportlab does no shaping)."""

        def text(value):
            return nfc(value) if isinstance(value, str) else value

        def row(r: Row) -> Row:  # a row already in NFC is kept, not copied
            cells = tuple(text(c) for c in r.cells)
            return (
                r
                if all(a is b for a, b in zip(cells, r.cells, strict=True))
                else replace(r, cells=cells)
            )

        letter = self.letter
        if letter is not None:
            body = tuple(replace(p, text=nfc(p.text)) for p in letter.body)
            letter = replace(letter, body=body, summary=nfc(letter.summary))
        tables = tuple(
            replace(
                t,
                title=nfc(t.title),
                reference=nfc(t.reference),
                rows=tuple(row(r) for r in t.rows),
            )
            for t in self.appendices
        )
        return replace(self, letter=letter, appendices=tables, file_title=nfc(self.file_title))
