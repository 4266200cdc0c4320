"""The façade over one database file: `Workspace.open(path)` then a service per noun."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import db
from desktop.errors import UserError

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
        from desktop.services import (
            AttachmentService,
            AuditService,
            BudgetService,
            IndicatorService,
            OfficeService,
            PeriodService,
            PlanService,
            ProgressService,
            TaskService,
            UnitService,
        )

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
        except db.DatabaseError as exc:
            raise UserError(
                f"Không mở được «{path}»: tệp không phải cơ sở dữ liệu của Sổ Kế hoạch "
                f"hoặc đã hỏng ({exc})."
            ) from exc
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
            raise UserError(
                f"Không mở được «{path}»: tệp không phải cơ sở dữ liệu của Sổ Kế hoạch "
                f"hoặc đã hỏng ({exc})."
            ) from exc
        return cls(database, path, actor or _login_name(), clock)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def change(self, operation: str) -> Iterator[None]:
        """One all-or-nothing change; a constraint violation becomes a UserError."""
        try:
            with db.audited_change(self.db, operation, self.actor):
                yield
        except db.IntegrityError as exc:
            raise UserError(
                f"Không lưu được thay đổi «{operation}»: dữ liệu vi phạm ràng buộc ({exc})."
            ) from exc

    def now(self) -> datetime:
        return self._clock()

    def timestamp(self) -> str:
        return self.now().astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")

    def today(self) -> date:
        """Today in Việt Nam, whatever time zone the machine is set to."""
        return self.now().astimezone(VIETNAM_TZ).date()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows service accounts
        return "không rõ"
