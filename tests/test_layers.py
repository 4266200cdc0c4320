"""The headless core stays headless: import-linter contracts plus a direct source scan."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_desktop_and_db_sources_do_not_import_qt():
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("desktop", "db", "resources")
        for path in (ROOT / package).rglob("*.py")
        if _imported_modules(path) & {"PySide6", "shiboken6", "ui"}
    ]
    assert offenders == []


def test_only_db_imports_sqlite():
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("desktop", "ui", "resources")
        for path in (ROOT / package).rglob("*.py")
        if _imported_modules(path) & {"sqlite3", "sqlite_utils"}
    ]
    assert offenders == []
