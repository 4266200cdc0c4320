"""Tin cậy và chứng thư: whom the office trusts, in one window instead of `settings`.

A level above (tỉnh, huyện) has four tabs: the roots packages must chain to, each
reporting office's signing certificates (pinned, or new and waiting to be confirmed), the
revocation lists packages are checked against, and its own signing certificate, which its
communes register. An office has «Cấp trên của tôi»: the roots and the level above's
signing certificate that returns are accepted from. The window only shows what the trust
and receiving services list, and asks them to change it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.consolidation.matrix import Standing
from desktop.domain.model import VIETNAM_TZ
from desktop.errors import UserError
from desktop.services.receiving import OfficeSigner
from desktop.signing import trusted
from desktop.signing.trusted import PKCS12_SUFFIXES, KeptCertificate, RevocationList
from desktop.vietnamese.dates import local_time
from desktop.vietnamese.text import slug
from desktop.workspace import Workspace
from ui import ask, ops
from ui.style import CompactTable
from ui.table_model import Column, RowsModel
from ui.upper_level_tables import COLOURS

TITLE = "Tin cậy và chứng thư"
CERTIFICATE_FILTER = "Chứng thư số (*.pem *.cer *.crt *.der);;Mọi tệp (*)"
OWN_FILTER = "Chứng thư số (*.pem *.cer *.crt *.der *.p12 *.pfx);;Mọi tệp (*)"
CRL_FILTER = "Danh sách thu hồi (*.crl *.pem);;Mọi tệp (*)"
PEM_FILTER = "Chứng thư số (*.pem)"
WAITING = COLOURS[Standing.HELD]  # as the tracking window shows a package held for it
EXPIRED = COLOURS[Standing.INVALID]


def _day(moment: datetime) -> str:
    return f"{moment.astimezone(VIETNAM_TZ):%d/%m/%Y}"


def _grouped(fingerprint: str) -> str:
    """A SHA-256 in groups of four, as read out over the telephone to compare."""
    return " ".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4)).upper()


def _short(fingerprint: str) -> str:
    return f"{fingerprint[:16].upper()}…"


class ListPanel(QWidget):
    """A heading, a table of what a service lists, the chosen row described in full
    beneath it (the whole SHA-256, to compare), and buttons acting on that row."""

    def __init__(
        self,
        heading: str,
        columns: Sequence[Column[Any]],
        describe: Callable[[Any], str],
        empty: str,
        widths: dict[int, int],
        stretch: int = 0,
    ):
        super().__init__()
        self.describe, self.empty = describe, empty
        self.model: RowsModel[Any] = RowsModel(columns)
        self.view = CompactTable()
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab goes on to the buttons, Ctrl+Tab to a tab
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(stretch, header.ResizeMode.Stretch)
        for column, width in widths.items():
            header.resizeSection(column, width)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)  # buttons as wide as their words, from the left
        self._enabled: list[tuple[QPushButton, Callable[[Any], bool]]] = []
        title = QLabel(heading)
        title.setWordWrap(True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)  # a page of its own has a tab's margins
        self.body.addWidget(title)
        self.body.addWidget(self.view, 1)
        self.body.addWidget(self.detail)
        self.body.addLayout(self.buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

    def button(
        self, text: str, slot: Callable[[], None], when: Callable[[Any], bool] | None = None
    ) -> QPushButton:
        """A button; with `when`, enabled only while the chosen row satisfies it."""
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        if when is not None:
            self._enabled.append((button, when))
        return button

    def fill(self, rows: Sequence[Any], key: Callable[[Any], object]) -> None:
        """Show `rows`, the row chosen before (the same `key`) chosen again."""
        chosen = self.current()
        before = key(chosen) if chosen is not None else None
        self.model.set_rows(rows)
        keys = [key(row) for row in rows]
        if rows:
            self.view.setCurrentIndex(
                self.model.index(keys.index(before) if before in keys else 0, 0)
            )
        self._show_current()

    def current(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _show_current(self) -> None:
        chosen = self.current()
        self.detail.setText(self.empty if chosen is None else self.describe(chosen))
        for button, when in self._enabled:
            button.setEnabled(chosen is not None and when(chosen))


def _certificate_columns(now: datetime) -> list[Column[KeptCertificate]]:
    expired = lambda c: EXPIRED if c.expired(now) else None  # noqa: E731
    return [
        Column("Chủ thể", lambda c: c.info.subject, tooltip=lambda c: c.info.subject),
        Column("Cấp bởi", lambda c: c.info.issuer, tooltip=lambda c: c.info.issuer),
        Column("Số sê-ri", lambda c: c.info.serial, tooltip=lambda c: c.info.serial),
        Column(
            "Hiệu lực đến",
            lambda c: _day(c.info.not_after) + (" (đã hết hạn)" if c.expired(now) else ""),
            background=expired,
        ),
        Column("SHA-256", lambda c: _short(c.fingerprint), tooltip=lambda c: c.fingerprint),
    ]


def _describe_certificate(certificate: KeptCertificate) -> str:
    return (
        f"{certificate.info.describe()}\nSố sê-ri: {certificate.info.serial}\n"
        f"SHA-256: {_grouped(certificate.fingerprint)}"
    )


def _certificate_panel(heading: str, empty: str, now: datetime) -> ListPanel:
    return ListPanel(
        heading, _certificate_columns(now), _describe_certificate, empty,
        {1: 300, 2: 200, 3: 150, 4: 170},
    )  # fmt: skip


SIGNER_COLUMNS: list[Column[OfficeSigner]] = [
    Column("Đơn vị", lambda s: s.office.heading, tooltip=lambda s: s.office.heading),
    Column("Người ký", lambda s: s.signer.subject, tooltip=lambda s: s.signer.subject),
    Column("Cấp bởi", lambda s: s.signer.issuer, tooltip=lambda s: s.signer.issuer),
    Column("Số sê-ri", lambda s: s.signer.serial, tooltip=lambda s: s.signer.serial),
    Column("Hiệu lực đến", lambda s: f"{datetime.fromisoformat(s.signer.not_after):%d/%m/%Y}"),
    Column("SHA-256", lambda s: _short(s.signer.sha256), tooltip=lambda s: s.signer.sha256),
    Column(
        "Tình trạng",
        lambda s: f"chờ xác nhận ({s.held} gói)" if s.waiting else "đã ghi nhận",
        background=lambda s: WAITING if s.waiting else None,
    ),
]


def _describe_signer(row: OfficeSigner) -> str:
    since = (
        "Người ký mới, chưa xác nhận: các gói ký bằng chứng thư này chưa tính vào tổng hợp."
        if row.waiting
        else f"Ghi nhận lúc {local_time(row.pinned_at)}."
    )
    return (
        f"{row.office.heading}: {row.signer.describe()}\n"
        f"SHA-256: {_grouped(row.signer.sha256)}\n{since}"
    )


def _crl_source(revocations: RevocationList) -> str:
    if not revocations.source:
        return "(không ghi)"
    return f"tải từ {revocations.source}" if revocations.fetched else f"tệp {revocations.source}"


def _crl_columns(now: datetime) -> list[Column[RevocationList]]:
    def following(r: RevocationList) -> str:
        if r.next_update is None:
            return "(không ghi)"
        return local_time(r.next_update) + (" (đã quá hạn)" if r.outdated(now) else "")

    return [
        Column("Tổ chức cấp", lambda r: r.issuer, tooltip=lambda r: r.issuer),
        Column("Ngày phát hành", lambda r: local_time(r.this_update)),
        Column(
            "Lần cập nhật tới", following,
            background=lambda r: EXPIRED if r.outdated(now) else None,
        ),
        Column("Nguồn", _crl_source, tooltip=_crl_source),
    ]  # fmt: skip


def _describe_crl(revocations: RevocationList) -> str:
    return (
        f"{revocations.issuer}: phát hành {local_time(revocations.this_update)}, nhập lúc "
        f"{local_time(revocations.added_at)}; nguồn: {_crl_source(revocations)}."
    )


class TrustDialog(QDialog):
    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        office = ws.office.get()
        self.above = office is not None and office.receives_reports
        self.setWindowTitle(TITLE)
        self.tabs = QTabWidget()
        now = ws.now()
        what_chains = "gói báo cáo" if self.above else "văn bản trả lại của cấp trên"
        self.roots = _certificate_panel(
            f"<b>Chứng thư gốc tin cậy</b>: {what_chains} phải có chữ ký chuỗi tới một gốc này.",
            f"Chưa nhập chứng thư gốc nào: mọi {what_chains} đều bị từ chối.",
            now,
        )
        self.add_root = self.roots.button("&Nhập chứng thư gốc…", self.import_root)
        self.remove_root = self.roots.button("&Bỏ chứng thư gốc…", self.forget_root, _any_row)
        if self.above:
            self._level_above_tabs(now)
        else:
            self._office_tab(now)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        if ws.read_only_reason:  # shown, never changed
            for button in self.findChildren(QPushButton):
                button.setVisible(button is close)
            for box in self.findChildren(QCheckBox):
                box.setEnabled(False)
        self.resize(1240, 640)  # fitted to a smaller screen when shown (screen_room)
        self.refresh()

    def _office_tab(self, now: datetime) -> None:
        self.signers = _certificate_panel(
            "<b>Chứng thư ký của cấp trên</b>: văn bản trả lại chỉ mở lại kỳ khi do chứng thư "
            "này ký. Nhận tệp .pem/.cer trực tiếp từ cấp trên (tận tay, kèm công văn), không "
            "lấy tệp gửi kèm văn bản trả lại.",
            "Chưa đăng ký chứng thư ký của cấp trên: chưa nhận được văn bản trả lại.",
            now,
        )
        self.add_signer = self.signers.button(
            "Đăng &ký chứng thư ký của cấp trên…", self.import_upper
        )
        self.remove_signer = self.signers.button(
            "Bỏ đăng ký &cấp trên…", self.forget_upper, _any_row
        )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.roots, 1)
        layout.addWidget(self.signers, 1)
        self.tabs.addTab(page, "Cấp trên của tôi")

    def _level_above_tabs(self, now: datetime) -> None:
        self.office_signers = ListPanel(
            "<b>Chứng thư ký của từng đơn vị</b>: gói đầu tiên của đơn vị ghi nhận người ký; "
            "gói ký bằng chứng thư khác bị giữ lại đến khi xác nhận (hỏi lại đơn vị trước).",
            SIGNER_COLUMNS, _describe_signer, "Chưa có đơn vị nào gửi gói đã ký.",
            {0: 190, 2: 220, 3: 140, 4: 100, 5: 150, 6: 150}, stretch=1,
        )  # fmt: skip
        self.confirm_button = self.office_signers.button(
            "&Xác nhận người ký…", self.confirm_signer, lambda s: s.waiting
        )
        self.unpin_button = self.office_signers.button(
            "&Bỏ ghi nhận…", self.unpin_signer, lambda s: not s.waiting
        )
        self.office_signers.view.chosen.connect(self._act_on_signer)
        self.crls = ListPanel(
            "<b>Danh sách chứng thư thu hồi (CRL)</b>: gói được đối chiếu, không cần mạng, với "
            "danh sách của tổ chức cấp chứng thư còn hiệu lực lúc nhận gói.",
            _crl_columns(now), _describe_crl, "Chưa nhập danh sách thu hồi nào.",
            {1: 150, 2: 190, 3: 420},
        )  # fmt: skip
        self.crls.button("Nhập từ &tệp…", self.import_crl)
        self.crls.button("Tải từ địa chỉ (&URL)…", self.fetch_crl)
        self.crls.button("Tải &lại các danh sách đã tải", self.refresh_crls)
        self.required = QCheckBox(
            "&Bắt buộc kiểm tra thu hồi: từ chối gói khi chưa có danh sách thu hồi còn hiệu "
            "lực của tổ chức đã cấp chứng thư cho người ký"
        )
        self.required.toggled.connect(self.require_revocation)
        self.crls.body.addWidget(self.required)
        self.own = _certificate_panel(
            "<b>Chứng thư ký của cơ quan</b>: đơn vị cấp dưới đăng ký chứng thư này để nhận văn "
            "bản trả lại của cơ quan. Chứng thư được ghi mỗi khi cơ quan ký văn bản trả lại, "
            "hoặc nhập ở đây (tệp .pem/.cer, hoặc tệp .p12 dùng để ký: chỉ giữ chứng thư, "
            "không giữ khóa). Xuất tệp .pem và gửi cho đơn vị trước văn bản trả lại đầu tiên, "
            "tận tay hoặc kèm công văn.",
            "Chưa có chứng thư ký của cơ quan: nhập, hoặc ký một văn bản trả lại.",
            now,
        )
        self.own.button("&Nhập chứng thư ký…", self.import_own)
        self.export_button = self.own.button("&Xuất tệp .pem…", self.export_own, _any_row)
        self.own.button("&Bỏ chứng thư…", self.forget_own, _any_row)
        for page, title in (
            (self.roots, "Chứng thư gốc tin cậy"),
            (self.office_signers, "Người ký của đơn vị"),
            (self.crls, "Danh sách thu hồi"),
            (self.own, "Chứng thư ký của cơ quan"),
        ):
            page.body.setContentsMargins(9, 9, 9, 9)
            self.tabs.addTab(page, title)

    def refresh(self) -> None:
        by_fingerprint = lambda c: c.fingerprint  # noqa: E731
        self.roots.fill(trusted.roots(self.ws), by_fingerprint)
        if not self.above:
            self.signers.fill(trusted.upper_certificates(self.ws), by_fingerprint)
            return
        self.signing = self.ws.receiving.signing_certificates()
        self.office_signers.fill(self.signing, lambda s: (s.office.id, s.signer.sha256))
        self.crls.fill(trusted.revocation_lists(self.ws), lambda r: r.fingerprint)
        self.own.fill(trusted.own_certificates(self.ws), by_fingerprint)
        self.required.blockSignals(True)  # shown as stored, not stored again
        self.required.setChecked(self.ws.trust.require_revocation())
        self.required.blockSignals(False)

    def _do(self, work: Callable[[], object]) -> bool:
        """Ask the core; a refusal is said. The lists are read again either way."""
        try:
            work()
        except UserError as exc:
            ask.tell(self, TITLE, str(exc), problem=True)
            return False
        finally:
            self.refresh()
        return True

    def _import(self, title: str, file_filter: str, add: Callable[[Path], object]) -> None:
        chosen = ask.open_file(self, title, file_filter)
        if chosen is not None:
            self._do(lambda: add(chosen))

    def import_root(self) -> None:
        self._import("Chọn tệp chứng thư gốc", CERTIFICATE_FILTER, self.ws.trust.add)

    def forget_root(self) -> None:
        root: KeptCertificate = self.roots.current()
        refused = (
            "Gói báo cáo ký bằng chứng thư do gốc này cấp sẽ bị từ chối"
            if self.above
            else "Văn bản trả lại ký bằng chứng thư do gốc này cấp sẽ không được áp dụng"
        )
        question = (
            f"Bỏ chứng thư gốc «{root.info.subject}» (SHA-256 {_short(root.fingerprint)})?"
            f"\n\n{refused} từ nay, trừ khi chuỗi tới một gốc tin cậy khác. Những gì đã nhận "
            "vẫn giữ nguyên."
        )
        if ask.confirm(self, "Bỏ chứng thư gốc", question):
            self._do(lambda: self.ws.trust.remove_root(root.fingerprint))

    def import_upper(self) -> None:
        self._import(
            "Chọn tệp chứng thư ký của cấp trên", CERTIFICATE_FILTER, self.ws.trust.add_upper
        )

    def forget_upper(self) -> None:
        signer: KeptCertificate = self.signers.current()
        question = (
            f"Bỏ đăng ký chứng thư ký của cấp trên «{signer.info.subject}» (SHA-256 "
            f"{_short(signer.fingerprint)})?\n\nVăn bản trả lại ký bằng chứng thư này sẽ không "
            "được áp dụng nữa."
        )
        if ask.confirm(self, "Bỏ đăng ký chứng thư cấp trên", question):
            self._do(lambda: self.ws.trust.remove_upper(signer.fingerprint))

    def _act_on_signer(self) -> None:
        """Enter or a double-click on a certificate waiting: confirm it (a question)."""
        if self.office_signers.current().waiting:
            self.confirm_signer()

    def confirm_signer(self) -> None:
        """Count the office's held packages once the clerk has checked who signed them
        (by telephone, with the office: the package alone cannot say). Every certificate
        the office's held packages were signed with is confirmed at once, so all are named."""
        office = self.office_signers.current().office
        waiting = [
            row.signer.describe()
            for row in self.signing
            if row.office.id == office.id and row.waiting
        ]
        question = (
            f"{office.heading} gửi gói ký bằng chứng thư khác với chứng thư đã ghi nhận cho "
            f"đơn vị:\n\n" + "\n\n".join(waiting) + "\n\nChỉ xác nhận khi đã hỏi lại đơn vị. "
            "Xác nhận người ký này và tính các gói đang chờ?"
        )
        if ask.confirm(self, "Người ký mới — cần xác nhận", question):
            self._do(lambda: self.ws.receiving.confirm_signer(office))

    def unpin_signer(self) -> None:
        row: OfficeSigner = self.office_signers.current()
        question = (
            f"Bỏ ghi nhận chứng thư ký của {row.signer.subject} (SHA-256 "
            f"{_short(row.signer.sha256)}) cho {row.office.title}?\n\n{row.after_unpinning()} "
            "Các gói đã nhận vẫn được giữ và tính như trước."
        )
        if ask.confirm(self, "Bỏ ghi nhận người ký", question):
            self._do(lambda: self.ws.receiving.unpin_signer(row.office, row.signer.sha256))

    def import_crl(self) -> None:
        self._import(
            "Chọn tệp danh sách thu hồi (.crl)", CRL_FILTER, self.ws.trust.add_revocation_list
        )

    def fetch_crl(self) -> None:
        """Fetched off the window's thread: the network may take its time or not answer."""
        url = ask.text(
            self, "Tải danh sách thu hồi",
            "Địa chỉ http(s) của danh sách thu hồi (tổ chức cấp chứng thư công bố):",
        )  # fmt: skip
        if not url:
            return
        url, trust = url.strip(), self.ws.trust
        ops.run_op(
            self, "Đang tải danh sách thu hồi…",
            lambda: trust.fetch_revocation_list(url), lambda _: self._fetched(url), title=TITLE,
        )  # fmt: skip

    def _fetched(self, url: str) -> None:
        self.refresh()
        issuers = {r.issuer for r in trusted.revocation_lists(self.ws) if r.source == url}
        ask.tell(self, TITLE, f"Đã tải danh sách thu hồi của {', '.join(sorted(issuers))}.")

    def refresh_crls(self) -> None:
        trust = self.ws.trust
        ops.run_op(
            self, "Đang tải lại các danh sách thu hồi…", trust.refresh_revocation_lists,
            self._refreshed, title=TITLE,
        )  # fmt: skip

    def _refreshed(self, said: list[tuple[str, str]]) -> None:
        self.refresh()
        lines = [f"{url}: {what}" for url, what in said]
        ask.tell(
            self, TITLE,
            "\n\n".join(lines) or "Chưa tải danh sách nào từ địa chỉ: dùng «Tải từ địa chỉ».",
        )  # fmt: skip

    def require_revocation(self, required: bool) -> None:
        self._do(lambda: self.ws.trust.require_revocation(required))

    def import_own(self) -> None:
        chosen = ask.open_file(self, "Chọn chứng thư ký của cơ quan", OWN_FILTER)
        if chosen is None:
            return
        passphrase = ""
        if chosen.suffix.lower() in PKCS12_SUFFIXES:
            typed = ask.secret(
                self, "Chứng thư số", "Mật khẩu tệp chứng thư (chỉ để đọc chứng thư):"
            )
            if typed is None:
                return
            passphrase = typed
        self._do(lambda: trusted.add_own(self.ws, chosen, passphrase.encode()))

    def export_own(self) -> None:
        own: KeptCertificate = self.own.current()
        suggested = ask.documents_folder() / f"chung-thu-ky_{slug(own.info.common_name)}.pem"
        path = ask.save_file(self, "Xuất chứng thư ký cho đơn vị cấp dưới", suggested, PEM_FILTER)
        if path is None:
            return
        try:
            written = self.ws.trust.export_own(own.fingerprint, path)
        except UserError as exc:
            ask.tell(self, TITLE, str(exc), problem=True)
            return
        ask.tell(
            self, TITLE,
            f"Đã lưu {written}.\nGửi tệp này cho các đơn vị cấp dưới, tận tay hoặc kèm công "
            "văn: đơn vị đăng ký nó ở Văn bản → Tin cậy và chứng thư… để nhận văn bản trả lại.",
        )  # fmt: skip

    def forget_own(self) -> None:
        own: KeptCertificate = self.own.current()
        question = (
            f"Bỏ chứng thư ký «{own.info.subject}» (SHA-256 {_short(own.fingerprint)}) khỏi "
            "danh sách của cơ quan?\n\nChỉ bỏ khỏi danh sách để xuất; đơn vị đã đăng ký nó vẫn "
            "nhận văn bản trả lại ký bằng nó."
        )
        if ask.confirm(self, "Bỏ chứng thư ký của cơ quan", question):
            self._do(lambda: self.ws.trust.remove_own(own.fingerprint))


def _any_row(_row: object) -> bool:
    """A button that acts on whichever row is chosen."""
    return True
