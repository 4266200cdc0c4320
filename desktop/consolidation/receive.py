"""Receiving packages: each file verified (the same verifier the offices' packages are
checked with), matched to the roster, kept beside the database and recorded; or put in
quarantine with the reason. The same package twice is a no-op; one bad file never stops
the batch; a folder is walked whole (a USB stick's tree)."""

from __future__ import annotations

import errno
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from asn1crypto import x509 as asn1_x509

from desktop.consolidation.store import store_folder
from desktop.errors import UserError
from desktop.infra.atomic_files import copy_checked
from desktop.infra.untrusted_files import Unreadable, sha256_of
from desktop.package import asice
from desktop.package.layout import DATA_JSON
from desktop.package.verify import Check, Revocations, Verdict, open_package, verify
from desktop.services.receiving import Received, RosterIndex, RosterOffice, Signer
from desktop.vietnamese.text import fold, printable, slug
from desktop.workspace import Workspace

RECEIVED, DUPLICATE, QUARANTINED = "đã nhận", "đã có", "không nhận"
HELD = "chờ xác nhận"  # kept, not counted: signed by a certificate new for its office
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    file: str
    status: str  # RECEIVED, DUPLICATE or QUARANTINED
    detail: str


def tally(outcomes: list[Outcome]) -> str:
    """'3 đã nhận, 1 không nhận': the batch in a line, in the order the statuses came."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in counts.items()) or "không có gói"


def package_files(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """The .asice files named, and those anywhere under the folders named; and an
    outcome for each folder that could not be read (a stick pulled while it is walked,
    a folder one may not open), said rather than raised."""
    found: list[Path] = []
    unread: list[Outcome] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        within: list[Path] = []
        failed: list[OSError] = []
        for folder, _, names in os.walk(path, onerror=failed.append):
            files = (Path(folder, name) for name in names)
            within += [file for file in files if file.suffix.lower() == ".asice"]
        found += sorted(within)
        for exc in failed:
            where = printable(str(exc.filename or path))
            said = f"không đọc được thư mục: {_read_problem(exc, 'thư mục')}"
            unread.append(Outcome(where, QUARANTINED, said))
    return found, unread


def _read_problem(exc: OSError, what: str = "tệp") -> str:
    """Why a file (or a folder: `what`) of the batch could not be read, in words, the
    system's own in brackets as problems.explain says them."""
    said = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError):
        return f"không thấy {what} (đã bị xóa, đổi tên, hay ổ USB đã bị rút ra?) ({said})"
    if isinstance(exc, PermissionError):
        return f"không có quyền đọc {what} ({said})"
    if exc.errno == errno.EIO:
        return f"lỗi đọc ổ đĩa (ổ USB bị rút ra hoặc hỏng?) ({said})"
    return f"không đọc được {what} ({said})"


def _slug(text: str) -> str:
    return slug(text) or "x"


@dataclass(frozen=True)
class Examined:
    """What a package file is, found without the database (so it can run in another
    process): its digest, the verifier's verdict, and its data when it could be read."""

    path: Path
    digest: str = ""
    problem: str = ""  # a refusal reason; empty when accepted
    period: str = ""
    signer: str = ""
    content: dict | None = None  # du_lieu.json, when readable (accepted or not)
    signer_info: Signer | None = None
    unread: bool = False  # gone, or a read failed (a stick pulled): nothing to record
    checks: tuple[Check, ...] = ()  # the verifier's, each as it was said


def examine(
    path: Path, roots_der: list[bytes], received_at: datetime, checks: tuple[list[bytes], bool]
) -> Examined:
    """Read and verify one file taken in at `received_at`, with the revocation lists and
    whether they are required (`checks`); never raises (a broken file is a reason, not a
    crash)."""
    try:
        return _examine(path, roots_der, received_at, Revocations.load(*checks))
    except OSError as exc:  # the file went, or its stick, while it was read
        return Examined(path, problem=_read_problem(exc), unread=True)
    except Exception as exc:  # a case no check foresaw: said, and the batch goes on
        log.exception("Kiểm tra gói %s", path)
        return Examined(path, problem=f"không kiểm tra được gói (lỗi không lường trước: {exc})")


def _examine(
    path: Path, roots_der: list[bytes], received_at: datetime, revocations: Revocations
) -> Examined:
    try:
        package = open_package(path)
    except Unreadable as exc:
        if isinstance(exc.__cause__, OSError):  # not there, or not readable
            return Examined(path, problem=_read_problem(exc.__cause__), unread=True)
        return Examined(path, problem=str(exc))  # what it is: too big, not a file
    with package:  # read a part at a time: a package may hold 200 MB of evidence
        return _examined(path, package, roots_der, received_at, revocations)


def _examined(
    path: Path, package: BinaryIO, roots_der: list[bytes], received_at, revocations
) -> Examined:
    digest = sha256_of(package)
    roots = [asn1_x509.Certificate.load(der) for der in roots_der]
    verdict = verify(package, roots, Verdict(printable(path.name)), received_at, revocations)
    problem = (
        ""
        if verdict.accepted
        else "; ".join(f"{c.name}: {c.detail}" for c in verdict.checks if not c.passed)
    )
    content = verdict.data
    if content is None:  # refused before its data was read: who does it claim to be?
        try:
            content = json.loads(asice.open_container(package).read(DATA_JSON) or b"")
        except (asice.ContainerError, ValueError, TypeError, RecursionError):
            content = None
    return Examined(
        path, digest, problem, verdict.period or "", verdict.signer, _needed(content),
        verdict.signer_info, checks=tuple(verdict.checks),
    )  # fmt: skip


def _needed(content: Any) -> dict | None:
    """The parts of du_lieu.json recording needs: a worker sends back little."""
    try:
        return {
            "office": content["office"],
            "period": content["period"],
            "package": content["package"],
            "plan": {"number": content["plan"]["number"]},
            "submitted_at": content["submitted_at"],
        }
    except (KeyError, TypeError):
        return None


def _refused(
    ws: Workspace, name: str, found: Examined, reason: str, sender=None, period: str = ""
) -> Outcome:
    """Quarantine a file with its reason: one row however often the same file comes."""
    reason = printable(reason)
    first = ws.receiving.quarantine(
        name, found.digest, reason, roster_id=sender.id if sender else None, period_id=period
    )
    return Outcome(name, QUARANTINED, reason if first else f"{reason} (đã từ chối trước đây)")


def kept_path(ws: Workspace, sender_title: str, name: str, digest: str) -> Path:
    """Where a package is kept: named by its content as well as the name it came under,
    so no two packages share a file (a package sent under the name of another, or lần 2
    under lần 1's name, never replaces what was received), and short enough for any disk."""
    stem = slug(Path(name).stem)[:80] or "goi"
    return store_folder(ws) / _slug(sender_title)[:80] / f"{stem}_{digest[:16]}.asice"


def _keep(kept: Path, source: Path, digest: str) -> bool | None:
    """Copy the package where it is kept, never over another file: True when written
    now, False when a copy left by a crash before it was recorded is there already,
    None when the file no longer has the digest it was checked with."""
    if kept.exists():
        with kept.open("rb") as there:
            if sha256_of(there) == digest:
                return False
        raise UserError(
            f"Trong thư mục gói đã nhận đã có «{kept.name}» với nội dung khác: không ghi đè. "
            "Hãy kiểm tra thư mục gói đã nhận."
        )
    kept.parent.mkdir(parents=True, exist_ok=True)
    try:  # read again rather than carried back from a worker, and checked as it is copied
        with open_package(source) as package:
            return True if copy_checked(kept, package, digest) else None
    except Unreadable:
        return None


def record(ws: Workspace, found: Examined, roster: RosterIndex | None = None) -> Outcome:
    """Keep and record an examined package, or quarantine it (one change each).
    `roster`: the roster's index, when a batch holds one."""
    name = printable(found.path.name)
    if found.unread:  # says nothing of the package: said, not recorded (try it again)
        return Outcome(name, QUARANTINED, found.problem)
    if ws.receiving.known(found.digest):
        return Outcome(name, DUPLICATE, "gói này đã nhận trước đây")
    if not found.digest:  # not read at all (a pipe, a device, too big)
        return _refused(ws, name, found, found.problem)
    content = found.content
    claimed = content["office"] if isinstance(content, dict) and "office" in content else None
    sender = None
    if claimed is not None:
        try:
            roster = roster or ws.receiving.index()
            sender = roster.find(claimed["level"], claimed["name"], claimed["agency_code"])
        except (KeyError, ValueError, TypeError, AttributeError):
            sender = None
    if found.problem:  # the office it claims is kept: the matrix shows it invalid
        return _refused(ws, name, found, found.problem, sender, found.period)
    assert content is not None and claimed is not None  # accepted: its data was read
    period, package = content["period"], content["package"]
    expected = ws.receiving.expected()
    if expected and period["id"] not in expected:
        reason = f"kỳ {period['label']} không có trong các kỳ phải báo cáo"
        return _refused(ws, name, found, reason, sender, period["id"])
    if sender is None:
        reason = f"{claimed['committee']} không có trong danh sách đơn vị báo cáo"
        return _refused(ws, name, found, reason, period=period["id"])
    if ws.receiving.uid_known(package["uid"]):
        reason = (
            "đã nhận một gói khác mang cùng mã gói: gói này không phải bản đã nhận (bị sửa "
            "rồi ký lại?); gói đã nhận được giữ nguyên"
        )
        return _refused(ws, name, found, reason, sender, period["id"])
    signer = found.signer_info
    pinned = {s.sha256 for s in ws.receiving.signers(sender.id)}
    held = bool(pinned) and signer is not None and signer.sha256 not in pinned
    plan_number, sequence = content["plan"]["number"], package["sequence"]
    # A second, different lần N from the office's own signer (remade after a crash, or
    # from an old backup) is refused; one from a new signer waits for the clerk anyway.
    if not held and ws.receiving.sequence_taken(sender.id, plan_number, period["id"], sequence):
        reason = (
            f"đã nhận lần {sequence} của kỳ này từ {sender.title} với một mã gói khác: mỗi "
            "lần chỉ có một gói (lập lại từ bản sao lưu cũ?); gói đã nhận được giữ nguyên, "
            "gửi thay đổi bằng lần sau"
        )
        return _refused(ws, name, found, reason, sender, period["id"])
    kept = kept_path(ws, sender.title, name, found.digest)
    written = _keep(kept, found.path, found.digest)
    if written is None:
        return _refused(
            ws, name, found, "tệp đã thay đổi trong lúc tiếp nhận", sender, period["id"]
        )
    received = Received(
        roster_id=sender.id,
        package_uid=package["uid"],
        sha256=found.digest,
        plan_number=plan_number,
        period_id=period["id"],
        sequence=sequence,
        due_on=period["due_on"],
        submitted_at=content["submitted_at"],
        trial=package["trial"],
        signer=found.signer,
        file=str(kept.relative_to(ws.path.parent)),
        received_at=ws.timestamp(),
        signer_id=signer.sha256 if signer else "",
        held=held,
        checks=json.dumps([c.__dict__ for c in found.checks], ensure_ascii=False),
    )
    label = f"{period['label']} lần {package['sequence']}"
    try:
        ws.receiving.store(received, f"Nhận gói {sender.title} {label}", signer)
    except BaseException:
        if written:  # nothing recorded: nothing left in the store either
            kept.unlink(missing_ok=True)
        raise
    about = _signer_words(signer, sender, package["trial"])
    if held:
        return Outcome(
            name, HELD, f"{sender.heading}, {label}: người ký mới — cần xác nhận ({about}); "
            "chưa tính vào tổng hợp",
        )  # fmt: skip
    trial = " (THỬ NGHIỆM)" if package["trial"] else ""
    first = f"; người ký được ghi nhận cho đơn vị: {about}" if not pinned and signer else ""
    return Outcome(name, RECEIVED, f"{sender.heading}, {label}{trial}{first}")


def _signer_words(signer: Signer | None, sender: RosterOffice, trial: bool) -> str:
    """The signer described, and a warning when its certificate names an organisation
    other than the office (a training certificate names the trial CA's: not said)."""
    if signer is None:
        return ""
    said = signer.describe()
    named = fold(signer.organisation)
    if named and not trial and fold(sender.name) not in named:
        said += (
            f"; CẢNH BÁO: chứng thư ghi tổ chức «{signer.organisation}», không phải {sender.title}"
        )
    return said


# Packages are examined in worker processes started afresh ("spawn") on every system:
# forking the window, whose threads may hold a lock at that moment, could deadlock the
# copy; and Linux then takes the path Windows must take, so the tests and the bundle's
# self-test here prove it. A worker costs a start (the verification modules imported
# again, about half a second): worth it from a few packages each.
PACKAGES_PER_WORKER = 4


def _end_with_parent() -> None:
    """In each worker, first: end when the process that started it ends. Killed (the
    task manager, kill -9), the parent asks nothing more, and a worker waiting for work
    would wait for good, holding the resource tracker alive with it (it ends when the
    last holder of its pipe does). The parent's sentinel becomes ready when the parent
    is gone, on every system (a pipe's end here, a process handle on Windows)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="cho-tien-trinh-cha", daemon=True).start()


def receive(
    ws: Workspace,
    paths: Iterable[Path],
    roots,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> list[Outcome]:
    """Examine the files (in `workers` processes; default: one per core when there are
    enough files), then record each in turn. A folder that cannot be read is an outcome
    of its own, before the files'."""
    files, unread = package_files(paths)
    roots_der = [root.dump() for root in roots]
    received_at = ws.now()  # the time that counts, not the one the package claims
    checks = (ws.trust.revocation_lists(), ws.trust.require_revocation())
    workers = workers or (os.cpu_count() or 1)
    outcomes = list(unread)
    total = len(unread) + len(files)
    roster = ws.receiving.index()  # the roster does not change during a batch

    def recorded(found: Examined) -> None:
        try:
            outcomes.append(record(ws, found, roster))
        except UserError as exc:  # a full disk, a locked database: said, the batch goes on
            outcomes.append(Outcome(printable(found.path.name), QUARANTINED, str(exc)))
        except Exception as exc:  # a case no check foresaw: logged, said, the batch goes on
            log.exception("Tiếp nhận gói %s", found.path)
            reason = f"không tiếp nhận được (lỗi không lường trước: {exc}); đã ghi nhật ký"
            outcomes.append(Outcome(printable(found.path.name), QUARANTINED, printable(reason)))
        if progress is not None:
            progress(len(outcomes), total)

    if workers > 1 and len(files) >= PACKAGES_PER_WORKER * workers:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=spawn, initializer=_end_with_parent
        ) as pool:
            chunk = max(1, min(16, len(files) // (4 * workers)))
            every = len(files)
            for found in pool.map(
                examine,
                files,
                [roots_der] * every,
                [received_at] * every,
                [checks] * every,
                chunksize=chunk,
            ):
                recorded(found)
    else:
        for path in files:
            recorded(examine(path, roots_der, received_at, checks))
    return outcomes
