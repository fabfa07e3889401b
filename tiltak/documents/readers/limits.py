"""Size limits that protect every reader from hostile or broken files."""

MAX_FILE_BYTES = 50 * 2**20
"""Largest file read at all (50 MiB)."""
MAX_PDF_PAGES = 1000
MAX_PDF_PAGE_CHARS = 50_000
"""Most characters of text on one PDF page; a dense A4 page has fewer than 8 000."""
MAX_DOCX_UNCOMPRESSED_BYTES = 200 * 2**20
"""Largest total uncompressed size of a DOCX archive (200 MiB): a zip bomb stops here."""
MAX_DOCX_COMPRESSION_RATIO = 100
"""Largest ratio of uncompressed to compressed size for any one member of a DOCX archive."""
MAX_BLOCKS = 200_000
