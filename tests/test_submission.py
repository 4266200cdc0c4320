"""One submission document: what `report` saves, what `report --for-signing` exports,
what the window previews and what the package signs are the same document, built by
submission.document.submission; a lần 2 carries its changes in every one of them."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import datetime

import pytest
from demo_packages import CLOCK, PASS, change_a_result, demo_package

from desktop.cli import main
from desktop.documents import pdf
from desktop.domain.periods import PeriodId
from desktop.signing.pdf_signature import stamp_lines
from desktop.signing.sources import Pkcs12File
from desktop.submission.build import make_package
from desktop.submission.document import submission
from desktop.workspace import Workspace

CHANGES = "NHỮNG THAY ĐỔI SO VỚI BÁO CÁO LẦN TRƯỚC"


def text_of(content: bytes, tmp_path, name: str) -> str:
    """The PDF's text as poppler reads it, in the order it is drawn."""
    path = tmp_path / name
    path.write_bytes(content)
    done = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def second_time(tmp_path_factory, tmp_path, demo_files):
    """The 2025 report sent once (lần 1), reopened and one result corrected: the next
    package is lần 2. Returns the database and the trial CA."""
    folder = tmp_path_factory.mktemp("lan2")
    ca, _ = demo_package(demo_files, folder, evidence=False)
    db = tmp_path / "tl.db"
    shutil.copy(folder / "tl.db", db)
    with Workspace.open(db, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        ws.locks.reopen(plan.id, period, "Bổ sung kết quả")
        change_a_result(ws, plan, period, "Kết quả bổ sung cho lần 2")
    return db, ca


def test_the_export_for_signing_the_saved_report_and_the_package_are_one_document(
    second_time, tmp_path, monkeypatch
):
    db, ca = second_time
    monkeypatch.setattr("desktop.workspace.datetime", _Frozen)  # the CLI's clock, too
    for_signing, saved = tmp_path / "de_ky.pdf", tmp_path / "bao_cao.pdf"
    base = ["--db", str(db), "report", "--period", "2025"]
    assert main([*base, "--out", str(for_signing), "--for-signing"]) == 0
    assert main([*base, "--out", str(saved)]) == 0
    with Workspace.open(db, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        made = submission(ws, plan, period)
        preview = pdf.render(made.document)  # the bytes the wizard and the Văn bản tab show
        package = make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), tmp_path / "out")
    assert (made.sequence, package.sequence) == (2, 2)
    with zipfile.ZipFile(package.path) as archive:
        signed = archive.read("bao_cao.pdf")
    exported = text_of(for_signing.read_bytes(), tmp_path, "a.pdf")
    assert CHANGES in exported and "Kết quả bổ sung cho lần 2" in exported
    assert text_of(saved.read_bytes(), tmp_path, "b.pdf") == exported
    assert text_of(preview, tmp_path, "c.pdf") == exported
    stamp = set(stamp_lines("Nguyễn Văn An", "UBND phường Trần Liêu", CLOCK, package.trial))
    assert "Cơ quan: UBND phường Trần Liêu" in stamp
    signed_text = text_of(signed, tmp_path, "d.pdf")
    assert stamp <= {line.strip() for line in signed_text.splitlines()}
    unstamped = [line for line in signed_text.splitlines() if line.strip() not in stamp]
    assert unstamped == exported.splitlines()  # the signed report is the one exported


def test_a_locked_period_shows_the_lan_in_force_and_refuses_a_new_export(second_time, tmp_path):
    db, ca = second_time
    with Workspace.open(db, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), tmp_path / "out")
        shown = submission(ws, plan, period)  # locked again: lần 2 is in force
        assert shown.sequence == 2 and shown.replaces is not None and shown.changes
    out = tmp_path / "x.pdf"
    args = ["--db", str(db), "report", "--period", "2025", "--out", str(out), "--for-signing"]
    assert main(args) == 1 and not out.exists()


class _Frozen(datetime):
    """The command line's workspace reads the time as CLOCK (its default clock)."""

    @classmethod
    def now(cls, tz=None):
        return CLOCK if tz is None else CLOCK.astimezone(tz)
