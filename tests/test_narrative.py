"""The clerk's words in the period report (issue 24, point 1): each part drafted from the
data, rewritten by the clerk, saved per plan and period, audited, locked with the period,
printed, carried in du_lieu.json, and never erased when the draft is made again."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile

import pytest
from demo_packages import CLOCK, PASS

from desktop.cli import main
from desktop.documents import pdf
from desktop.documents.narrative import period_narrative, write_part
from desktop.domain.periods import PeriodId
from desktop.domain.task_state import TaskState
from desktop.errors import InvalidInput
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.submission.build import make_package
from desktop.submission.document import submission

SENTENCE = "Các phòng, ban đã chủ động phối hợp; nhiều việc xong sớm hơn thời hạn."


def _flat_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "bc.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", text)


def _year(ws):
    plan = ws.plans.current()
    return plan, ws.periods.get(PeriodId.parse("2025"), plan.id)


def test_a_sentence_written_with_the_command_is_printed_and_kept(demo_ws, tmp_path, capsys):
    demo_ws.document_settings.save(signer_name="Nguyễn Văn An")
    path = demo_ws.path
    demo_ws.close()
    words = tmp_path / "uu_diem.txt"
    words.write_text(SENTENCE + "\n", "utf-8")
    args = ["--db", str(path), "narrative", "--period", "2025", "--section", "uu_diem"]
    assert main([*args, "--file", str(words)]) == 0
    assert "đã lưu lời của cán bộ" in capsys.readouterr().out
    assert main([*args, "--json"]) == 0
    [part] = json.loads(capsys.readouterr().out)["parts"]
    assert part["text"] == SENTENCE and part["written_by_clerk"] and not part["data_changed_since"]
    out = tmp_path / "bc.pdf"
    assert main(["--db", str(path), "report", "--period", "2025", "--out", str(out)]) == 0
    flat = _flat_text(out.read_bytes(), tmp_path)
    assert SENTENCE in flat and "II. ĐÁNH GIÁ CHUNG 1. Ưu điểm " + SENTENCE in flat
    capsys.readouterr()
    assert main(["--db", str(path), "status", "--json"]) == 0  # the audit chain holds


def test_the_draft_made_again_never_erases_the_clerks_words(demo_ws):
    plan, period = _year(demo_ws)
    write_part(demo_ws, plan, period, "ket_qua", SENTENCE)
    overview = demo_ws.progress.overview(plan.id, period)
    item = next(i for i in overview if i.state is TaskState.ONGOING_UNREPORTED)
    demo_ws.progress.record(item.task.id, period.key, "dang_thuc_hien", 40, result="Đang làm")
    part = period_narrative(demo_ws, plan, period)["ket_qua"]
    assert part.text == SENTENCE  # still the clerk's
    assert part.stale  # and the data changed since it was written: said beside it
    labels = [e.operation for e in demo_ws.audit.entries(table="report_texts")]
    assert any("Viết lại kết quả đạt được của báo cáo năm 2025" in label for label in labels)


def test_the_draft_itself_saved_follows_the_data_again(demo_ws):
    plan, period = _year(demo_ws)
    draft = period_narrative(demo_ws, plan, period)["han_che"].draft
    part = write_part(demo_ws, plan, period, "han_che", draft + "\n")
    assert part.written is None and part.text == draft


def test_bad_words_are_refused_in_vietnamese_and_nothing_is_written(demo_ws, tmp_path, capsys):
    plan, period = _year(demo_ws)
    with pytest.raises(InvalidInput, match="Không có mục «ket_luan»"):
        write_part(demo_ws, plan, period, "ket_luan", "x")
    path = demo_ws.path
    demo_ws.close()
    bad = tmp_path / "cp1258.txt"
    bad.write_bytes("Ưu điểm".encode("utf-16"))
    args = ["--db", str(path), "narrative", "--period", "2025", "--section", "uu_diem"]
    assert main([*args, "--file", str(bad)]) == 1
    assert "không phải văn bản UTF-8" in capsys.readouterr().err
    assert main([*args, "--file", str(tmp_path / "khong_co.txt")]) == 1
    assert "Không đọc được" in capsys.readouterr().err
    assert main([*args, "--json"]) == 0
    assert not json.loads(capsys.readouterr().out)["parts"][0]["written_by_clerk"]


def test_the_words_travel_in_the_package_and_are_locked_with_the_period(tmp_path, demo_files):
    (tmp_path / "db").mkdir()
    ca = make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS, CLOCK)
    with demo_files.open(tmp_path / "db" / "tl.db", clock=lambda: CLOCK, actor=None) as ws:
        ws.document_settings.save(signer_name="Nguyễn Văn An")
        plan, period = _year(ws)
        write_part(ws, plan, period, "phuong_huong", SENTENCE)
        package = make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), tmp_path / "out")
        with zipfile.ZipFile(package.path) as archive:
            data = json.loads(archive.read("du_lieu.json"))
            signed_pdf = archive.read("bao_cao.pdf")
        assert data["narrative"]["phuong_huong"] == SENTENCE
        assert set(data["narrative"]) == {
            "ket_qua", "uu_diem", "han_che", "nguyen_nhan", "kho_khan", "de_xuat", "phuong_huong"
        }  # fmt: skip
        assert SENTENCE in _flat_text(signed_pdf, tmp_path)
        with pytest.raises(InvalidInput, match="đã khóa"):
            write_part(ws, plan, period, "phuong_huong", "Sửa sau khi gửi")
        assert period_narrative(ws, plan, period)["phuong_huong"].text == SENTENCE
        # the document shown while it is locked is the one sent
        shown = pdf.render(submission(ws, plan, period).document)
        assert SENTENCE in _flat_text(shown, tmp_path)


def _letter(ws):
    from desktop.documents.period_report import period_report

    if not ws.document_settings.get().signer_name:
        ws.document_settings.save(signer_name="Nguyễn Văn An")
    plan, period = _year(ws)
    return period_report(ws, plan, period)


def test_the_report_reads_as_an_official_would_write_it(demo_ws):
    """Point 3: the work named, no zero counts, one count for the list it heads, the
    level above addressed at the close, a title with one date and the year kept on its
    line, nothing internal in print."""
    document = _letter(demo_ws)
    letter = document.letter
    texts = [p.text for p in letter.body]
    flat = " ".join(texts)
    assert letter.summary.startswith("Kết quả thực hiện Kế hoạch số 79/KH-UBND ngày 02/10/2025 về ")
    assert letter.summary.endswith("năm\u00a02025")
    assert " 0 " not in flat.split("Chi tiết tại Phụ lục I")[0]  # no list of zero counts
    heading = next(t for t in texts if t.startswith("Trong kỳ đã hoàn thành"))
    listed = texts[texts.index(heading) + 1 :]
    count = int(heading.split()[5])  # "Trong kỳ đã hoàn thành N lượt nhiệm vụ:"
    assert len([t for t in listed[:count] if t.startswith("- ")]) == count
    assert listed[0].startswith("- Triển khai thực hiện chương trình tuyên truyền")
    assert "(I.1)" in listed[0]  # the work named, its code after it
    closing = "kính báo cáo Ủy ban nhân dân thành phố Hải Phòng xem xét, chỉ đạo./."
    assert texts[-1].endswith(closing)
    printed = [str(c) for t in document.appendices for r in t.rows for c in r.cells]
    assert not [c for c in printed if "PL1-" in c or "PL2-" in c or c == "Không đánh giá được"]
    assert "Không đánh giá được" not in flat


def test_an_all_capitals_summary_prints_as_a_sentence():
    from desktop.documents.period_report import sentence_case

    assert sentence_case("VỀ DANH MỤC NHIỆM VỤ") == "Về danh mục nhiệm vụ"
    assert sentence_case("Về Nghị quyết 57-NQ/TW") == "Về Nghị quyết 57-NQ/TW"


def test_nd30_number_and_the_kept_line(demo_ws):
    """Point 4: 'Số: 05/BC-UBND' with a leading zero under 10; the last Nơi nhận line
    names the drafting unit when it is set."""
    demo_ws.document_settings.save(number="5", drafting_unit="VP")
    letter = _letter(demo_ws).letter
    assert letter.header.number_line == "Số: 05/BC-UBND"
    assert letter.recipients[-1] == "- Lưu: VT, VP."
    demo_ws.document_settings.save(number="15", drafting_unit="")
    letter = _letter(demo_ws).letter
    assert letter.header.number_line == "Số: 15/BC-UBND" and letter.recipients[-1] == "- Lưu: VT."


def test_a_lan_2_carries_the_same_words_in_pdf_word_and_the_export_for_signing(
    tmp_path, demo_files
):
    """Done when: the PDF, the .docx and the for-signing export of a lần 2 carry the
    same text; the words written after reopening are in all three."""
    import io

    from docx import Document as WordDocument

    from desktop.documents import docx
    from desktop.submission.external import export_for_signing

    (tmp_path / "db").mkdir()
    ca = make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS, CLOCK)
    with demo_files.open(tmp_path / "db" / "tl.db", clock=lambda: CLOCK, actor=None) as ws:
        ws.document_settings.save(signer_name="Nguyễn Văn An")
        plan, period = _year(ws)
        make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), tmp_path / "out")
        ws.locks.reopen(plan.id, period, "Bổ sung đánh giá theo ý kiến Chủ tịch")
        write_part(ws, plan, period, "han_che", SENTENCE)
        made = submission(ws, plan, period)
        assert made.sequence == 2
        printed = _flat_text(pdf.render(made.document), tmp_path)
        exported = _flat_text(export_for_signing(ws, plan, period), tmp_path)
        word = WordDocument(io.BytesIO(docx.render(made.document)))
    paragraphs = [re.sub(r"\s+", " ", p.text).strip() for p in word.paragraphs]
    body = [text for text in paragraphs if text and text in {
        re.sub(r"\s+", " ", p.text) for p in made.document.letter.body
    }]  # fmt: skip
    assert SENTENCE in body and "VI. NHỮNG THAY ĐỔI SO VỚI BÁO CÁO LẦN TRƯỚC" in body
    for text in body:
        assert text in printed and text in exported, text


def test_the_leave_blank_mode_keeps_the_date_line_everywhere(demo_ws):
    """Point 4: left blank for the văn thư, the header and the appendices' reference line
    both keep 'ngày … tháng … năm 2026' (the reference line dropped it)."""
    demo_ws.document_settings.save(leave_blank=True)
    document = _letter(demo_ws)
    gap = "\u00a0" * 6
    assert f"ngày{gap}tháng{gap}năm 2026" in document.letter.header.place_date
    assert f"/BC-UBND ngày{gap}tháng{gap}năm 2026 của" in document.appendices[0].reference
