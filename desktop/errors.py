"""Errors the clerk can act on. Their message is Vietnamese and shown as is."""


class UserError(Exception):
    """A problem in what the user asked for or supplied; nothing was written."""


class NotFound(UserError):
    pass


class InvalidInput(UserError):
    pass
