"""Hostile inputs at their limits (issue 22): each as a whole `verify` process and a whole
`receive` process, measured by /usr/bin/time -v (wall time, peak memory). Prints figures.

    .venv/bin/python bench/bench_hostile.py [--runs N] [--evidence N]

Inputs: the genuine demo package with N evidence files (default 5,000: target ≤ 2 s);
a file of random bytes just under the package size limit (250 MB); a zip that unpacks
to just under the unpacked limit (200 MB, stored); a sparse 2 GB file; a named pipe.
Targets: each ≤ 2 s and ≤ 200 MB. Medians of N runs.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyhanko.sign.signers.pdf_signer import PdfCMSSignedAttributes

from desktop.demo import build_demo
from desktop.domain.periods import PeriodId
from desktop.package import asice
from desktop.package.verify import MAX_PACKAGE_BYTES
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.submission.build import make_package
from desktop.workspace import Workspace

PASS = b"bench"
CLOCK = datetime(2026, 11, 25, 3, tzinfo=UTC)
PYTHON = sys.executable
ROOT = Path(__file__).resolve().parent.parent


def _with_evidence(package: Path, count: int, signer: Pkcs12File) -> bytes:
    """The package with `count` small evidence files more, listed in a manifest signed
    again: what an office attaching a scan per task for years would send."""
    with zipfile.ZipFile(package) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    payload = [
        (n, c) for n, c in files.items() if n != "mimetype" and not n.startswith("META-INF/")
    ]
    payload += [
        (f"minh_chung/{i:08x}_bien-ban.pdf", b"%PDF-1.4 " + os.urandom(64)) for i in range(count)
    ]
    manifest = asice.manifest(payload)
    cms = asyncio.run(
        signer.signer().async_sign_general_data(
            manifest, "sha256", detached=True, use_cades=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=CLOCK),
        )
    )  # fmt: skip
    return asice.container(payload, manifest, cms.dump())


def _unpacking_to_the_limit() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        first = zipfile.ZipInfo("mimetype")
        archive.writestr(first, asice.MIMETYPE)
        big = zipfile.ZipInfo("minh_chung/00000000_lon.bin")
        archive.writestr(big, os.urandom(asice.MAX_TOTAL_BYTES - 1024))  # stored: ratio 1
    return buffer.getvalue()


def _measure(args: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one process, by /usr/bin/time -v."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", PYTHON, "-m", "desktop", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    assert wall, done.stderr[-2000:]
    hours, minutes, seconds = int(wall[1] or 0), int(wall[2]), float(wall[3])
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert peak, done.stderr[-2000:]
    return hours * 3600 + minutes * 60 + seconds, int(peak[1]) / 1024


def main(runs: int, evidence: int) -> None:
    with tempfile.TemporaryDirectory(prefix="sokh-bench-hostile-") as name:
        folder = Path(name)
        ca = make_trial_ca(folder / "ca", "Nguyễn Văn An", PASS, CLOCK)
        with Workspace.open(folder / "tl.db", create=True, clock=lambda: CLOCK) as ws:
            build_demo(ws)
            ws.document_settings.save(signer_name="Nguyễn Văn An")
            plan = ws.plans.current()
            period = ws.periods.get(PeriodId.parse("2025"), plan.id)
            package = make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), folder / "out")
        inputs = folder / "vao"
        inputs.mkdir()
        many = inputs / package.path.name  # its own name: the name check still holds
        many.write_bytes(_with_evidence(package.path, evidence, Pkcs12File(ca.signer, PASS)))
        noise = inputs / "ngau_nhien.asice"
        noise.write_bytes(os.urandom(MAX_PACKAGE_BYTES - 1024))
        unpacked = inputs / "giai_nen_toi_han.asice"
        unpacked.write_bytes(_unpacking_to_the_limit())
        sparse = inputs / "thua_2gb.asice"
        with open(sparse, "wb") as handle:
            handle.truncate(2 * 1024**3)
        pipe = inputs / "ong.asice"
        os.mkfifo(pipe)
        print(f"Gói có {evidence:,} minh chứng: {many.stat().st_size / 1e6:.1f} MB")
        cases = [
            (
                f"verify, {evidence:,} evidence files",
                ["verify", str(many), "--trust", str(ca.root)],
            ),
            ("verify, 250 MB of random bytes", ["verify", str(noise)]),
            ("verify, a zip unpacking to 200 MB", ["verify", str(unpacked)]),
            ("verify, a sparse 2 GB file", ["verify", str(sparse)]),
            ("verify, a named pipe", ["verify", str(pipe)]),
        ]
        for label, args in cases:
            figures = [_measure(args) for _ in range(runs)]
            wall = statistics.median(f[0] for f in figures)
            peak = statistics.median(f[1] for f in figures)
            verdict = "đạt" if wall <= 2 and peak <= 200 else "KHÔNG ĐẠT"
            print(f"{label:42} {wall:6.2f} s {peak:7.1f} MB  [{verdict}]")
        figures = []
        for run in range(runs):
            db = folder / f"tinh_{run}.db"
            init = ["--db", str(db), "init", "--name", "Hải Phòng", "--level", "tinh"]
            subprocess.run(
                [PYTHON, "-m", "desktop", *init], capture_output=True, cwd=ROOT, check=True
            )
            taking = ["--db", str(db), "receive", str(inputs), "--trust", str(ca.root), "--json"]
            figures.append(_measure(taking))
        wall = statistics.median(f[0] for f in figures)
        peak = statistics.median(f[1] for f in figures)
        print(f"{'receive, the five inputs in one batch':42} {wall:6.2f} s {peak:7.1f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--evidence", type=int, default=5000)
    options = parser.parse_args()
    main(options.runs, options.evidence)
