"""Data that can be trusted: one write at a time, a tamper-evident history, files that are
not ours left alone, read-only when writing is impossible, backups and restore.

Each test starts from a defect a reliability probe of the CLI reproduced.
"""

from __future__ import annotations

import hashlib
import os
import queue
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import db
from desktop.demo import build_demo
from desktop.errors import UserError
from desktop.infra import backups, location
from desktop.infra.problems import explain
from desktop.infra.writer_lock import Locked
from desktop.reports.history_warning import history_warning
from desktop.workspace import Workspace

VHXH = "Phòng Văn hóa - Xã hội"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_python(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# 1. Check-then-write inside one write transaction -------------------------------------


def test_two_demos_at_once_load_the_plan_once(tmp_path):
    for attempt in range(3):
        path = tmp_path / f"r{attempt}.db"
        Workspace.open(path, create=True).close()
        code = "import sys; from desktop.cli import main; sys.exit(main(['--db', sys.argv[1], 'demo']))"  # noqa: E501
        runs = [run_python(code, str(path)) for _ in range(2)]
        results = [(p.wait(60), p.stderr.read()) for p in runs]
        assert sorted(rc for rc, _ in results) == [0, 1], results
        assert any("đã có kế hoạch" in err for _, err in results)
        with Workspace.open(path, read_only=True) as ws:
            assert [p.number for p in ws.plans.list()] == ["79/KH-UBND"]


def test_a_change_takes_the_write_lock_before_it_reads(ws):
    # Another writer cannot slip in between a change's check and its write: while a
    # change is open, a second connection cannot even start writing.
    other = sqlite3.connect(ws.path, isolation_level=None, timeout=0.05)
    with ws.change("Thử"), pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def test_a_section_code_is_checked_inside_the_change(ws, plan):
    ws.plans.add_section(plan.id, "I", "Mục một")
    before = ws.audit.count()
    with pytest.raises(UserError, match="đã có mục I"):
        ws.plans.add_section(plan.id, "I", "Trùng")
    assert ws.audit.count() == before


# 2. Opening and migrating under concurrency -------------------------------------------


def test_processes_creating_one_new_database_at_once_all_succeed(tmp_path):
    path = tmp_path / "moi.db"
    code = """
        import sys
        import db
        database = db.open_database(sys.argv[1])
        print(db.migrate(database).applied)
    """
    runs = [run_python(code, str(path)) for _ in range(4)]
    outcomes = [(p.wait(60), p.stdout.read(), p.stderr.read()) for p in runs]
    assert [rc for rc, _, _ in outcomes] == [0, 0, 0, 0], outcomes
    created = [out for _, out, _ in outcomes if "0001_core" in out]
    assert len(created) == 1  # one of them made the schema, the others found it done
    check = sqlite3.connect(path)
    applied = check.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == len(db.migrations.KNOWN_NAMES)
    check.close()


def test_a_second_writer_is_told_who_holds_the_database(tmp_path):
    path = tmp_path / "x.db"
    holder = run_python(
        """
        import sys, time
        from desktop.workspace import Workspace
        ws = Workspace.open(sys.argv[1], create=True, actor="chị Lan")
        print("mở", flush=True)
        time.sleep(60)
        """,
        str(path),
    )
    assert holder.stdout.readline().strip() == "mở"
    try:
        with pytest.raises(Locked, match=r"đang được người dùng .* trên máy .* mở để ghi"):
            Workspace.open(path)
        with Workspace.open(path, read_only=True) as reader:  # looking is still possible
            assert reader.read_only_reason
    finally:
        holder.kill()  # as a power cut or kill -9 would
        holder.wait()
    with Workspace.open(path) as ws:  # the dead program's lock is taken over
        ws.units.add(VHXH)


def test_a_writer_waits_a_bounded_time_for_another(db_path, ws):
    started = time.monotonic()
    with pytest.raises(Locked):
        Workspace.open(db_path, wait=0.3)
    assert 0.3 <= time.monotonic() - started < 3


# 3. A tamper-evident history -----------------------------------------------------------


def test_every_change_is_sealed_and_the_chain_verifies(demo_ws):
    report = db.verify_chain(demo_ws.db)
    assert report.intact and report.seals == 1
    demo_ws.units.add("Hội Phụ nữ")
    report = db.verify_chain(demo_ws.db)
    assert report.intact and report.seals == 2
    seals, head = db.chain_head(demo_ws.db)
    assert (seals, head) == (2, report.head) and len(head) == 64


def test_opening_leaves_the_chain_check_until_it_is_asked_for(db_path, demo_ws, monkeypatch):
    """The check reads the whole log: a start (the window, `status`) pays for it only
    when it needs the answer, and only once."""
    demo_ws.close()
    checks = []
    real = db.verify_chain
    monkeypatch.setattr(db, "verify_chain", lambda conn: checks.append(1) or real(conn))
    with Workspace.open(db_path, read_only=True) as ws:
        assert checks == [] and not ws.history_checked
        assert ws.history.intact and ws.history_checked
        assert history_warning(ws) is None and len(checks) == 1
        with ws.reader() as reader:  # what was found goes with it
            assert reader.history is ws.history and len(checks) == 1


def test_insert_or_replace_cannot_overwrite_an_entry(demo_ws):
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        demo_ws.db.execute(
            "INSERT OR REPLACE INTO audit_log (id, at, actor, txn, operation, table_name, "
            "row_key, action) VALUES (1, 'x', 'ai đó', 1, 'x', 'tasks', '1', 'insert')"
        )
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        demo_ws.db.execute("INSERT OR REPLACE INTO audit_seals SELECT * FROM audit_seals")


def test_a_change_from_another_program_is_recorded_as_such_and_reported(db_path, ws, section):
    task = ws.tasks.add(section.id, "Nhiệm vụ", [VHXH])
    shell = sqlite3.connect(db_path)  # e.g. the sqlite3 shell
    shell.execute("UPDATE tasks SET title = 'Sửa lén' WHERE id = ?", [task.id])
    shell.commit()
    shell.close()
    [entry] = ws.audit.entries(table="tasks", row_key=task.id, limit=1)
    assert (entry.actor, entry.operation, entry.txn) == (
        "ngoài phần mềm",
        "Thay đổi ngoài phần mềm",
        0,
    )
    ws.refresh_history()
    assert ws.history.outside == 1 and not ws.history.intact
    assert "1 thay đổi được ghi bằng chương trình khác" in history_warning(ws)
    # The app's own next change is not taken for an outside one, nor does it hide it.
    ws.units.add("Hội Phụ nữ")
    assert ws.audit.entries(table="units", limit=1)[0].actor == "Cán bộ thử nghiệm"
    ws.refresh_history()
    assert ws.history.outside == 1


def test_a_rewritten_entry_breaks_the_chain(db_path, demo_ws):
    demo_ws.close()
    shell = sqlite3.connect(db_path)
    shell.execute("DROP TRIGGER audit_log_no_update")
    shell.execute("UPDATE audit_log SET actor = 'người khác' WHERE id = 5")
    shell.commit()
    shell.close()
    with Workspace.open(db_path) as ws:
        assert ws.history.broken_seal == 1
        assert ws.restored_guards == ("audit_log_no_update",)  # put back on open
        warning = history_warning(ws)
        assert "đã bị sửa hoặc xóa" in warning and "đã đặt lại" in warning
        with pytest.raises(sqlite3.IntegrityError):
            ws.db.execute("UPDATE audit_log SET actor = 'x' WHERE id = 6")


def test_a_read_only_look_reports_removed_guards_without_restoring_them(db_path, demo_ws):
    demo_ws.close()
    shell = sqlite3.connect(db_path)
    shell.execute("DROP TRIGGER audit_log_no_delete")
    shell.commit()
    shell.close()
    with Workspace.open(db_path, read_only=True) as ws:
        assert ws.history.missing_guards == ("audit_log_no_delete",)
        assert "đã bị gỡ" in history_warning(ws)


def test_a_database_from_before_the_chain_is_sealed_once_on_upgrade(db_path):
    database = db.open_database(db_path)
    db.migrations.migration_set().apply(database, stop_before="0003_sealed_audit")
    database.execute(  # as the triggers of that version recorded a change
        "INSERT INTO audit_log (at, actor, txn, operation, table_name, row_key, action, after) "
        "VALUES ('2025-10-02T01:00:00Z', 'cán bộ', 1, 'Thêm đơn vị', 'units', '1', 'insert', '{}')"
    )
    database.close()
    with Workspace.open(db_path) as ws:
        assert ws.history.intact and ws.history.seals == 1
        assert any(backups.folder_of(db_path).glob("*_truoc_nang_cap.db"))


# 4. Files that are not ours, and read-only commands -------------------------------------


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "ke_toan.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE so_cai (id INTEGER PRIMARY KEY, tien INTEGER)")
    other.commit()
    other.close()
    before = digest(path)
    for read_only in (True, False):
        with pytest.raises(UserError, match="chương trình khác"):
            Workspace.open(path, read_only=read_only, create=True)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke_toan.db"]  # no -wal, no lock


@pytest.mark.parametrize("what", ["missing", "empty", "dangling"])
def test_nothing_is_created_where_there_is_no_database(tmp_path, what):
    path = tmp_path / "so.db"
    if what == "empty":
        path.write_bytes(b"")
    if what == "dangling":
        path.symlink_to(tmp_path / "da_xoa.db")
    with pytest.raises(UserError, match=r"Chưa có cơ sở dữ liệu|không còn tồn tại"):
        Workspace.open(path)
    with pytest.raises(UserError):
        Workspace.open(path, read_only=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if what == "missing" else ["so.db"])
    if what == "empty":
        assert path.stat().st_size == 0


def test_a_read_only_workspace_writes_nothing(db_path, demo_ws):
    demo_ws.close()
    before = digest(db_path)
    with Workspace.open(db_path, read_only=True) as ws:
        assert ws.plans.current().number == "79/KH-UBND"
        with pytest.raises(UserError, match="chế độ chỉ xem"):
            ws.units.add("Hội Phụ nữ")
    assert digest(db_path) == before


def test_a_folder_that_cannot_be_written_opens_read_only_and_says_so(db_path, demo_ws, monkeypatch):
    demo_ws.close()
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    with Workspace.open(db_path) as ws:
        assert "chỉ cho phép đọc" in ws.read_only_reason
        assert ws.plans.current() is not None
        with pytest.raises(UserError, match="chỉ cho phép đọc"):
            ws.units.add("Hội Phụ nữ")


def test_a_database_on_a_network_share_is_only_read(db_path, demo_ws, monkeypatch):
    demo_ws.close()
    monkeypatch.setattr(location, "location_of", lambda path: location.Location.NETWORK)
    monkeypatch.setattr("desktop.workspace.location_of", location.location_of)
    with Workspace.open(db_path) as ws:
        assert "ổ mạng dùng chung" in ws.read_only_reason
    with pytest.raises(UserError, match="ổ mạng dùng chung"):
        Workspace.open(db_path.with_name("moi.db"), create=True)


def test_a_database_on_a_usb_stick_warns(db_path, demo_ws, monkeypatch):
    demo_ws.close()
    monkeypatch.setattr("desktop.workspace.location_of", lambda path: location.Location.REMOVABLE)
    with Workspace.open(db_path) as ws:
        assert not ws.read_only_reason
        assert any("ổ USB" in warning for warning in ws.warnings)


def test_network_and_usb_mounts_are_told_apart():
    mounts = [
        ("/dev/sda1", "/", "ext4"),
        ("//may-chu/chung", "/mnt/chung", "cifs"),
        ("nas:/so", "/mnt/nas", "nfs4"),
    ]
    assert location._mount_of(Path("/mnt/chung/a/so.db"), mounts) == ("//may-chu/chung", "cifs")
    assert location._mount_of(Path("/home/a/so.db"), mounts) == ("/dev/sda1", "ext4")
    assert location.location_of(Path("/tmp/x.db")) is location.Location.LOCAL


# 6. Messages --------------------------------------------------------------------------


def test_an_io_error_on_a_full_disk_is_called_a_full_disk(tmp_path, monkeypatch):
    error = sqlite3.OperationalError("disk I/O error")
    assert "ổ USB" in explain(error, tmp_path / "x.db")
    usage = shutil.disk_usage(tmp_path)._replace(free=10)
    monkeypatch.setattr("desktop.infra.problems.shutil.disk_usage", lambda path: usage)
    assert explain(error, tmp_path / "x.db").startswith("ổ đĩa đã đầy")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Tr\x1b[31mần Liêu\x1b[0m", "Trần Liêu"),
        ("Trần\x07 Liêu\x00", "Trần Liêu"),
        ("\x1b]0;tiêu đề\x07Trần Liêu", "Trần Liêu"),
    ],
)
def test_control_and_terminal_characters_are_not_stored(ws, typed, stored):
    assert ws.office.save(typed, "phuong").name == stored


# Backup and restore -------------------------------------------------------------------


def test_a_backup_is_a_checked_copy(demo_ws, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    made = demo_ws.backups.backup(stick)
    assert made.path.parent == stick and made.check.good
    with Workspace.open(made.path, read_only=True) as copy:
        assert copy.plans.current().number == "79/KH-UBND"
        assert copy.history.intact
    with pytest.raises(UserError, match="Đã có tệp"):
        demo_ws.backups.backup(made.path)


def test_a_backup_to_a_full_stick_leaves_nothing_half_written(demo_ws, tmp_path, monkeypatch):
    def full(database, dest):
        dest.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(db, "copy_database", full)
    with pytest.raises(UserError, match="ổ đĩa đã đầy"):
        demo_ws.backups.backup(tmp_path / "sao.db")
    assert list(tmp_path.glob("*sao.db*")) == []


def test_daily_backups_keep_the_last_ten(db_path, clock, ws):
    folder = backups.folder_of(db_path)
    folder.mkdir()
    for day in range(1, 13):
        (folder / f"{db_path.stem}_202601{day:02d}-080000_hang_ngay.db").write_bytes(b"")
    (folder / f"{db_path.stem}_20251201-080000_truoc_nang_cap.db").write_bytes(b"")
    assert ws.backups.daily() is not None  # none yet for 20/01/2026
    assert ws.backups.daily() is None  # one a day
    daily = sorted(p.name for p in folder.glob("*_hang_ngay.db"))
    assert len(daily) == 10 and daily[-1].startswith(f"{db_path.stem}_20260120")
    assert any(folder.glob("*_truoc_nang_cap.db"))  # kept whatever their age


def test_restore_replaces_the_data_and_keeps_what_it_replaced(db_path, demo_ws, tmp_path):
    made = demo_ws.backups.backup(tmp_path / "truoc.db")
    demo_ws.units.add("Đơn vị thêm sau khi sao lưu")
    kept = demo_ws.backups.restore(made.path)
    assert demo_ws.units.find("Đơn vị thêm sau khi sao lưu") is None
    assert demo_ws.plans.current().number == "79/KH-UBND"
    assert "truoc_khoi_phuc" in kept.name
    with Workspace.open(kept, read_only=True) as previous:
        assert previous.units.find("Đơn vị thêm sau khi sao lưu") is not None
    assert demo_ws.history.intact


def test_restore_refuses_files_that_are_not_our_backups(demo_ws, tmp_path):
    foreign = tmp_path / "khac.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(UserError, match="không phải bản sao lưu"):
        demo_ws.backups.restore(foreign)
    newer = demo_ws.backups.backup(tmp_path / "moi.db").path
    edit = sqlite3.connect(newer)
    edit.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('so_ke_hoach', '9999_tuong_lai', 'x')"
    )
    edit.commit()
    edit.close()
    with pytest.raises(UserError, match="phiên bản Sổ Kế hoạch mới hơn"):
        demo_ws.backups.restore(newer)
    assert demo_ws.plans.current().number == "79/KH-UBND"


def test_the_demo_writes_each_change_once(tmp_path, clock):
    # Regression guard for the sealed log: one change, one seal, all entries covered.
    with Workspace.open(tmp_path / "d.db", create=True, clock=clock) as ws:
        build_demo(ws)
        count = ws.db.execute("SELECT entries FROM audit_seals").fetchone()[0]
        assert count == ws.audit.count()


STATUS_LOOP = """
import pathlib, sys, time
from desktop.cli import main
stop = pathlib.Path(sys.argv[2])
while True:
    stopping = stop.exists()  # one more run after the stop: it starts after the demo ended
    started = time.time()
    code = main(['--db', sys.argv[1], 'status'])
    print(f"@@status {code} {started!r} {time.time()!r}", flush=True)
    if stopping:
        break
"""
TIMED_DEMO = """
import sys, time
from desktop.cli import main
print(f"@@demo {time.time()!r}", flush=True)
code = main(['--db', sys.argv[1], 'demo'])
print(f"@@demo {time.time()!r}", flush=True)
sys.exit(code)
"""


def test_a_status_loop_does_not_make_a_concurrent_demo_fail(tmp_path):
    """`status` runs again and again while the demo loads: the loop has finished a run
    before the demo starts and runs until the demo has ended; the runs' start and end
    times (time.time(), one clock for both processes) show at least one during it."""
    path, stop, errors = tmp_path / "x.db", tmp_path / "dung", tmp_path / "loop.err"
    Workspace.open(path, create=True).close()
    with errors.open("w", encoding="utf-8") as loop_err:  # a file: it never fills
        loop = subprocess.Popen(
            [sys.executable, "-c", STATUS_LOOP, str(path), str(stop)],
            stdout=subprocess.PIPE, stderr=loop_err, text=True,
        )  # fmt: skip
    runs: queue.Queue[str | None] = queue.Queue()

    def read_runs() -> None:
        for line in loop.stdout:
            if line.startswith("@@status "):  # status's own output is left aside
                runs.put(line)
        runs.put(None)  # the loop has ended

    reader = threading.Thread(target=read_runs, daemon=True)
    reader.start()
    try:
        first = runs.get(timeout=60)  # a bound in case it hangs, not a wait for timing
        assert first is not None, errors.read_text("utf-8")
        demo = run_python(TIMED_DEMO, str(path))
        demo_out, demo_errors = demo.communicate(timeout=60)
    finally:
        stop.write_text("")  # the demo has ended (or failed): the loop may stop
        try:
            loop.wait(timeout=60)
        except subprocess.TimeoutExpired:
            loop.kill()
            raise
        reader.join(timeout=60)
    loop_errors = errors.read_text("utf-8")
    assert demo.returncode == 0, demo_errors
    demo_start, demo_end = (
        float(line.split()[1]) for line in demo_out.splitlines() if line.startswith("@@demo ")
    )
    lines = [first, *iter(runs.get_nowait, None)]
    statuses = [
        (int(code), float(start), float(end)) for _, code, start, end in map(str.split, lines)
    ]
    assert statuses[0][2] < demo_start and statuses[-1][1] > demo_end, statuses
    during = [run for run in statuses if run[1] < demo_end and run[2] > demo_start]
    assert during, (demo_start, demo_end, statuses)
    # Each run saw no plan yet (1, said on stderr) or the whole demo (0), never half of it.
    assert {code for code, _, _ in statuses} <= {0, 1} and statuses[-1][0] == 0, loop_errors
    assert loop.returncode == 0, loop_errors
    assert "Traceback" not in loop_errors and "Đã nạp" not in loop_errors
