"""One writer at a time: a lock file beside the database naming who holds it.

The lock is an OS file lock (flock / LockFile) on `<database>.lock`, so it goes
away with its process, even one killed or cut off by a power failure: a lock left
behind by a dead program is simply taken over. The file's text says who holds it
(user, machine, process, since when) for the message the next writer gets. A writer
that ends in order empties it: a text still there when the next writer takes the lock
says the last one was killed or the power cut (`unclean`, as is a lock file not there
at all), and the database gets checked.
"""

from __future__ import annotations

import getpass
import importlib
import json
import os
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.errors import UserError
from desktop.infra.leftovers import process_alive


class _Flock:
    """flock(2) on the whole file (Linux, macOS)."""

    def __init__(self, fcntl):
        self._fcntl = fcntl

    def try_lock(self, fd: int) -> bool:
        try:
            self._fcntl.flock(fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def unlock(self, fd: int) -> None:
        self._fcntl.flock(fd, self._fcntl.LOCK_UN)


class _MsvcrtLock:
    """LockFile on byte 0 through msvcrt.locking, which locks from the file position:
    hence the seek before each call. LK_NBLCK fails at once when another holds it."""

    def __init__(self, msvcrt):
        self._msvcrt = msvcrt

    def try_lock(self, fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            self._msvcrt.locking(fd, self._msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def unlock(self, fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        self._msvcrt.locking(fd, self._msvcrt.LK_UNLCK, 1)


def os_lock(system: str | None = None, module=None):
    """The lock primitive of `system` (default: this one); `module` stands in for
    msvcrt or fcntl in tests."""
    if (system or sys.platform) == "win32":
        return _MsvcrtLock(module or importlib.import_module("msvcrt"))
    return _Flock(module or importlib.import_module("fcntl"))


class Locked(UserError):
    """Another program holds the writer lock."""


@dataclass(frozen=True)
class Holder:
    """Who holds the writer lock, as the lock file says: user, machine, process, since when."""

    user: str
    host: str
    pid: int
    since: str  # local time, ISO

    def describe(self) -> str:
        try:
            since = datetime.fromisoformat(self.since).strftime("%H:%M ngày %d/%m/%Y")
        except ValueError:
            since = self.since
        return f"người dùng «{self.user}» trên máy «{self.host}» (tiến trình {self.pid}) từ {since}"


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _read_holder(path: Path) -> Holder | None:
    # From byte 1: on Windows byte 0 is under the holder's lock, and a locked range
    # cannot be read by anyone else.
    try:
        with open(path, "rb") as file:
            file.seek(1)
            data = json.loads(file.read().decode("utf-8"))
        return Holder(data["user"], data["host"], int(data["pid"]), data["since"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class WriterLock:
    """Held while a workspace may write; `release()` (or the process ending) frees it."""

    def __init__(self, database: Path, fd: int, locker=None, *, unclean: bool = False):
        self.path = lock_path(database)
        self._fd: int | None = fd
        self._locker = locker or os_lock()
        # The last writer did not release the lock (cut off), or it is not known how it ended.
        self.unclean = unclean

    @classmethod
    def acquire(cls, database: Path, wait: float = 0.0, locker=None) -> WriterLock:
        """Take the lock, waiting up to `wait` seconds for the current writer to finish.
        `locker`: os_lock() unless a test gives another."""
        locker = locker or os_lock()
        path = lock_path(database)
        fresh = not path.exists()  # no lock file: how the last writer ended is not known
        # O_BINARY: Windows would otherwise write the text's "\n" as "\r\n".
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        deadline = time.monotonic() + wait
        while not locker.try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                holder = _read_holder(path)
                who = holder.describe() if holder else "một chương trình khác"
                raise Locked(
                    f"Cơ sở dữ liệu «{database}» đang được {who} mở để ghi. Hãy đóng chương "
                    "trình đó (hoặc chờ nó ghi xong) rồi thử lại; trong lúc đó vẫn xem được "
                    "số liệu."
                )
            time.sleep(0.05)
        unclean = fresh or _read_holder(path) is not None
        mine = {
            "user": login_name(),
            "host": host_name(),
            "pid": os.getpid(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        # Written after the lock is held; byte 0 (the locked byte on Windows) stays
        # under the lock, the text follows a newline.
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, ("\n" + json.dumps(mine, ensure_ascii=False)).encode())
        return cls(database, fd, locker, unclean=unclean)

    def release(self, *, clean: bool = True) -> None:
        """`clean`: the writer ended in order (not when the database could not be opened:
        the next writer checks it again)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if clean:
                with suppress(OSError):  # byte 0 stays, as the lock is on it
                    os.ftruncate(fd, 1)
            self._locker.unlock(fd)
        finally:
            os.close(fd)


def writer_alive(database: Path) -> bool:
    """Whether a writer holds the database now, as its lock file says (read only: the
    lock itself is not touched). One on another machine (a shared folder) counts."""
    holder = _read_holder(lock_path(database))
    if holder is None:
        return False
    return holder.host != host_name() or process_alive(holder.pid)


def host_name() -> str:
    """This computer's name, as the holder's text gives it. Not socket.gethostname():
    importing socket costs milliseconds at every start of the window."""
    if sys.platform == "win32":
        return os.environ.get("COMPUTERNAME") or "không rõ"
    return os.uname().nodename


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows service accounts
        return "không rõ"
