"""'Cài đặt văn bản' driven as a clerk would: what it shows, what Lưu stores (read back
through the service and through a freshly opened database), what it refuses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from qt_tables import type_text

from desktop.services.document_settings import DocumentSettings
from desktop.workspace import Workspace
from ui.document_settings_dialog import DocumentSettingsDialog


@pytest.fixture
def office_ws(ws: Workspace) -> Workspace:
    ws.office.save("Trần Liêu", "phuong", parent_name="thành phố Hải Phòng", place_name="Trần Liêu")
    return ws


@pytest.fixture
def dialog(qtbot, office_ws: Workspace) -> DocumentSettingsDialog:
    form = DocumentSettingsDialog(office_ws)
    qtbot.addWidget(form)
    form.show()
    return form


def save(qtbot, form: DocumentSettingsDialog) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def retype(field, text: str) -> None:
    field.clear()
    type_text(field, text)


def label_of(form: DocumentSettingsDialog, widget) -> str:
    return form.form.labelForField(widget).text()


def test_the_form_shows_what_is_stored_and_where_the_header_comes_from(qtbot, office_ws):
    office_ws.document_settings.save(
        number="15",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Thị Thu Hương",
        recipients=["- Như trên;", "- Sở Nội vụ;"],
    )
    form = DocumentSettingsDialog(office_ws)
    qtbot.addWidget(form)
    assert form.windowTitle() == "Cài đặt văn bản"
    assert form.number.text() == "15" and form.number.isEnabled()
    assert not form.leave_blank.isChecked()
    assert form.leave_blank.text() == "Để trống số và ngày cho văn thư cấp"
    # Not set yet: taken from the office.
    assert form.place.text() == "Trần Liêu"
    assert form.addressee.text() == "Ủy ban nhân dân thành phố Hải Phòng"
    assert form.signer_title.currentText() == "PHÓ CHỦ TỊCH"
    assert [form.signer_title.itemText(i) for i in range(form.signer_title.count())] == [
        "CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert form.signer_name.text() == "Nguyễn Thị Thu Hương"
    assert form.recipients.toPlainText() == "- Như trên;\n- Sở Nội vụ;"
    agency = form.agency.text()
    assert "ỦY BAN NHÂN DÂN / PHƯỜNG TRẦN LIÊU" in agency
    assert "lấy từ thông tin đơn vị" in agency
    assert form.signature.text() == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert form.signer.text() == "Nguyễn Thị Thu Hương"


def test_required_fields_are_marked_and_what_is_missing_is_named(qtbot, dialog):
    for field in (dialog.place, dialog.addressee, dialog.signer_name):
        assert label_of(dialog, field).endswith("<span style='color: #b00020;'>*</span>")
    for field in (dialog.signer_title, dialog.recipients.parentWidget()):
        assert "*" not in label_of(dialog, field)
    assert "Họ tên người ký" in label_of(dialog, dialog.signer_name)
    assert "Còn thiếu: Họ tên người ký." in dialog.required_note.text()
    type_text(dialog.signer_name, "Nguyễn Văn An")
    assert "Còn thiếu" not in dialog.required_note.text()
    assert dialog.missing() == []
    dialog.place.clear()
    dialog.addressee.clear()
    assert dialog.missing() == ["Kính gửi", "Địa danh ghi ngày tháng"]
    assert "Còn thiếu: Kính gửi, Địa danh ghi ngày tháng." in dialog.required_note.text()


def test_lưu_stores_every_field_in_one_change(qtbot, dialog, office_ws, db_path):
    changes_before = office_ws.audit.count()
    retype(dialog.number, "27")
    retype(dialog.place, "Hải Phòng")
    retype(dialog.addressee, "Sở Nội vụ thành phố Hải Phòng")
    dialog.signer_title.setCurrentText("PHÓ CHỦ TỊCH")
    retype(dialog.signer_name, "Trần Văn Bình")
    dialog.recipients.setPlainText("- Như trên;\n- Thường trực Đảng ủy phường;")
    retype(dialog.drafting_unit, "VP")
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.problem.text() == ""
    expected = DocumentSettings(
        number="27",
        leave_blank=False,
        place="Hải Phòng",
        addressee="Sở Nội vụ thành phố Hải Phòng",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Trần Văn Bình",
        recipients=("- Như trên;", "- Thường trực Đảng ủy phường;"),
        drafting_unit="VP",
    )
    assert dialog.saved_settings == expected
    assert expected.kept_line == "- Lưu: VT, VP."
    assert office_ws.document_settings.get() == expected
    written = office_ws.audit.entries(limit=office_ws.audit.count() - changes_before)
    assert {e.txn for e in written} == {written[0].txn}  # one transaction
    assert {e.operation for e in written} == {"Cập nhật cài đặt văn bản"}
    assert {e.row_key for e in written} == {
        "number",
        "leave_blank",
        "place",
        "addressee",
        "signer_title",
        "signer_name",
        "recipients",
        "drafting_unit",
    }
    office_ws.close()
    with Workspace.open(db_path, read_only=True) as reopened:
        assert reopened.document_settings.get() == expected


def test_a_number_that_is_not_a_number_is_refused_and_nothing_written(qtbot, dialog, office_ws):
    before = office_ws.document_settings.get()
    changes_before = office_ws.audit.count()
    retype(dialog.number, "15a")
    retype(dialog.signer_name, "Trần Văn Bình")
    save(qtbot, dialog)
    assert dialog.problem.text() == "Số văn bản «15a» phải là một số (ví dụ 15)."
    assert dialog.isVisible()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert office_ws.document_settings.get() == before  # not even the valid name
    assert office_ws.audit.count() == changes_before
    retype(dialog.number, "15")
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    stored = office_ws.document_settings.get()
    assert (stored.number, stored.signer_name) == ("15", "Trần Văn Bình")


def test_leaving_the_number_to_the_văn_thư_disables_it(qtbot, dialog, office_ws):
    office_ws.document_settings.save(number="15")
    retype(dialog.number, "15")
    qtbot.mouseClick(dialog.leave_blank, Qt.MouseButton.LeftButton)
    assert dialog.leave_blank.isChecked()
    assert not dialog.number.isEnabled()
    dialog.leave_blank.setChecked(False)
    assert dialog.number.isEnabled()
    dialog.leave_blank.setChecked(True)
    retype(dialog.signer_name, "Trần Văn Bình")
    save(qtbot, dialog)
    stored = office_ws.document_settings.get()
    assert stored.leave_blank and stored.number == "15"
    reopened = DocumentSettingsDialog(office_ws)
    qtbot.addWidget(reopened)
    assert reopened.leave_blank.isChecked() and not reopened.number.isEnabled()


def test_a_number_typed_then_left_blank_cannot_block_saving(qtbot, dialog, office_ws):
    """The disabled field cannot be corrected, so it is not sent: the stored number stays."""
    office_ws.document_settings.save(number="15")
    retype(dialog.number, "15a")
    dialog.leave_blank.setChecked(True)
    save(qtbot, dialog)
    assert dialog.problem.text() == ""
    stored = office_ws.document_settings.get()
    assert stored.leave_blank and stored.number == "15"


def test_the_signature_preview_follows_the_title_and_name(qtbot, dialog):
    assert dialog.signer_title.currentText() == "CHỦ TỊCH"
    assert dialog.signature.text() == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    assert dialog.signer.text() == "(họ tên người ký)"
    dialog.signer_title.setCurrentIndex(dialog.signer_title.findText("PHÓ CHỦ TỊCH"))
    assert dialog.signature.text() == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    type_text(dialog.signer_name, "Lê Thị Hồng")
    assert dialog.signer.text() == "Lê Thị Hồng"
    dialog.signer_title.setCurrentIndex(dialog.signer_title.findText("CHỦ TỊCH"))
    assert dialog.signature.text() == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"


def test_recipients_round_trip_one_per_line_without_blanks(qtbot, dialog, office_ws):
    dialog.recipients.setPlainText(
        "- Như trên;\n\n   \n- Sở Nội vụ thành phố Hải Phòng;\n- Thường trực HĐND phường;\n"
        "- Lưu: VT.\n"
    )
    retype(dialog.signer_name, "Trần Văn Bình")
    save(qtbot, dialog)
    recipients = (
        "- Như trên;",
        "- Sở Nội vụ thành phố Hải Phòng;",
        "- Thường trực HĐND phường;",
    )  # '- Lưu: VT.' is the document's own last line: not stored twice
    assert office_ws.document_settings.get().recipients == recipients
    again = DocumentSettingsDialog(office_ws)
    qtbot.addWidget(again)
    assert again.recipients.toPlainText() == "\n".join(recipients)
    again.recipients.setPlainText("")
    save(qtbot, again)
    assert office_ws.document_settings.get().recipients == ()


def test_without_the_office_the_header_says_it_is_not_entered(qtbot, ws):
    form = DocumentSettingsDialog(ws)
    qtbot.addWidget(form)
    assert "(chưa có)" in form.agency.text()
    assert "chưa được nhập" in form.agency.text()
    assert form.place.text() == "" and form.addressee.text() == ""


def test_nothing_is_cut_short(qtbot, dialog):
    """Every label and the longest title fit in what the window gives them."""
    dialog.signer_title.setCurrentText("PHÓ CHỦ TỊCH")
    qtbot.wait(10)
    lines = dialog.signature.text().split("\n")
    metrics = dialog.signature.fontMetrics()
    assert dialog.signature.height() >= metrics.lineSpacing() * len(lines)
    widest = max(dialog.signer_title.fontMetrics().horizontalAdvance(t) for t in lines[1:])
    assert dialog.signer_title.width() > widest + 30
    assert dialog.leave_blank.width() >= dialog.leave_blank.sizeHint().width()
    items = [
        dialog.form.itemAt(r, dialog.form.ItemRole.LabelRole) for r in range(dialog.form.rowCount())
    ]
    labels = [item.widget() for item in items if item and item.widget() and item.widget().text()]
    assert labels
    for label in labels:
        assert label.width() >= label.sizeHint().width(), label.text()
