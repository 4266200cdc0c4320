"""Save a PNG of each main-window tab, for looking at the GUI as a user would.

xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py DB OUT_DIR
"""

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.app import open_workspace
from ui.main_window import MainWindow

TABS = ["tong_quan", "nhiem_vu", "chi_tieu", "kinh_phi"]


def main(db_path: Path, out: Path, width: int = 1500, height: int = 900) -> None:
    app = QApplication([])
    ws, _ = open_workspace(db_path)
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(ws)
    window.resize(width, height)
    window.show()

    def shoot(index: int = 0) -> None:
        if index == len(TABS):
            app.quit()
            return
        window.tabs.setCurrentIndex(index)

        def grab() -> None:
            window.grab().save(str(out / f"{index}_{TABS[index]}.png"))
            shoot(index + 1)

        QTimer.singleShot(300, grab)  # let layout settle and rows refit

    QTimer.singleShot(300, shoot)
    app.exec()
    ws.close()


if __name__ == "__main__":
    size = [int(v) for v in sys.argv[3:5]] or [1500, 900]
    main(Path(sys.argv[1]), Path(sys.argv[2]), *size)
