"""scripts/bundle_files.py, run as build and CI run it: a bundle's files against the list
kept in the repository, by name; a file come or gone is printed and fails the check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bundle_files.py"


def check(bundle: Path, expected: Path, *more: str) -> subprocess.CompletedProcess:
    run = [sys.executable, str(SCRIPT), str(bundle), "--expected", str(expected), *more]
    return subprocess.run(run, capture_output=True, text=True)


def test_a_file_come_or_gone_fails_the_check_and_is_named(tmp_path):
    bundle = tmp_path / "SoKeHoach"
    (bundle / "_internal" / "lib").mkdir(parents=True)
    (bundle / "SoKeHoach").write_bytes(b"\x7fELF")
    (bundle / "_internal" / "lib" / "libQt6Core.so.6").write_bytes(b"qt")
    (bundle / "_internal" / "libQt6Core.so.6").symlink_to("lib/libQt6Core.so.6")
    expected = tmp_path / "bundle_files.txt"
    assert check(bundle, expected, "--write").returncode == 0
    assert expected.read_text("utf-8").splitlines() == [
        "SoKeHoach", "_internal/lib/libQt6Core.so.6", "_internal/libQt6Core.so.6"
    ]  # fmt: skip
    same = check(bundle, expected)
    assert same.returncode == 0 and "3 tệp, đúng như" in same.stdout
    (bundle / "SoKeHoach").write_bytes(b"\x7fELF built again, another size")
    assert check(bundle, expected).returncode == 0  # names, not sizes
    (bundle / "_internal" / "libgtk-3.so.0").write_bytes(b"gtk")
    (bundle / "_internal" / "lib" / "libQt6Core.so.6").unlink()
    changed = check(bundle, expected)
    assert changed.returncode == 1
    assert "+_internal/libgtk-3.so.0" in changed.stdout.splitlines()
    assert "-_internal/lib/libQt6Core.so.6" in changed.stdout.splitlines()
    assert "scripts/bundle_files.py --write" in changed.stderr


def test_every_migration_is_in_the_expected_list():
    """A new migration ships as a file of its own: the list learns of it with the change
    that adds it, here, rather than at the end of a CI build."""
    root = SCRIPT.parent.parent
    listed = set((root / "build_spec" / "bundle_files.linux.txt").read_text("utf-8").split())
    shipped = {
        f"_internal/db/migrations/{p.name}" for p in (root / "db" / "migrations").glob("*.sql")
    }
    assert shipped - listed == set(), "run scripts/bundle_files.py --write after a build"
