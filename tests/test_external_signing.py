"""A report signed in another tool (pyHanko here, standing in for the official signing
software) over the PDF we exported: accepted into a package only when its signed
revision is exactly what we exported, with nothing added before or after."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile

import pytest
from demo_packages import CLOCK, PASS, change_a_result, demo_package
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from desktop.cli import main
from desktop.domain.periods import PeriodId
from desktop.package.verify import load_roots, verify_file
from desktop.signing.sources import Pkcs12File
from desktop.workspace import Workspace


@pytest.fixture(scope="module")
def office(tmp_path_factory, demo_files):
    folder = tmp_path_factory.mktemp("ngoai")
    ca, _ = demo_package(demo_files, folder, evidence=False)
    return folder, ca


@pytest.fixture
def exported(office, tmp_path, monkeypatch, capsys):
    """A reopened copy of the database and the report PDF exported from it to sign."""
    folder, ca = office
    db = tmp_path / "tl.db"
    shutil.copy(folder / "tl.db", db)
    with Workspace.open(db, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        ws.locks.reopen(plan.id, ws.periods.get(PeriodId.parse("2025"), plan.id), "Ký ngoài")
    out = tmp_path / "de_ky.pdf"
    args = ["--db", str(db), "report", "--period", "2025", "--out", str(out), "--for-signing"]
    assert main(args) == 0
    assert "để ký" in capsys.readouterr().out
    monkeypatch.setenv("MK", PASS.decode())
    return db, ca, out.read_bytes()


def signed_outside(content: bytes, p12, before=None, after=None) -> bytes:
    """Sign as the official tool would: one incremental update with the signature.
    `before(writer)` changes the document in the signing revision; `after(bytes)`
    appends a later revision."""
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    if before is not None:
        before(writer)
    signer = Pkcs12File(p12, PASS).signer()
    meta = signers.PdfSignatureMetadata(field_name="ChuKyNgoai")
    signed = signers.sign_pdf(writer, meta, signer=signer).getvalue()
    return after(signed) if after is not None else signed


def package(db, ca, signed: bytes, tmp_path):
    path = tmp_path / "da_ky.pdf"
    path.write_bytes(signed)
    return main(["--db", str(db), "package", "--period", "2025", "--out", str(tmp_path / "goi"),
                 "--p12", str(ca.signer), "--passphrase-env", "MK",
                 "--signed-pdf", str(path)])  # fmt: skip


def test_the_pdf_signed_outside_goes_into_a_package_that_verifies(exported, tmp_path):
    db, ca, content = exported
    assert package(db, ca, signed_outside(content, ca.signer), tmp_path) == 0
    [made] = (tmp_path / "goi").glob("*.asice")
    assert verify_file(made, load_roots([ca.root])).accepted
    with zipfile.ZipFile(made) as archive:
        archive.extractall(tmp_path / "x")
    out = subprocess.run(
        ["pdfsig", str(tmp_path / "x/bao_cao.pdf")], capture_output=True, text=True
    ).stdout
    assert "ChuKyNgoai" in out and "Signature is Valid." in out
    checked = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER",
         "-in", str(tmp_path / "x/META-INF/signature001.p7s"),
         "-content", str(tmp_path / "x/META-INF/ASiCManifest.xml"),
         "-CAfile", str(ca.root), "-purpose", "any", "-out", os.devnull],
        capture_output=True,
    )  # fmt: skip
    assert checked.returncode == 0


def changed_byte(content: bytes) -> bytes:
    at = content.index(b"ReportLab Generated") + 2  # in a comment: still a sound PDF
    return content[:at] + b"X" + content[at + 1 :]


def extra_page(writer) -> None:
    page = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (0, 0, 595, 842)]
            ),
        }
    )
    writer.insert_page(page)


def redrawn_page(writer) -> None:
    stream = generic.StreamObject(stream_data=b"1 0 0 rg 100 100 200 200 re f")
    writer.add_stream_to_page(0, writer.add_object(stream))


def appended_revision(signed: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    redrawn_page(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (lambda c, p: signed_outside(changed_byte(c), p), "không phải PDF đã xuất để ký"),
        (lambda c, p: signed_outside(c, p, before=extra_page), "thêm hoặc vẽ lại trang"),
        (lambda c, p: signed_outside(c, p, before=redrawn_page), "thêm hoặc vẽ lại trang"),
        (lambda c, p: signed_outside(c, p, after=appended_revision), "thêm vào tệp sau khi ký"),
        (lambda c, p: c, "cần đúng một chữ ký số"),
    ],
    ids=["byte-changed-before-signing", "extra-page", "page-redrawn", "revision-after",
         "not-signed"],
)  # fmt: skip
def test_a_signed_pdf_that_is_not_ours_is_refused(exported, tmp_path, capsys, tamper, reason):
    db, ca, content = exported
    assert package(db, ca, tamper(content, ca.signer), tmp_path) == 1
    assert reason in capsys.readouterr().err
    assert not (tmp_path / "goi").exists() or not list((tmp_path / "goi").glob("*.asice"))


def test_data_changed_after_the_export_needs_a_new_export(exported, tmp_path, capsys):
    db, ca, content = exported
    with Workspace.open(db, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        change_a_result(ws, plan, period, "Sửa sau khi xuất")
    assert package(db, ca, signed_outside(content, ca.signer), tmp_path) == 1
    assert "đã thay đổi sau khi xuất PDF để ký" in capsys.readouterr().err
