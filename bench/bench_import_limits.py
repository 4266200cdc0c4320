"""Hostile plan files (issue 23, point 8): each imported by a whole `python -m desktop import`
process into a fresh database, measured by os.wait4 (wall time, peak memory). Prints figures.

    .venv/bin/python bench/bench_import_limits.py [--runs N] [--code THƯ_MỤC]

Inputs, built here in a process of their own (the big ones written as XML directly, so
building takes seconds): Kế hoạch 79's annexes (45 tasks, 29 indicators) as a workbook and
as a Word document, the baseline; a Word document holding 190 MB of XML packed 117:1
(inside the zip limits of before); a workbook of 1,048,576 task rows (likewise); one of
6,000 rows (inside the size limits, past the row limit); a 10 MB cell and a 5 MB one (past
the XML limit, and inside it); a 10 MB paragraph and a 5 MB one; a Word document just under
the XML limit made of empty tags (the most memory per byte lxml can be made to spend).
Target: every import ≤ 500 MB. Medians of N runs (default 3). `--code` runs the `desktop`
package of another checkout (`git archive HEAD~1 desktop db resources | tar -x -C DIR`),
to measure the code before a change on the same files.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.demo.plan_79 import INDICATOR_GROUPS, PLAN, SECTIONS
from desktop.importing.sources import MAX_XML

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
TITLE = [
    "PHỤ LỤC III",
    "NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 57-NQ/TW",
    f"(Kèm theo Kế hoạch số {PLAN['number']} ngày 02/10/2025 của {PLAN['issuer']})",
]
TASK_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
YEARS = [2025, 2030, 2035, 2040, 2045]
INDICATOR_HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", *map(str, YEARS), "Cơ quan chủ trì"]
TEN_MB = 10 * 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"


def task_rows() -> list[list]:
    rows: list[list] = []
    for number, (_, title, tasks) in enumerate(SECTIONS):
        rows.append([ROMAN[number], title, "", "", ""])
        for n, (task, lead, coordinate, deadline, _) in enumerate(tasks, start=1):
            rows.append([n, task, "; ".join(lead), "; ".join(coordinate), deadline])
    return rows


def indicator_rows() -> list[list]:
    rows: list[list] = []
    for number, (_, title, items) in enumerate(INDICATOR_GROUPS):
        rows.append([ROMAN[number], title] + [""] * (len(INDICATOR_HEADER) - 2))
        for code, name, unit, targets, lead, _, _ in items:
            rows.append([code, name, unit, *(targets.get(y, "") for y in YEARS), "; ".join(lead)])
    return rows


def seed_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    tasks = book.active
    tasks.title = "Nhiệm vụ"
    for row in [[line] for line in TITLE] + [TASK_HEADER] + task_rows():
        tasks.append(row)
    indicators = book.create_sheet("Chỉ tiêu")
    for row in [[line] for line in TITLE] + [INDICATOR_HEADER] + indicator_rows():
        indicators.append(row)
    book.save(path)
    return path


def seed_docx(path: Path, paragraph: str = "") -> Path:
    from docx import Document

    document = Document()
    if paragraph:
        document.add_paragraph(paragraph)
    for header, rows in ((TASK_HEADER, task_rows()), (INDICATOR_HEADER, indicator_rows())):
        for line in TITLE:
            document.add_paragraph(line)
        table = document.add_table(rows=0, cols=len(header))
        for values in [header, *rows]:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = str(value)
    document.save(path)
    return path


def words(characters: int) -> str:
    """Text of the plan's own words in random order: it packs about 3:1, as typed text
    does, so the file stays inside the compression ratio limit."""
    vocabulary = sorted({w for _, title, tasks in SECTIONS for t in tasks for w in t[0].split()})
    chosen = random.Random(79).choices(vocabulary, k=characters // 4)
    return " ".join(chosen).ljust(characters, ".")[:characters]


def _word_cell(text: str) -> str:
    return (
        '<w:tc><w:tcPr><w:tcW w:w="1800" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="both"/>'
        '</w:pPr><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:t xml:space="preserve">'
        f"{escape(text)}</w:t></w:r></w:p></w:tc>"
    )


def _with_body(seed: Path, path: Path, body: bytes, ratio: float = 0) -> Path:
    """The seed document with its body replaced; with `ratio`, a picture of random bytes
    (never read) brings the whole file down to that compression ratio."""
    with zipfile.ZipFile(seed) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    document = parts["word/document.xml"]
    start = document.index(b"<w:body>") + len(b"<w:body>")
    parts["word/document.xml"] = document[:start] + body + document[document.index(b"<w:sectPr") :]
    if ratio:
        unpacked = sum(map(len, parts.values()))
        packed = sum(len(zlib.compress(data)) for data in parts.values())
        picture = int((unpacked - ratio * packed) / (ratio - 1))
        if picture > 0:
            parts["word/media/image1.png"] = b"\x89PNG" + random.Random(1).randbytes(picture)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def huge_docx(seed: Path, path: Path, megabytes: int = 190, ratio: float = 117) -> Path:
    """Kế hoạch 79's first two tasks over and over in one table, numbered on, until the XML
    is `megabytes` MB (two, so that it packs better than `ratio`:1, the ratio measured in
    the issue, which a picture of random bytes then brings the whole file down to)."""
    lines = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in TITLE)
    parts = [lines.encode(), b"<w:tbl>"]
    parts.append(("<w:tr>" + "".join(map(_word_cell, TASK_HEADER)) + "</w:tr>").encode())
    tasks = [row for row in task_rows() if isinstance(row[0], int)]
    size, number = 0, 0
    while size < megabytes * 1_000_000:
        number += 1
        row = [str(number), *tasks[number % 2][1:]]
        xml = ("<w:tr>" + "".join(map(_word_cell, row)) + "</w:tr>").encode()
        parts.append(xml)
        size += len(xml)
    parts.append(b"</w:tbl>")
    return _with_body(seed, path, b"".join(parts), ratio)


def empty_tags_docx(seed: Path, path: Path) -> Path:
    """Just under the XML limit, every byte spent on nodes: `<a/>x` is two of them in five
    bytes, the densest tree lxml can be given."""
    with zipfile.ZipFile(seed) as source:
        others = sum(i.file_size for i in source.infolist() if i.filename != "word/document.xml")
    return _with_body(seed, path, b"<a/>x" * ((MAX_XML - others - 4096) // 5))


def raw_xlsx(path: Path, rows: Iterable[list]) -> Path:
    """A one-sheet workbook of `rows` (numbers and shared strings), its XML written
    directly: openpyxl takes minutes for a million rows and cuts a cell at 32,767
    characters. Rows and cells carry no 'r' (allowed), so a million of them pack well."""
    index: dict[str, int] = {}
    sheet = io.BytesIO()
    sheet.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
    for row in rows:
        sheet.write(b"<row>")
        for value in row:
            if isinstance(value, int):
                sheet.write(f"<c><v>{value}</v></c>".encode())
            else:
                sheet.write(f'<c t="s"><v>{index.setdefault(value, len(index))}</v></c>'.encode())
        sheet.write(b"</row>")
    sheet.write(b"</sheetData></worksheet>")
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in index)
    kinds = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{kinds}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{kinds}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kinds}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Target="xl/workbook.xml" '
            f'Type="{RELATIONS}/officeDocument"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}"><sheets>'
            '<sheet name="Nhiệm vụ" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Target="worksheets/sheet1.xml" Type="{RELATIONS}/worksheet"/>'
            f'<Relationship Id="rId2" Target="sharedStrings.xml" Type="{RELATIONS}/sharedStrings"/>'
            "</Relationships>"
        ),
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">{shared}</sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in parts.items():
            out.writestr(name, text.encode())
        out.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())
    return path


def numbered_tasks(rows: int, long_cell: str = "") -> Iterator[list]:
    """The task sheet: title, header, then Kế hoạch 79's tasks over and over, numbered on
    to `rows` rows in all; `long_cell` in place of the first task's title."""
    tasks = [row for row in task_rows() if isinstance(row[0], int)]
    yield from ([line] for line in TITLE)
    yield TASK_HEADER
    for number in range(1, rows - len(TITLE)):
        title, lead = tasks[number % len(tasks)][1:3]
        yield [number, long_cell if number == 1 and long_cell else title, lead]


def build(folder: Path) -> list[tuple[str, Path]]:
    seed = seed_docx(folder / "ke_hoach_79.docx")
    big, within = TEN_MB, 5 * 1024 * 1024
    return [
        ("baseline: Kế hoạch 79, .xlsx", seed_xlsx(folder / "ke_hoach_79.xlsx")),
        ("baseline: Kế hoạch 79, .docx", seed),
        ("Word, 190 MB of XML", huge_docx(seed, folder / "xml_190mb.docx")),
        ("workbook, 1,048,576 rows", raw_xlsx(folder / "trieu_dong.xlsx", numbered_tasks(2**20))),
        ("workbook, 6,000 rows", raw_xlsx(folder / "sau_nghin.xlsx", numbered_tasks(6_000))),
        (
            "workbook, a 10 MB cell",
            raw_xlsx(folder / "o_10mb.xlsx", numbered_tasks(60, words(big))),
        ),
        (
            "workbook, a 5 MB cell",
            raw_xlsx(folder / "o_5mb.xlsx", numbered_tasks(60, words(within))),
        ),
        ("Word, a 10 MB paragraph", seed_docx(folder / "doan_10mb.docx", words(big))),
        ("Word, a 5 MB paragraph", seed_docx(folder / "doan_5mb.docx", words(within))),
        ("Word, empty tags up to the XML limit", empty_tags_docx(seed, folder / "the.docx")),
    ]


def measure(code: Path, db: Path, annex: Path) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit code, last line said) of one `import` into a fresh database."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "-m", "desktop", "--db", str(db), "import", str(annex)],
        cwd=code, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    said = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = said.strip().splitlines()
    return wall, usage.ru_maxrss / 1024, process.returncode, lines[-1] if lines else ""


def main(runs: int, code: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="sokh-bench-import-limits-") as name:
        folder = Path(name)
        started = time.perf_counter()
        # Built in a process of its own: a child's peak memory starts from its parent's.
        with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as builder:
            cases = builder.submit(build, folder).result()
        print(f"Built the files in {time.perf_counter() - started:.1f} s; code: {code}")
        for case, (label, annex) in enumerate(cases):
            with zipfile.ZipFile(annex) as archive:
                unpacked = sum(i.file_size for i in archive.infolist())
            size = annex.stat().st_size
            figures = [measure(code, folder / f"{case}_{run}.db", annex) for run in range(runs)]
            wall = statistics.median(f[0] for f in figures)
            peak = statistics.median(f[1] for f in figures)
            exit_code, said = figures[-1][2], figures[-1][3]
            verdict = "đạt" if peak <= 500 else "KHÔNG ĐẠT"
            print(
                f"{label:38} {size / 1e6:6.1f} MB → {unpacked / 1e6:6.1f} MB "
                f"({unpacked / size:4.0f}:1) {wall:7.2f} s {peak:7.1f} MB [{verdict}] "
                f"exit {exit_code}: {said[:160]}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose code runs")
    options = parser.parse_args()
    main(options.runs, options.code.resolve())
