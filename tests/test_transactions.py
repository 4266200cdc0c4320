"""Every change is one transaction, recorded in the audit log, and survives a killed process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from desktop.demo import build_demo
from desktop.errors import UserError
from desktop.workspace import Workspace


def _count(ws, table):
    return ws.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_failure_inside_a_change_writes_nothing(ws, section):
    audit_before = ws.audit.count()
    with pytest.raises(RuntimeError), ws.change("Nhập danh sách nhiệm vụ"):
        ws.tasks.add(section.id, "Nhiệm vụ một", ["Phòng Văn hóa - Xã hội"])
        ws.tasks.add(section.id, "Nhiệm vụ hai", ["Cơ quan mới"])
        raise RuntimeError("mất điện giữa chừng")
    assert _count(ws, "tasks") == 0
    assert ws.units.find("Cơ quan mới") is None
    assert ws.audit.count() == audit_before


def test_a_constraint_violation_becomes_a_vietnamese_error_and_rolls_back(ws, section):
    with pytest.raises(UserError, match="vi phạm ràng buộc"), ws.change("Thử"):
        ws.tasks.add(section.id, "Nhiệm vụ", ["Phòng Văn hóa - Xã hội"])
        ws.db.execute(
            "INSERT INTO sections (plan_id, code, title, position) VALUES (999, 'X', 'x', 1)"
        )
    assert _count(ws, "tasks") == 0


def test_demo_that_fails_half_way_leaves_the_database_empty(ws, monkeypatch):
    from desktop.demo import budget_41

    monkeypatch.setattr(budget_41, "PAID_2026", [("9.z", "2026-01-01", 1, "")])
    with pytest.raises(KeyError):
        build_demo(ws, "hung-nguyen")
    for table in ("plans", "tasks", "units", "task_progress", "budget_lines", "audit_log"):
        assert _count(ws, table) == 0, table


def test_audit_groups_one_change_under_one_txn_with_actor_and_label(ws, section):
    task = ws.tasks.add(section.id, "Nhiệm vụ", ["Phòng Văn hóa - Xã hội"], [], "Tháng 3/2026")
    entries = ws.audit.entries(txn=ws.audit.entries(table="tasks")[0].txn)
    assert {e.table_name for e in entries} == {"tasks", "units", "assignments"}
    assert {e.operation for e in entries} == {"Thêm nhiệm vụ vào mục I"}
    assert {e.actor for e in entries} == {"Cán bộ thử nghiệm"}

    ws.tasks.update(task.id, title="Nhiệm vụ đã sửa")
    [update] = ws.audit.entries(table="tasks", row_key=task.id, limit=1)
    assert update.action == "update"
    assert (update.before["title"], update.after["title"]) == ("Nhiệm vụ", "Nhiệm vụ đã sửa")

    count = ws.audit.count()
    ws.tasks.update(task.id, title="Nhiệm vụ đã sửa")  # no real change, no entry
    assert ws.audit.count() == count

    ws.tasks.delete(task.id)
    deleted = {(e.table_name, e.action) for e in ws.audit.entries(limit=5)}
    assert ("tasks", "delete") in deleted and ("assignments", "delete") in deleted


def test_changes_made_outside_the_services_are_audited_too(ws):
    ws.db.execute("INSERT INTO units (name) VALUES ('Hội Phụ nữ')")
    [entry] = ws.audit.entries(table="units")
    assert entry.action == "insert" and entry.after["name"] == "Hội Phụ nữ"


WRITER = textwrap.dedent(
    """
    import sys
    from desktop.workspace import Workspace
    ws = Workspace.open(sys.argv[1], actor="writer", create=True)
    plan = ws.plans.create("1/KH-UBND", "2026-01-05", "UBND xã", "Kiểm thử", 2026, 2026)
    section = ws.plans.add_section(plan.id, "I", "Mục")
    n = 0
    while True:
        n += 1
        ws.tasks.add(section.id, f"Nhiệm vụ {n}", ["Phòng Văn hóa - Xã hội"])
        print(n, flush=True)  # printed only after the commit returned
    """
)


def test_committed_changes_survive_a_killed_process(db_path):
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    acknowledged = 0
    deadline = time.monotonic() + 60
    while acknowledged < 40 and time.monotonic() < deadline:
        acknowledged = int(process.stdout.readline())
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert acknowledged >= 40

    with Workspace.open(db_path) as ws:
        assert ws.history.intact  # every acknowledged change sealed, no gap
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert ws.db.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = ws.db.execute("SELECT count(*) FROM tasks").fetchone()[0]
        assert stored >= acknowledged  # at most one more: committed but not yet printed
        assert stored <= acknowledged + 1
        titles = {r["title"] for r in ws.db.query("SELECT title FROM tasks")}
        assert {f"Nhiệm vụ {n}" for n in range(1, acknowledged + 1)} <= titles
        txns = ws.db.execute("SELECT count(DISTINCT txn) FROM audit_log WHERE table_name = 'tasks'")
        assert txns.fetchone()[0] == stored  # each task its own committed change


def test_a_reader_sees_the_writers_commits(db_path):
    first = Workspace.open(db_path, create=True)
    with first, Workspace.open(db_path, read_only=True) as second:
        first.units.add("Phòng Văn hóa - Xã hội")
        assert second.units.find("Phòng Văn hóa - Xã hội") is not None


def test_audit_entries_are_valid_json(demo_ws):
    rows = list(demo_ws.db.query("SELECT id, action, before, after FROM audit_log"))
    assert rows, "the demo wrote no audit entries"
    present = {"insert": (False, True), "update": (True, True), "delete": (True, False)}
    for row in rows:
        assert (row["before"] is not None, row["after"] is not None) == present[row["action"]]
        for value in (row["before"], row["after"]):
            if value is not None:
                assert isinstance(json.loads(value), dict), row["id"]


def test_a_full_disk_gets_a_clear_message_and_writes_nothing(ws, section):
    ws.tasks.add(section.id, "Nhiệm vụ đã có", ["Phòng Văn hóa - Xã hội"])
    tasks_before, audit_before = _count(ws, "tasks"), ws.audit.count()
    pages = ws.db.execute("PRAGMA page_count").fetchone()[0]
    ws.db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: a full stick
    with pytest.raises(UserError, match="ổ đĩa đã đầy") as caught:
        ws.attachments.add("task_id", 1, "ban_scan.pdf", b"\x00" * 2_000_000)
    assert "Dữ liệu chưa bị thay đổi" in str(caught.value)
    assert (_count(ws, "tasks"), ws.audit.count()) == (tasks_before, audit_before)
    assert _count(ws, "attachments") == _count(ws, "attachment_blobs") == 0
    ws.db.execute("PRAGMA max_page_count = 1073741823")
    assert ws.attachments.add("task_id", 1, "ban_scan.pdf", b"\x00" * 2_000_000).size == 2_000_000


def test_a_database_locked_by_another_program_is_explained(db_path):
    # Another program (the sqlite3 shell, say) holds a write transaction.
    with Workspace.open(db_path, create=True) as ws:
        other = sqlite3.connect(db_path, isolation_level=None)
        ws.db.execute("PRAGMA busy_timeout = 50")
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(UserError, match="chương trình khác ghi"):
                ws.units.add("Phòng Văn hóa - Xã hội")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert ws.units.add("Phòng Văn hóa - Xã hội").id == 1
