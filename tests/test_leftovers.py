"""Nothing left behind (issue 23, points 6 and 7, and point 4's pulled stick): a killed
`receive` leaves no process running; what a killed writer leaves goes at the next start
(ours only, the dead's only); a set of annexes is the old one or the new one whatever
moment the process dies; a stick pulled during `receive` is said file by file."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from demo_packages import demo_package

from desktop.consolidation.receive import PACKAGES_PER_WORKER, QUARANTINED, receive
from desktop.documents import saving
from desktop.errors import UserError
from desktop.infra import atomic_files, backups, leftovers
from desktop.infra.paths import APP_DIR_NAME
from desktop.workspace import Workspace

REPO = Path(__file__).parent.parent
OURS = ".skh-"  # in every temporary's name


@pytest.fixture(scope="module")
def made(tmp_path_factory, demo_files):
    """A trial CA and a signed package of the demo."""
    return demo_package(demo_files, tmp_path_factory.mktemp("goi"), evidence=False)


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """This test's data folder (the journals), for itself and the commands it starts;
    a journal of its own (another test may have left a temporary listed in this process)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "du_lieu"))
    monkeypatch.setattr(leftovers, "_journal", leftovers._Journal())
    return tmp_path / "du_lieu" / APP_DIR_NAME


@pytest.fixture
def demo_db(tmp_path, demo_files) -> Path:
    (tmp_path / "xa").mkdir()
    return demo_files.copy(tmp_path / "xa" / "tl.db", at=None, actor=None)


def desktop(*args: object) -> subprocess.CompletedProcess:
    """`python -m desktop ARGS` in a process of its own."""
    line = [sys.executable, "-m", "desktop", *map(str, args)]
    return subprocess.run(line, cwd=REPO, capture_output=True, text=True)


def killed(arrange: str, *args: object) -> None:
    """`python -m desktop ARGS` after `arrange` (code that kills the process at the moment
    the test wants), and killed there."""
    code = f"""
import os, signal, sys
sys.path.insert(0, {str(REPO)!r})
def die():
    os.kill(os.getpid(), signal.SIGKILL)
{textwrap.dedent(arrange)}
from desktop.cli import main
main({[str(a) for a in args]!r})
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == -signal.SIGKILL, result.stderr


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def ours(folder: Path, name: str, pid: int, suffix: str, machine: str = leftovers.MACHINE):
    path = folder / f".{name}.skh-{machine}-{pid}-k3x9q_2a{suffix}"
    path.write_bytes(b"x" * 1000)
    return path


def journal(data: Path, pid: int, paths: list[Path]) -> Path:
    folder = data / leftovers.JOURNALS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"skh-{leftovers.MACHINE}-{pid}-0123abcd.txt"
    path.write_text("".join(json.dumps(str(p)) + "\n" for p in paths))
    return path


def temporaries(*folders: Path) -> list[str]:
    return [p.name for folder in folders for p in folder.iterdir() if OURS in p.name]


# A killed receive ------------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    """The processes `pid` started, and theirs, from /proc."""
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
        kids = [child for child, parent in parents.items() if parent in frontier]
        found += kids
        frontier = kids
    return found


def running(pid: int) -> bool:
    """Not ended (a zombie waiting for a parent to reap it has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def wait_until(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2,
    reason="reads /proc; workers are used from two cores",
)
def test_a_killed_receive_leaves_no_worker_and_no_resource_tracker(made, tmp_path, data):
    ca, package = made
    stick = tmp_path / "usb"
    stick.mkdir()
    workers = os.cpu_count() or 1
    for i in range(PACKAGES_PER_WORKER * workers * 2):  # enough for the workers, and more
        shutil.copy(package.path, stick / f"goi_{i:03d}.asice")
    line = ["--db", tmp_path / "tinh.db", "receive", stick, "--trust", ca.root]
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", *map(str, line)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:  # killed once its workers and the resource tracker are up
        wait_until(lambda: len(descendants(process.pid)) > workers or process.poll() is not None)
        children = descendants(process.pid)
        assert process.poll() is None, "the batch ended before it could be killed"
    finally:
        process.kill()
        process.wait()
    commands = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children]
    assert len(children) == workers + 1
    assert sum(b"resource_tracker" in command for command in commands) == 1
    wait_until(lambda: not any(running(pid) for pid in children))
    left = [pid for pid in children if running(pid)]
    for pid in left:  # not to leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert left == []


# Temporaries at the next start -------------------------------------------------------------


def test_the_next_start_removes_the_dead_ones_temporaries_and_nothing_else(demo_db, tmp_path, data):
    sao_luu = demo_db.parent / backups.FOLDER
    sao_luu.mkdir(exist_ok=True)
    usb = tmp_path / "usb"
    usb.mkdir()
    dead, alive = dead_pid(), os.getpid()
    daily = "tl_20260120-100000_hang_ngay.db"
    # The backup folder: ours of a dead process go, with SQLite's files beside them.
    gone = [ours(sao_luu, daily, dead, suffix) for suffix in (".dang_chep", ".dang_chep-journal")]
    kept = [
        ours(sao_luu, daily, alive, ".dang_chep"),  # its writer is running
        ours(sao_luu, daily, dead, ".dang_chep", machine="f00d"),  # another computer's
        ours(sao_luu, daily, dead, ".dang_chep.bak"),  # not our pattern exactly
    ]
    for name in (f".{daily}.dang_chep", "ghi_chu.txt", f".{daily}.x1y2z3w4.tmp"):
        kept.append(sao_luu / name)  # the old naming, someone's notes, a stranger's
        kept[-1].write_text("không phải của chương trình")
    # A dead process's journal lists a temporary on a stick: it goes. What it lists that
    # is not ours, or whose writer runs, stays; so does the journal of a live process.
    gone.append(ours(usb, "bao_cao.pdf", dead, ".tmp"))
    stranger, busy = usb / "bao_cao.pdf", ours(usb, "khac.pdf", alive, ".tmp")
    stranger.write_bytes(b"%PDF")
    kept += [stranger, busy]
    resolved = journal(data, dead, [gone[-1], stranger, busy])
    live = journal(data, alive, [busy])
    # A stick not plugged in now: its journal waits for it.
    unplugged = dead_pid()
    on_the_stick = tmp_path / "E" / f".bc.pdf.skh-{leftovers.MACHINE}-{unplugged}-k3x9q_2a.tmp"
    waiting = journal(data, unplugged, [on_the_stick])
    kept += [live, waiting]

    result = desktop("--db", demo_db, "status")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in gone if p.exists()] == []
    assert [p.name for p in kept if not p.exists()] == []
    assert not resolved.exists()


def test_the_backup_folder_swept_is_the_one_backups_are_taken_in():
    assert leftovers.BACKUPS == backups.FOLDER  # backups imports leftovers, not the reverse


def test_a_temporary_is_listed_while_it_is_written_and_no_longer_after(tmp_path, data, monkeypatch):
    listed = []
    real_fsync = os.fsync

    def looking(fd):
        listed.extend(p.read_text() for p in (data / leftovers.JOURNALS).iterdir())
        real_fsync(fd)

    monkeypatch.setattr(atomic_files.os, "fsync", looking)
    atomic_files.write_file(tmp_path / "bc.pdf", b"%PDF")
    [temporary] = [Path(json.loads(line)) for line in listed[0].splitlines()]
    assert temporary.parent == tmp_path and temporary.name.startswith(".bc.pdf.skh-")
    assert not temporary.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bc.pdf", "du_lieu"]
    assert list((data / leftovers.JOURNALS).iterdir()) == []  # none in progress: no journal


def test_the_journal_lists_only_the_temporaries_in_progress(tmp_path, data):
    def listed() -> list[str]:
        journals = (data / leftovers.JOURNALS).iterdir()
        return sorted(json.loads(line) for p in journals for line in p.read_text().splitlines())

    first, second = (leftovers.reserve(tmp_path / n, ".tmp") for n in ("a.pdf", "b.pdf"))
    assert listed() == [str(first), str(second)]  # listed before they are made
    for temporary in (first, second):
        temporary.touch()
        leftovers.started(temporary)
    assert listed() == [str(first), str(second)]
    leftovers.discard(first)
    assert listed() == [str(second)] and not first.exists()
    leftovers.finished(second)
    assert list((data / leftovers.JOURNALS).iterdir()) == []


def test_a_killed_report_leaves_a_temporary_the_next_start_removes(demo_db, tmp_path, data):
    usb = tmp_path / "usb"
    usb.mkdir()
    with Workspace.open(demo_db) as ws:
        ws.document_settings.save(signer_name="Nguyễn Văn An")
    arrange = "import os\nos.fsync = lambda fd: die()  # the power goes while it is flushed"
    killed(arrange, "--db", demo_db, "report", "--period", "2025", "--out", usb / "bc.pdf")
    assert temporaries(usb) != []  # what the issue found: left for good
    assert desktop("--db", demo_db, "status").returncode == 0
    assert list(usb.iterdir()) == []
    assert list((data / leftovers.JOURNALS).iterdir()) == []


def test_a_killed_backup_leaves_a_copy_the_next_start_removes(demo_db, tmp_path, data):
    usb = tmp_path / "usb"
    usb.mkdir()
    arrange = """
    import db
    def cut(database, dest):  # the copy half made, its journal beside it
        dest.write_bytes(b"SQLite format 3" + bytes(4097))
        dest.with_name(dest.name + "-journal").write_bytes(bytes(512))
        die()
    db.copy_database = cut
    """
    killed(arrange, "--db", demo_db, "backup", "--out", usb)
    assert len(temporaries(usb)) == 2
    assert desktop("--db", demo_db, "status").returncode == 0
    assert list(usb.iterdir()) == []


# A set of annexes ------------------------------------------------------------------------


@pytest.fixture
def old_set(demo_db, tmp_path, data) -> Path:
    """Last month's annexes in a folder, with a file of the clerk's beside them."""
    folder = tmp_path / "giao_viec"
    with Workspace.open(demo_db, read_only=True) as ws:
        saving.save_annexes(ws, ws.plans.current(), folder)
    for path in folder.iterdir():
        path.write_bytes(b"cu " + path.name.encode())
    (folder / "ghi_chu.txt").write_text("của văn thư")
    return folder


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def is_new(found: dict[str, bytes], old: dict[str, bytes]) -> bool:
    changed = [name for name in old if found[name] != old[name]]
    return found.keys() == old.keys() and changed == sorted(set(old) - {"ghi_chu.txt"})


def test_annexes_failing_half_way_leave_the_old_set(demo_db, old_set, data, monkeypatch):
    old = contents(old_set)
    assert len(old) == 13  # twelve annexes and the clerk's file
    written = []
    real = saving.WRITERS[".pdf"]

    def failing(document):  # the sixth file cannot be made
        if len(written) == 5:
            raise RuntimeError("hỏng giữa chừng")
        written.append(document)
        return real(document)

    monkeypatch.setitem(saving.WRITERS, ".pdf", failing)
    monkeypatch.setitem(saving.WRITERS, ".xlsx", failing)
    with Workspace.open(demo_db, read_only=True) as ws, pytest.raises(RuntimeError):
        saving.save_annexes(ws, ws.plans.current(), old_set)
    assert contents(old_set) == old  # no temporary folder either
    assert list((data / leftovers.JOURNALS).iterdir()) == []


def test_annexes_failing_while_swapped_in_put_the_old_ones_back(demo_db, old_set, monkeypatch):
    old = contents(old_set)
    real_replace, moves = os.replace, []

    def failing(source, target):  # the stick refuses the ninth rename
        moves.append(target)
        if len(moves) == 9:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(atomic_files.os, "replace", failing)
    with (
        Workspace.open(demo_db, read_only=True) as ws,
        pytest.raises(UserError, match="Các tệp cũ được giữ nguyên"),
    ):
        saving.save_annexes(ws, ws.plans.current(), old_set)
    assert contents(old_set) == old


def killed_after(renames: int) -> str:
    """Code that kills the process before its rename number `renames` + 1."""
    return f"""
    real, done = os.replace, []
    def replace(source, target):
        if len(done) == {renames}:
            die()
        done.append(target)
        real(source, target)
    os.replace = replace
    """


WHOLE = "from desktop.infra import leftovers\nleftovers.discard = lambda path: die()"


@pytest.mark.parametrize(
    ("arrange", "after"),
    [
        (killed_after(0), "old"),  # before the swap
        (killed_after(1), "old"),  # an old file put aside, its new one not in yet
        (killed_after(2), "old"),
        (killed_after(7), "old"),  # half-way
        (killed_after(24), "old"),  # every new file in (12 put aside, 12 in), not marked whole
        (WHOLE, "new"),  # marked whole, the old ones not dropped yet
    ],
    ids=["0", "1", "2", "7", "24", "whole"],
)
def test_annexes_killed_at_any_moment_are_the_old_set_or_the_new_after_the_next_start(
    demo_db, old_set, data, arrange, after
):
    old = contents(old_set)
    killed(arrange, "--db", demo_db, "annex", "--out", old_set)
    assert temporaries(old_set) != []
    assert desktop("--db", demo_db, "status").returncode == 0
    found = contents(old_set)
    assert is_new(found, old) if after == "new" else found == old
    assert list((data / leftovers.JOURNALS).iterdir()) == []


def test_annexes_killed_while_written_leave_the_old_set(demo_db, old_set, data):
    old = contents(old_set)
    killed("import os\nos.fsync = lambda fd: die()", "--db", demo_db, "annex", "--out", old_set)
    assert temporaries(old_set) != []
    assert desktop("--db", demo_db, "status").returncode == 0
    assert contents(old_set) == old


# A stick pulled during receive -----------------------------------------------------------


def test_a_stick_pulled_during_receive_is_said_file_by_file(made, tmp_path, monkeypatch):
    _, package = made
    stick = tmp_path / "usb"
    for folder in ("a", "b"):
        (stick / folder).mkdir(parents=True)
        shutil.copy(package.path, stick / folder / "goi.asice")
    real_scandir = os.scandir

    def pulled(path="."):  # folder b goes as it is walked
        if Path(path) == stick / "b":
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", pulled)
    with Workspace.open(tmp_path / "tinh.db", create=True) as ws:
        ws.office.save("Hải Phòng", "tinh")
        outcomes = receive(ws, [stick, stick / "da_rut.asice"], [], workers=1)
        monkeypatch.setattr(os, "scandir", real_scandir)
        assert [o.status for o in outcomes] == [QUARANTINED] * 3
        folder, package_a, gone = outcomes
        assert folder.file == str(stick / "b")
        assert folder.detail.startswith("không đọc được thư mục: không thấy thư mục")
        assert package_a.file == "goi.asice" and "gốc tin cậy" in package_a.detail  # read
        assert gone.file == "da_rut.asice" and gone.detail.startswith("không thấy tệp")
        assert len(ws.receiving.quarantined()) == 1  # a file not read says nothing of it

        def failing(file):  # the stick goes while the package is read
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr("desktop.consolidation.receive.sha256_of", failing)
        [outcome] = receive(ws, [stick / "a" / "goi.asice"], [], workers=1)
        assert outcome.detail.startswith("lỗi đọc ổ đĩa (ổ USB bị rút ra hoặc hỏng?)")
        assert len(ws.receiving.quarantined()) == 1
