# PyInstaller's own QtGui hook (it collects Qt's plugins: platforms, themes, image
# formats…), less the plugins build_spec/qt_plugins.py leaves out. Hooks in the spec's
# hookspath take precedence over PyInstaller's; dropping the plugins here, before
# PyInstaller follows what each collected library links, keeps their dependencies out.
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

from build_spec.qt_plugins import unused

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, folder) for source, folder in binaries if not unused(source)]
