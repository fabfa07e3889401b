"""The import pages' background job: reading a large uploaded document (tiltak.jobs runs it)."""

from __future__ import annotations

from django_tasks import task


@task()
def read_upload(user_id: int, name: str, upload_file: str) -> dict[str, str]:
    """Read the upload kept in `upload_file` into a draft: {"draft": id} or {"refused": why}."""
    from .services import read_kept_upload

    return read_kept_upload(user_id, name, upload_file)
