"""`python -m desktop selftest`: the real chain passes, and a broken link is reported."""

from __future__ import annotations

import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import resources
from desktop import selftest
from desktop.documents import saving
from desktop.errors import UserError

LABELS = [label for label, _ in selftest.STEPS]


def _run(**kwargs) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = selftest.run(lines.append, **kwargs)
    return code, lines


def _line(lines: list[str], label: str) -> str:
    return next(line for line in lines if line.startswith(f"  ✓ {label}") or f" {label}:" in line)


def test_cli_selftest_passes_and_leaves_the_clerks_database_alone(tmp_path):
    own = tmp_path / "cua_can_bo.db"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "selftest"],
        capture_output=True,
        text=True,
        env={**os.environ, "SO_KE_HOACH_DB": str(own)},
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Sổ Kế hoạch ")
    assert "SQLite" in lines[1] and "Python" in lines[1]
    for label in LABELS:
        assert _line(lines, label).startswith(f"  ✓ {label} ..."), result.stdout
        assert _line(lines, label).endswith(" ms")
    assert lines[-1].startswith(f"Tự kiểm tra: {len(LABELS)}/{len(LABELS)} bước đạt (")
    assert "✗" not in result.stdout and "bỏ qua" not in result.stdout
    assert not own.exists() and list(tmp_path.iterdir()) == []


def _pdf(font: str = "Helvetica") -> bytes:
    """A one-page PDF in `font`; reportlab's standard Helvetica is named, never embedded."""
    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out, initialFontName=font)
    page.drawString(72, 720, "Báo cáo")
    page.save()
    return out.getvalue()


def _blank_pdf() -> bytes:
    import pypdfium2

    document, out = pypdfium2.PdfDocument.new(), BytesIO()
    document.new_page(595, 842)
    document.save(out)
    return out.getvalue()


def test_a_report_with_a_font_not_embedded_fails_the_font_check(monkeypatch):
    real_save = saving.save

    def save(document, path: Path) -> Path:
        if path.suffix == ".pdf":
            path.write_bytes(_pdf())
            return path
        return real_save(document, path)

    monkeypatch.setattr(saving, "save", save)
    code, lines = _run()
    assert code != 0
    assert _line(lines, LABELS[4]) == (
        f"  ✗ {LABELS[4]}: phông «Helvetica» không được nhúng trong PDF (máy khác sẽ in sai chữ)"
    )
    # The package renders its own PDF, with the real fonts: the rest still passes.
    for label in LABELS[5:]:
        assert _line(lines, label).startswith(f"  ✓ {label}")
    assert lines[-1].startswith(f"Tự kiểm tra: có 1 bước lỗi ({len(LABELS) - 1}/{len(LABELS)} đạt")


def test_font_problem_accepts_only_embedded_liberation_serif():
    from desktop.documents import fonts

    assert selftest.font_problem(_pdf(fonts.register())) is None
    assert selftest.font_problem(_pdf()).startswith("phông «Helvetica» không được nhúng")
    assert selftest.font_problem(_blank_pdf()) == "PDF không có phông chữ nào"


def test_missing_font_files_are_named_and_what_needs_them_is_skipped(monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "path", lambda relative: tmp_path / "khong_co" / relative)
    code, lines = _run()
    assert code != 0
    assert _line(lines, LABELS[3]) == (
        f"  ✗ {LABELS[3]}: bộ cài thiếu tệp phông «LiberationSerif-Regular.ttf» (cài lại phần mềm)"
    )
    assert _line(lines, LABELS[4]) == f"  – {LABELS[4]}: bỏ qua vì bước «{LABELS[3]}» lỗi"
    assert "bước lỗi" in lines[-1]


def test_a_failed_step_skips_those_that_need_it_and_not_the_others(monkeypatch):
    def broken_demo(ws):
        raise UserError("Dữ liệu mẫu hỏng.")

    monkeypatch.setattr(selftest, "build_demo", broken_demo)
    code, lines = _run()
    assert code == 1
    assert f"  ✗ {LABELS[1]}: Dữ liệu mẫu hỏng" in lines
    for label in LABELS[2:8]:  # the cause named, not the step skipped in between
        assert _line(lines, label) == f"  – {label}: bỏ qua vì bước «{LABELS[1]}» lỗi"
    for label in (LABELS[0], LABELS[8]):  # a database without the demo is still checked
        assert _line(lines, label).startswith(f"  ✓ {label}")
    assert lines[-1].startswith("Tự kiểm tra: có 1 bước lỗi, 6 bước bỏ qua (2/9 đạt; ")


def test_receiving_that_goes_wrong_in_the_workers_is_said(monkeypatch):
    """A bundle that cannot start its worker processes (the Windows case this step is
    for) would lose the packages' outcomes: the step fails, saying what came back."""
    monkeypatch.setattr(selftest, "receive", lambda *args, **kwargs: [])
    code, lines = _run()
    assert code == 1
    step = next(label for label, run in selftest.STEPS if run is selftest.receive_in_workers)
    assert f"  ✗ {step}: nhận 8 bản của gói không như mong đợi — không có" in lines
