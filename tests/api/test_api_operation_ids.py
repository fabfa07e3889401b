"""Every API operation has an explicit operation id, unique in the OpenAPI document, so moving
an endpoint to another module does not rename the methods of generated clients."""

from __future__ import annotations

from tiltak.api.api import api


def _operations() -> list[tuple[str, str, str | None]]:
    """(method, path, explicit operation id) of every operation of every router."""
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    found.append((method, prefix + path, operation.operation_id))
    return found


def test_every_operation_has_an_explicit_operation_id() -> None:
    operations = _operations()
    assert len(operations) >= 20  # the public and the write routers
    assert [op for op in operations if not op[2]] == []


def test_operation_ids_are_unique_and_match_the_openapi_document() -> None:
    ids = [op[2] for op in _operations()]
    assert len(ids) == len(set(ids))
    document = api.get_openapi_schema()
    published = [
        operation["operationId"]
        for path in document["paths"].values()
        for operation in path.values()
    ]
    assert sorted(published) == sorted(ids)
    assert "tiltak_api_write_save_entry" in published  # the names clients were generated with
