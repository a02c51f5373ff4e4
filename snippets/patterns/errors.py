"""One error envelope and one exception hierarchy for every HTTP API.

Clients parse a single shape, and each business error carries its own status code, so no handler
guesses one and no stack trace reaches a client.

The envelope is always:

    {"error": {"code": "NOT_FOUND", "message": "Interview 7 not found", "details": null}}

Example:
    >>> from fastapi import FastAPI
    >>> app = FastAPI()
    >>> install_error_handlers(app)
    >>> error_body("NOT_FOUND", "Interview 7 not found")
    {'error': {'code': 'NOT_FOUND', 'message': 'Interview 7 not found', 'details': None}}
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = [
    "AppError",
    "AuthenticationError",
    "ConflictError",
    "ExternalServiceError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitedError",
    "ValidationError",
    "error_body",
    "error_response",
    "install_error_handlers",
]

logger = logging.getLogger(__name__)


class AppError(Exception):
    """Base of every error the application raises on purpose.

    Subclasses set `status_code` and `code`; raise them from services and let the handler that
    `install_error_handlers` registers turn them into the envelope.

    Attributes:
        status_code: HTTP status the client receives.
        code: Stable, machine-readable error code (upper snake case).
        message: Human-readable message; it is sent to the client, so no internals in it.
        details: Optional JSON-serialisable data, e.g. the fields that failed validation.
    """

    status_code: int = HTTPStatus.INTERNAL_SERVER_ERROR
    code: str = "INTERNAL_ERROR"

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class ValidationError(AppError):
    """Input was well-formed but breaks a rule (422 Unprocessable Content)."""

    status_code = HTTPStatus.UNPROCESSABLE_ENTITY
    code = "VALIDATION_ERROR"


class AuthenticationError(AppError):
    """Credentials are missing or invalid (401 Unauthorized)."""

    status_code = HTTPStatus.UNAUTHORIZED
    code = "AUTH_ERROR"


class PermissionDeniedError(AppError):
    """Authenticated, but not allowed to do this (403 Forbidden)."""

    status_code = HTTPStatus.FORBIDDEN
    code = "FORBIDDEN"


class NotFoundError(AppError):
    """The resource does not exist, or the caller may not know it exists (404 Not Found)."""

    status_code = HTTPStatus.NOT_FOUND
    code = "NOT_FOUND"


class ConflictError(AppError):
    """The request clashes with current state, e.g. a duplicate email (409 Conflict)."""

    status_code = HTTPStatus.CONFLICT
    code = "CONFLICT"


class RateLimitedError(AppError):
    """The caller sent too many requests (429 Too Many Requests).

    Args:
        message: Message safe to show to the client.
        retry_after: Seconds until the client may try again; sent as the `Retry-After` header.
        details: Optional JSON-serialisable extra data.
    """

    status_code = HTTPStatus.TOO_MANY_REQUESTS
    code = "RATE_LIMITED"

    def __init__(self, message: str, *, retry_after: int, details: Any = None) -> None:
        super().__init__(message, details=details)
        self.retry_after = max(1, int(retry_after))
        self.headers = {"Retry-After": str(self.retry_after)}


class ExternalServiceError(AppError):
    """A dependency failed or timed out; the client may retry later (503 Service Unavailable)."""

    status_code = HTTPStatus.SERVICE_UNAVAILABLE
    code = "SERVICE_UNAVAILABLE"


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """Build the error envelope.

    Args:
        code: Stable machine-readable code, e.g. ``"NOT_FOUND"``.
        message: Message safe to show to the client.
        details: Optional JSON-serialisable extra data.

    Returns:
        ``{"error": {"code": ..., "message": ..., "details": ...}}``
    """
    return {"error": {"code": code, "message": message, "details": details}}


def error_response(
    status_code: int, code: str, message: str, details: Any = None
) -> JSONResponse:
    """Return the envelope as a FastAPI `JSONResponse` with the given status.

    Args:
        status_code: HTTP status of the response.
        code: Stable machine-readable code.
        message: Message safe to show to the client.
        details: Optional JSON-serialisable extra data.

    Returns:
        The response, ready to return from an exception handler.
    """
    return JSONResponse(
        status_code=status_code, content=jsonable_encoder(error_body(code, message, details))
    )


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    if exc.status_code >= 500:
        # Our side failed (a dependency, the store): logged here, once, with its cause.
        logger.error("app_error", exc_info=exc,
                     extra={"code": exc.code, "method": request.method, "path": request.url.path})
    response = error_response(exc.status_code, exc.code, exc.message, exc.details)
    response.headers.update(getattr(exc, "headers", {}))  # e.g. Retry-After on a 429
    return response


async def _request_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [
        {"field": ".".join(str(p) for p in err["loc"]), "reason": err["msg"]}
        for err in exc.errors()
    ]
    return error_response(
        HTTPStatus.UNPROCESSABLE_ENTITY, "VALIDATION_ERROR", "Invalid request", {"fields": fields}
    )


async def _http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = HTTPStatus(exc.status_code)
    response = error_response(exc.status_code, status.name, str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the log, never to the client.
    logger.exception("unhandled_error",
                     extra={"method": request.method, "path": request.url.path})
    return error_response(
        HTTPStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "An unexpected error occurred"
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error into the envelope.

    Handles `AppError` subclasses (their own status and headers; 5xx ones are logged once with
    their cause, such as `Retry-After` on a
    `RateLimitedError`), request validation failures (422 with
    ``details.fields``), `HTTPException` such as unknown routes (its status, code from the status
    name, e.g. ``NOT_FOUND``) and any other exception (500 ``INTERNAL_ERROR``, logged with its
    traceback, nothing of it sent to the client).

    Args:
        app: The FastAPI application to configure.
    """
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(Exception, _unexpected)
