"""Command line: `python -m desktop [--db PATH] {init,demo,status,schedule,gui}` (gui default)."""

from __future__ import annotations

import argparse
import errno
import importlib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from desktop import backups
from desktop.demo import DEFAULT_DEMO, DEMOS, build_demo
from desktop.errors import InvalidInput, UserError
from desktop.history import history_warning
from desktop.model import OfficeLevel
from desktop.numbers import format_number
from desktop.paths import DB_ENV_VAR, default_db_path
from desktop.periods import PeriodId, PeriodKind
from desktop.reports.schedule import schedule_report
from desktop.schedule import KIND_WORDS, parse_day_spec
from desktop.workspace import Workspace

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
WRITER_WAIT = 10.0  # seconds a write command waits for another writer to finish

# argparse's own messages are English; these cover the ones a clerk can trigger.
_USAGE_MESSAGES = (
    (re.compile(r"unrecognized arguments: (.*)"), "Tham số không nhận ra: {0}"),
    (
        re.compile(r"argument LỆNH: invalid choice: '?([^' ]*)'? \(choose from (.*)\)"),
        "Lệnh không hợp lệ: {0} (các lệnh: {1})",
    ),
    (
        re.compile(r"argument (\S+): invalid choice: '?([^' ]*)'?.*"),
        "Giá trị không hợp lệ cho {0}: {1}",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "Thiếu giá trị cho {0}"),
    (re.compile(r"the following arguments are required: (.*)"), "Thiếu tham số bắt buộc: {0}"),
)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # Subcommands pass prefix="" to build their prog name; keep that.
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=_Formatter, add_help=False, **kwargs)
        self._positionals.title = "lệnh"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def error(self, message: str) -> None:
        for pattern, text in _USAGE_MESSAGES:
            if match := pattern.fullmatch(message):
                message = text.format(*(g.replace("'", "") for g in match.groups()))
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m desktop",
        description="Sổ Kế hoạch — theo dõi kế hoạch, tiến độ nhiệm vụ và kinh phí "
        "của UBND cấp xã.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        metavar="TỆP",
        help=f"tệp cơ sở dữ liệu (mặc định: biến môi trường {DB_ENV_VAR} hoặc {default_db_path()})",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    init = commands.add_parser("init", help="tạo (hoặc nâng cấp) cơ sở dữ liệu")
    init.add_argument("--name", metavar="TÊN", help="tên xã/phường, ví dụ: Trần Liêu")
    init.add_argument(
        "--level",
        choices=[level.value for level in OfficeLevel],
        metavar="CẤP",
        default=OfficeLevel.XA.value,
        help="cấp hành chính: xa, phuong, dac_khu, huyen, tinh (mặc định: xa)",
    )
    init.add_argument(
        "--agency-code", default="", metavar="MÃ", help="mã định danh điện tử của cơ quan"
    )
    init.add_argument(
        "--parent",
        default="",
        metavar="TÊN",
        help="đơn vị hành chính cấp trên, ví dụ: tỉnh Nghệ An",
    )
    demo = commands.add_parser("demo", help="nạp dữ liệu mẫu vào cơ sở dữ liệu")
    demo.add_argument(
        "which",
        nargs="?",
        choices=list(DEMOS),
        default=DEFAULT_DEMO,
        metavar="MẪU",
        help="tran-lieu: Kế hoạch 79/KH-UBND phường Trần Liêu (mặc định); "
        "hung-nguyen: Kế hoạch 41/KH-UBND xã Hưng Nguyên, có dự toán kinh phí. "
        "Mỗi mẫu là một cơ quan, cần một cơ sở dữ liệu riêng",
    )
    status = commands.add_parser("status", help="tình hình thực hiện kế hoạch tại một kỳ báo cáo")
    status.add_argument(
        "--period",
        metavar="KỲ",
        help="mã kỳ: 2025-10, 2025-Q4, 2025-H1, 2025-9M, 2025 "
        "(mặc định: kỳ gần nhất đã có báo cáo tiến độ, nếu chưa có thì quý hiện tại)",
    )
    status.add_argument(
        "--plan",
        metavar="KẾ_HOẠCH",
        help="số ký hiệu hoặc mã kế hoạch (mặc định: kế hoạch mới nhất)",
    )
    status.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    _schedule_parser(commands)
    backup = commands.add_parser(
        "backup", help="sao lưu cơ sở dữ liệu ra một tệp (kiểm tra bản sao trước khi báo xong)"
    )
    backup.add_argument(
        "--out", required=True, type=Path, metavar="TỆP", help="tệp hoặc thư mục đích (ổ USB…)"
    )
    restore = commands.add_parser(
        "restore", help="thay toàn bộ dữ liệu bằng một bản sao lưu (giữ lại bản hiện tại)"
    )
    restore.add_argument("source", type=Path, metavar="TỆP", help="tệp sao lưu")
    restore.add_argument("--yes", action="store_true", help="không hỏi lại")
    _import_parser(commands)
    _document_parsers(commands)
    _package_parsers(commands)
    commands.add_parser(
        "selftest", help="tự kiểm tra phần mềm trên máy này, trong thư mục tạm (không đụng dữ liệu)"
    )
    commands.add_parser("gui", help="mở giao diện (mặc định)")
    return parser


def _document_parsers(commands) -> None:
    report = commands.add_parser(
        "report",
        help="lập báo cáo kết quả thực hiện kế hoạch của một kỳ (.pdf, hoặc phụ lục .xlsx)",
    )
    report.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ, ví dụ 2025-Q4")
    report.add_argument("--plan", metavar="KẾ_HOẠCH", help="số ký hiệu hoặc mã kế hoạch")
    report.add_argument(
        "--out", required=True, type=Path, metavar="TỆP", help="tệp .pdf hoặc .xlsx"
    )
    report.add_argument(
        "--for-signing",
        action="store_true",
        help="PDF để ký bằng phần mềm ký số khác; tệp đã ký đưa vào bằng package --signed-pdf",
    )
    annex = commands.add_parser(
        "annex",
        help="in danh mục nhiệm vụ giao từng cơ quan, đơn vị (một .pdf và một .xlsx mỗi đơn vị)",
    )
    annex.add_argument(
        "--unit", metavar="TÊN", help="tên cơ quan, đơn vị (không có: mọi đơn vị được giao việc)"
    )
    annex.add_argument("--plan", metavar="KẾ_HOẠCH", help="số ký hiệu hoặc mã kế hoạch")
    annex.add_argument(
        "--out", required=True, type=Path, metavar="THƯ_MỤC", help="thư mục lưu các tệp"
    )
    settings = commands.add_parser(
        "settings",
        help="xem hoặc đặt thông tin văn bản: người ký, kính gửi, số, nơi nhận",
        description="Không có tùy chọn: in các cài đặt hiện có.",
    )
    settings.add_argument("--signer-name", metavar="HỌ_TÊN", help="họ tên người ký")
    settings.add_argument("--signer-title", metavar="CHỨC_VỤ", help="CHỦ TỊCH hoặc PHÓ CHỦ TỊCH")
    settings.add_argument("--addressee", metavar="TÊN", help="Kính gửi (cơ quan cấp trên)")
    settings.add_argument("--place", metavar="ĐỊA_DANH", help="địa danh ghi ngày tháng")
    settings.add_argument("--number", metavar="SỐ", help="số văn bản (trống: để văn thư cấp)")
    settings.add_argument(
        "--leave-blank",
        choices=["co", "khong"],
        help="để trống số và ngày cho hệ thống văn thư (co/khong)",
    )
    settings.add_argument(
        "--recipient",
        action="append",
        metavar="DÒNG",
        help="một dòng «Nơi nhận» (lặp lại cho nhiều dòng; «- Lưu: VT.» tự thêm)",
    )
    for kind, what in (("signature", "chữ ký (mực xanh)"), ("seal", "con dấu (mực đỏ)")):
        settings.add_argument(
            f"--{kind}-image",
            metavar="ẢNH.png",
            help=f"ảnh {what} nền trong suốt cho chữ ký số hiện trên báo cáo ('xoa': bỏ)",
        )
    settings.add_argument(
        "--trust-root",
        action="append",
        type=Path,
        metavar="ROOT.pem",
        help="nhập chứng thư gốc tin cậy để kiểm tra gói (verify dùng cùng --trust)",
    )


def _package_parsers(commands) -> None:
    secret = "tên biến môi trường chứa mật khẩu (không ghi mật khẩu trên dòng lệnh)"
    trial = commands.add_parser(
        "trial-ca", help="tạo CA và chứng thư số THỬ NGHIỆM để tập huấn (root.pem, signer.p12)"
    )
    trial.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")
    trial.add_argument("--name", default="Cán bộ tập huấn", metavar="TÊN", help="tên người ký")
    trial.add_argument("--passphrase-env", required=True, metavar="BIẾN", help=secret)
    package = commands.add_parser(
        "package", help="lập gói báo cáo đã ký số (.asice) của một kỳ để gửi cấp trên"
    )
    package.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ, ví dụ 2025-Q4")
    package.add_argument("--plan", metavar="KẾ_HOẠCH", help="số ký hiệu hoặc mã kế hoạch")
    package.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")
    source = package.add_mutually_exclusive_group(required=True)
    source.add_argument("--p12", type=Path, metavar="TỆP", help="tệp chứng thư số .p12/.pfx")
    source.add_argument(
        "--pin-env", metavar="BIẾN", help="ký bằng USB token: biến môi trường chứa mã PIN"
    )
    package.add_argument("--passphrase-env", metavar="BIẾN", help=secret + " (cùng --p12)")
    package.add_argument(
        "--pkcs11-lib", type=Path, metavar="TỆP",
        help="thư viện PKCS#11 của token (.so/.dll); lần sau dùng lại đường dẫn đã lưu",
    )  # fmt: skip
    package.add_argument("--token-label", metavar="NHÃN", help="nhãn token khi cắm nhiều token")
    package.add_argument(
        "--signed-pdf", type=Path, metavar="TỆP",
        help="báo cáo đã ký bằng phần mềm khác (xuất bằng report --for-signing)",
    )  # fmt: skip
    package.add_argument("--reason", default="", metavar="LÝ_DO", help="lý do gửi lại (lần 2…)")
    package.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    deliver = commands.add_parser(
        "deliver", help="gửi gói: chép vào USB (đọc lại để kiểm tra) hoặc soạn thư điện tử"
    )
    deliver.add_argument("package", type=Path, metavar="GÓI.asice")
    way = deliver.add_mutually_exclusive_group(required=True)
    way.add_argument("--usb", type=Path, metavar="THƯ_MỤC", help="thư mục trên USB")
    way.add_argument("--eml", type=Path, metavar="TỆP.eml", help="thư nháp để gửi")
    deliver.add_argument("--to", metavar="ĐỊA_CHỈ", help="địa chỉ người nhận (cùng --eml)")
    outbox = commands.add_parser("outbox", help="các gói đã lập và nơi đã gửi")
    outbox.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    roster = commands.add_parser(
        "roster", help="(cấp trên) nhập danh sách đơn vị phải báo cáo từ .csv hoặc .xlsx"
    )
    roster.add_argument(
        "file", type=Path, nargs="?", metavar="TỆP", help="Tên đơn vị, Cấp, Mã định danh"
    )
    roster.add_argument("--period", metavar="KỲ", help="kỳ phải báo cáo (cùng --due)")
    roster.add_argument("--due", metavar="NGÀY", help="hạn nộp của kỳ đó, dd/mm/yyyy")
    receive = commands.add_parser(
        "receive", help="(cấp trên) tiếp nhận, kiểm tra và lưu các gói báo cáo"
    )
    receive.add_argument("paths", nargs="+", type=Path, metavar="GÓI|THƯ_MỤC")
    receive.add_argument("--trust", action="append", type=Path, default=[], metavar="ROOT.pem")
    receive.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    matrix = commands.add_parser(
        "matrix", help="(cấp trên) đơn vị nào đã gửi, đúng hạn, trễ, gửi lại, chưa gửi"
    )
    matrix.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ, ví dụ 2025")
    matrix.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    give_back = commands.add_parser(
        "return", help="(cấp trên) trả lại báo cáo của một đơn vị để chỉnh sửa (tệp .p7m đã ký)"
    )
    give_back.add_argument("--period", required=True, metavar="KỲ")
    give_back.add_argument("--office", required=True, metavar="ĐƠN_VỊ", help="mã hoặc cấp và tên")
    give_back.add_argument("--reason", required=True, metavar="LÝ_DO")
    give_back.add_argument("--p12", required=True, type=Path, metavar="TỆP")
    give_back.add_argument("--passphrase-env", required=True, metavar="BIẾN")
    give_back.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")
    consolidate = commands.add_parser(
        "consolidate", help="(cấp trên) tổng hợp các báo cáo đã nhận của một kỳ (.xlsx, .pdf)"
    )
    consolidate.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ")
    consolidate.add_argument("--out", required=True, type=Path, metavar="TỆP")
    reopen = commands.add_parser(
        "reopen", help="mở lại kỳ đã gửi gói để sửa số liệu (gói sau sẽ là lần tiếp theo)"
    )
    reopen.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ, ví dụ 2025-Q4")
    reopen.add_argument("--plan", metavar="KẾ_HOẠCH", help="số ký hiệu hoặc mã kế hoạch")
    reopen.add_argument("--reason", required=True, metavar="LÝ_DO", help="vì sao cần sửa")
    verify = commands.add_parser(
        "verify", help="kiểm tra một gói .asice: toàn vẹn, chữ ký, chứng thư tin cậy"
    )
    verify.add_argument("package", type=Path, metavar="GÓI.asice")
    verify.add_argument(
        "--trust", action="append", type=Path, default=[], metavar="ROOT.pem",
        help="chứng thư gốc tin cậy (lặp lại cho nhiều gốc)",
    )  # fmt: skip
    verify.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _secret(variable: str) -> bytes:
    value = os.environ.get(variable)
    if not value:
        raise InvalidInput(f"Biến môi trường {variable} chưa có mật khẩu.")
    return value.encode("utf-8")


def _trial_ca(args: argparse.Namespace) -> int:
    from desktop.signing.trial_ca import make_trial_ca

    made = make_trial_ca(args.out, args.name, _secret(args.passphrase_env), datetime.now(UTC))
    _emit(f"Đã tạo CA THỬ NGHIỆM: {made.root}\nChứng thư người ký (THỬ NGHIỆM): {made.signer}")
    return EXIT_OK


def _package(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.package.build import make_package
    from desktop.signing.sources import Pkcs12File
    from desktop.signing.token import Pkcs11Token

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
    import hashlib

    from desktop.atomic_files import write_file
    from desktop.delivery import email_draft, usb

    try:
        digest = hashlib.sha256(args.package.read_bytes()).hexdigest()
    except OSError as exc:
        raise InvalidInput(f"Không đọc được gói «{args.package}»: {exc.strerror or exc}.") from exc
    package = ws.outbox.package_for(digest)
    if args.usb is not None:
        copy, found = usb.copy_to(args.package, args.usb)
        ws.outbox.record(package.uid, "usb", str(copy), found)
        _emit(f"Đã chép và đọc lại đúng gói trên USB: {copy}\nSHA-256: {found}")
        return EXIT_OK
    if not args.to:
        raise InvalidInput("Soạn thư cần địa chỉ người nhận: --to ĐỊA_CHỈ.")
    office = ws.office.get()
    report = f"báo cáo {PeriodId.parse(package.period_id).label}"
    content, attached = email_draft.draft(
        args.package, args.to, committee=office.committee if office else "UBND",
        report=report, sequence=package.sequence, when=ws.now(),
    )  # fmt: skip
    write_file(args.eml, content)
    ws.outbox.record(package.uid, "eml", args.to, attached)
    _emit(f"Đã soạn thư nháp: {args.eml} (mở bằng Outlook/Thunderbird rồi bấm Gửi)")
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
    from desktop.consolidation.receive import QUARANTINED, receive
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
        counts = {s: sum(o.status == s for o in outcomes) for s in {o.status for o in outcomes}}
        _emit("Tổng: " + (", ".join(f"{n} {s}" for s, n in counts.items()) or "không có gói"))
    return EXIT_ERROR if any(o.status == QUARANTINED for o in outcomes) else EXIT_OK


def _matrix(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.matrix import LABELS, matrix

    period = PeriodId.parse(args.period)
    rows = matrix(ws, str(period))
    if args.json:
        _emit(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        extra = f" lần {row.sequence}" if row.sequence else ""
        late = f", trễ {row.days_late} ngày" if row.days_late else ""
        _emit(f"{row.office.title}: {LABELS[row.standing]}{extra}{late}")
    tally = {}
    for row in rows:
        tally[LABELS[row.standing]] = tally.get(LABELS[row.standing], 0) + 1
    _emit(f"{period.label}: " + ", ".join(f"{k} {v}" for k, v in tally.items()))
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
    from desktop import documents
    from desktop.consolidation.report import consolidated

    period = PeriodId.parse(args.period)
    saved = documents.save(consolidated(ws, str(period)), args.out)
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
            _error(f"không dùng được chứng thư gốc đã nhập: {exc}", prefix="Cảnh báo: ")
    verdict = verify_file(args.package, roots)
    if args.json:
        _emit(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
    else:
        _emit(verdict.render())
    return EXIT_OK if verdict.accepted else EXIT_ERROR


def _import_parser(commands) -> None:
    found = commands.add_parser(
        "import",
        help="nhập kế hoạch từ tệp phụ lục cấp trên gửi (.xlsx, .docx)",
        description="Đọc bảng nhiệm vụ và bảng chỉ tiêu trong tệp, in những gì đọc được, "
        "rồi ghi vào cơ sở dữ liệu nếu không có lỗi (có lỗi thì không ghi gì).",
    )
    found.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx hoặc .docx")
    found.add_argument("--dry-run", action="store_true", help="chỉ đọc và báo, không ghi gì")
    found.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    found.add_argument("--number", default="", metavar="SỐ", help="số ký hiệu kế hoạch")
    found.add_argument(
        "--issued-on", default=None, metavar="NGÀY", help="ngày ban hành, YYYY-MM-DD"
    )
    found.add_argument("--issuer", default="", metavar="TÊN", help="cơ quan ban hành")
    found.add_argument(
        "--header-row",
        type=int,
        default=None,
        metavar="SỐ",
        help="hàng tiêu đề cột (khi tự dò sai)",
    )


def _schedule_parser(commands) -> None:
    kinds = ", ".join(KIND_WORDS)
    schedule = commands.add_parser(
        "schedule",
        help="xem hoặc đặt lịch báo cáo của kế hoạch (loại báo cáo, ngày chốt số liệu, hạn gửi)",
        description="Không có tùy chọn đặt lịch: in lịch báo cáo và các kỳ phải báo cáo. "
        f"LOẠI: {kinds}. NGÀY: 30/11 (ngày/tháng, cho báo cáo năm hoặc 9 tháng), "
        "12 (ngày 12 tháng cuối kỳ), 5/+1 (ngày 5 tháng sau kỳ).",
    )
    schedule.add_argument("--plan", metavar="KẾ_HOẠCH", help="số ký hiệu hoặc mã kế hoạch")
    change = schedule.add_mutually_exclusive_group()
    change.add_argument("--require", metavar="LOẠI", help="kế hoạch yêu cầu loại báo cáo này")
    change.add_argument(
        "--from-text",
        metavar="CÂU",
        help="đọc lịch từ câu in trong kế hoạch, ví dụ «Định kỳ hằng năm trước ngày 30/11»",
    )
    change.add_argument("--drop", metavar="LOẠI", help="bỏ loại báo cáo khỏi lịch của kế hoạch")
    schedule.add_argument("--due", metavar="NGÀY", help="hạn gửi (cùng --require)")
    schedule.add_argument(
        "--close",
        metavar="[LOẠI:]NGÀY",
        action="append",
        default=[],
        help="ngày chốt số liệu (mặc định theo Nghị định 09/2019/NĐ-CP: ngày 14 tháng cuối kỳ); "
        "với --from-text ghi kèm loại, ví dụ nam:14/11",
    )
    schedule.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


class _OutputFailed(Exception):
    """Standard output could not be written (a full disk, a closed pipe)."""


def _emit(text: str) -> None:
    try:
        print(text, flush=True)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputFailed(exc) from exc


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
    report = schedule_report(ws, plan)
    if args.json:
        _emit(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _emit(report.render())
    return EXIT_OK


def _changes_schedule(args: argparse.Namespace) -> bool:
    return bool(args.require or args.from_text or args.drop or args.due or args.close)


def _backup(ws: Workspace, args: argparse.Namespace) -> int:
    made = backups.backup(ws, args.out)
    chain = made.check.chain
    sealed = f"; nhật ký thay đổi: {chain.seals} lần niêm phong, khớp" if chain else ""
    _emit(
        f"Đã sao lưu vào {made.path} ({format_number(made.size)} byte; "
        f"kiểm tra toàn vẹn: đạt{sealed})."
    )
    return EXIT_OK


def _restore(ws: Workspace, args: argparse.Namespace) -> int:
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
    kept = backups.restore(ws, args.source)
    _emit(f"Đã khôi phục từ {args.source}. Dữ liệu trước khi khôi phục được giữ ở {kept}.")
    return EXIT_OK


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


def _changes_settings(args: argparse.Namespace) -> bool:
    return (
        args.leave_blank is not None
        or bool(args.trust_root)
        or args.signature_image is not None
        or args.seal_image is not None
        or any(getattr(args, flag) is not None for flag in _SETTING_FLAGS)
    )


def _report(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop import documents

    plan = ws.plans.resolve(args.plan)
    period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    if args.for_signing:
        from desktop.atomic_files import write_file
        from desktop.package.external import export_for_signing

        if args.out.suffix.lower() != ".pdf":
            raise InvalidInput("PDF để ký phải là tệp .pdf.")
        saved = write_file(args.out, export_for_signing(ws, plan, period))
        _emit(f"Đã xuất PDF báo cáo {period.label} để ký: {saved}")
        _emit("Ký tệp này bằng phần mềm ký số, không sửa nội dung, rồi dùng package --signed-pdf.")
        return EXIT_OK
    saved = documents.save(documents.period_report(ws, plan, period), args.out)
    _emit(f"Đã lập báo cáo {period.label}: {saved}")
    return EXIT_OK


def _annex(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop import documents

    plan = ws.plans.resolve(args.plan)
    saved = documents.save_annexes(ws, plan, args.out, args.unit)
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


def _selftest(args: argparse.Namespace) -> int:
    from desktop.selftest import run

    return run(_emit)


def _gui(explicit: Path | None) -> int:
    # The Qt shell is looked up at run time so the headless core never imports it;
    # `python -m desktop` stays the single entry point.
    shell = importlib.import_module("ui.app")
    return shell.run(explicit)


# Each command with how it opens the database: "create" (may make a new file), "write",
# or "read" (never writes a byte).
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


def _prepare_streams() -> None:
    """Vietnamese output even where the console's code page cannot hold it (cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "Lỗi: ữ".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            stream.reconfigure(encoding="utf-8", errors="replace")
        except AttributeError:  # replaced by something without an encoding
            pass


def _error(text: str, prefix: str = "Lỗi: ") -> None:
    with suppress(OSError):  # nowhere left to say it
        print(f"{prefix}{text}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    _prepare_streams()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        db_path = args.db or default_db_path()
        command = args.command or "gui"
        if command == "gui":
            named = args.db or os.environ.get(DB_ENV_VAR)
            return _gui(Path(named).expanduser() if named else None)
        if command in _STANDALONE:
            return _STANDALONE[command](args)
        run, mode = _COMMANDS[command]
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
            code = run(ws, args)
            warning = history_warning(ws)
            if warning and command != "status":  # the status report says it itself
                _error(warning, prefix="Cảnh báo: ")
            return code
    except UserError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("Đã dừng theo yêu cầu (Ctrl-C). Thay đổi đang làm dở không được ghi.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader stopped early (`| head`): say nothing more to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except _OutputFailed as exc:
        cause = exc.__cause__
        full = isinstance(cause, OSError) and cause.errno == errno.ENOSPC
        _error(f"Không ghi được kết quả ra: {'ổ đĩa đầy' if full else cause}.")
        return EXIT_ERROR
