"""Tiltak: follow-up of government action plans."""

__version__ = "0.1.0"
