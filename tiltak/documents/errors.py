"""The one error type the document core raises for input it cannot read."""


class DocumentError(Exception):
    """A document cannot be read or understood; the message is one line for the user."""
