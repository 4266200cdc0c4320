"""The workbook prints (issue 24, point 6): each sheet fitted to the page's width, every
row as tall as its wrapped text, a row taller than a page carried on in rows under it.

Checked the way a clerk prints it: LibreOffice (headless) turns the workbook into a PDF,
poppler and PDFium read its pages. LibreOffice is a test tool here (scripts/setup.sh dev
installs it, and CI runs that): a machine without it fails these tests, it does not skip
them."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from openpyxl import load_workbook

from desktop.documents import saving
from desktop.domain.periods import PeriodId
from desktop.submission.document import submission

CLOCK = datetime(2026, 7, 25, 3, tzinfo=UTC)
WORDS = 430  # 'đợt0000 … đợt0429': about 3,400 characters, several pages' height of a column


@pytest.fixture(scope="module")
def printed(tmp_path_factory, demo_files):
    """The 2026-Q2 report's workbook, one task's result made long, and the PDF that
    LibreOffice prints of it."""
    folder = tmp_path_factory.mktemp("in")
    with demo_files.open(folder / "hn.db", "hung-nguyen", clock=lambda: CLOCK, actor=None) as ws:
        ws.document_settings.save(signer_name="Nguyễn Văn An", number="15")
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2026-Q2"), plan.id)
        item = next(i for i in ws.progress.overview(plan.id, period) if i.latest)
        latest = item.latest
        ws.progress.record(
            item.task.id, period.key, latest.status, latest.percent, latest.completed_on,
            result=" ".join(f"đợt{n:04d}" for n in range(WORDS)), occurrence=latest.occurrence,
        )  # fmt: skip
        document = submission(ws, plan, period).document
    workbook = saving.save(document, folder / "bao_cao.xlsx")
    return document, workbook, to_pdf(workbook, folder)


def to_pdf(workbook: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: scripts/setup.sh dev installs it"
    profile = folder / "libreoffice"  # its own, so that no other LibreOffice holds it
    subprocess.run(
        [
            soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", str(folder), str(workbook),
        ],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    made = folder / f"{workbook.stem}.pdf"
    assert made.exists(), "LibreOffice wrote no PDF"
    return made


def pages_of(path: Path, *options: str) -> list[str]:
    text = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def sheets_pages(document, pages: list[str]) -> list[tuple[object, list[int]]]:
    """Each appendix with the pages its sheet printed on (each sheet starts a page)."""
    starts = [
        next(n for n, page in enumerate(pages) if flat(page).strip().startswith(t.label + " "))
        for t in document.appendices
    ]
    ends = [*starts[1:], len(pages)]
    return [
        (table, list(range(start, end)))
        for table, start, end in zip(document.appendices, starts, ends, strict=True)
    ]


def test_each_sheet_prints_its_whole_width_on_every_page(printed):
    document, _, pdf = printed
    pages = pages_of(pdf, "-raw")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info)  # landscape
    for table, numbers in sheets_pages(document, pages):
        titles = [flat(column.title) for column in table.columns]
        assert all(title in flat(pages[numbers[0]]) for title in titles), table.label
        for n in numbers:  # no page holds only columns split off: each has them all
            assert all(title in flat(pages[n]) for title in titles), (table.label, n)
    # Shrunk to the width, not further: columns measured in the workbook's own Times New
    # Roman. Measured in a stand-in for Calibri (a machine without it), the 11 pt text
    # printed at 7.5 pt.
    first = pdfium.PdfDocument(str(pdf))[0]
    sizes = [
        item.get_font_size() * item.get_matrix().get()[0]
        for item in first.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT])
    ]
    assert min(sizes) >= 9, sizes


def test_the_long_result_is_printed_whole_in_rows_of_its_own(printed):
    _, workbook, pdf = printed
    raw = "".join(pages_of(pdf, "-raw"))
    assert [int(n) for n in re.findall(r"đợt(\d{4})", raw)] == list(range(WORDS))
    sheet = load_workbook(workbook)["PL I Nhiệm vụ"]
    pieces = [row[7].value for row in sheet.iter_rows() if "đợt" in str(row[7].value)]
    assert len(pieces) > 1 and " ".join(pieces).split() == [f"đợt{n:04d}" for n in range(WORDS)]
    tallest = max(sheet.row_dimensions[r].height or 0 for r in range(1, sheet.max_row + 1))
    assert tallest <= 409  # Excel's own limit: what is taller goes on in the next rows


def test_no_wrapped_text_runs_over_its_row(printed):
    """Every line of text ends inside its row: no border drawn across a line of text
    (a row one line high under a cell of eight drew seven of them over the rows below),
    and no text past the page's foot."""
    _, _, pdf = printed
    document = pdfium.PdfDocument(str(pdf))
    crossed = []
    for number, page in enumerate(document, start=1):
        textpage = page.get_textpage()
        lines, borders = [], []
        for item in page.get_objects(textpage=textpage):
            left, bottom, right, top = item.get_bounds()
            if item.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                lines.append((left, bottom, right, top, item.extract().strip()))
            elif item.type == pdfium_c.FPDF_PAGEOBJ_PATH and top - bottom < 2:
                borders.append((left, (bottom + top) / 2, right))
        height = page.get_height()
        for left, bottom, right, top, text in lines:
            assert bottom > 0 and top < height, (number, text)
            for start, y, end in borders:
                if bottom + 1 < y < top - 1 and start < right and left < end:
                    crossed.append((number, text))
    assert crossed == []


def test_every_row_has_its_height(printed):
    _, workbook, _ = printed
    for sheet in load_workbook(workbook):
        for row in range(1, sheet.max_row + 1):
            dimension = sheet.row_dimensions[row]
            assert dimension.customHeight and dimension.height >= 15, (sheet.title, row)
