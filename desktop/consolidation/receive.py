"""Receiving packages: each file verified (the same verifier the offices' packages are
checked with), matched to the roster, kept beside the database and recorded; or put in
quarantine with the reason. The same package twice is a no-op; one bad file never stops
the batch; a folder is walked whole (a USB stick's tree)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.atomic_files import write_file
from desktop.errors import UserError
from desktop.package import asice
from desktop.package.build import DATA_JSON
from desktop.package.verify import Verdict, verify
from desktop.services.receiving import Received
from desktop.text import fold
from desktop.workspace import Workspace

RECEIVED, DUPLICATE, QUARANTINED = "đã nhận", "đã có", "không nhận"


@dataclass(frozen=True)
class Outcome:
    file: str
    status: str  # RECEIVED, DUPLICATE or QUARANTINED
    detail: str


def package_files(paths: Iterable[Path]) -> list[Path]:
    """The .asice files named, and those anywhere under the folders named."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() == ".asice")
        else:
            found.append(path)
    return found


def store_folder(ws: Workspace) -> Path:
    """Where received packages are kept: a folder beside the database."""
    return ws.path.parent / f"{ws.path.stem}_goi_da_nhan"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _claimed_sender(ws: Workspace, data: bytes):
    """The roster office a refused package says it is from, when it can be read at all
    (the matrix then shows that office's report as invalid rather than missing)."""
    try:
        office = json.loads(asice.open_container(data).files[DATA_JSON])["office"]
        return ws.receiving.find(office["level"], office["name"], office["agency_code"])
    except (asice.ContainerError, KeyError, ValueError, TypeError):
        return None


def receive_file(ws: Workspace, path: Path, roots) -> Outcome:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Outcome(name, QUARANTINED, f"không đọc được tệp: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    if ws.receiving.known(digest):
        return Outcome(name, DUPLICATE, "gói này đã nhận trước đây")
    verdict = verify(data, roots, Verdict(name))
    if not verdict.accepted:
        failed = "; ".join(f"{c.name}: {c.detail}" for c in verdict.checks if not c.passed)
        sender = _claimed_sender(ws, data)
        ws.receiving.quarantine(
            name, digest, failed, roster_id=sender.id if sender else None,
            period_id=verdict.period or "",
        )  # fmt: skip
        return Outcome(name, QUARANTINED, failed)
    content = json.loads(asice.open_container(data).files[DATA_JSON])
    office, period, package = content["office"], content["period"], content["package"]
    found = ws.receiving.find(office["level"], office["name"], office["agency_code"])
    if found is None:
        reason = f"{office['committee']} không có trong danh sách đơn vị báo cáo"
        ws.receiving.quarantine(name, digest, reason, period_id=period["id"])
        return Outcome(name, QUARANTINED, reason)
    kept = store_folder(ws) / _slug(found.title) / name
    kept.parent.mkdir(parents=True, exist_ok=True)
    write_file(kept, data)
    received = Received(
        roster_id=found.id,
        package_uid=package["uid"],
        sha256=digest,
        plan_number=content["plan"]["number"],
        period_id=period["id"],
        sequence=package["sequence"],
        due_on=period["due_on"],
        submitted_at=content["submitted_at"],
        trial=package["trial"],
        signer=verdict.signer,
        file=str(kept.relative_to(ws.path.parent)),
    )
    label = f"{period['label']} lần {package['sequence']}"
    ws.receiving.store(received, json.dumps(content["summary"]), f"Nhận gói {found.title} {label}")
    trial = " (THỬ NGHIỆM)" if package["trial"] else ""
    return Outcome(name, RECEIVED, f"{found.heading}, {label}{trial}")


def receive(
    ws: Workspace, paths: Iterable[Path], roots, progress: Callable[[int, int], None] | None = None
) -> list[Outcome]:
    files = package_files(paths)
    outcomes = []
    for index, path in enumerate(files, start=1):
        try:
            outcomes.append(receive_file(ws, path, roots))
        except UserError as exc:  # a full disk, a locked database: said, the batch goes on
            outcomes.append(Outcome(path.name, QUARANTINED, str(exc)))
        if progress is not None:
            progress(index, len(files))
    return outcomes
