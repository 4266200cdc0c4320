"""du_lieu.json's format ('so-ke-hoach/bao-cao', version 1;
resources/schemas/du_lieu.schema.json): checked fast, worded when it fails."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import cache

import fastjsonschema

import resources

FORMAT, FORMAT_VERSION = "so-ke-hoach/bao-cao", 1


@cache
def _schema() -> dict:
    return json.loads(resources.path("schemas/du_lieu.schema.json").read_text("utf-8"))


# Bounds on any value, whatever the schema says of it: what a crafted file would use to
# exhaust the reader or overflow a database column.
MAX_DEPTH = 32
MAX_TEXT = 100_000  # characters in one string
MAX_INTEGER = 2**53 - 1  # what any JSON reader keeps exactly; SQLite holds it
MAX_ITEMS = 50_000  # entries in one list (a plan's tasks, a task's evidence)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def _parses(text: object, pattern: re.Pattern, parse) -> bool:
    if not isinstance(text, str):
        return True  # a format speaks only of strings; the type is checked apart
    try:
        return bool(pattern.match(text)) and parse(text) is not None
    except ValueError:
        return False


def real_date(text: object) -> bool:
    """'2025-11-30', and not '2026-13-45', which only looks like one."""
    return _parses(text, _DATE, date.fromisoformat)


def real_datetime(text: object) -> bool:
    return _parses(text, _DATETIME, datetime.fromisoformat)


FORMATS = {"iso-date": real_date, "iso-datetime": real_datetime}


@cache
def _check():
    """The schema compiled to Python (fastjsonschema): a verifier checks thousands of
    packages. It goes on past the first problem, to name each (fast_fail=False)."""
    return fastjsonschema.compile(_schema(), formats=FORMATS, fast_fail=False)


def bounds_problem(data: object) -> str | None:
    """The first value past the bounds (too deep, too long a text, too big a number),
    with where it is; walked without recursion."""
    stack: list[tuple[object, str, int]] = [(data, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"{where or '(gốc)'}: lồng nhau quá sâu"
        if isinstance(value, dict):
            stack += [(v, f"{where}/{k}".lstrip("/"), depth + 1) for k, v in value.items()]
        elif isinstance(value, list):
            if len(value) > MAX_ITEMS:
                return f"{where}: danh sách {len(value):,} mục, quá giới hạn {MAX_ITEMS:,}"
            stack += [(v, f"{where}/{i}".lstrip("/"), depth + 1) for i, v in enumerate(value)]
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            return f"{where}: chuỗi dài {len(value):,} ký tự, quá giới hạn {MAX_TEXT:,}"
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
            return f"{where}: số {value} vượt giới hạn"
    return None


def schema_problems(data: object) -> list[str]:
    """Where `data` departs from the schema ('tasks/3/percent: …'), at most ten."""
    if problem := bounds_problem(data):
        return [problem]
    try:
        _check()(data)
        return []
    except fastjsonschema.JsonSchemaValuesException as found:
        return [_worded(error) for error in found.errors[:10]]
    except fastjsonschema.JsonSchemaValueException as error:  # what fails even so
        return [_worded(error)]


def _worded(error: fastjsonschema.JsonSchemaValueException) -> str:
    """'tasks/3/percent: must be smaller than or equal to 100': where in the file (the
    path without fastjsonschema's 'data'), then what is wrong."""
    where = "/".join(error.path[1:]) or "(gốc)"
    return f"{where}: {error.message.removeprefix(error.name or '').strip()}"


def encode(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")
