"""The façade over one database file: `Workspace.open(path)` then a service per noun."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, overload

import db
from desktop.domain.model import VIETNAM_TZ
from desktop.errors import UserError
from desktop.infra.location import NETWORK_MESSAGE, REMOVABLE_MESSAGE, Location, location_of
from desktop.infra.problems import explain
from desktop.infra.writer_lock import WriterLock, login_name

if TYPE_CHECKING:
    from desktop.services.attachments import AttachmentService
    from desktop.services.audit import AuditService
    from desktop.services.backups import BackupService
    from desktop.services.budget import BudgetService
    from desktop.services.document_settings import DocumentSettingsService, StampImageService
    from desktop.services.indicators import IndicatorService
    from desktop.services.locks import LockService
    from desktop.services.office import OfficeService
    from desktop.services.outbox import OutboxService
    from desktop.services.packages import PackageService
    from desktop.services.period_dates import PeriodService
    from desktop.services.plans import PlanService
    from desktop.services.progress import ProgressService
    from desktop.services.receiving import ReceivingService
    from desktop.services.report_texts import ReportTextService
    from desktop.services.returned_forms import ReturnedFormService
    from desktop.services.schedule import ScheduleService
    from desktop.services.tasks import TaskService
    from desktop.services.trust import TrustService
    from desktop.services.units import UnitService

_SIDE_FILES = ("-wal", "-shm", ".lock")


def _no_database(path: Path) -> UserError:
    return UserError(
        f"Chưa có cơ sở dữ liệu ở «{path}».",
        window="Tạo mới ở Tệp → Tạo cơ sở dữ liệu mới…, hoặc xem dữ liệu mẫu ở Tệp → Mở dữ "
        "liệu mẫu.",
        command="Tạo mới bằng lệnh init (hoặc demo để có dữ liệu mẫu), hoặc mở giao diện.",
    )


class _Unchecked:
    """The audit chain not verified yet (Workspace.history)."""


_UNCHECKED = _Unchecked()
S = TypeVar("S")


class _Service(Generic[S]):
    """A workspace's service, made on first use: a command touches a few of them, and
    importing all of them was a large part of every start. Its module is named as text,
    so that importing the workspace loads none of them; its class is the one its
    annotation names (`office: _Service[OfficeService]`), which type checkers read too."""

    def __init__(self, module: str):
        self.module = f"desktop.services.{module}"

    def __set_name__(self, owner: type, attribute: str) -> None:
        self.attribute = attribute
        annotation = owner.__annotations__[attribute]  # text: `from __future__ import annotations`
        self.name = annotation.removeprefix("_Service[").removesuffix("]")

    @overload
    def __get__(self, ws: None, owner: type) -> _Service[S]: ...

    @overload
    def __get__(self, ws: Workspace, owner: type) -> S: ...

    def __get__(self, ws: Workspace | None, owner: type) -> S | _Service[S]:
        if ws is None:
            return self
        service = getattr(importlib.import_module(self.module), self.name)(ws)
        ws.__dict__[self.attribute] = service  # found there from now on
        return service


# What each kind of data is stored in: OpChanges says which kinds a change touched.
_KINDS = {
    "plan": {"plans", "sections", "tasks", "assignments", "units", "indicator_groups",
             "indicators", "indicator_targets"},
    "progress": {"task_progress", "attachments", "report_texts", "returned_forms"},
    "values": {"indicator_values"},
    "budget": {"budget_lines", "disbursements"},
    "calendar": {"period_rules", "periods", "plan_schedules", "plan_periods"},
    "locks": {"period_locks", "packages"},
    "outbox": {"packages", "deliveries", "exports_for_signing"},
    "settings": {"office", "document_settings", "trusted_roots"},
    "received": {"roster", "received", "quarantine", "returned", "expected_periods"},
}  # fmt: skip


@dataclass(frozen=True)
class OpChanges:
    """Which kinds of data the changes since the last look touched (Anki's OpChanges),
    read from what each change sealed in the audit log, not from what a caller meant to
    do: each view decides from it whether to show itself again."""

    tables: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.tables)

    def touches(self, *kinds: str) -> bool:
        return any(self.tables & _KINDS[kind] for kind in kinds)

    @property
    def figures(self) -> bool:
        """Anything a period's counts, documents or lock depend on."""
        return self.touches("plan", "progress", "values", "budget", "calendar", "locks",
                            "settings")  # fmt: skip


class Workspace:
    """One open database and the services that read and change it.

    Every change goes through `change(operation)`: a single transaction whose
    audit entries carry the operation label and the actor, sealed before it commits.
    A workspace opened read-only (asked for, or because writing is impossible
    there) says why in `read_only_reason` and refuses every change.
    """

    office: _Service[OfficeService] = _Service("office")
    units: _Service[UnitService] = _Service("units")
    plans: _Service[PlanService] = _Service("plans")
    tasks: _Service[TaskService] = _Service("tasks")
    indicators: _Service[IndicatorService] = _Service("indicators")
    periods: _Service[PeriodService] = _Service("period_dates")
    schedule: _Service[ScheduleService] = _Service("schedule")
    progress: _Service[ProgressService] = _Service("progress")
    report_texts: _Service[ReportTextService] = _Service("report_texts")
    budget: _Service[BudgetService] = _Service("budget")
    attachments: _Service[AttachmentService] = _Service("attachments")
    audit: _Service[AuditService] = _Service("audit")
    document_settings: _Service[DocumentSettingsService] = _Service("document_settings")
    packages: _Service[PackageService] = _Service("packages")
    locks: _Service[LockService] = _Service("locks")
    trust: _Service[TrustService] = _Service("trust")
    outbox: _Service[OutboxService] = _Service("outbox")
    receiving: _Service[ReceivingService] = _Service("receiving")
    returned_forms: _Service[ReturnedFormService] = _Service("returned_forms")
    stamp_images: _Service[StampImageService] = _Service("document_settings")
    backups: _Service[BackupService] = _Service("backups")

    def __init__(
        self,
        database: db.Database,
        path: Path,
        actor: str,
        clock: Callable[[], datetime] | None = None,
        *,
        read_only_reason: str | None = None,
        lock: WriterLock | None = None,
        warnings: tuple[str, ...] = (),
        restored_guards: tuple[str, ...] = (),
        history: db.ChainReport | bool | None = True,
    ):
        """`history`: True to verify the audit chain when first asked, else the report to
        keep."""
        self.db = database
        self.path = path
        self.actor = actor
        self.read_only_reason = read_only_reason
        self.warnings = warnings
        self.restored_guards = restored_guards  # append-only guards someone had removed
        self._lock = lock
        self._clock = clock or (lambda: datetime.now(UTC))
        self._depth = 0  # nesting of change(): only the outermost names the change
        self._closed = False
        self._history = _UNCHECKED if history is True else (history or None)
        self._commits = 0  # changes committed through this workspace
        self._touched: set[str] = set()  # tables written since take_changes()

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        actor: str | None = None,
        clock: Callable[[], datetime] | None = None,
        create: bool = False,
        read_only: bool = False,
        wait: float = 0.0,
        daily_backup: bool = True,
    ) -> Workspace:
        """Open the database at `path`.

        Only `create` makes a new file; another program's file, or anything that is
        not a database, is refused untouched. `read_only` never writes a byte; writing
        is also given up, with the reason kept, where it is impossible (a read-only
        folder, a network share). A writer holds the writer lock, waiting up to `wait`
        seconds for another one to finish, and takes the day's first backup unless
        `daily_backup` is False (the window takes it itself, once it is up: copying and
        checking a big file takes a while).
        """
        path = _checked(path)
        importlib.import_module("desktop.infra.leftovers").sweep(path)  # a killed run's temporaries
        kind = _identify(path)
        if kind in (db.FileKind.MISSING, db.FileKind.EMPTY) and not create:
            raise _no_database(path)
        reason = None if read_only else _why_not_writable(path, kind)
        writing = not read_only and reason is None
        if not writing and kind in (db.FileKind.MISSING, db.FileKind.EMPTY):
            raise UserError(reason) if reason else _no_database(path)
        warnings: tuple[str, ...] = (
            (REMOVABLE_MESSAGE.format(path=path),) if _removable(path) else ()
        )
        try:
            if writing:
                path.parent.mkdir(parents=True, exist_ok=True)
            lock = WriterLock.acquire(path, wait) if writing else None
        except OSError as exc:
            raise UserError(f"Không mở được «{path}»: {explain(exc, path)}.") from exc
        try:
            if kind is db.FileKind.OURS:
                from desktop.infra.file_health import check_at_open

                warnings += check_at_open(path, lock, (clock or _local_now)().astimezone())
            database, upgrade = _connect(path, writing)
        except BaseException:
            if lock:
                lock.release(clean=False)
            raise
        ws = cls(
            database,
            path,
            actor or login_name(),
            clock,
            read_only_reason=None if writing else (reason or "mở ở chế độ chỉ xem"),
            lock=lock,
            warnings=warnings,
            restored_guards=tuple(upgrade.restored_guards),
        )
        if writing and kind is db.FileKind.OURS and _cut_off_packages(database):
            ws.warnings += tuple(ws.packages.settle())
        if (
            writing
            and kind is db.FileKind.OURS
            and daily_backup
            and (problem := ws.backups.daily_problem())
        ):
            ws.warnings += (problem,)
        return ws

    @classmethod
    def create(
        cls,
        path: str | Path,
        name: str,
        level: str,
        agency_code: str = "",
        parent_name: str = "",
        **options,
    ) -> Workspace:
        """A new database for an office at `path`, which must not exist yet."""
        return cls.new(path, lambda ws: ws.office.save(name, level, agency_code, parent_name),
                       **options)  # fmt: skip

    @classmethod
    def new(cls, path: str | Path, fill: Callable[[Workspace], object], **options) -> Workspace:
        """A new database at `path`, which must not exist yet, filled by `fill(ws)`; if
        that fails, no file is left behind."""
        path = _checked(path)
        if path.exists():
            raise UserError(f"Đã có tệp «{path}»; hãy chọn tên khác để không ghi đè.")
        ws = cls.open(path, create=True, **options)
        try:
            fill(ws)
        except BaseException:
            ws.close()
            for leftover in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
                leftover.unlink(missing_ok=True)
            raise
        return ws

    def reader(self) -> Workspace:
        """A second, read-only view of the same file for work off the UI thread: its own
        connection (a WAL reader sees committed data and never blocks the writer), no
        writer lock, and the audit chain as this workspace verified it. Close it after."""
        return Workspace(
            db.open_database(self.path, read_only=True),
            self.path,
            self.actor,
            self._clock,
            read_only_reason="bản đọc để tính số liệu",
            warnings=self.warnings,
            history=self.history if self.history_checked else True,
        )

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True
        self.db.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def history(self) -> db.ChainReport | None:
        """The audit chain as verified, the first time it is asked for. That reads the
        whole log, which grows with every change (about 10 ms a thousand entries), so the
        window asks for it off the UI thread, after it has shown (ui/main_window.py)."""
        if isinstance(self._history, _Unchecked):
            self.refresh_history()
        assert not isinstance(self._history, _Unchecked)
        return self._history

    @history.setter
    def history(self, report: db.ChainReport | None) -> None:
        self._history = report

    @property
    def history_checked(self) -> bool:
        return self._history is not _UNCHECKED

    def refresh_history(self) -> None:
        """Check the audit chain again (after a restore, or to show it in a report)."""
        self._history = db.verify_chain(self.db) if "audit_seals" in self.db.table_names() else None

    def require_writable(self, operation: str) -> None:
        if self.read_only_reason:
            raise UserError(f"Không thực hiện được «{operation}»: {self.read_only_reason}.")

    @contextmanager
    def change(self, operation: str) -> Iterator[None]:
        """One all-or-nothing change; a database failure becomes a UserError, nothing written."""
        self.require_writable(operation)
        self._depth += 1
        try:
            with db.audited_change(self.db, operation, self.actor, self.timestamp()) as sealed:
                yield
            if self._depth == 1:  # committed
                self._commits += 1
                self._touched |= sealed.tables
        except db.DatabaseError as exc:
            raise UserError(
                f"Không lưu được thay đổi «{operation}»: {explain(exc, self.path)}. "
                "Dữ liệu chưa bị thay đổi."
            ) from exc
        finally:
            self._depth -= 1

    def take_changes(self) -> OpChanges:
        """What was written since the last call (through this workspace)."""
        changes, self._touched = OpChanges(frozenset(self._touched)), set()
        return changes

    def contents_replaced(self) -> None:
        """Everything changed at once, outside change() (a restore)."""
        self._commits += 1
        self._touched |= set(db.AUDITED_TABLES)
        self.refresh_history()

    def data_version(self) -> tuple[int, int] | None:
        """A mark that moves whenever the data may have: a commit here or by any other
        connection (SQLite's data_version). None inside a change, where it moves unseen:
        nothing read there is worth keeping."""
        if self._depth:
            return None
        return self._commits, self.db.execute("PRAGMA data_version").fetchone()[0]

    def relabel(self, operation: str) -> None:
        """Name the change in progress once what it touches has been read (a change made
        inside another one keeps the outer name)."""
        if self._depth == 1:
            db.relabel(self.db, operation)

    def now(self) -> datetime:
        return self._clock()

    def timestamp(self) -> str:
        return self.now().astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")

    def today(self) -> date:
        """Today in Việt Nam, whatever time zone the machine is set to."""
        return self.now().astimezone(VIETNAM_TZ).date()


def _cut_off_packages(database: db.Database) -> bool:
    """Whether a package was cut off between its record and its file (a cheap look)."""
    return (
        database.execute("SELECT 1 FROM packages WHERE staged_as != '' LIMIT 1").fetchone()
        is not None
    )


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _checked(path: str | Path) -> Path:
    try:
        path = Path(path).expanduser()
        if path.is_symlink() and not path.exists():
            raise UserError(f"«{path}» là lối tắt trỏ tới một tệp không còn tồn tại.")
        if path.is_dir():
            raise UserError(f"«{path}» là một thư mục, không phải tệp cơ sở dữ liệu.")
    except OSError as exc:  # e.g. a name longer than the file system allows
        raise UserError(f"Không dùng được đường dẫn «{path}»: {explain(exc)}.") from exc
    return path


def _identify(path: Path) -> db.FileKind:
    try:
        kind = db.identify(path)
    except (OSError, db.DatabaseError) as exc:
        raise UserError(f"Không đọc được «{path}»: {explain(exc, path)}.") from exc
    if kind is db.FileKind.NOT_SQLITE:
        raise UserError(
            f"«{path}» không phải cơ sở dữ liệu của Sổ Kế hoạch (tệp không phải SQLite); "
            "tệp được để nguyên."
        )
    if kind is db.FileKind.FOREIGN:
        raise UserError(
            f"«{path}» là cơ sở dữ liệu của một chương trình khác, không phải của Sổ Kế hoạch; "
            "tệp được để nguyên, không thay đổi gì."
        )
    return kind


def _why_not_writable(path: Path, kind: db.FileKind) -> str | None:
    if location_of(path) is Location.NETWORK:
        return NETWORK_MESSAGE.format(path=path)
    folder = (
        path.parent
        if path.parent.exists()
        else next((p for p in path.parents if p.exists()), path.parent)
    )
    if not os.access(folder, os.W_OK) or (
        kind is not db.FileKind.MISSING and not os.access(path, os.W_OK)
    ):
        return (
            f"tệp «{path}» hoặc thư mục chứa nó chỉ cho phép đọc (ổ chỉ đọc hoặc không có "
            "quyền ghi); chỉ xem được, không ghi được thay đổi"
        )
    return None


def _removable(path: Path) -> bool:
    with suppress(OSError):
        return location_of(path) is Location.REMOVABLE
    return False


def _connect(path: Path, writing: bool) -> tuple[db.Database, db.Upgrade]:
    """Open and (when writing) upgrade, taking a backup before an upgrade."""
    try:
        database = db.open_database(path, read_only=not writing)
    except (db.DatabaseError, OSError) as exc:
        raise _unopened(path, exc) from exc
    try:
        if writing:
            from desktop.infra import backups

            return database, db.migrate(database, before=backups.before_upgrade(database, path))
        if db.pending(database):
            raise UserError(
                f"«{path}» được tạo bởi phiên bản cũ hơn và cần nâng cấp; hãy mở nó bằng "
                "giao diện hoặc lệnh init (bản sao lưu được tạo trước khi nâng cấp)."
            )
        return database, db.Upgrade([], [])
    except db.SchemaTooNew as exc:
        database.close()
        raise UserError(
            f"«{path}» được tạo bởi phiên bản Sổ Kế hoạch mới hơn "
            f"(thay đổi cấu trúc: {exc}). Hãy cập nhật phần mềm trước khi mở tệp này."
        ) from exc
    except (db.DatabaseError, OSError) as exc:
        database.close()
        raise _unopened(path, exc) from exc
    except BaseException:
        database.close()
        raise


def _unopened(path: Path, exc: Exception) -> UserError:
    """Why the file could not be opened: damage said as such, with the last good backup."""
    if isinstance(exc, db.DatabaseError):
        from desktop.infra.file_health import examine_damage

        if damage := examine_damage(path):
            return damage
    return UserError(f"Không mở được «{path}»: {explain(exc, path)}.")
