"""The signed package: made from the demo with a trial CA, checked by tools that owe us
nothing (openssl cms, poppler's pdfsig), then by our verifier, which must refuse each
crafted bad package for its own reason."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from demo_packages import CLOCK, PASS
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers.pdf_signer import PdfCMSSignedAttributes

from desktop.cli import main
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput, UserError
from desktop.package import asice
from desktop.package.schema import schema_problems
from desktop.package.verify import Verdict, load_roots, verify, verify_file
from desktop.signing.certificates import check_for_signing
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import issue
from desktop.submission.build import make_package
from desktop.workspace import Workspace


def files_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_openssl_verifies_the_manifest_signature(made, tmp_path):
    _, ca, package = made
    with zipfile.ZipFile(package.path) as archive:
        archive.extractall(tmp_path)
    result = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER",
         "-in", str(tmp_path / asice.SIGNATURE), "-content", str(tmp_path / asice.MANIFEST),
         "-CAfile", str(ca.root), "-purpose", "any", "-out", os.devnull],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Verification successful" in result.stderr


def test_pdfsig_finds_one_valid_signature_over_the_whole_report(made, tmp_path):
    report = tmp_path / "bao_cao.pdf"
    report.write_bytes(files_of(made[2].path)["bao_cao.pdf"])
    out = subprocess.run(["pdfsig", str(report)], capture_output=True, text=True).stdout
    assert out.count("Signature #") == 1
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "Nguyễn Văn An (THỬ NGHIỆM)" in out
    text = subprocess.run(
        ["pdftotext", "-layout", str(report), "-"], capture_output=True, text=True
    ).stdout
    assert "Ký bởi: Nguyễn Văn An" in text and "THỬ NGHIỆM - không có giá trị pháp lý" in text
    assert re.search(r"Thời gian ký:\s+25/11/2026 10:00", text)


def test_the_package_holds_what_design_says(made):
    package = made[2]
    assert re.fullmatch(r"phuong-tran-lieu_2025_79-kh-ubnd_l1_20261125T100000\.asice",
                        package.path.name)  # fmt: skip
    with zipfile.ZipFile(package.path) as archive:
        entries = archive.infolist()
    assert entries[0].filename == "mimetype" and entries[0].compress_type == zipfile.ZIP_STORED
    names = [e.filename for e in entries]
    assert names[1:4] == ["bao_cao.pdf", "bao_cao.xlsx", "du_lieu.json"]
    assert names[-2:] == [asice.MANIFEST, asice.SIGNATURE]
    evidence = [n for n in names if n.startswith("minh_chung/")]
    assert len(evidence) == 1 and evidence[0].endswith("_bien-ban-nghiem-thu.pdf")
    data = json.loads(files_of(package.path)["du_lieu.json"])
    assert schema_problems(data) == []
    assert data["package"]["sequence"] == 1 and data["package"]["trial"] is True
    assert data["period"]["id"] == "2025" and data["submitted_at"] == "2026-11-25T10:00:00+07:00"
    assert len(data["tasks"]) == 45 and data["office"]["committee"] == "UBND phường Trần Liêu"
    [task] = [t for t in data["tasks"] if t["evidence"]]
    assert task["evidence"][0]["file"] == evidence[0]
    assert not list(package.path.parent.glob(".*"))  # no temporary left


def test_our_verifier_accepts_it_and_says_trial(made, roots, capsys):
    verdict = verify_file(made[2].path, roots)
    assert verdict.accepted and verdict.trial, verdict.render()
    code = main(["verify", str(made[2].path), "--trust", str(made[1].root), "--json"])
    printed = json.loads(capsys.readouterr().out)
    assert code == 0 and printed["accepted"] and printed["trial"] and printed["sequence"] == 1


def test_a_wrong_passphrase_and_an_expired_certificate_are_said(made, tmp_path):
    ca = made[1]
    with pytest.raises(InvalidInput, match="mật khẩu không đúng"):
        Pkcs12File(ca.signer, b"sai-mat-khau")
    _, old_bundle = issue("Trần Văn Cũ", PASS, CLOCK - timedelta(days=800), days=30)
    (tmp_path / "old.p12").write_bytes(old_bundle)
    source = Pkcs12File(tmp_path / "old.p12", PASS)
    with pytest.raises(InvalidInput, match="đã hết hạn ngày"):
        check_for_signing(source.certificate(), CLOCK)


def test_a_sent_period_is_locked_until_reopened_then_sent_again_as_l2(made, tmp_path, roots):
    folder, ca, first = made
    copy = tmp_path / "tl.db"
    shutil.copy(folder / "tl.db", copy)
    with Workspace.open(copy, clock=lambda: CLOCK + timedelta(hours=1)) as ws:
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        item = next(i for i in ws.progress.overview(plan.id, period) if i.latest)
        report = item.latest
        indicator = ws.indicators.list(plan.id)[0]
        line = ws.budget.add_line(plan.id, 2025, "1", "Chi chuyển đổi số", estimate=50_000_000)
        count = ws.audit.count()
        for write in (
            lambda: ws.progress.record(item.task.id, "2025", "dang_thuc_hien", 60, result="Mới"),
            lambda: ws.progress.delete(item.task.id, PeriodId.parse("2025"), report.occurrence),
            lambda: ws.indicators.record_value(indicator.id, "2025", 99),
            lambda: ws.budget.disburse(line.id, "2025-06-30", 1_000_000),
            lambda: ws.attachments.add("progress_id", report.id, "them.pdf", b"%PDF"),
            lambda: make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), tmp_path),
        ):
            with pytest.raises(InvalidInput, match=re.escape(first.path.name)):
                write()
        assert ws.audit.count() == count  # nothing written
        ws.budget.disburse(line.id, "2026-01-05", 1_000_000)  # another period: free
        # The database itself refuses, whatever writes.
        with pytest.raises(UserError), ws.change("ghi thẳng"):
            ws.db.execute("UPDATE task_progress SET percent = 10 WHERE id = ?", [report.id])
        with pytest.raises(InvalidInput, match="cần ghi lý do"):
            ws.locks.reopen(plan.id, period, "  ")
        ws.locks.reopen(plan.id, period, "Bổ sung kết quả nhiệm vụ")
        before = report.result
        ws.progress.record(
            item.task.id, "2025", report.status, report.percent, report.completed_on,
            result="Kết quả đã bổ sung", occurrence=report.occurrence,
        )  # fmt: skip
        second = make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), tmp_path)
        assert ws.locks.active(plan.id, "2025").package_file == second.path.name
    files = files_of(second.path)
    data = json.loads(files["du_lieu.json"])
    first_data = json.loads(files_of(first.path)["du_lieu.json"])
    assert second.sequence == 2 and "_l2_" in second.path.name
    assert data["package"]["replaces"] == first_data["package"]["uid"]
    assert data["package"]["reason"] == "Bổ sung kết quả nhiệm vụ"
    expected = (
        f"Nhiệm vụ {item.task.code} «{item.task.title}» – Kết quả thực hiện: «{before}» → "
        "«Kết quả đã bổ sung»"
    )
    assert data["changes"] == [expected]
    assert data["audit"]["since_previous"] >= 2  # the reopening and the correction
    assert first_data["audit"]["since_previous"] is None
    (tmp_path / "l2.pdf").write_bytes(files["bao_cao.pdf"])
    text = subprocess.run(["pdftotext", str(tmp_path / "l2.pdf"), "-"],
                          capture_output=True, text=True).stdout  # fmt: skip
    flat = re.sub(r"\s+", " ", text)
    assert "VI. NHỮNG THAY ĐỔI SO VỚI BÁO CÁO LẦN TRƯỚC" in flat
    assert "Báo cáo này thay thế báo cáo lần 1 đã gửi trong gói" in flat
    assert "Kết quả đã bổ sung" in flat
    assert verify_file(second.path, roots).accepted


def test_reopen_from_the_command_line(made, tmp_path, capsys):
    copy = tmp_path / "tl.db"
    shutil.copy(made[0] / "tl.db", copy)
    assert main(["--db", str(copy), "reopen", "--period", "2025", "--reason", "Sửa số liệu"]) == 0
    assert "Đã mở lại kỳ năm 2025" in capsys.readouterr().out
    assert main(["--db", str(copy), "reopen", "--period", "2025", "--reason", "lại"]) == 1
    assert "đang không khóa" in capsys.readouterr().err
    with Workspace.open(copy, read_only=True) as ws:
        entries = ws.audit.entries(table="period_locks")
    assert entries[0].operation == "Mở lại kỳ năm 2025: Sửa số liệu"


def test_a_killed_process_leaves_no_package(made, tmp_path):
    folder, ca, _ = made
    copy = tmp_path / "tl.db"
    shutil.copy(folder / "tl.db", copy)
    with Workspace.open(copy, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        ws.locks.reopen(plan.id, ws.periods.get(PeriodId.parse("2025"), plan.id), "Gửi lại")
    out = tmp_path / "out"
    script = f"""
import os, signal, sys
sys.path.insert(0, {str(Path(__file__).parent.parent)!r})
from desktop.infra import atomic_files
def die(fd):  # the power goes while the package is being flushed
    os.kill(os.getpid(), signal.SIGKILL)
atomic_files.os.fsync = die
from desktop.cli import main
main(["--db", {str(copy)!r}, "package", "--period", "2025", "--out", {str(out)!r},
      "--p12", {str(ca.signer)!r}, "--passphrase-env", "MK"])
"""
    env = {**os.environ, "MK": PASS.decode()}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True)
    assert result.returncode == -9
    assert not list(out.glob("*.asice"))
    with Workspace.open(copy, read_only=True) as ws:  # and the database did not record it
        plan = ws.plans.current()
        assert [p.sequence for p in ws.packages.sent(plan.id, "2025")] == [1]


# Crafted bad packages --------------------------------------------------------------------


def zipped(entries: list[tuple[str, bytes]], *, stored_first: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, content) in enumerate(entries):
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            stored = index == 0 and stored_first and name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def resigned(
    files: dict[str, bytes], p12: Path, passphrase: bytes = PASS, at: datetime = CLOCK
) -> list[tuple[str, bytes]]:
    """The payload re-listed in a new manifest, signed with `p12` at `at`: a package
    whose container is sound, so only the check aimed at is left to fail."""
    payload = [
        (n, c) for n, c in files.items() if n != "mimetype" and not n.startswith("META-INF/")
    ]
    manifest = asice.manifest(payload)
    signer = Pkcs12File(p12, passphrase).signer()
    cms = asyncio.run(
        signer.async_sign_general_data(
            manifest, "sha256", detached=True, use_cades=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=at),
        )
    )  # fmt: skip
    return [
        ("mimetype", asice.MIMETYPE.encode()),
        *payload,
        (asice.MANIFEST, manifest),
        (asice.SIGNATURE, cms.dump()),
    ]


def changed_byte(content: bytes, at: int | None = None) -> bytes:
    at = len(content) // 2 if at is None else at
    return content[:at] + bytes([content[at] ^ 0x01]) + content[at + 1 :]


def entries_of(made) -> list[tuple[str, bytes]]:
    return list(files_of(made[2].path).items())


def replace(entries, name, content):
    return [(n, content if n == name else c) for n, c in entries]


def untrusted_p12(tmp_path) -> Path:
    _, bundle = issue("Kẻ Giả Mạo", PASS, CLOCK)
    (tmp_path / "other.p12").write_bytes(bundle)
    return tmp_path / "other.p12"


def json_edited(made, edit) -> bytes:
    data = json.loads(files_of(made[2].path)["du_lieu.json"])
    edit(data)
    return json.dumps(data, ensure_ascii=False).encode()


def appended_page_content(report: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(report), strict=False)
    stream = generic.StreamObject(stream_data=b"0 0 1 rg 100 100 300 300 re f")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bomb() -> bytes:
    return b"\0" * (10 * 1024 * 1024)


BAD = {
    "pdf_byte": lambda m, t: zipped(replace(entries_of(m), "bao_cao.pdf",
                                            changed_byte(files_of(m[2].path)["bao_cao.pdf"]))),
    "xlsx_byte": lambda m, t: zipped(replace(entries_of(m), "bao_cao.xlsx",
                                             changed_byte(files_of(m[2].path)["bao_cao.xlsx"]))),
    "json_byte": lambda m, t: zipped(replace(entries_of(m), "du_lieu.json",
                                             changed_byte(files_of(m[2].path)["du_lieu.json"], 5))),
    "evidence_byte": lambda m, t: zipped([
        (n, changed_byte(c, 0) if n.startswith("minh_chung/") else c) for n, c in entries_of(m)
    ]),
    "extra_file": lambda m, t: zipped([*entries_of(m), ("ghi_chu.txt", b"them vao")]),
    "missing_file": lambda m, t: zipped([(n, c) for n, c in entries_of(m)
                                         if n != "bao_cao.xlsx"]),
    "edited_manifest": lambda m, t: zipped(replace(
        entries_of(m), asice.MANIFEST,
        files_of(m[2].path)[asice.MANIFEST].replace(b"<ds:DigestValue>", b"<ds:DigestValue>A", 1),
    )),
    "untrusted_ca": lambda m, t: zipped(resigned(files_of(m[2].path), untrusted_p12(t))),
    "dotdot_name": lambda m, t: zipped([*entries_of(m), ("minh_chung/../../etc/x", b"x")]),
    "absolute_name": lambda m, t: zipped([*entries_of(m), ("/etc/cron.d/x", b"x")]),
    "duplicate_name": lambda m, t: zipped([*entries_of(m), ("bao_cao.pdf", b"%PDF khac")]),
    "bomb_ratio": lambda m, t: zipped([*entries_of(m), ("minh_chung/00000000_bom", bomb())]),
    "manifest_doctype": lambda m, t: zipped(replace(
        entries_of(m), asice.MANIFEST,
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + files_of(m[2].path)[asice.MANIFEST].split(b"?>", 1)[1],
    )),
    "json_schema": lambda m, t: zipped(resigned(
        {**files_of(m[2].path), "du_lieu.json": json_edited(m, lambda d: d.pop("tasks"))},
        m[1].signer,
    )),
    "mimetype_not_first": lambda m, t: zipped(entries_of(m)[1:] + entries_of(m)[:1]),
    "mimetype_compressed": lambda m, t: zipped(entries_of(m), stored_first=False),
    "incremental_update": lambda m, t: zipped(resigned(
        {**files_of(m[2].path),
         "bao_cao.pdf": appended_page_content(files_of(m[2].path)["bao_cao.pdf"])},
        m[1].signer,
    )),
    "truncated": lambda m, t: m[2].path.read_bytes()[: m[2].path.stat().st_size // 2],
    "json_period": lambda m, t: zipped(resigned(
        {**files_of(m[2].path),
         "du_lieu.json": json_edited(m, lambda d: d["period"].update(id="2025-Q4"))},
        m[1].signer,
    )),
    "replayed_as_l2": lambda m, t: m[2].path.read_bytes(),  # renamed below
    "not_a_zip": lambda m, t: b"%PDF-1.7 this is not a package",
}  # fmt: skip

# What each must be refused for: the check that fails, and words of its reason.
REASONS = {
    "pdf_byte": ("Toàn vẹn các tệp", "bao_cao.pdf"),
    "xlsx_byte": ("Toàn vẹn các tệp", "bao_cao.xlsx"),
    "json_byte": ("Toàn vẹn các tệp", "du_lieu.json"),
    "evidence_byte": ("Toàn vẹn các tệp", "minh_chung/"),
    "extra_file": ("Toàn vẹn các tệp", "không ghi trong bản kê: ghi_chu.txt"),
    "missing_file": ("Toàn vẹn các tệp", "thiếu bao_cao.xlsx"),
    "edited_manifest": ("Chữ ký trên bản kê (CAdES)", "không khớp nội dung"),
    "untrusted_ca": ("Chữ ký trên bản kê (CAdES)", "không chuỗi tới gốc tin cậy"),
    "dotdot_name": ("Cấu trúc gói", "«..»"),
    "absolute_name": ("Cấu trúc gói", "tên tuyệt đối"),
    "duplicate_name": ("Cấu trúc gói", "tên tệp bị lặp"),
    "bomb_ratio": ("Cấu trúc gói", "zip bomb"),
    "manifest_doctype": ("Bản kê (ASiCManifest)", "DOCTYPE"),
    "json_schema": ("Dữ liệu (du_lieu.json)", "không đúng khuôn"),
    "mimetype_not_first": ("Cấu trúc gói", "«mimetype» phải là tệp đầu tiên"),
    "mimetype_compressed": ("Cấu trúc gói", "không nén"),
    "incremental_update": ("Chữ ký trên báo cáo PDF (PAdES)", "thêm vào báo cáo sau khi ký"),
    "truncated": ("Cấu trúc gói", "zip hỏng"),
    "json_period": ("Dữ liệu (du_lieu.json)", "khác kỳ của báo cáo PDF"),
    "replayed_as_l2": ("Dữ liệu (du_lieu.json)", "gói cũ gửi lại"),
    "not_a_zip": ("Cấu trúc gói", "không phải gói .asice"),
}


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the crafted duplicate
@pytest.mark.parametrize("case", sorted(BAD))
def test_the_verifier_refuses_a_crafted_package_for_its_reason(case, made, roots, tmp_path):
    data = BAD[case](made, tmp_path)
    name = made[2].path.name
    if case == "replayed_as_l2":
        name = name.replace("_l1_", "_l2_")
    verdict = verify(data, roots, Verdict(name))
    assert not verdict.accepted
    check, words = REASONS[case]
    failed = [c for c in verdict.checks if not c.passed]
    assert any(c.name == check and words in c.detail for c in failed), verdict.render()


def test_an_expired_signer_is_refused(made, roots, tmp_path):
    root, bundle = issue("Trần Văn Cũ", PASS, CLOCK - timedelta(days=800), days=30)
    (tmp_path / "old.p12").write_bytes(bundle)
    (tmp_path / "old_root.pem").write_bytes(root)
    data = zipped(resigned(files_of(made[2].path), tmp_path / "old.p12"))
    trusted = roots + load_roots([tmp_path / "old_root.pem"])
    verdict = verify(data, trusted, Verdict(made[2].path.name))
    [cms] = [c for c in verdict.checks if c.name == "Chữ ký trên bản kê (CAdES)"]
    assert not cms.passed and "hết hạn" in cms.detail


def test_the_size_limit_holds(made, roots, monkeypatch):
    monkeypatch.setattr(asice, "MAX_TOTAL_BYTES", 100_000)
    verdict = verify(made[2].path.read_bytes(), roots, Verdict(made[2].path.name))
    assert not verdict.accepted and "quá giới hạn" in verdict.checks[0].detail


def test_without_a_trusted_root_nothing_is_accepted(made, capsys):
    assert main(["verify", str(made[2].path)]) == 1
    out = capsys.readouterr().out
    assert "không chuỗi tới gốc tin cậy" in out and "KHÔNG chấp nhận" in out


def test_roots_imported_in_settings_are_trusted_by_verify(made, tmp_path, capsys):
    folder, ca, package = made
    copy = tmp_path / "tren.db"
    shutil.copy(folder / "tl.db", copy)
    assert main(["--db", str(copy), "verify", str(package.path)]) == 1
    capsys.readouterr()
    assert main(["--db", str(copy), "settings", "--trust-root", str(ca.root)]) == 0
    assert "Chứng thư gốc tin cậy: 1" in capsys.readouterr().out
    assert main(["--db", str(copy), "verify", str(package.path)]) == 0
    signer_cert = tmp_path / "signer.pem"
    signer_cert.write_bytes(Pkcs12File(ca.signer, PASS).certificate().public_bytes(Encoding.PEM))
    assert main(["--db", str(copy), "settings", "--trust-root", str(signer_cert)]) == 1
    assert "không phải CA" in capsys.readouterr().err


def test_the_signature_and_seal_images_appear_under_the_stamp(made, tmp_path, capsys):
    from PIL import Image, ImageDraw

    folder, ca, package = made
    seal = Image.new("RGBA", (300, 300))
    ImageDraw.Draw(seal).ellipse((10, 10, 290, 290), outline=(220, 0, 0, 255), width=20)
    seal.save(tmp_path / "dau.png")
    (tmp_path / "dau.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a png")
    copy = tmp_path / "tl.db"
    shutil.copy(folder / "tl.db", copy)
    assert main(["--db", str(copy), "settings", "--seal-image", str(tmp_path / "dau.jpg")]) == 1
    assert "phải là tệp PNG" in capsys.readouterr().err
    assert main(["--db", str(copy), "settings", "--seal-image", str(tmp_path / "dau.png")]) == 0
    assert "Ảnh con dấu: có" in capsys.readouterr().out

    def red_pixels(package_path: Path) -> int:
        report = tmp_path / "bc.pdf"
        report.write_bytes(files_of(package_path)["bao_cao.pdf"])
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(report), str(tmp_path / "p")],
                       check=True)  # fmt: skip
        count = 0
        for page in tmp_path.glob("p-*.png"):
            pixels = Image.open(page).convert("RGB").get_flattened_data()
            count += sum(1 for r, g, b in pixels if r > 180 and g < 80 and b < 80)
            page.unlink()
        return count

    with Workspace.open(copy, clock=lambda: CLOCK + timedelta(hours=1)) as ws:
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        ws.locks.reopen(plan.id, period, "Thêm con dấu")
        with_seal = make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), tmp_path)
    assert red_pixels(package.path) == 0 and red_pixels(with_seal.path) > 30


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_named_like_a_package_is_refused_without_waiting(tmp_path):
    """Reading a pipe waits for a writer that never comes: verify and receive say what it
    is instead, at once, and a batch goes on."""
    from desktop.consolidation.receive import QUARANTINED, receive

    pipe = tmp_path / "goi.asice"
    os.mkfifo(pipe)
    verdict = verify_file(pipe, [])
    assert not verdict.accepted
    assert "không phải tệp thường" in verdict.checks[0].detail
    with Workspace.open(tmp_path / "tinh.db", create=True) as ws:
        [outcome] = receive(ws, [tmp_path], [])
        assert outcome.status == QUARANTINED and "không phải tệp thường" in outcome.detail
