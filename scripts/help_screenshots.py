"""Make the pictures of the help page (resources/help/*.png) from the demo.

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/help_screenshots.py [OUT_DIR]
  (or: xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/help_screenshots.py)

The demo (phường Trần Liêu, 79/KH-UBND) is built in a temporary folder on a fixed day,
so the pictures do not change with the day they are made; nothing is written to the
user's data folder or settings. Each picture is a window or form at its own size,
scaled down to WIDTH pixels and saved as a small PNG. OUT_DIR defaults to
resources/help/.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from desktop.demo import build_demo
from desktop.domain.periods import PeriodId, PeriodKind
from desktop.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent

WIDTH = 900  # the help page shows them at this width
WINDOW = (1180, 720)  # the main window, as on a 1366x768 office screen less the taskbar
DAY = datetime(2026, 1, 20, 3, 0, tzinfo=UTC)  # 10:00 on 20/01/2026 in Hà Nội
SIGNER = "Nguyễn Văn An"


def save(widget: QWidget, path: Path) -> None:
    image = widget.grab().toImage()
    if image.width() > WIDTH:
        image = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    image.save(str(path), "PNG", 0)  # 0: the most compressed
    try:  # 256 colours keep a window's flat colours and cut the file to about a third
        from PIL import Image
    except ImportError:
        pass
    else:
        with Image.open(path) as full:
            fewer = full.quantize(256, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        fewer.save(path, optimize=True)
    print(f"{path} {image.width()}x{image.height()} {path.stat().st_size // 1024} KB")


def main(out: Path) -> None:
    app = QApplication([])
    work = Path(tempfile.mkdtemp(prefix="help_shots_"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))

    from ui.documents_tab import ANNEX
    from ui.first_run import FirstRunWizard
    from ui.main_window import MainWindow
    from ui.progress_dialog import ProgressDialog
    from ui.submit_wizard import SubmitWizard

    ws = Workspace.open(
        work / "du_lieu_mau.db", actor="Cán bộ văn phòng", clock=lambda: DAY, create=True
    )
    build_demo(ws)
    ws.document_settings.save(signer_name=SIGNER, signer_title="PHÓ CHỦ TỊCH")
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(ws)
    window.resize(*WINDOW)
    window.show()
    window.select_period(PeriodId(2025, PeriodKind.YEAR))
    plan = window.plan
    opened: list[QWidget] = []

    def form(make: Callable[[], QWidget]) -> Callable[[], QWidget]:
        def show() -> QWidget:
            widget = make()
            widget.show()
            opened.append(widget)
            return widget

        return show

    def progress_form() -> QWidget:
        window.show_tab(window.tasks)
        items = window.tasks.shown()
        row = next(
            (i for i, item in enumerate(items) if item.reported and item.latest is not None),
            0,
        )
        return ProgressDialog(ws, plan, window.report.period, items, row, window)

    def annex() -> QWidget:
        window.show_tab(window.documents)
        window.show_documents(ANNEX)
        return window

    def new_office() -> QWidget:
        wizard = FirstRunWizard(Path("/home/vanphong/SoKeHoach/so_ke_hoach.db"), window)
        page = wizard.office_page
        page.name.setText("Hưng Nguyên")
        page.level.setCurrentIndex(page.level.findData("xa"))
        page.agency_code.setText("000.00.27.H40")
        page.parent_name.setText("tỉnh Nghệ An")
        page.signer_name.setText("Trần Thị Bình")
        wizard.resize(900, 640)

        def settle() -> None:  # no field selected in the picture
            wizard.button(QWizard.WizardButton.CommitButton).setFocus()
            page.name.deselect()

        QTimer.singleShot(100, settle)
        return wizard

    def overview() -> QWidget:
        window.show_tab(window.overview)
        return window

    def submit() -> QWidget:
        wizard = SubmitWizard(ws, plan, window.selected_period(), window)
        wizard.resize(900, 560)
        return wizard

    shots: list[tuple[str, Callable[[], QWidget], int]] = [
        ("bat_dau", form(new_office), 400),
        ("tong_quan", overview, 400),
        ("ghi_tien_do", form(progress_form), 400),
        ("giao_viec", annex, 1000),  # then waits until the annex is made
        ("nop_bao_cao", form(submit), 800),
    ]

    def shoot(index: int = 0) -> None:
        if index == len(shots):
            app.quit()
            return
        name, prepare, wait = shots[index]
        widget = prepare()

        def grab() -> None:
            made = window.documents.made
            if name == "giao_viec" and (made is None or made.what[0] != ANNEX):
                QTimer.singleShot(500, grab)  # the annex is still being made
                return
            window.statusBar().showMessage("Cơ sở dữ liệu: du_lieu_mau.db")  # not the temp path
            save(widget, out / f"{name}.png")
            if widget is not window:
                widget.close()
            shoot(index + 1)

        QTimer.singleShot(wait, grab)

    QTimer.singleShot(500, shoot)
    app.exec()
    ws.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "help")
