"""What goes wrong when talking to a pyexec server."""

from __future__ import annotations

from typing import Any


class PyexecError(Exception):
    """Anything this client raises about the server or a run."""


class ApiError(PyexecError):
    """The server refused a request: its status and the error body it sent.

    The body is ``{"error": {"type", "message", "field"?, "reason"?}}`` (docs/http-api.md); ``str(error)`` is its
    message.
    """

    def __init__(self, status: int, type: str, message: str, field: str | None = None, reason: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.type = type
        self.message = message
        self.field = field
        self.reason = reason

    @classmethod
    def from_response(cls, status: int, body: Any, text: str) -> ApiError:
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict) or not isinstance(error.get("message"), str):
            # not the API's own error (a proxy, a crash): the text is all there is to say
            return cls(status, "HttpError", f"HTTP {status}: {text[:500]}")
        return cls(status, str(error.get("type", "Error")), error["message"], error.get("field"), error.get("reason"))

    def __repr__(self) -> str:
        return f"ApiError({self.status}, {self.type!r}, {self.message!r})"


class ConnectionFailed(PyexecError):
    """The server could not be reached, or the connection broke."""


class StreamFailed(PyexecError):
    """The server ended a run's event stream with an error (its store failed)."""


class WaitTimeout(PyexecError, TimeoutError):
    """The run did not end or start waiting for approval within the time given."""


class NotConfigured(PyexecError):
    """No server address or no token was given or found in the environment."""
