"""What each command of `python -m desktop` does, once desktop/cli.py has read its line.

Imported only after the command line is understood and found not to be `gui`, so the
window can appear before the core is loaded (see desktop/cli.py)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from desktop.cli import EXIT_ERROR, EXIT_OK, error
from desktop.demo import build_demo
from desktop.domain.periods import PeriodId, PeriodKind
from desktop.domain.plan_calendar import KIND_WORDS, parse_day_spec
from desktop.errors import InvalidInput, UserError
from desktop.infra.paths import default_db_path
from desktop.reports.history_warning import history_warning
from desktop.vietnamese.numbers import format_number
from desktop.workspace import Workspace

WRITER_WAIT = 10.0  # seconds a write command waits for another writer to finish


class OutputFailed(Exception):
    """Standard output could not be written (a full disk, a closed pipe)."""


def _emit(text: str) -> None:
    try:
        print(text, flush=True)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFailed(exc) from exc


def _secret(variable: str) -> bytes:
    value = os.environ.get(variable)
    if not value:
        raise InvalidInput(f"Biến môi trường {variable} chưa có mật khẩu.")
    return value.encode("utf-8")


def _init(ws: Workspace, args: argparse.Namespace) -> int:
    if args.name is not None:  # an empty name is refused, not ignored
        ws.office.save(args.name, args.level, args.agency_code, args.parent)
    office = ws.office.get()
    where = f" cho {office.committee}" if office else ""
    _emit(f"Đã sẵn sàng cơ sở dữ liệu{where}: {ws.path}")
    return EXIT_OK


def _demo(ws: Workspace, args: argparse.Namespace) -> int:
    plan = build_demo(ws, args.which)
    _emit(f"Đã nạp dữ liệu mẫu: {plan.title} vào {ws.path}")
    return EXIT_OK


def _status(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.reports.status import build_status, render_text

    plan = ws.plans.resolve(args.plan)
    if args.period is not None:  # an empty period is refused, not ignored
        period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    else:
        period = ws.periods.suggested(plan)
    report = build_status(ws, plan, period)
    if args.json:
        _emit(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _emit(render_text(report))
    return EXIT_OK


def _schedule(ws: Workspace, args: argparse.Namespace) -> int:
    plan = ws.plans.resolve(args.plan)
    if args.due and not args.require:
        raise InvalidInput("--due chỉ dùng cùng --require LOẠI.")
    if args.require:
        kind = _kind(args.require)
        if not args.due:
            raise InvalidInput(f"Cần hạn gửi báo cáo: --require {args.require} --due NGÀY.")
        closes = _closes(args.close, kind)
        due = parse_day_spec(args.due, kind, "Hạn gửi báo cáo")
        ws.schedule.require(plan.id, kind, due, closes.get(kind))
    elif args.from_text:
        ws.schedule.require_from_text(plan.id, args.from_text, _closes(args.close, None))
    elif args.drop:
        ws.schedule.drop(plan.id, _kind(args.drop))
    elif args.close:
        raise InvalidInput("--close chỉ dùng cùng --require hoặc --from-text.")
    from desktop.reports.schedule_report import schedule_report

    report = schedule_report(ws, plan)
    if args.json:
        _emit(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _emit(report.render())
    return EXIT_OK


def _changes_schedule(args: argparse.Namespace) -> bool:
    return bool(args.require or args.from_text or args.drop or args.due or args.close)


def _kind(word: str) -> PeriodKind:
    try:
        return KIND_WORDS[word.strip().lower()]
    except KeyError:
        raise InvalidInput(
            f"Loại báo cáo «{word}» không hợp lệ; dùng một trong: {', '.join(KIND_WORDS)}."
        ) from None


def _closes(values: list[str], kind: PeriodKind | None) -> dict[PeriodKind, tuple[int, int]]:
    """--close NGÀY (for the --require kind) or LOẠI:NGÀY, each once."""
    closes: dict[PeriodKind, tuple[int, int]] = {}
    for value in values:
        word, _, day = value.rpartition(":")
        which = _kind(word) if word else kind
        if which is None:
            raise InvalidInput(f"--close «{value}»: ghi kèm loại báo cáo, ví dụ nam:14/11.")
        closes[which] = parse_day_spec(day, which, "Ngày chốt số liệu")
    return closes


def _backup(ws: Workspace, args: argparse.Namespace) -> int:
    made = ws.backups.backup(args.out)
    chain = made.check.chain
    sealed = f"; nhật ký thay đổi: {chain.seals} lần niêm phong, khớp" if chain else ""
    _emit(
        f"Đã sao lưu vào {made.path} ({format_number(made.size)} byte; "
        f"kiểm tra toàn vẹn: đạt{sealed})."
    )
    return EXIT_OK


def _restore(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.infra import backups

    backups.check_restorable(args.source)
    question = (
        f"Khôi phục sẽ thay toàn bộ dữ liệu trong {ws.path} bằng bản sao lưu {args.source}; "
        "bản hiện tại được giữ lại trong thư mục sao_luu. Tiếp tục? [c/K] "
    )
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput("Khôi phục thay toàn bộ dữ liệu: hãy xác nhận bằng --yes.")
        if input(question).strip().lower() not in ("c", "có", "co", "y"):
            _emit("Đã hủy, dữ liệu không thay đổi.")
            return EXIT_OK
    kept = ws.backups.restore(args.source)
    _emit(f"Đã khôi phục từ {args.source}. Dữ liệu trước khi khôi phục được giữ ở {kept}.")
    return EXIT_OK


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop import importing

    understood = importing.understand(
        ws,
        args.file,
        number=args.number,
        issued_on=args.issued_on,
        issuer=args.issuer,
        header_row=args.header_row,
    )
    if not understood.errors and not args.dry_run:
        importing.write(ws, understood)
    if args.json:
        _emit(json.dumps(understood.to_json(), ensure_ascii=False, indent=2))
    else:
        _emit(importing.describe(understood, dry_run=args.dry_run))
    return EXIT_ERROR if understood.errors else EXIT_OK


def _report(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.documents import saving
    from desktop.submission.document import submission

    plan = ws.plans.resolve(args.plan)
    period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    if args.for_signing:
        from desktop.infra.atomic_files import write_file
        from desktop.submission.external import export_for_signing

        if args.out.suffix.lower() != ".pdf":
            raise InvalidInput("PDF để ký phải là tệp .pdf.")
        saved = write_file(args.out, export_for_signing(ws, plan, period))
        _emit(f"Đã xuất PDF báo cáo {period.label} để ký: {saved}")
        _emit("Ký tệp này bằng phần mềm ký số, không sửa nội dung, rồi dùng package --signed-pdf.")
        return EXIT_OK
    saved = saving.save(submission(ws, plan, period).document, args.out)
    _emit(f"Đã lập báo cáo {period.label}: {saved}")
    return EXIT_OK


def _annex(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.documents import saving

    plan = ws.plans.resolve(args.plan)
    saved = saving.save_annexes(ws, plan, args.out, args.unit)
    _emit(f"Đã lập danh mục nhiệm vụ giao {len(saved) // 2} cơ quan, đơn vị ({plan.title}):")
    for path in saved:
        _emit(f"  {path}")
    return EXIT_OK


_SETTING_FLAGS = {
    "signer_name": "signer_name",
    "signer_title": "signer_title",
    "addressee": "addressee",
    "place": "place",
    "number": "number",
    "recipient": "recipients",
}


def _settings(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.services.document_settings import LABELS

    changes = {name: getattr(args, flag) for flag, name in _SETTING_FLAGS.items()}
    changes = {name: value for name, value in changes.items() if value is not None}
    if args.leave_blank is not None:
        changes["leave_blank"] = args.leave_blank == "co"
    current = ws.document_settings.save(**changes) if changes else ws.document_settings.get()
    for path in args.trust_root or ():
        ws.trust.add(path)
    for kind in ("signature", "seal"):
        image = getattr(args, f"{kind}_image")
        if image is not None:
            ws.stamp_images.set(kind, None if image == "xoa" else Path(image))
    for name, label in LABELS.items():
        value = getattr(current, name)
        if isinstance(value, bool):
            value = "có" if value else "không"
        elif isinstance(value, tuple):
            value = " | ".join(value) or "(mặc định: - Như trên;)"
        _emit(f"{label}: {value or '(chưa đặt)'}")
    for kind, label in (("signature", "Ảnh chữ ký"), ("seal", "Ảnh con dấu")):
        _emit(f"{label}: {'có' if ws.stamp_images.get(kind) else '(không dùng)'}")
    roots = ws.trust.list()
    _emit(f"Chứng thư gốc tin cậy: {len(roots) or '(chưa nhập)'}")
    for root in roots:
        _emit(f"  {root.subject} (hết hạn {root.not_after}, SHA-256 {root.fingerprint[:16]}…)")
    return EXIT_OK


def _changes_settings(args: argparse.Namespace) -> bool:
    return (
        args.leave_blank is not None
        or bool(args.trust_root)
        or args.signature_image is not None
        or args.seal_image is not None
        or any(getattr(args, flag) is not None for flag in _SETTING_FLAGS)
    )


def _trial_ca(args: argparse.Namespace) -> int:
    from desktop.signing.trial_ca import make_trial_ca

    made = make_trial_ca(args.out, args.name, _secret(args.passphrase_env), datetime.now(UTC))
    _emit(f"Đã tạo CA THỬ NGHIỆM: {made.root}\nChứng thư người ký (THỬ NGHIỆM): {made.signer}")
    return EXIT_OK


def _package(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.signing.sources import Pkcs12File
    from desktop.signing.token import Pkcs11Token
    from desktop.submission.build import make_package

    plan = ws.plans.resolve(args.plan)
    period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    signed_pdf = None
    if args.signed_pdf is not None:
        try:
            signed_pdf = args.signed_pdf.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"Không đọc được «{args.signed_pdf}»: {exc.strerror}.") from exc
    if args.p12 is not None:
        if not args.passphrase_env:
            raise InvalidInput("Tệp .p12 cần mật khẩu: --passphrase-env BIẾN.")
        made = make_package(
            ws, plan, period, Pkcs12File(args.p12, _secret(args.passphrase_env)), args.out,
            reason=args.reason, signed_pdf=signed_pdf,
        )  # fmt: skip
    else:
        library = args.pkcs11_lib or ws.document_settings.pkcs11_library()
        if library is None:
            from desktop.signing.pkcs11_paths import find_pkcs11_library

            library = find_pkcs11_library()
        pin = _secret(args.pin_env).decode("utf-8")
        with Pkcs11Token(library, pin, ws.now(), token_label=args.token_label) as token:
            made = make_package(
                ws, plan, period, token, args.out, reason=args.reason, signed_pdf=signed_pdf
            )
        if args.pkcs11_lib:
            ws.document_settings.remember_pkcs11_library(args.pkcs11_lib)
    if args.json:
        result = {
            "file": str(made.path),
            "sha256": made.sha256,
            "sequence": made.sequence,
            "trial": made.trial,
            "certificate": {
                "subject": made.certificate.subject,
                "issuer": made.certificate.issuer,
                "not_before": made.certificate.not_before.isoformat(),
                "not_after": made.certificate.not_after.isoformat(),
            },
        }
        _emit(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _emit(made.certificate.describe())
        _emit(f"Đã lập gói báo cáo {period.label} lần {made.sequence}: {made.path}")
        _emit(f"SHA-256: {made.sha256}")
    return EXIT_OK


def _deliver(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.delivery import send

    if args.usb is not None:
        sent = send.to_usb(ws, args.package, args.usb)
        _emit(f"Đã chép và đọc lại đúng gói trên USB: {sent.file}\nSHA-256: {sent.sha256}")
        return EXIT_OK
    if not args.to:
        raise InvalidInput("Soạn thư cần địa chỉ người nhận: --to ĐỊA_CHỈ.")
    sent = send.by_email(ws, args.package, args.to, args.eml)
    _emit(f"Đã soạn thư nháp: {sent.file} (mở bằng Outlook/Thunderbird rồi bấm Gửi)")
    return EXIT_OK


def _outbox(ws: Workspace, args: argparse.Namespace) -> int:
    entries = ws.outbox.entries()
    if args.json:
        result = [
            {
                "uid": e.package.uid,
                "period": e.package.period_id,
                "sequence": e.package.sequence,
                "file": e.package.file_name,
                "sha256": e.package.sha256,
                "created_at": e.package.created_at,
                "trial": e.package.trial,
                "deliveries": [d.__dict__ for d in e.deliveries],
            }
            for e in entries
        ]
        _emit(json.dumps(result, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        _emit("Chưa lập gói nào.")
    for entry in entries:
        _emit(f"{entry.label}: {entry.package.file_name} (lập {entry.package.created_at})")
        for d in entry.deliveries:
            way = "USB" if d.kind == "usb" else "thư"
            _emit(f"  đã gửi qua {way} {d.destination} lúc {d.delivered_at}")
        if not entry.deliveries:
            _emit("  chưa gửi")
    return EXIT_OK


def _roster(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.roster import read_roster

    if args.file is None and not args.period:
        raise InvalidInput("Cần tệp danh sách đơn vị, hoặc --period KỲ --due NGÀY.")
    if args.file is not None:
        count = ws.receiving.set_roster(read_roster(args.file))
        _emit(f"Đã cập nhật danh sách: {count} đơn vị; tổng cộng {len(ws.receiving.roster())}.")
    if args.period:
        if not args.due:
            raise InvalidInput("Kỳ phải báo cáo cần hạn nộp: --due dd/mm/yyyy.")
        period = PeriodId.parse(args.period)
        from desktop.services.base import to_date

        due = to_date(args.due, "Hạn nộp")
        ws.receiving.expect(str(period), due)
        _emit(f"Kỳ phải báo cáo: {period.label}, hạn nộp {due:%d/%m/%Y}.")
    return EXIT_OK


def _receive(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.receive import QUARANTINED, receive, tally
    from desktop.package.verify import load_roots

    roots = load_roots(args.trust) + ws.trust.certificates()

    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\rĐã xử lý {done}/{total}", end="", file=sys.stderr, flush=True)

    returns = [p for p in args.paths if p.suffix.lower() == ".p7m"]
    if returns:  # an office's app receiving its report back for correction
        from desktop.consolidation.returns import accept_return

        for path in returns:
            _emit(accept_return(ws, path.read_bytes(), roots))
        if len(returns) == len(args.paths):
            return EXIT_OK
    outcomes = receive(ws, [p for p in args.paths if p not in returns], roots, progress)
    if args.json:
        _emit(json.dumps([o.__dict__ for o in outcomes], ensure_ascii=False, indent=2))
    else:
        for outcome in outcomes:
            _emit(f"[{outcome.status}] {outcome.file}: {outcome.detail}")
        _emit(f"Tổng: {tally(outcomes)}")
    return EXIT_ERROR if any(o.status == QUARANTINED for o in outcomes) else EXIT_OK


def _matrix(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.matrix import LABELS, matrix, tally

    period = PeriodId.parse(args.period)
    rows = matrix(ws, str(period))
    if args.json:
        _emit(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        extra = f" lần {row.sequence}" if row.sequence else ""
        late = f", trễ {row.days_late} ngày" if row.days_late else ""
        _emit(f"{row.office.title}: {LABELS[row.standing]}{extra}{late}")
    counts = [f"{LABELS[s]} {n}" for s, n in tally(rows).items() if n]
    _emit(f"{period.label}: " + ", ".join(counts))
    return EXIT_OK


def _return(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.returns import return_for_correction
    from desktop.signing.sources import Pkcs12File

    office = ws.receiving.lookup(args.office)
    source = Pkcs12File(args.p12, _secret(args.passphrase_env))
    path = return_for_correction(
        ws, office, str(PeriodId.parse(args.period)), args.reason, source, args.out
    )
    _emit(f"Đã lập văn bản trả lại cho {office.title}: {path} (gửi kèm như gói báo cáo)")
    return EXIT_OK


def _consolidate(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.report import consolidated
    from desktop.documents import saving

    period = PeriodId.parse(args.period)
    saved = saving.save(consolidated(ws, str(period)), args.out)
    _emit(f"Đã lập báo cáo tổng hợp {period.label}: {saved}")
    return EXIT_OK


def _reopen(ws: Workspace, args: argparse.Namespace) -> int:
    plan = ws.plans.resolve(args.plan)
    period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    ws.locks.reopen(plan.id, period, args.reason)
    _emit(f"Đã mở lại kỳ {period.label} ({plan.title}). Gói gửi sau sẽ là lần tiếp theo.")
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from desktop.package.verify import load_roots, verify_file

    try:
        roots = load_roots(args.trust)
    except ValueError as exc:
        raise InvalidInput(f"Không đọc được chứng thư gốc: {exc}") from exc
    database = args.db or default_db_path()
    if Path(database).exists():  # and those imported in settings
        try:
            with Workspace.open(database, read_only=True, wait=0.0) as ws:
                roots += ws.trust.certificates()
        except UserError as exc:
            error(f"không dùng được chứng thư gốc đã nhập: {exc}", prefix="Cảnh báo: ")
    verdict = verify_file(args.package, roots)
    if args.json:
        _emit(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
    else:
        _emit(verdict.render())
    return EXIT_OK if verdict.accepted else EXIT_ERROR


def _selftest(args: argparse.Namespace) -> int:
    from desktop.selftest import run

    return run(_emit)


_COMMANDS: dict[str, tuple[Callable[[Workspace, argparse.Namespace], int], str]] = {
    "init": (_init, "create"),
    "demo": (_demo, "create"),
    "status": (_status, "read"),
    "schedule": (_schedule, "read"),
    "backup": (_backup, "read"),
    "restore": (_restore, "write"),
    "import": (_import, "create"),
    "report": (_report, "read"),
    "annex": (_annex, "read"),
    "settings": (_settings, "read"),
    "package": (_package, "write"),
    "reopen": (_reopen, "write"),
    "deliver": (_deliver, "write"),
    "outbox": (_outbox, "read"),
    "roster": (_roster, "create"),
    "receive": (_receive, "create"),
    "matrix": (_matrix, "read"),
    "consolidate": (_consolidate, "read"),
    "return": (_return, "write"),
}
# Commands that need no database: the upper level verifies, a trainer makes a CA.
_STANDALONE: dict[str, Callable[[argparse.Namespace], int]] = {
    "verify": _verify,
    "trial-ca": _trial_ca,
    "selftest": _selftest,  # its own database in a temporary folder
}


def run(command: str, args: argparse.Namespace, db_path: Path) -> int:
    """Run one command; a command that needs the database opens it as it says."""
    if command in _STANDALONE:
        return _STANDALONE[command](args)
    run_command, mode = _COMMANDS[command]
    if command == "schedule" and _changes_schedule(args):
        mode = "write"
    if command == "import" and args.dry_run:
        mode = "read"
    if command == "settings" and _changes_settings(args):
        mode = "write"
    if command == "report" and args.for_signing:
        mode = "write"  # the export is remembered
    with Workspace.open(
        db_path,
        create=mode == "create",
        read_only=mode == "read",
        wait=0.0 if mode == "read" else WRITER_WAIT,
    ) as ws:
        code = run_command(ws, args)
        warning = history_warning(ws)
        if warning and command != "status":  # the status report says it itself
            error(warning, prefix="Cảnh báo: ")
        return code
