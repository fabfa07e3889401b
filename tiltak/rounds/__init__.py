"""Reporting rounds: editors update their measures, coordinators review and publish.

Roles and rules live in `permissions` (the one place views, commands and the API ask).
Lifecycle: a round is draft → open (deadline; each measure gets an entry starting from its last
published status, workflow «not started») → closed → published (who and when are recorded;
a job renders the reports (tiltak.jobs) unless TILTAK_WARM_REPORTS_ON_PUBLISH is off). A published
round is never edited: `services.correct_round` makes a new round with `corrects` pointing at
it and a reason; it goes through the same workflow and, published later with the same as-of
date, is the newest round the portal shows. Entries carry a `version` for optimistic locking;
every change to plans, measures, rounds, entries and accounts is appended to the audit log
(tiltak.audit; a PostgreSQL trigger refuses UPDATE and DELETE on it). Accounts and roles live in
tiltak.accounts.
"""
