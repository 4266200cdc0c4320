"""Sending a package made here: copied to a USB stick (read back) or attached to an
email draft, and recorded in the outbox in the same step. The window and the command
line both call these, so a delivery is recorded the same way whichever sent it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from desktop.delivery import email_draft, usb
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.infra.atomic_files import write_file
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
    ws.outbox.record(record.uid, USB, str(copy), found)
    return Sent(record, USB, copy, str(copy), found)


def by_email(ws: Workspace, package: Path, to: str, draft: Path) -> Sent:
    """Write an email draft to `to` carrying the package at `draft`, record the delivery."""
    record = made_here(ws, package)
    office = ws.office.get()
    content, attached = email_draft.draft(
        package, to, committee=office.committee if office else "UBND",
        report=f"báo cáo {PeriodId.parse(record.period_id).label}",
        sequence=record.sequence, when=ws.now(),
    )  # fmt: skip
    written = write_file(draft, content)
    addresses = to.strip()
    ws.outbox.record(record.uid, EMAIL, addresses, attached)
    return Sent(record, EMAIL, written, addresses, attached)
