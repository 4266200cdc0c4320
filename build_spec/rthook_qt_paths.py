# Run-time hook standing in for PyInstaller's pyi_rth_pyside6, which imports
# PySide6.QtCore at every start (to write a qt.conf that PySide6's own wheels already
# embed): loading Qt and ICU made every command of the bundle, `status` or `selftest`,
# about 0.1 s slower. Here only Qt's plugin folder is named, as that hook does.
import os
import sys

if sys.platform.startswith("win"):
    os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, "PySide6", "plugins")
    # QtNetwork's OpenSSL DLLs, when collected, sit in the bundle's folder.
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
else:
    os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, "PySide6", "Qt", "plugins")
