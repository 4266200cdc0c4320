"""Command line: `python -m desktop [--db PATH] {init,demo,status,gui}` (gui is the default)."""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.errors import UserError
from desktop.model import OfficeLevel
from desktop.paths import DB_ENV_VAR, default_db_path
from desktop.periods import PeriodId
from desktop.workspace import Workspace

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

# argparse's own messages are English; these cover the ones a clerk can trigger.
_USAGE_MESSAGES = (
    (re.compile(r"unrecognized arguments: (.*)"), "Tham số không nhận ra: {0}"),
    (
        re.compile(r"argument LỆNH: invalid choice: '?([^' ]*)'?.*"),
        "Lệnh không hợp lệ: {0} (các lệnh: init, demo, status, gui)",
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
                message = text.format(*match.groups())
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
    commands.add_parser("demo", help="nạp dữ liệu mẫu (Kế hoạch 79/KH-UBND phường Trần Liêu)")
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
    commands.add_parser("gui", help="mở giao diện (mặc định)")
    return parser


def _init(ws: Workspace, args: argparse.Namespace) -> int:
    if args.name:
        ws.office.save(args.name, args.level, args.agency_code, args.parent)
    office = ws.office.get()
    where = f" cho {office.committee}" if office else ""
    print(f"Đã sẵn sàng cơ sở dữ liệu{where}: {ws.path}")
    return EXIT_OK


def _demo(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.demo import build_demo

    plan = build_demo(ws)
    print(f"Đã nạp dữ liệu mẫu: {plan.title} vào {ws.path}")
    return EXIT_OK


def _status(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.reports.status import build_status, render_text

    plan = ws.plans.resolve(args.plan)
    if args.period:
        period = ws.periods.get(PeriodId.parse(args.period))
    else:
        period = ws.periods.suggested(plan)
    report = build_status(ws, plan, period)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_text(report))
    return EXIT_OK


def _gui(db_path: Path) -> int:
    # The Qt shell is looked up at run time so the headless core never imports it;
    # `python -m desktop` stays the single entry point.
    shell = importlib.import_module("ui.app")
    return shell.run(db_path)


_COMMANDS = {"init": _init, "demo": _demo, "status": _status}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    db_path = args.db or default_db_path()
    command = args.command or "gui"
    try:
        if command == "gui":
            return _gui(db_path)
        with Workspace.open(db_path) as ws:
            return _COMMANDS[command](ws, args)
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
