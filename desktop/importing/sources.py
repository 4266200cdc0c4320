"""Reading an annex file into plain grids of text, after checking it is safe to open.

Both formats come out the same way: a `Grid` per worksheet (.xlsx) or per table (.docx),
each row with its 1-based number (the sheet's row; for Word, the table's row counting
the header) and its cells as text in NFC. Word repeats a merged cell once per column it
spans: the repeats are blanked, so a merged title reads like an Excel merged range.
The text above a Word table (the annex title, "(Kèm theo Kế hoạch số …)") is kept as
the grid's preamble; in a workbook those lines are the sheet's first rows anyway.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.errors import InvalidInput

MAX_BYTES = 20 * 1024 * 1024  # an annex of thousands of rows is well under 1 MB
MAX_UNPACKED = 200 * 1024 * 1024  # what the zip may expand to (a zip bomb expands to GBs)
MAX_RATIO = 200  # compressed XML rarely beats 20:1; a bomb does 1000:1
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, and password-protected .xlsx/.docx


@dataclass(frozen=True)
class GridRow:
    number: int
    cells: tuple[str, ...]

    def cell(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column]

    @property
    def blank(self) -> bool:
        return not any(self.cells)


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
    _check_container(path, suffix)
    try:
        return _read_xlsx(path) if suffix == ".xlsx" else _read_docx(path)
    except InvalidInput:
        raise
    except Exception as exc:  # a damaged file breaks the readers in many ways
        raise InvalidInput(
            f"Không đọc được tệp «{path.name}»: tệp bị hỏng hoặc không đúng định dạng "
            f"{suffix} ({type(exc).__name__})."
        ) from exc


def _check_container(path: Path, suffix: str) -> None:
    try:
        size = path.stat().st_size
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
        raise InvalidInput(f"Không đọc được tệp «{path.name}»: {exc.strerror}.") from exc
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
        unpacked = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        raise InvalidInput(
            f"Tệp «{path.name}» bung ra tới {unpacked / 1024 / 1024:.0f} MB: không giống "
            "một phụ lục, không mở để tránh treo máy."
        )


def _read_xlsx(path: Path) -> list[Grid]:
    from openpyxl import load_workbook  # imported here: only an import needs it

    book = load_workbook(path, data_only=True)
    grids = []
    for sheet in book.worksheets:
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = tuple(_text(v) for v in values)
            while cells and not cells[-1]:
                cells = cells[:-1]
            rows.append(GridRow(number, cells))
        grids.append(Grid("sheet", sheet.title, tuple(rows)))
    book.close()
    return grids


def _read_docx(path: Path) -> list[Grid]:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    grids: list[Grid] = []
    preamble: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if text := _text(block.text):
                preamble.append(text)
            continue
        assert isinstance(block, Table)
        rows = []
        for number, row in enumerate(block.rows, start=1):
            cells, previous = [], None
            for cell in row.cells:
                # A merged cell comes back once per spanned column: keep the first.
                cells.append("" if cell._tc is previous else _text(cell.text))
                previous = cell._tc
            rows.append(GridRow(number, tuple(cells)))
        grids.append(Grid("table", f"Bảng {len(grids) + 1}", tuple(rows), tuple(preamble)))
        preamble = []
    return grids
