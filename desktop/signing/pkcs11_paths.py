"""Where the PKCS#11 modules of the USB tokens used in Vietnam are usually installed, so
a token works without the clerk naming a file. Only looks at files; loading one is
Pkcs11Token's business (this module does not import pkcs11)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from desktop.errors import InvalidInput

# Installed into System32 by the token drivers. A 64-bit app loads only 64-bit modules:
# the 32-bit copies some drivers put in SysWOW64 are of no use to it.
WINDOWS_SYSTEM32 = (
    "eTPKCS11.dll",  # SafeNet eToken (SafeNet Authentication Client); Ban Cơ yếu tokens
    "vnpt-ca_csp11.dll",  # VNPT-CA
    # Not checked against a real driver: names from the CAs' web-signing plugins.
    "vnptca_p11_v8.dll",  # VNPT-CA, newer drivers
    "vnptca_p11_v6.dll",
    "viettel-ca_v6.dll",  # Viettel-CA
    "viettel-ca_v5.dll",
    "viettel-ca.dll",
    "BkavCA.dll",  # BKAV-CA
    "fpt-ca.dll",  # FPT-CA
)
# SoftHSM2 for Windows (a software token for trying signing out) installs to C:\SoftHSM2.
WINDOWS_SOFTHSM = (("SoftHSM2", "lib", "softhsm2-x64.dll"), ("SoftHSM2", "lib", "softhsm2.dll"))

LINUX = (
    "/usr/lib/libeTPkcs11.so",  # SafeNet Authentication Client
    "/usr/lib64/libeTPkcs11.so",
    "/usr/lib/softhsm/libsofthsm2.so",  # Debian, Ubuntu
    "/usr/lib64/pkcs11/libsofthsm2.so",  # Fedora
)
MACOS = (
    "/usr/local/lib/libeTPkcs11.dylib",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


def pkcs11_candidates(
    system: str | None = None, env: Mapping[str, str] | None = None
) -> list[Path]:
    """Every file looked for, in order of preference, on `system` (default: this one).
    `env` defaults to os.environ (whose keys Windows matches in any case)."""
    system = system or sys.platform
    env = os.environ if env is None else env
    if system == "win32":
        windows = env.get("SystemRoot") or env.get("windir") or r"C:\Windows"
        program_files = env.get("ProgramFiles") or r"C:\Program Files"
        drive = env.get("SystemDrive") or "C:"
        found = [Path(windows, "System32", name) for name in WINDOWS_SYSTEM32]
        roots = (Path(drive + os.sep), Path(program_files))
        return found + [Path(root, *parts) for root in roots for parts in WINDOWS_SOFTHSM]
    if system == "darwin":
        return [Path(p) for p in MACOS]
    return [Path(p) for p in LINUX]


def default_pkcs11_libraries(
    system: str | None = None, env: Mapping[str, str] | None = None
) -> list[Path]:
    """The candidates that exist (one file reached by two names counted once)."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in pkcs11_candidates(system, env):
        if path.is_file() and (real := path.resolve()) not in seen:
            seen.add(real)
            found.append(path)
    return found


def find_pkcs11_library(system: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The one token module installed here, or InvalidInput saying what was looked for."""
    found = default_pkcs11_libraries(system, env)
    if len(found) == 1:
        return found[0]
    if found:
        raise InvalidInput(
            "Máy có nhiều thư viện token: " + "; ".join(map(str, found)) + ".",
            window="Chọn một ở ô «Thư viện token».",
            command="Chọn một bằng --pkcs11-lib TỆP.",
        )
    looked = "; ".join(map(str, pkcs11_candidates(system, env)))
    raise InvalidInput(
        f"Chưa biết thư viện của token. Đã tìm nhưng không thấy: {looked}. Hãy cài trình điều "
        "khiển token của nơi cấp chứng thư số rồi thử lại.",
        window="Đã cài ở nơi khác thì chọn tệp thư viện (.so/.dll) ở ô «Thư viện token».",
        command="Đã cài ở nơi khác thì chỉ tệp thư viện bằng --pkcs11-lib TỆP (.so/.dll).",
    )
