"""The append-only audit log of every app: who changed what, when, and the object before and
after.

Apps register the models whose every change is logged (`registry.track`, from their
`AppConfig.ready()`); services name their actions with `context.audit_context`, and the
middleware makes the request's user the actor. The app imports no other part of Tiltak. On
PostgreSQL a trigger refuses UPDATE and DELETE of `AuditEvent`.
"""
