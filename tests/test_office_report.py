"""Reading what was received (issue 26, point 4): the signed report and an evidence file
taken out of a kept package, only those, within a size and under a name of our making
(a file that arrives is hostile); who signed the package and what was checked when it
came, as it was checked then."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from demo_packages import CLOCK, PASS, demo_package, package_files, readdressed
from test_hostile_packages import own_ca

from desktop.consolidation import store
from desktop.consolidation.office_report import (
    NOT_KEPT,
    evidence_files,
    office_latest,
    signature_facts,
)
from desktop.consolidation.receive import RECEIVED, receive
from desktop.consolidation.roster import RosterEntry
from desktop.consolidation.store import safe_name, stored_data, stored_file, take_out
from desktop.domain.model import OfficeLevel
from desktop.errors import InvalidInput, NotFound, UserError
from desktop.package.layout import DATA_JSON, REPORT_PDF
from desktop.package.verify import load_roots
from desktop.signing.sources import Pkcs12File
from desktop.workspace import Workspace

ARRIVED = CLOCK + timedelta(hours=2)  # 25/11/2026 12:00 in Hà Nội


def _province(path):
    ws = Workspace.open(path, create=True, clock=lambda: ARRIVED)
    ws.office.save("Hải Phòng", "tinh")
    ws.receiving.set_roster([RosterEntry("Trần Liêu", OfficeLevel.PHUONG)])
    return ws


def _received(ws):
    [office] = ws.receiving.roster()
    return office_latest(ws, office.id, "2025").received


@pytest.fixture
def province(tmp_path, demo_files):
    """The level above with phường Trần Liêu's 2025 package received (one evidence file)."""
    ca, package = demo_package(demo_files, tmp_path / "xa")
    ws = _province(tmp_path / "tinh.db")
    [outcome] = receive(ws, [package.path], load_roots([ca.root]))
    assert outcome.status == RECEIVED, outcome.detail
    yield ws, _received(ws)
    ws.close()


def test_the_signed_report_and_an_evidence_file_are_taken_out(province, tmp_path):
    ws, received = province
    assert stored_file(ws, received, REPORT_PDF).startswith(b"%PDF")
    [evidence] = evidence_files(stored_data(ws, received))
    assert evidence.task == "I.1" and evidence.size_shown == "6 byte"
    assert evidence.shown.endswith("_bien-ban-nghiem-thu.pdf")
    path = take_out(ws, received, evidence.name, tmp_path / "doc")
    assert path.read_bytes() == b"%PDF x"
    assert path.parent.parent == tmp_path / "doc"  # a folder of its package
    assert path.name == evidence.shown.replace("_", "-")
    assert take_out(ws, received, evidence.name, tmp_path / "doc") == path  # again: same


def test_only_the_report_and_evidence_come_out_within_their_size(province, tmp_path, monkeypatch):
    ws, received = province
    for other in (DATA_JSON, "META-INF/signature001.p7s", "bao_cao.xlsx"):
        with pytest.raises(InvalidInput, match="không phải báo cáo hay tệp minh chứng"):
            stored_file(ws, received, other)
    with pytest.raises(NotFound, match=r"không có tệp «minh_chung/00000000_khong-co\.pdf»"):
        stored_file(ws, received, "minh_chung/00000000_khong-co.pdf")
    [evidence] = evidence_files(stored_data(ws, received))
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 5)
    with pytest.raises(InvalidInput, match="lớn 6 byte, quá giới hạn 5 byte"):
        take_out(ws, received, evidence.name, tmp_path / "doc")
    assert not (tmp_path / "doc").exists()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("minh_chung/12345678_chay.exe", "loại .exe"),
        ("minh_chung/12345678_lenh.bat", "loại .bat"),
        ("minh_chung/12345678_trang.html", "loại .html"),
        ("minh_chung/12345678_macro.docm", "loại .docm"),
        ("minh_chung/12345678_khong-duoi", "không rõ loại"),
    ],
)
def test_a_file_that_could_run_is_never_taken_out(province, tmp_path, name, words):
    ws, received = province
    with pytest.raises(InvalidInput, match=words):
        take_out(ws, received, name, tmp_path / "doc")
    assert not (tmp_path / "doc").exists()


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("minh_chung/744a01f7_bien-ban.pdf", "744a01f7-bien-ban.pdf"),
        ("minh_chung/../../etc/passwd.txt", "passwd.txt"),
        ("minh_chung/a\\..\\b.pdf", "a-b.pdf"),
        ("minh_chung/CON.txt", "con-tep.txt"),
        ("minh_chung/.bashrc", "tep.bashrc"),
        ("minh_chung/Hóa đơn\u202egpj.exe", "hoa-don-gpj.exe"),
        ("minh_chung/x.PDF\x1b[2J", "x.pdf2j"),
        ("minh_chung/" + "a" * 300 + ".pdfpdfpdf", "a" * 60 + ".pdfpdfpd"),
    ],
)
def test_a_name_from_a_package_is_written_as_ours(name, written):
    assert safe_name(name) == written


def test_a_kept_package_changed_on_disk_is_not_read(province):
    ws, received = province
    kept = ws.path.parent / received.file
    kept.write_bytes(kept.read_bytes() + b"x")
    with pytest.raises(UserError, match="đã bị sửa hoặc thay trên đĩa"):
        stored_file(ws, received, REPORT_PDF)


def test_the_signature_is_said_as_it_was_checked_on_receipt(province):
    ws, received = province
    facts = dict(signature_facts(ws, received, far_from_claim=False))
    [signer] = ws.receiving.signers(received.roster_id)
    assert facts["Người ký"] == "Nguyễn Văn An (THỬ NGHIỆM)"
    assert facts["Cơ quan (trong chứng thư)"] == "Sổ Kế hoạch - THỬ NGHIỆM"
    assert facts["Cấp bởi"].startswith("CA thử nghiệm")
    assert facts["Số sê-ri"] == signer.serial
    assert facts["Hiệu lực"] == "từ 24/11/2026 đến 24/11/2028"
    assert facts["Dấu vân tay SHA-256"].replace(" ", "") == signer.sha256.upper()
    assert facts["Ghi nhận cho đơn vị"].startswith("có")
    assert facts["Chứng thư"].startswith("THỬ NGHIỆM")
    assert facts["Gói ghi ký lúc"] == "25/11/2026 10:00"
    assert facts["Nhận lúc"] == "25/11/2026 12:00"
    assert facts["Thu hồi chứng thư"].startswith("chưa kiểm tra được thu hồi")
    assert facts["Kết quả kiểm tra lúc nhận"] == (
        "đạt 7/7 bước kiểm tra: gói nguyên vẹn, chữ ký hợp lệ và tin cậy"
    )
    far = dict(signature_facts(ws, received, far_from_claim=True))
    assert far["Nhận lúc"].startswith("25/11/2026 12:00 — xa lúc gói ghi ký")


def test_a_package_received_before_the_checks_were_kept_says_so(province):
    ws, _ = province
    with ws.change("Gói nhận bằng phiên bản trước"):
        ws.db.execute("UPDATE received SET checks = ''")
    facts = dict(signature_facts(ws, _received(ws), far_from_claim=False))
    assert facts["Thu hồi chứng thư"] == NOT_KEPT
    assert facts["Kết quả kiểm tra lúc nhận"].startswith(NOT_KEPT)


def test_revocation_checked_against_a_list_is_said(tmp_path, demo_files):
    root, p12, crl = own_ca(tmp_path / "ca")
    _, package = demo_package(demo_files, tmp_path / "xa", evidence=False)
    files = package_files(package.path)
    data = json.loads(files[DATA_JSON])
    data["package"]["trial"] = False  # signed below by a CA of no trial
    files[DATA_JSON] = json.dumps(data, ensure_ascii=False).encode()
    signer = Pkcs12File(p12, PASS).signer()
    name, data, _ = readdressed(files, signer, ("Trần Liêu", "phuong", ""), CLOCK)
    (tmp_path / name).write_bytes(data)
    with _province(tmp_path / "tinh.db") as ws:
        ws.trust.add_revocation_list(crl)
        [outcome] = receive(ws, [tmp_path / name], load_roots([root]))
        assert outcome.status == RECEIVED, outcome.detail
        facts = dict(signature_facts(ws, _received(ws), far_from_claim=False))
    assert facts["Người ký"] == "Người Chỉ Ký" and facts["Cấp bởi"] == "CA chỉ ký"
    assert (
        facts["Cơ quan (trong chứng thư)"] == "(chứng thư không ghi)" and "Chứng thư" not in facts
    )
    assert facts["Thu hồi chứng thư"].startswith("đã đối chiếu danh sách thu hồi của CA chỉ ký")
