"""What the level above keeps: its roster, the packages received, those refused."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.model import LEVEL_WORDS, OfficeLevel
from desktop.errors import InvalidInput
from desktop.services.base import Service
from desktop.vietnamese.text import clean, fold

# One address (several are separated by ';' or ','): enough to catch a telephone number
# or a name typed into the e-mail column, not a full RFC 5322 check.
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


@dataclass(frozen=True)
class Contact:
    """Whom the level above calls when the office's report is missing or late."""

    person: str = ""
    phone: str = ""
    email: str = ""

    def checked(self) -> Contact:
        """Cleaned (spaces, NFC), or an InvalidInput saying which part is wrong."""
        person, phone, email = clean(self.person), clean(self.phone), clean(self.email)
        if phone and not any(c.isdigit() for c in phone):
            raise InvalidInput(f"Điện thoại «{phone}» không có chữ số nào.")
        wrong = [a for a in re.split(r"[;,]", email) if a.strip() and not _ADDRESS.match(a.strip())]
        if wrong:
            raise InvalidInput(f"Thư điện tử «{wrong[0].strip()}» không đúng dạng ten@mien.vn.")
        return Contact(person, phone, email)

    def __bool__(self) -> bool:
        return bool(self.person or self.phone or self.email)

    def describe(self) -> str:
        """'Nguyễn Thị Hoa, 0225 3842 101, vp@tranlieu.gov.vn', or what is missing."""
        return ", ".join(p for p in (self.person, self.phone, self.email) if p) or (
            "(chưa có người liên hệ)"
        )


@dataclass(frozen=True)
class RosterOffice:
    id: int
    name: str
    level: OfficeLevel
    agency_code: str
    contact: Contact = field(default_factory=Contact)

    @property
    def title(self) -> str:
        """'phường Trần Liêu', inside a sentence."""
        return f"{LEVEL_WORDS[self.level]} {self.name}"

    @property
    def heading(self) -> str:
        """'Phường Trần Liêu', at the start of a line or a table cell."""
        return self.title[:1].upper() + self.title[1:]


@dataclass(frozen=True)
class Signer:
    """A certificate that signed a package, as the level above is shown it."""

    sha256: str
    subject: str  # its common name
    organisation: str
    issuer: str
    serial: str
    not_before: str  # ISO dates
    not_after: str

    def describe(self) -> str:
        organisation = f", tổ chức {self.organisation}" if self.organisation else ""
        return (
            f"{self.subject}{organisation}; cấp bởi {self.issuer}; số sê-ri {self.serial}; "
            f"hiệu lực {_day(self.not_before)} – {_day(self.not_after)}; SHA-256 "
            f"{self.sha256[:16]}…"
        )


@dataclass(frozen=True)
class OfficeSigner:
    """A certificate an office on the roster signs with, as the trust window lists it:
    pinned (its packages count), or new and waiting for the clerk to confirm it."""

    office: RosterOffice
    signer: Signer
    pinned_at: str  # UTC; '' while it waits
    held: int  # the office's packages it signed, held until it is confirmed
    others_pinned: int  # the office's other certificates pinned

    @property
    def waiting(self) -> bool:
        return not self.pinned_at

    def after_unpinning(self) -> str:
        """What becomes of the office's packages once this certificate is no longer its."""
        if self.others_pinned:
            return (
                f"Gói sau này do chứng thư này ký sẽ bị giữ lại chờ xác nhận, không tính vào "
                f"tổng hợp; {self.office.title} còn {self.others_pinned} chứng thư khác "
                "được ghi nhận."
            )
        return (
            f"{self.office.heading} không còn chứng thư nào được ghi nhận: gói tới của đơn vị "
            "sẽ ghi nhận người ký của nó, như gói đầu tiên."
        )


@dataclass(frozen=True)
class Received:
    roster_id: int
    package_uid: str
    sha256: str
    plan_number: str
    period_id: str
    sequence: int
    due_on: str
    submitted_at: str
    trial: bool
    signer: str
    file: str
    received_at: str = ""  # UTC, when the level above took it in: what lateness goes by
    signer_id: str = ""  # the signing certificate's SHA-256 ('' before migration 0020)
    held: bool = False  # signed by a certificate not pinned for the office: not counted
    checks: str = ""  # the verifier's checks on receipt, JSON ('' before migration 0027)


@dataclass(frozen=True)
class Latest:
    """An office's latest lần of a period: the one that stands for it. One sent back for
    correction is shown as returned and not counted until the next lần comes."""

    received: Received
    returned: bool
    earlier: tuple[Received, ...]  # the lần before it, oldest first


def _day(iso: str) -> str:
    return date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")


def _signer(row: dict) -> Signer:
    return Signer(
        row["id"], row["subject"], row["organisation"], row["issuer"], row["serial"],
        row["not_before"], row["not_after"],
    )  # fmt: skip


def _office(row: dict) -> RosterOffice:
    contact = Contact(row["contact_person"], row["phone"], row["email"])
    return RosterOffice(
        row["id"], row["name"], OfficeLevel(row["level"]), row["agency_code"], contact
    )


def _contact_record(contact: Contact) -> dict:
    return {"contact_person": contact.person, "phone": contact.phone, "email": contact.email}


class RosterIndex:
    """The roster looked up in memory: a batch of thousands asks it thousands of times."""

    def __init__(self, offices: list[RosterOffice]):
        self.by_id = {o.id: o for o in offices}
        self.by_code = {o.agency_code: o for o in offices if o.agency_code}
        self.by_name = {(o.level, fold(o.name)): o for o in offices}

    def replace(self, office: RosterOffice) -> None:
        """Kept true after `office` (the same id) was corrected in the database."""
        old = self.by_id[office.id]
        if self.by_code.get(old.agency_code) is old:
            del self.by_code[old.agency_code]
        del self.by_name[(old.level, fold(old.name))]
        self.by_id[office.id] = office
        if office.agency_code:
            self.by_code[office.agency_code] = office
        self.by_name[(office.level, fold(office.name))] = office

    def find(self, level: OfficeLevel | str, name: str, agency_code: str) -> RosterOffice | None:
        if agency_code and agency_code in self.by_code:
            return self.by_code[agency_code]
        return self.by_name.get((OfficeLevel(level), fold(name)))


class ReceivingService(Service):
    def set_roster(self, entries) -> int:
        """Add or update the offices (matched by level and name); returns how many. An
        entry's contact, when it has one (None: its file had no contact columns), replaces
        the office's."""
        with self.ws.change(f"Cập nhật danh sách đơn vị báo cáo ({len(entries)} đơn vị)"):
            index = self.index()  # entries are distinct (read_roster refuses repeats)
            for entry in entries:
                found = index.find(entry.level, entry.name, "")
                record = {"name": entry.name, "level": entry.level.value,
                          "agency_code": entry.agency_code}  # fmt: skip
                if entry.contact is not None:
                    record |= _contact_record(entry.contact.checked())
                if found is None:
                    self._insert("roster", record)
                else:
                    self.db["roster"].update(found.id, record)
        return len(entries)

    def edit_roster(
        self, corrected: list[tuple[int, RosterOffice]], added: list, removed: list[int]
    ) -> None:
        """The roster window's edits as one change: (line, office as corrected) rows,
        entries added, offices removed. A refused line is named and nothing is written."""
        with self.ws.change("Sửa danh sách đơn vị báo cáo"):
            for office_id in removed:
                self.remove_office(office_id)
            index = self.index()  # one for all the lines: thousands of offices, n lines
            for line, office in corrected:
                try:
                    self.update_office(office, index)
                except InvalidInput as exc:
                    raise InvalidInput(f"Dòng {line}: {exc}") from exc
            if added:
                self.set_roster(added)

    def counts(self) -> tuple[int, int, int]:
        """Offices on the roster, packages received, files refused."""
        row = self.db.execute(
            "SELECT (SELECT count(*) FROM roster), (SELECT count(*) FROM received), "
            "(SELECT count(*) FROM quarantine)"
        ).fetchone()
        return row[0], row[1], row[2]

    def received_count(self, office_id: int) -> int:
        return self._scalar("SELECT count(*) FROM received WHERE roster_id = ?", [office_id])

    def remove_office(self, office_id: int) -> None:
        """Take an office off the roster (it no longer reports: merged, or entered by
        mistake). An office whose packages were received stays: they are the record of
        what it sent, and its rows in the totals would vanish with it."""
        office = _office(self._rows("SELECT * FROM roster WHERE id = ?", [office_id])[0])
        if count := self.received_count(office_id):
            raise InvalidInput(
                f"Không bỏ được {office.title} khỏi danh sách: đã nhận {count} gói báo cáo "
                "của đơn vị này, và các gói đã nhận phải được giữ lại."
            )
        with self.ws.change(f"Bỏ {office.title} khỏi danh sách đơn vị báo cáo"):
            self.db.execute("DELETE FROM roster WHERE id = ?", [office_id])

    def update_office(self, office: RosterOffice, index: RosterIndex | None = None) -> None:
        """Correct an office on the roster, its contact included (one change); its
        packages stay its own. `index`: the roster already in memory (edit_roster's, kept
        current), else read here."""
        name, agency_code = " ".join(office.name.split()), office.agency_code.strip()
        if not name:
            raise InvalidInput("Tên đơn vị không được để trống.")
        try:
            level = OfficeLevel(office.level)
        except ValueError as exc:
            raise InvalidInput(f"Cấp «{office.level}» không hợp lệ.") from exc
        contact = office.contact.checked()
        index = index or self.index()
        clash = index.find(level, name, "")
        if clash is not None and clash.id != office.id:
            raise InvalidInput(f"Danh sách đã có {clash.title}.")
        with self.ws.change(f"Sửa đơn vị báo cáo {LEVEL_WORDS[level]} {name}"):
            self.db["roster"].update(
                office.id,
                {"name": name, "level": level.value, "agency_code": agency_code}
                | _contact_record(contact),
            )
        index.replace(RosterOffice(office.id, name, level, agency_code, contact))

    def roster(self) -> list[RosterOffice]:
        return [_office(r) for r in self._rows("SELECT * FROM roster ORDER BY level, name")]

    def find(self, level: OfficeLevel | str, name: str, agency_code: str) -> RosterOffice | None:
        """The roster's office by its code when it has one, else by level and name."""
        return RosterIndex(self.roster()).find(level, name, agency_code)

    def index(self) -> RosterIndex:
        return RosterIndex(self.roster())

    def lookup(self, text: str) -> RosterOffice:
        """An office named by its code, 'Phường Trần Liêu' or a name only it has."""
        wanted = fold(text)
        offices = self.roster()
        for test in (
            lambda o: o.agency_code and fold(o.agency_code) == wanted,
            lambda o: fold(o.title) == wanted,
            lambda o: fold(o.name) == wanted,
        ):
            found = [o for o in offices if test(o)]
            if len(found) == 1:
                return found[0]
        raise InvalidInput(f"Không có đơn vị «{text}» trong danh sách (ghi mã hoặc cấp và tên).")

    def known(self, sha256: str) -> bool:
        return bool(self._scalar("SELECT 1 FROM received WHERE sha256 = ?", [sha256]))

    def store(self, received: Received, operation: str, signer: Signer | None = None) -> None:
        """Record a package; its signer is described, and pinned for the office when
        the office had none (its first package), in the same change."""
        with self.ws.change(operation):
            if signer is not None:
                self._describe(signer)
                if not self.signers(received.roster_id):
                    self._pin(received.roster_id, signer.sha256)
            self._insert(
                "received",
                {**received.__dict__, "trial": int(received.trial), "held": int(received.held),
                 "received_at": received.received_at or self.ws.timestamp()},
            )  # fmt: skip

    def _describe(self, signer: Signer) -> None:
        self.db["signers"].upsert(
            {"id": signer.sha256, **{k: v for k, v in signer.__dict__.items() if k != "sha256"}},
            pk="id",
        )

    def _pin(self, roster_id: int, signer_id: str) -> None:
        self._insert(
            "roster_signers",
            {"roster_id": roster_id, "signer_id": signer_id, "pinned_at": self.ws.timestamp()},
        )

    def signers(self, roster_id: int) -> list[Signer]:
        """The certificates the office signs with, as pinned."""
        rows = self._rows(
            "SELECT s.* FROM roster_signers r JOIN signers s ON s.id = r.signer_id "
            "WHERE r.roster_id = ? ORDER BY r.id",
            [roster_id],
        )
        return [_signer(r) for r in rows]

    def signer(self, sha256: str) -> Signer | None:
        row = self._row("SELECT * FROM signers WHERE id = ?", [sha256])
        return _signer(row) if row else None

    def held(self, period_id: str) -> dict[int, list[Received]]:
        """Per roster id, its packages of the period held for a new signer, oldest first."""
        found: dict[int, list[Received]] = {}
        for received in self.for_period(period_id, held=True):
            found.setdefault(received.roster_id, []).append(received)
        return found

    def confirm_signer(self, office: RosterOffice) -> list[Signer]:
        """Pin the certificates the office's held packages were signed with, and count
        those packages from now on (one change); the signers pinned."""
        rows = self._rows(
            "SELECT DISTINCT signer_id FROM received WHERE roster_id = ? AND held = 1",
            [office.id],
        )
        if not rows:
            raise InvalidInput(f"{office.heading} không có gói nào chờ xác nhận người ký.")
        with self.ws.change(f"Xác nhận người ký mới của {office.title}"):
            for row in rows:
                self._pin(office.id, row["signer_id"])
            self.db.execute(
                "UPDATE received SET held = 0 WHERE roster_id = ? AND held = 1", [office.id]
            )
        return [s for r in rows if (s := self.signer(r["signer_id"])) is not None]

    def unpin_signer(self, office: RosterOffice, sha256: str) -> Signer:
        """No longer take the certificate as the office's (lost, stolen, or a person who
        left), in one change; the packages already counted stay counted. The signer."""
        signer = self.signer(sha256)
        if signer is None or sha256 not in {s.sha256 for s in self.signers(office.id)}:
            raise InvalidInput(f"Chứng thư này không được ghi nhận cho {office.title}.")
        with self.ws.change(f"Bỏ ghi nhận người ký {signer.subject} của {office.title}"):
            self.db.execute(
                "DELETE FROM roster_signers WHERE roster_id = ? AND signer_id = ?",
                [office.id, sha256],
            )
        return signer

    def signing_certificates(self) -> list[OfficeSigner]:
        """Each office's certificates, in the roster's order: those pinned, then those its
        held packages were signed with. Offices that sent nothing signed are not listed."""
        offices = {office.id: office for office in self.roster()}
        signers = {r["id"]: _signer(r) for r in self._rows("SELECT * FROM signers")}
        pinned = self._rows(
            "SELECT roster_id, signer_id, pinned_at FROM roster_signers ORDER BY id"
        )
        held = self._rows(
            "SELECT roster_id, signer_id, count(*) AS packages FROM received WHERE held = 1 "
            "GROUP BY roster_id, signer_id ORDER BY min(id)"
        )
        per_office = Counter(r["roster_id"] for r in pinned)
        listed = [
            OfficeSigner(offices[r["roster_id"]], signers[r["signer_id"]], r["pinned_at"], 0,
                         per_office[r["roster_id"]] - 1)
            for r in pinned
        ] + [
            OfficeSigner(offices[r["roster_id"]], signers[r["signer_id"]], "", r["packages"],
                         per_office[r["roster_id"]])
            for r in held
        ]  # fmt: skip
        order = {office_id: n for n, office_id in enumerate(offices)}
        return sorted(listed, key=lambda s: (order[s.office.id], s.waiting))

    def uid_known(self, package_uid: str) -> bool:
        return bool(self._scalar("SELECT 1 FROM received WHERE package_uid = ?", [package_uid]))

    def sequence_taken(
        self, roster_id: int, plan_number: str, period_id: str, sequence: int
    ) -> bool:
        """Whether this office's lần `sequence` of the period is received already (under
        another uid: a second, different lần 1 is not a resubmission)."""
        return bool(
            self._scalar(
                "SELECT 1 FROM received WHERE roster_id = ? AND plan_number = ? AND "
                "period_id = ? AND sequence = ?",
                [roster_id, plan_number, period_id, sequence],
            )
        )

    def quarantine(
        self, file_name: str, sha256: str, reason: str, roster_id=None, period_id=""
    ) -> bool:
        """Record a refused file; False (nothing written) when this very file was refused
        before: by its SHA-256, or by its name and reason when it could not be read."""
        seen = self._scalar(
            "SELECT 1 FROM quarantine WHERE sha256 = ? AND (sha256 != '' OR "
            "(file_name = ? AND reason = ?))",
            [sha256, file_name, reason],
        )
        if seen:
            return False
        with self.ws.change(f"Không nhận gói «{file_name}»"):
            self._insert(
                "quarantine",
                {"file_name": file_name, "sha256": sha256, "reason": reason,
                 "roster_id": roster_id, "period_id": period_id,
                 "received_at": self.ws.timestamp()},
            )  # fmt: skip
        return True

    def for_period(self, period_id: str, held: bool = False) -> list[Received]:
        """The packages of the period that count (or, `held`, those waiting for their
        signer to be confirmed), by office and lần."""
        rows = self._rows(
            "SELECT * FROM received WHERE period_id = ? AND held = ? ORDER BY roster_id, sequence",
            [period_id, int(held)],
        )
        fields = Received.__dataclass_fields__
        return [
            Received(
                **{k: v for k, v in r.items() if k in fields}
                | {"trial": bool(r["trial"]), "held": bool(r["held"])}
            )
            for r in rows
        ]

    def mark_returned(self, roster_id: int, package_uid: str, period_id: str, reasons: str):
        """Inside the caller's change (the return file is written in the same one)."""
        self._insert(
            "returned",
            {"roster_id": roster_id, "package_uid": package_uid, "period_id": period_id,
             "reasons": reasons, "returned_at": self.ws.timestamp()},
        )  # fmt: skip

    def expect(self, period_id: str, due_on: date) -> None:
        """Reports of `period_id` are expected by `due_on`."""
        with self.ws.change(f"Kỳ phải báo cáo {period_id}, hạn {due_on:%d/%m/%Y}"):
            self.db["expected_periods"].upsert(
                {"id": period_id, "due_on": due_on.isoformat()}, pk="id"
            )

    def expected(self) -> dict[str, str]:
        """{period id: due date} the level above set (empty: any period is taken)."""
        return {r["id"]: r["due_on"] for r in self._rows("SELECT * FROM expected_periods")}

    def latest(self, period_id: str) -> dict[int, Latest]:
        """Per roster id, the office's latest lần of the period (what the matrix, the
        consolidated report, the office's report and a return all go by)."""
        sent: dict[int, list[Received]] = {}
        for received in self.for_period(period_id):  # ordered by lần
            sent.setdefault(received.roster_id, []).append(received)
        rows = self._rows("SELECT package_uid FROM returned WHERE period_id = ?", [period_id])
        returned = {r["package_uid"] for r in rows}
        return {
            office: Latest(found[-1], found[-1].package_uid in returned, tuple(found[:-1]))
            for office, found in sent.items()
        }

    def periods(self) -> list[str]:
        """The periods packages were received for, newest first."""
        rows = self._rows("SELECT DISTINCT period_id FROM received ORDER BY period_id DESC")
        return [r["period_id"] for r in rows]

    def quarantined(self, period_id: str | None = None) -> list[dict]:
        where, params = ("WHERE period_id = ?", [period_id]) if period_id else ("", [])
        return self._rows(f"SELECT * FROM quarantine {where} ORDER BY id", params)
