"""A database checked as it is opened: a stray log set aside, damage said with the last
good backup, and a damaged file replaced by that backup while it is kept for support.

When: a writer opening the file after the last one was cut off (a kill, a power cut) or
with a log beside it, and a reader finding a log no live writer keeps, run SQLite's
quick check (db/health.py); a clean start, or a reader beside the open window, pays for
nothing.
"""

from __future__ import annotations

import os
import shutil
from contextlib import suppress
from datetime import datetime
from pathlib import Path

import db
from db.health import Finding, Health, examine, wal_of
from desktop.errors import UserError
from desktop.infra import backups
from desktop.infra.atomic_files import sync_folder
from desktop.infra.backups import Damaged, last_good_backup
from desktop.infra.problems import explain
from desktop.infra.writer_lock import WriterLock, writer_alive

STRAY_LOG = "wal_khong_thuoc"
DAMAGED = "da_hong"


def _aside(path: Path, reason: str, now: datetime) -> Path:
    """A name in the backup folder for a file put aside, never one already taken."""
    folder = backups.folder_of(path)
    folder.mkdir(exist_ok=True)
    stamp, taken = f"{now:%Y%m%d-%H%M%S}", 1
    target = folder / f"{path.stem}_{stamp}_{reason}{path.suffix}"
    while target.exists():
        taken += 1
        target = folder / f"{path.stem}_{stamp}-{taken}_{reason}{path.suffix}"
    return target


def set_aside_log(path: Path, problem: str, now: datetime) -> Path:
    """Move a log that is not the database's own into the backup folder, with a note of
    why beside it; its shared-memory index goes (it indexes that log)."""
    log = wal_of(path)
    target = _aside(log, STRAY_LOG, now)
    os.replace(log, target)
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    target.with_suffix(".txt").write_text(
        f"Tệp này nằm cạnh «{path}» dưới tên «{log.name}» nhưng không phải nhật ghi tạm của "
        f"cơ sở dữ liệu đó ({problem}). Sổ Kế hoạch đã để riêng nó lúc "
        f"{now:%H:%M:%S ngày %d/%m/%Y} để nó không ghi đè lên dữ liệu.\n",
        "utf-8",
    )
    sync_folder(log.parent)
    return target


def check_at_open(path: Path, lock: WriterLock | None, now: datetime) -> tuple[str, ...]:
    """Check the file before it is used; what was done, as warnings. A stray log is set
    aside when writing (refused when only reading: reading through it gives wrong
    figures); damage raises Damaged."""
    log = wal_of(path)
    has_log = log.is_file() and log.stat().st_size > 0
    if lock is None:  # a reader: a log left with no writer alive (one alive checked it)
        if not has_log or not os.access(path.parent, os.W_OK) or writer_alive(path):
            return ()
        finding = examine(path)
    elif lock.unclean or has_log:
        finding = examine(path)
    else:
        return ()
    if finding.health is Health.WHOLE:
        return ()
    if finding.health is Health.DAMAGED:
        raise Damaged(path, finding.problem, last_good_backup(path))
    if lock is None:
        raise UserError(
            f"Tệp «{log.name}» bên cạnh cơ sở dữ liệu «{path}» không phải nhật ghi tạm của nó "
            f"({finding.problem}); đọc qua tệp đó sẽ cho số liệu sai nên chưa đọc gì. Mở cơ sở "
            "dữ liệu để ghi (giao diện, hoặc một lệnh ghi) để phần mềm để riêng tệp đó; dữ "
            "liệu không bị thay đổi."
        )
    try:
        target = set_aside_log(path, finding.problem, now)
    except OSError as exc:
        raise UserError(
            f"Tệp «{log.name}» bên cạnh «{path}» không phải nhật ghi tạm của cơ sở dữ liệu "
            f"này, và không để riêng được ({explain(exc, log)}); chưa mở để ghi, dữ liệu "
            "không bị thay đổi."
        ) from exc
    return (
        f"Tệp «{log.name}» bên cạnh cơ sở dữ liệu không phải nhật ghi tạm của nó "
        f"({finding.problem}); đã để riêng ở «{target}» để nó không làm hỏng dữ liệu. Dữ "
        "liệu của cơ sở dữ liệu không bị thay đổi.",
    )


def recover(path: Path, source: Path, now: datetime) -> Path:
    """Replace a damaged database by a good backup. The damaged file (with its log) is
    copied into the backup folder first, then the backup, copied in whole beside the
    database, is renamed over it: a failure on the way leaves the damaged file as it
    was. Returns where the damaged copy is kept. The window and the `restore` command
    call it when the database cannot be opened."""
    backups.check_restorable(source)
    try:
        lock = WriterLock.acquire(path)
    except OSError as exc:
        raise UserError(f"Không khôi phục được «{path}»: {explain(exc, path)}.") from exc
    temporary = path.with_name(f".{path.name}.khoi_phuc")
    try:
        kept = _aside(path, DAMAGED, now)
        for side in ("", "-wal"):
            with suppress(FileNotFoundError):
                _copy(path.with_name(path.name + side), kept.with_name(kept.name + side))
        temporary.unlink(missing_ok=True)  # left by a recovery cut off
        _copy(source, temporary)
        os.replace(temporary, path)
        for side in ("-wal", "-shm"):  # the damaged file's: kept above
            path.with_name(path.name + side).unlink(missing_ok=True)
        sync_folder(path.parent)
    except OSError as exc:
        raise UserError(
            f"Không khôi phục được «{path}»: {explain(exc, path)}. Tệp hỏng được để nguyên."
        ) from exc
    finally:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        lock.release()
    return kept


def _copy(source: Path, target: Path) -> None:
    with source.open("rb") as origin, target.open("xb") as copy:
        shutil.copyfileobj(origin, copy, 1024 * 1024)
        copy.flush()
        os.fsync(copy.fileno())


def _examined(path: Path) -> Finding | None:
    try:
        return examine(path)
    except OSError:  # gone, or unreadable: said by whatever reads it next
        return None


def examine_damage(path: Path) -> Damaged | None:
    """Damaged, with the last good backup, when the quick check finds the file damaged."""
    finding = _examined(path)
    if finding is None or finding.health is not Health.DAMAGED:
        return None
    return Damaged(path, finding.problem, last_good_backup(path))


def diagnose(path: Path, error: Exception) -> str | None:
    """After an error no check foresaw: whether the file is damaged or read through a log
    not its own, in words with the last good backup; None when it checks whole. SQLite
    does not check that stored text is UTF-8: a flipped byte in it is seen only when it
    is read (Python's "Could not decode to UTF-8")."""
    if isinstance(error, UnicodeDecodeError) or "could not decode to utf-8" in str(error).lower():
        problem = "một đoạn chữ lưu trong tệp không còn đọc được: mã UTF-8 bị hỏng"
        return str(Damaged(path, problem, last_good_backup(path)))
    finding = _examined(path)
    said = str(error).lower()
    if (
        finding is not None
        and finding.health is Health.WHOLE
        and isinstance(error, db.DatabaseError)
        and any(word in said for word in ("malformed", "not a database", "corrupt"))
    ):
        # SQLite said so itself, past what the quick check reads (an index short of a row)
        finding = Finding(Health.DAMAGED, str(error))
    if finding is None or finding.health is Health.WHOLE:
        return None
    if finding.health is Health.DAMAGED:
        return str(Damaged(path, finding.problem, last_good_backup(path)))
    return (
        f"Tệp «{wal_of(path).name}» bên cạnh cơ sở dữ liệu không phải nhật ghi tạm của nó "
        f"({finding.problem}). Mở cơ sở dữ liệu để ghi để phần mềm để riêng tệp đó."
    )
