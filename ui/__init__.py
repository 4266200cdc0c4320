"""The Qt shell: a thin layer over the services of `desktop`."""

APP_TITLE = "Sổ Kế hoạch"
