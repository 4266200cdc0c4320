"""The CLI never answers with a traceback: each case a reliability probe found, run for real."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from test_cli import run

from desktop import cli
from desktop.workspace import Workspace


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "x.db"
    assert run("--db", str(path), "demo").returncode == 0
    return path


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def test_a_file_name_too_long(tmp_path):
    result = run("--db", str(tmp_path / ("t" * 300 + ".db")), "init")
    assert result.returncode == 1 and "quá dài" in result.stderr
    no_traceback(result)


def test_a_plan_number_beyond_any_integer(demo_db):
    result = run("--db", str(demo_db), "status", "--plan", "99999999999999999999")
    assert result.returncode == 1 and "Không tìm thấy kế hoạch" in result.stderr
    no_traceback(result)


def test_bytes_that_are_not_utf8_in_a_name(tmp_path):
    name = os.fsdecode(b"Tr\xe1n Li\xeau")  # Latin-1 bytes, as a misconfigured shell sends
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(tmp_path / "x.db"), "init", "--name", name],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "không phải UTF-8" in result.stderr
    no_traceback(result)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["init", "--name", ""], "không được để trống"),
        (["status", "--period", ""], "Mã kỳ báo cáo không hợp lệ"),
    ],
)
def test_empty_values_are_refused_not_ignored(demo_db, args, message):
    result = run("--db", str(demo_db), *args)
    assert result.returncode == 1 and message in result.stderr
    no_traceback(result)


def test_terminal_escapes_are_neither_stored_nor_echoed(tmp_path):
    result = run("--db", str(tmp_path / "x.db"), "init", "--name", "Tr\x1b[31mần Liêu\x07")
    assert result.returncode == 0
    assert "UBND xã Trần Liêu" in result.stdout and "\x1b" not in result.stdout


def test_ctrl_c_during_the_demo_writes_nothing(tmp_path, monkeypatch, capsys):
    path = tmp_path / "x.db"
    from desktop.demo import loading

    real = loading.load_indicators

    def interrupted(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt  # the clerk pressed Ctrl-C half-way

    monkeypatch.setattr("desktop.demo.tran_lieu.load_indicators", interrupted)
    assert cli.main(["--db", str(path), "demo"]) == 130
    assert "Đã dừng theo yêu cầu" in capsys.readouterr().err
    with Workspace.open(path, read_only=True) as ws:
        assert ws.plans.list() == [] and ws.audit.count() == 0


def test_output_to_a_full_disk(demo_db):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(demo_db), "status"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == 1 and "ổ đĩa đầy" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_to_a_pipe_closed_early(demo_db):
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(demo_db), "status", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.read(10)  # like `| head -c 10`
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(30) == 0
    assert "Traceback" not in error and "BrokenPipe" not in error


def test_a_cp1252_console(demo_db):
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(demo_db), "status"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert "Nhiệm vụ: 45" in result.stdout.decode("utf-8")


def test_gui_with_an_unreachable_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":97"  # no X server there
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1 and "không kết nối được tới màn hình «:97»" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_status_leaves_the_file_as_it_was_and_another_programs_file_alone(demo_db, tmp_path):
    digest = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    assert run("--db", str(demo_db), "status").returncode == 0
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == digest
    other = tmp_path / "khac.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    before = other.read_bytes()
    result = run("--db", str(other), "status")
    assert result.returncode == 1 and "chương trình khác" in result.stderr
    assert other.read_bytes() == before and not other.with_name("khac.sqlite-wal").exists()


def test_status_says_plainly_when_history_was_altered(demo_db):
    shell = sqlite3.connect(demo_db)
    shell.execute("UPDATE tasks SET title = 'Sửa lén' WHERE id = 1")
    shell.commit()
    shell.close()
    text = run("--db", str(demo_db), "status").stdout
    assert "CẢNH BÁO: Lịch sử thay đổi của cơ sở dữ liệu này đã bị can thiệp" in text
    status = json.loads(run("--db", str(demo_db), "status", "--json").stdout)
    assert status["history"]["intact"] is False and status["history"]["outside_changes"] == 1
    schedule = run("--db", str(demo_db), "schedule")
    assert "Cảnh báo: Lịch sử thay đổi" in schedule.stderr


def test_backup_and_restore_from_the_command_line(demo_db, tmp_path):
    made = run("--db", str(demo_db), "backup", "--out", str(tmp_path / "sao.db"))
    assert made.returncode == 0 and "kiểm tra toàn vẹn: đạt" in made.stdout
    assert (
        run("--db", str(demo_db), "init", "--name", "Đổi tên", "--level", "phuong").returncode == 0
    )
    asked = run("--db", str(demo_db), "restore", str(tmp_path / "sao.db"))
    assert asked.returncode == 1 and "--yes" in asked.stderr  # no one to ask: refused
    done = run("--db", str(demo_db), "restore", str(tmp_path / "sao.db"), "--yes")
    assert done.returncode == 0 and "truoc_khoi_phuc" in done.stdout
    status = json.loads(run("--db", str(demo_db), "status", "--json").stdout)
    assert status["office"] == "UBND phường Trần Liêu"
    refused = run("--db", str(demo_db), "restore", str(demo_db.with_name("khong_co.db")), "--yes")
    assert refused.returncode == 1 and "Không có tệp" in refused.stderr
