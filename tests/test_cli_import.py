"""`python -m desktop import` in a real subprocess: dry run, JSON, errors, exit codes."""

from __future__ import annotations

import json
import sqlite3

from annex_files import TASK_ROWS, write_docx, write_xlsx
from test_cli import run


def _counts(path):
    with sqlite3.connect(path) as db:
        return {
            t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("plans", "tasks")
        }


def test_dry_run_then_import(tmp_path):
    db, annex = tmp_path / "x.db", write_xlsx(tmp_path / "phu_luc.xlsx")
    assert run("--db", str(db), "init", "--name", "Hưng Nguyên").returncode == 0
    dry = run("--db", str(db), "import", str(annex), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    found = json.loads(dry.stdout)
    assert found["written"] is False and found["errors"] == []
    assert sum(len(s["tasks"]) for s in found["sections"]) == 5
    assert _counts(db) == {"plans": 0, "tasks": 0}  # the dry run wrote nothing
    done = run("--db", str(db), "import", str(annex))
    assert done.returncode == 0, done.stderr
    assert "Đọc được 2 mục, 5 nhiệm vụ; 2 nhóm, 3 chỉ tiêu." in done.stdout
    assert "Đã nhập Kế hoạch số 15/KH-UBND ngày 10/01/2026." in done.stdout
    assert _counts(db) == {"plans": 1, "tasks": 5}
    status = json.loads(run("--db", str(db), "status", "--json").stdout)
    assert status["plan"]["number"] == "15/KH-UBND" and status["tasks"]["total"] == 5


def test_a_word_annex_imports_into_a_new_database(tmp_path):
    db = tmp_path / "moi.db"
    done = run("--db", str(db), "import", str(write_docx(tmp_path / "phu_luc.docx")), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["written"] is True
    assert _counts(db) == {"plans": 1, "tasks": 5}


def test_errors_are_listed_by_row_and_nothing_is_written(tmp_path):
    rows = [list(r) if isinstance(r, list) else r for r in TASK_ROWS]
    rows[1][1] = ""
    db, annex = tmp_path / "x.db", write_xlsx(tmp_path / "loi.xlsx", task_rows=rows)
    run("--db", str(db), "init")
    result = run("--db", str(db), "import", str(annex))
    assert result.returncode == 1
    assert "Lỗi (PL II nhiệm vụ, dòng 8): Nhiệm vụ không có tên." in result.stdout
    assert "Có 1 lỗi: không ghi gì vào cơ sở dữ liệu." in result.stdout
    assert _counts(db) == {"plans": 0, "tasks": 0}


def test_a_bad_file_is_a_message_not_a_traceback(tmp_path):
    old = tmp_path / "phu_luc.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    db = tmp_path / "x.db"
    run("--db", str(db), "init")
    result = run("--db", str(db), "import", str(old), "--dry-run")
    assert result.returncode == 1
    assert result.stderr.startswith("Lỗi: Tệp «phu_luc.xls» ở định dạng cũ (.xls).")
    assert "Traceback" not in result.stderr
