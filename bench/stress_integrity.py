"""Stress the data rules: concurrent writers and a reader, then kill -9 inside changes.

    .venv/bin/python bench/stress_integrity.py [--seconds 60] [--writers 3] [--kills 50]

Phase 1: WRITERS processes for SECONDS each open the database (waiting for the writer
lock), make one change (a unit named after the writer and a counter, plus a task
assigned to it), close, and print the counter only after the change returned; a
reader process runs `status`-like reads all the while.
Phase 2: KILLS times, a writer keeping the database open makes changes that pause
inside their transaction, and is killed with SIGKILL at a random moment.
Prints acknowledged writes, rows found, lost and duplicated writes, integrity_check
and audit-chain results. Targets: 0 lost, 0 duplicates, 0 corrupt, 0 broken chains.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from pathlib import Path

import db
from desktop.workspace import Workspace

WRITER = textwrap.dedent(
    """
    import sys, time
    from desktop.workspace import Workspace
    path, name, until = sys.argv[1], sys.argv[2], float(sys.argv[3])
    n = 0
    while time.time() < until:
        n += 1
        with Workspace.open(path, actor=name, wait=30) as ws:
            with ws.change(f"Ghi thử {name} {n}"):
                unit = ws.units.add(f"{name}-{n}")
                section = ws.plans.sections(ws.plans.current().id)[0]
                ws.tasks.add(section.id, f"Nhiệm vụ {name}-{n}", [unit.name])
        print(n, flush=True)
    """
)

READER = textwrap.dedent(
    """
    import sys, time
    from desktop.workspace import Workspace
    from desktop.reports.status import build_status
    path, until = sys.argv[1], float(sys.argv[2])
    reads = 0
    while time.time() < until:
        with Workspace.open(path, read_only=True) as ws:
            plan = ws.plans.current()
            build_status(ws, plan, ws.periods.suggested(plan))
            reads += 1
    print(reads, flush=True)
    """
)

KILLED = textwrap.dedent(
    """
    import sys, time
    from desktop.workspace import Workspace
    ws = Workspace.open(sys.argv[1], actor="bị ngắt")
    section = ws.plans.sections(ws.plans.current().id)[0]
    n = int(sys.argv[2])
    while True:
        n += 1
        print(f"begin {n}", flush=True)
        with ws.change(f"Ghi trước khi bị ngắt {n}"):
            unit = ws.units.add(f"k-{n}")
            time.sleep(0.02)  # inside the transaction: where a power cut hurts
            ws.tasks.add(section.id, f"Nhiệm vụ k-{n}", [unit.name])
        print(f"done {n}", flush=True)
    """
)


def prepare(path: Path) -> None:
    with Workspace.open(path, create=True) as ws:
        plan = ws.plans.create("1/KH-UBND", "2026-01-05", "UBND xã", "Thử tải", 2026, 2026)
        ws.plans.add_section(plan.id, "I", "Mục thử")


def verify(path: Path) -> tuple[str, db.ChainReport, Counter]:
    database = db.open_database(path, read_only=True)
    try:
        integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
        chain = db.verify_chain(database)
        names = Counter(r[0] for r in database.execute("SELECT name FROM units"))
        return integrity, chain, names
    finally:
        database.close()


def concurrent(path: Path, writers: int, seconds: float) -> bool:
    until = time.time() + seconds
    procs = {
        f"w{k}": subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"w{k}", str(until)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(writers)
    }
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(path), str(until)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acknowledged: dict[str, int] = {}
    failures = 0
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=seconds + 120)
        lines = out.split()
        acknowledged[name] = int(lines[-1]) if lines else 0
        if proc.returncode != 0:
            failures += 1
            print(f"  writer {name} failed: {err.strip().splitlines()[-1:]}")
    reads, err = reader.communicate(timeout=120)
    integrity, chain, names = verify(path)
    expected = {f"{w}-{n}" for w, count in acknowledged.items() for n in range(1, count + 1)}
    lost = len(expected - set(names))
    duplicates = sum(c - 1 for c in names.values() if c > 1)
    print(f"concurrent phase: {writers} writers + 1 reader for {seconds:.0f} s")
    print(f"  acknowledged writes      {sum(acknowledged.values()):6d}  {acknowledged}")
    print(f"  rows found               {len(expected & set(names)):6d}")
    print(f"  lost acknowledged writes {lost:6d}")
    print(f"  duplicates               {duplicates:6d}")
    print(f"  reads by the reader      {int(reads.strip() or 0):6d}  (errors: {bool(err.strip())})")
    print(f"  writer failures          {failures:6d}")
    print(f"  integrity_check          {integrity}")
    print(f"  audit chain              intact={chain.intact} seals={chain.seals}")
    return not (lost or duplicates or failures or integrity != "ok" or not chain.intact)


def kills(path: Path, trials: int) -> bool:
    inside = lost = corrupt = broken = extra = 0
    counter = 0
    for _ in range(trials):
        proc = subprocess.Popen(
            [sys.executable, "-c", KILLED, str(path), str(counter)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        first = proc.stdout.readline()  # it is writing now
        time.sleep(random.uniform(0.0, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        lines = (first + rest).split("\n")
        done = [int(line.split()[1]) for line in lines if line.startswith("done")]
        started = [int(line.split()[1]) for line in lines if line.startswith("begin")]
        if started and (not done or started[-1] > done[-1]):
            inside += 1
        integrity, chain, names = verify(path)
        corrupt += integrity != "ok"
        broken += not chain.intact
        lost += sum(f"k-{n}" not in names for n in done)
        unacknowledged = [n for n in started if n not in done and f"k-{n}" in names]
        extra += len(unacknowledged)  # committed, killed before it could say so
        counter = max(started or [counter])
    print(f"kill -9 phase: {trials} trials, {inside} killed inside a change")
    print(f"  lost acknowledged writes {lost:6d}")
    print(f"  corrupt files            {corrupt:6d}")
    print(f"  broken audit chains      {broken:6d}")
    print(f"  committed, unacknowledged {extra:5d}  (the kill came between commit and print)")
    return not (lost or corrupt or broken)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--kills", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sokh-stress-"))
    path = folder / "stress.db"
    prepare(path)
    print(f"Python {sys.version.split()[0]}, database {path}")
    good = concurrent(path, args.writers, args.seconds)
    good = kills(path, args.kills) and good
    print("RESULT:", "all targets met" if good else "TARGETS MISSED")
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
