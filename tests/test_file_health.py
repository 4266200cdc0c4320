"""A database checked as it is opened (issue 23, points 2, 4, 5 and 10): a log that is not
the database's own is set aside before SQLite can fold it in; damage is said with the
last good backup, and that backup takes the damaged file's place while the damaged one
is kept; a byte flipped in stored text is said, not raised; the level above's `status`
reports its history of changes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.infra.backups import Damaged
from desktop.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _foreign_log(tmp_path: Path) -> bytes:
    """The write-ahead log of another office's database, with changes not yet folded."""
    other = tmp_path / "khac" / "khac.db"
    other.parent.mkdir()
    Workspace.create(other, "Tây Hồ", "phuong").close()
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE chen (a)")
    conn.execute("INSERT INTO chen SELECT randomblob(3000) FROM (SELECT 1 UNION SELECT 2)")
    conn.commit()
    log = Path(f"{other}-wal").read_bytes()
    conn.close()
    return log


def test_a_log_of_another_database_is_set_aside_not_folded_in(demo_ws, tmp_path, capsys):
    """Point 2: `status` printed a traceback, and the next write folded the stray log into
    the file, which then failed integrity_check for good."""
    path = demo_ws.path
    units = len(demo_ws.units.list())
    demo_ws.close()
    before = path.read_bytes()
    Path(f"{path}-wal").write_bytes(_foreign_log(tmp_path))

    assert main(["--db", str(path), "status"]) == 1
    err = capsys.readouterr().err
    assert "không phải nhật ghi tạm" in err and "Traceback" not in err
    assert path.read_bytes() == before

    assert main(["--db", str(path), "settings", "--place", "Trần Liêu"]) == 0
    err = capsys.readouterr().err
    assert "Cảnh báo:" in err and "đã để riêng" in err
    aside = list((path.parent / "sao_luu").glob("*_wal_khong_thuoc.db-wal"))
    assert len(aside) == 1 and aside[0].with_suffix(".txt").exists()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    assert _integrity(path) == "ok"
    with Workspace.open(path, read_only=True) as ws:
        assert len(ws.units.list()) == units
        assert ws.document_settings.get().place == "Trần Liêu"


def test_the_databases_own_log_after_a_kill_is_kept(demo_ws):
    """The check must not take a log that is the database's own (a writer killed after a
    commit, the change only in the log) for a stray one."""
    path = demo_ws.path
    demo_ws.close()
    script = textwrap.dedent(
        f"""
        import os
        from desktop.workspace import Workspace
        ws = Workspace.open({str(path)!r}, daily_backup=False)
        ws.db.execute("PRAGMA wal_autocheckpoint = 0")
        ws.units.add("Đơn vị ghi ngay trước khi bị ngắt")
        os._exit(9)
        """
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=False)
    assert Path(f"{path}-wal").stat().st_size > 0
    with Workspace.open(path, daily_backup=False) as ws:
        assert ws.units.find("Đơn vị ghi ngay trước khi bị ngắt") is not None
        assert not any("nhật ghi tạm" in said for said in ws.warnings)
    assert not (path.parent / "sao_luu").exists() or not list(
        (path.parent / "sao_luu").glob("*wal_khong_thuoc*")
    )


def _damage(path: Path) -> None:
    """Overwrite the middle of the file: pages of tables and indexes become garbage."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size // 2 - (size // 2) % 4096)
        file.write(os.urandom(3 * 4096))


def test_damage_after_an_unclean_end_is_said_with_the_last_good_backup(demo_ws, tmp_path, capsys):
    """Point 5: nothing checked the file at open; now a writer opening it after a kill (the
    lock file still names its holder) runs the quick check, says what is wrong and names
    the newest backup that checks good; `restore` puts it in place, keeping the damaged
    file."""
    path = demo_ws.path
    demo_ws.backups.daily()
    good = next((path.parent / "sao_luu").glob("*_hang_ngay.db"))
    demo_ws.close()
    _damage(path)
    lock = path.with_name(path.name + ".lock")
    lock.write_text('\n{"user": "a", "host": "b", "pid": 1, "since": "2026-01-01T00:00"}')

    with pytest.raises(Damaged) as caught:
        Workspace.open(path)
    assert caught.value.backup == good

    assert main(["--db", str(path), "settings", "--place", "X"]) == 1
    err = capsys.readouterr().err
    assert "đã hỏng" in err and str(good) in err and "Traceback" not in err

    assert main(["--db", str(path), "restore", str(good), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "tệp hỏng được giữ" in out.lower()
    assert _integrity(path) == "ok"
    kept = list((path.parent / "sao_luu").glob("*_da_hong.db"))
    assert len(kept) == 1
    with Workspace.open(path, read_only=True) as ws:
        assert ws.plans.current() is not None


def test_a_flipped_byte_in_stored_text_is_said_not_raised(demo_ws, capsys):
    """Point 4: 8 of 30 single-byte flips made `status` end in 'Could not decode to
    UTF-8'. SQLite does not check stored text; the error is seen when it is read."""
    path = demo_ws.path
    demo_ws.close()
    name = "Phòng Văn hóa - Xã hội".encode()
    data = path.read_bytes()
    assert data.count(name) > 0  # in its row, its index and the audit log
    path.write_bytes(data.replace(name, name.replace("ă".encode(), b"\xff\xfe")))
    assert main(["--db", str(path), "status"]) == 1
    err = capsys.readouterr().err
    assert "đã hỏng" in err and "UTF-8" in err and "Traceback" not in err


def test_status_of_the_level_above_reports_its_history(tmp_path, capsys):
    """Point 10: a database without a plan could not be asked about its audit chain."""
    path = tmp_path / "tinh.db"
    assert main(["--db", str(path), "init", "--name", "Hải Phòng", "--level", "tinh"]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "status"]) == 0
    out = capsys.readouterr().out
    assert "UBND tỉnh Hải Phòng" in out and "Nhật ký thay đổi: nguyên vẹn" in out
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'ai đó' WHERE id = 1")
    conn.commit()
    conn.close()
    assert main(["--db", str(path), "status", "--json"]) == 0
    import json

    history = json.loads(capsys.readouterr().out)["history"]
    assert history["intact"] is False and history["warning"]


def test_a_copy_of_the_database_with_its_log_is_whole(demo_ws, tmp_path):
    """A database copied by hand together with its own log (a WAL not yet folded) is the
    same database: nothing is set aside."""
    demo_ws.db.execute("PRAGMA wal_autocheckpoint = 0")
    demo_ws.units.add("Đơn vị chỉ có trong nhật ghi tạm")
    target = tmp_path / "ban_chep" / "x.db"
    target.parent.mkdir()
    shutil.copy(demo_ws.path, target)
    shutil.copy(f"{demo_ws.path}-wal", f"{target}-wal")
    with Workspace.open(target, daily_backup=False) as ws:
        assert ws.units.find("Đơn vị chỉ có trong nhật ghi tạm") is not None
        assert not any("nhật ghi tạm" in said for said in ws.warnings)


def _break_chain(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'người sửa lén' WHERE id = 3")
    conn.commit()
    conn.close()


def test_a_broken_audit_chain_is_backed_up_and_said_and_restoring_it_is_asked(
    demo_ws, tmp_path, capsys
):
    """Point 9: a broken chain stopped every backup ('không đạt kiểm tra (ok)'), the daily
    copy stopped silently, yet `restore` took a broken-chain backup without asking."""
    path = demo_ws.path
    demo_ws.close()
    _break_chain(path)
    with Workspace.open(path) as ws:  # the day's first copy is taken all the same
        assert not any("sao lưu" in said for said in ws.warnings), ws.warnings
    assert list((path.parent / "sao_luu").glob("*_hang_ngay.db"))

    out = tmp_path / "usb"
    out.mkdir()
    assert main(["--db", str(path), "backup", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "kiểm tra toàn vẹn: đạt" in said and "Lưu ý: Lịch sử thay đổi" in said
    assert "(ok)" not in said
    copy = next(out.glob("*.db"))

    assert main(["--db", str(path), "restore", str(copy), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "--accept-broken-history" in err and "bị can thiệp" in err
    assert main(["--db", str(path), "restore", str(copy), "--yes", "--accept-broken-history"]) == 0


def test_a_damaged_database_is_not_backed_up_as_good(demo_ws, tmp_path, capsys):
    """Point 5, at every backup: the copy's full integrity check finds what the quick
    check at open may not (an index short of a row); the copy takes no name, and the
    message names the last good backup."""
    path = demo_ws.path
    demo_ws.backups.daily()
    demo_ws.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_row'")
    page = root.fetchone()[0]
    conn.close()
    with path.open("r+b") as file:  # the index's root page emptied: rows missing from it
        file.seek((page - 1) * 4096 + 3)
        file.write(b"\x00\x00")
    out = tmp_path / "usb"
    out.mkdir()
    assert main(["--db", str(path), "backup", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "đã hỏng" in err and "Bản sao lưu tốt gần nhất" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_damage_the_quick_check_misses_is_named_when_sqlite_meets_it(demo_ws):
    """The fault campaign: a flipped bit left an index short of a row; the quick check
    does not read indexes against their tables, so `status` met SQLite's 'malformed'
    and said «Lỗi ngoài dự kiến». SQLite's own word is damage."""
    import db
    from desktop.infra.file_health import diagnose

    path = demo_ws.path
    demo_ws.close()  # a file the quick check finds whole
    said = diagnose(path, db.DatabaseError("database disk image is malformed"))
    assert said is not None and "đã hỏng (database disk image is malformed)" in said
    assert diagnose(path, db.DatabaseError("database is locked")) is None
