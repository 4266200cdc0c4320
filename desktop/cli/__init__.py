"""Command line: `python -m desktop [--db PATH] LỆNH ...` (`gui` when no command is given).

Each command is one module, `cmd_<lệnh>.py`, holding its line of help (HELP), its
arguments (`arguments(parser)`), how it opens the database (`mode(args)`) and what it
does (`run(ws, args)`, calling the core the window calls too). This module only finds
the command named, imports that module alone and sets up that parser alone: the window
(`gui`) appears before the core is loaded, and `status` pays for no other command.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from desktop.cli.output import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Mode,
    OutputFailed,
    error,
)
from desktop.errors import UserError
from desktop.infra.paths import DB_ENV_VAR, default_db_path

# Every command, in the order --help lists them ("gui", the default, is the window).
COMMANDS = (
    "init", "demo", "status", "schedule", "backup", "restore", "import", "report", "annex",
    "forms", "take-forms", "narrative", "settings", "trial-ca", "package", "deliver", "outbox",
    "roster", "receive", "matrix", "return", "consolidate", "reopen", "verify", "selftest", "gui",
)  # fmt: skip
WRITER_WAIT = 10.0  # seconds a write command waits for another writer to finish

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


def command_module(name: str) -> ModuleType:
    """The module of command `name` ('trial-ca' -> desktop.cli.cmd_trial_ca)."""
    return importlib.import_module(f"{__name__}.cmd_{name.replace('-', '_')}")


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

    def error(self, message: str):
        for pattern, text in _USAGE_MESSAGES:
            if match := re.fullmatch(pattern, message):
                message = text.format(*(g.replace("'", "") for g in match.groups()))
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi: {message}\n")


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
    if command in COMMANDS:
        module = command_module(command)
        module.arguments(commands.add_parser(command, help=module.HELP))
    elif command is not None or {"-h", "--help"} & set(argv):
        for name in COMMANDS:
            commands.add_parser(name, help=command_module(name).HELP)
    return parser


def _prepare_streams() -> None:
    """Vietnamese output even where the console's code page cannot hold it (cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "Lỗi: ữ".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        except AttributeError:  # replaced by something without an encoding
            pass


def _run(command: str, args: argparse.Namespace) -> int:
    """Run one command, opening the database as the command says it needs."""
    module = command_module(command)
    mode = module.mode(args)
    if mode is Mode.NONE:
        return module.run(None, args)
    from desktop.infra.backups import Damaged
    from desktop.reports.history_warning import history_warning
    from desktop.workspace import Workspace

    try:
        opened = Workspace.open(
            args.db or default_db_path(),
            create=mode is Mode.CREATE,
            read_only=mode is Mode.READ,
            wait=0.0 if mode is Mode.READ else WRITER_WAIT,
        )
    except Damaged as damaged:
        if not hasattr(module, "when_damaged"):  # `restore` puts a good backup in its place
            raise
        return module.when_damaged(damaged, args)
    with opened as ws:
        code = module.run(ws, args)
        for said in ws.warnings:  # a daily copy not taken, a database on a USB stick
            error(said, prefix="Cảnh báo: ")
        warning = history_warning(ws)
        if warning and command != "status":  # the status report says it itself
            error(warning, prefix="Cảnh báo: ")
        return code


def main(argv: Sequence[str] | None = None) -> int:
    _prepare_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = _parser(argv).parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return _run(args.command or "gui", args)
    except OutputFailed as exc:
        cause = exc.__cause__
        full = isinstance(cause, OSError) and cause.errno == errno.ENOSPC
        error(f"Không ghi được kết quả ra: {'ổ đĩa đầy' if full else cause}.")
        return EXIT_ERROR
    except UserError as exc:
        error(exc.for_command_line() + _how_to_recover(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        error("Đã dừng theo yêu cầu (Ctrl-C). Thay đổi đang làm dở không được ghi.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader stopped early (`| head`): say nothing more to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a case no check foresaw (a damaged file among them)
        error(_unexpected(exc, args))
        return EXIT_ERROR


def _how_to_recover(exc: UserError) -> str:
    """The command that puts the last good backup in place of a damaged database."""
    backup = getattr(exc, "backup", None)  # backups.Damaged, not imported for every error
    if backup is None:
        return ""
    return f' Lệnh khôi phục: python -m desktop restore "{backup}" --yes'


def _unexpected(exc: Exception, args: argparse.Namespace) -> str:
    """Said in words, the report in the log; a damaged database named as such."""
    from desktop.infra.error_log import log_error
    from desktop.infra.file_health import diagnose
    from desktop.infra.paths import log_file

    logged = log_error(exc, log_file())
    where = f" Chi tiết đã ghi vào «{log_file()}»; hãy gửi cho người hỗ trợ." if logged else ""
    if command_module(args.command or "gui").mode(args) is not Mode.NONE:
        path = args.db or default_db_path()
        if path.is_file() and (damage := diagnose(path, exc)):
            return damage + where
    return (
        f"Lỗi ngoài dự kiến ({type(exc).__name__}: {exc}). Thao tác đang làm không được "
        f"ghi; dữ liệu đã lưu trước đó vẫn nguyên vẹn.{where}"
    )
