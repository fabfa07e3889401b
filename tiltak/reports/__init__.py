"""Publishing reports from the database: cached files per round and format, downloads, CLI."""
