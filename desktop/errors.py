"""Errors the clerk can act on. Their message is Vietnamese and shown as is."""


class UserError(Exception):
    """A problem in what the user asked for or supplied; nothing was written.

    How to put it right may differ between the window and the command line: `window`
    (a menu path, a field) ends the message, where the clerk reads it; the command line
    says `command` in its place (`for_command_line`)."""

    def __init__(self, message: str = "", *, window: str = "", command: str = ""):
        super().__init__(f"{message} {window}" if window else message)
        self.command_line = f"{message} {command}" if command else ""

    def for_command_line(self) -> str:
        return self.command_line or str(self)


class NotFound(UserError):
    pass


class InvalidInput(UserError):
    pass
