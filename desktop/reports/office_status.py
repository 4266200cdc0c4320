"""What `status` says of a database that keeps no plan (the level above, or an office
that has imported none yet): the office, what it has received, and whether the history
of its changes can be trusted, which matters there as much as anywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.reports.history_warning import history_warning
from desktop.reports.status import history_dict

if TYPE_CHECKING:
    from desktop.workspace import Workspace


def office_status(ws: Workspace) -> dict:
    ws.refresh_history()
    office = ws.office.get()
    roster, received, quarantined = ws.receiving.counts()
    return {
        "office": office.committee if office else None,
        "level": office.level.value if office else None,
        "plan": None,
        "roster_offices": roster,
        "received_packages": received,
        "quarantined_files": quarantined,
        "history": history_dict(ws.history, history_warning(ws)),
    }


def render_office_text(status: dict) -> str:
    history = status["history"]
    office = status["office"]
    lines = [f"CẢNH BÁO: {history['warning']}", ""] if history and history["warning"] else []
    lines.append(office or "Chưa có thông tin cơ quan.")
    lines.append("Cơ sở dữ liệu chưa có kế hoạch nào.")
    lines.append(
        f"Đơn vị báo cáo trong danh sách: {status['roster_offices']}; gói đã nhận: "
        f"{status['received_packages']}; tệp bị từ chối: {status['quarantined_files']}."
    )
    if history is None:
        lines.append("Nhật ký thay đổi: chưa có.")
    elif history["intact"]:
        lines.append(
            f"Nhật ký thay đổi: nguyên vẹn ({history['sealed_changes']} lần niêm phong, khớp)."
        )
    else:
        lines.append("Nhật ký thay đổi: KHÔNG nguyên vẹn (xem cảnh báo ở trên).")
    return "\n".join(lines)
