"""The bundle's entry point (build_spec/launcher.py): multiprocessing's helpers are served
before the CLI sees the line. The whole path runs in the bundle's self-test (CI); here,
what decides it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

LAUNCHER = Path(__file__).resolve().parent.parent / "build_spec" / "launcher.py"


def _launcher():
    spec = importlib.util.spec_from_file_location("launcher", LAUNCHER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_normal_start_is_left_to_the_cli_without_loading_multiprocessing():
    code = (
        "import sys, importlib.util; "
        f"spec = importlib.util.spec_from_file_location('launcher', {str(LAUNCHER)!r}); "
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); "
        "m.serve_multiprocessing(['SoKeHoach', '--db', 'x.db', 'status']); "
        "m.serve_multiprocessing(['SoKeHoach', 'import', 'a.docx', '-c']); "
        "assert 'multiprocessing' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_only_the_resource_trackers_own_command_is_run():
    tracker = _launcher().TRACKER
    assert tracker.fullmatch("from multiprocessing.resource_tracker import main;main(7)")
    assert not tracker.fullmatch("from multiprocessing.resource_tracker import main;main(7);x()")
    assert not tracker.fullmatch("import os; os.system('x')")
