"""What a package holds and how its parts are named (shared by the office that makes
it and the level above that checks it)."""

from __future__ import annotations

import re

REPORT_PDF, REPORT_XLSX, DATA_JSON = "bao_cao.pdf", "bao_cao.xlsx", "du_lieu.json"
EVIDENCE_FOLDER = "minh_chung/"
KEYWORD_PREFIX = "so-ke-hoach; ky="  # the signed report's PDF keywords name its period
# '<office>_<period>_<plan>_l<lần>_<yyyymmddThhmmss>.asice'
NAME = re.compile(r"_(?P<period>[0-9A-Z-]+)_[a-z0-9-]+_l(?P<sequence>\d+)_\d{8}T\d{6}\.asice$")
