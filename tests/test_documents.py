"""The period report as a PDF and a workbook, checked the way a reader would: poppler's
pdftotext, pdffonts and page boxes, and the workbook opened again with openpyxl; both
pinned by readable snapshots in tests/golden/ (tests/snapshots.py)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from snapshots import assert_matches_golden, pages_snapshot, pdf_pages_text, workbook_snapshot

from desktop.documents import pdf, saving
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput, UserError
from desktop.submission.document import submission
from desktop.workspace import Workspace

GOLDEN = "bao_cao_hung_nguyen_2026_Q2"  # .pdf.txt and .xlsx.json in tests/golden/
MM = 72 / 25.4
# 25/07/2026, 10:00 in Hà Nội: after the second quarter's figures are in.
CLOCK = datetime(2026, 7, 25, 3, tzinfo=UTC)


@pytest.fixture
def hung_nguyen(tmp_path, demo_files):
    ws = demo_files.open(tmp_path / "hn.db", "hung-nguyen", clock=lambda: CLOCK, actor=None)
    ws.document_settings.save(
        signer_name="Nguyễn Văn An",
        signer_title="PHÓ CHỦ TỊCH",
        number="15",
        recipients=["- Như trên;", "- TT Đảng ủy xã;"],
    )
    yield ws
    ws.close()


def quarter(ws, key="2026-Q2"):
    plan = ws.plans.current()
    return plan, ws.periods.get(PeriodId.parse(key), plan.id)


@pytest.fixture
def report_pdf(hung_nguyen, tmp_path):
    plan, period = quarter(hung_nguyen)
    return saving.save(submission(hung_nguyen, plan, period).document, tmp_path / "bc.pdf")


def text_of(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_text_is_there_with_its_diacritics(report_pdf):
    text = text_of(report_pdf)
    assert unicodedata.is_normalized("NFC", text)
    flat = re.sub(r"\s+", " ", text)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ HƯNG NGUYÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/BC-UBND",
        "Hưng Nguyên, ngày 25 tháng 7 năm 2026",
        "BÁO CÁO",
        "Kính gửi: Ủy ban nhân dân tỉnh Nghệ An.",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. ĐÁNH GIÁ CHUNG",
        "V. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "kính báo cáo Ủy ban nhân dân tỉnh Nghệ An xem xét, chỉ đạo./.",
        "Giá thiết bị tăng so với dự toán.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
        "Nơi nhận:",
        "- Lưu: VT.",
        "Phụ lục I",
        "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ QUÝ II NĂM 2026",
        "(Kèm theo Báo cáo số 15/BC-UBND ngày 25 tháng 7 năm 2026 của UBND xã Hưng Nguyên)",
        "Phụ lục III",
        "Đơn vị tính: triệu đồng",
    ):
        assert expected in flat, expected


def test_only_the_bundled_fonts_are_used_and_all_are_embedded(report_pdf):
    listing = subprocess.run(
        ["pdffonts", str(report_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        name, emb = line.split()[0], line.split()[-5]
        assert "+LiberationSerif" in name and emb == "yes", line


def page_boxes(path: Path) -> list[tuple[float, float, list[tuple[float, float, float, float]]]]:
    """Per page: its width, height and the boxes of its text blocks (pdftotext -bbox)."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        blocks = [
            tuple(float(v) for v in found)
            for found in re.findall(
                r'<block xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"',
                page.group(3),
            )
        ]
        pages.append((float(page.group(1)), float(page.group(2)), blocks))
    return pages


def test_a4_pages_and_text_inside_the_nd30_margins(report_pdf):
    pages = page_boxes(report_pdf)
    assert (round(pages[0][0]), round(pages[0][1])) == (595, 842)  # A4 portrait
    assert any((round(w), round(h)) == (842, 595) for w, h, _ in pages)  # appendices landscape
    for number, (width, height, blocks) in enumerate(pages, start=1):
        for x0, y0, x1, y1 in blocks:
            if number > 1 and y1 < 15 * MM:
                continue  # the page number, at the top centre inside the top margin
            assert x0 >= 30 * MM - 1 and x1 <= width - 15 * MM + 1, (number, x0, x1)
            assert y0 >= 20 * MM - 1 and y1 <= height - 20 * MM + 1, (number, y0, y1)


def test_page_numbers_from_the_second_page(report_pdf):
    first = text_of(report_pdf, 1, 1).strip().splitlines()[0]
    second = text_of(report_pdf, 2, 2).strip().splitlines()[0]
    assert re.fullmatch(r"ỦY BAN NHÂN DÂN\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", first.strip())
    assert second.strip() == "2"


def test_the_pdf_is_the_same_bytes_for_the_same_data(hung_nguyen):
    plan, period = quarter(hung_nguyen)
    document = submission(hung_nguyen, plan, period).document
    first, again = pdf.render(document, invariant=True), pdf.render(document, invariant=True)
    assert first == again


# Pinned: a change to the wording, the layout or the data fails here with the lines that
# changed. Look at the pages (pdftoppm -png) or open the workbook, then
# scripts/test.sh --update-goldens tests/test_documents.py and read git diff tests/golden/.


def test_the_reports_pages_read_as_the_golden_text(hung_nguyen, tmp_path, update_goldens):
    plan, period = quarter(hung_nguyen)
    path = tmp_path / "bc.pdf"
    path.write_bytes(pdf.render(submission(hung_nguyen, plan, period).document, invariant=True))
    pages = pdf_pages_text(path)
    assert len(pages) > 1
    assert_matches_golden(f"{GOLDEN}.pdf.txt", pages_snapshot(pages), update_goldens)


def test_the_workbook_reads_as_the_golden_dump(hung_nguyen, tmp_path, update_goldens):
    plan, period = quarter(hung_nguyen)
    path = saving.save(submission(hung_nguyen, plan, period).document, tmp_path / "bc.xlsx")
    assert_matches_golden(f"{GOLDEN}.xlsx.json", workbook_snapshot(path), update_goldens)


def test_the_workbook_holds_numbers_merged_sections_and_print_setup(hung_nguyen, tmp_path):
    plan, period = quarter(hung_nguyen)
    path = saving.save(submission(hung_nguyen, plan, period).document, tmp_path / "bc.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["PL I Nhiệm vụ", "PL II Chỉ tiêu", "PL III Kinh phí"]
    tasks = book["PL I Nhiệm vụ"]
    assert tasks["A1"].value == "Phụ lục I"
    assert [c.value for c in tasks[4]][:3] == ["STT", "Nhiệm vụ", "Cơ quan chủ trì"]
    merged = {str(r) for r in tasks.merged_cells.ranges}
    assert "A5:H5" in merged and tasks["A5"].value.startswith("3.1. Công tác lãnh đạo")
    assert tasks.freeze_panes == "A5" and tasks.print_title_rows == "$4:$4"
    assert tasks.page_setup.orientation == "landscape" and tasks.page_setup.fitToWidth == 1
    budget = book["PL III Kinh phí"]
    first_line = [c.value for c in budget[6]]
    assert first_line[:4] == ["1", "Chi nhiệm vụ KH&CN", "Chi thường xuyên", 500]
    assert isinstance(budget["D6"].value, int | float) and budget["D6"].number_format == "#,##0.0##"
    total = [c.value for c in budget[budget.max_row]]
    assert total[1] == "Tổng cộng" and total[3] == 3850 + 29300  # Phụ lục 1 and 2
    assert budget.cell(5, 7).value == "Còn lại" and total[6] == total[3] - total[5]
    assert budget.cell(budget.max_row, 8).number_format == "0.0%"
    assert budget.cell(budget.max_row, 2).font.b and not budget["B6"].font.b  # the total bold
    assert budget["D6"].alignment.horizontal == "right" and budget["B6"].alignment.wrap_text
    assert tasks["C6"].font.name == "Times New Roman" and tasks["H5"].border.right.style == "thin"
    assert tasks["A4"].font.b and tasks["A4"].fill.fgColor.rgb == "00EEEEEE"


def test_a_missing_setting_is_named_and_nothing_is_written(tmp_path, demo_files):
    ws = demo_files.open(tmp_path / "x.db", "hung-nguyen", clock=lambda: CLOCK, actor=None)
    plan, period = quarter(ws)
    with pytest.raises(InvalidInput, match="thiếu: Họ tên người ký"):
        saving.save(submission(ws, plan, period).document, tmp_path / "bc.pdf")
    assert not (tmp_path / "bc.pdf").exists()
    ws.close()


def test_a_period_without_reports_still_makes_a_report(hung_nguyen, tmp_path):
    plan, period = quarter(hung_nguyen, "2026-Q4")
    path = saving.save(submission(hung_nguyen, plan, period).document, tmp_path / "q4.pdf")
    assert "Trong kỳ chưa có báo cáo tiến độ nào được ghi nhận." in re.sub(
        r"\s+", " ", text_of(path)
    )


def test_an_unwritable_place_says_so_and_leaves_nothing(hung_nguyen, tmp_path, monkeypatch):
    plan, period = quarter(hung_nguyen)
    document = submission(hung_nguyen, plan, period).document
    with pytest.raises(UserError, match="Không có thư mục"):
        saving.save(document, tmp_path / "khong_co" / "bc.pdf")
    import errno

    from desktop.infra import atomic_files as output

    def refused(*args, **kwargs):  # a read-only USB stick or a protected folder
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output, "_temporary", refused)
    with pytest.raises(UserError, match="không có quyền ghi"):
        saving.save(document, tmp_path / "bc.pdf")
    assert not (tmp_path / "bc.pdf").exists() and not list(tmp_path.glob(".bc.pdf*"))


def test_a_full_disk_leaves_the_old_file_and_no_temporary(hung_nguyen, tmp_path, monkeypatch):
    plan, period = quarter(hung_nguyen)
    document = submission(hung_nguyen, plan, period).document
    old = tmp_path / "bc.pdf"
    old.write_bytes(b"old report")
    import errno

    from desktop.infra import atomic_files as output

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(UserError, match="ổ đĩa đã đầy"):
        saving.save(document, old)
    assert old.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bc.pdf")] == []


def test_a_big_plan_paginates_without_losing_a_row(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from bench_status import build_big_plan

    ws = Workspace.open(tmp_path / "big.db", create=True, clock=lambda: CLOCK)
    ws.office.save("Thử Nghiệm", "xa", parent_name="tỉnh Nghệ An")
    ws.document_settings.save(signer_name="Nguyễn Văn An")
    plan = build_big_plan(ws, 2000, quiet=True)
    period = ws.periods.get(PeriodId.parse("2026-Q1"), plan.id)
    path = saving.save(submission(ws, plan, period).document, tmp_path / "big.pdf")
    text = text_of(path)
    codes = re.findall(r"^\s*(\d+\.\d+)\s", text, re.M)
    expected = [t.code for t in ws.tasks.list(plan.id)]
    assert sorted(set(codes)) == sorted(expected) and len(codes) == len(expected)
    pages = text.split("\f")[:-1]  # pdftotext ends each page with a form feed
    tasks_pages = [p for p in pages if re.search(r"^\s*\d+\.\d+\s", p, re.M)]
    assert len(tasks_pages) > 20
    assert all(re.search(r"^\s*STT\s+Nhiệm vụ\s", p, re.M) for p in tasks_pages)  # header
    last_lines = [[line for line in p.splitlines() if line.strip()][-1] for p in tasks_pages]
    assert not [line for line in last_lines if re.match(r"\s*\d+\. Mục \d+\s*$", line)]
    ws.close()


def test_a_report_without_the_offices_name_says_how_to_set_it(tmp_path):
    with Workspace.open(tmp_path / "x.db", create=True, clock=lambda: CLOCK) as ws:
        plan = ws.plans.create(
            "7/KH-UBND", "2026-01-05", "UBND xã Thử Nghiệm", "Chuyển đổi số", 2026, 2026
        )
        ws.document_settings.save(
            signer_name="Nguyễn Văn An", place="Thử Nghiệm", addressee="UBND tỉnh Nghệ An"
        )
        period = ws.periods.get(PeriodId.parse("2026-Q1"), plan.id)
        with pytest.raises(InvalidInput, match=r"Chưa có thông tin cơ quan") as raised:
            submission(ws, plan, period)
    assert str(raised.value).endswith("Đặt ở Kế hoạch → Thông tin cơ quan…")
    assert 'Đặt bằng lệnh init, ví dụ: init --name "Trần Liêu"' in raised.value.for_command_line()


def test_a_blank_number_and_date_leave_room_for_the_van_thu(hung_nguyen, tmp_path):
    hung_nguyen.document_settings.save(leave_blank=True)
    plan, period = quarter(hung_nguyen)
    path = saving.save(submission(hung_nguyen, plan, period).document, tmp_path / "b.pdf")
    text = text_of(path, 1, 1).replace("\u00a0", " ")
    assert re.search(r"Số:\s{4,}/BC-UBND", text)
    assert re.search(r"ngày\s{3,}tháng\s{3,}năm 2026", text)
