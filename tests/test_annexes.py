"""Assignment annexes: what each unit must do, one PDF and one workbook per unit, read
back with poppler and openpyxl."""

from __future__ import annotations

import errno
import re
import subprocess

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.documents import saving
from desktop.documents.assignment_annex import annexed_units, assignments
from desktop.domain.model import UnitKind
from desktop.errors import InvalidInput, UserError
from desktop.infra import atomic_files as output
from desktop.workspace import Workspace

REFERENCE = "(Kèm theo Kế hoạch số 79/KH-UBND ngày 02 tháng 10 năm 2025 của UBND phường Trần Liêu)"
CULTURE = "Phòng Văn hóa - Xã hội"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, demo_files):
    return demo_files.copy(tmp_path_factory.mktemp("annex") / "tl.db", at=None, actor=None)


@pytest.fixture
def ws(demo_db):
    with Workspace.open(demo_db, read_only=True) as opened:
        yield opened


def flat_text(path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", " ", out)


def test_every_unit_given_work_gets_a_pdf_and_a_workbook(demo_db, tmp_path, capsys):
    out = tmp_path / "giao_viec"
    assert main(["--db", str(demo_db), "annex", "--out", str(out)]) == 0
    with Workspace.open(demo_db, read_only=True) as ws:
        plan = ws.plans.current()
        expected = {
            u.name
            for u in ws.units.list()
            if u.kind not in (UnitKind.NHOM, UnitKind.CAP_TREN) and assignments(ws, plan, u)
        }
    names = {saving.annex_name(n) for n in expected}
    assert {p.stem for p in out.glob("*.pdf")} == names
    assert {p.stem for p in out.glob("*.xlsx")} == names
    assert not list(out.glob(".*"))  # no temporaries left
    assert CULTURE in expected and "Công an phường" in expected
    assert "Sở Khoa học và Công nghệ" not in expected  # the level above is not tasked here
    printed = capsys.readouterr().out
    assert f"giao {len(expected)} cơ quan, đơn vị" in printed


def test_the_annex_lists_what_the_unit_leads_and_coordinates(ws, tmp_path):
    plan = ws.plans.current()
    [given] = annexed_units(ws, plan, "phòng văn hóa - xã hội")  # any case, any accents
    [pdf, xlsx] = saving.save_annexes(ws, plan, tmp_path, CULTURE)
    text = flat_text(pdf)
    assert f"Phụ lục {given.number}" in text and given.number >= 1  # numbered, as NĐ 30 asks
    everyone = annexed_units(ws, plan)
    assert [g.number for g in everyone] == list(range(1, len(everyone) + 1))
    assert next(g for g in everyone if g.unit.name == CULTURE).number == given.number
    assert "DANH MỤC NHIỆM VỤ GIAO PHÒNG VĂN HÓA - XÃ HỘI" in text
    assert REFERENCE in text
    assert f"I. NHIỆM VỤ CHỦ TRÌ THỰC HIỆN ({len(given.leads)} nhiệm vụ)" in text
    assert "CÁC CHỈ TIÊU PHÒNG VĂN HÓA - XÃ HỘI CHỊU TRÁCH NHIỆM" in text
    for task in given.leads[:5]:
        assert re.sub(r"\s+", " ", task.title)[:40] in text
    others = [
        t for t in ws.tasks.list(plan.id) if t not in given.leads + given.coordinates + given.shared
    ]
    assert others and all(re.sub(r"\s+", " ", t.title)[:60] not in text for t in others[:20])
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+", info)  # landscape A4 from page 1
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("LiberationSerif" in r and " yes yes " in r for r in rows)

    book = load_workbook(xlsx)
    assert book.sheetnames == ["Nhiệm vụ", "Chỉ tiêu"]
    sheet = book["Nhiệm vụ"]
    assert sheet["A2"].value.startswith("DANH MỤC NHIỆM VỤ GIAO")
    assert sheet["A3"].value == REFERENCE
    codes = [r[0].value for r in sheet.iter_rows(min_row=5) if r[1].value]
    assert codes == [t.code for t in given.leads + given.coordinates + given.shared]
    assert sheet.merged_cells.ranges and sheet.page_setup.orientation == "landscape"
    led = len(given.indicators_led) + len(given.indicators_coordinated)
    figures = [r for r in book["Chỉ tiêu"].iter_rows(min_row=3) if r[1].value]
    assert len(figures) == led


def test_a_unit_of_the_office_gets_the_tasks_given_to_all_units(ws):
    plan = ws.plans.current()
    culture = ws.units.find(CULTURE)
    police = ws.units.find("Công an phường")
    shared = assignments(ws, plan, culture).shared
    assert shared and all(any(u.kind is UnitKind.NHOM for u in t.leads) for t in shared)
    assert assignments(ws, plan, police).shared == ()  # a vertical body is not the office's


def test_an_unknown_unit_is_named_and_nothing_is_written(demo_db, tmp_path, capsys):
    out = tmp_path / "giao_viec"
    code = main(["--db", str(demo_db), "annex", "--unit", "phong van hoa", "--out", str(out)])
    assert code == 1
    assert "Không có cơ quan, đơn vị «phong van hoa». Có phải: Phòng Văn hóa - Xã hội?" in (
        capsys.readouterr().err
    )
    assert not out.exists()


def test_a_unit_with_nothing_to_do_is_told_so(tmp_path, demo_files):
    with demo_files.open(tmp_path / "x.db", clock=None, actor=None) as ws:
        ws.units.add("Ban Chỉ huy Quân sự phường")
        plan = ws.plans.current()
        with pytest.raises(InvalidInput, match="không được giao nhiệm vụ hay chỉ tiêu nào"):
            annexed_units(ws, plan, "Ban Chỉ huy Quân sự phường")


def test_a_full_stick_halfway_leaves_none_of_the_new_files(ws, tmp_path, monkeypatch):
    plan = ws.plans.current()
    old = tmp_path / f"{saving.annex_name(CULTURE)}.pdf"
    old.write_bytes(b"last month's annex")
    calls = []

    def full(fd):
        calls.append(fd)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(UserError, match="ổ đĩa đã đầy"):
        saving.save_annexes(ws, plan, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [old.name]
    assert old.read_bytes() == b"last month's annex"
