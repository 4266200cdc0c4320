"""A signed package of the first-run demo, for the tests of packages and delivery."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from demo_files import DemoFiles

from desktop.domain.periods import PeriodId
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import TrialCA, make_trial_ca
from desktop.submission.build import Package, make_package
from desktop.workspace import Workspace

PASS = b"mat-khau-tap-huan"
# 25/11/2026 10:00 in Hà Nội: the 2025 reports are in, the trial CA is valid.
CLOCK = datetime(2026, 11, 25, 3, tzinfo=UTC)


def demo_package(
    demo_files: DemoFiles, folder: Path, evidence: bool = True
) -> tuple[TrialCA, Package]:
    """folder/tl.db with the demo (demo_files' copy of it, built on CLOCK), a trial CA in
    folder/ca, the 2025 package in folder/out (with one evidence file when asked)."""
    ca = make_trial_ca(folder / "ca", "Nguyễn Văn An", PASS, CLOCK)
    with demo_files.open(folder / "tl.db", clock=lambda: CLOCK, actor=None) as ws:
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


def change_a_result(ws: Workspace, plan, period, result: str) -> None:
    """Record the first reported task's latest report again with another result (the
    period must be open): what a correction after sending looks like."""
    item = next(i for i in ws.progress.overview(plan.id, period) if i.latest)
    report = item.latest
    ws.progress.record(
        item.task.id, period.key, report.status, report.percent, report.completed_on,
        result=result, occurrence=report.occurrence,
    )  # fmt: skip


def package_files(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def readdressed(
    files: dict[str, bytes],
    signer,
    office: tuple[str, str, str],
    submitted_at: datetime,
    *,
    sequence: int = 1,
    replaces: str | None = None,
) -> tuple[str, bytes, str]:
    """A real package's payload re-addressed to another office (name, level, code) and
    re-signed: (file name, bytes, uid). Cheap, and it verifies: the report keeps its pages,
    bound again to the new data (its uid and digest) and signed again by `signer`."""
    import asyncio
    import json
    import uuid

    from pyhanko.sign.signers.pdf_signer import PdfCMSSignedAttributes

    from desktop.domain.model import LEVEL_WORDS, OfficeLevel, iso_time
    from desktop.package import asice

    name, level, code = office
    data = json.loads(files["du_lieu.json"])
    uid = uuid.uuid4().hex
    data["office"].update(
        name=name, level=level, agency_code=code,
        committee=f"UBND {LEVEL_WORDS[OfficeLevel(level)]} {name}",
    )  # fmt: skip
    data["package"].update(uid=uid, sequence=sequence, replaces=replaces,
                           reason="Bổ sung" if replaces else "")  # fmt: skip
    data["changes"] = [] if sequence > 1 else None
    data["submitted_at"] = iso_time(submitted_at)
    report = rebound(files["bao_cao.pdf"], data, signer)
    payload = [
        (n, json.dumps(data, ensure_ascii=False).encode() if n == "du_lieu.json" else c)
        for n, c in files.items()
        if n != "mimetype" and not n.startswith("META-INF/")
    ]
    payload = [(n, report if n == "bao_cao.pdf" else c) for n, c in payload]
    manifest = asice.manifest(payload)
    cms = asyncio.run(
        signer.async_sign_general_data(
            manifest, "sha256", detached=True, use_cades=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=submitted_at),
        )
    )  # fmt: skip
    stamp = submitted_at.astimezone(CLOCK.tzinfo).strftime("%Y%m%dT%H%M%S")
    file_name = f"{code or 'x'}_{data['period']['id']}_79-kh-ubnd_l{sequence}_{stamp}.asice"
    return file_name, asice.container(payload, manifest, cms.dump()), uid


def rebound(signed: bytes, data: dict, signer) -> bytes:
    """The report as first written (its signature taken off), its keywords bound to
    `data` (same length: the file's offsets hold), signed again by `signer` (unseen)."""
    import io
    import re

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    from desktop.package.layout import report_digest

    end = signed.index(b"%%EOF") + len(b"%%EOF\n")
    original = signed[:end]
    keywords = rb"goi=[0-9a-f]{32}; du_lieu=[0-9a-f]{64}"
    new = f"goi={data['package']['uid']}; du_lieu={report_digest(data)}".encode()
    original, count = re.subn(keywords, new, original)
    assert count == 1, "the report carries no bound keywords"
    out = io.BytesIO()
    signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(original), strict=False),
        signers.PdfSignatureMetadata(field_name="ChuKy"),
        signer=signer,
        output=out,
    )
    return out.getvalue()
