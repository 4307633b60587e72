"""Domain errors: stable codes and translatable messages, mapped to 4xx at the edge.

A service raises one of these on bad input. Views turn `field_errors` into form errors and
the API turns the whole error into `{"detail": ..., "errors": {field: [messages]}}`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.http import Http404
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "invalid"
    status = 400
    default_message = _("The request could not be completed.")

    def __init__(
        self,
        message: str | None = None,
        *,
        field_errors: Mapping[str, Sequence[str] | str] | None = None,
        payload: dict | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.field_errors = {
            field: [str(m) for m in ([msgs] if isinstance(msgs, str) else msgs)]
            for field, msgs in (field_errors or {}).items()
        }
        self.payload = payload or {}
        super().__init__(str(self.message))

    def as_dict(self) -> dict:
        body = {"detail": str(self.message), "code": self.code, "errors": self.field_errors}
        body.update(self.payload)
        return body


class ValidationFailed(DomainError):
    code = "validation_failed"
    default_message = _("Some fields are not valid.")


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("Not found.")


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403
    default_message = _("You may not change this record.")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("This conflicts with an existing record.")


class FeatureUnavailable(Http404):
    """A page of a feature that does not exist where the user works (flexible permits outside
    Jordan): a 404 whose message the error page shows, saying why."""
