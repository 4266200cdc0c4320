"""'Lưu Word…' on the Văn bản tab: the document shown, saved as a .docx made from the
same model as the PDF previewed."""

from __future__ import annotations

import pytest
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ui import ask
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
