"""Profiles, plan roles and the audit log moved from tiltak.rounds to tiltak.accounts and
tiltak.audit: migrating a filled database forward keeps every row, and on PostgreSQL the
renamed audit table still refuses UPDATE and DELETE."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from tiltak.accounts.models import PlanRole, Profile
from tiltak.audit.models import AuditEvent

BEFORE = [("audit", None), ("accounts", None)]  # rounds 0005 goes too: it depends on both


@pytest.fixture
def executor() -> Iterator[MigrationExecutor]:
    """An executor; the database is migrated to the newest state again afterwards."""
    executor = MigrationExecutor(connection)
    yield executor
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.mark.django_db(transaction=True)
def test_moving_accounts_and_the_audit_log_keeps_the_rows(executor: MigrationExecutor) -> None:
    executor.migrate(BEFORE)
    assert {"rounds_profile", "rounds_planrole", "rounds_auditevent"} <= _tables()
    old = executor.loader.project_state(("rounds", "0002_audit_append_only")).apps
    user = old.get_model("auth", "User").objects.create(username="kari")
    organisation = old.get_model("plans", "Organisation").objects.create(
        name="Justis- og beredskapsdepartementet", acronym="JD"
    )
    plan = old.get_model("plans", "Plan").objects.create(title="Planen", slug="planen")
    old.get_model("rounds", "Profile").objects.create(user=user, organisation=organisation)
    old.get_model("rounds", "PlanRole").objects.create(user=user, plan=plan, role="coordinator")
    events = old.get_model("rounds", "AuditEvent").objects
    events.create(action="create", model="rounds.profile", object_id="1", actor_id=user.pk)
    events.create(action="create", model="rounds.planrole", object_id="1", plan_id=plan.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    tables = _tables()
    assert {"accounts_profile", "accounts_planrole", "audit_auditevent"} <= tables
    assert not {"rounds_profile", "rounds_planrole", "rounds_auditevent"} & tables
    profile = Profile.objects.get()
    assert (profile.user.username, profile.organisation.acronym) == ("kari", "JD")
    role = PlanRole.objects.get()
    assert (role.plan.slug, role.role) == ("planen", PlanRole.Role.COORDINATOR)
    stored = list(AuditEvent.objects.order_by("id"))
    # Events stored before the move read with the models' labels now.
    assert [event.model for event in stored] == ["accounts.profile", "accounts.planrole"]
    assert AuditEvent.objects.about(Profile).count() == 1
    assert stored[0].actor == profile.user

    if connection.vendor == "postgresql":
        for sql in (
            "UPDATE audit_auditevent SET action = 'endret' WHERE id = %s",
            "DELETE FROM audit_auditevent WHERE id = %s",
        ):
            with (
                pytest.raises(DatabaseError, match="append-only"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, [stored[0].pk])
        assert AuditEvent.objects.get(pk=stored[0].pk).action == "create"
