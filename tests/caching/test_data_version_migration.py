"""The data version moved from the portal to tiltak.caching: migrating back and forward keeps
the counter's value, and the renamed table still takes updates and its single row."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tiltak.caching.models import DataVersion
from tiltak.caching.version import bump_data_version, data_version

# Before the move: the caching app has no migration, the portal has its first.
BEFORE = [("caching", None), ("portal", "0001_initial")]


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def _migrate(targets: list[tuple[str, str | None]] | None = None) -> MigrationExecutor:
    """Migrate to `targets`, or to the latest migrations when None."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.fixture
def migrated_back() -> Iterator[MigrationExecutor]:
    """The database before the move; migrated forward again afterwards whatever happens."""
    try:
        yield _migrate(BEFORE)
    finally:
        _migrate()


@pytest.mark.django_db(transaction=True)
def test_the_counter_keeps_its_value_across_the_move(migrated_back: MigrationExecutor) -> None:
    # Set the counter in the portal's table, as a database from before the move has it.
    assert "portal_dataversion" in _tables() and "caching_dataversion" not in _tables()
    old = migrated_back.loader.project_state(("portal", "0001_initial")).apps
    old.get_model("portal", "DataVersion").objects.create(pk=1, value=41)

    _migrate()

    assert "caching_dataversion" in _tables() and "portal_dataversion" not in _tables()
    assert data_version() == 41
    bump_data_version()
    assert data_version() == 42
    # The single row can be made again after the rename (the primary key still holds).
    DataVersion.objects.all().delete()
    bump_data_version()
    assert list(DataVersion.objects.values_list("pk", "value")) == [(1, 1)]
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "caching_dataversion")
    # PostgreSQL names them after the table; the old names must be free for a restored backup.
    assert not [name for name in constraints if name.startswith("portal_")]
    assert ContentType.objects.filter(app_label="caching", model="dataversion").exists()
    assert not ContentType.objects.filter(app_label="portal", model="dataversion").exists()


@pytest.mark.django_db(transaction=True)
def test_migrating_back_keeps_the_value_in_the_portal_table() -> None:
    DataVersion.objects.update_or_create(pk=1, defaults={"value": 7})
    try:
        executor = _migrate(BEFORE)
        old = executor.loader.project_state(("portal", "0001_initial")).apps
        assert old.get_model("portal", "DataVersion").objects.get(pk=1).value == 7
    finally:
        _migrate()
    assert data_version() == 7
