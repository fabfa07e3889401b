"""Background jobs through django-tasks on the database Tiltak already has: the tasks (each
calls a service of the app that owns the work), queueing them, their state for the pages, and
`tiltak worker`, which runs them, retries failures, takes over the jobs of a worker that died
and queues the daily reminders."""
