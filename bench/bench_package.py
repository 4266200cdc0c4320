"""The signed package beside the unsigned documents it holds, and the verifier's rate.
Prints figures.

    .venv/bin/python bench/bench_package.py [--runs N] [--verify N]

On the first-run demo (phường Trần Liêu, year 2025) with a trial CA, in the same run:
the report written unsigned as PDF + XLSX (model, both writers, both files to disk),
then the package (the same, plus the PAdES signature, the JSON and its schema check,
the manifest, the CAdES signature, the zip, one database change). The period is
reopened between runs, outside the timings. Then `verify` over the package N times.
Targets: package ≤ 1.5 s and ≤ 2× the unsigned documents; verify ≥ 20 packages/s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.demo import build_demo
from desktop.documents import saving
from desktop.domain.periods import PeriodId
from desktop.package.verify import load_roots, verify_file
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.submission.build import make_package
from desktop.submission.document import submission
from desktop.workspace import Workspace

PASS = b"bench"
CLOCK = datetime(2026, 11, 25, 3, tzinfo=UTC)


def main(runs: int, verifications: int) -> None:
    with tempfile.TemporaryDirectory(prefix="sokh-bench-package-") as name:
        folder = Path(name)
        ca = make_trial_ca(folder / "ca", "Nguyễn Văn An", PASS, CLOCK)
        source = Pkcs12File(ca.signer, PASS)
        unsigned, signed = [], []
        with Workspace.open(folder / "tl.db", create=True, clock=lambda: CLOCK) as ws:
            build_demo(ws)
            ws.document_settings.save(signer_name="Nguyễn Văn An")
            plan = ws.plans.current()
            period = ws.periods.get(PeriodId.parse("2025"), plan.id)
            package = None
            for run in range(runs + 1):  # the first run warms caches and is not counted
                start = time.perf_counter()
                document = submission(ws, plan, period).document
                saving.save(document, folder / "bao_cao.pdf")
                saving.save(document, folder / "bao_cao.xlsx")
                middle = time.perf_counter()
                package = make_package(ws, plan, period, source, folder / "out")
                end = time.perf_counter()
                ws.locks.reopen(plan.id, period, f"Đo lần {run + 1}")
                if run:
                    unsigned.append(middle - start)
                    signed.append(end - middle)
        roots = load_roots([ca.root])
        times = []
        for _ in range(verifications):
            start = time.perf_counter()
            verdict = verify_file(package.path, roots)
            times.append(time.perf_counter() - start)
        assert verdict.accepted, verdict.render()
    plain, made = statistics.median(unsigned), statistics.median(signed)
    print(f"demo Trần Liêu, năm 2025; medians of {runs} runs")
    print(f"unsigned PDF + XLSX written   {1000 * plain:8.0f} ms")
    print(f"signed package written        {1000 * made:8.0f} ms   ({made / plain:.2f}x unsigned;"
          " targets ≤ 1500 ms and ≤ 2x)")  # fmt: skip
    each = statistics.median(times)
    print(f"verify, median of {verifications}       {1000 * each:8.1f} ms   "
          f"({1 / each:.0f} packages/s; target ≥ 20/s)")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--verify", type=int, default=30)
    arguments = parser.parse_args()
    main(arguments.runs, arguments.verify)
