"""The figures of the period the window shows: counted, then handed to every view that
shows them (Tổng quan, Nhiệm vụ, Chỉ tiêu, the lock line), recording held back meanwhile.

A plan of ordinary size is counted inline; a big one off the UI thread on the database's
read-only connection (the `Reader`, also used to make documents, verify the audit chain
and take the day's backup), so the window stays usable; only the last period asked for
is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThreadPool

from desktop.domain.model import Plan
from desktop.domain.periods import Period
from desktop.reports.attention import Attention, attention
from desktop.reports.status import StatusReport, build_status
from desktop.workspace import Workspace
from ui import ops

# A period counted: its report, and what needs attention (when asked for).
Counted = tuple[StatusReport, Attention | None]

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# A plan this size is counted in about a tenth of a second: inline. Bigger ones are
# counted off the UI thread (a 5,000-task plan takes about 0.3 s).
INLINE_TASKS = 1500


class Reader:
    """The read-only connection to the database shown (one per database, opened on first
    use) and the one thread it is used on. Once closed, what was still being worked on is
    waited for and its result dropped: the views it was for may be gone."""

    def __init__(self) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)  # one job at a time on the read-only connection
        self.workspace: Workspace | None = None
        self.session = 0  # one more at each close: a job's result is for its session

    def open(self, ws: Workspace) -> Workspace:
        if self.workspace is not None and self.workspace.path != ws.path:
            self.close()  # another database's
        if self.workspace is None:
            self.workspace = ws.reader()
        return self.workspace

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """`work()` on the reader's thread, then `on_done(result)` on the UI thread
        unless the reader was closed meanwhile."""
        session = self.session

        def done(result: Any) -> None:
            if session == self.session:
                on_done(result)

        ops.compute(self.pool, work, done)

    def close(self) -> None:
        self.session += 1
        self.pool.waitForDone()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None


class PeriodCounter:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ticket = 0  # the last count asked for: earlier ones are dropped

    def count(self, *, attention_too: bool = False, inline: bool = False) -> Period:
        """Count the selected period and show it (a big plan off the UI thread); the
        period counted."""
        window = self.window
        period = window.selected_period()
        window.picker.show_dates(period)
        plan = window.plan
        assert plan is not None  # a period is picked and counted only with a plan shown
        self.ticket += 1  # whatever was being counted before is not wanted any more
        ticket = self.ticket

        def count(source: Workspace) -> Counted:
            report = build_status(source, plan, period)
            return report, attention(source, plan) if attention_too else None

        if inline or window.task_count <= INLINE_TASKS:
            self.set_counting(False)
            self.show(count(window.ws))
            return period
        self.set_counting(True)
        reader = window.reader.open(window.ws)

        def done(counted: Counted) -> None:
            if ticket == self.ticket:
                self.set_counting(False)
                self.show(counted)

        window.reader.run(lambda: count(reader), done)
        return period

    def show(self, counted: Counted) -> None:
        window = self.window
        report, needs = counted
        window.report = report
        window.picker.show_dates(report.period, report.required)
        window.overview.show_report(report)
        for lazy in window.report_tabs():
            if lazy.built:
                lazy.page.show_report(report)
        self.show_lock(report.plan, report.period)
        if needs is not None:
            window.overview.show_attention(needs)
        self.count_forms(report.plan, report.period)

    def count_forms(self, plan: Plan, period: Period) -> None:
        """Which units returned their progress form, read off the UI thread after the
        figures are shown (reading the forms' module costs half a second once)."""
        window, ticket = self.window, self.ticket
        reader = window.reader.open(window.ws)

        def work():
            from desktop.unit_forms.take import forms_returned

            return forms_returned(reader, plan.id, period)

        def done(forms) -> None:
            if ticket == self.ticket:  # still the period shown (the overview may be new)
                window.overview.show_forms(forms)

        window.reader.run(work, done)

    def show_lock(self, plan: Plan, period: Period) -> None:
        """A period sent up is locked: said above every tab, recording held back."""
        window = self.window
        lock = window.ws.locks.active(plan.id, period.key)
        window.locked = lock is not None
        if lock is not None:
            sent = len(window.ws.packages.sent(plan.id, period.key))
            window.lock_line.setText(
                f"ĐÃ KHÓA — kỳ {period.label} đã gửi lên cấp trên "
                f"(gói lần {sent} «{lock.package_file}»). "
                "Số liệu của kỳ chỉ xem, không sửa; muốn sửa, dùng Văn bản → Mở lại kỳ…"
            )
        window.lock_line.setVisible(lock is not None)
        self.set_counting(window.counting)

    def set_counting(self, counting: bool) -> None:
        """While a period is being counted, what the window shows is the previous one:
        recording is held back until the new figures are in."""
        window = self.window
        window.counting = counting
        writable = window.recording_allowed()
        for action in (window.progress_action, window.indicator_action):
            action.setEnabled(writable and not counting)
        for lazy in window.report_tabs():
            if lazy.built:
                lazy.page.set_recording(writable)
        if counting:
            window.statusBar().showMessage("Đang tính số liệu của kỳ báo cáo…")
        else:
            window.statusBar().showMessage(f"Cơ sở dữ liệu: {window.ws.path}")
