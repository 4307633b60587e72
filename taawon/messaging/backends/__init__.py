"""The message backends, by name (settings.MESSAGE_BACKEND, from TAAWON_MESSAGE_BACKEND).

A small registry of lazily imported classes, as healthchecks keeps its transports: a backend
is its own module with its own tests, and adding one is one line here.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .base import MessageBackend, Outgoing, SendError

BACKENDS: dict[str, str] = {
    "log": "taawon.messaging.backends.log.LogBackend",
    "sms_http": "taawon.messaging.backends.sms_http.HttpSmsBackend",
}

__all__ = ["BACKENDS", "MessageBackend", "Outgoing", "SendError", "get_backend"]


def get_backend(name: str | None = None) -> MessageBackend:
    """The backend called `name`, by default the configured one, ready to send."""
    name = name or settings.MESSAGE_BACKEND
    path = BACKENDS.get(name)
    if path is None:
        raise ImproperlyConfigured(
            f"TAAWON_MESSAGE_BACKEND={name!r} is not a message backend; "
            f"choose one of {', '.join(sorted(BACKENDS))}."
        )
    return import_string(path)()
