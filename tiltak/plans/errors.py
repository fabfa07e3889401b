"""Errors the store's callers report to the user, importable from below the apps that raise them."""


class InputRefused(Exception):
    """A file or document cannot be imported; str() is one line for the user."""
