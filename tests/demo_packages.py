"""A signed package of the first-run demo, for the tests of packages and delivery."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from desktop.demo import build_demo
from desktop.package.build import Package, make_package
from desktop.periods import PeriodId
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import TrialCA, make_trial_ca
from desktop.workspace import Workspace

PASS = b"mat-khau-tap-huan"
# 25/11/2026 10:00 in Hà Nội: the 2025 reports are in, the trial CA is valid.
CLOCK = datetime(2026, 11, 25, 3, tzinfo=UTC)


def demo_package(folder: Path, evidence: bool = True) -> tuple[TrialCA, Package]:
    """folder/tl.db with the demo, a trial CA in folder/ca, the 2025 package in
    folder/out (with one evidence file when asked)."""
    ca = make_trial_ca(folder / "ca", "Nguyễn Văn An", PASS, CLOCK)
    with Workspace.open(folder / "tl.db", create=True, clock=lambda: CLOCK) as ws:
        build_demo(ws)
        ws.document_settings.save(signer_name="Nguyễn Văn An")
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        if evidence:
            reported = next(i for i in ws.progress.overview(plan.id, period) if i.latest)
            ws.attachments.add(
                "progress_id", reported.latest.id, "Biên bản nghiệm thu.pdf", b"%PDF x"
            )
        package = make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), folder / "out")
    return ca, package
