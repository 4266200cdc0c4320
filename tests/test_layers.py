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
    assert "5 kept, 0 broken" in result.stdout


def test_the_core_has_no_import_cycle():
    """No module of desktop/ is reached again from what it imports (imports made inside
    functions count; names imported for the type checker only do not)."""
    import grimp

    graph = grimp.build_graph("desktop", "db", exclude_type_checking_imports=True)
    core = sorted(m for m in graph.modules if m.startswith("desktop"))
    assert len(core) > 100
    cycles = [
        (module, imported)
        for module in core
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("desktop") and graph.chain_exists(importer=imported, imported=module)
    ]
    assert cycles == []


def test_checking_a_package_loads_no_document_writer():
    """A receive worker imports the verifier and the receiving step, nothing that writes a
    document (reportlab, openpyxl and Pillow were two thirds of its start)."""
    code = (
        "import sys, desktop.package.verify, desktop.consolidation.receive; "
        "print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'reportlab', 'openpyxl', 'PIL', 'docx', 'PySide6'}),"
        " sorted(m for m in sys.modules if m.startswith('desktop.documents')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]", "[]"]


def test_each_service_is_the_class_its_annotation_names(ws):
    from desktop.workspace import Workspace, _Service

    services = {k: v for k, v in vars(Workspace).items() if isinstance(v, _Service)}
    assert len(services) >= 19
    for attribute in services:
        annotation = Workspace.__annotations__[attribute]
        assert annotation == f"_Service[{type(getattr(ws, attribute)).__name__}]", attribute


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


def test_readme_names_every_command():
    """The README's command table is a clerk's first reference: no command missing."""
    from desktop.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in COMMANDS if f"`{name}" not in readme] == []
