"""The public REST API (django-ninja) over published plans, rounds and statuses."""
