"""Lineage: which measure of a later plan continues, replaces or absorbs one of an earlier plan."""
