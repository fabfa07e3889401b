"""The write API's errors: service exceptions as the documented HTTP responses, and the 401,
429 and 422 answers given before an endpoint runs. Every one carries Cache-Control: no-store."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from tiltak.audit.context import audit_context
from tiltak.rounds import services

from .. import schemas, tokens
from . import output
from .auth import token_user

NO_STORE = "no-store"

AUTH_ERRORS: dict[int, Any] = {401: schemas.Error, 429: schemas.Error}
ERRORS: dict[int, Any] = {
    400: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
    422: schemas.ValidationError,
    **AUTH_ERRORS,
}


class NotFound(Exception):
    """Not there, or not visible to the token's user (the same answer, so ids reveal nothing)."""


def writes(view: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate an endpoint taking `response: HttpResponse`: no-store, the token's user as the
    audit actor, and the services' exceptions as the documented error responses."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        kwargs["response"]["Cache-Control"] = NO_STORE
        try:
            with audit_context(actor=token_user(request)):
                return view(request, *args, **kwargs)
        except (NotFound, ObjectDoesNotExist) as error:
            return Status(404, {"detail": str(error) or "Fant ikke det du ba om."})
        except PermissionDenied as error:
            return Status(403, {"detail": str(error) or "Du har ikke tilgang til dette."})
        except services.ConflictError as conflict:
            return Status(409, output.conflict_out(conflict))
        except services.PublishBlocked as blocked:
            return Status(409, output.publish_blocked_out(blocked))
        except (services.WorkflowError, tokens.TokenError) as error:
            return Status(400, {"detail": str(error)})
        except HttpError as error:
            return Status(error.status_code, {"detail": str(error)})

    return wrapper


def _unauthorised(request: HttpRequest, api: NinjaAPI) -> HttpResponse:
    """401 with WWW-Authenticate, as RFC 6750 says."""
    given = bool(request.headers.get("Authorization"))
    response = api.create_response(
        request,
        {"detail": "Missing, invalid, expired or revoked API token (Authorization: Bearer …)."},
        status=401,
    )
    challenge = 'Bearer realm="tiltak"'
    response["WWW-Authenticate"] = challenge + (', error="invalid_token"' if given else "")
    response["Cache-Control"] = NO_STORE
    return response


def _throttled(request: HttpRequest, error: Throttled, api: NinjaAPI) -> HttpResponse:
    """429 with Retry-After."""
    response = api.create_response(
        request, {"detail": "Too many failed token attempts; try again later."}, status=429
    )
    if error.wait:
        response["Retry-After"] = str(int(error.wait))
    response["Cache-Control"] = NO_STORE
    return response


_E = TypeVar("_E", bound=Exception)


def _raised(error: _E | type[_E]) -> _E:
    """The exception a handler got: django-ninja types it as the exception or its class, but
    Python always hands over an instance."""
    if isinstance(error, type):
        raise TypeError(f"an exception handler got the class {error.__name__}")
    return error


def install_error_handlers(api: NinjaAPI) -> None:
    """401 and 429 before an endpoint runs; 422 no-store when a token came with the request."""
    default_validation = api._lookup_exception_handler(ValidationError(errors=[]))
    if default_validation is None:
        raise RuntimeError("django-ninja has no handler for ValidationError")

    def validation(
        request: HttpRequest, error: ValidationError | type[ValidationError]
    ) -> HttpResponse:
        response: HttpResponse = default_validation(request, _raised(error))
        if getattr(request, "auth", None) is not None:
            response["Cache-Control"] = NO_STORE
        return response

    api.add_exception_handler(AuthenticationError, lambda r, e: _unauthorised(r, api))
    api.add_exception_handler(Throttled, lambda r, e: _throttled(r, _raised(e), api))
    api.add_exception_handler(ValidationError, validation)
