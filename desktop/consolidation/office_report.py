"""One office's report as received, read back from the packages kept: for a read-only
look before accepting it or returning it for correction, with what a resubmission
changed against the lần before, its evidence files, and who signed it and what was
checked when it came."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from desktop.consolidation.differences import differences
from desktop.consolidation.store import size_text, stored_data
from desktop.errors import NotFound
from desktop.package.layout import EVIDENCE_FOLDER
from desktop.package.verify import REVOCATION, Check
from desktop.services.receiving import Latest, Received
from desktop.signing.trial_ca import TRIAL_MARK
from desktop.vietnamese.dates import local_time
from desktop.vietnamese.text import printable
from desktop.workspace import Workspace

NOT_KEPT = "không ghi lại (gói nhận trước khi ứng dụng lưu kết quả kiểm tra lúc nhận)"


def office_latest(ws: Workspace, roster_id: int, period_id: str) -> Latest:
    found = ws.receiving.latest(period_id).get(roster_id)
    if found is None:
        raise NotFound("Đơn vị này chưa gửi gói nào cho kỳ này.")
    return found


def office_report(ws: Workspace, roster_id: int, period_id: str) -> tuple[Latest, dict]:
    """(the latest lần as recorded, its du_lieu.json) of the office for the period."""
    found = office_latest(ws, roster_id, period_id)
    return found, stored_data(ws, found.received)


def since_previous(ws: Workspace, found: Latest) -> list[str] | None:
    """What the latest lần changed against the one before it (None: only one lần)."""
    if not found.earlier:
        return None
    return differences(stored_data(ws, found.earlier[-1]), stored_data(ws, found.received))


@dataclass(frozen=True)
class EvidenceFile:
    """An evidence file a package lists for one of its tasks."""

    task: str  # the task's code
    name: str  # its name in the package, 'minh_chung/…'
    size: int  # bytes, as listed

    @property
    def shown(self) -> str:
        return printable(self.name.removeprefix(EVIDENCE_FOLDER))

    @property
    def size_shown(self) -> str:
        return size_text(self.size)


def evidence_files(content: dict) -> list[EvidenceFile]:
    """The evidence files a package's data lists, task by task."""
    return [
        EvidenceFile(printable(task["code"]), file["file"], file["bytes"])
        for task in content["tasks"]
        for file in task["evidence"]
    ]


def checks_on_receipt(received: Received) -> list[Check]:
    """The verifier's checks as they were said when the package came (none recorded
    for a package received before they were kept)."""
    return [Check(**check) for check in json.loads(received.checks or "[]")]


def signature_facts(
    ws: Workspace, received: Received, far_from_claim: bool
) -> list[tuple[str, str]]:
    """(what, said) of the package's signature: who signed it with which certificate,
    the time it claims beside the time it came (`far_from_claim`: the tracking's
    'xa lúc nhận'), whether revocation was checked, and the outcome on receipt."""
    facts = _signer_facts(ws, received)
    arrived = local_time(received.received_at)
    if far_from_claim:
        arrived += (
            " — xa lúc gói ghi ký: thời điểm ký là lời của người ký, hạn nộp tính theo lúc nhận"
        )
    facts += [("Gói ghi ký lúc", local_time(received.submitted_at)), ("Nhận lúc", arrived)]
    checks = checks_on_receipt(received)
    revocation = next((c.detail for c in checks if c.name == REVOCATION), NOT_KEPT)
    facts.append(("Thu hồi chứng thư", revocation))
    facts.append(("Kết quả kiểm tra lúc nhận", _outcome(checks)))
    return facts


def _signer_facts(ws: Workspace, received: Received) -> list[tuple[str, str]]:
    signer = ws.receiving.signer(received.signer_id) if received.signer_id else None
    trial = [("Chứng thư", f"{TRIAL_MARK}: chứng thư tập huấn, không có giá trị pháp lý")]
    if signer is None:  # received before signers were recorded
        return [("Người ký", f"{received.signer} (chứng thư không được ghi lại lúc nhận)")]
    pinned = any(s.sha256 == signer.sha256 for s in ws.receiving.signers(received.roster_id))
    return [
        ("Người ký", signer.subject),
        ("Cơ quan (trong chứng thư)", signer.organisation or "(chứng thư không ghi)"),
        ("Cấp bởi", signer.issuer),
        ("Số sê-ri", signer.serial),
        ("Hiệu lực", f"từ {_day(signer.not_before)} đến {_day(signer.not_after)}"),
        ("Dấu vân tay SHA-256", fingerprint_text(signer.sha256)),
        ("Ghi nhận cho đơn vị", "có: chứng thư ký các gói của đơn vị" if pinned
         else "không: chứng thư này không còn được ghi nhận cho đơn vị"),
    ] + (trial if received.trial else [])  # fmt: skip


def _outcome(checks: list[Check]) -> str:
    if not checks:
        return NOT_KEPT + "; gói chỉ được nhận khi đạt mọi bước kiểm tra"
    passed = sum(c.passed for c in checks)
    whole = passed == len(checks)
    return f"đạt {passed}/{len(checks)} bước kiểm tra" + (
        ": gói nguyên vẹn, chữ ký hợp lệ và tin cậy" if whole else ""
    )


def fingerprint_text(sha256: str) -> str:
    """'35B2 59C6 …': a fingerprint in groups of four, to read out over the telephone."""
    return " ".join(sha256[i : i + 4] for i in range(0, len(sha256), 4)).upper()


def _day(iso: str) -> str:
    return f"{date.fromisoformat(iso[:10]):%d/%m/%Y}"
