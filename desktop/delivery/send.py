"""Sending a package made here: copied to a USB stick (read back) or attached to an
email draft, and recorded in the outbox in the same step. The window and the command
line both call these, so a delivery is recorded, and said, the same way whichever sent it.

Only a copy read back is known to have arrived. A draft is handed to the machine's mail
program when the caller can (`open_draft`, the window); whether the clerk then sends it
is not known here, and is not claimed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.delivery import email_draft, usb
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.infra.atomic_files import write_file
from desktop.services.outbox import Outcome
from desktop.services.packages import PackageRecord
from desktop.workspace import Workspace

USB, EMAIL = "usb", "eml"


@dataclass(frozen=True)
class Sent:
    """A delivery as the outbox records it."""

    package: PackageRecord
    way: str  # USB or EMAIL
    file: Path  # the copy on the stick, or the draft written
    destination: str  # the copy's path, or the addresses
    sha256: str  # of the package as delivered (on a stick: as read back from it)
    outcome: Outcome
    source: Path  # the package file delivered

    @property
    def said(self) -> str:
        """What happened, for the clerk: what was done, and what is left to do."""
        if self.outcome is Outcome.COPIED:
            return f"Đã chép và đọc lại đúng gói trên USB: {self.file}"
        if self.outcome is Outcome.OPENED:
            return (
                f"Đã mở thư nháp gửi {self.destination} bằng chương trình thư của máy: kiểm "
                "tra rồi bấm Gửi trong chương trình đó. Phần mềm không biết thư đã đi hay "
                "chưa; Hộp thư đi ghi «chưa biết đã gửi»."
            )
        webmail = (
            f"hãy gửi bằng thư điện tử trên trình duyệt (webmail) tới {self.destination} "
            "và đính kèm tệp này."
        )
        if self.outcome is Outcome.NOT_OPENED:
            return (
                "Không mở được chương trình thư trên máy này. Gói đã lưu ở "
                f"{self.source}; {webmail}"
            )
        return (
            f"Đã lưu thư nháp {self.file}: mở tệp này bằng chương trình thư (Outlook, "
            f"Thunderbird) rồi bấm Gửi. Không có chương trình thư thì gói ở {self.source}; "
            f"{webmail}"
        )


def made_here(ws: Workspace, package: Path) -> PackageRecord:
    """The outbox's record of this package file: only a package made here, intact, goes."""
    try:
        digest = hashlib.sha256(Path(package).read_bytes()).hexdigest()
    except OSError as exc:
        raise InvalidInput(f"Không đọc được gói «{package}»: {exc.strerror or exc}.") from exc
    return ws.outbox.package_for(digest)


def to_usb(ws: Workspace, package: Path, folder: Path) -> Sent:
    """Copy the package onto the stick at `folder`, read it back, record the delivery."""
    record = made_here(ws, package)
    copy, found = usb.copy_to(package, folder)
    ws.outbox.record(record.uid, USB, str(copy), found, Outcome.COPIED)
    return Sent(record, USB, copy, str(copy), found, Outcome.COPIED, Path(package))


def by_email(
    ws: Workspace,
    package: Path,
    to: str,
    draft: Path,
    open_draft: Callable[[Path], bool] | None = None,
) -> Sent:
    """Write an email draft to `to` carrying the package at `draft`, hand it to
    `open_draft` (the machine's mail program: True if one took it), and record the
    delivery as it went: opened, not opened, or only saved when nothing opens it."""
    record = made_here(ws, package)
    office = ws.office.get()
    content, attached = email_draft.draft(
        package, to, committee=office.committee if office else "UBND",
        report=f"báo cáo {PeriodId.parse(record.period_id).label}",
        sequence=record.sequence, when=ws.now(),
    )  # fmt: skip
    written = write_file(draft, content)
    if open_draft is None:
        outcome = Outcome.SAVED
    else:
        outcome = Outcome.OPENED if open_draft(written) else Outcome.NOT_OPENED
    addresses = to.strip()
    ws.outbox.record(record.uid, EMAIL, addresses, attached, outcome)
    return Sent(record, EMAIL, written, addresses, attached, outcome, Path(package))
