"""The speed the one-function-per-use-case structure should give, measured against an
earlier commit in the same run (this machine is shared and noisy: only ratios of
medians taken side by side mean anything).

    .venv/bin/python bench/bench_structure.py --base f7187d5 [--packages 1000] [--runs 5]

The earlier commit is checked out in a temporary worktree and run from there, through
the command line both share (its own modules, not this tree's: the editable install's
finder is kept out of its way). Figures, each the median over the runs, both trees
taking turns:
- verify: one package checked by `python -m desktop verify` as a whole process, and the
  modules the verifier imports (target: ≤ 0.5 s);
- receive: N packages taken in by `python -m desktop receive` with its spawned workers
  (target: ≥ 50 packages/s at N = 1,000);
- status: the whole `status` command, and how many times it builds the plan calendar
  (target: once); the same count for one refresh of the main window.
The N packages are one real demo package re-addressed to N offices (bench_receive.py's
way): sound, signed, verifiable by both trees.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from demo_files import DemoFiles  # noqa: E402
from demo_packages import CLOCK, PASS, demo_package, package_files, readdressed  # noqa: E402

from desktop.signing.sources import Pkcs12File  # noqa: E402

# Run in a tree's interpreter: counts PlanCalendar objects made by one CLI command.
COUNT_STATUS = """
import importlib, sys
for name in ("desktop.domain.plan_calendar", "desktop.schedule"):
    try:
        calendars = importlib.import_module(name)
        break
    except ImportError:
        pass
built = [0]
made = calendars.PlanCalendar.__init__
def counted(self, *args, **kwargs):
    built[0] += 1
    made(self, *args, **kwargs)
calendars.PlanCalendar.__init__ = counted
from desktop.cli import main
main(sys.argv[1:])
print("CALENDARS", built[0], file=sys.stderr)
"""
# The same count for one refresh of the main window after a change, offscreen.
COUNT_REFRESH = COUNT_STATUS.replace(
    "from desktop.cli import main\nmain(sys.argv[1:])",
    """from PySide6.QtWidgets import QApplication
from desktop.workspace import Workspace
from ui.main_window import MainWindow
app = QApplication([])
ws = Workspace.open(sys.argv[1])
window = MainWindow(ws)
ws.document_settings.save(place="Trần Liêu")  # the figures may have moved: count again
built[0] = 0
window.refresh()""",
)
COUNT_MODULES = (
    "import sys, time; t = time.perf_counter(); import desktop.package.verify; "
    "print(len(sys.modules), round(time.perf_counter() - t, 3))"
)
# Keeps the editable install of this tree from answering for the other tree's modules.
SITECUSTOMIZE = """import sys
def ours(hook):
    return "editable" in getattr(hook, "__module__", "").lower()
sys.meta_path[:] = [f for f in sys.meta_path if not ours(f)]
sys.path_hooks[:] = [h for h in sys.path_hooks if not ours(h)]
"""


class Tree:
    def __init__(self, name: str, path: Path, site: Path | None = None):
        self.name, self.path = name, path
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        paths = ([str(site)] if site else []) + [str(path)]
        self.env["PYTHONPATH"] = os.pathsep.join(paths)

    def run(self, *args: str, code: str | None = None) -> tuple[float, str, str]:
        command = [sys.executable, *(["-c", code] if code else ["-m", "desktop"]), *args]
        start = time.perf_counter()
        done = subprocess.run(
            command, cwd=self.path, env=self.env, capture_output=True, text=True, timeout=3600
        )
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{self.name}: {' '.join(args)}\n{done.stderr[-2000:]}")
        return elapsed, done.stdout, done.stderr


def _calendars(stderr: str) -> int:
    return int(stderr.rsplit("CALENDARS", 1)[1].split()[0])


def make_packages(work: Path, count: int) -> tuple[Path, Path, Path, Path]:
    """(one package, the folder of `count`, the roster CSV, the trusted root)."""
    ca, template = demo_package(DemoFiles.in_folder(work / "demo"), work / "xa", evidence=False)
    files, signer = package_files(template.path), Pkcs12File(ca.signer, PASS).signer()
    folder = work / "goi"
    folder.mkdir()
    lines = ["Tên đơn vị;Cấp;Mã định danh"]
    for i in range(count):
        office = (f"Thử Nghiệm {i + 1}", "xa", f"T{i + 1:05d}")
        name, content, _ = readdressed(files, signer, office, CLOCK + timedelta(minutes=1))
        (folder / name).write_bytes(content)
        lines.append(f"{office[0]};Xã;{office[2]}")
    roster = work / "danh_sach.csv"
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return template.path, folder, roster, ca.root


def measure(tree: Tree, work: Path, run: int, package, folder, roster, root) -> dict:
    figures: dict[str, float] = {}
    figures["verify"], _, _ = tree.run(
        "--db", str(work / "none.db"), "verify", str(package), "--trust", str(root)
    )
    demo = work / f"{tree.name}_demo.db"
    if not demo.exists():
        tree.run("--db", str(demo), "demo")
    figures["status"], _, _ = tree.run("--db", str(demo), "status")
    upper = work / f"{tree.name}_{run}_tinh.db"
    tree.run("--db", str(upper), "init", "--name", "Thử Nghiệm", "--level", "tinh")
    tree.run("--db", str(upper), "roster", str(roster))
    elapsed, out, _ = tree.run("--db", str(upper), "receive", str(folder), "--trust", str(root))
    assert out.count("[đã nhận]") == len(list(folder.iterdir())), out[-500:]
    figures["receive"] = elapsed
    return figures


def once(tree: Tree, work: Path) -> dict:
    """What does not vary from run to run: counts."""
    demo = work / f"{tree.name}_demo.db"
    _, _, err = tree.run("--db", str(demo), "status", code=COUNT_STATUS)
    _, _, window = tree.run(str(demo), code=COUNT_REFRESH)
    _, modules, _ = tree.run(code=COUNT_MODULES)
    return {
        "status_calendars": _calendars(err),
        "refresh_calendars": _calendars(window),
        "verifier_modules": int(modules.split()[0]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="the earlier commit to compare with")
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sokh-bench-structure-") as name:
        work = Path(name)
        base_path, site = work / "base", work / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base_path), options.base],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        try:
            trees = [Tree("base", base_path, site), Tree("now", ROOT)]
            package, folder, roster, root = make_packages(work, options.packages)
            runs: dict[str, list[dict]] = {tree.name: [] for tree in trees}
            for run in range(options.runs):
                for tree in trees if run % 2 == 0 else reversed(trees):
                    runs[tree.name].append(measure(tree, work, run, package, folder, roster, root))
            counts = {tree.name: once(tree, work) for tree in trees}
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base_path)], cwd=ROOT, check=False
            )
    median = {
        name: {key: statistics.median(r[key] for r in found) for key in found[0]}
        for name, found in runs.items()
    }
    base, now = median["base"], median["now"]
    count = options.packages
    print(f"{options.runs} runs each, medians; base {options.base}, now the working tree")
    print(f"{'':34}{'base':>10}{'now':>10}{'now/base':>10}")
    rows = [
        ("verify, whole process (s)", base["verify"], now["verify"]),
        (f"receive {count} packages (s)", base["receive"], now["receive"]),
        ("receive (packages/s)", count / base["receive"], count / now["receive"]),
        ("status, whole process (s)", base["status"], now["status"]),
    ]
    for label, old, new in rows:
        print(f"{label:34}{old:>10.2f}{new:>10.2f}{new / old:>10.2f}")
    for key, label in (
        ("verifier_modules", "modules the verifier imports"),
        ("status_calendars", "plan calendars built by status"),
        ("refresh_calendars", "plan calendars built by a refresh"),
    ):
        print(f"{label:34}{counts['base'][key]:>10}{counts['now'][key]:>10}")
    print("targets: verify ≤ 0.5 s; receive ≥ 50 packages/s at N = 1,000; one calendar each")


if __name__ == "__main__":
    main()
