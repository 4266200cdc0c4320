"""Fault campaign for issue 23, «Nothing lost under faults»: every command that writes a
file killed at any moment, its folder pulled or made read-only, its database hit by a bit
flip or given another database's log, its inputs made hostile; then what was lost,
duplicated, corrupt or left behind, and every traceback.

    .venv/bin/python bench/fault_campaign.py            # 5 to 9 minutes on 2 shared cores
    .venv/bin/python bench/fault_campaign.py --quick    # 2 to 2.5 minutes
    .venv/bin/python bench/fault_campaign.py --only 1,5 --kill-trials 10 --seed 7
    .venv/bin/python bench/fault_campaign.py --quick --repo /tmp/other-checkout --verbose

Scenarios (`--only` takes their numbers):
1. kill -9 at a random moment of `package`, `backup --out`, `annex --out`, `report --out`
   (.pdf and .xlsx in turn), `receive` (a batch of distinct packages, so it uses worker
   processes), `restore --yes` and `deliver --usb`; the moment is drawn over the length of
   a normal run of the same command, measured first.
2. kill -9 as soon as a new name (any file, hidden temporaries too) appears in the
   command's output folder, polled every millisecond: at the 1st, 2nd or 3rd new name.
3. `receive` killed once its workers are up: processes of the killed batch still alive
   5 s later, and temporaries left after the next run.
4. pulled stick: the stick removed (shutil.rmtree) or made read-only (a tmpfs remounted
   read-only) at a random moment of `deliver --usb` and `backup --out`; the source folder
   removed during `receive` (the read-only stick needs root, for mount; without it the
   folder is chmod 0555, which root ignores: said in the notes).
5. one bit flipped (offset ≥ 100) in copies of the demo database, then `status`,
   `settings --place` and `backup --out`.
6. another database's -wal (and -shm) beside the demo database, then `status` and
   `settings --place`.
7. bad input files for `import`, `roster`, `receive` and `restore`: empty, random bytes,
   truncated, zip bombs, folders, missing paths, NUL and invisible characters, one
   column, cp1258 and UTF-16, .xls renamed, names with control characters.
8. bench/stress_integrity.py (concurrent writers, then kill -9 inside changes).

After each kill the next normal run is `status --json` on the same database; then:
the database passes PRAGMA integrity_check (on a copy) and its audit chain is intact;
every .pdf/.xlsx/.asice/.db under a final name in the output folders and `sao_luu` is
whole (pdftotext, openpyxl, zipfile.testzip, integrity_check); temporaries (hidden names
ending .tmp/.dang_chep, or of ours, `.skh-`, and SQLite's -journal/-wal/-shm beside them),
journals of unfinished writes and processes of the killed command count as leftovers;
what the command said it had done and the database no longer knows counts as lost, a
file on disk the database does not know as duplicated. The command is then run again
and must succeed (a failure is said in the details). Per command:
- package: every package record of the period has its file on disk, whole; every
  .asice there is known to the database (else duplicated: a second lần 1 after the run
  again is one); a package the killed run printed is recorded.
- receive: every package it printed as received is recorded; every record has its kept
  file, every kept file its record; after the run again, the whole batch is received.
- restore: the data is the old (its place name MARK) or the backup's, and then the old
  is kept in sao_luu.
- annex: the folder holds last month's set or the new one, never half of each, and the
  clerk's own file beside it.
- deliver: a delivery recorded has its copy on the stick, and every copy is the package.
Tracebacks: a Python traceback on stderr, or the command line's «Lỗi ngoài dự kiến» (an
exception it did not expect, caught and logged). Tracebacks written only to the error
log (nhat_ky/so_ke_hoach.log) are a note ("logged tracebacks"), each in the details.

Every command runs as `python -m desktop` in a process of its own, on the real clock, in
folders under /tmp removed at the end (--keep leaves them), with its own data folder
(XDG_DATA_HOME). Prints a Markdown table and the failing trials; exits 0: it measures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import unicodedata
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent  # --repo: the code under test elsewhere
PYTHON = sys.executable
PASS_ENV, PASS = "MAT_KHAU", "mat-khau-tap-huan"
PERIOD = "2025"
SIGNER = "Nguyễn Văn An"
MARK = "Trước khôi phục"  # the place name in the data a restore replaces
TIMEOUT = 120.0  # seconds, for any one command
TAG = "SKH_FAULT_CAMPAIGN"  # in the environment of every process a trial starts
SIDES = ("-journal", "-wal", "-shm")
VERBOSE = False  # --verbose: every trial in the details
COLUMNS = ("lost", "duplicated", "corrupt", "leftovers", "tracebacks")
UNEXPECTED = "Lỗi ngoài dự kiến"  # the command line's words for an exception it did not expect
KILLED_COMMANDS = ("package", "backup", "annex", "report", "receive", "restore", "deliver")


def short(text: str, length: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# Runs and trials ---------------------------------------------------------------------------


@dataclass
class Run:
    """One `python -m desktop` process, ended."""

    argv: list[str]
    rc: int | None  # None: still running after TIMEOUT, killed
    out: str
    err: str
    seconds: float

    @property
    def traceback(self) -> bool:
        """A traceback, or the exception the command line caught and logged instead."""
        return "Traceback" in self.err or UNEXPECTED in self.err

    @property
    def last_line(self) -> str:
        for text in (self.err, self.out):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if lines:
                return lines[-1][:240]
        return ""


@dataclass
class Trial:
    """What one trial found: the table's columns, the notes' counters, the findings."""

    scenario: str
    command: str
    counts: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)
    found: list[str] = field(default_factory=list)
    moment: str = ""
    last_err: str = ""
    problem: bool = False  # something outside the columns went wrong (a retry failed…)
    notable: bool = False  # listed in the details though nothing failed (a silent damage)
    counted: set = field(default_factory=set)

    def add(self, column: str, what: str, n: int = 1, once: str = "") -> None:
        """Count `n` in `column`; a finding `once` names (a file) counts once a trial."""
        if once:
            if (column, once) in self.counted:
                return
            self.counted.add((column, once))
        if n:
            self.counts[column] += n
            self.found.append(f"{column}: {what}")

    def note(self, key: str, what: str = "", *, problem: bool = False) -> None:
        self.notes[key] += 1
        if what:
            self.found.append(what)
        self.problem |= problem

    def saw(self, run: Run, what: str) -> Run:
        """Count the run's traceback and remember its last line."""
        if run.rc is None:
            self.note("timed out", f"{what}: still running after {TIMEOUT:.0f} s", problem=True)
        if run.traceback:
            self.add("tracebacks", f"{what}: {exception_line(run.err)}")
        if run.err.strip():
            self.last_err = f"{what}: {run.last_line}"
        return run

    def succeeded(self, run: Run, what: str) -> bool:
        """The run should have succeeded: said in the details when it did not."""
        self.saw(run, what)
        if run.rc != 0:
            self.note(
                f"{what} failed", f"{what} failed (exit {run.rc}): {run.last_line}", problem=True
            )
        return run.rc == 0

    @property
    def failed(self) -> bool:
        return self.problem or any(self.counts[c] for c in COLUMNS)


def exception_line(err: str) -> str:
    """The exception a traceback ends with."""
    if "Traceback" not in err and UNEXPECTED in err:
        return err[err.index(UNEXPECTED) :].split(")")[0][:240] + ")"
    lines = err[err.rfind("Traceback") :].splitlines()
    tail = [line for line in lines if line and not line.startswith(" ")]
    return (tail[-1] if tail else lines[-1] if lines else "")[:240]


@dataclass
class Row:
    """One line of the table."""

    scenario: str
    trials: list[Trial]
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def total(self, column: str) -> int:
        return sum(t.counts[column] for t in self.trials)

    def notes_text(self) -> str:
        merged: Counter = Counter()
        for trial in self.trials:
            merged.update(trial.notes)
        said = [f"{key} {n}" for key, n in sorted(merged.items())] + self.notes
        return "; ".join([*said, f"{self.seconds:.0f} s"])


# The file system ---------------------------------------------------------------------------


def is_temporary(name: str) -> bool:
    """A temporary of ours or of SQLite beside one: left behind if it outlives its writer."""
    for side in SIDES:
        name = name.removesuffix(side)
    return name.startswith(".") and (name.endswith((".tmp", ".dang_chep")) or "skh" in name)


def walk(folder: Path, depth: int = 3) -> Iterator[Path]:
    """What `folder` holds, `depth` levels down, without entering temporaries."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        yield path
        if depth > 1 and entry.is_dir(follow_symlinks=False) and not is_temporary(entry.name):
            yield from walk(path, depth - 1)


def final_files(folder: Path) -> list[Path]:
    """The files under a final name (not hidden, not in a hidden folder)."""
    return [
        p
        for p in walk(folder)
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def copy_db(source: Path, folder: Path, name: str | None = None) -> Path:
    """A copy of a database file (and its log, when there is one) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / (name or source.name)
    shutil.copyfile(source, dest)
    for side in ("-wal",):
        log_file = source.with_name(source.name + side)
        if log_file.exists():
            shutil.copyfile(log_file, dest.with_name(dest.name + side))
    return dest


def _copy_for_reading(path: Path) -> tuple[Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix="fault-campaign-read-"))
    return folder, copy_db(path, folder, "copy.db")


def integrity(path: Path) -> str:
    """PRAGMA integrity_check of a copy of `path` (with its log): 'ok' or what it says."""
    folder, copy = _copy_for_reading(path)
    try:
        connection = sqlite3.connect(copy)
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
        said = "; ".join(str(r[0]) for r in rows[:3])
        return said if said else "no answer"
    except (sqlite3.Error, OSError, ValueError) as exc:  # UnicodeDecodeError: a damaged name
        return f"{type(exc).__name__}: {exc}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def query(path: Path, sql: str, parameters: tuple = ()) -> list[sqlite3.Row] | None:
    """Rows from a copy of the database; None when it cannot be read."""
    folder, copy = _copy_for_reading(path)
    try:
        connection = sqlite3.connect(copy)
        connection.row_factory = sqlite3.Row
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def incomplete(path: Path) -> str | None:
    """Why the output at `path` is not whole, or None."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            with path.open("rb") as file:
                file.seek(max(0, path.stat().st_size - 2048))
                if b"%%EOF" not in file.read():
                    return "PDF without %%EOF"
            if shutil.which("pdftotext"):
                line = ["pdftotext", "-q", str(path), os.devnull]
                done = subprocess.run(line, capture_output=True, timeout=60)
                return None if done.returncode == 0 else f"pdftotext exit {done.returncode}"
            import pypdfium2

            pypdfium2.PdfDocument(str(path)).close()
        elif suffix == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True)
            for sheet in book.worksheets:
                for _ in sheet.iter_rows(values_only=True):
                    pass
            book.close()
        elif suffix == ".asice":
            with zipfile.ZipFile(path) as archive:
                bad = archive.testzip()
            return None if bad is None else f"zip entry {bad} damaged"
        elif suffix == ".db":
            said = integrity(path)
            return None if said == "ok" else f"integrity_check: {said}"
    except Exception as exc:  # whatever the reader raises says the file is not whole
        return f"{type(exc).__name__}: {str(exc)[:120]}"
    return None


# Processes ---------------------------------------------------------------------------------


def running(pid: int) -> bool:
    """Not ended (a zombie waiting for its parent has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def tagged(tag: str, whole: bool = True) -> list[int]:
    """The running processes a trial started, whoever their parent is now (by the tag in
    their environment, which the workers inherit); `whole=False`: every tag it begins."""
    needle = f"{TAG}={tag}".encode() + (b"\0" if whole else b"")
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                if needle in Path(f"/proc/{entry}/environ").read_bytes() and running(int(entry)):
                    found.append(int(entry))
            except OSError:
                continue
    return found


def descendants(pid: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    found, frontier = [], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def command_line(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    return raw.replace(b"\0", b" ").decode("utf-8", "replace").strip()[:100]


def leftover_processes(tag: str, wait: float) -> list[str]:
    """The trial's processes still alive `wait` seconds from now (ended by us after)."""
    deadline = time.monotonic() + wait
    alive = tagged(tag)
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = tagged(tag)
    said = [f"pid {pid}: {command_line(pid)}" for pid in alive]
    for pid in alive:
        with suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return said


def logged(trial: Trial, place: Place) -> None:
    """Tracebacks the trial's commands wrote to their error log (the command line logs an
    exception it did not expect, and `receive` one a file raised): a note, with each
    exception in the details."""
    for path in place.data.glob("*/nhat_ky/*.log"):
        text = path.read_text("utf-8", "replace")
        for part in text.split("Traceback")[1:]:
            entry = re.split(r"\n\d{4}-\d\d-\d\d \d\d:", part)[0]  # up to the next entry
            trial.note("logged tracebacks", f"logged: {exception_line('Traceback' + entry)}")
            trial.notable = True


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


# The campaign ------------------------------------------------------------------------------


@dataclass
class Started:
    """A command started, not yet ended."""

    proc: subprocess.Popen
    argv: list[str]
    at: float
    out: Path
    err: Path

    def finish(self) -> Run:
        try:
            rc: int | None = self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            rc = None
        seconds = time.monotonic() - self.at
        out = self.out.read_text("utf-8", "replace")
        err = self.err.read_text("utf-8", "replace")
        return Run(self.argv, rc, out, err, seconds)


@dataclass
class Place:
    """A trial's folder: its data folder and the tag of its processes."""

    path: Path
    tag: str

    @property
    def data(self) -> Path:
        return self.path / "du_lieu"


@dataclass
class Fixtures:
    ca: Path  # root.pem, signer.p12
    demo: Path  # phường Trần Liêu's demo, the signer's name set
    marked: Path  # the same, its place name set to MARK
    sent: Path | None  # the demo after `package --period 2025` (None: package failed)
    package: Path | None  # that package
    backup: Path  # a backup of the demo
    other: Path  # xã Hưng Nguyên's demo: another database
    annex_old: Path  # last month's annexes: names of the real set, other bytes
    tinh: Path  # a level-above database with the batch's offices on its roster
    batch: Path  # a folder of distinct signed packages
    batch_sha: dict[str, str]  # name -> SHA-256
    roster: Path
    package_sha: str = ""


class Campaign:
    def __init__(self, root: Path, args: argparse.Namespace):
        self.root, self.args = root, args
        self.run_tag = uuid.uuid4().hex[:10]
        self.count = 0
        self.mounts: list[Path] = []
        self.seconds: dict[str, float] = {}
        self.baseline_failed: dict[str, str] = {}
        self.missing: dict[str, str] = {}  # fixtures that could not be made, and why
        self.notes: list[str] = []  # for the end of the report
        self.fx: Fixtures

    # places and processes

    def place(self, name: str) -> Place:
        self.count += 1
        path = self.root / f"{self.count:04d}-{name}"
        path.mkdir(parents=True)
        return Place(path, f"{self.run_tag}-{self.count}")

    def done_with(self, place: Place) -> None:
        for point in [m for m in self.mounts if place.path in m.parents]:
            self.unmount(point)
        if not self.args.keep:
            shutil.rmtree(place.path, ignore_errors=True)

    def env(self, place: Place) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("SO_KE_HOACH_DB", None)
        env.update(
            XDG_DATA_HOME=str(place.data),
            XDG_CONFIG_HOME=str(place.path / "cau_hinh"),
            XDG_CACHE_HOME=str(place.path / "bo_nho_dem"),
            QT_QPA_PLATFORM="offscreen",
            PYTHONUNBUFFERED="1",  # what a command printed is what it had done when killed
            PYTHONDONTWRITEBYTECODE="1",
        )
        env[PASS_ENV] = PASS
        env[TAG] = place.tag
        return env

    def start(self, place: Place, *args: object) -> Started:
        """`python -m desktop ARGS`, its output in files (no pipe to fill up)."""
        argv = [str(a) for a in args]
        logs = place.path / "nhat_ky"
        logs.mkdir(exist_ok=True)
        self.count += 1
        out, err = logs / f"{self.count}.out", logs / f"{self.count}.err"
        with out.open("wb") as out_file, err.open("wb") as err_file:
            proc = subprocess.Popen(
                [PYTHON, "-m", "desktop", *argv],
                cwd=REPO,
                env=self.env(place),
                stdin=subprocess.DEVNULL,
                stdout=out_file,
                stderr=err_file,
            )
        return Started(proc, argv, time.monotonic(), out, err)

    def cli(self, place: Place, *args: object) -> Run:
        return self.start(place, *args).finish()

    def must(self, place: Place, *args: object) -> Run:
        """A command the campaign's own set-up needs."""
        run = self.cli(place, *args)
        if run.rc != 0:
            raise RuntimeError(f"{' '.join(run.argv[:4])}: exit {run.rc}: {run.last_line}")
        return run

    # mounts (a stick that can be made read-only)

    def mount(self, point: Path) -> bool:
        point.mkdir(parents=True, exist_ok=True)
        line = ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(point)]
        if subprocess.run(line, capture_output=True).returncode != 0:
            return False
        self.mounts.append(point)
        return True

    def remount(self, point: Path, mode: str) -> bool:
        line = ["mount", "-o", f"remount,{mode}", str(point)]
        return subprocess.run(line, capture_output=True).returncode == 0

    def unmount(self, point: Path) -> None:
        if subprocess.run(["umount", str(point)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(point)], capture_output=True)
        self.mounts.remove(point)

    # normal runs, for their length

    def moment(self, command: str) -> float:
        """A random moment of a run of `command`, past the start of Python and the imports
        (a `--help` run's length) when the command takes longer than that."""
        if "startup" not in self.seconds:
            place = self.place("chuan-help")
            self.seconds["startup"] = self.cli(place, "status", "--help").seconds
            self.done_with(place)
        whole = self.duration(command)
        return random.uniform(min(self.seconds["startup"], 0.8 * whole), whole)

    def duration(self, command: str) -> float:
        """How long a normal run of `command` takes here (one run, made the first time)."""
        if command not in self.seconds:
            place = self.place(f"chuan-{command}")
            job = JOBS[command](self, place, 0)
            run = self.cli(place, *job.line)
            self.seconds[command] = run.seconds
            if run.rc != 0:
                self.baseline_failed[command] = f"exit {run.rc}: {run.last_line}"
            self.done_with(place)
        return self.seconds[command]


# Fixtures ----------------------------------------------------------------------------------

READDRESSED = textwrap.dedent(
    """
    import json, sys
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    sys.path.insert(0, str(Path.cwd() / "tests"))
    from demo_packages import package_files, readdressed
    from desktop.signing.sources import Pkcs12File
    template, p12, out = (Path(a) for a in sys.argv[1:4])
    count, password = int(sys.argv[4]), sys.argv[5].encode()
    files = package_files(template)
    signer = Pkcs12File(p12, password).signer()
    now = datetime.now(UTC) - timedelta(minutes=5)
    for i in range(1, count + 1):
        office = (f"Thử Nghiệm {i}", "xa", f"T{i:03d}")
        name, content, uid = readdressed(files, signer, office, now)
        (out / name).write_bytes(content)
    """
)


def prepare(c: Campaign) -> Fixtures:
    place = c.place("fixtures")
    root = place.path
    ca = root / "ca"
    c.must(place, "trial-ca", "--out", ca, "--name", SIGNER, "--passphrase-env", PASS_ENV)
    demo = root / "demo" / "tl.db"
    demo.parent.mkdir()
    c.must(place, "--db", demo, "demo")
    c.must(place, "--db", demo, "settings", "--signer-name", SIGNER)
    marked = copy_db(demo, root / "marked")
    c.must(place, "--db", marked, "settings", "--place", MARK)
    (root / "backup").mkdir()
    run = c.must(place, "--db", demo, "backup", "--out", root / "backup")
    c.seconds["backup"] = run.seconds
    [backup] = sorted((root / "backup").glob("*.db"))
    other = root / "other" / "hn.db"
    other.parent.mkdir()
    c.must(place, "--db", other, "demo", "hung-nguyen")
    annex_old = root / "annex_old"
    run = c.must(place, "--db", demo, "annex", "--out", annex_old)
    c.seconds["annex"] = run.seconds
    for path in annex_old.iterdir():
        path.write_bytes(b"cu " + path.name.encode())
    (annex_old / "ghi_chu.txt").write_text("của văn thư", "utf-8")
    sent, package = signed_package(c, place, demo, ca)
    batch = root / "batch"
    batch.mkdir()
    count = c.args.batch
    if package:
        distinct_packages(c, place, package, ca, batch, count)
    batch_sha = {p.name: sha256(p) for p in batch.iterdir()}
    roster = root / "ds.csv"
    offices = (f"Thử Nghiệm {i},xa,T{i:03d}" for i in range(1, count + 1))
    lines = ["Tên đơn vị,Cấp,Mã định danh", *offices]
    roster.write_text("\n".join(lines) + "\n", "utf-8")
    tinh = root / "tinh" / "tinh.db"
    tinh.parent.mkdir()
    c.must(place, "--db", tinh, "init", "--name", "Hải Phòng", "--level", "tinh")
    c.must(place, "--db", tinh, "roster", roster)
    for db in (demo, marked, sent, other, tinh):  # templates: copies carry no backups
        if db:
            shutil.rmtree(db.parent / "sao_luu", ignore_errors=True)
    return Fixtures(
        ca, demo, marked, sent, package, backup, other, annex_old, tinh, batch, batch_sha,
        roster, sha256(package) if package else "",
    )  # fmt: skip


def signed_package(c: Campaign, place: Place, demo: Path, ca: Path) -> tuple:
    """The demo after `package --period 2025`, and the package; (None, None) when
    `package` fails three times (the code under test being changed: said in the table)."""
    for attempt in range(3):
        sent = copy_db(demo, place.path / f"sent{attempt}")
        run = c.cli(
            place, "--db", sent, "package", "--period", PERIOD, "--out", sent.parent / "goi",
            "--p12", ca / "signer.p12", "--passphrase-env", PASS_ENV,
        )  # fmt: skip
        made = sorted((sent.parent / "goi").glob("*.asice"))
        if run.rc == 0 and len(made) == 1:
            c.seconds["package"] = run.seconds
            return sent, made[0]
        c.missing["package"] = f"package failed: {run.last_line}"
        log(f"  {c.missing['package']}; again in 10 s")
        time.sleep(10)
    return None, None


def distinct_packages(c: Campaign, place: Place, package: Path, ca: Path, out: Path, n: int):
    """`n` packages of `n` offices, made from `package` (tests/demo_packages.readdressed),
    or `n` copies of it when that fails."""
    made = subprocess.run(
        [PYTHON, "-c", READDRESSED, str(package), str(ca / "signer.p12"), str(out), str(n), PASS],
        cwd=REPO, env=c.env(place), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if made.returncode != 0 or len(list(out.iterdir())) < n:
        c.notes.append(f"receive: {n} copies of one package ({made.stderr.strip()[-160:]})")
        for path in out.iterdir():
            path.unlink()
        for i in range(n):
            shutil.copyfile(package, out / f"goi_{i:03d}.asice")


def upgrade_templates(c: Campaign, number: int) -> None:
    """`init` on every template database: the code under test may have gained a migration
    since they were made (written commands refuse a database that needs one)."""
    place = c.place("nang-cap")
    try:
        for db in (c.fx.demo, c.fx.marked, c.fx.sent, c.fx.other, c.fx.tinh):
            if db is None:
                continue
            before = sha256(db)
            run = c.cli(place, "--db", db, "init")
            if run.rc != 0:
                c.notes.append(f"before scenario {number}: init {db.name}: {short(run.last_line)}")
            elif sha256(db) != before:
                c.notes.append(f"before scenario {number}: {db.parent.name}/{db.name} upgraded")
            shutil.rmtree(db.parent / "sao_luu", ignore_errors=True)
    finally:
        c.done_with(place)


def unavailable(c: Campaign, command: str) -> str | None:
    """Why `command` cannot be tried (its fixture could not be made), or None."""
    if command in ("deliver", "receive") and c.fx.package is None:
        return c.missing.get("package", "no package")
    return None


# Jobs: a command ready to run in a trial's folder, and what to check after -----------------


@dataclass
class Job:
    command: str
    label: str
    place: Place
    db: Path
    argv: list[str]  # after --db
    watch: list[Path]  # the output folders: polled, checked, swept
    check: Callable[[Campaign, Trial, Job, Run], None]
    state: dict = field(default_factory=dict)

    @property
    def line(self) -> list[str]:
        return ["--db", str(self.db), *self.argv]

    @property
    def backups(self) -> Path:
        return self.db.parent / "sao_luu"

    @property
    def kept(self) -> Path:
        """Where `receive` keeps packages."""
        return self.db.parent / f"{self.db.stem}_goi_da_nhan"


def job_package(c: Campaign, place: Place, k: int) -> Job:
    db = copy_db(c.fx.demo, place.path / "xa")
    out = place.path / "goi"
    out.mkdir()
    argv = [
        "package", "--period", PERIOD, "--out", str(out), "--p12", str(c.fx.ca / "signer.p12"),
        "--passphrase-env", PASS_ENV, "--json",
    ]  # fmt: skip
    return Job("package", "package", place, db, argv, [out], check_package)


def job_backup(c: Campaign, place: Place, k: int) -> Job:
    db = copy_db(c.fx.demo, place.path / "xa")
    usb = place.path / "usb"
    usb.mkdir(exist_ok=True)
    job = Job(
        "backup", "backup --out", place, db, ["backup", "--out", str(usb)], [usb], check_retry
    )
    job.state["pause"] = 1.0  # a backup is named to the second: the clerk's retry is later
    return job


def job_annex(c: Campaign, place: Place, k: int) -> Job:
    db = copy_db(c.fx.demo, place.path / "xa")
    out = place.path / "giao_viec"
    shutil.copytree(c.fx.annex_old, out)
    job = Job("annex", "annex --out", place, db, ["annex", "--out", str(out)], [out], check_annex)
    job.state["old"] = {p.name: p.read_bytes() for p in out.iterdir()}
    return job


def job_report(c: Campaign, place: Place, k: int) -> Job:
    db = copy_db(c.fx.demo, place.path / "xa")
    out = place.path / "bao_cao"
    out.mkdir()
    suffix = ".pdf" if k % 2 == 0 else ".xlsx"
    argv = ["report", "--period", PERIOD, "--out", str(out / f"bao_cao_2025{suffix}")]
    return Job("report", f"report {suffix}", place, db, argv, [out], check_retry)


def job_receive(c: Campaign, place: Place, k: int, source: Path | None = None) -> Job:
    db = copy_db(c.fx.tinh, place.path / "xa")
    argv = ["receive", str(source or c.fx.batch), "--trust", str(c.fx.ca / "root.pem")]
    job = Job("receive", "receive", place, db, argv, [], check_receive)
    job.watch.append(job.kept)
    return job


def job_restore(c: Campaign, place: Place, k: int) -> Job:
    db = copy_db(c.fx.marked, place.path / "xa")
    argv = ["restore", str(c.fx.backup), "--yes"]
    job = Job("restore", "restore --yes", place, db, argv, [], check_restore)
    job.watch.append(job.backups)
    return job


def job_deliver(c: Campaign, place: Place, k: int) -> Job:
    db = copy_db(c.fx.sent, place.path / "xa")
    usb = place.path / "usb"
    usb.mkdir(exist_ok=True)
    argv = ["deliver", str(c.fx.package), "--usb", str(usb)]
    return Job("deliver", "deliver --usb", place, db, argv, [usb], check_deliver)


JOBS: dict[str, Callable[[Campaign, Place, int], Job]] = {
    "package": job_package,
    "backup": job_backup,
    "annex": job_annex,
    "report": job_report,
    "receive": job_receive,
    "restore": job_restore,
    "deliver": job_deliver,
}


def retry(c: Campaign, trial: Trial, job: Job) -> bool:
    """The same command again, run to its end: it must succeed."""
    time.sleep(job.state.get("pause", 0.0))
    return trial.succeeded(c.cli(job.place, *job.line), "the run again")


def check_retry(c: Campaign, trial: Trial, job: Job, killed: Run) -> None:
    retry(c, trial, job)


def packages_state(job: Job) -> tuple[list[sqlite3.Row], dict[str, str]]:
    rows = query(job.db, "SELECT * FROM packages WHERE period_id = ?", (PERIOD,)) or []
    disk = {p.name: sha256(p) for p in final_files(job.watch[0]) if p.suffix == ".asice"}
    return rows, disk


def compare_packages(trial: Trial, rows: list, disk: dict[str, str], when: str) -> None:
    known = {r["sha256"] for r in rows}
    for name, digest in disk.items():
        if digest not in known:
            trial.add("duplicated", f"{when}: {name} on disk, not known to the database", once=name)
    for r in rows:
        if disk.get(r["file_name"]) != r["sha256"]:
            what = f"{when}: lần {r['sequence']} recorded, its file not on disk whole"
            trial.add("lost", what, once=r["file_name"])
    if sum(r["sequence"] == 1 for r in rows) > 1:
        trial.add("duplicated", f"{when}: two records of lần 1")


def check_package(c: Campaign, trial: Trial, job: Job, killed: Run) -> None:
    rows, disk = packages_state(job)
    said = re.search(r'"file": "([^"]+)"', killed.out)
    if said and not any(r["file_name"] == Path(said[1]).name for r in rows):
        trial.add("lost", f"printed {Path(said[1]).name}, not recorded")
    compare_packages(trial, rows, disk, "after the kill")
    if rows:
        trial.note("recorded before the kill")
        return  # the period is locked: a second package would be lần 2 after a reopen
    if retry(c, trial, job):
        rows, disk = packages_state(job)
        compare_packages(trial, rows, disk, "after the run again")
        if len(rows) != 1:
            trial.add("lost", f"after the run again: {len(rows)} records of the period")


def received_state(job: Job) -> tuple[dict[str, str], dict[str, str]]:
    rows = query(job.db, "SELECT file, sha256 FROM received") or []
    recorded = {r["file"]: r["sha256"] for r in rows}
    base = job.db.parent
    kept = {
        p.relative_to(base).as_posix(): sha256(p)
        for p in final_files(job.kept)
        if p.suffix == ".asice"
    }
    return recorded, kept


def compare_received(trial: Trial, job: Job, acknowledged: set[str], when: str, batch: dict):
    recorded, kept = received_state(job)
    digests = set(recorded.values())
    for name in sorted(acknowledged):
        if batch.get(name) not in digests:
            trial.add("lost", f"{when}: {name} said received, not recorded", once=name)
    for file, digest in recorded.items():
        if kept.get(file) != digest:
            trial.add("lost", f"{when}: {file} recorded, not kept whole", once=file)
    for file in kept.keys() - recorded.keys():
        trial.add("duplicated", f"{when}: {file} kept, not known to the database", once=file)
    return recorded


def acknowledged_receipts(out: str) -> set[str]:
    said = set()
    for line in out.splitlines():
        if line.startswith("[đã nhận] "):
            said.add(line.removeprefix("[đã nhận] ").split(": ", 1)[0])
    return said


def check_receive(c: Campaign, trial: Trial, job: Job, killed: Run) -> None:
    batch = c.fx.batch_sha
    compare_received(trial, job, acknowledged_receipts(killed.out), "after the kill", batch)
    if retry(c, trial, job):
        recorded = compare_received(trial, job, set(), "after the run again", batch)
        for column, file in sorted(trial.counted):
            if column == "duplicated" and file in recorded:
                trial.found.append(f"{file}: recorded by the run again (same name, same bytes)")
        if len(recorded) < len(set(batch.values())):
            missing = len(set(batch.values())) - len(recorded)
            trial.add("lost", f"after the run again: {missing} packages not received", missing)


def place_name(db: Path) -> str | None:
    rows = query(db, "SELECT value FROM document_settings WHERE id = 'place'")
    if rows is None:
        return "(unreadable)"
    return rows[0][0] if rows else None


def check_restore(c: Campaign, trial: Trial, job: Job, killed: Run) -> None:
    def kept_copies() -> list[Path]:
        return [p for p in final_files(job.backups) if p.suffix == ".db" and place_name(p) == MARK]

    now = place_name(job.db)
    if now == "(unreadable)":
        trial.add("corrupt", "the database cannot be read after the kill")
    elif now != MARK:
        trial.note("restored before the kill")
        if not kept_copies():
            trial.add("lost", "restored, the data it replaced kept nowhere in sao_luu")
    if retry(c, trial, job):
        if place_name(job.db) == MARK:
            trial.add("lost", "the run again reported success, the data is not the backup's")
        if not kept_copies():
            trial.add("lost", "after the run again, the replaced data kept nowhere in sao_luu")


def check_annex(c: Campaign, trial: Trial, job: Job, killed: Run) -> None:
    def judge(when: str) -> set[str]:
        old: dict[str, bytes] = job.state["old"]
        folder = job.watch[0]
        now = {p.name: p for p in final_files(folder) if p.parent == folder}
        for name in sorted(old.keys() - now.keys()):
            trial.add("lost", f"{when}: {name} gone")
        for name in sorted(now.keys() - old.keys()):
            trial.add("leftovers", f"{when}: {name} beside the set")
        kinds = set()
        for name in old.keys() & now.keys():
            content = now[name].read_bytes()
            if name == "ghi_chu.txt":
                if content != old[name]:
                    trial.add("lost", f"{when}: the clerk's file changed")
            elif content == old[name]:
                kinds.add("old")
            elif incomplete(now[name]) is None:
                kinds.add("new")
        if len(kinds) > 1:
            trial.add("corrupt", f"{when}: half old, half new set")
        return kinds

    judge("after the kill")
    if retry(c, trial, job) and judge("after the run again") != {"new"}:
        trial.add("lost", "after the run again: not the new set")


def check_deliver(c: Campaign, trial: Trial, job: Job, killed: Run) -> None:
    def judge(when: str) -> None:
        rows = query(job.db, "SELECT destination, sha256 FROM deliveries WHERE kind = 'usb'")
        for r in rows or []:
            copy = Path(r["destination"])
            if not copy.is_file() or sha256(copy) != r["sha256"]:
                trial.add("lost", f"{when}: delivery recorded, {copy.name} not on the stick whole")
        for path in final_files(job.watch[0]):
            if path.suffix == ".asice" and sha256(path) != c.fx.package_sha:
                trial.add("corrupt", f"{when}: {path.name} differs from the package")

    judge("after the kill")
    if retry(c, trial, job):
        judge("after the run again")


# What a kill leaves ------------------------------------------------------------------------


def count_leftovers(trial: Trial, folders: list[Path], place: Place, journals: bool = True):
    for folder in dict.fromkeys(folders):
        for path in walk(folder):
            if is_temporary(path.name):
                trial.add("leftovers", f"{path.relative_to(place.path)} after the next run")
    if journals:
        for journal in place.data.glob("*/dang_ghi/*"):
            trial.add("leftovers", f"journal {journal.name} after the next run")


def parsed(status: Run) -> dict:
    try:
        data = json.loads(status.out)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def next_run(c: Campaign, trial: Trial, place: Place, db: Path) -> None:
    """The next normal run on the database (`status --json`), then its integrity_check and
    its audit chain (from status's "history"; read by db.verify_chain when status fails)."""
    status = trial.saw(c.cli(place, "--db", db, "status", "--json"), "status after")
    if status.rc != 0:
        trial.note("status failed", f"status after: exit {status.rc}: {status.last_line}")
        trial.problem = True
    history = parsed(status).get("history")
    intact = history.get("intact") if isinstance(history, dict) else chain_intact(db)
    if intact is False:
        trial.add("corrupt", f"audit chain broken: {history or ''}")
    elif intact is None:
        trial.note("audit chain not read")
    said = integrity(db)
    if said != "ok":
        trial.add("corrupt", f"integrity_check: {said}")


CHAIN = textwrap.dedent(
    """
    import sys, db
    database = db.open_database(sys.argv[1], read_only=True)
    try:
        print(db.verify_chain(database).intact)
    finally:
        database.close()
    """
)


def chain_intact(path: Path) -> bool | None:
    """db.verify_chain on a copy: True, False, or None when it cannot be read."""
    folder, copy = _copy_for_reading(path)
    try:
        done = subprocess.run(
            [PYTHON, "-c", CHAIN, str(copy)], cwd=REPO, capture_output=True, text=True, timeout=120
        )
        return {"True": True, "False": False}.get(done.stdout.strip())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def examine(c: Campaign, trial: Trial, job: Job, killed: Run) -> None:
    """The next normal run (`status`), then what the kill left behind."""
    next_run(c, trial, job.place, job.db)
    old = job.state.get("old", {})  # last month's annexes, as they were: not outputs
    for folder in dict.fromkeys([*job.watch, job.backups]):
        for path in final_files(folder):
            if old.get(path.name) == path.read_bytes():
                continue
            why = incomplete(path)
            if why:
                trial.add(
                    "corrupt", f"{path.relative_to(job.place.path)} under its final name: {why}"
                )
    count_leftovers(trial, [*job.watch, job.backups], job.place)
    job.check(c, trial, job, killed)


Killer = Callable[[subprocess.Popen, Job], str]


def kill_trial(c: Campaign, scenario: str, command: str, k: int, killer: Killer) -> Trial:
    place = c.place(f"s{scenario}-{command}")
    try:
        job = JOBS[command](c, place, k)
        trial = Trial(scenario, job.label)
        started = c.start(place, *job.line)
        trial.moment = killer(started.proc, job)
        killed = started.finish()
        trial.saw(killed, "killed run")
        if killed.rc == -signal.SIGKILL:
            trial.notes["killed"] += 1
        else:
            trial.notes["ended first"] += 1
        for said in leftover_processes(place.tag, 5.0 if command == "receive" else 0.5):
            trial.add("leftovers", f"process alive 5 s after the kill: {said}")
        examine(c, trial, job, killed)
        logged(trial, place)
        return trial
    finally:
        c.done_with(place)


def guarded(scenario: str, label: str, run: Callable[[], Trial]) -> Trial:
    """A trial; the campaign's own failure in it is said, and the others go on."""
    try:
        return run()
    except Exception as exc:
        trial = Trial(scenario, label)
        what = f"the campaign failed in this trial: {type(exc).__name__}: {short(str(exc))}"
        trial.note("campaign error", what, problem=True)
        return trial


def kill(proc: subprocess.Popen) -> None:
    with suppress(OSError):
        os.kill(proc.pid, signal.SIGKILL)


def at_random(c: Campaign) -> Killer:
    def killer(proc: subprocess.Popen, job: Job) -> str:
        delay = c.moment(job.command)  # the normal runs it needs were made before
        time.sleep(delay)
        kill(proc)
        return f"killed at {delay:.3f} s"

    return killer


def names_in(folders: list[Path]) -> set[str]:
    seen: set[str] = set()
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    seen.add(entry.path)
                    if entry.is_dir(follow_symlinks=False):  # an office's, a set's staging
                        with suppress(OSError), os.scandir(entry.path) as inner:
                            seen.update(e.path for e in inner)
        except OSError:
            continue
    return seen


def on_appearance(nth: int) -> Killer:
    def killer(proc: subprocess.Popen, job: Job) -> str:
        before, seen = names_in(job.watch), 0
        deadline = time.monotonic() + TIMEOUT
        while proc.poll() is None and time.monotonic() < deadline:
            now = names_in(job.watch)
            new = now - before
            if new:
                seen += 1
                before |= now
                if seen >= nth:
                    kill(proc)
                    return f"killed at new name #{nth}: {Path(min(new)).name}"
            time.sleep(0.001)
        kill(proc)
        return f"no new name #{nth} before the end ({seen} seen)"

    return killer


def workers_up(proc: subprocess.Popen, job: Job) -> str:
    up = wait_until(lambda: len(descendants(proc.pid)) >= 2 or proc.poll() is not None, 60)
    children = descendants(proc.pid)
    time.sleep(random.uniform(0, 0.3))
    kill(proc)
    return f"killed with {len(children)} child processes up" if up else "no workers seen"


# Scenarios ---------------------------------------------------------------------------------


def ended(row: Row, begun: float) -> Row:
    row.seconds = time.monotonic() - begun
    return row


def scenario_kill_random(c: Campaign) -> list[Row]:
    rows = []
    for command in KILLED_COMMANDS:
        if why := unavailable(c, command):
            rows.append(Row(f"1 kill -9 at random · {command}", [], [f"not run: {short(why)}"]))
            continue
        begun = time.monotonic()
        c.moment(command)  # the normal runs, before any trial
        trials = []
        for k in range(c.args.kill_trials):
            log(f"[1] kill -9 at random: {command} {k + 1}/{c.args.kill_trials}")
            killer = at_random(c)
            trials.append(guarded("1", command, partial(kill_trial, c, "1", command, k, killer)))
        notes = [f"normal run {c.seconds[command]:.1f} s"]
        if command in c.baseline_failed:
            notes.append(f"normal run FAILED: {short(c.baseline_failed[command])}")
        row = Row(f"1 kill -9 at random · {command}", trials, notes)
        rows.append(ended(row, begun))
    return rows


def scenario_kill_appearing(c: Campaign) -> list[Row]:
    rows = []
    for command in KILLED_COMMANDS:
        if why := unavailable(c, command):
            rows.append(Row(f"2 kill -9 at a new name · {command}", [], [f"not run: {short(why)}"]))
            continue
        begun = time.monotonic()
        trials = []
        for k in range(c.args.appear_trials):
            log(f"[2] kill -9 at a new name: {command} {k + 1}/{c.args.appear_trials}")
            killer = on_appearance(1 + k % 3)
            trials.append(guarded("2", command, partial(kill_trial, c, "2", command, k, killer)))
        never = sum("no new name" in t.moment for t in trials)
        notes = [f"ended before the name: {never}"] if never else []
        rows.append(ended(Row(f"2 kill -9 at a new name · {command}", trials, notes), begun))
    return rows


def scenario_receive_workers(c: Campaign) -> list[Row]:
    if why := unavailable(c, "receive"):
        return [Row("3 leftovers: receive killed, workers up", [], [f"not run: {short(why)}"])]
    trials = []
    for k in range(c.args.leftover_trials):
        log(f"[3] receive killed with its workers up {k + 1}/{c.args.leftover_trials}")
        trials.append(
            guarded("3", "receive", partial(kill_trial, c, "3", "receive", k, workers_up))
        )
    notes = sorted({t.moment for t in trials})
    return [Row("3 leftovers: receive killed, workers up", trials, notes)]


def pulled_trial(c: Campaign, command: str, mode: str, k: int) -> Trial:
    place = c.place(f"s4-{command}-{mode}")
    trial = Trial("4", f"{command} ({mode})")
    try:
        stick = place.path / "usb"
        if mode == "read-only" and not c.mount(stick):
            trial.note("no tmpfs: chmod 0555 (root writes anyway)")
        if command == "receive":
            shutil.copytree(c.fx.batch, stick, dirs_exist_ok=True)
            job = job_receive(c, place, k, stick)
        else:
            job = JOBS[command](c, place, k)
        delay = c.moment(command)
        started = c.start(place, *job.line)
        proc = started.proc
        time.sleep(delay)
        trial.moment = f"{mode} at {delay:.3f} s"
        if proc.poll() is not None:
            trial.note("ended before the fault")
        if mode == "removed":
            shutil.rmtree(stick, ignore_errors=True)
        elif stick in c.mounts:  # refused while a file on it is open for writing: again
            if not wait_until(lambda: c.remount(stick, "ro"), 5):
                trial.note("remount refused (busy) for 5 s")
        else:
            stick.chmod(0o555)
        ended = trial.saw(started.finish(), "the run")
        trial.notes[f"exit {ended.rc}"] += 1
        if mode == "read-only":
            if stick in c.mounts:
                c.remount(stick, "rw")
            stick.chmod(0o755)
        for said in leftover_processes(place.tag, 5.0 if command == "receive" else 0.5):
            trial.add("leftovers", f"process alive 5 s after the end: {said}")
        next_run(c, trial, place, job.db)
        folders = [f for f in [*job.watch, job.backups, stick] if f.exists()]
        for folder in dict.fromkeys(folders):
            for path in final_files(folder):
                why = incomplete(path)
                if why:
                    trial.add("corrupt", f"{path.name} under its final name: {why}")
        # A journal naming the removed stick waits for it: not a leftover.
        count_leftovers(trial, folders, place, journals=stick.exists())
        if command == "receive":
            compare_received(
                trial, job, acknowledged_receipts(ended.out), "after the pull", c.fx.batch_sha
            )
        elif command == "deliver" and stick.exists():
            rows = query(job.db, "SELECT destination, sha256 FROM deliveries") or []
            for r in rows:
                copy = Path(r["destination"])
                if not copy.is_file() or sha256(copy) != r["sha256"]:
                    trial.add("lost", f"delivery recorded, {copy.name} not on the stick whole")
        logged(trial, place)
        return trial
    finally:
        c.done_with(place)


def scenario_pulled(c: Campaign) -> list[Row]:
    cases = [
        ("deliver", "removed"),
        ("deliver", "read-only"),
        ("backup", "removed"),
        ("backup", "read-only"),
        ("receive", "removed"),
    ]
    rows = []
    for command, mode in cases:
        if why := unavailable(c, command):
            rows.append(Row(f"4 pulled stick · {command} ({mode})", [], [f"not run: {short(why)}"]))
            continue
        begun = time.monotonic()
        c.moment(command)
        trials = []
        for k in range(c.args.stick_trials):
            log(f"[4] stick {mode} during {command} {k + 1}/{c.args.stick_trials}")
            label = f"{command} ({mode})"
            trials.append(guarded("4", label, partial(pulled_trial, c, command, mode, k)))
        rows.append(ended(Row(f"4 pulled stick · {command} ({mode})", trials), begun))
    return rows


def said_damage(run: Run) -> bool:
    return "hỏng" in (run.out + run.err).lower()


def flip_trial(c: Campaign, share: float, bit: int) -> Trial:
    """One bit flipped at `share` of the file past its header (offset ≥ 100)."""
    place = c.place("s5-flip")
    try:
        db = copy_db(c.fx.demo, place.path / "xa")
        offset = 100 + int(share * (db.stat().st_size - 100))
        with db.open("r+b") as file:
            file.seek(offset)
            byte = file.read(1)[0]
            file.seek(offset)
            file.write(bytes([byte ^ (1 << bit)]))
        trial = Trial("5", f"bit {bit} of byte {offset}")
        damaged = integrity(db) != "ok"
        trial.notes["damaged"] += damaged
        status = trial.saw(c.cli(place, "--db", db, "status"), "status")
        if damaged and status.rc == 0 and not said_damage(status):
            trial.note("silent", "damaged, status exit 0 and no word of it")
            trial.notable = True
        trial.saw(c.cli(place, "--db", db, "settings", "--place", "Xã Thử"), "settings")
        usb = place.path / "usb"
        usb.mkdir()
        backup = trial.saw(c.cli(place, "--db", db, "backup", "--out", usb), "backup")
        for copy in [p for p in final_files(usb) if p.suffix == ".db"]:
            why = incomplete(copy)
            if why:
                trial.add("corrupt", f"backup --out wrote a damaged copy: {why}")
        if damaged:
            if backup.rc != 0 and said_damage(backup) and not backup.traceback:
                trial.notes["backup refused"] += 1
            elif backup.rc == 0:
                trial.note("backup taken of a damaged file", "backup --out accepted it")
        for copy in final_files(backup_folder(db)):
            why = None if "da_hong" in copy.name else incomplete(copy)  # kept as damaged
            if why:
                trial.add("corrupt", f"sao_luu/{copy.name}: {why}")
        if not damaged and integrity(db) != "ok":
            trial.add("corrupt", "sound before, damaged after the commands")
        logged(trial, place)
        return trial
    finally:
        c.done_with(place)


def scenario_flips(c: Campaign) -> list[Row]:
    trials = []
    rng = random.Random(c.args.seed + 5)
    for k in range(c.args.flips):
        log(f"[5] one bit flipped {k + 1}/{c.args.flips}")
        share, bit = rng.random(), rng.randrange(8)
        trials.append(guarded("5", f"bit {bit}", partial(flip_trial, c, share, bit)))
    note = "status's quick check may miss a damage; backup's integrity_check should not"
    return [Row("5 one bit flipped", trials, [note])]


def backup_folder(db: Path) -> Path:
    return db.parent / "sao_luu"


def stray_log(c: Campaign, place: Place, db: Path, with_shm: bool) -> None:
    """Another database's log (and its index) beside `db`, taken while it is open."""
    other = copy_db(c.fx.other, place.path / "khac")
    connection = sqlite3.connect(other)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute("CREATE TABLE la_gan (x BLOB)")
        connection.execute("INSERT INTO la_gan VALUES (randomblob(40000))")
        with suppress(sqlite3.Error):
            connection.execute("UPDATE tasks SET title = title")
        connection.commit()
        for side in ("-wal", "-shm") if with_shm else ("-wal",):
            shutil.copyfile(other.with_name(other.name + side), db.with_name(db.name + side))
    finally:
        connection.close()


def wal_trial(c: Campaign, with_shm: bool) -> Trial:
    place = c.place("s6-wal")
    try:
        db = copy_db(c.fx.demo, place.path / "xa")
        trial = Trial("6", "-wal and -shm" if with_shm else "-wal")
        stray_log(c, place, db, with_shm)
        trial.saw(c.cli(place, "--db", db, "status"), "status")
        trial.saw(c.cli(place, "--db", db, "settings", "--place", "Xã Thử"), "settings")
        said = integrity(db)
        if said != "ok":
            trial.add("corrupt", f"integrity_check: {said}")
        office = query(c.fx.demo, "SELECT * FROM office") or []
        now = query(db, "SELECT * FROM office")
        if now is None or [tuple(r) for r in now] != [tuple(r) for r in office]:
            trial.add("corrupt", "the office is no longer phường Trần Liêu")
        if query(db, "SELECT 1 FROM sqlite_master WHERE name = 'la_gan'"):
            trial.add("corrupt", "the other database's change was applied")
        if list(backup_folder(db).glob("*wal_khong_thuoc*")):
            trial.notes["set aside"] += 1
        else:
            trial.note("not set aside", "no *_wal_khong_thuoc* in sao_luu")
            trial.notable = True
        count_leftovers(trial, [backup_folder(db)], place)
        logged(trial, place)
        return trial
    finally:
        c.done_with(place)


def scenario_stray_wal(c: Campaign) -> list[Row]:
    trials = []
    for k in range(c.args.wal_trials):
        log(f"[6] stray log {k + 1}/{c.args.wal_trials}")
        with_shm = k % 2 == 1
        trials.append(guarded("6", "stray log", partial(wal_trial, c, with_shm)))
    return [Row("6 stray -wal of another database", trials)]


# Bad input files ---------------------------------------------------------------------------


@dataclass
class BadInput:
    command: str  # import, roster, receive, restore
    label: str
    path: Path
    may_write: bool = False  # a sound file in a strange dress: writing is right


def bomb(path: Path, inner: str, megabytes: int, first: tuple[str, bytes] | None = None) -> Path:
    """A small zip whose `inner` entry unpacks to `megabytes` MB of zeros."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], zipfile.ZIP_STORED)
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        with archive.open(inner, "w", force_zip64=True) as file:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                file.write(chunk)
    return path


def patched_zip(source: Path, dest: Path, changes: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, changes(info.filename, old.read(info.filename)))
    return dest


TUYEN = "Tuyên".encode()


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: a letter with its vowel mark where the code
    page has one (â, ê, ơ…), the tone as a combining mark after it."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        for mark in marks:
            joined = unicodedata.normalize("NFC", base + mark)
            rest = "".join(m for m in marks if m != mark)
            with suppress(UnicodeEncodeError):
                out += (joined + rest).encode("cp1258")
                break
        else:
            out += (base + "".join(marks)).encode("cp1258", "replace")
    return bytes(out)


def invisible(text: str) -> str:
    """Zero-width, direction and byte-order characters inside the words."""
    return text.replace(" ", "\u200b ", 2).replace("Tuyên", "\ufeffTuy\u200dên\u202e\u202c")


def bad_inputs(c: Campaign, folder: Path) -> list[BadInput]:
    sys.path.insert(0, str(REPO / "tests"))
    import annex_files  # openpyxl and python-docx only

    rng = random.Random(c.args.seed + 7)
    folder.mkdir()
    inputs: list[BadInput] = []
    made = iter(range(10**6))

    def file(name: str, content: bytes | str | None, encoding: str = "utf-8") -> Path:
        path = folder / f"{next(made):03d}" / name
        path.parent.mkdir()
        if isinstance(content, str):
            path.write_bytes(content.encode(encoding))
        elif content is not None:
            path.write_bytes(content)
        return path

    def noise(size: int = 65536, magic: bytes = b"") -> bytes:
        return magic + rng.randbytes(size)

    def add(command: str, label: str, path: Path, may_write: bool = False) -> None:
        inputs.append(BadInput(command, label, path, may_write))

    def common(command: str, ext: str) -> None:
        add(command, f"empty {ext}", file(f"rong{ext}", b""))
        add(command, f"random bytes {ext}", file(f"ngau_nhien{ext}", noise()))
        add(command, f"random after a zip header {ext}", file(f"pk{ext}", noise(magic=b"PK\3\4")))
        add(command, f"random after an OLE header (.xls renamed) {ext}",
            file(f"cu{ext}", noise(magic=bytes.fromhex("d0cf11e0a1b11ae1"))))  # fmt: skip
        folder_path = file(f"thu_muc{ext}", None)
        folder_path.mkdir()
        (folder_path / "a.txt").write_text("x")
        add(command, f"a folder named {ext}", folder_path)
        add(command, f"missing {ext}", file(f"khong_co{ext}", None))
        add(command, f"text with NUL and invisible characters {ext}",
            file(f"nul{ext}", invisible("Tên đơn vị\x00 Trần Liêu\x00\n") * 50))  # fmt: skip

    scale = 60 if c.args.quick else 300
    bombs = folder / "bom"
    bombs.mkdir()
    xlsx_bomb = bomb(bombs / "bom.xlsx", "xl/worksheets/sheet1.xml", scale)
    docx_bomb = bomb(bombs / "bom.docx", "word/document.xml", scale)
    asice_bomb = bomb(
        bombs / "bom.asice", "du_lieu.json", scale,
        ("mimetype", b"application/vnd.etsi.asic-e+zip"),
    )  # fmt: skip
    good_xlsx = annex_files.write_xlsx(folder / "tot.xlsx")
    good_docx = annex_files.write_docx(folder / "tot.docx")
    roster_bytes = c.fx.roster.read_bytes()

    # import
    for ext, good, zipped in ((".xlsx", good_xlsx, xlsx_bomb), (".docx", good_docx, docx_bomb)):
        common("import", ext)
        content = good.read_bytes()
        for share in (0.1, 0.5, 0.9):
            add("import", f"truncated at {share:.0%} {ext}",
                file(f"cut{ext}", content[: int(len(content) * share)]))  # fmt: skip
        add("import", f"zip bomb ({scale} MB of zeros) {ext}", zipped)
        nul = patched_zip(
            good, file(f"nul_xml{ext}", None), lambda n, b: b.replace(TUYEN, b"Tuy\x00\x01\x1bn")
        )
        add("import", f"sound annex, NUL and control bytes in its XML {ext}", nul, True)
    rows = [list(r) if isinstance(r, list) else r for r in annex_files.TASK_ROWS]
    rows[1][1] = invisible(rows[1][1])
    rows[1][3] = "Phòng\u200b Văn hóa - Xã hội\u200d"
    add("import", "sound annex with invisible characters .xlsx",
        annex_files.write_xlsx(file("an.xlsx", None), task_rows=rows), may_write=True)  # fmt: skip
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["abc", 1, 2])
    book.save(other_book := file("khong_phai_phu_luc.xlsx", None))
    add("import", "a workbook that is no annex .xlsx", other_book)
    add("import", "a CSV (not a format it takes)", file("ke_hoach.csv", roster_bytes))
    add("import", "a PDF (not a format it takes)", file("ke_hoach.pdf", b"%PDF-1.7\n%%EOF\n"))

    # roster
    common("roster", ".csv")
    common("roster", ".xlsx")
    header = "Tên đơn vị,Cấp,Mã định danh\n"
    offices = "".join(f"Xã Mới {i},xa,M{i:03d}\n" for i in range(1, 4))
    add("roster", "one column .csv", file("mot_cot.csv", "Tên đơn vị\nXã Mới 1\n"))
    add("roster", "header only .csv", file("chi_tieu_de.csv", header))
    add("roster", "cp1258 .csv", file("cp1258.csv", cp1258(header + offices)), True)
    add("roster", "UTF-16 .csv", file("utf16.csv", header + offices, "utf-16"), may_write=True)
    odd = header + "Xã\x00 Mới\u200b 9,xa,\ufeffM009\n"
    add("roster", "NUL and invisible characters in names .csv", file("nul.csv", odd), True)
    add("roster", "one line of 20 MB .csv", file("dong_dai.csv", header + "x" * 20_000_000))
    many = header + "".join(f"Xã Rất Nhiều {i},xa,R{i:06d}\n" for i in range(20_000))
    add("roster", "20,000 offices .csv", file("nhieu.csv", many), may_write=True)
    add("roster", "truncated .xlsx", file("cut.xlsx", good_xlsx.read_bytes()[:3000]))
    add("roster", f"zip bomb ({scale} MB of zeros) .xlsx", xlsx_bomb)
    add("roster", "a plan annex, not a roster .xlsx", good_xlsx)
    add("roster", "control characters in its name .csv",
        file("ds\x1b[31m\u202e.csv", header + offices), may_write=True)  # fmt: skip

    # receive
    common("receive", ".asice")
    package = c.fx.package.read_bytes() if c.fx.package else good_docx.read_bytes()
    for share in (0.1, 0.5, 0.9):
        add("receive", f"truncated at {share:.0%} .asice",
            file("cut.asice", package[: int(len(package) * share)]))  # fmt: skip
    add("receive", "one byte appended .asice", file("them.asice", package + b"\0"))
    add("receive", f"zip bomb ({scale} MB of zeros) .asice", asice_bomb)
    add("receive", "a workbook renamed .asice", file("so.asice", good_xlsx.read_bytes()))
    add("receive", "empty .p7m (a return)", file("tra_lai.p7m", b""))
    add("receive", "random bytes .p7m (a return)", file("tra_lai2.p7m", noise(4096, b"\x30\x82")))
    empty = file("trong", None)
    empty.mkdir()
    add("receive", "an empty folder", empty)
    add("receive", "a sound package named with control characters",
        file("goi\x1b]0;x\x07\u202egnp.asice", package), may_write=True)  # fmt: skip
    if not c.args.quick:
        special = file("zero.asice", None)
        special.symlink_to("/dev/zero")
        add("receive", "a link to /dev/zero .asice", special)

    # restore
    common("restore", ".db")
    whole = c.fx.backup.read_bytes()
    for share in (0.1, 0.5, 0.9):
        add("restore", f"truncated backup at {share:.0%} .db",
            file("cut.db", whole[: int(len(whole) * share)]))  # fmt: skip
    add("restore", "random after the SQLite header .db",
        file("sqlite.db", noise(8192, b"SQLite format 3\0")))  # fmt: skip
    flipped = bytearray(whole)
    flipped[rng.randrange(4096, len(whole))] ^= 0x10
    add("restore", "backup with one bit flipped .db", file("lat.db", bytes(flipped)), True)
    foreign = file("khac.db", None)
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    add("restore", "another program's SQLite database .db", foreign)
    add("restore", "a workbook renamed .db", file("so.db", good_xlsx.read_bytes()))
    add("restore", f"zip bomb ({scale} MB of zeros) renamed .db", xlsx_bomb)
    add("restore", "UTF-16 text .db", file("chu.db", "SQLite format 3 không phải", "utf-16"))
    add("restore", "a level-above database .db", copy_db(c.fx.tinh, folder / "tinh"), True)
    return inputs


RECORDS_REFUSALS = {"quarantine", "audit_log", "audit_seals"}  # receive writes them by design


def fingerprint(db: Path, command: str) -> dict[str, str] | None:
    """A digest of each table's rows: what a bad input must not change (for `receive`, the
    quarantine and the audit of it left out). None when the file cannot be read."""
    skipped = {"audit_context", "_sqlite_migrations"} | (
        RECORDS_REFUSALS if command == "receive" else set()
    )
    folder, copy = _copy_for_reading(db)
    try:
        connection = sqlite3.connect(copy)
        connection.text_factory = bytes
        try:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            tables = [r[0].decode() for r in connection.execute(sql)]
            digests = {}
            for table in tables:
                if table not in skipped:
                    rows = sorted(map(repr, connection.execute(f'SELECT * FROM "{table}"')))
                    digests[table] = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
            return digests
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def scenario_bad_inputs(c: Campaign) -> list[Row]:
    started = time.monotonic()
    place = c.place("s7-bad")
    try:
        inputs = bad_inputs(c, place.path / "tep")
        log(f"[7] {len(inputs)} bad inputs made in {time.monotonic() - started:.0f} s")
        if c.args.quick:  # five of each command's, drawn
            drawn = random.Random(c.args.seed).sample(inputs, len(inputs))
            inputs = [x for x in inputs if x in [y for y in drawn if y.command == x.command][:5]]
        before = {}  # whether status succeeds on the untouched database
        for command, template in (("demo", c.fx.demo), ("tinh", c.fx.tinh)):
            db = copy_db(template, place.path / f"truoc-{command}")
            before[command] = c.cli(place, "--db", db, "status", "--json").rc == 0
        rows = []
        for command in ("import", "roster", "receive", "restore"):
            begun = time.monotonic()
            trials = []
            chosen = [x for x in inputs if x.command == command]
            for k, bad in enumerate(chosen):
                log(f"[7] {command} {k + 1}/{len(chosen)}: {bad.label}")
                label = f"{bad.command}: {bad.label}"
                trials.append(guarded("7", label, partial(bad_input_trial, c, bad, before)))
            rows.append(ended(Row(f"7 bad input · {command}", trials), begun))
        return rows
    finally:
        c.done_with(place)


def bad_input_trial(c: Campaign, bad: BadInput, before: dict[str, bool]) -> Trial:
    place = c.place(f"s7-{bad.command}")
    try:
        template = "tinh" if bad.command in ("roster", "receive") else "demo"
        db = copy_db(c.fx.tinh if template == "tinh" else c.fx.demo, place.path / "xa")
        was = fingerprint(db, bad.command)
        trial = Trial("7", f"{bad.command}: {bad.label}")
        args: list[object] = [bad.command, bad.path]
        if bad.command == "receive":
            args += ["--trust", c.fx.ca / "root.pem"]
        if bad.command == "restore":
            args.append("--yes")
        run = trial.saw(c.cli(place, "--db", db, *args), bad.command)
        if run.rc not in (0, 1, 2, None):
            trial.note("odd exit", f"exit {run.rc}: {run.last_line}", problem=True)
        if run.rc not in (0, None) and not (run.err + run.out).strip():
            trial.note("refused in silence", "exit without a word", problem=True)
        if run.seconds > 30:
            trial.note("slow (> 30 s)", f"took {run.seconds:.0f} s")
            trial.notable = True
        after = trial.saw(c.cli(place, "--db", db, "status", "--json"), "status after")
        if after.rc != 0 and before[template]:
            trial.note("status failed", f"status after: exit {after.rc}: {after.last_line}")
            trial.problem = True
        now = fingerprint(db, bad.command)
        if now is None:
            trial.add("corrupt", "the database cannot be read after")
        elif changed := sorted(t for t in (was or {}).keys() & now.keys() if now[t] != was[t]):
            # a table a migration added meanwhile is no write of the command's
            if bad.may_write:
                trial.notes["wrote (a sound file)"] += 1
            else:
                trial.note("wrote something", f"changed: {', '.join(changed)}", problem=True)
        said = integrity(db)
        if said != "ok":
            trial.add("corrupt", f"integrity_check: {said}")
        count_leftovers(trial, [backup_folder(db), db.parent / f"{db.stem}_goi_da_nhan"], place)
        logged(trial, place)
        return trial
    finally:
        c.done_with(place)


# stress_integrity --------------------------------------------------------------------------


def scenario_stress(c: Campaign) -> list[Row]:
    log("[8] bench/stress_integrity.py")
    trial = Trial("8", "stress_integrity.py")
    script = REPO / "bench" / "stress_integrity.py"
    line = [
        PYTHON, str(script), "--seconds", str(c.args.stress_seconds),
        "--writers", "2", "--kills", str(c.args.stress_kills),
    ]  # fmt: skip
    place = c.place("s8-stress")
    try:
        timeout = c.args.stress_seconds + 10 * c.args.stress_kills + 240
        env = dict(c.env(place), PYTHONPATH=str(REPO))  # its `import db` from REPO too
        done = subprocess.run(
            line, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
        )
        out = done.stdout
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        done = subprocess.CompletedProcess(line, None, out, "timed out")
        trial.note("timed out", problem=True)
    finally:
        c.done_with(place)
    folder = re.search(r"database (/\S+)/stress\.db", out)
    if folder and Path(folder[1]).name.startswith("sokh-stress-"):
        shutil.rmtree(folder[1], ignore_errors=True)  # the script leaves its folder

    def number(label: str) -> list[int]:
        return [int(n) for n in re.findall(rf"{label}\s+(\d+)", out)]

    trial.add("lost", "lost acknowledged writes", sum(number("lost acknowledged writes")))
    trial.add("duplicated", "duplicate units", sum(number("duplicates")))
    trial.add("corrupt", "corrupt files after a kill", sum(number("corrupt files")))
    trial.add("corrupt", "broken audit chains", sum(number("broken audit chains")))
    for said in re.findall(r"integrity_check\s+(.+)", out):
        if said.strip() != "ok":
            trial.add("corrupt", f"integrity_check: {said.strip()}")
    if "intact=False" in out:
        trial.add("corrupt", "audit chain broken after the concurrent phase")
    if "Traceback" in done.stderr or "Traceback" in out:
        trial.add("tracebacks", exception_line(done.stderr or out))
    failures = sum(number("writer failures"))
    if failures:
        trial.note("writer failures", f"{failures} writers failed", problem=True)
        trial.last_err = next(
            (line.strip() for line in out.splitlines() if "failed:" in line), trial.last_err
        )
    acknowledged = number("acknowledged writes")
    inside = re.search(r"(\d+) killed inside a change", out)
    notes = [
        f"{acknowledged[0] if acknowledged else 0} concurrent writes, "
        f"{c.args.stress_kills} kills ({inside[1] if inside else '?'} inside a change)",
        f"exit {done.returncode}",
    ]
    if not out.strip():
        trial.note("no output", problem=True)
    if trial.failed:
        trial.found += [f"output: {line.strip()}" for line in out.splitlines()[-6:]]
    return [Row("8 stress_integrity (writers, kill -9)", [trial], notes)]


# The report --------------------------------------------------------------------------------

SCENARIOS: dict[int, Callable[[Campaign], list[Row]]] = {
    1: scenario_kill_random,
    2: scenario_kill_appearing,
    3: scenario_receive_workers,
    4: scenario_pulled,
    5: scenario_flips,
    6: scenario_stray_wal,
    7: scenario_bad_inputs,
    8: scenario_stress,
}


def table(rows: list[Row]) -> str:
    lines = [
        "| scenario | trials | lost | duplicated | corrupt | leftovers | tracebacks | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        counts = " | ".join(str(row.total(column)) for column in COLUMNS)
        lines.append(f"| {row.scenario} | {len(row.trials)} | {counts} | {row.notes_text()} |")
    totals = " | ".join(str(sum(r.total(c) for r in rows)) for c in COLUMNS)
    lines.append(f"| **all** | {sum(len(r.trials) for r in rows)} | {totals} | |")
    return "\n".join(lines)


def details(rows: list[Row]) -> str:
    lines = []
    for row in rows:
        for trial in row.trials:
            if not (trial.failed or trial.notable or VERBOSE):
                continue
            head = f"- **{row.scenario}** — {trial.command}"
            if trial.moment:
                head += f" ({trial.moment})"
            lines.append(head + ("" if trial.failed else " [note only]"))
            seen = Counter(trial.found)
            for what, n in seen.items():
                lines.append(f"  - {what}" + (f" (×{n})" if n > 1 else ""))
            if trial.last_err:
                quoted = trial.last_err.replace("`", "'")
                lines.append(f"  - last stderr line: `{quoted}`")
    return "\n".join(lines) if lines else "None."


def git_state() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return done.stdout.strip()

    changed = len([line for line in git("status", "--porcelain", "-uno").splitlines() if line])
    return f"{git('rev-parse', '--short', 'HEAD')}" + (
        f" + {changed} files changed in the work tree" if changed else ""
    )


# How many trials: (option, what it counts, full run, --quick)
TRIALS = [
    ("kill-trials", "1: trials per command", 3, 1),
    ("appear-trials", "2: trials per command", 2, 1),
    ("leftover-trials", "3: trials", 2, 1),
    ("stick-trials", "4: trials per case", 2, 1),
    ("flips", "5: databases", 30, 5),
    ("wal-trials", "6: trials", 4, 2),
    ("stress-seconds", "8: seconds of concurrent writers", 10, 3),
    ("stress-kills", "8: kills", 10, 3),
    ("batch", "packages in a batch for receive", 40, 8),
]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 to 2.5 minutes: fewer trials")
    parser.add_argument("--only", default="", help="scenario numbers, e.g. 1,5")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the folders under /tmp")
    parser.add_argument("--repo", type=Path, help="the checkout to test (default: this one)")
    parser.add_argument("--verbose", action="store_true", help="every trial in the details")
    for option, what, full, quick in TRIALS:
        parser.add_argument(f"--{option}", type=int, help=f"{what} ({full}; --quick: {quick})")
    args = parser.parse_args()
    for option, _, full, quick in TRIALS:
        name = option.replace("-", "_")
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    # receive uses its workers from PACKAGES_PER_WORKER (4) packages per core
    args.batch = max(args.batch, 4 * (os.cpu_count() or 1))
    if args.seed is None:
        args.seed = random.randrange(10**6)
    args.scenarios = [int(n) for n in args.only.split(",") if n.strip()] or list(SCENARIOS)
    return args


def main() -> int:
    global REPO, VERBOSE
    args = arguments()
    VERBOSE = args.verbose
    REPO = (args.repo or REPO).resolve()
    random.seed(args.seed)
    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="fault-campaign-"))
    c = Campaign(root, args)
    rows: list[Row] = []
    problems: list[str] = []
    try:
        log(f"fault campaign in {root}, seed {args.seed}: preparing")
        for attempt in range(3):  # the code under test may be half-changed for a moment
            try:
                c.fx = prepare(c)
                break
            except (RuntimeError, ValueError, OSError) as exc:
                if attempt == 2:
                    raise
                log(f"preparation failed ({short(str(exc), 200)}); again in 20 s")
                time.sleep(20)
        log(f"prepared in {time.monotonic() - started:.0f} s")
        for number in args.scenarios:
            begun = time.monotonic()
            try:
                upgrade_templates(c, number)
                made = SCENARIOS[number](c)
            except Exception as exc:  # the campaign's own failure: said, the others go on
                problems.append(f"scenario {number} stopped: {type(exc).__name__}: {exc}")
                log(problems[-1])
                continue
            for row in made:
                row.seconds = row.seconds or (time.monotonic() - begun) / len(made)
            rows += made
    except Exception as exc:
        problems.append(f"preparation failed: {type(exc).__name__}: {exc}")
    finally:
        for point in list(c.mounts):
            c.unmount(point)
        for pid in tagged(c.run_tag, whole=False):  # none, unless a scenario stopped half-way
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    minutes = (time.monotonic() - started) / 60
    mode = "quick" if args.quick else "full"
    print(f"# Fault campaign (issue 23): {datetime.now():%Y-%m-%d %H:%M}, {mode}, seed {args.seed}")
    print(f"\ncode: {git_state()}; {os.cpu_count()} cores; {minutes:.1f} minutes\n")
    print(table(rows))
    print("\n## Trials\n" if VERBOSE else "\n## Failing trials\n")
    print(details(rows))
    problems += [*c.missing.values(), *c.notes]
    if problems:
        print("\n## The campaign itself\n")
        print("\n".join(f"- {p}" for p in problems))
    if args.keep:
        print(f"\nfolders kept in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
