"""The report as a Word file (desktop/documents/docx.py), read back as a reader would:
python-docx opens it again, poppler reads the PDF of the same model, and LibreOffice
prints the .docx to PDF. The .docx and the PDF carry the same words and figures."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from demo_files import ACTOR
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from desktop.cli import main
from desktop.documents import docx, pdf
from desktop.documents.assignment_annex import annexed_units, assignment_annex
from desktop.documents.figures import figure_text
from desktop.documents.model import Kind, RowKind
from desktop.domain.periods import PeriodId
from desktop.submission.document import submission

FONT = "Times New Roman"
SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


@pytest.fixture
def signed(demo_ws):
    demo_ws.document_settings.save(
        signer_name="Nguyễn Văn An",
        number="15",
        recipients=["- Như trên;", "- TT Đảng ủy phường;"],
    )
    return demo_ws


@pytest.fixture
def report(signed):
    """The 2025 report of phường Trần Liêu's demo: its model and its .docx reopened."""
    plan = signed.plans.current()
    period = signed.periods.get(PeriodId.parse("2025"), plan.id)
    document = submission(signed, plan, period).document
    return document, open_docx(BytesIO(docx.render(document)))


def nfc(text) -> str:
    return unicodedata.normalize("NFC", str(text))


def texts(cell_or_document) -> list[str]:
    return [p.text for p in cell_or_document.paragraphs if p.text]


def bold(paragraph) -> bool:
    return bool(paragraph.runs) and all(run.bold for run in paragraph.runs)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sections_of_tables(word) -> list[int]:
    """The section each top-level table is in (a paragraph holding a sectPr ends one)."""
    found, section = [], 0
    for child in word.element.body:
        if child.tag == qn("w:tbl"):
            found.append(section)
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            section += 1
    return found


def pdf_text(path: Path) -> str:
    """The PDF's text, whitespace folded, without the page numbers at the top of the
    pages after the first (a paragraph runs on from one page to the next)."""
    pages = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout.split("\f")
    kept = []
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        if number > 1 and lines and lines[0].strip() == str(number):
            lines = lines[1:]
        kept.append(" ".join(lines))
    return flat(" ".join(kept))


def page_sizes(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]


# The letter ----------------------------------------------------------------------------


def test_the_header_is_the_nd30_two_column_table(report):
    document, word = report
    header = document.letter.header
    left, right = word.tables[0].rows[0].cells
    assert texts(left) == [header.parent_agency, header.agency, header.number_line]
    assert texts(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        header.place_date,
    ]
    assert (header.parent_agency, header.agency) == ("ỦY BAN NHÂN DÂN", "PHƯỜNG TRẦN LIÊU")
    written = {p.text: p for p in [*left.paragraphs, *right.paragraphs] if p.text}
    for line in ("ỦY BAN NHÂN DÂN", "PHƯỜNG TRẦN LIÊU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert bold(written[line])
    assert bold(written["Độc lập - Tự do - Hạnh phúc"])
    assert not bold(written[header.number_line]) and header.number_line == "Số: 15/BC-UBND"
    assert all(run.italic for run in written[header.place_date].runs)
    # A short rule under the agency and one under the motto: bordered empty paragraphs.
    for cell, after in ((left, header.agency), (right, "Độc lập - Tự do - Hạnh phúc")):
        lines = [p.text for p in cell.paragraphs]
        rule = cell.paragraphs[lines.index(after) + 1]
        assert rule.text == "" and rule._p.find(f".//{qn('w:pBdr')}/{qn('w:top')}") is not None
        assert rule.paragraph_format.left_indent > 0  # shorter than the column
    # Borderless, in two columns of 40 % and 60 % of the line.
    borders = word.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    widths = [c.width for c in word.tables[0].columns]
    assert abs(widths[0] / sum(widths) - 0.4) < 0.001
    assert round(sum(widths) / Mm(1)) == 210 - 30 - 15


def test_title_summary_addressee_and_body_are_the_models(report):
    document, word = report
    letter = document.letter
    paragraphs = [p for p in word.paragraphs if p.text]
    title, summary, addressee = paragraphs[:3]
    assert (
        (title.text, summary.text)
        == (letter.kind_title, letter.summary)
        == ("BÁO CÁO", letter.summary)
    )
    assert bold(title) and bold(summary)
    assert title.alignment == summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert addressee.text == letter.addressee and addressee.text.startswith("Kính gửi: ")
    body = [p for p in word.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    assert [p.text for p in body] == [nfc(p.text) for p in letter.body]
    assert len(body) > 10
    assert [bold(p) for p in body] == [p.heading for p in letter.body]
    assert any(p.heading for p in letter.body) and not all(p.heading for p in letter.body)
    assert {p.paragraph_format.first_line_indent for p in body} == {Mm(12.7)}
    sizes = {run.font.size for p in body for run in p.runs}
    assert sizes == {Pt(14)}  # the PDF's body size (NĐ 30: 13 to 14)


def test_recipients_and_signature_side_by_side(report):
    document, word = report
    letter = document.letter
    recipients, signature = word.tables[1].rows[0].cells
    heading, *lines = [p for p in recipients.paragraphs if p.text]
    assert heading.text == "Nơi nhận:"
    assert all(run.bold and run.italic for run in heading.runs)
    assert [p.text for p in lines] == list(letter.recipients)
    assert lines[0].text == "- Như trên;" and lines[-1].text.startswith("- Lưu: VT")
    assert {run.font.size for p in lines for run in p.runs} == {Pt(11)}
    shown = [p for p in signature.paragraphs if p.text]
    assert [p.text for p in shown] == [*letter.signature.authority, "Nguyễn Văn An"]
    assert all(bold(p) for p in shown)
    space = signature.paragraphs[[p.text for p in signature.paragraphs].index("Nguyễn Văn An") - 1]
    assert space.text == "" and space.paragraph_format.line_spacing >= Mm(25)  # to sign in


# The appendices --------------------------------------------------------------------------


def test_every_appendix_is_a_landscape_section_with_a_repeating_header(report):
    document, word = report
    first = word.sections[0]
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    margins = [first.top_margin, first.bottom_margin, first.left_margin, first.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    grids = word.tables[2:]
    assert len(grids) == len(document.appendices) == 2  # Phụ lục I and II (no budget)
    in_section = sections_of_tables(word)[2:]
    assert sorted(set(in_section)) == in_section and 0 not in in_section  # one each
    for grid, table, index in zip(grids, document.appendices, in_section, strict=True):
        section = word.sections[index]
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
        head = grid.rows[0]._tr.trPr
        assert head.find(qn("w:tblHeader")) is not None  # printed again on every page
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in grid.rows)
        assert [c.text for c in grid.rows[0].cells] == [c.title for c in table.columns]
        assert all(bold(c.paragraphs[0]) for c in grid.rows[0].cells)
        weights = [c.width for c in table.columns]
        widths = [c.width for c in grid.columns]
        for weight, width in zip(weights, widths, strict=True):
            assert abs(width / sum(widths) - weight / sum(weights)) < 0.001
        assert round(sum(widths) / Mm(1)) == 297 - 20 - 20
    headings = [p.text for p in word.paragraphs if p.text]
    for table in document.appendices:
        wanted = [t for t in (table.label, table.title, table.reference, table.unit_line) if t]
        start = headings.index(table.label)
        assert headings[start : start + len(wanted)] == wanted
    assert document.appendices[0].label == "Phụ lục I"


def test_rows_cells_and_figures_are_the_models(report):
    document, word = report
    sections = 0
    for grid, table in zip(word.tables[2:], document.appendices, strict=True):
        rows = grid.rows[1:]
        assert len(rows) == len(table.rows)
        for row, model in zip(rows, table.rows, strict=True):
            cells = row.cells
            if model.kind is RowKind.SECTION:  # merged across the table, bold
                sections += 1
                assert len(row._tr.tc_lst) == 1 and cells[0]._tc.grid_span == len(table.columns)
                assert cells[0].text == nfc(model.cells[0]) and bold(cells[0].paragraphs[0])
                continue
            expected = [
                nfc("" if v is None else v)
                if c.kind is Kind.TEXT and not isinstance(v, int | float)
                else figure_text(v, c.kind)
                for c, v in zip(table.columns, model.cells, strict=True)
            ]
            assert [c.text for c in cells] == expected
    assert sections >= 5


def test_budget_figures_and_the_total_row_as_in_the_pdf(tmp_path, demo_files):
    """Xã Hưng Nguyên's second quarter of 2026: its budget appendix in triệu đồng."""
    from datetime import UTC, datetime

    ws = demo_files.open(
        tmp_path / "hn.db",
        "hung-nguyen",
        clock=lambda: datetime(2026, 7, 25, 3, tzinfo=UTC),
        actor=ACTOR,
    )
    ws.document_settings.save(signer_name="Nguyễn Văn An", number="15")
    plan = ws.plans.current()
    document = submission(ws, plan, ws.periods.get(PeriodId.parse("2026-Q2"), plan.id)).document
    ws.close()
    word = open_docx(BytesIO(docx.render(document)))
    budget, grid = document.appendices[-1], word.tables[-1]
    assert budget.unit_line == "Đơn vị tính: triệu đồng"
    assert budget.unit_line in [p.text for p in word.paragraphs]
    total = grid.rows[-1]
    assert budget.rows[-1].kind is RowKind.TOTAL
    assert all(bold(c.paragraphs[0]) for c in total.cells if c.text)
    shown = [c.text for c in total.cells]
    assert shown[1] == "Tổng cộng" and shown[3] == "33.150"  # Phụ lục 1 and 2: 3.850 + 29.300
    assert shown[-1].endswith("%") and "," in shown[-1]  # 4,4%
    money = [i for i, c in enumerate(budget.columns) if c.kind is Kind.MONEY]
    assert money and all(
        total.cells[i].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for i in money
    )


# The file --------------------------------------------------------------------------------


def test_times_new_roman_is_named_everywhere(report):
    _, word = report
    parts = [word.element, word.styles.element]
    parts += [s.header._element for s in word.sections] + [
        s.first_page_header._element for s in word.sections
    ]
    runs = 0
    for part in parts:
        for r_fonts in part.iter(qn("w:rFonts")):
            if r_fonts.get(qn("w:ascii")) == "Courier":  # the template's unused code styles
                continue
            assert [r_fonts.get(qn(slot)) for slot in SLOTS] == [FONT] * 4
            assert not [name for name in r_fonts.attrib if name.lower().endswith("theme")]
        runs += sum(1 for _ in part.iter(qn("w:r")))
    for part in parts:
        for run in part.iter(qn("w:r")):
            assert run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") is not None
    assert runs > 500
    defaults = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    assert defaults.find(f".//{qn('w:rFonts')}").get(qn("w:ascii")) == FONT
    assert word.styles["Normal"].font.name == FONT


def test_properties_are_written_in_the_schemas_order(report):
    """Word refuses a file whose property elements are out of order (LibreOffice and
    python-docx let it pass): every pPr, rPr, tcPr, trPr and tblPr of every part."""
    document, _ = report
    orders = {"w:pPr": docx._PPR, "w:rPr": docx._RPR, "w:tcPr": docx._TCPR}
    orders |= {"w:trPr": docx._TRPR, "w:tblPr": docx._TBLPR}
    checked = 0
    with zipfile.ZipFile(BytesIO(docx.render(document))) as archive:
        for name in archive.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for tag, order in orders.items():
                place = {qn(t): i for i, t in enumerate(order)}
                for element in root.iter(qn(tag)):
                    seq = [place.get(child.tag, -1) for child in element]
                    assert -1 not in seq and seq == sorted(seq), (name, tag, seq)
                    checked += 1
    assert checked > 1000


def test_properties_and_the_same_bytes_every_time(report):
    document, word = report
    properties = word.core_properties
    assert properties.title == document.file_title
    assert properties.author == document.author == "PHƯỜNG TRẦN LIÊU"
    assert properties.keywords == document.keywords and "ky=2025" in document.keywords
    assert properties.created is None and properties.modified is None
    assert docx.render(document) == docx.render(document)


def test_an_assignment_annex_without_a_letter_renders_landscape_from_its_first_page(signed):
    plan = signed.plans.current()
    given = annexed_units(signed, plan)[0]
    document = assignment_annex(signed, plan, given)
    assert document.letter is None
    word = open_docx(BytesIO(docx.render(document)))
    assert all(s.orientation == WD_ORIENT.LANDSCAPE for s in word.sections)
    assert len(word.tables) == len(document.appendices)
    assert word.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    heading = [p.text for p in word.paragraphs if p.text]
    assert heading[:2] == [document.appendices[0].label, document.appendices[0].title]


def test_text_xml_cannot_hold_is_dropped_not_a_crash(report):
    from dataclasses import replace

    from desktop.documents.model import Paragraph

    document, _ = report
    letter = replace(
        document.letter, body=(Paragraph("Kết quả\x0ctốt\x00.\nDòng hai"), *document.letter.body)
    )
    word = open_docx(BytesIO(docx.render(replace(document, letter=letter))))
    body = [p for p in word.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    assert body[0].text == "Kết quảtốt.\nDòng hai"


# The same text as the PDF ------------------------------------------------------------------


def test_every_body_paragraph_of_the_docx_is_in_the_pdf(report, tmp_path):
    document, word = report
    path = tmp_path / "bc.pdf"
    path.write_bytes(pdf.render(document))
    printed = pdf_text(path)
    body = [p.text for p in word.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    missing = [text for text in body if flat(text) not in printed]
    assert not missing
    for other in (document.letter.summary, document.letter.addressee, "Nguyễn Văn An"):
        assert flat(other) in printed


# What the command line and LibreOffice make of it ----------------------------------------------


@pytest.fixture
def demo_db(tmp_path, demo_files, clock):
    """The demo with its signer, closed: the command line opens it as the clerk would."""
    path = tmp_path / "tl.db"
    with demo_files.open(path, clock=clock, actor=ACTOR) as ws:
        ws.document_settings.save(signer_name="Nguyễn Văn An", number="15")
    return path


def test_report_writes_a_docx(demo_db, tmp_path, capsys):
    out = tmp_path / "bc.docx"
    assert main(["--db", str(demo_db), "report", "--period", "2025", "--out", str(out)]) == 0
    assert "Đã lập báo cáo năm 2025" in capsys.readouterr().out
    word = open_docx(out)
    assert texts(word.tables[0].rows[0].cells[0])[1] == "PHƯỜNG TRẦN LIÊU"
    assert any(p.text.startswith("I. KẾT QUẢ") for p in word.paragraphs)
    assert len(word.sections) == 3
    wrong = tmp_path / "bc.odt"
    assert main(["--db", str(demo_db), "report", "--period", "2025", "--out", str(wrong)]) == 1
    assert ".docx" in capsys.readouterr().err and not wrong.exists()


def soffice_pdf(path: Path, folder: Path) -> Path:
    """LibreOffice Writer's PDF of a .docx, in a profile of its own (another soffice
    running, a test's or the clerk's, would otherwise take the job or refuse it)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail(
            "LibreOffice Writer (soffice) is not installed: scripts/setup.sh dev installs "
            "libreoffice-writer-nogui, which prints the .docx here as Word users would see it."
        )
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), str(path)],
        capture_output=True, check=True, timeout=240,
        env={**os.environ, "HOME": str(folder)},
    )  # fmt: skip
    printed = folder / f"{path.stem}.pdf"
    assert printed.exists(), "LibreOffice wrote no PDF"
    return printed


def test_libreoffice_prints_the_docx_with_its_text_and_pages(report, tmp_path):
    document, word = report
    path = tmp_path / "bc.docx"
    path.write_bytes(docx.render(document))
    printed = soffice_pdf(path, tmp_path)
    sizes = page_sizes(printed)
    reference = tmp_path / "reference.pdf"
    reference.write_bytes(pdf.render(document))
    expected = len(page_sizes(reference))
    assert abs(len(sizes) - expected) <= expected * 0.3, (len(sizes), expected)
    portrait = [w < h for w, h in sizes]
    assert portrait[0] and not portrait[-1]
    assert portrait == sorted(portrait, reverse=True)  # the letter upright, then wide pages
    assert 2 <= portrait.count(True) <= 4
    text = pdf_text(printed)
    bare = re.sub(r"\s+", "", text)  # LibreOffice may break a line after '57-'
    for line in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG TRẦN LIÊU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        document.letter.header.place_date,
        "Số: 15/BC-UBND",
        "Nơi nhận:",
        "Nguyễn Văn An",
        "Phụ lục I",
        "Phụ lục II",
    ):
        assert line in text
    body = [p.text for p in word.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    assert not [t for t in body if re.sub(r"\s+", "", t) not in bare]
    pages = subprocess.run(
        ["pdftotext", "-layout", str(printed), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:-1]
    wide = [page for page, upright in zip(pages, portrait, strict=True) if not upright]
    assert all(re.search(r"^\s*STT\s", page, re.M) for page in wide)  # the header row, again
    fonts = subprocess.run(["pdffonts", str(printed)], capture_output=True, text=True).stdout
    used = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert used and all(name.startswith("LiberationSerif") for name in used), used
