"""No content breaks a document, and the NĐ 30 header is drawn as the decree says (issue
24, points 4 and 5), checked on the rendered pages: poppler's pdftotext for the text and
the page numbers, PDFium (pypdfium2) for each line's font and the length of each rule.

A row taller than a page goes on on the next page under the repeated header row, every
word of it in order; what no document could hold (a 10 MB title) is refused where it is
typed or imported, naming the field and the limit."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from demo_packages import PASS, package_files

from desktop.consolidation import report as consolidation
from desktop.consolidation.roster import RosterEntry
from desktop.documents import pdf, saving
from desktop.documents.assignment_annex import annexed_units, assignment_annex
from desktop.documents.model import Document, Header, Letter, Paragraph, Signature
from desktop.domain.model import OfficeLevel
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.importing import understand, write
from desktop.services.plans import SECTION_TITLE_LIMIT, SUMMARY_LIMIT
from desktop.services.progress import REPORT_TEXT_LIMIT
from desktop.services.tasks import TITLE_LIMIT
from desktop.services.units import NAME_LIMIT
from desktop.signing.pdf_signature import stamp_lines
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.submission.build import make_package
from desktop.submission.document import submission
from desktop.workspace import Workspace

# 25/07/2026, 10:00 in Hà Nội: after the second quarter's figures are in.
CLOCK = datetime(2026, 7, 25, 3, tzinfo=UTC)


@pytest.fixture
def hung_nguyen(tmp_path, demo_files):
    ws = demo_files.open(tmp_path / "hn.db", "hung-nguyen", clock=lambda: CLOCK, actor=None)
    ws.document_settings.save(signer_name="Nguyễn Văn An", signer_title="PHÓ CHỦ TỊCH", number="15")
    yield ws
    ws.close()


def numbered(characters: int, word: str = "đợt") -> str:
    """Words 'đợt0000 đợt0001 …', `characters` long at most: each found again in order."""
    return " ".join(f"{word}{i:04d}" for i in range((characters + 1) // (len(word) + 5)))


def found_in_order(text: str, word: str = "đợt") -> list[int]:
    return [int(n) for n in re.findall(rf"{word}(\d{{4}})", text)]


def pages_of(path: Path, *options: str) -> list[str]:
    text = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends each page with a form feed


def record_result(ws: Workspace, key: str, result: str):
    """The first reported task's report of the period written again with `result`."""
    plan = ws.plans.current()
    period = ws.periods.get(PeriodId.parse(key), plan.id)
    item = next(i for i in ws.progress.overview(plan.id, period) if i.latest)
    latest = item.latest
    ws.progress.record(
        item.task.id, key, latest.status, latest.percent, latest.completed_on,
        result=result, occurrence=latest.occurrence,
    )  # fmt: skip
    return plan, period


def assert_whole_under_headers(path: Path, words: int, header: str) -> None:
    """Every word once and in order (the text as drawn, page after page); each page the
    row goes on to starts with the table's header row."""
    raw = pages_of(path, "-raw")
    assert found_in_order("".join(raw)) == list(range(words))
    laid_out = pages_of(path, "-layout")
    carrying = [n for n, page in enumerate(raw) if found_in_order(page)]
    assert len(carrying) > 1, "the row was not long enough to go over a page"
    for n in carrying:
        assert re.search(header, laid_out[n], re.M), laid_out[n]


# Point 5: nothing breaks a document.


@pytest.mark.parametrize("characters", [1_200, REPORT_TEXT_LIMIT])
def test_a_long_result_goes_on_over_pages_under_the_header(hung_nguyen, tmp_path, characters):
    result = numbered(characters)
    plan, period = record_result(hung_nguyen, "2026-Q2", result)
    path = saving.save(submission(hung_nguyen, plan, period).document, tmp_path / "bc.pdf")
    assert_whole_under_headers(path, len(result.split()), r"^\s*STT\s+Nhiệm vụ\s.*Kết quả thực")


def test_a_package_with_a_long_result_is_made_and_its_stamp_reads_the_time(tmp_path, demo_files):
    ca = make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS, CLOCK)
    with demo_files.open(tmp_path / "hn.db", "hung-nguyen", clock=lambda: CLOCK, actor=None) as ws:
        ws.document_settings.save(signer_name="Nguyễn Văn An")
        result = numbered(1_200)
        plan, period = record_result(ws, "2026-Q2", result)
        package = make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), tmp_path / "out")
    report = tmp_path / "bao_cao.pdf"
    report.write_bytes(package_files(package.path)["bao_cao.pdf"])
    assert_whole_under_headers(report, len(result.split()), r"^\s*STT\s+Nhiệm vụ\s")
    text = "".join(pages_of(report, "-layout"))
    assert re.search(r"Thời gian ký:\s+25/07/2026 10:00\n", text)  # Vietnam time, no ISO


def test_the_stamp_says_the_signing_time_as_a_reader_writes_it():
    moment = datetime(2026, 12, 6, 16, 10, 59, tzinfo=UTC)  # 23:10 in Hà Nội
    lines = stamp_lines("Nguyễn Văn An", "UBND xã Hưng Nguyên", moment, trial=False)
    assert lines[2:] == ["Thời gian ký:", "06/12/2026 23:10"]


def test_a_consolidated_report_of_160_offices_prints_every_overdue_task(
    made, tmp_path, monkeypatch
):
    """Biểu 3 gathers every office's overdue tasks in one row per lead unit: 160 offices
    make it taller than a page. The package of the demo stands for each office's (read
    160 times as tests/test_receiving_many.py receives 61: signing and checking 160
    packages would only add time)."""
    content = json.loads(package_files(made[2].path)["du_lieu.json"])
    overdue = [t for t in content["tasks"] if t["state"] == "qua_han"]
    assert overdue
    with Workspace.open(tmp_path / "tinh.db", create=True, clock=lambda: CLOCK) as ws:
        ws.office.save("Thử Nghiệm", "tinh")
        ws.receiving.set_roster(
            [RosterEntry(f"Thử Nghiệm {i}", OfficeLevel.XA, f"T{i:03d}") for i in range(1, 161)]
        )
        offices = [office.heading for office in ws.receiving.roster()]
        monkeypatch.setattr(
            consolidation, "_counted", lambda ws, period: ((o, content) for o in offices)
        )
        path = saving.save(consolidation.consolidated(ws, "2025"), tmp_path / "tong_hop.pdf")
    raw = re.sub(r"\s+", " ", "".join(pages_of(path, "-raw")))
    expected = [
        f"{office}: {task['code']}"
        for office in offices
        for task in overdue
        for _ in consolidation.owners_of(task)
    ]
    listed = re.findall(r"Xã Thử Nghiệm \d+: [\w.]+", raw)
    assert sorted(listed) == sorted(expected) and len(offices) == 160
    laid_out = pages_of(path, "-layout")
    start = next(n for n, page in enumerate(laid_out) if "NHIỆM VỤ QUÁ HẠN" in page)
    carrying = [n for n, page in enumerate(laid_out) if re.search(r"Thử Nghiệm \d+: ", page)]
    assert len(carrying) > 1 and carrying[0] == start
    for n in carrying[1:]:  # the row goes on under Biểu 3's header row
        assert re.search(r"^\s*Cơ quan chủ trì\s+Số nhiệm vụ", laid_out[n], re.M)


def test_a_task_title_at_its_limit_makes_the_annex(hung_nguyen, tmp_path):
    plan = hung_nguyen.plans.current()
    section = hung_nguyen.plans.sections(plan.id)[0]
    title = numbered(TITLE_LIMIT)
    assert len(title) <= TITLE_LIMIT
    hung_nguyen.tasks.add(section.id, title, ["Phòng Văn hóa - Xã hội"], code="1.99")
    given = annexed_units(hung_nguyen, plan, "Phòng Văn hóa - Xã hội")[0]
    path = saving.save(assignment_annex(hung_nguyen, plan, given), tmp_path / "annex.pdf")
    assert found_in_order("".join(pages_of(path, "-raw"))) == list(range(len(title.split())))


# What is typed or imported is bounded: each limit refused with its field and figure.


def _plan_and_section(ws: Workspace):
    plan = ws.plans.current()
    return plan, ws.plans.sections(plan.id)[0]


LIMITS = [
    (
        "Tên nhiệm vụ",
        TITLE_LIMIT,
        lambda ws, text: ws.tasks.add(_plan_and_section(ws)[1].id, text, ["Văn phòng"]),
    ),
    (
        "Tên nhiệm vụ",
        TITLE_LIMIT,
        lambda ws, text: ws.tasks.update(ws.tasks.list(ws.plans.current().id)[0].id, title=text),
    ),
    (
        "Kết quả thực hiện",
        REPORT_TEXT_LIMIT,
        lambda ws, text: record_result(ws, "2026-Q2", text),
    ),
    (
        "Khó khăn, vướng mắc",
        REPORT_TEXT_LIMIT,
        lambda ws, text: ws.progress.record(
            ws.tasks.list(ws.plans.current().id)[0].id,
            "2026-Q2",
            "dang_thuc_hien",
            10,
            difficulties=text,
        ),
    ),
    ("Tên cơ quan, đơn vị", NAME_LIMIT, lambda ws, text: ws.units.add(text)),
    (
        "Tên cơ quan, đơn vị",
        NAME_LIMIT,
        lambda ws, text: ws.units.rename(ws.units.list()[0].id, text),
    ),
    (
        "Trích yếu kế hoạch",
        SUMMARY_LIMIT,
        lambda ws, text: ws.plans.create("9/KH-UBND", "2026-01-05", "UBND xã", text, 2026, 2026),
    ),
    (
        "Trích yếu kế hoạch",
        SUMMARY_LIMIT,
        lambda ws, text: ws.plans.update(ws.plans.current().id, summary=text),
    ),
    (
        "Tên mục",
        SECTION_TITLE_LIMIT,
        lambda ws, text: ws.plans.add_section(ws.plans.current().id, "99", text),
    ),
]


@pytest.mark.parametrize(("field", "limit", "enter"), LIMITS)
def test_a_text_past_its_limit_is_refused_naming_the_field_and_the_limit(
    hung_nguyen, field, limit, enter
):
    hung_nguyen.take_changes()
    with pytest.raises(InvalidInput) as refused:
        enter(hung_nguyen, "Nội dung " + "x" * (limit - 9 + 1))
    shown, allowed = (f"{n:,}".replace(",", ".") for n in (limit + 1, limit))
    assert str(refused.value).startswith(
        f"{field} «Nội dung {'x' * 31}…» dài {shown} ký tự, quá giới hạn {allowed} ký tự: "
    )
    assert not hung_nguyen.take_changes()  # nothing written


@pytest.mark.parametrize(("field", "limit", "enter"), LIMITS)
def test_a_text_at_its_limit_is_taken(hung_nguyen, field, limit, enter):
    hung_nguyen.take_changes()
    enter(hung_nguyen, "Nội dung " + "x" * (limit - 9))
    assert hung_nguyen.take_changes()


def test_a_10_mb_title_is_refused_and_an_imported_one_writes_nothing(hung_nguyen, tmp_path):
    section = _plan_and_section(hung_nguyen)[1]
    with pytest.raises(InvalidInput, match=r"Tên nhiệm vụ «.*» dài 10\.485\.760 ký tự"):
        hung_nguyen.tasks.add(section.id, "x" * 10 * 1024 * 1024, ["Văn phòng"])
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (
        ["PHỤ LỤC"],
        ["(Kèm theo Kế hoạch số 7/KH-UBND ngày 05/01/2026 của UBND xã Thử Nghiệm)"],
        ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        [1, "Nhiệm vụ " + "dài " * 600, "Văn phòng HĐND và UBND", "Quý IV/2026"],
    ):
        sheet.append(row)
    book.save(tmp_path / "dai.xlsx")
    plans = hung_nguyen.plans.list()
    understood = understand(hung_nguyen, tmp_path / "dai.xlsx")
    with pytest.raises(InvalidInput, match=r"dòng 4: Tên nhiệm vụ .* 2\.000 ký tự"):
        write(hung_nguyen, understood)
    assert hung_nguyen.plans.list() == plans


# Point 4: the header as NĐ 30 draws it.


def text_lines(path: Path, page: int = 0) -> list[tuple[str, str, tuple[float, ...]]]:
    """The page's text objects (a line each, as reportlab writes them): text, font, box."""
    drawn = pdfium.PdfDocument(str(path))[page]
    textpage = drawn.get_textpage()
    return [
        (item.extract().strip(), item.get_font().get_base_name(), tuple(item.get_bounds()))
        for item in drawn.get_objects(textpage=textpage)
        if item.type == pdfium_c.FPDF_PAGEOBJ_TEXT
    ]


def rules(path: Path, page: int = 0) -> list[tuple[float, ...]]:
    """The horizontal lines drawn on the page: (left, bottom, right, top)."""
    document = pdfium.PdfDocument(str(path))
    found = []
    for item in document[page].get_objects():
        if item.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = item.get_bounds()
            if top - bottom < 2 and right - left > 5:
                found.append((left, bottom, right, top))
    return found


def rule_under(lines: list[tuple[float, ...]], drawn: list[tuple[float, ...]]):
    """The rule right under these lines of text, as a share of the widest of them; and
    how far its centre is from theirs."""
    bottom = min(box[1] for box in lines)
    left, right = min(box[0] for box in lines), max(box[2] for box in lines)
    widest = max(box[2] - box[0] for box in lines)
    below = [r for r in drawn if r[3] < bottom and r[0] > left - 1 and r[2] < right + 1]
    rule = max(below, key=lambda r: r[3])  # the nearest under the text
    assert bottom - rule[3] < 15
    return (rule[2] - rule[0]) / widest, abs((rule[0] + rule[2]) / 2 - (left + right) / 2)


def test_the_committee_s_name_is_bold_and_its_rules_a_third_to_a_half(hung_nguyen, tmp_path):
    plan, period = record_result(hung_nguyen, "2026-Q2", "Đã triển khai.")
    path = saving.save(submission(hung_nguyen, plan, period).document, tmp_path / "bc.pdf")
    lines = text_lines(path)
    by_text = {text: (font, box) for text, font, box in lines}
    for name in ("ỦY BAN NHÂN DÂN", "XÃ HƯNG NGUYÊN"):  # one name over two lines
        assert by_text[name][0].endswith("LiberationSerif-Bold"), by_text[name]
    drawn = rules(path)
    share, off_centre = rule_under([by_text["XÃ HƯNG NGUYÊN"][1]], drawn)
    assert 1 / 3 <= share <= 1 / 2 and off_centre < 1
    motto = by_text["Độc lập - Tự do - Hạnh phúc"][1]
    share, off_centre = rule_under([motto], drawn)
    assert share == pytest.approx(1, abs=0.02) and off_centre < 1  # as long as the motto
    # The trích yếu: the bold lines between 'BÁO CÁO' and 'Kính gửi'.
    texts = [text for text, _, _ in lines]
    start, end = (
        texts.index("BÁO CÁO") + 1,
        next(n for n, text in enumerate(texts) if text.startswith("Kính gửi")),
    )
    summary = [box for _, font, box in lines[start:end]]
    assert len(summary) >= 2 and all(font.endswith("Bold") for _, font, _ in lines[start:end])
    share, off_centre = rule_under(summary, drawn)
    assert 1 / 3 <= share <= 1 / 2 and off_centre < 1


def test_a_parent_body_over_an_agency_of_its_own_stays_upright(tmp_path):
    letter = Letter(
        Header("UBND TỈNH NGHỆ AN", "SỞ NỘI VỤ", "Số: 1/BC-SNV", "Vinh"),
        "BÁO CÁO",
        "Kết quả",
        "Kính gửi: Ủy ban nhân dân tỉnh.",
        (Paragraph("Nội dung."),),
        ("- Lưu: VT.",),
        Signature(("GIÁM ĐỐC",), "Trần Văn B"),
    )
    path = tmp_path / "so.pdf"
    path.write_bytes(pdf.render(Document("Báo cáo", "Sở", letter=letter)))
    fonts = {text: font for text, font, _ in text_lines(path)}
    assert fonts["UBND TỈNH NGHỆ AN"].endswith("LiberationSerif")
    assert fonts["SỞ NỘI VỤ"].endswith("LiberationSerif-Bold")


def test_each_appendix_numbers_its_own_pages(hung_nguyen, tmp_path):
    """NĐ 30: a page number at the top centre from the second page; an appendix's
    pages are numbered on their own, its first page being its page 1 (not shown, as the
    letter's first is not)."""
    plan, period = record_result(hung_nguyen, "2026-Q2", numbered(3_000))  # Phụ lục I: pages
    path = saving.save(submission(hung_nguyen, plan, period).document, tmp_path / "bc.pdf")
    pages = [page.strip().splitlines() for page in pages_of(path, "-layout")]
    expected, shown, number = [], [], 0
    for lines in pages:
        first = lines[0].strip()
        starts = first.startswith("Phụ lục ")
        number = 1 if starts or not expected else number + 1
        expected.append(None if number == 1 else str(number))
        shown.append(first if first.isdigit() else None)
    assert shown == expected
    starts = [n for n, lines in enumerate(pages) if lines[0].strip().startswith("Phụ lục ")]
    assert len(starts) == 3 and starts[1] - starts[0] > 2  # Phụ lục I runs to page 3 at least
    assert shown[starts[0] + 1 : starts[0] + 3] == ["2", "3"]
