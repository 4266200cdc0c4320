"""Which database the window shows: create one for the office, open a file, the demo.

A path that does not exist is never turned into a database without asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.demo import build_demo
from desktop.errors import UserError
from desktop.model import LEVEL_WORDS, OfficeLevel
from desktop.paths import DB_FILE_NAME, default_db_path, demo_db_path
from desktop.services.document_settings import SIGNER_TITLES
from desktop.services.office import OfficeSetup, create_database
from desktop.workspace import Workspace
from desktop.writer_lock import Locked
from ui import ask


def free_path(folder: Path) -> Path:
    """so_ke_hoach.db, else so_ke_hoach_2.db, … in `folder`."""
    stem, suffix = Path(DB_FILE_NAME).stem, Path(DB_FILE_NAME).suffix
    candidate, number = folder / DB_FILE_NAME, 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}_{number}{suffix}"
    return candidate


@dataclass(frozen=True)
class NewOffice:
    path: Path
    name: str
    level: OfficeLevel
    agency_code: str
    parent_name: str
    place_name: str = ""  # the name when empty
    signer_title: str = SIGNER_TITLES[0]
    signer_name: str = ""

    @property
    def setup(self) -> OfficeSetup:
        return OfficeSetup(
            self.name,
            self.level,
            self.agency_code,
            self.parent_name,
            self.place_name,
            self.signer_title,
            self.signer_name,
        )


class NewDatabaseDialog(QDialog):
    """The office's own database: its name and level, where the file goes."""

    def __init__(self, suggested: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tạo cơ sở dữ liệu của cơ quan")
        self.name = QLineEdit()
        self.name.setPlaceholderText("ví dụ: Trần Liêu")
        self.level = QComboBox()
        for level in (OfficeLevel.XA, OfficeLevel.PHUONG, OfficeLevel.DAC_KHU):
            self.level.addItem(LEVEL_WORDS[level].capitalize(), level.value)
        self.agency_code = QLineEdit()
        self.agency_code.setPlaceholderText("mã định danh điện tử, ví dụ 000.00.31.H41")
        self.parent_name = QLineEdit()
        self.parent_name.setPlaceholderText("ví dụ: tỉnh Nghệ An")
        self.path = QLineEdit(str(suggested))
        self.path.setMinimumWidth(420)
        choose = QPushButton("Chọn…")
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(choose)
        form = QFormLayout()
        form.addRow("Tên xã, phường", self.name)
        form.addRow("Cấp", self.level)
        form.addRow("Mã định danh", self.agency_code)
        form.addRow("Đơn vị hành chính cấp trên", self.parent_name)
        form.addRow("Tệp cơ sở dữ liệu", where)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        create = QPushButton("Tạo")
        create.setDefault(True)
        cancel = QPushButton("Hủy")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(create)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        choose.clicked.connect(self._choose)
        create.clicked.connect(self._create)
        cancel.clicked.connect(self.reject)
        self.result: NewOffice | None = None

    def _choose(self) -> None:
        chosen = ask.save_file(self, "Lưu cơ sở dữ liệu mới ở", Path(self.path.text()))
        if chosen:
            self.path.setText(str(chosen))

    def _create(self) -> None:
        name, path = self.name.text().strip(), Path(self.path.text().strip()).expanduser()
        if not name:
            self.problem.setText("Cần tên xã, phường.")
            return
        if not self.path.text().strip() or path.exists():
            self.problem.setText(f"Đã có tệp «{path}»; hãy chọn tên khác để không ghi đè.")
            return
        self.result = NewOffice(
            path,
            name,
            OfficeLevel(self.level.currentData()),
            self.agency_code.text(),
            self.parent_name.text(),
        )
        self.accept()


def ask_new_office(parent: QWidget | None, suggested: Path | None = None) -> NewOffice | None:
    dialog = NewDatabaseDialog(suggested or free_path(default_db_path().parent), parent)
    return dialog.result if dialog.exec() else None


def create(office: NewOffice, **options) -> Workspace:
    """The office's new database: the office and its document settings in one change."""
    return create_database(office.path, office.setup, **options)


def open_existing(path: Path) -> Workspace:
    """Open for writing; while another program writes to it, open to look only."""
    try:
        return Workspace.open(path)
    except Locked as exc:
        ws = Workspace.open(path, read_only=True)
        ws.read_only_reason = f"{exc} Cửa sổ này chỉ xem, không ghi được"
        return ws


def open_demo() -> Workspace:
    """The demo database in the data folder, made on first use."""
    path = demo_db_path()
    if path.exists():
        return open_existing(path)
    ws = Workspace.open(path, create=True)
    try:
        build_demo(ws)
    except UserError:
        ws.close()
        raise
    return ws
