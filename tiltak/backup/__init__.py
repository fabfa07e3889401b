"""Backup and restore of the whole database: SQLite's online backup, pg_dump/pg_restore."""
