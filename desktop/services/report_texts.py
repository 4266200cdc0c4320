"""The clerk's own words in a period's report, per part: saved, audited, locked with the
period. What is printed when a part has none is drafted from the data
(desktop/documents/narrative.py); these rows never change by themselves."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.periods import Period
from desktop.errors import InvalidInput
from desktop.services.base import Service
from desktop.vietnamese.text import clean_multiline

# The parts the clerk writes, in the order of the report, with their headings.
SECTIONS = {
    "ket_qua": "Kết quả đạt được",
    "uu_diem": "Ưu điểm",
    "han_che": "Hạn chế",
    "nguyen_nhan": "Nguyên nhân",
    "kho_khan": "Khó khăn, vướng mắc",
    "de_xuat": "Đề xuất, kiến nghị",
    "phuong_huong": "Phương hướng, nhiệm vụ kỳ tới",
}
# A report part is a few paragraphs; a whole report pasted into one is still taken.
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Written:
    text: str
    draft_digest: str  # the draft's digest when the clerk wrote (stale when it differs)
    written_at: str


def section_key(name: str) -> str:
    """A part's key, or an InvalidInput listing the keys."""
    if name not in SECTIONS:
        raise InvalidInput(
            f"Không có mục «{name}» trong báo cáo. Các mục: " + ", ".join(SECTIONS) + "."
        )
    return name


class ReportTextService(Service):
    def written(self, plan_id: int, period_id: str) -> dict[str, Written]:
        rows = self._rows(
            "SELECT section, text, draft_digest, written_at FROM report_texts "
            "WHERE plan_id = ? AND period_id = ?",
            [plan_id, period_id],
        )
        return {r["section"]: Written(r["text"], r["draft_digest"], r["written_at"]) for r in rows}

    def save(
        self, plan_id: int, period: Period, section: str, text: str, draft_digest: str
    ) -> None:
        """The clerk's text for one part (one change). Empty text goes back to the draft."""
        section = section_key(section)
        text = clean_multiline(text)
        if len(text) > MAX_TEXT:
            raise InvalidInput(
                f"Mục «{SECTIONS[section]}» dài {len(text):,} ký tự, quá giới hạn "
                f"{MAX_TEXT:,} ký tự.".replace(",", ".")
            )
        self.ws.locks.refuse(plan_id, period.key)
        label = f"{SECTIONS[section].lower()} của báo cáo {period.label}"
        with self.ws.change(f"Viết lại {label}" if text else f"Dùng lại bản từ số liệu: {label}"):
            self.db.execute(
                "DELETE FROM report_texts WHERE plan_id = ? AND period_id = ? AND section = ?",
                [plan_id, period.key, section],
            )
            if text:
                self._insert(
                    "report_texts",
                    {
                        "plan_id": plan_id,
                        "period_id": period.key,
                        "section": section,
                        "text": text,
                        "draft_digest": draft_digest,
                        "written_at": self.ws.timestamp(),
                    },
                )
