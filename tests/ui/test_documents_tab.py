"""The Văn bản tab: the document made off the UI thread, its real pages previewed,
saved as PDF (the very bytes previewed) or Excel, printed, its folder opened."""

from __future__ import annotations

import re
import subprocess

import pytest
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from qt_tables import type_text

from desktop.documents import saving
from desktop.domain.periods import PeriodId, PeriodKind
from ui import ask
from ui.document_settings_dialog import DocumentSettingsDialog
from ui.documents_tab import ANNEX, REPORT


@pytest.fixture
def signed(demo_ws):
    demo_ws.document_settings.save(signer_name="Nguyễn Văn An", number="15")
    return demo_ws


def made(qtbot, window, kind=REPORT):
    window.show()
    window.show_documents(kind)
    tab = window.documents
    qtbot.waitUntil(lambda: tab.made is not None and tab.busy.isHidden(), timeout=20000)
    return tab


def pdf_info(path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout


def test_the_report_is_previewed_page_by_page(qtbot, signed, window, tmp_path):
    tab = made(qtbot, window)
    assert tab.made.what == (REPORT, "2025", None)
    shown = tmp_path / "shown.pdf"
    shown.write_bytes(tab.made.pdf)
    pages = int(re.search(r"Pages:\s+(\d+)", pdf_info(shown)).group(1))
    assert tab.pages.page_count == pages > 2
    assert f"{pages} trang" in tab.message.text()
    qtbot.waitUntil(lambda: tab.pages.page_pixmap(0) is not None)
    image = tab.pages.page_pixmap(0).toImage()
    dark = sum(
        image.pixelColor(x, y).lightness() < 128
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    assert dark > 100  # the header and the body's text are drawn, not a blank sheet
    assert tab.pages.page_pixmap(pages - 1) is None  # far pages wait until scrolled to
    tab.pages.verticalScrollBar().setValue(tab.pages.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: tab.pages.page_pixmap(pages - 1) is not None)


def test_another_period_makes_the_document_again(qtbot, signed, window):
    tab = made(qtbot, window)
    window.select_period(PeriodId(2025, PeriodKind.QUARTER, 4))
    qtbot.waitUntil(lambda: tab.made.what == (REPORT, "2025-Q4", None), timeout=20000)
    assert tab.made.document.file_title.startswith("Báo cáo quý IV năm 2025")


def test_saved_pdf_is_the_preview_and_the_workbook_reopens(
    qtbot, signed, window, tmp_path, monkeypatch
):
    tab = made(qtbot, window)
    answers = iter([tmp_path / "bc.pdf", tmp_path / "bc.xlsx"])
    monkeypatch.setattr(ask, "save_file", lambda *a, **k: next(answers))
    assert not tab.folder_button.isEnabled()
    tab.save_pdf_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "bc.pdf").exists())
    assert (tmp_path / "bc.pdf").read_bytes() == tab.made.pdf
    tab.save_xlsx_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "bc.xlsx").exists())
    book = load_workbook(tmp_path / "bc.xlsx")
    assert book.sheetnames[0] == "PL I Nhiệm vụ"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.waitUntil(tab.folder_button.isEnabled)
    tab.folder_button.click()
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]


def test_printing_sends_every_page_in_its_orientation(qtbot, signed, window, tmp_path, monkeypatch):
    tab = made(qtbot, window)
    printed = tmp_path / "printed.pdf"

    def pdf_printer(parent):
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(ask, "printer", pdf_printer)
    tab.print_button.click()
    sizes = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(printed)], capture_output=True, text=True
    ).stdout
    boxes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", sizes)
    assert len(boxes) == tab.pages.page_count
    portrait = [float(w) < float(h) for w, h in boxes]
    assert portrait[0] and not portrait[-1]  # the letter upright, the appendices wide


def test_missing_settings_are_named_with_the_way_to_fill_them(qtbot, demo_ws, window, monkeypatch):
    tab = made(qtbot, window)
    assert tab.made.pdf is None and "thiếu: Họ tên người ký" in tab.message.text()
    assert tab.fix_button.isVisible() and not tab.save_pdf_button.isEnabled()

    def fill(dialog):  # the form the button opens, filled in and saved
        type_text(dialog.signer_name, "Nguyễn Văn An")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(DocumentSettingsDialog, "exec", fill)
    qtbot.mouseClick(tab.fix_button, Qt.MouseButton.LeftButton)
    assert demo_ws.document_settings.get().signer_name == "Nguyễn Văn An"
    qtbot.waitUntil(lambda: tab.made.pdf is not None, timeout=20000)  # made again unasked
    assert tab.save_pdf_button.isEnabled() and not tab.fix_button.isVisible()


def test_a_units_annex_and_every_units_annexes(qtbot, signed, window, tmp_path, monkeypatch):
    tab = made(qtbot, window, ANNEX)
    names = [tab.unit_box.itemText(i) for i in range(tab.unit_box.count())]
    assert "Phòng Văn hóa - Xã hội" in names and "Sở Khoa học và Công nghệ" not in names
    tab.unit_box.setCurrentIndex(names.index("Phòng Văn hóa - Xã hội"))
    qtbot.waitUntil(lambda: tab.made.what[2] == "Phòng Văn hóa - Xã hội", timeout=20000)
    assert tab.made.document.file_title.startswith("Danh mục nhiệm vụ giao Phòng Văn hóa")
    monkeypatch.setattr(ask, "folder", lambda *a, **k: tmp_path)
    tab.save_all_button.click()
    expected = {saving.annex_name(n) for n in names}
    qtbot.waitUntil(lambda: {p.stem for p in tmp_path.glob("*.pdf")} == expected)
    assert {p.stem for p in tmp_path.glob("*.xlsx")} == expected


def test_the_clerks_words_are_typed_beside_the_preview_and_saved(qtbot, signed, window, tmp_path):
    """Issue 24, point 1: the editor beside the real preview; what is typed shows in the
    preview at once but is not saved or printed until it is saved."""
    from pypdfium2 import PdfDocument

    def preview_text() -> str:
        document = PdfDocument(tab.made.pdf)
        return " ".join(page.get_textpage().get_text_range() for page in document)

    tab = made(qtbot, window)
    editor = tab.editor
    assert editor.isVisible() and editor.part_box.count() == 7
    editor.part_box.setCurrentIndex(editor.part_box.findData("uu_diem"))
    editor.text.setFocus()
    editor.text.selectAll()
    type_text(editor.text, "Các phòng, ban phối hợp chặt chẽ.")
    qtbot.waitUntil(lambda: tab.made.typed, timeout=20000)
    qtbot.waitUntil(lambda: tab.busy.isHidden(), timeout=20000)
    assert "Các phòng, ban phối hợp chặt chẽ." in re.sub(r"\s+", " ", preview_text())
    assert not tab.save_pdf_button.isEnabled() and not tab.print_button.isEnabled()
    assert "chưa lưu" in tab.message.text()
    assert signed.report_texts.written(signed.plans.current().id, "2025") == {}
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.pending and tab.made is not None and not tab.made.typed,
                    timeout=20000)  # fmt: skip
    qtbot.waitUntil(lambda: tab.busy.isHidden(), timeout=20000)
    written = signed.report_texts.written(signed.plans.current().id, "2025")
    assert written["uu_diem"].text == "Các phòng, ban phối hợp chặt chẽ."
    assert tab.save_pdf_button.isEnabled()
    assert "Lời cán bộ viết" in editor.state.text()


# 'Lưu Word…': the document shown, saved as a .docx made from the same model as the PDF.


def test_the_word_button_saves_the_report_shown(qtbot, signed, window, tmp_path, monkeypatch):
    tab = made(qtbot, window)
    asked = []

    def save_file(parent, title, suggested, file_filter):
        asked.append((title, suggested.name, file_filter))
        return tmp_path / "bao-cao"  # typed without its suffix

    monkeypatch.setattr(ask, "save_file", save_file)
    assert tab.save_docx_button.text() == "Lưu Word…" and tab.save_docx_button.isEnabled()
    tab.save_docx_button.click()
    saved = tmp_path / "bao-cao.docx"
    qtbot.waitUntil(saved.exists, timeout=20000)
    assert asked == [("Lưu văn bản Word", "bao-cao_2025.docx", "Văn bản Word (*.docx)")]
    word = open_docx(saved)
    body = [p.text for p in word.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    assert body == [p.text for p in tab.made.document.letter.body]
    assert word.core_properties.title == tab.made.document.file_title
    qtbot.waitUntil(tab.folder_button.isEnabled)
    assert tab.saved == saved


def test_a_units_annex_saves_as_word_too(qtbot, signed, window, tmp_path, monkeypatch):
    tab = made(qtbot, window, ANNEX)
    monkeypatch.setattr(ask, "save_file", lambda *a, **k: tmp_path / "giao-viec.docx")
    tab.save_docx_button.click()
    saved = tmp_path / "giao-viec.docx"
    qtbot.waitUntil(saved.exists, timeout=20000)
    word = open_docx(saved)
    assert all(s.orientation == WD_ORIENT.LANDSCAPE for s in word.sections)
    assert len(word.tables) == len(tab.made.document.appendices)


def test_no_word_file_while_the_document_cannot_be_made(qtbot, demo_ws, window):
    tab = made(qtbot, window)  # no signer yet: the document names what is missing
    assert tab.made.document is None and not tab.save_docx_button.isEnabled()
