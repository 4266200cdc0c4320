"""Temporaries left behind by a killed process or a pulled stick, removed at the next start.

Why: whatever the program writes goes first to a temporary beside it (atomic_files: the
documents, packages, kept copies of received packages; a backup's copy; a set of annexes
in a folder of its own), renamed into place once whole. A process killed (the task
manager, a power cut, kill -9) or a USB stick pulled mid-way left those temporaries for
good: up to 108 MB each, 1.58 GB over 20 trials, and in plain sight on a Windows stick
(a leading dot hides nothing there). Now:

- every temporary is named as ours and by its writer, `.TÊN.skh-MÁY-PID-xxxxxxxx.tmp`
  (`.dang_chep` for a backup's copy, with SQLite's -journal, -wal, -shm beside it). MÁY is
  a short digest of the computer's name: a writer on another computer sharing the folder
  (a network share) cannot be told dead from here, so its temporaries are never touched;
- it is hidden on Windows while it exists;
- while it is being written, the process lists it in a journal of its own in the data
  folder (`dang_ghi/skh-MÁY-PID-xxxxxxxx.txt`, one path a line, only those in progress),
  removed once none is: a journal left there is a process that ended before finishing;
- at the next start (`sweep`, from Workspace.open, which the command line and the window
  both go through) the journals of dead processes are read and what they list removed;
  so are our temporaries of dead processes in the backup folder beside the database
  opened. A set of files interrupted while it was being swapped in is put back as it was
  first (the old files in place again), so the folder holds the old set or the new one,
  never half of each. A listed path whose folder is not there now (a stick not plugged
  in) is tried again at later starts, for 30 days.

Nothing else is touched: a name that does not match the pattern exactly, or whose writer
is alive or on another computer, stays. Cheap at start: one small folder listed, the
backup folder listed, nothing walked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import threading
import time
from contextlib import suppress
from pathlib import Path

from desktop.infra.paths import data_dir

JOURNALS = "dang_ghi"  # in the data folder: one journal per process writing temporaries
BACKUPS = "sao_luu"  # backups.FOLDER, beside the database (backups writes through this module)
SET_LIST = "danh_sach.json"  # in a set's folder: its names, written before the swap begins
SET_DONE = "xong.json"  # the list renamed once every new file is in: nothing to put back
ASIDE = "cu"  # in a set's folder: the old files of the set's names, put aside
KEEP_UNREACHABLE = 30 * 24 * 3600  # seconds a journal waits for its stick to come back
_HIDDEN = 0x2  # FILE_ATTRIBUTE_HIDDEN
_NORMAL = 0x80  # FILE_ATTRIBUTE_NORMAL: what a file with no other attribute has


def _machine() -> str:
    name = os.environ.get("COMPUTERNAME", "") if sys.platform == "win32" else os.uname().nodename
    return hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:4]


MACHINE = _machine()
# After prefix(), a random part (mkstemp's 8 of [a-z0-9_], or hex) and the suffix
_OURS = re.compile(
    r"\.(?s:.+)\.skh-(?P<machine>[0-9a-f]{4})-(?P<pid>[1-9][0-9]{0,9})-[a-z0-9_]+"
    r"(?:\.tmp|\.dang_chep(?:-journal|-wal|-shm)?)"
)
_JOURNAL = re.compile(
    r"skh-(?P<machine>[0-9a-f]{4})-(?P<pid>[1-9][0-9]{0,9})-[0-9a-f]{8}\.txt(?:\.tmp)?"
)
_SQLITE_SIDES = ("-journal", "-wal", "-shm")


def prefix(name: str) -> str:
    """What a temporary standing for `name` starts with (mkstemp adds the rest): ours,
    this computer's, this process's. The name is cut so the whole stays short."""
    return f".{name[:64]}.skh-{MACHINE}-{os.getpid()}-"


def reserve(beside: Path, suffix: str) -> Path:
    """The name of a new temporary standing for `beside`, listed in the journal before
    it is made: a kill between the two leaves a listed name, never an unlisted file."""
    path = beside.with_name(f"{prefix(beside.name)}{os.urandom(4).hex()}{suffix}")
    _journal.add(path)
    return path


def started(path: Path) -> Path:
    """`path`, a temporary just made under a reserved name, hidden."""
    _set_hidden(path, True)
    return path


def finished(path: Path) -> None:
    """`path` renamed into place or removed: no longer listed."""
    _journal.remove(path)


def discard(path: Path) -> None:
    """Remove a temporary (a set's folder put back first), then stop listing it. Quietly:
    it runs when a write already failed or succeeded; a temporary that cannot be removed
    now (a pulled stick) stays listed, for the next start."""
    if _remove(path):
        finished(path)


def unhide(path: Path) -> None:
    """Before a temporary is renamed into place: Windows keeps its attributes."""
    _set_hidden(path, False)


def sweep(database: Path) -> None:
    """Remove our temporaries whose writer is dead: those the journals of dead processes
    list, and those in the backup folder beside `database`. Never raises: a start goes
    on whatever is found."""
    with suppress(OSError):
        for entry in os.scandir(data_dir() / JOURNALS):
            _sweep_journal(Path(entry.path))
    with suppress(OSError):
        for entry in os.scandir(database.parent / BACKUPS):
            if _left_by_the_dead(entry.name):
                _remove(Path(entry.path))


def put_back(staging: Path) -> None:
    """Undo a set interrupted while it was swapped in (atomic_files.write_set): each new
    file moved in goes back to `staging`, each old one put aside goes back in place. Each
    step can be cut short and taken again. Nothing to do before the list is written
    (nothing moved yet) or once it is renamed SET_DONE (the new set is whole)."""
    folder, aside = staging.parent, staging / ASIDE
    try:
        names = json.loads((staging / SET_LIST).read_text("utf-8"))
    except (FileNotFoundError, ValueError):  # ValueError: cut short, so not swapping yet
        return
    for name in names:
        if not (staging / name).exists():  # the new one is in: out again
            with suppress(FileNotFoundError):
                os.replace(folder / name, staging / name)
        if (aside / name).exists():
            os.replace(aside / name, folder / name)


def _remove(path: Path) -> bool:
    """Remove our temporary at `path`: True when nothing of it is left."""
    try:
        if path.is_dir() and not path.is_symlink():
            put_back(path)
            for folder in (path / ASIDE, path):  # what we wrote there: files, one level
                with suppress(FileNotFoundError), os.scandir(folder) as entries:
                    for entry in entries:
                        if not entry.is_dir(follow_symlinks=False):
                            os.unlink(entry.path)
                with suppress(FileNotFoundError):
                    folder.rmdir()
        else:
            path.unlink(missing_ok=True)
            if path.name.endswith(".dang_chep"):  # SQLite's files beside a backup's copy
                for side in _SQLITE_SIDES:
                    path.with_name(path.name + side).unlink(missing_ok=True)
    except OSError:
        return False
    return True


def _left_by_the_dead(name: str) -> bool:
    """A name of ours, made on this computer by a process that is no longer running."""
    match = _OURS.fullmatch(name)
    return (
        match is not None and match["machine"] == MACHINE and not process_alive(int(match["pid"]))
    )


def _sweep_journal(journal: Path) -> None:
    match = _JOURNAL.fullmatch(journal.name)
    if not match or match["machine"] != MACHINE or process_alive(int(match["pid"])):
        return
    try:
        lines = journal.read_text("ascii", "replace").splitlines()
        expired = time.time() - journal.stat().st_mtime > KEEP_UNREACHABLE
    except OSError:
        return
    waiting = False
    for line in lines:
        try:
            path = Path(json.loads(line))
            reachable = path.parent.is_dir()
        except (ValueError, TypeError):  # a line cut short by the kill
            continue
        # a stick not plugged in now, or a temporary that would not go: at a later start
        if not reachable or (_left_by_the_dead(path.name) and not _remove(path)):
            waiting = True
    if expired or not waiting:
        with suppress(OSError):
            journal.unlink()


def process_alive(pid: int) -> bool:
    """Whether process `pid` is running (a process of another user counts)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would end it there
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.restype = ctypes.c_void_p
        kernel32.GetExitCodeProcess.argtypes = (ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong))
        kernel32.CloseHandle.argtypes = (ctypes.c_void_p,)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
        try:
            code = ctypes.c_ulong()
            ended = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return not ended or code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


def _set_hidden(path: Path, hidden: bool) -> None:
    """Hidden on Windows, where a leading dot hides nothing (a no-op elsewhere)."""
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        attributes = kernel32.GetFileAttributesW(str(path))
        if attributes == -1:  # INVALID_FILE_ATTRIBUTES: gone
            return
        wanted = (attributes & ~_NORMAL) | _HIDDEN if hidden else attributes & ~_HIDDEN
        if wanted != attributes:
            kernel32.SetFileAttributesW(str(path), wanted or _NORMAL)


class _Journal:
    """This process's temporaries in progress, in its journal while any is: a line
    appended as one starts, the file written again with those left as one ends (a new
    file renamed over it, never half written), removed when none is left."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: set[Path] = set()
        self._file: Path | None = None

    def add(self, path: Path) -> None:
        path = path.absolute()
        with self._lock:
            self._open.add(path)
            with suppress(OSError):  # not listed: those in the backup folder are still found
                if self._file is None:
                    folder = data_dir() / JOURNALS
                    folder.mkdir(parents=True, exist_ok=True)
                    name = f"skh-{MACHINE}-{os.getpid()}-{os.urandom(4).hex()}.txt"
                    self._file = folder / name
                with open(self._file, "a", encoding="ascii") as file:
                    file.write(_line(path))

    def remove(self, path: Path) -> None:
        path = path.absolute()
        with self._lock:
            if path not in self._open:
                return
            self._open.discard(path)
            if self._file is None:
                return
            with suppress(OSError):
                if self._open:
                    new = self._file.with_name(self._file.name + ".tmp")
                    new.write_text("".join(map(_line, self._open)), "ascii")
                    os.replace(new, self._file)
                else:
                    self._file.unlink(missing_ok=True)
            if not self._open:
                self._file = None


def _line(path: Path) -> str:
    return json.dumps(str(path)) + "\n"  # ASCII: json escapes the rest


_journal = _Journal()
