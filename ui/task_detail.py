"""The detail pane under the task table: the selected task in full, why it is in its
state, its reports across periods with their evidence, and who changed what.

It follows the selection after a short pause, so running down the table with the arrow
keys does not read each task's history on the way.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QTextBrowser

from desktop.domain.model import PROGRESS_LABELS, Attachment
from desktop.reports.task_detail import TaskDetail, task_detail
from desktop.services.progress import TaskOverview
from desktop.workspace import Workspace
from ui import evidence
from ui.style import STATE_COLOURS
from ui.task_table import state_lines

_PAUSE_MS = 120
_EMPTY = "<p style='color:#666'>Chọn một nhiệm vụ trong bảng để xem đầy đủ.</p>"


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def _files(files: tuple[Attachment, ...]) -> str:
    return ", ".join(
        f"<a href='minh-chung:{f.id}'>{escape(f.filename)}</a> ({f.size / 1024:.0f} KB)".replace(
            ".", ","
        )
        for f in files
    )


def _facts(detail: TaskDetail) -> str:
    task = detail.item.task
    rows = [
        ("Mục", f"{detail.section.code}. {detail.section.title}"),
        ("Cơ quan chủ trì", task.lead_names),
        ("Cơ quan phối hợp", task.coordinator_names or "(không có)"),
        ("Thời gian hoàn thành", f"{task.deadline.text or '(không ghi)'}"),
        ("Cách hiểu thời hạn", detail.item.reading),
        ("Kết quả, sản phẩm", task.expected_product or "(không ghi)"),
    ]
    if task.note:
        rows.append(("Ghi chú", task.note))
    cells = "".join(
        f"<tr><td style='color:#555; padding-right:12px'>{escape(k)}</td><td>{_text(v)}</td></tr>"
        for k, v in rows
    )
    files = f"<p>Tệp kèm theo nhiệm vụ: {_files(detail.files)}</p>" if detail.files else ""
    return f"<table cellspacing='2'>{cells}</table>{files}"


def _state(item: TaskOverview) -> str:
    colour = STATE_COLOURS[item.state]
    lines = "".join(f"<li>{escape(line)}</li>" for line in state_lines(item))
    return (
        f"<h3>Tình trạng kỳ này: <span style='background:{colour}'>"
        f"&nbsp;{escape(item.state_label)}&nbsp;</span></h3>"
        + (f"<ul>{lines}</ul>" if lines else "")
    )


def _reports(detail: TaskDetail) -> str:
    if not detail.reports:
        return "<h3>Báo cáo các kỳ</h3><p>Chưa có báo cáo tiến độ nào.</p>"
    head = "".join(
        f"<th align='left'>{h}</th>"
        for h in ("Kỳ", "Tình trạng", "Ngày xong", "Kết quả thực hiện", "Khó khăn, đề xuất")
    )
    rows = []
    for line in detail.reports:
        report = line.report
        problems = "<br>".join(_text(t) for t in (report.difficulties, report.proposals) if t)
        result = _text(report.result)
        if line.files:
            result += f"<br>Minh chứng: {_files(line.files)}"
        rows.append(
            f"<tr><td>{escape(line.period_title)}</td>"
            f"<td>{escape(PROGRESS_LABELS[report.status])} ({report.percent}%)</td>"
            f"<td>{f'{report.completed_on:%d/%m/%Y}' if report.completed_on else ''}</td>"
            f"<td>{result}</td><td>{problems}</td></tr>"
        )
    return (
        "<h3>Báo cáo các kỳ</h3><table border='1' cellspacing='0' cellpadding='3' "
        f"width='100%'><tr>{head}</tr>{''.join(rows)}</table>"
    )


def _changes(detail: TaskDetail) -> str:
    if not detail.changes:
        return "<h3>Lịch sử thay đổi</h3><p>Chưa có.</p>"
    parts = ["<h3>Lịch sử thay đổi</h3>"]
    for change in detail.changes:
        who = escape(change.actor)
        if change.outside:
            who = f"<span style='color:#b00020'>{who} (không qua Sổ Kế hoạch)</span>"
        lines = "".join(f"<li>{escape(line)}</li>" for line in change.lines)
        parts.append(
            f"<p style='margin-bottom:0'><b>{change.when}</b> — {who} — "
            f"{escape(change.operation)}</p><ul style='margin-top:0'>{lines}</ul>"
        )
    return "".join(parts)


def detail_html(detail: TaskDetail) -> str:
    task = detail.item.task
    return (
        f"<p style='font-size:12pt; font-weight:bold'>{escape(task.code)}. {escape(task.title)}</p>"
        + _facts(detail)
        + _state(detail.item)
        + _reports(detail)
        + _changes(detail)
    )


class TaskDetailPane(QTextBrowser):
    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.item: TaskOverview | None = None
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open)
        self.setHtml(_EMPTY)
        self._pending = QTimer(self, singleShot=True, interval=_PAUSE_MS)
        self._pending.timeout.connect(self._render)

    def show_task(self, item: TaskOverview | None) -> None:
        self.item = item
        self._pending.start()

    def _render(self) -> None:
        if self.ws.closed:  # another database was opened meanwhile
            return
        if self.item is None:
            self.setHtml(_EMPTY)
            return
        self.setHtml(detail_html(task_detail(self.ws, self.item)))

    def _open(self, url: QUrl) -> None:
        if url.scheme() == "minh-chung":
            evidence.open_attachment(self.ws, int(url.path()))
