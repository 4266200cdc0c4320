"""Reading an annex file into plain grids of text, after checking it is safe to open.

Both formats come out the same way: a `Grid` per worksheet (.xlsx) or per table (.docx),
each row with its 1-based number (the sheet's row; for Word, the table's row counting
the header) and its cells as text in NFC. Blank rows are not kept. Word repeats a merged
cell once per column it spans: the repeats are blanked, so a merged title reads like an
Excel merged range; a cell merged down repeats its text on every row it covers. The text
above a Word table (the annex title, "(Kèm theo Kế hoạch số …)") is kept as the grid's
preamble; in a workbook those lines are the sheet's first rows anyway.

Everything is bounded before or while it is read (issue 23): the file, what it unpacks
to, the XML the readers parse, the rows, columns and characters of a cell. A file past a
limit is refused with the row it was found in, before anything is written; a workbook is
streamed and left at the first row past a limit.
"""

from __future__ import annotations

import stat
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import InvalidInput
from desktop.infra.problems import explain
from desktop.vietnamese.numbers import format_number

if TYPE_CHECKING:
    from docx.oxml.table import CT_Tbl

MAX_BYTES = 20 * 1024 * 1024  # an annex of thousands of rows is well under 1 MB
MAX_RATIO = 200  # compressed XML rarely beats 20:1; a bomb does 1000:1
# All parts unpacked. Pictures stay about their packed size, and python-docx holds every
# part of a document in memory, so this is also what a document's pictures may cost.
MAX_UNPACKED = 40 * 1024 * 1024
MAX_PARTS = 1_000  # a document has 10 to 40 parts, one more per picture; each is opened
# The XML in the file (every part an XML parser would read). python-docx keeps a Word
# document's XML as an lxml tree of 13 bytes per byte of Word's own XML, and up to 50 for
# a file made of empty tags; openpyxl turns a sheet's validations and merged ranges into
# objects of up to 45 bytes per byte. 8 MB stays under 500 MB of memory either way
# (bench/bench_import_limits.py), while a sheet of 5,000 seven-column rows is 3.2 MB and
# a 500-task annex as Word writes it (5 to 7 KB a row) about 3 MB.
MAX_XML = 8 * 1024 * 1024
# openpyxl builds an object per cell format in xl/styles.xml at up to 100 bytes of memory
# and 7 s per MB of XML; an annex's has a few dozen formats, a few KB to 100 KB.
MAX_STYLES = 1024 * 1024
# Rows of a sheet or table: a real plan has at most a few hundred tasks and indicators,
# with their section and continuation rows (bench/bench_import.py times 2,000); a row
# numbered past this with anything in it refuses the file.
MAX_ROWS = 5_000
MAX_COLUMNS = 63  # Word's own maximum; an annex has 5 to 15 columns
# Characters in one cell or paragraph: the longest text of the two demo plans has 499, a
# typed page about 3,000.
MAX_CELL = 20_000
_EXCEL_ROWS = 1_048_576  # Excel's last row: a sheet naming rows past it was not made by Excel
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, and password-protected .xlsx/.docx
# How an XML document may begin: '<', blanks, a byte-order mark or the zero bytes of
# UTF-16/32, 'L' (EBCDIC's '<'). A part beginning otherwise (a picture, a font) is never
# parsed, so only its unpacked size counts.
_XML_STARTS = (
    b"<",
    b" ",
    b"\t",
    b"\r",
    b"\n",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xfe\xff",
    b"\xff\xfe",
    b"L",
)


@dataclass(frozen=True)
class GridRow:
    number: int
    cells: tuple[str, ...]

    def cell(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column]


@dataclass(frozen=True)
class Grid:
    kind: str  # 'sheet' or 'table'
    name: str  # the sheet's name, or 'Bảng 2'
    rows: tuple[GridRow, ...]
    preamble: tuple[str, ...] = ()


def _text(value: object) -> str:
    """A cell as text: NFC, lines trimmed, no trailing spaces; numbers as printed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\xa0", " ")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _row(number: int, values: Sequence[object], where: str, kind: str) -> GridRow | None:
    """A row of the sheet or table as text, None when blank; refused past the limits."""
    last = len(values)
    while last and _blank(values[last - 1]):
        last -= 1
    if not last:
        return None
    if number > MAX_ROWS:
        raise InvalidInput(
            f"Dòng {format_number(number)} của {where} có nội dung, quá giới hạn "
            f"{format_number(MAX_ROWS)} dòng của một phụ lục (một kế hoạch chỉ có vài trăm "
            "nhiệm vụ); không nhập gì. Hãy xóa các dòng thừa hoặc chỉ giữ bảng cần nhập."
        )
    if last > MAX_COLUMNS:
        raise InvalidInput(
            f"Dòng {format_number(number)} của {where} có nội dung ở {_column(kind, last - 1)}, "
            f"quá giới hạn {MAX_COLUMNS} cột của một phụ lục; không nhập gì."
        )
    for column, value in enumerate(values[:last]):
        if isinstance(value, str) and len(value) > MAX_CELL:
            raise InvalidInput(
                f"Dòng {format_number(number)} của {where} ({_column(kind, column)}) dài "
                f"{format_number(len(value))} ký tự, quá giới hạn {format_number(MAX_CELL)} "
                "ký tự của một ô; không nhập gì."
            )
    cells = tuple(_text(v) for v in values[:last])
    return GridRow(number, cells) if any(cells) else None


def _column(kind: str, index: int) -> str:
    """'cột B' in a sheet, as Excel labels it; 'cột 2' in a Word table."""
    if kind == "table":
        return f"cột {index + 1}"
    from openpyxl.utils import get_column_letter

    return f"cột {get_column_letter(index + 1)}"


def read_grids(path: Path) -> list[Grid]:
    """Every sheet or table of the file, or an InvalidInput saying in Vietnamese why not."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".doc"):
        modern = ".xlsx" if suffix == ".xls" else ".docx"
        raise InvalidInput(
            f"Tệp «{path.name}» ở định dạng cũ ({suffix}). Hãy mở bằng Excel hoặc Word và "
            f"lưu lại thành {modern} rồi nhập lại."
        )
    if suffix not in (".xlsx", ".docx"):
        raise InvalidInput(
            f"Chưa nhập được tệp «{path.name}»: chỉ nhận bảng tính .xlsx hoặc văn bản .docx."
        )
    try:
        _check_container(path, suffix)
        return _read_xlsx(path) if suffix == ".xlsx" else _read_docx(path)
    except InvalidInput:
        raise
    except Exception as exc:  # a damaged file breaks the readers in many ways
        raise InvalidInput(
            f"Không đọc được tệp «{path.name}»: tệp bị hỏng hoặc không đúng định dạng "
            f"{suffix} ({type(exc).__name__})."
        ) from exc


def _unreadable(path: Path, exc: OSError) -> InvalidInput:
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return InvalidInput(
            f"Không có tệp «{path}» (đường dẫn sai, hoặc tệp đã bị chuyển đi hay xóa)."
        )
    if isinstance(exc, PermissionError):
        return InvalidInput(f"Không đọc được tệp «{path.name}»: không có quyền đọc tệp này.")
    return InvalidInput(f"Không đọc được tệp «{path.name}»: {explain(exc, path)}.")


def _megabytes(size: int) -> str:
    megabytes = size / 1024 / 1024
    return f"{format_number(megabytes, 0 if megabytes >= 10 or megabytes.is_integer() else 1)} MB"


def _check_container(path: Path, suffix: str) -> None:
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise InvalidInput(f"«{path.name}» là một thư mục, không phải tệp {suffix}.")
        if not stat.S_ISREG(status.st_mode):
            raise InvalidInput(f"«{path.name}» không phải một tệp thường (ống, thiết bị…).")
        size = status.st_size
        with path.open("rb") as file:
            head = file.read(8)
            if head == _OLE:
                rest = file.read(min(size, 4 * 1024 * 1024))
                if "EncryptionInfo".encode("utf-16-le") in rest:
                    raise InvalidInput(
                        f"Tệp «{path.name}» được đặt mật khẩu. Hãy mở tệp, bỏ mật khẩu "
                        "(lưu một bản không mật khẩu) rồi nhập lại."
                    )
                raise InvalidInput(
                    f"Tệp «{path.name}» thực ra ở định dạng cũ (.xls/.doc) dù mang đuôi "
                    f"{suffix}. Hãy lưu lại thành {suffix} rồi nhập lại."
                )
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if size == 0:
        raise InvalidInput(f"Tệp «{path.name}» rỗng.")
    if size > MAX_BYTES:
        raise InvalidInput(
            f"Tệp «{path.name}» nặng {size / 1024 / 1024:.0f} MB, quá lớn cho một phụ lục "
            f"(tối đa {MAX_BYTES // 1024 // 1024} MB). Hãy kiểm tra lại tệp "
            "(có thể chứa ảnh quét) hoặc chỉ giữ bảng cần nhập."
        )
    if not zipfile.is_zipfile(path):
        raise InvalidInput(f"Tệp «{path.name}» không phải tệp {suffix} hợp lệ (bị hỏng?).")
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_PARTS:
            raise InvalidInput(
                f"Tệp «{path.name}» gồm {format_number(len(entries))} phần, quá giới hạn "
                f"{format_number(MAX_PARTS)} của một phụ lục: không mở để tránh treo máy."
            )
        unpacked = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries) or 1
        if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
            raise InvalidInput(
                f"Tệp «{path.name}» bung ra tới {_megabytes(unpacked)}: không giống "
                "một phụ lục, không mở để tránh treo máy."
            )
        xml = sum(entry.file_size for entry in entries if _parsed(archive, entry))
    if xml > MAX_XML:
        raise InvalidInput(
            f"Tệp «{path.name}» chứa {_megabytes(xml)} XML (chữ và định dạng), quá giới hạn "
            f"{_megabytes(MAX_XML)} của một phụ lục (phụ lục 500 nhiệm vụ chỉ khoảng 3 MB): "
            "không mở để tránh treo máy. Hãy chép riêng các bảng cần nhập sang một tệp mới."
        )
    styles = sum(entry.file_size for entry in entries if entry.filename == "xl/styles.xml")
    if suffix == ".xlsx" and styles > MAX_STYLES:
        raise InvalidInput(
            f"Phần kiểu định dạng ô (xl/styles.xml) của tệp «{path.name}» nặng "
            f"{_megabytes(styles)}, quá giới hạn {_megabytes(MAX_STYLES)}: không mở để tránh "
            "treo máy. Hãy chép bảng cần nhập sang một bảng tính mới (dán giá trị) rồi nhập lại."
        )


def _parsed(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Whether an XML parser would read the part (a picture or a font it would not)."""
    with archive.open(entry) as part:
        return part.read(4).startswith(_XML_STARTS)


def _read_xlsx(path: Path) -> list[Grid]:
    from openpyxl import load_workbook  # imported here: only an import needs it

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        grids = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # the size a sheet declares is not trusted
            where = f"trang tính «{sheet.title}»"
            found = (
                _row(number, values, where, "sheet")
                for number, values in enumerate(
                    sheet.iter_rows(max_row=_EXCEL_ROWS, values_only=True), start=1
                )
            )
            grids.append(Grid("sheet", sheet.title, tuple(row for row in found if row)))
        return grids
    finally:
        book.close()


def _read_docx(path: Path) -> list[Grid]:
    from docx import Document
    from docx.oxml.text.paragraph import CT_P

    grids: list[Grid] = []
    preamble: list[str] = []
    paragraphs = 0
    for block in Document(str(path)).element.body.inner_content_elements:
        if isinstance(block, CT_P):
            paragraphs += 1
            text = block.text
            if len(text) > MAX_CELL:
                raise InvalidInput(
                    f"Đoạn văn thứ {format_number(paragraphs)} của tệp («{_text(text[:40])}…») "
                    f"dài {format_number(len(text))} ký tự, quá giới hạn "
                    f"{format_number(MAX_CELL)} ký tự của một đoạn; không nhập gì."
                )
            if text := _text(text):
                preamble.append(text)
            continue
        name = f"Bảng {len(grids) + 1}"
        grids.append(Grid("table", name, _word_rows(block, name), tuple(preamble)))
        preamble = []
    return grids


def _word_rows(table: CT_Tbl, name: str) -> tuple[GridRow, ...]:
    """A Word table's rows as python-docx reads them, without its cost: a span of
    thousands of columns is not repeated thousands of times, and a cell merged down
    takes the text above from the row before instead of searching the table for it."""
    rows: list[GridRow] = []
    above: dict[int, str] = {}  # grid column -> the text of the cell starting there
    for number, tr in enumerate(table.tr_lst, start=1):
        texts: list[str] = []
        starts: dict[int, str] = {}
        offset = tr.grid_before
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                text = above.get(offset, "")
            else:
                text = "\n".join(p.text for p in tc.p_lst)
            span = min(max(tc.grid_span, 1), MAX_COLUMNS + 1)
            starts[offset] = text
            texts += [text] + [""] * (span - 1)
            offset += span
        above = starts
        if row := _row(number, texts, name, "table"):
            rows.append(row)
    return tuple(rows)
