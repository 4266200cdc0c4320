"""What a package holds and how its parts are named (shared by the office that makes
it and the level above that checks it)."""

from __future__ import annotations

import hashlib
import json
import re

REPORT_PDF, REPORT_XLSX, DATA_JSON = "bao_cao.pdf", "bao_cao.xlsx", "du_lieu.json"
EVIDENCE_FOLDER = "minh_chung/"
KEYWORD_PREFIX = "so-ke-hoach; ky="  # the signed report's PDF keywords name its period
# The data's envelope: how and when it was sent, not what the report says. Everything
# else in du_lieu.json is bound to the signed report by its digest in the PDF's keywords.
ENVELOPE = ("package", "submitted_at", "audit")
_BOUND = re.compile(
    r"so-ke-hoach; ky=(?P<period>[0-9A-Z-]+)"
    r"(?:; goi=(?P<uid>[0-9a-f]{32}); du_lieu=(?P<digest>[0-9a-f]{64}))?$"
)
# '<office>_<period>_<plan>_l<lần>_<yyyymmddThhmmss>.asice'
NAME = re.compile(r"_(?P<period>[0-9A-Z-]+)_[a-z0-9-]+_l(?P<sequence>\d+)_\d{8}T\d{6}\.asice$")


def report_digest(data: dict) -> str:
    """SHA-256 of what du_lieu.json says of the period (all but its envelope), written
    one way only: the same figures give the same digest on any machine."""
    content = {key: value for key, value in data.items() if key not in ENVELOPE}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bound_keywords(period_key: str, uid: str, digest: str) -> str:
    """The signed report's keywords: its period, its package and its data's digest."""
    return f"{KEYWORD_PREFIX}{period_key}; goi={uid}; du_lieu={digest}"


def read_keywords(text: str) -> dict[str, str]:
    """{'period', 'uid', 'digest'} from a report's keywords ('' for what it lacks)."""
    found = _BOUND.search(text.strip())
    return {k: v or "" for k, v in found.groupdict().items()} if found else {}
