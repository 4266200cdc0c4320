"""`python -m desktop` as a clerk or a script runs it, in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop.demo import plan_79


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "x.db"
    result = run("--db", str(path), "demo")
    assert result.returncode == 0, result.stderr
    assert "Đã nạp dữ liệu mẫu" in result.stdout
    return path


def test_status_json_counts(demo_db):
    """Counts worked out by hand from seed 001 (see tests/ui/test_main_window.py)."""
    result = run("--db", str(demo_db), "status", "--period", "2025", "--json")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["plan"]["number"] == "79/KH-UBND"
    # The plan's schedule: units report by 30/11, data closing 14/11; the phường reports
    # to the city by 20/12 (NĐ 09/2019, the level above set no other day).
    assert status["period"] == {
        "id": "2025",
        "label": "năm 2025",
        "data_from": "2024-11-15",
        "data_to": "2025-11-14",
        "due_on": "2025-12-20",
        "units_due": "2025-11-30",
        "judged_to": "2025-11-14",  # the cut-off: the period has closed
        "required_by_plan": True,
    }
    # One overdue task, I.6: V.3 "Năm 2025 và những năm tiếp theo" is ongoing effort.
    assert status["tasks"] == {
        "total": 45,
        "by_state": {
            "hoan_thanh_dung_han": 1,
            "hoan_thanh_qua_han": 1,
            "qua_han": 1,
            "chua_den_han": 9,
            "thuong_xuyen": 19,
            "thuong_xuyen_chua_bao_cao": 14,
        },
    }
    occurrences = status["occurrences"]
    assert (occurrences["total"], occurrences["carried_over"]) == (13, 0)
    assert occurrences["by_state"] == {
        "hoan_thanh_dung_han": 1,
        "hoan_thanh_qua_han": 1,
        "qua_han": 1,
        "chua_den_han": 10,
    }
    assert [o for o in occurrences["items"] if o["task"] == "V.3"] == []
    v1 = [o for o in occurrences["items"] if o["task"] == "V.1"]  # yearly by its title
    assert [(o["occurrence"], o["due"], o["state"]) for o in v1] == [
        ("2025", "2025-11-14", "hoan_thanh_dung_han"),
        ("2026", "2026-11-14", "chua_den_han"),
    ]
    first = status["by_lead_unit"][0]
    assert first["unit"] == "Phòng Văn hóa - Xã hội" and first["by_state"]["qua_han"] == 1
    # a task led jointly counts once for each lead unit
    lead_slots = sum(len(task[1]) for section in plan_79.SECTIONS for task in section[2])
    assert sum(u["total"] for u in status["by_lead_unit"]) == lead_slots == 51
    indicators = status["indicators"]
    assert indicators["total"] == 55
    assert indicators["at_milestone"] == {
        "total": 23,
        "by_verdict": {"dat": 10, "chua_dat": 5, "chua_co_so_lieu": 7, "khong_danh_gia": 1},
    }
    # Phụ lục 1 row 4 prints no target of its own (its levels are 4.1 and 4.2)
    assert indicators["between_milestones"]["total"] == 32
    assert indicators["between_milestones"]["by_outlook"]["khong_co_muc_tieu"] == 1
    assert indicators["between_milestones"]["by_outlook"]["chua_co_so_lieu"] == 31
    assert status["labels"]["qua_han"] == "Quá hạn chưa hoàn thành"
    assert status["labels"]["thuong_xuyen_chua_bao_cao"] == "Thường xuyên – chưa báo cáo"
    assert status["schedule"]["rules"][0]["text"] == (
        "báo cáo năm: chốt số liệu 14/11, các đơn vị gửi trước 30/11, hạn gửi cấp trên 20/12"
    )


def test_status_for_an_earlier_period_and_as_text(demo_db):
    result = run("--db", str(demo_db), "status", "--period", "2025-Q3", "--json")
    status = json.loads(result.stdout)
    assert status["period"]["data_to"] == "2025-09-14"
    assert status["period"]["required_by_plan"] is False
    # by 14/09/2025 nothing was done, no dated deadline had passed, and none of the 33
    # continuous works (V.3's ongoing effort among them) had a report in the quarter
    assert status["tasks"]["by_state"]["qua_han"] == 0
    assert status["tasks"]["by_state"]["thuong_xuyen_chua_bao_cao"] == 33
    text = run("--db", str(demo_db), "status", "--period", "2025").stdout
    assert "Quá hạn chưa hoàn thành" in text and "quý" not in text.split("\n")[1]
    assert (
        "năm 2025 (số liệu từ 15/11/2024 đến 14/11/2025, các đơn vị gửi trước 30/11/2025, "
        "hạn gửi cấp trên 20/12/2025)" in text
    )
    assert "Thường xuyên – chưa báo cáo" in text


def test_status_defaults_to_the_next_report_to_send(demo_db):
    # Today (27/11/2026 or so, real clock) the plan's next report is the year 2026 one,
    # due 30/11/2026, or a later year once that has passed: never last year's.
    status = json.loads(run("--db", str(demo_db), "status", "--json").stdout)
    assert int(status["period"]["id"]) >= 2026
    assert status["period"]["required_by_plan"] is True


def test_the_budget_demo_is_its_own_office(tmp_path):
    path = tmp_path / "hung_nguyen.db"
    result = run("--db", str(path), "demo", "hung-nguyen")
    assert result.returncode == 0, result.stderr
    assert "41/KH-UBND" in result.stdout
    other = run("--db", str(path), "demo", "tran-lieu")
    assert other.returncode == 1
    assert "là của UBND xã Hưng Nguyên" in other.stderr and "cơ sở dữ liệu riêng" in other.stderr
    status = json.loads(run("--db", str(path), "status", "--json").stdout)
    assert status["office"] == "UBND xã Hưng Nguyên"
    assert status["schedule"]["rules"][0]["kind"] == "quarter"


def test_errors_are_vietnamese_with_non_zero_exit(demo_db, tmp_path):
    twice = run("--db", str(demo_db), "demo")
    assert twice.returncode == 1 and "Lỗi: " in twice.stderr and "đã có kế hoạch" in twice.stderr
    bad_period = run("--db", str(demo_db), "status", "--period", "2025-Q5")
    assert bad_period.returncode == 1 and "Mã kỳ báo cáo không hợp lệ" in bad_period.stderr
    missing = run("--db", str(tmp_path / "empty.db"), "status")
    assert missing.returncode == 1 and "Chưa có cơ sở dữ liệu" in missing.stderr
    assert not (tmp_path / "empty.db").exists()  # a read-only command creates nothing
    assert run("--db", str(tmp_path / "empty.db"), "init").returncode == 0
    no_plan = run("--db", str(tmp_path / "empty.db"), "status")
    assert no_plan.returncode == 0 and "chưa có kế hoạch" in no_plan.stdout
    unknown = run("--db", str(demo_db), "xoa-het")
    assert unknown.returncode == 2 and "Lệnh không hợp lệ: xoa-het" in unknown.stderr
    not_db = tmp_path / "ke_hoach.xlsx"
    not_db.write_bytes(b"PK\x03\x04" + b"\x00" * 2000)
    broken = run("--db", str(not_db), "status")
    assert broken.returncode == 1 and "không phải cơ sở dữ liệu" in broken.stderr
    assert "Traceback" not in broken.stderr + unknown.stderr + no_plan.stderr


def test_init_sets_the_office_and_db_env_var_is_honoured(tmp_path):
    path = tmp_path / "xa.db"
    result = run(
        "init",
        "--name",
        "Hưng Nguyên",
        "--level",
        "xa",
        "--parent",
        "tỉnh Nghệ An",
        env={"SO_KE_HOACH_DB": str(path)},
    )
    assert result.returncode == 0, result.stderr
    assert "UBND xã Hưng Nguyên" in result.stdout and path.exists()
    again = run("--db", str(path), "init")
    assert again.returncode == 0 and "UBND xã Hưng Nguyên" in again.stdout


def test_headless_commands_never_load_qt(demo_db):
    code = (
        "import sys; from desktop.cli import main; "
        f"rc = main(['--db', {str(demo_db)!r}, 'status']); "
        "assert rc == 0; "
        "assert not any(m.split('.')[0] in ('PySide6', 'shiboken6', 'ui') for m in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_gui_without_a_display_explains_instead_of_crashing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert "không tìm thấy màn hình" in result.stderr


def test_each_command_sets_up_only_its_own_arguments(capsys):
    """The line is read with only the named command's options: each command's --help
    still shows its own, and an option of another command is refused, in Vietnamese."""
    from desktop.cli import COMMANDS, main

    for name in COMMANDS:
        assert main([name, "--help"]) == 0, name
        shown = capsys.readouterr().out
        assert f"python -m desktop {name}" in shown and "tùy chọn:" in shown, name
    assert main(["--help"]) == 0
    listed = capsys.readouterr().out
    assert all(f"\n    {name}" in listed for name in COMMANDS)
    assert main(["status", "--help"]) == 0
    assert "--period KỲ" in capsys.readouterr().out
    assert main(["status", "--usb", "x"]) == 2
    assert "Tham số không nhận ra: --usb x" in capsys.readouterr().err


def test_a_database_named_like_a_command_is_still_a_database(tmp_path, monkeypatch):
    """`--db status status`: the first 'status' is the file, the second the command."""
    from desktop.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["--db", "demo", "demo"]) == 0
    assert (tmp_path / "demo").exists()
    assert main(["--db=demo", "status", "--json"]) == 0
