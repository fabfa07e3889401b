"""Django glue for the consistency checks: check a stored reporting round, and `tiltak check`.

The rules themselves are pure Python in `tiltak.documents.checks`.
"""
