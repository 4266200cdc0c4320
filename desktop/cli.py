"""Command line: `python -m desktop [--db PATH] LỆNH ...` (`gui` when no command is given).

This module only reads the command line: what each command does is in desktop/commands.py,
imported once the command is known. Only the arguments of the command being run are set
up. Both keep a start light: the window (`gui`) appears before the core is loaded, and
`status` does not pay for the other commands' options.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path

from desktop.errors import UserError
from desktop.infra.paths import DB_ENV_VAR, default_db_path

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

# argparse's own messages are English; these cover the ones a clerk can trigger.
_USAGE_MESSAGES = (
    (r"unrecognized arguments: (.*)", "Tham số không nhận ra: {0}"),
    (
        r"argument LỆNH: invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
        "Lệnh không hợp lệ: {0} (các lệnh: {1})",
    ),
    (r"argument (\S+): invalid choice: '?([^' ]*)'?.*", "Giá trị không hợp lệ cho {0}: {1}"),
    (r"argument (\S+): expected one argument", "Thiếu giá trị cho {0}"),
    (r"the following arguments are required: (.*)", "Thiếu tham số bắt buộc: {0}"),
)
# Where the database is by default, said in --help: looked up only when help is shown, as
# it takes the platform's data folder (a module every other start can do without).
_DEFAULT_DB = "<mặc định>"


class _Formatter(argparse.HelpFormatter):
    def _expand_help(self, action):
        return super()._expand_help(action).replace(_DEFAULT_DB, str(default_db_path()))

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
            if match := re.fullmatch(pattern, message):
                message = text.format(*(g.replace("'", "") for g in match.groups()))
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi: {message}\n")


# Each command's arguments -------------------------------------------------------------


def _init(init: argparse.ArgumentParser) -> None:
    from desktop.domain.model import OfficeLevel

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


def _demo(demo: argparse.ArgumentParser) -> None:
    from desktop.demo import DEFAULT_DEMO, DEMOS

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


def _status(status: argparse.ArgumentParser) -> None:
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


def _schedule(schedule: argparse.ArgumentParser) -> None:
    from desktop.domain.plan_calendar import KIND_WORDS

    schedule.description = (
        "Không có tùy chọn đặt lịch: in lịch báo cáo và các kỳ phải báo cáo. "
        f"LOẠI: {', '.join(KIND_WORDS)}. NGÀY: 30/11 (ngày/tháng, cho báo cáo năm hoặc "
        "9 tháng), 12 (ngày 12 tháng cuối kỳ), 5/+1 (ngày 5 tháng sau kỳ)."
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


def _backup(backup: argparse.ArgumentParser) -> None:
    backup.add_argument(
        "--out", required=True, type=Path, metavar="TỆP", help="tệp hoặc thư mục đích (ổ USB…)"
    )


def _restore(restore: argparse.ArgumentParser) -> None:
    restore.add_argument("source", type=Path, metavar="TỆP", help="tệp sao lưu")
    restore.add_argument("--yes", action="store_true", help="không hỏi lại")


def _import(found: argparse.ArgumentParser) -> None:
    found.description = (
        "Đọc bảng nhiệm vụ và bảng chỉ tiêu trong tệp, in những gì đọc được, "
        "rồi ghi vào cơ sở dữ liệu nếu không có lỗi (có lỗi thì không ghi gì)."
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


def _report(report: argparse.ArgumentParser) -> None:
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


def _annex(annex: argparse.ArgumentParser) -> None:
    annex.add_argument(
        "--unit", metavar="TÊN", help="tên cơ quan, đơn vị (không có: mọi đơn vị được giao việc)"
    )
    annex.add_argument("--plan", metavar="KẾ_HOẠCH", help="số ký hiệu hoặc mã kế hoạch")
    annex.add_argument(
        "--out", required=True, type=Path, metavar="THƯ_MỤC", help="thư mục lưu các tệp"
    )


def _settings(settings: argparse.ArgumentParser) -> None:
    settings.description = "Không có tùy chọn: in các cài đặt hiện có."
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


_SECRET = "tên biến môi trường chứa mật khẩu (không ghi mật khẩu trên dòng lệnh)"


def _trial_ca(trial: argparse.ArgumentParser) -> None:
    trial.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")
    trial.add_argument("--name", default="Cán bộ tập huấn", metavar="TÊN", help="tên người ký")
    trial.add_argument("--passphrase-env", required=True, metavar="BIẾN", help=_SECRET)


def _package(package: argparse.ArgumentParser) -> None:
    package.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ, ví dụ 2025-Q4")
    package.add_argument("--plan", metavar="KẾ_HOẠCH", help="số ký hiệu hoặc mã kế hoạch")
    package.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")
    source = package.add_mutually_exclusive_group(required=True)
    source.add_argument("--p12", type=Path, metavar="TỆP", help="tệp chứng thư số .p12/.pfx")
    source.add_argument(
        "--pin-env", metavar="BIẾN", help="ký bằng USB token: biến môi trường chứa mã PIN"
    )
    package.add_argument("--passphrase-env", metavar="BIẾN", help=_SECRET + " (cùng --p12)")
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


def _deliver(deliver: argparse.ArgumentParser) -> None:
    deliver.add_argument("package", type=Path, metavar="GÓI.asice")
    way = deliver.add_mutually_exclusive_group(required=True)
    way.add_argument("--usb", type=Path, metavar="THƯ_MỤC", help="thư mục trên USB")
    way.add_argument("--eml", type=Path, metavar="TỆP.eml", help="thư nháp để gửi")
    deliver.add_argument("--to", metavar="ĐỊA_CHỈ", help="địa chỉ người nhận (cùng --eml)")


def _json_only(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _roster(roster: argparse.ArgumentParser) -> None:
    roster.add_argument(
        "file", type=Path, nargs="?", metavar="TỆP", help="Tên đơn vị, Cấp, Mã định danh"
    )
    roster.add_argument("--period", metavar="KỲ", help="kỳ phải báo cáo (cùng --due)")
    roster.add_argument("--due", metavar="NGÀY", help="hạn nộp của kỳ đó, dd/mm/yyyy")


def _receive(receive: argparse.ArgumentParser) -> None:
    receive.add_argument("paths", nargs="+", type=Path, metavar="GÓI|THƯ_MỤC")
    receive.add_argument("--trust", action="append", type=Path, default=[], metavar="ROOT.pem")
    receive.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _matrix(matrix: argparse.ArgumentParser) -> None:
    matrix.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ, ví dụ 2025")
    matrix.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _return(give_back: argparse.ArgumentParser) -> None:
    give_back.add_argument("--period", required=True, metavar="KỲ")
    give_back.add_argument("--office", required=True, metavar="ĐƠN_VỊ", help="mã hoặc cấp và tên")
    give_back.add_argument("--reason", required=True, metavar="LÝ_DO")
    give_back.add_argument("--p12", required=True, type=Path, metavar="TỆP")
    give_back.add_argument("--passphrase-env", required=True, metavar="BIẾN")
    give_back.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")


def _consolidate(consolidate: argparse.ArgumentParser) -> None:
    consolidate.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ")
    consolidate.add_argument("--out", required=True, type=Path, metavar="TỆP")


def _reopen(reopen: argparse.ArgumentParser) -> None:
    reopen.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ, ví dụ 2025-Q4")
    reopen.add_argument("--plan", metavar="KẾ_HOẠCH", help="số ký hiệu hoặc mã kế hoạch")
    reopen.add_argument("--reason", required=True, metavar="LÝ_DO", help="vì sao cần sửa")


def _verify(verify: argparse.ArgumentParser) -> None:
    verify.add_argument("package", type=Path, metavar="GÓI.asice")
    verify.add_argument(
        "--trust", action="append", type=Path, default=[], metavar="ROOT.pem",
        help="chứng thư gốc tin cậy (lặp lại cho nhiều gốc)",
    )  # fmt: skip
    verify.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _nothing(parser: argparse.ArgumentParser) -> None:
    pass


# Every command, in the order --help lists them: its line of help, and its arguments.
_GRAMMAR: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "init": ("tạo (hoặc nâng cấp) cơ sở dữ liệu", _init),
    "demo": ("nạp dữ liệu mẫu vào cơ sở dữ liệu", _demo),
    "status": ("tình hình thực hiện kế hoạch tại một kỳ báo cáo", _status),
    "schedule": (
        "xem hoặc đặt lịch báo cáo của kế hoạch (loại báo cáo, ngày chốt số liệu, hạn gửi)",
        _schedule,
    ),
    "backup": (
        "sao lưu cơ sở dữ liệu ra một tệp (kiểm tra bản sao trước khi báo xong)",
        _backup,
    ),
    "restore": (
        "thay toàn bộ dữ liệu bằng một bản sao lưu (giữ lại bản hiện tại)",
        _restore,
    ),
    "import": ("nhập kế hoạch từ tệp phụ lục cấp trên gửi (.xlsx, .docx)", _import),
    "report": (
        "lập báo cáo kết quả thực hiện kế hoạch của một kỳ (.pdf, hoặc phụ lục .xlsx)",
        _report,
    ),
    "annex": (
        "in danh mục nhiệm vụ giao từng cơ quan, đơn vị (một .pdf và một .xlsx mỗi đơn vị)",
        _annex,
    ),
    "settings": ("xem hoặc đặt thông tin văn bản: người ký, kính gửi, số, nơi nhận", _settings),
    "trial-ca": (
        "tạo CA và chứng thư số THỬ NGHIỆM để tập huấn (root.pem, signer.p12)",
        _trial_ca,
    ),
    "package": ("lập gói báo cáo đã ký số (.asice) của một kỳ để gửi cấp trên", _package),
    "deliver": (
        "gửi gói: chép vào USB (đọc lại để kiểm tra) hoặc soạn thư điện tử",
        _deliver,
    ),
    "outbox": ("các gói đã lập và nơi đã gửi", _json_only),
    "roster": ("(cấp trên) nhập danh sách đơn vị phải báo cáo từ .csv hoặc .xlsx", _roster),
    "receive": ("(cấp trên) tiếp nhận, kiểm tra và lưu các gói báo cáo", _receive),
    "matrix": ("(cấp trên) đơn vị nào đã gửi, đúng hạn, trễ, gửi lại, chưa gửi", _matrix),
    "return": (
        "(cấp trên) trả lại báo cáo của một đơn vị để chỉnh sửa (tệp .p7m đã ký)",
        _return,
    ),
    "consolidate": (
        "(cấp trên) tổng hợp các báo cáo đã nhận của một kỳ (.xlsx, .pdf)",
        _consolidate,
    ),
    "reopen": (
        "mở lại kỳ đã gửi gói để sửa số liệu (gói sau sẽ là lần tiếp theo)",
        _reopen,
    ),
    "verify": ("kiểm tra một gói .asice: toàn vẹn, chữ ký, chứng thư tin cậy", _verify),
    "selftest": (
        "tự kiểm tra phần mềm trên máy này, trong thư mục tạm (không đụng dữ liệu)",
        _nothing,
    ),
    "gui": ("mở giao diện (mặc định)", _nothing),
}


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named on the line: the first word that is neither an option nor the
    value of --db (the only option before a command that takes one)."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser for this line. Each command costs a parser of its own, so only the one
    named is set up, with its arguments; every command's name and help only when the line
    asks for help or names no known command (the error lists them). The window, started
    with no command, needs none."""
    parser = _Parser(
        prog="python -m desktop",
        description="Sổ Kế hoạch — theo dõi kế hoạch, tiến độ nhiệm vụ và kinh phí "
        "của UBND cấp xã.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        metavar="TỆP",
        help=f"tệp cơ sở dữ liệu (mặc định: biến môi trường {DB_ENV_VAR} hoặc {_DEFAULT_DB})",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    command = _command_in(argv)
    if command in _GRAMMAR:
        help_line, arguments = _GRAMMAR[command]
        arguments(commands.add_parser(command, help=help_line))
    elif command is not None or {"-h", "--help"} & set(argv):
        for name, (help_line, _) in _GRAMMAR.items():
            commands.add_parser(name, help=help_line)
    return parser


# Running ------------------------------------------------------------------------------


def _prepare_streams() -> None:
    """Vietnamese output even where the console's code page cannot hold it (cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "Lỗi: ữ".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            stream.reconfigure(encoding="utf-8", errors="replace")
        except AttributeError:  # replaced by something without an encoding
            pass


def error(text: str, prefix: str = "Lỗi: ") -> None:
    with suppress(OSError):  # nowhere left to say it
        print(f"{prefix}{text}", file=sys.stderr, flush=True)


def _gui(explicit: Path | None) -> int:
    # The Qt shell is looked up at run time so the headless core never imports it;
    # `python -m desktop` stays the single entry point.
    import importlib

    shell = importlib.import_module("ui.app")
    return shell.run(explicit)


def main(argv: Sequence[str] | None = None) -> int:
    _prepare_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = _parser(argv).parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        command = args.command or "gui"
        if command == "gui":
            named = args.db or os.environ.get(DB_ENV_VAR)
            return _gui(Path(named).expanduser() if named else None)
        from desktop import commands

        try:
            return commands.run(command, args, args.db or default_db_path())
        except commands.OutputFailed as exc:
            cause = exc.__cause__
            full = isinstance(cause, OSError) and cause.errno == errno.ENOSPC
            error(f"Không ghi được kết quả ra: {'ổ đĩa đầy' if full else cause}.")
            return EXIT_ERROR
    except UserError as exc:
        error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        error("Đã dừng theo yêu cầu (Ctrl-C). Thay đổi đang làm dở không được ghi.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader stopped early (`| head`): say nothing more to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
