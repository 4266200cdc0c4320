"""The Windows branches, run on Linux: each platform decision is a small function whose
OS facts (drive types, msvcrt, environment, data folders) a test hands in."""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path, PureWindowsPath

import pytest

from desktop.cli import main
from desktop.delivery import usb
from desktop.errors import InvalidInput
from desktop.infra import paths, writer_lock
from desktop.infra.location import Location, disk_of, linux_location, windows_location
from desktop.infra.writer_lock import Locked, WriterLock, os_lock
from desktop.signing import pkcs11_paths

# 1. Removable drives ------------------------------------------------------------------


class FakeKernel32:
    """GetLogicalDrives / GetDriveTypeW / a medium in the drive, from a table."""

    def __init__(self, drives: dict[str, tuple[int, bool]]):
        self.drives = drives  # letter -> (drive type, has a medium)

    def logical_drives(self) -> int:
        return sum(1 << (ord(letter) - ord("A")) for letter in self.drives)

    def drive_type(self, root: str) -> int:
        assert root.endswith(":\\"), root
        return self.drives[root[0]][0]

    def has_media(self, root: str) -> bool:
        return self.drives[root[0]][1]


def test_windows_lists_removable_drive_letters_with_a_medium_in_them():
    api = FakeKernel32(
        {
            "A": (2, False),  # an empty card-reader slot
            "C": (3, True),  # the system disk
            "D": (5, True),  # a DVD drive
            "E": (2, True),  # a USB stick
            "G": (2, True),  # another
            "Z": (4, True),  # a mapped network drive
        }
    )
    drives = usb.removable_drives(system="win32", windows_api=api)
    assert [str(d) for d in drives] == ["E:\\", "G:\\"]


def test_linux_lists_sticks_mounted_under_media():
    mounts = (
        "/dev/nvme0n1p2 / ext4 rw 0 0\n"
        "/dev/nvme0n1p1 /boot/efi vfat rw 0 0\n"
        "/dev/sdb1 /media/lan/USB\\040XA vfat rw 0 0\n"
        "/dev/sdc1 /run/media/lan/KINGSTON exfat rw 0 0\n"
        "//may-chu/chung /mnt/chung cifs rw 0 0\n"
    )
    assert usb.linux_removable_drives(mounts) == [
        Path("/media/lan/USB XA"),
        Path("/run/media/lan/KINGSTON"),
    ]


# 2. Where a database sits -------------------------------------------------------------


def drive_types(table: dict[str, int]):
    """GetDriveTypeW over `table`; records each root asked about."""
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return table[root]

    drive_type.asked = asked  # type: ignore[attr-defined]
    return drive_type


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"\\may-chu\chung\so_ke_hoach", Location.NETWORK),
        ("//may-chu/chung/so_ke_hoach", Location.NETWORK),
        (r"\\?\UNC\may-chu\chung\so_ke_hoach", Location.NETWORK),
    ],
)
def test_windows_unc_paths_are_network_without_asking_the_drive(path, expected):
    ask = drive_types({})
    assert windows_location(path, ask) is expected
    assert ask.asked == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"Z:\So ke hoach", Location.NETWORK),  # a mapped network drive
        (r"E:\So ke hoach", Location.REMOVABLE),  # a USB stick
        (r"C:\Users\lan\Documents", Location.LOCAL),
        (r"\\?\C:\Users\lan\Documents", Location.LOCAL),  # long-path spelling of C:\
        (r"d:\du lieu", Location.LOCAL),  # a CD-ROM (5) is none of the two
    ],
)
def test_windows_drive_letters_are_classified_by_their_drive_type(path, expected):
    ask = drive_types({"C:\\": 3, "E:\\": 2, "Z:\\": 4, "d:\\": 5})
    assert windows_location(path, ask) is expected
    assert ask.asked == [PureWindowsPath(path.removeprefix("\\\\?\\")).drive + "\\"]


@pytest.mark.parametrize(
    ("partition", "disk"),
    [("sdb1", "sdb"), ("sda", "sda"), ("nvme0n1p2", "nvme0n1"), ("mmcblk0p1", "mmcblk0")],
)
def test_a_partition_is_traced_to_its_disk(partition, disk):
    assert disk_of(partition) == disk


def test_linux_mounts_are_told_apart():
    mounts = (
        "/dev/nvme0n1p2 / ext4 rw 0 0\n"
        "/dev/sdb1 /media/lan/USB\\040XA vfat rw 0 0\n"
        "/dev/mmcblk0p1 /media/lan/THE_NHO vfat rw 0 0\n"
        "//may-chu/chung /mnt/chung cifs rw 0 0\n"
        "nas:/so /mnt/nas nfs4 rw 0 0\n"
    )
    removable = {"sdb", "mmcblk0"}.__contains__
    where = {
        "/home/lan/so": Location.LOCAL,
        "/media/lan/USB XA/so": Location.REMOVABLE,
        "/media/lan/THE_NHO": Location.REMOVABLE,
        "/mnt/chung/so": Location.NETWORK,
        "/mnt/nas": Location.NETWORK,
    }
    assert {p: linux_location(Path(p), mounts, removable) for p in where} == where


# 3. The writer lock -------------------------------------------------------------------


class FakeMsvcrt:
    """msvcrt.locking as Windows does it: `nbytes` from the file's current position,
    a range held by another descriptor refused at once (LK_NBLCK) with EACCES."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self):
        self.held: dict[tuple[int, int, int], int] = {}  # (device, inode, offset) -> fd

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        assert nbytes == 1
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        if mode == self.LK_NBLCK:
            if key in self.held:
                raise PermissionError(errno.EACCES, "Permission denied")
            self.held[key] = fd
        elif mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise PermissionError(errno.EACCES, "Permission denied")  # not locked here
            del self.held[key]
        else:
            raise AssertionError(f"mode {mode}")


@pytest.fixture
def holder_named(monkeypatch):
    monkeypatch.setattr(writer_lock, "login_name", lambda: "Nguyễn Thị Lan")
    monkeypatch.setattr(writer_lock, "host_name", lambda: "UBND-XA-01")


def test_the_computer_named_in_the_lock(monkeypatch):
    """Windows keeps its name in COMPUTERNAME; elsewhere it is the one socket gives."""
    if hasattr(os, "uname"):
        assert writer_lock.host_name() == socket.gethostname()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("COMPUTERNAME", "UBND-XA-01")
    assert writer_lock.host_name() == "UBND-XA-01"
    monkeypatch.delenv("COMPUTERNAME")
    assert writer_lock.host_name() == "không rõ"


def test_windows_lock_held_says_who_holds_it(tmp_path, holder_named):
    database = tmp_path / "so_ke_hoach.db"
    msvcrt = FakeMsvcrt()
    first = WriterLock.acquire(database, locker=os_lock("win32", msvcrt))
    # Windows refuses others a read of the locked byte 0; the holder's text must not
    # need it (here byte 0 is made unreadable as text instead).
    text = writer_lock.lock_path(database).read_bytes()
    writer_lock.lock_path(database).write_bytes(b"\xff" + text[1:])
    with pytest.raises(Locked) as raised:
        WriterLock.acquire(database, locker=os_lock("win32", msvcrt))
    message = str(raised.value)
    assert "đang được người dùng «Nguyễn Thị Lan» trên máy «UBND-XA-01»" in message
    assert "mở để ghi" in message
    first.release()  # unlocks byte 0 although the holder's text moved the position on
    assert msvcrt.held == {}
    second = WriterLock.acquire(database, locker=os_lock("win32", msvcrt))
    second.release()


def test_windows_lock_waits_for_the_holder_then_gives_up(tmp_path, holder_named):
    database = tmp_path / "so_ke_hoach.db"
    msvcrt = FakeMsvcrt()
    first = WriterLock.acquire(database, locker=os_lock("win32", msvcrt))
    with pytest.raises(Locked, match="Hãy đóng chương trình đó"):
        WriterLock.acquire(database, wait=0.2, locker=os_lock("win32", msvcrt))
    first.release()


def test_the_lock_primitive_follows_the_platform():
    fake = object()
    assert type(os_lock("win32", fake)).__name__ == "_MsvcrtLock"
    assert type(os_lock("linux", fake)).__name__ == "_Flock"


# 4. The PKCS#11 module of the token ---------------------------------------------------


def windows_env(root: Path) -> dict[str, str]:
    return {
        "SystemRoot": str(root / "Windows"),
        "ProgramFiles": str(root / "Program Files"),
        "SystemDrive": str(root / "C"),
    }


def install(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"MZ")
    return path


def test_windows_finds_the_token_driver_in_system32(tmp_path):
    env = windows_env(tmp_path)
    viettel = install(tmp_path / "Windows" / "System32" / "viettel-ca_v6.dll")
    install(tmp_path / "Windows" / "SysWOW64" / "eTPKCS11.dll")  # 32-bit: not for us
    assert pkcs11_paths.default_pkcs11_libraries("win32", env) == [viettel]
    assert pkcs11_paths.find_pkcs11_library("win32", env) == viettel


def test_windows_finds_softhsm_where_its_installer_puts_it(tmp_path):
    env = windows_env(tmp_path)
    softhsm = install(tmp_path / "Program Files" / "SoftHSM2" / "lib" / "softhsm2-x64.dll")
    assert pkcs11_paths.default_pkcs11_libraries("win32", env) == [softhsm]


def test_windows_with_two_drivers_asks_which(tmp_path):
    env = windows_env(tmp_path)
    safenet = install(tmp_path / "Windows" / "System32" / "eTPKCS11.dll")
    vnpt = install(tmp_path / "Windows" / "System32" / "vnpt-ca_csp11.dll")
    assert pkcs11_paths.default_pkcs11_libraries("win32", env) == [safenet, vnpt]
    with pytest.raises(InvalidInput, match="nhiều thư viện token") as raised:
        pkcs11_paths.find_pkcs11_library("win32", env)
    assert str(safenet) in str(raised.value) and str(vnpt) in str(raised.value)


def test_windows_without_a_driver_says_where_it_looked(tmp_path):
    env = windows_env(tmp_path)
    with pytest.raises(InvalidInput, match="Chưa biết thư viện của token") as raised:
        pkcs11_paths.find_pkcs11_library("win32", env)
    message = str(raised.value)
    assert str(tmp_path / "Windows" / "System32" / "eTPKCS11.dll") in message
    assert "softhsm2-x64.dll" in message
    assert "trình điều khiển token" in message


def test_windows_candidates_follow_the_environment():
    env = {"SystemRoot": r"D:\WINDOWS", "ProgramFiles": r"D:\Program Files", "SystemDrive": "D:"}
    found = [PureWindowsPath(str(p)) for p in pkcs11_paths.pkcs11_candidates("win32", env)]
    assert PureWindowsPath(r"D:\WINDOWS\System32\eTPKCS11.dll") in found
    assert PureWindowsPath(r"D:\WINDOWS\System32\vnpt-ca_csp11.dll") in found
    assert PureWindowsPath(r"D:\SoftHSM2\lib\softhsm2-x64.dll") in found
    assert PureWindowsPath(r"D:\Program Files\SoftHSM2\lib\softhsm2-x64.dll") in found
    assert all(p.drive == "D:" for p in found)
    defaults = [PureWindowsPath(str(p)) for p in pkcs11_paths.pkcs11_candidates("win32", {})]
    assert defaults[0] == PureWindowsPath(r"C:\Windows\System32\eTPKCS11.dll")


def test_linux_candidates_are_shared_objects_and_one_file_counts_once(tmp_path, monkeypatch):
    linux = pkcs11_paths.pkcs11_candidates("linux", {})
    assert Path("/usr/lib/softhsm/libsofthsm2.so") in linux
    assert all(p.suffix == ".so" for p in linux)
    real = install(tmp_path / "x86_64-linux-gnu" / "libsofthsm2.so")
    (tmp_path / "softhsm").mkdir()
    (tmp_path / "softhsm" / "libsofthsm2.so").symlink_to(real)
    monkeypatch.setattr(
        pkcs11_paths, "LINUX", (str(tmp_path / "softhsm" / "libsofthsm2.so"), str(real))
    )
    assert pkcs11_paths.default_pkcs11_libraries("linux", {}) == [
        tmp_path / "softhsm" / "libsofthsm2.so"
    ]


def test_the_cli_without_a_library_lists_what_it_looked_for(demo_ws, db_path, tmp_path,
                                                            monkeypatch, capsys):  # fmt: skip
    demo_ws.close()
    missing = tmp_path / "Windows" / "System32" / "eTPKCS11.dll"
    monkeypatch.setattr(pkcs11_paths, "pkcs11_candidates", lambda system=None, env=None: [missing])
    monkeypatch.setenv("MA_PIN", "123456")
    code = main(["--db", str(db_path), "package", "--period", "2026", "--out", str(tmp_path),
                 "--pin-env", "MA_PIN"])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "Chưa biết thư viện của token" in err
    assert str(missing) in err


# 5. The data folder -------------------------------------------------------------------

LOCAL = r"C:\Users\Lan\AppData\Local"
ROAMING = r"C:\Users\Lan\AppData\Roaming"


@pytest.fixture
def on_windows(monkeypatch):
    """Windows' environment as a logged-in clerk has it."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", LOCAL)
    monkeypatch.setenv("APPDATA", ROAMING)
    monkeypatch.delenv(paths.DB_ENV_VAR, raising=False)


def test_windows_data_lives_in_local_appdata(on_windows):
    expected = PureWindowsPath(LOCAL, "SoKeHoach")
    assert PureWindowsPath(str(paths.data_dir())) == expected
    assert PureWindowsPath(str(paths.default_db_path())) == expected / "so_ke_hoach.db"
    assert PureWindowsPath(str(paths.demo_db_path())) == expected / "du_lieu_mau.db"
    assert PureWindowsPath(str(paths.log_file())) == expected / "nhat_ky" / "so_ke_hoach.log"


def test_windows_without_localappdata_still_finds_the_local_folder(on_windows, monkeypatch):
    monkeypatch.delenv("LOCALAPPDATA")
    assert paths.data_dir() == Path.home() / "AppData" / "Local" / "SoKeHoach"


def test_the_data_folder_agrees_with_platformdirs_here(monkeypatch, tmp_path):
    """Read from the environment as platformdirs reads it, on this machine's platform."""
    import platformdirs

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    dirs = platformdirs.PlatformDirs("SoKeHoach", appauthor=False, roaming=False)
    assert paths.data_dir() == Path(dirs.user_data_dir)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is Linux's")
def test_linux_data_follows_xdg_not_a_fixed_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "du_lieu"))
    monkeypatch.delenv(paths.DB_ENV_VAR, raising=False)
    assert paths.default_db_path() == tmp_path / "du_lieu" / "SoKeHoach" / "so_ke_hoach.db"
    assert paths.demo_db_path().parent == tmp_path / "du_lieu" / "SoKeHoach"
    assert paths.log_file().parent.parent == tmp_path / "du_lieu" / "SoKeHoach"


def test_the_database_named_in_the_environment_wins(on_windows, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DB_ENV_VAR, str(tmp_path / "xa.db"))
    assert paths.default_db_path() == tmp_path / "xa.db"
