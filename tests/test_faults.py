"""Nothing lost under faults (issue 23, first part): two restores in one second keep two
copies; a backup cut short is refused in words; roster files missing or of one column
are said, not raised; invisible characters never make a second unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.consolidation.roster import read_roster
from desktop.errors import UserError
from desktop.workspace import Workspace


def test_two_restores_in_one_second_keep_both_copies(demo_ws, tmp_path):
    """Point 1: the copy kept before a restore was named to the second, so a second
    restore in that second wrote over the first one's copy (the fixture's clock stands)."""
    backup = demo_ws.backups.backup(tmp_path / "sao_luu.db").path
    demo_ws.units.add("Đơn vị chỉ có trước lần khôi phục thứ nhất")
    first = demo_ws.backups.restore(backup)
    demo_ws.units.add("Đơn vị chỉ có trước lần khôi phục thứ hai")
    second = demo_ws.backups.restore(backup)
    assert first != second and first.exists() and second.exists()
    with Workspace.open(first, read_only=True) as kept:
        assert kept.units.find("Đơn vị chỉ có trước lần khôi phục thứ nhất") is not None
    with Workspace.open(second, read_only=True) as kept:
        assert kept.units.find("Đơn vị chỉ có trước lần khôi phục thứ hai") is not None


def test_a_backup_cut_short_is_refused_in_words(demo_ws, tmp_path):
    """Point 4: restoring a truncated backup raised sqlite3.DatabaseError."""
    whole = demo_ws.backups.backup(tmp_path / "du.db").path
    cut = tmp_path / "cut.db"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])
    with pytest.raises(UserError, match=r"đã hỏng|không phải bản sao lưu"):
        demo_ws.backups.restore(cut)
    assert demo_ws.plans.current().number == "79/KH-UBND"  # nothing replaced


def test_roster_files_missing_or_of_one_column_are_said(tmp_path, capsys):
    """Point 4: a one-column CSV raised _csv.Error, a missing file FileNotFoundError."""
    one = tmp_path / "mot_cot.csv"
    one.write_text("Tên đơn vị\nTrần Liêu\n", "utf-8")
    db = tmp_path / "tinh.db"
    assert main(["--db", str(db), "init", "--name", "Hải Phòng", "--level", "tinh"]) == 0
    capsys.readouterr()
    for path, words in ((one, "cần dòng tiêu đề"), (tmp_path / "khong_co.csv", "Không có tệp")):
        assert main(["--db", str(db), "roster", str(path)]) == 1
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err


@pytest.mark.parametrize(
    "typed",
    ["Văn\u200bphòng HĐND và UBND", "\ufeffVăn phòng HĐND và UBND", "Văn phòng\u200d HĐND và UBND"],
)
def test_invisible_characters_never_make_a_second_unit(demo_ws, typed):
    """Point 11: 'Văn\\u200bphòng' was stored as a unit of its own."""
    before = len(demo_ws.units.list())
    with pytest.raises(UserError, match="«Văn phòng HĐND và UBND» đã có trong danh sách"):
        demo_ws.units.add(typed)
    assert len(demo_ws.units.list()) == before


def test_a_nul_in_a_roster_is_dropped(tmp_path: Path):
    roster = tmp_path / "ds.csv"
    roster.write_bytes("Tên đơn vị,Cấp,Mã định danh\nTrần\x00 Liêu,phường,\ufeffH31.01\n".encode())
    [entry] = read_roster(roster)
    assert (entry.name, entry.agency_code) == ("Trần Liêu", "H31.01")


@pytest.fixture
def demo_db(tmp_path, demo_files) -> Path:
    return demo_files.copy(tmp_path / "tl.db", at=None, actor=None)


def test_a_file_where_the_backups_go_stops_no_command_and_is_said(demo_db, capsys):
    """Point 4 and 10: 'sao_luu' existing as a file made every write command crash
    (FileExistsError); a daily copy not taken is now said by the command line too."""
    folder = demo_db.parent / "sao_luu"
    if folder.is_dir():
        for old in folder.iterdir():
            old.unlink()
        folder.rmdir()
    folder.write_text("không phải thư mục")
    capsys.readouterr()
    assert main(["--db", str(demo_db), "settings", "--place", "Trần Liêu"]) == 0
    err = capsys.readouterr().err
    assert "Cảnh báo: Chưa tạo được bản sao lưu hằng ngày" in err and "là một tệp" in err
    assert "Traceback" not in err


def test_a_backup_to_a_read_only_stick_is_said(demo_ws, tmp_path, monkeypatch):
    """Point 4: `backup --out` to a read-only target raised OSError 30 from the clean-up
    of its temporary file (the test runs as root, which writes anyway: the stick's
    refusals are played by the functions that meet them)."""
    import errno

    import db as database

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(database, "copy_database", read_only)
    monkeypatch.setattr(Path, "unlink", read_only)
    with pytest.raises(UserError, match="Không sao lưu được"):
        demo_ws.backups.backup(tmp_path / "usb.db")


def test_a_roster_with_a_line_too_long_is_said_not_raised(tmp_path):
    """The fault campaign: a CSV with one 20 MB line ended in «Lỗi ngoài dự kiến
    (_csv.Error: field larger than field limit)»."""
    huge = tmp_path / "dai.csv"
    huge.write_text("Tên đơn vị,Cấp\n" + "x" * 200_000 + ",xã\n", "utf-8")
    with pytest.raises(UserError, match=r"Dòng 2 của «dai\.csv» không đọc được"):
        read_roster(huge)


def test_a_backup_that_breaks_a_check_constraint_is_not_taken(demo_ws, tmp_path):
    """The fault campaign: a flipped bit broke a CHECK constraint of audit_log, and the
    backup took the damaged copy: SQLite checks CHECK constraints only on a connection
    that may write, and the copy was checked read-only."""
    import sqlite3

    path = demo_ws.path
    demo_ws.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET action = 'xyz' WHERE id = 5")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws, pytest.raises(UserError, match=r"đã hỏng \(CHECK constraint"):
        ws.backups.backup(tmp_path / "usb.db")
    assert not (tmp_path / "usb.db").exists()
