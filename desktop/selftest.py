"""`python -m desktop selftest`: the whole chain, end to end, on this machine.

The first thing to run on a clerk's PC when something is wrong. In a temporary folder
(never the clerk's own database) it creates a database, loads the demo, records a
report, writes the PDF and XLSX, checks the fonts went into the PDF, signs a package
with a trial CA, verifies it and checks the database file. Only what the installed
app ships with is used (no repository paths, no external tools such as poppler), so
the bundled executable runs the same test.

Each step is a small function; a step that needs an earlier one's result asks for it
with `Context.result`, and is reported as skipped («bỏ qua») when that step failed.
"""

from __future__ import annotations

import platform
import secrets
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook
from pyhanko.pdf_utils.reader import PdfFileReader

import db
import resources
from desktop import __version__
from desktop.consolidation.receive import DUPLICATE, PACKAGES_PER_WORKER, RECEIVED, receive
from desktop.consolidation.roster import RosterEntry
from desktop.demo import build_demo
from desktop.documents import saving
from desktop.documents.fonts import FILES
from desktop.domain.periods import PeriodId
from desktop.errors import UserError
from desktop.package.layout import REPORT_PDF
from desktop.package.verify import load_roots, verify_file
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.submission.build import make_package
from desktop.submission.document import submission
from desktop.vietnamese.numbers import format_number
from desktop.workspace import Workspace

Clock = Callable[[], datetime]
# The demo's progress reports are for 2025: its report has content, and the period is
# long closed whatever the date on the machine is now.
DEMO_PERIOD = "2025"
SIGNER = "Nguyễn Văn Tự Kiểm"
EXIT_OK, EXIT_FAILED = 0, 1


class StepFailed(Exception):
    """A step found something wrong; the message (Vietnamese) says what."""


class _Skipped(Exception):
    """A step needs the result of an earlier step that did not pass."""


@dataclass
class Context:
    folder: Path
    clock: Clock
    results: dict[Callable, object] = field(default_factory=dict)
    causes: dict[Callable, Callable] = field(default_factory=dict)  # step -> failed step
    ws: Workspace | None = None  # closed by the integrity step, or at the end

    def result(self, step: Callable):
        """What `step` returned; if it failed or was skipped, skip the caller too,
        naming the step that failed."""
        if step not in self.results:
            raise _Skipped(self.causes.get(step, step))
        return self.results[step]


# --- the steps, in order; each returns what later steps need --------------------------


def create_database(ctx: Context):
    ctx.ws = Workspace.open(
        ctx.folder / "tu_kiem_tra.db", actor="Tự kiểm tra", clock=ctx.clock, create=True
    )
    return ctx.ws


def load_demo(ctx: Context):
    ws = ctx.result(create_database)
    plan = build_demo(ws)
    # The report cannot be made without a signer's name (the CLI's `settings`).
    ws.document_settings.save(signer_name=SIGNER)
    return plan, ws.periods.get(PeriodId.parse(DEMO_PERIOD), plan.id)


def record_progress(ctx: Context):
    ws = ctx.result(create_database)
    plan, period = ctx.result(load_demo)
    task = next((i.task for i in ws.progress.overview(plan.id, period) if not i.reported), None)
    if task is None:
        raise StepFailed(f"dữ liệu mẫu không còn nhiệm vụ nào chưa báo cáo {period.label}")
    wrote = ws.progress.record(task.id, period.id, "dang_thuc_hien", 50, result="Ghi thử.")
    read = ws.progress.get(task.id, period.id, wrote.occurrence)
    if read is None or read.percent != 50:
        raise StepFailed(f"đọc lại báo cáo nhiệm vụ {task.code} không đúng điều vừa ghi")


def write_documents(ctx: Context):
    ws = ctx.result(create_database)
    plan, period = ctx.result(load_demo)
    # Said plainly here rather than as reportlab's error when it cannot open one.
    for name in FILES.values():
        if not resources.path(f"fonts/{name}").is_file():
            raise StepFailed(f"bộ cài thiếu tệp phông «{name}» (cài lại phần mềm)")
    document = submission(ws, plan, period).document
    return tuple(saving.save(document, ctx.folder / f"bao_cao{s}") for s in (".pdf", ".xlsx"))


def check_documents(ctx: Context):
    pdf_path, xlsx_path = ctx.result(write_documents)
    if problem := font_problem(pdf_path.read_bytes()):
        raise StepFailed(problem)
    try:
        workbook = load_workbook(xlsx_path)
    except Exception as exc:  # openpyxl raises many kinds; all mean "unreadable"
        raise StepFailed(f"không mở lại được tệp XLSX: {exc}") from exc
    filled = any(sheet.max_row and sheet.max_row > 1 for sheet in workbook.worksheets)
    workbook.close()
    if not filled:
        raise StepFailed("tệp XLSX không có bảng phụ lục nào")


def sign_package(ctx: Context):
    ws = ctx.result(create_database)
    plan, period = ctx.result(load_demo)
    passphrase = secrets.token_hex(8).encode()
    ca = make_trial_ca(ctx.folder / "ca", SIGNER, passphrase, ctx.clock())
    source = Pkcs12File(ca.signer, passphrase)
    return ca, make_package(ws, plan, period, source, ctx.folder / "goi")


def verify_package(ctx: Context):
    ca, package = ctx.result(sign_package)
    verdict = verify_file(package.path, load_roots([ca.root]))
    if not verdict.accepted:
        failed = [f"{c.name}: {c.detail}" for c in verdict.checks if not c.passed]
        raise StepFailed("gói không hợp lệ — " + "; ".join(failed or ["không kiểm tra được"]))
    # The signed PDF adds the visible stamp, drawn with the bundled font too.
    with zipfile.ZipFile(package.path) as archive:
        if problem := font_problem(archive.read(REPORT_PDF)):
            raise StepFailed(f"báo cáo trong gói: {problem}")


def receive_in_workers(ctx: Context):
    """The level above's receiving, its checks in worker processes: the bundle runs its
    own executable as each worker, which only works if it was built to (Windows)."""
    ca, package = ctx.result(sign_package)
    office = ctx.result(create_database).office.get()
    inbox = ctx.folder / "hop_thu"
    inbox.mkdir()
    workers = 2
    copies = PACKAGES_PER_WORKER * workers  # enough for the work to go to the workers
    signed = package.path.read_bytes()
    for number in range(copies):
        (inbox / f"{number:02}_{package.path.name}").write_bytes(signed)
    with Workspace.open(ctx.folder / "cap_tren.db", clock=ctx.clock, create=True) as above:
        above.office.save("Tự Kiểm", "tinh")
        above.receiving.set_roster([RosterEntry(office.name, office.level)])
        outcomes = receive(above, [inbox], load_roots([ca.root]), workers=workers)
    statuses = sorted(o.status for o in outcomes)
    if statuses != sorted([RECEIVED] + [DUPLICATE] * (copies - 1)):
        said = "; ".join(f"{o.file}: {o.status} ({o.detail})" for o in outcomes)
        raise StepFailed(f"nhận {copies} bản của gói không như mong đợi — {said or 'không có'}")


def check_database(ctx: Context):
    ws = ctx.result(create_database)
    ws.close()  # check the file as it stays on disk, as a backup is checked
    check = db.check_copy(ws.path)
    if check.integrity != "ok":
        raise StepFailed(f"SQLite báo tệp hỏng: {check.integrity}")
    if check.chain is not None and not check.chain.intact:
        raise StepFailed("nhật ký thay đổi không khớp với các lần niêm phong")


STEPS: list[tuple[str, Callable[[Context], object]]] = [
    ("Tạo cơ sở dữ liệu mới", create_database),
    ("Nạp dữ liệu mẫu", load_demo),
    (f"Ghi báo cáo tiến độ năm {DEMO_PERIOD}", record_progress),
    ("Lập báo cáo kỳ (PDF, XLSX)", write_documents),
    ("Kiểm tra phông nhúng trong PDF, mở lại XLSX", check_documents),
    ("Tạo CA thử nghiệm, ký gói báo cáo", sign_package),
    ("Kiểm tra gói đã ký", verify_package),
    ("Nhận gói ở cấp trên, kiểm tra song song", receive_in_workers),
    ("Kiểm tra toàn vẹn cơ sở dữ liệu", check_database),
]


def font_problem(pdf: bytes) -> str | None:
    """Why the PDF would not print the same on another machine, or None: every font
    must be the bundled Liberation Serif with its program embedded (FontFile2). Read
    with pyHanko's parser, so no poppler (`pdffonts`) is needed on the clerk's PC."""
    seen: dict[str, bool] = {}  # font name -> embedded

    def entry(dictionary, key):  # pyHanko's .get() would not follow a reference
        return dictionary[key] if key in dictionary else None  # noqa: SIM401

    def pages(node):
        if entry(node, "/Type") == "/Pages":
            for kid in node["/Kids"]:
                yield from pages(kid.get_object())
        else:
            yield node

    def collect(found) -> None:  # a resource dictionary
        for font in (entry(found, "/Font") or {}).values():
            font = font.get_object()
            # A composite (Type0) font keeps its descriptor in its descendant.
            inner = entry(font, "/DescendantFonts")
            descriptor = entry(inner[0].get_object() if inner else font, "/FontDescriptor")
            name = str(entry(font, "/BaseFont") or "?").lstrip("/")
            embedded = descriptor is not None and "/FontFile2" in descriptor
            seen[name] = seen.get(name, True) and embedded
        for form in (entry(found, "/XObject") or {}).values():  # forms draw text too
            if (inside := entry(form.get_object(), "/Resources")) is not None:
                collect(inside)

    for page in pages(PdfFileReader(BytesIO(pdf)).root["/Pages"]):
        if (found := entry(page, "/Resources")) is not None:
            collect(found)
        for annotation in entry(page, "/Annots") or ():  # the signature's visible stamp
            looks = entry(annotation.get_object(), "/AP")
            stamp = entry(looks, "/N") if looks is not None else None
            if stamp is not None and (found := entry(stamp, "/Resources")) is not None:
                collect(found)
    if not seen:
        return "PDF không có phông chữ nào"
    for name, embedded in sorted(seen.items()):
        family = name.split("+", 1)[-1]  # 'AAAAAA+LiberationSerif-Bold': a subset
        if not embedded:
            return f"phông «{family}» không được nhúng trong PDF (máy khác sẽ in sai chữ)"
        if not family.startswith("LiberationSerif"):
            return f"phông «{family}» không phải phông Liberation Serif kèm phần mềm"
    return None


def _header() -> list[str]:
    memory = db.open_database(":memory:")  # the SQLite the app runs with, not the system's
    try:
        sqlite = memory.execute("select sqlite_version()").fetchone()[0]
    finally:
        memory.close()
    return [
        f"Sổ Kế hoạch {__version__} — tự kiểm tra (trong thư mục tạm, không đụng dữ liệu)",
        f"Python {platform.python_version()}, SQLite {sqlite}, {platform.platform()}",
    ]


def _reason(exc: Exception) -> str:
    if isinstance(exc, StepFailed | UserError):  # already said in Vietnamese
        return str(exc).rstrip(".")
    return f"lỗi không lường trước ({type(exc).__name__}: {exc})"


def run(out: Callable[[str], object] = print, clock: Clock | None = None) -> int:
    """Run every step, printing one line each; 0 when all pass, else 1."""
    clock = clock or (lambda: datetime.now(UTC))
    width = max(len(label) for label, _ in STEPS) + 3
    labels = {step: label for label, step in STEPS}
    for line in _header():
        out(line)
    passed = failed = 0
    started = time.perf_counter()
    try:
        folder = tempfile.TemporaryDirectory(prefix="so_ke_hoach_", ignore_cleanup_errors=True)
    except OSError as exc:  # a full disk, no usable TEMP: worth saying, not a traceback
        out(f"  ✗ Không tạo được thư mục tạm: {exc.strerror or exc}")
        return EXIT_FAILED
    with folder as tmp:
        ctx = Context(Path(tmp), clock)
        try:
            for label, step in STEPS:
                began = time.perf_counter()
                try:
                    ctx.results[step] = step(ctx)
                except _Skipped as skipping:
                    ctx.causes[step] = cause = skipping.args[0]
                    out(f"  – {label}: bỏ qua vì bước «{labels[cause]}» lỗi")
                    continue
                except Exception as exc:  # any failure is a finding, not a crash
                    failed += 1
                    out(f"  ✗ {label}: {_reason(exc)}")
                    continue
                ms = format_number(round((time.perf_counter() - began) * 1000))
                out(f"  ✓ {label} {'.' * (width - len(label))} {ms:>5} ms")
                passed += 1
        finally:
            if ctx.ws is not None and not ctx.ws.closed:
                ctx.ws.close()  # before the folder goes (Windows keeps open files)
    total = format_number(round((time.perf_counter() - started) * 1000))
    if failed or passed < len(STEPS):
        skipped = len(STEPS) - passed - failed
        extra = f", {skipped} bước bỏ qua" if skipped else ""
        out(f"Tự kiểm tra: có {failed} bước lỗi{extra} ({passed}/{len(STEPS)} đạt; {total} ms)")
        return EXIT_FAILED
    out(f"Tự kiểm tra: {passed}/{len(STEPS)} bước đạt ({total} ms)")
    return EXIT_OK
