"""Inputs a job works on, kept in Django's "default" storage (uploads) between the request that
queues the job and the worker that runs it, which may be on another server."""

from __future__ import annotations

import json
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils.crypto import get_random_string

FOLDER = "jobs"


class KeptFileMissing(Exception):
    """The input is gone from the storage (deleted, or another storage configured)."""

    def __init__(self) -> None:
        super().__init__("Filen jobben skulle bruke, finnes ikke lenger. Last den opp på nytt.")


def keep(data: bytes, suffix: str) -> str:
    """Store `data` under a new unguessable name ending in `suffix`; the name."""
    name = f"{FOLDER}/{get_random_string(32)}{suffix}"
    return storages["default"].save(name, ContentFile(data))


def keep_json(value: Any) -> str:
    """Store `value` as JSON; the name."""
    return keep(json.dumps(value, ensure_ascii=False).encode(), ".json")


def read(name: str) -> bytes:
    """The stored input `name`; KeptFileMissing if it is gone."""
    try:
        with storages["default"].open(name, "rb") as handle:
            data: bytes = handle.read()
    except FileNotFoundError as error:
        raise KeptFileMissing from error
    return data


def read_json(name: str) -> Any:
    """The stored JSON input `name`."""
    return json.loads(read(name))


def discard(name: str) -> None:
    """Delete the stored input once the job is done with it."""
    storages["default"].delete(name)
