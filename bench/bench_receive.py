"""The level above at scale: receive N signed packages, then the matrix and the
consolidated workbook. Prints figures.

    .venv/bin/python bench/bench_receive.py [N ...] [--all-communes]

Default N = 100 and 1,000; --all-communes adds 3,321 (every commune-level unit). One
real package of the first-run demo is made and signed; the N packages are that one
re-addressed to N different offices (its data's office, uid and time changed, the
manifest re-listed and signed again with the same trial certificate), so making them
costs little and each is a sound, verifiable package. Then, timed: receive (verify,
keep, record), matrix, consolidate to XLSX; peak memory (max RSS) and cost per package,
which should stay flat as N grows. Targets: ≥ 50 packages/s, 3,321 in ≤ 70 s,
≤ 300 MB at 3,321.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent / "tests"),
                str(Path(__file__).resolve().parent.parent)]  # fmt: skip

from demo_files import DemoFiles  # noqa: E402
from demo_packages import CLOCK, PASS, demo_package, package_files, readdressed  # noqa: E402

from desktop.consolidation.matrix import matrix  # noqa: E402
from desktop.consolidation.receive import RECEIVED, receive  # noqa: E402
from desktop.consolidation.report import consolidated  # noqa: E402
from desktop.consolidation.roster import RosterEntry  # noqa: E402
from desktop.documents import saving  # noqa: E402
from desktop.domain.model import OfficeLevel  # noqa: E402
from desktop.package.verify import load_roots  # noqa: E402
from desktop.signing.sources import Pkcs12File  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402


def make_packages(template: Path, signer, count: int, folder: Path) -> list[RosterEntry]:
    """`count` packages from `template`, one per office 'Thử Nghiệm i'."""
    files = package_files(template)
    folder.mkdir(parents=True, exist_ok=True)
    offices = []
    for i in range(count):
        office = (f"Thử Nghiệm {i + 1}", "xa", f"T{i + 1:05d}")
        name, content, _ = readdressed(files, signer, office, CLOCK + timedelta(minutes=1))
        (folder / name).write_bytes(content)
        offices.append(RosterEntry(office[0], OfficeLevel.XA, office[2]))
    return offices


def run(count: int, template: Path, ca, work: Path) -> dict:
    signer = Pkcs12File(ca.signer, PASS).signer()
    start = time.perf_counter()
    offices = make_packages(template, signer, count, work / f"goi_{count}")
    made = time.perf_counter() - start
    with Workspace.open(work / f"tinh_{count}.db", create=True) as ws:
        ws.office.save("Thử Nghiệm", "tinh")
        ws.receiving.set_roster(offices)
        roots = load_roots([ca.root])
        start = time.perf_counter()
        outcomes = receive(ws, [work / f"goi_{count}"], roots)
        received = time.perf_counter() - start
        after_receive = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert sum(o.status == RECEIVED for o in outcomes) == count, outcomes[:3]
        start = time.perf_counter()
        rows = matrix(ws, "2025")
        matrix_s = time.perf_counter() - start
        start = time.perf_counter()
        saving.save(consolidated(ws, "2025"), work / f"tong_hop_{count}.xlsx")
        consolidate_s = time.perf_counter() - start
    assert len(rows) == count
    return {"made": made, "receive": received, "matrix": matrix_s, "consolidate": consolidate_s,
            "rss_receive": after_receive}  # fmt: skip


def main(counts: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="sokh-bench-receive-") as name:
        work = Path(name)
        ca, package = demo_package(DemoFiles.in_folder(work / "demo"), work / "xa", evidence=False)
        print(f"template package: {package.path.stat().st_size / 1024:.0f} KB")
        print(f"{'N':>6} {'receive s':>10} {'pkg/s':>7} {'ms/pkg':>7} {'matrix s':>9} "
              f"{'consolidate s':>14} {'RSS MB after receive':>21} {'max RSS MB':>11}")  # fmt: skip
        for count in counts:
            figures = run(count, package.path, ca, work)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            rate = count / figures["receive"]
            print(f"{count:>6} {figures['receive']:>10.1f} {rate:>7.0f} "
                  f"{1000 / rate:>7.1f} {figures['matrix']:>9.2f} "
                  f"{figures['consolidate']:>14.1f} {figures['rss_receive']:>21.0f} "
                  f"{rss:>11.0f}")  # fmt: skip
        print("targets: ≥ 50 packages/s; 3,321 in ≤ 70 s; ≤ 300 MB at 3,321; ms/pkg flat")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--all-communes", action="store_true", help="also N = 3,321")
    arguments = parser.parse_args()
    main(arguments.counts + ([3321] if arguments.all_communes else []))
