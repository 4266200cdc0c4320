"""One service per noun; the Workspace owns an instance of each."""

from desktop.services.attachments import AttachmentService
from desktop.services.audit import AuditService
from desktop.services.budget import BudgetService
from desktop.services.document_settings import DocumentSettingsService
from desktop.services.indicators import IndicatorService
from desktop.services.locks import LockService
from desktop.services.office import OfficeService
from desktop.services.outbox import OutboxService
from desktop.services.packages import PackageService
from desktop.services.periods import PeriodService
from desktop.services.plans import PlanService
from desktop.services.progress import ProgressService
from desktop.services.receiving import ReceivingService
from desktop.services.schedule import ScheduleService
from desktop.services.tasks import TaskService
from desktop.services.trust import TrustService
from desktop.services.units import UnitService

__all__ = [
    "AttachmentService",
    "AuditService",
    "BudgetService",
    "DocumentSettingsService",
    "IndicatorService",
    "LockService",
    "OfficeService",
    "OutboxService",
    "PackageService",
    "PeriodService",
    "PlanService",
    "ProgressService",
    "ReceivingService",
    "ScheduleService",
    "TaskService",
    "TrustService",
    "UnitService",
]
