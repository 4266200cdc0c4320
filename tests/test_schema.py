"""Migrations, pragmas, audit triggers and refusal of files we must not open."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

import db
from db.audit import AUDITED_TABLES, expected_triggers, sync_triggers
from db.migrations import KNOWN_NAMES
from desktop.errors import UserError
from desktop.workspace import Workspace


def test_migrations_from_empty_file_create_the_schema(db_path):
    database = db.open_database(db_path)
    assert db.migrate(database).applied == KNOWN_NAMES
    tables = set(database.table_names())
    assert set(AUDITED_TABLES) | {"audit_log", "audit_context", "attachment_blobs"} <= tables
    assert db.migrate(database) == db.Upgrade([], [])  # idempotent
    assert database.execute("PRAGMA application_id").fetchone()[0] == 0x534B4848
    database.close()


def test_connection_pragmas_make_commits_durable(ws):
    pragma = lambda name: ws.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL


def test_every_audited_table_has_its_three_triggers(ws):
    names = {
        r["name"] for r in ws.db.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    for table in AUDITED_TABLES:
        for action in ("insert", "update", "delete"):
            assert f"audit_trg_{table}_{action}" in names


def test_audit_triggers_follow_a_new_column(ws):
    ws.db.execute("ALTER TABLE units ADD COLUMN phone TEXT NOT NULL DEFAULT ''")
    assert len(sync_triggers(ws.db)) == 3  # insert, update, delete of units
    assert sync_triggers(ws.db) == []
    with ws.change("Thêm đơn vị"):
        ws.db["units"].insert({"name": "Trạm Y tế", "phone": "0238 3861 234"})
    entry = ws.audit.entries(table="units")[0]
    assert entry.after["phone"] == "0238 3861 234"
    assert set(expected_triggers(ws.db)) >= {"audit_trg_units_insert"}


def test_audit_log_is_append_only(ws):
    ws.units.add("Phòng Văn hóa - Xã hội")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        ws.db.execute("UPDATE audit_log SET actor = 'ai đó'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        ws.db.execute("DELETE FROM audit_log")
    assert ws.audit.count() == 1


def test_file_from_a_newer_version_is_refused(db_path):
    Workspace.open(db_path, create=True).close()
    database = db.open_database(db_path)
    database["_sqlite_migrations"].insert(
        {"migration_set": "so_ke_hoach", "name": "9999_future", "applied_at": "2030-01-01"}
    )
    database.close()
    with pytest.raises(UserError, match="phiên bản Sổ Kế hoạch mới hơn"):
        Workspace.open(db_path)


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "bao_cao.xlsx"
    original = b"PK\x03\x04 not a sqlite file" * 100
    path.write_bytes(original)
    with pytest.raises(UserError, match="không phải cơ sở dữ liệu"):
        Workspace.open(path)
    assert path.read_bytes() == original


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(UserError, match="thư mục"):
        Workspace.open(tmp_path)


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO disbursements (budget_line_id, paid_on, amount) VALUES (1, '2026-01-01', 1.5)",
        "INSERT INTO plans (number, issued_on, issuer, summary, start_year, end_year, created_at)"
        " VALUES ('1/KH', '2025-02-30', 'x', 'y', 2025, 2025, 'now')",
        "INSERT INTO task_progress (task_id, period_id, status, percent, updated_at)"
        " VALUES (1, '2025', 'hoan_thanh', 100, 'now')",
    ],
    ids=["fractional-dong", "impossible-date", "done-without-date"],
)
def test_schema_constraints_are_a_safety_net(ws, sql):
    with pytest.raises(sqlite3.IntegrityError):
        ws.db.execute(sql)


def test_upgrading_a_database_from_before_occurrences_keeps_every_row(db_path):
    """A file written by the first release (schema 0001) with a plan, tasks, progress and
    an attachment comes through 0002: same rows, foreign keys intact, nothing cascaded."""
    database = db.open_database(db_path)
    db.migrations.migration_set().apply(database, stop_before="0002_counting")
    database.executescript(
        """
        INSERT INTO units (id, name) VALUES (1, 'Phòng Văn hóa - Xã hội');
        INSERT INTO plans (id, number, issued_on, issuer, summary, start_year, end_year,
                           created_at)
            VALUES (1, '79/KH-UBND', '2025-10-02', 'UBND', 'Kế hoạch', 2025, 2045, 'x');
        INSERT INTO sections (id, plan_id, code, title, position) VALUES (1, 1, 'V', 'CĐS', 1);
        INSERT INTO tasks (id, section_id, code, title, deadline_text, due_date, recurrence,
                           position)
            VALUES (1, 1, 'V.1', 'Một lần', 'Tháng 9/2025', '2025-09-30', 'none', 1),
                   (2, 1, 'V.3', 'Hằng năm', 'Hằng năm', '2025-12-31',
                    'hang_nam', 2),
                   (3, 1, 'V.4', 'Sửa tay', 'Sau khi có hướng dẫn', '2026-02-01', 'none', 3);
        INSERT INTO assignments (task_id, unit_id, role, position) VALUES (1, 1, 'lead', 1);
        INSERT INTO periods (id, kind, year, number, data_from, data_to, due_on)
            VALUES ('2025', 'year', 2025, NULL, '2024-12-15', '2025-12-14', '2025-12-20');
        INSERT INTO task_progress (id, task_id, period_id, status, percent, completed_on,
                                   updated_at)
            VALUES (7, 1, '2025', 'hoan_thanh', 100, '2025-10-15', 'x'),
                   (8, 2, '2025', 'dang_thuc_hien', 80, NULL, 'x');
        INSERT INTO attachment_blobs (sha256, size, content)
            VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 1, x'00');
        INSERT INTO attachments (sha256, filename, progress_id, added_at)
            VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'a.pdf',
                    7, 'x');
        """
    )
    database.close()
    with Workspace.open(db_path) as ws:
        tasks = {t.code: t for t in ws.tasks.list(1)}
        # A one-off date is kept as the clerk's; a recurring task's old 31/12 is dropped.
        assert tasks["V.1"].due_override.isoformat() == "2025-09-30"
        assert tasks["V.4"].deadline.milestone.isoformat() == "2026-02-01"
        assert tasks["V.3"].due_override is None and tasks["V.3"].deadline.recurring
        assert [u.name for u in tasks["V.1"].leads] == ["Phòng Văn hóa - Xã hội"]
        rows = ws.db.execute("SELECT id, occurrence FROM task_progress ORDER BY id").fetchall()
        assert rows == [(7, ""), (8, "")]
        assert ws.db.execute("SELECT progress_id FROM attachments").fetchall() == [(7,)]
        assert ws.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert ws.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        names = {r[0] for r in ws.db.execute("SELECT name FROM sqlite_master")}
        assert {"audit_trg_tasks_update", "audit_trg_plan_schedules_insert"} <= names
        # The old '' report on the yearly task counts for its period's turn.
        [v3] = [i for i in ws.progress.overview(1, "2026-Q1") if i.task.code == "V.3"]
        assert v3.occurrences[0].occurrence.key == "2025"


def test_a_schedule_set_before_two_due_dates_keeps_its_dates(db_path):
    """A schedule stored before 0018 had one due day, read as the day the office reports
    upward: it keeps it, and the plan's units get the same day; a period fixed then gets
    its units' day from the rule."""
    database = db.open_database(db_path)
    db.migrations.migration_set().apply(database, stop_before="0018_units_due")
    database.executescript(
        """
        INSERT INTO plans (id, number, issued_on, issuer, summary, start_year, end_year,
                           created_at)
            VALUES (1, '79/KH-UBND', '2025-10-02', 'UBND', 'Kế hoạch', 2025, 2045, 'x');
        INSERT INTO plan_schedules (plan_id, kind, close_day, close_month_offset, due_day,
                                    due_month_offset, source_text)
            VALUES (1, 'year', 14, -1, 30, -1, 'Định kỳ hằng năm trước ngày 30/11');
        INSERT INTO periods (id, kind, year, number, data_from, data_to, due_on)
            VALUES ('2025', 'year', 2025, NULL, '2024-12-15', '2025-12-14', '2025-12-20');
        INSERT INTO plan_periods (plan_id, period_id, data_from, data_to, due_on)
            VALUES (1, '2025', '2024-11-15', '2025-11-14', '2025-11-30');
        """
    )
    database.close()
    with Workspace.open(db_path) as ws:
        [entry] = ws.schedule.entries(1)
        assert (entry.rule.units_due, entry.rule.upward) == ((30, -1), (30, -1))
        for key, year in (("2025", 2025), ("2026", 2026)):
            period = ws.periods.get(key, 1)
            assert (period.units_due, period.due_on) == (date(year, 11, 30), date(year, 11, 30))
