"""The two kinds of document the Văn bản tab makes, named apart from the tab so the
window's menus can ask for one without loading the tab before it is shown."""

REPORT, ANNEX = "report", "annex"
