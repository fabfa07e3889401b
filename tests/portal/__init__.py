"""Tests of the public portal."""
