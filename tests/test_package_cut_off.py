"""A signed package is never on disk without the database knowing it (issue 23, point 3).

A kill between writing the .asice and the database's commit left a signed package that
passed `verify`, the period unlocked, and a rerun made a second, different lần 1. The
package is now written to a temporary, recorded with its period locked, then renamed;
a process killed (os._exit, as kill -9 leaves it) at each step leaves what the next
start finishes or discards, and says."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from demo_packages import CLOCK, PASS

from desktop.domain.periods import PeriodId
from desktop.signing.trial_ca import make_trial_ca
from desktop.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
# Where the child stops, as a kill would: the function it replaces by os._exit.
STEPS = {
    "before_commit": "desktop.services.packages.PackageService.record",
    "before_rename": "desktop.submission.build.put_in_place",
    "before_marked": "desktop.services.packages.PackageService.placed",
}


def _export_killed(db: Path, ca_signer: Path, out: Path, step: str) -> None:
    module, _, name = STEPS[step].rpartition(".")
    script = textwrap.dedent(
        f"""
        import importlib, os
        from desktop.domain.periods import PeriodId
        from desktop.signing.sources import Pkcs12File
        from desktop.submission import build
        from desktop.workspace import Workspace
        from demo_packages import CLOCK, PASS

        def killed(*args, **kwargs):
            os._exit(9)

        target = {module!r}
        try:
            owner = importlib.import_module(target)
        except ModuleNotFoundError:  # a class: module.Class
            mod, _, cls = target.rpartition(".")
            owner = getattr(importlib.import_module(mod), cls)
        setattr(owner, {name!r}, killed)
        ws = Workspace.open({str(db)!r}, clock=lambda: CLOCK, daily_backup=False)
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        build.make_package(ws, plan, period, Pkcs12File({str(ca_signer)!r}, PASS),
                           __import__("pathlib").Path({str(out)!r}))
        """
    )
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'tests'}{os.pathsep}{REPO}"}
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, check=False)
    assert done.returncode == 9, "the child was to be cut off at the step named"


@pytest.fixture
def office(tmp_path, demo_files):
    with demo_files.open(tmp_path / "tl.db", clock=lambda: CLOCK, actor=None) as ws:
        ws.document_settings.save(signer_name="Nguyễn Văn An")
    ca = make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS, CLOCK)
    out = tmp_path / "out"
    out.mkdir()
    return tmp_path / "tl.db", ca.signer, out


def _after(db: Path) -> tuple[list[str], list, bool]:
    """The warnings of the next start, the packages recorded, whether 2025 is locked."""
    with Workspace.open(db, clock=lambda: CLOCK, daily_backup=False) as ws:
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        return (
            list(ws.warnings),
            ws.packages.sent(plan.id, period.key),
            bool(ws.locks.active(plan.id, period.key)),
        )


def _packages_on_disk(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.suffix == ".asice")


@pytest.mark.parametrize("step", ["before_rename", "before_marked"])
def test_a_package_cut_off_after_its_record_is_finished(office, step):
    db, signer, out = office
    _export_killed(db, signer, out, step)
    warnings, sent, locked = _after(db)
    assert len(sent) == 1 and not sent[0].staged_as and locked
    assert any("ghi xong" in said for said in warnings), warnings
    on_disk = _packages_on_disk(out)
    assert [p.name for p in on_disk] == [sent[0].file_name]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary left
    import hashlib

    assert hashlib.sha256(on_disk[0].read_bytes()).hexdigest() == sent[0].sha256
    again, _, _ = _after(db)
    assert not any("ghi xong" in said for said in again)  # settled once


def test_a_package_whose_file_never_got_there_is_discarded(office):
    """The stick pulled after the record: the temporary is gone, the record and lock go
    too, and the clerk can export lần 1 again (one lần 1, never two)."""
    db, signer, out = office
    _export_killed(db, signer, out, "before_rename")
    for temporary in out.iterdir():
        temporary.unlink()
    warnings, sent, locked = _after(db)
    assert sent == [] and not locked
    assert any("đã hủy gói" in said for said in warnings), warnings


def test_a_package_cut_off_before_its_record_leaves_nothing(office):
    db, signer, out = office
    _export_killed(db, signer, out, "before_commit")
    warnings, sent, locked = _after(db)
    assert sent == [] and not locked and warnings == []  # nothing was recorded: nothing to say
    assert list(out.iterdir()) == []  # its temporary removed at the next start


def test_the_level_above_refuses_a_second_different_lan_1(tmp_path, demo_files):
    """What the kill made possible before: a rerun made a second, different lần 1, and
    the level above accepted both. The same office's own signer sending another lần 1 is
    refused, the first kept."""
    from datetime import UTC, datetime

    from desktop.consolidation.receive import QUARANTINED, RECEIVED, receive
    from desktop.consolidation.roster import read_roster
    from desktop.package.verify import load_roots
    from desktop.signing.sources import Pkcs12File
    from desktop.submission.build import make_package

    ca = make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS, CLOCK)
    made = []
    for copy in ("mot", "hai"):  # the same office's database, before and after a rerun
        (tmp_path / copy).mkdir()
        with demo_files.open(tmp_path / copy / "tl.db", clock=lambda: CLOCK, actor=None) as ws:
            ws.document_settings.save(signer_name="Nguyễn Văn An")
            plan = ws.plans.current()
            period = ws.periods.get(PeriodId.parse("2025"), plan.id)
            source = Pkcs12File(ca.signer, PASS)
            made.append(make_package(ws, plan, period, source, tmp_path / copy / "out").path)
    roster = tmp_path / "ds.csv"
    roster.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\n", "utf-8")
    arrived = datetime(2026, 11, 26, 3, tzinfo=UTC)
    with Workspace.open(tmp_path / "tinh.db", create=True, clock=lambda: arrived) as ws:
        ws.office.save("Hải Phòng", "tinh")
        ws.receiving.set_roster(read_roster(roster))
        first, second = receive(ws, made, load_roots([ca.root]))
        assert first.status == RECEIVED
        assert second.status == QUARANTINED and "đã nhận lần 1 của kỳ này" in second.detail
