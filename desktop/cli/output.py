"""What every command shares: exit codes, printing, secrets from the environment, and
whether a command reads, writes or creates the database."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from enum import Enum

from desktop.errors import InvalidInput
from desktop.vietnamese.text import printable

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class Mode(Enum):
    """How a command opens the database."""

    NONE = "none"  # it needs none (verify, trial-ca, selftest)
    READ = "read"  # read-only: never waits for a writer, never writes a byte
    WRITE = "write"  # an existing database, waiting a while for another writer
    CREATE = "create"  # as WRITE, making the file when there is none


class OutputFailed(Exception):
    """Standard output could not be written (a full disk, a closed pipe)."""


def emit(text: str) -> None:
    """Print a result; whatever it quotes from a file cannot drive the terminal."""
    try:
        print(printable(text), flush=True)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFailed(exc) from exc


def error(text: str, prefix: str = "Lỗi: ") -> None:
    with suppress(OSError):  # nowhere left to say it
        print(printable(f"{prefix}{text}"), file=sys.stderr, flush=True)


def secret(variable: str) -> bytes:
    """A passphrase or PIN from the environment variable named (never the command line)."""
    value = os.environ.get(variable)
    if not value:
        raise InvalidInput(f"Biến môi trường {variable} chưa có mật khẩu.")
    return value.encode("utf-8")


SECRET_HELP = "tên biến môi trường chứa mật khẩu (không ghi mật khẩu trên dòng lệnh)"
JSON_HELP = "in kết quả dạng JSON"
PLAN_HELP = "số ký hiệu hoặc mã kế hoạch"
PERIOD_HELP = "mã kỳ, ví dụ 2025-Q4"
