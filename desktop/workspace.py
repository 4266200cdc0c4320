"""The façade over one database file: `Workspace.open(path)` then a service per noun."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import db
from desktop.errors import UserError
from desktop.services import (
    AttachmentService,
    AuditService,
    BudgetService,
    IndicatorService,
    OfficeService,
    PeriodService,
    PlanService,
    ProgressService,
    ScheduleService,
    TaskService,
    UnitService,
)

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")  # no daylight saving


class Workspace:
    """One open database and the services that read and change it.

    Every change goes through `change(operation)`: a single transaction whose
    audit entries carry the operation label and the actor.
    """

    def __init__(
        self,
        database: db.Database,
        path: Path,
        actor: str,
        clock: Callable[[], datetime] | None = None,
    ):
        self.db = database
        self.path = path
        self.actor = actor
        self._clock = clock or (lambda: datetime.now(UTC))
        self.office = OfficeService(self)
        self.units = UnitService(self)
        self.plans = PlanService(self)
        self.tasks = TaskService(self)
        self.indicators = IndicatorService(self)
        self.periods = PeriodService(self)
        self.schedule = ScheduleService(self)
        self.progress = ProgressService(self)
        self.budget = BudgetService(self)
        self.attachments = AttachmentService(self)
        self.audit = AuditService(self)

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        actor: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> Workspace:
        path = Path(path).expanduser()
        if path.is_dir():
            raise UserError(f"«{path}» là một thư mục, không phải tệp cơ sở dữ liệu.")
        try:
            database = db.open_database(path)
        except (db.DatabaseError, OSError) as exc:
            raise UserError(f"Không mở được «{path}»: {explain(exc)}.") from exc
        try:
            db.migrate(database)
        except db.SchemaTooNew as exc:
            database.close()
            raise UserError(
                f"«{path}» được tạo bởi phiên bản Sổ Kế hoạch mới hơn "
                f"(thay đổi cấu trúc: {exc}). Hãy cập nhật phần mềm trước khi mở tệp này."
            ) from exc
        except db.DatabaseError as exc:
            database.close()
            raise UserError(f"Không mở được «{path}»: {explain(exc)}.") from exc
        return cls(database, path, actor or _login_name(), clock)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def change(self, operation: str) -> Iterator[None]:
        """One all-or-nothing change; a database failure becomes a UserError, nothing written."""
        try:
            with db.audited_change(self.db, operation, self.actor):
                yield
        except db.DatabaseError as exc:
            raise UserError(
                f"Không lưu được thay đổi «{operation}»: {explain(exc)}. Dữ liệu chưa bị thay đổi."
            ) from exc

    def now(self) -> datetime:
        return self._clock()

    def timestamp(self) -> str:
        return self.now().astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")

    def today(self) -> date:
        """Today in Việt Nam, whatever time zone the machine is set to."""
        return self.now().astimezone(VIETNAM_TZ).date()


# What SQLite (or the OS) says, and what the clerk should read instead.
_PROBLEMS = (
    ("constraint", "dữ liệu vi phạm ràng buộc của cơ sở dữ liệu"),
    ("disk is full", "ổ đĩa đã đầy"),
    ("readonly", "tệp hoặc thư mục chỉ cho phép đọc"),
    ("read-only", "tệp hoặc thư mục chỉ cho phép đọc"),
    ("locked", "cơ sở dữ liệu đang bị chương trình khác ghi, hãy thử lại sau ít phút"),
    ("busy", "cơ sở dữ liệu đang bị chương trình khác ghi, hãy thử lại sau ít phút"),
    ("not a database", "tệp không phải cơ sở dữ liệu của Sổ Kế hoạch hoặc đã hỏng"),
    ("malformed", "tệp cơ sở dữ liệu đã hỏng"),
    ("disk i/o error", "lỗi đọc ghi ổ đĩa (ổ USB bị rút ra hoặc hỏng?)"),
    ("unable to open", "không mở được tệp: đường dẫn sai hoặc không có quyền"),
    ("permission denied", "không có quyền ghi vào thư mục này"),
)


def explain(exc: BaseException) -> str:
    text = str(exc).lower()
    for needle, reason in _PROBLEMS:
        if needle in text:
            return f"{reason} ({exc})"
    return f"lỗi cơ sở dữ liệu ({exc})"


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows service accounts
        return "không rõ"
