"""Backup copies of a database file: taken, checked, kept; a copy checked fit to restore.

A backup is SQLite's online copy of the live file, checked (integrity_check and the
audit chain) before it is called good. Automatic copies go to a `sao_luu` folder
beside the database (the data folder for the usual one): the last 10 daily copies
are kept, and every copy taken before an upgrade or a restore. The clerk's backups
and restores of an open workspace are services/backups.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import db
from desktop.errors import UserError
from desktop.infra import leftovers
from desktop.infra.problems import explain

FOLDER = "sao_luu"
KEEP_DAILY = 10
LAST_GOOD_TRIED = 5  # backups checked, newest first, for the last good one
DAILY, BEFORE_UPGRADE, BEFORE_RESTORE = "hang_ngay", "truoc_nang_cap", "truoc_khoi_phuc"


def folder_of(database: Path) -> Path:
    return database.parent / FOLDER


class Damaged(UserError):
    """The database file is damaged; `backup` is the newest backup that checks good."""

    def __init__(self, path: Path, problem: str, backup: Path | None):
        self.path, self.problem, self.backup = path, problem, backup
        super().__init__(
            f"Cơ sở dữ liệu «{path}» đã hỏng ({problem}). Phần mềm không ghi vào "
            f"tệp này để nó không hỏng thêm. {self.offer()}"
        )

    def offer(self) -> str:
        if self.backup is None:
            return (
                "Không tìm thấy bản sao lưu nào còn tốt bên cạnh tệp; hãy giữ nguyên tệp và "
                "liên hệ người hỗ trợ, hoặc khôi phục từ một bản sao lưu trên ổ USB."
            )
        return (
            f"Bản sao lưu tốt gần nhất: «{self.backup}» (lưu lúc {_when(self.backup)}). "
            "Có thể khôi phục từ bản đó; tệp hỏng được giữ lại trong thư mục sao_luu."
        )


def _when(path: Path) -> str:
    return f"{datetime.fromtimestamp(path.stat().st_mtime):%H:%M ngày %d/%m/%Y}"


def last_good_backup(path: Path) -> Path | None:
    """The newest backup beside `path` that passes the integrity check and whose audit
    chain is unbroken (a few are tried: each check reads the whole copy)."""
    folder = folder_of(path)
    with suppress(OSError):
        copies = sorted(
            folder.glob(f"{path.stem}_*.db"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for copy in copies[:LAST_GOOD_TRIED]:
            with suppress(db.DatabaseError, OSError):
                if db.check_copy(copy).good:
                    return copy
    return None


@dataclass(frozen=True)
class Backup:
    """A checked copy of the database: where it is, its size and what the check found."""

    path: Path
    size: int
    check: db.CopyCheck


def copy_to(
    database: db.Database, source: Path, dest: Path, *, keep_damaged: bool = False
) -> Backup:
    """Copy the live database to `dest` through a temporary file beside it, check the
    copy, then put it in place: a failed or partial copy never takes the name. The
    temporary is ours by name and hidden (leftovers.py: removed at the next start if
    the process is killed or the stick pulled)."""
    temporary = leftovers.reserve(dest, ".dang_chep")
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        leftovers.started(temporary)  # empty: SQLite takes it for a new database
        db.copy_database(database, temporary)
        check = db.check_copy(temporary)
        # A damaged copy takes no name (ten of them would push the good ones out of the
        # daily rotation) unless it is the one kept of what a restore replaces. A broken
        # audit chain is kept: the copy is the evidence, and the caller says so.
        if check.integrity != "ok" and not keep_damaged:
            raise Damaged(source, check.integrity, last_good_backup(source))
        leftovers.unhide(temporary)
        os.replace(temporary, dest)
    except (db.DatabaseError, OSError) as exc:
        raise UserError(f"Không sao lưu được vào «{dest}»: {explain(exc, dest)}.") from exc
    finally:
        leftovers.discard(temporary)  # a read-only or pulled target: said above, left listed
    return Backup(dest, dest.stat().st_size, check)


def automatic(database: db.Database, source: Path, reason: str, now: datetime) -> Path:
    folder = folder_of(source)
    if folder.exists() and not folder.is_dir():
        raise UserError(
            f"«{folder}» là một tệp, không phải thư mục sao lưu: hãy đổi tên tệp đó để phần "
            "mềm tạo lại thư mục bản sao tự động."
        )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"Không tạo được thư mục sao lưu «{folder}»: {explain(exc, folder)}."
        ) from exc
    stamp = f"{now:%Y%m%d-%H%M%S}"
    dest = folder / f"{source.stem}_{stamp}_{reason}.db"
    taken = 1
    while dest.exists():  # two copies in one second (two restores): never one over the other
        taken += 1
        dest = folder / f"{source.stem}_{stamp}-{taken}_{reason}.db"
    copy_to(database, source, dest, keep_damaged=reason == BEFORE_RESTORE)  # what it replaces
    if reason == DAILY:
        daily = sorted(folder.glob(f"{source.stem}_*_{DAILY}.db"))
        for old in daily[:-KEEP_DAILY]:
            old.unlink(missing_ok=True)
    return dest


def before_upgrade(database: db.Database, source: Path) -> Callable[[list[str]], None]:
    """The hook db.migrate calls before upgrading an existing file."""

    def take(_names: list[str]) -> None:
        automatic(database, source, BEFORE_UPGRADE, datetime.now())

    return take


def check_restorable(source: Path) -> db.CopyCheck:
    """A file fit to replace the database: ours, not from a newer build, not damaged."""
    source = source.expanduser()
    kind = db.identify(source) if source.is_file() else db.FileKind.MISSING
    if kind is db.FileKind.MISSING:
        raise UserError(f"Không có tệp «{source}».")
    if kind is not db.FileKind.OURS:
        raise UserError(f"«{source}» không phải bản sao lưu của Sổ Kế hoạch; không khôi phục.")
    try:
        copy = db.open_database(source, read_only=True)
        try:
            db.pending(copy)
        finally:
            copy.close()
        check = db.check_copy(source)
    except db.SchemaTooNew as exc:
        raise UserError(
            f"«{source}» được tạo bởi phiên bản Sổ Kế hoạch mới hơn ({exc}); "
            "hãy cập nhật phần mềm trước khi khôi phục."
        ) from exc
    except db.DatabaseError as exc:  # cut short or damaged past what SQLite can read
        raise UserError(f"«{source}» đã hỏng ({exc}); không khôi phục.") from exc
    if check.integrity != "ok":
        raise UserError(f"«{source}» đã hỏng ({check.integrity}); không khôi phục.")
    return check
