"""The bundle's files against the list kept in the repository (names, not sizes), so that a
file that comes or goes, a new dependency or a library the build machine happened to have,
is a reviewed change. `python scripts/bundle_files.py [DIR]` prints the difference and
fails; `--write` makes the bundle's list the expected one (commit it with the change that
explains it). One list per system: a Linux bundle carries system libraries a Windows one
does not."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def expected_list(system: str = sys.platform) -> Path:
    return ROOT / "build_spec" / f"bundle_files.{system}.txt"


def listing(folder: Path) -> list[str]:
    """Every file and link in the bundle, by its path inside it with '/' between parts."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_symlink() or path.is_file()
    )


def difference(expected: list[str], found: list[str]) -> list[str]:
    """The lines of a unified diff from the expected list to the bundle's (empty if same)."""
    return list(difflib.unified_diff(expected, found, "kỳ vọng", "bản đóng gói", lineterm="", n=0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "SoKeHoach")
    parser.add_argument("--write", action="store_true", help="ghi danh sách của bản này")
    parser.add_argument("--expected", type=Path, default=expected_list())
    args = parser.parse_args(argv)
    found, kept = listing(args.bundle), args.expected
    if args.write:
        kept.write_text("\n".join(found) + "\n", "utf-8")
        print(f"Đã ghi {len(found)} tệp vào {kept}")
        return 0
    expected = kept.read_text("utf-8").splitlines() if kept.is_file() else []
    if diff := difference(expected, found):
        print("\n".join(diff))
        print(
            f"Tệp trong {args.bundle} khác danh sách {kept}: xem lại, rồi "
            "ghi bằng scripts/bundle_files.py --write nếu thay đổi là đúng.",
            file=sys.stderr,
        )
        return 1
    print(f"{len(found)} tệp, đúng như {kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
