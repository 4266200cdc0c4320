"""Tin cậy và chứng thư… by keyboard (issue 26, point 2 and the trust part of point 5): a
province trusts roots, confirms a new signer and takes one off, imports and fetches
revocation lists, keeps and exports its own signing certificate; a commune told where to
register its level above does so in the same window and takes the return in. The window
fits an office screen on every tab."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from demo_packages import CLOCK, demo_package
from modal import when_asked
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from qt_tables import column_texts
from screen_fit import problems

from desktop.consolidation.receive import receive
from desktop.consolidation.returns import return_for_correction
from desktop.consolidation.roster import read_roster
from desktop.domain.model import VIETNAM_TZ
from desktop.package.verify import load_roots
from desktop.services.trust import read_certificates
from desktop.signing import trusted
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.workspace import Workspace
from ui import ask
from ui.main_window import MainWindow
from ui.trust_dialog import WAITING, TrustDialog

ARRIVED = CLOCK + timedelta(days=1)  # the demo packages are signed on 25/11/2026
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
TABS = ["Chứng thư gốc tin cậy", "Người ký của đơn vị", "Danh sách thu hồi",
        "Chứng thư ký của cơ quan"]  # fmt: skip


@pytest.fixture(scope="module")
def two_signers(tmp_path_factory, demo_files):
    """Phường Trần Liêu's 2025 package twice, each signed under a trial CA of its own: the
    second as a new signer (a replaced or another person's certificate) would be."""
    folder = tmp_path_factory.mktemp("hai_nguoi_ky")
    return (
        demo_package(demo_files, folder / "mot", evidence=False),
        demo_package(demo_files, folder / "hai", evidence=False),
    )


def province(folder: Path) -> Workspace:
    csv = folder / "ds.csv"
    csv.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\n", "utf-8")
    ws = Workspace.open(folder / "tinh.db", create=True, clock=lambda: ARRIVED)
    ws.office.save("Hải Phòng", "tinh")
    ws.receiving.set_roster(read_roster(csv))
    return ws


def revocation_list(path: Path, issued: datetime, following: datetime) -> Path:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA Sở Nội vụ")]))
        .last_update(issued).next_update(following)
        .sign(ec.generate_private_key(ec.SECP256R1()), hashes.SHA256())
    )  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    return path


def opened(qtbot, dialog: TrustDialog) -> None:
    """Shown as exec() shows it, with the keys."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def keys(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the keyboard is. Alt+letter presses the button underlined with
    it, which clicks once its press is drawn (QAbstractButton.animateClick, 100 ms)."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    if modifier & ALT:
        qtbot.wait(150)


def answers(monkeypatch, name: str, *given) -> list:
    """ask.<name> answers with `given` in turn; the questions (their last argument
    but one for a file, the text otherwise) are kept."""
    asked, queue = [], list(given)

    def answer(*args, **kwargs):
        asked.append(args)
        return queue.pop(0)

    monkeypatch.setattr(ask, name, answer)
    return asked


def told(monkeypatch) -> list[tuple[str, bool]]:
    said: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        ask, "tell", lambda parent, title, text, problem=False: said.append((text, problem))
    )
    return said


def test_a_province_trusts_roots_confirms_a_new_signer_and_unpins_one(
    qtbot, tmp_path, monkeypatch, two_signers
):
    (first_ca, first), (second_ca, second) = two_signers
    ws = province(tmp_path)
    dialog = TrustDialog(ws)
    opened(qtbot, dialog)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == TABS
    assert dialog.roots.detail.text() == (
        "Chưa nhập chứng thư gốc nào: mọi gói báo cáo đều bị từ chối."
    )
    assert not dialog.remove_root.isEnabled()
    answers(monkeypatch, "open_file", first_ca.root, second_ca.root)
    keys(qtbot, Qt.Key.Key_N, ALT)
    keys(qtbot, Qt.Key.Key_N, ALT)
    assert len(column_texts(dialog.roots.model, "Chủ thể")) == 2
    chosen = dialog.roots.current()
    assert f"SHA-256: {chosen.fingerprint[:4].upper()} " in dialog.roots.detail.text()
    root_until = f"{(CLOCK + timedelta(days=3650)).astimezone(VIETNAM_TZ):%d/%m/%Y}"
    assert column_texts(dialog.roots.model, "Hiệu lực đến") == [root_until] * 2

    # The clerk receives (Cấp trên → Tiếp nhận…), then opens the window again.
    receive(ws, [first.path, second.path], ws.trust.certificates())
    dialog = TrustDialog(ws)
    opened(qtbot, dialog)
    keys(qtbot, Qt.Key.Key_Tab, CTRL)
    assert dialog.tabs.currentIndex() == 1
    model = dialog.office_signers.model
    assert column_texts(model, "Đơn vị") == ["Phường Trần Liêu"] * 2
    assert column_texts(model, "Tình trạng") == ["đã ghi nhận", "chờ xác nhận (1 gói)"]
    assert model.data(model.index(1, 6), Qt.ItemDataRole.BackgroundRole).color().name() == WAITING
    assert not dialog.confirm_button.isEnabled() and dialog.unpin_button.isEnabled()
    dialog.office_signers.view.setFocus()
    keys(qtbot, Qt.Key.Key_Down)
    assert dialog.confirm_button.isEnabled() and not dialog.unpin_button.isEnabled()
    new_signer = dialog.office_signers.current().signer
    confirmed = answers(monkeypatch, "confirm", True)
    keys(qtbot, Qt.Key.Key_Return)  # Enter on a waiting certificate: confirm it
    [(_, title, question)] = confirmed
    assert title == "Người ký mới — cần xác nhận" and new_signer.describe() in question
    assert "Chỉ xác nhận khi đã hỏi lại đơn vị" in question
    assert column_texts(model, "Tình trạng") == ["đã ghi nhận"] * 2
    assert dialog.office_signers.current().signer == new_signer  # still the one chosen

    keys(qtbot, Qt.Key.Key_Up)
    unpinned = dialog.office_signers.current().signer
    questions = answers(monkeypatch, "confirm", True)
    keys(qtbot, Qt.Key.Key_B, ALT)
    [(_, _, question)] = questions
    assert question.startswith(f"Bỏ ghi nhận chứng thư ký của {unpinned.subject}")
    assert "Gói sau này do chứng thư này ký sẽ bị giữ lại chờ xác nhận" in question
    assert [s.signer for s in ws.receiving.signing_certificates()] == [new_signer]
    assert column_texts(model, "Tình trạng") == ["đã ghi nhận"]
    [office] = ws.receiving.roster()
    assert ws.receiving.received_count(office.id) == 2  # nothing received is dropped

    keys(qtbot, Qt.Key.Key_Tab, CTRL | Qt.KeyboardModifier.ShiftModifier)
    questions = answers(monkeypatch, "confirm", False)  # Không: the root stays
    keys(qtbot, Qt.Key.Key_B, ALT)
    assert "Gói báo cáo ký bằng chứng thư do gốc này cấp sẽ bị từ chối" in questions[0][2]
    assert len(trusted.roots(ws)) == 2
    dialog.close()
    ws.close()


def test_revocation_lists_and_the_provinces_own_certificate(qtbot, tmp_path, monkeypatch):
    ws = province(tmp_path)
    dialog = TrustDialog(ws)
    opened(qtbot, dialog)
    keys(qtbot, Qt.Key.Key_Tab, CTRL)
    keys(qtbot, Qt.Key.Key_Tab, CTRL)
    assert dialog.tabs.currentWidget() is dialog.crls
    crl = revocation_list(
        tmp_path / "usb" / "so.crl",
        datetime(2026, 11, 1, 2, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC),
    )  # fmt: skip
    answers(monkeypatch, "open_file", crl)
    keys(qtbot, Qt.Key.Key_T, ALT)
    model = dialog.crls.model
    assert column_texts(model, "Tổ chức cấp") == ["CA Sở Nội vụ"]
    assert column_texts(model, "Ngày phát hành") == ["01/11/2026 09:00"]
    assert column_texts(model, "Lần cập nhật tới") == ["20/11/2026 07:00 (đã quá hạn)"]
    assert column_texts(model, "Nguồn") == [f"tệp {crl}"]

    served = revocation_list(tmp_path / "web" / "moi.crl", ARRIVED, ARRIVED + timedelta(days=7))
    handler = partial(SimpleHTTPRequestHandler, directory=str(served.parent))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/moi.crl"
    said = told(monkeypatch)
    answers(monkeypatch, "text", url)
    try:
        keys(qtbot, Qt.Key.Key_U, ALT)  # fetched off the window's thread
        qtbot.waitUntil(lambda: bool(said), timeout=20000)
    finally:
        server.shutdown()
        server.server_close()
    assert said == [("Đã tải danh sách thu hồi của CA Sở Nội vụ.", False)]
    assert column_texts(model, "Nguồn") == [f"tải từ {url}", f"tệp {crl}"]
    assert column_texts(model, "Lần cập nhật tới")[0] == "03/12/2026 10:00"
    keys(qtbot, Qt.Key.Key_L, ALT)  # offline now: said in words, nothing lost
    qtbot.waitUntil(lambda: len(said) == 2, timeout=20000)
    assert said[1][0].startswith(f"{url}: Không tải được danh sách thu hồi")
    assert "không kết nối được (máy không có mạng, hoặc địa chỉ sai)" in said[1][0]
    assert model.rowCount() == 2
    assert not ws.trust.require_revocation()
    keys(qtbot, Qt.Key.Key_B, ALT)  # the switch
    assert ws.trust.require_revocation() and dialog.required.isChecked()

    keys(qtbot, Qt.Key.Key_Tab, CTRL)
    assert dialog.tabs.currentWidget() is dialog.own
    assert dialog.own.detail.text().startswith("Chưa có chứng thư ký của cơ quan")
    assert not dialog.export_button.isEnabled()
    upper = make_trial_ca(tmp_path / "so", "Trần Thị Bình", b"mk", CLOCK)
    answers(monkeypatch, "open_file", upper.signer)
    secrets = answers(monkeypatch, "secret", "mk")
    keys(qtbot, Qt.Key.Key_N, ALT)  # from the .p12: its password asked, the key not kept
    assert secrets and column_texts(dialog.own.model, "Chủ thể")[0].startswith("Trần Thị Bình")
    target = tmp_path / "chung-thu-tinh.pem"
    saved = answers(monkeypatch, "save_file", target)
    keys(qtbot, Qt.Key.Key_X, ALT)
    assert saved[0][2].name.startswith("chung-thu-ky_tran-thi-binh")  # the name offered
    assert said[-1][0].startswith(f"Đã lưu {target}.")
    assert read_certificates(target) == read_certificates(upper.certificate)
    dialog.close()
    ws.close()


def test_a_commune_registers_its_level_above_in_the_window_and_takes_the_return_in(
    qtbot, tmp_path, monkeypatch, demo_files
):
    """Văn bản → Nhận văn bản cấp trên trả lại… says where to register the level above;
    Tin cậy và chứng thư… (in Văn bản and in Cấp trên) does it; the return is taken in."""
    ca, package = demo_package(demo_files, tmp_path / "xa", evidence=False)
    upper = make_trial_ca(tmp_path / "so", "Sở", b"mk", CLOCK)
    with province(tmp_path) as above:
        receive(above, [package.path], load_roots([ca.root]))
        [office] = above.receiving.roster()
        returned = return_for_correction(
            above, office, "2025", "Thiếu minh chứng", Pkcs12File(upper.signer, b"mk"),
            tmp_path / "tra_lai",
        )  # fmt: skip
        [own] = trusted.own_certificates(above)
        pem = above.trust.export_own(own.fingerprint, tmp_path / "cap-tren.pem")
    ws = Workspace.open(tmp_path / "xa" / "tl.db", clock=lambda: ARRIVED)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    for menu in ("&Văn bản", "&Cấp trên"):
        assert window.certificates_action in menus[menu].actions()
    assert window.certificates_action.text() == "Tin cậy và &chứng thư…"
    said = told(monkeypatch)
    answers(monkeypatch, "open_file", returned)
    window.accept_return_action.trigger()
    assert said[-1][1] and said[-1][0].endswith(
        "Nhập chứng thư gốc của cấp trên ở Văn bản → Tin cậy và chứng thư…"
    )

    def register(dialog: TrustDialog) -> list[str]:
        qtbot.waitUntil(dialog.isActiveWindow)
        answers(monkeypatch, "open_file", upper.root, pem)
        keys(qtbot, Qt.Key.Key_N, ALT)
        keys(qtbot, Qt.Key.Key_K, ALT)
        return [dialog.tabs.tabText(0), dialog.signers.model.row(0).info.subject]

    seen = when_asked(register)
    window.certificates_action.trigger()
    assert seen == [["Cấp trên của tôi", own.info.subject]]
    answers(monkeypatch, "open_file", returned)
    window.accept_return_action.trigger()
    assert "Thiếu minh chứng" in said[-1][0] and not said[-1][1]
    assert ws.locks.active(ws.plans.current().id, "2025") is None
    window.close()
    ws.close()


def populated_province(folder: Path, two_signers) -> Workspace:
    """A province that trusts two roots, received a package from a pinned signer and one
    from a new signer, imported a revocation list and keeps its own certificate."""
    (first_ca, first), (second_ca, second) = two_signers
    ws = province(folder)
    ws.trust.add(first_ca.root)
    ws.trust.add(second_ca.root)
    receive(ws, [first.path, second.path], ws.trust.certificates())
    ws.trust.add_revocation_list(
        revocation_list(folder / "so.crl", CLOCK, CLOCK + timedelta(days=7))
    )
    upper = make_trial_ca(folder / "so", "Trần Thị Bình", b"mk", CLOCK)
    ws.trust.add_own(upper.certificate)
    return ws


def test_every_tab_fits_an_office_screen(qtbot, tmp_path, office_screen, two_signers):
    ws = populated_province(tmp_path, two_signers)
    dialog = TrustDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    found = {}
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        if said := problems(dialog):
            found[dialog.tabs.tabText(index)] = said
    assert found == {}
    dialog.close()
    ws.close()
