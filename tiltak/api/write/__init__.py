"""The write API: endpoints for editors and coordinators, authenticated by personal API tokens.

`Authorization: Bearer tiltak_…` (made at /konto/api-nokler/) is the only way in: session
cookies do not authenticate these endpoints, so a browser cannot be tricked into calling them
(no CSRF). Every endpoint calls the same services as the web pages (tiltak.rounds.services,
tiltak.lineage.services) as the token's user, so the permission rules live in one place
(tiltak.rounds.permissions). Errors map uniformly: no, invalid, expired or revoked token 401
(with WWW-Authenticate: Bearer); not allowed 403; not found or not visible to the user 404; the
action does not fit the state 400 with the service's Norwegian message; a stale
expected_version or a publication that needs a reason 409; invalid input 422; too many failed
token attempts from one client 429. Every response carries Cache-Control: no-store.

Modules: `auth` (tokens and their throttle), `errors` (service errors as HTTP responses),
`output` (responses through tiltak.api.schemas), `endpoints` (the routes, thin).
"""

from __future__ import annotations

from ninja import NinjaAPI

from .endpoints import write
from .errors import install_error_handlers


def install(api: NinjaAPI) -> None:
    """Mount the write router on `api`, with its error responses."""
    install_error_handlers(api)
    api.add_router("/", write)
