"""A generic HTTP SMS gateway: one JSON POST per message, with a bearer token.

    POST $TAAWON_SMS_GATEWAY_URL
    Authorization: Bearer $TAAWON_SMS_GATEWAY_TOKEN
    {"to": "+962791234567", "body": "...", "language": "ar", "reference": "42"}

Any 2xx answer is success; a JSON body's "id" (or "message_id") is kept as the gateway's
reference. A 4xx answer other than 408 and 429 is permanent (the gateway refuses this
message: a bad number, a body too long); anything else (5xx, 408, 429, no answer) is tried
again later. The URL and token are read from the environment here, not in settings, so that
only deployments using this backend need them.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import Outgoing, SendError

TIMEOUT_S = 10
RETRYABLE_STATUSES = {408, 429}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


class HttpSmsBackend:
    name = "sms_http"

    def __init__(self, url: str | None = None, token: str | None = None) -> None:
        self.url = url if url is not None else os.environ.get("TAAWON_SMS_GATEWAY_URL", "")
        self.token = token if token is not None else os.environ.get("TAAWON_SMS_GATEWAY_TOKEN", "")
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                "TAAWON_SMS_GATEWAY_URL must be the gateway's http(s) URL to use the sms_http "
                "message backend."
            )
        # The token would travel in clear over plain HTTP: only to this machine.
        if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
            raise ImproperlyConfigured("TAAWON_SMS_GATEWAY_URL must use https.")
        if not self.token:
            raise ImproperlyConfigured("TAAWON_SMS_GATEWAY_TOKEN is required by sms_http.")

    def send(self, message: Outgoing) -> str:
        payload = {
            "to": message.to,
            "body": message.body,
            "language": message.language,
            "reference": message.reference,
        }
        request = urllib.request.Request(
            self.url,
            data=json.dumps(payload, ensure_ascii=False).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                body = response.read(64 * 1024)
        except urllib.error.HTTPError as exc:
            permanent = 400 <= exc.code < 500 and exc.code not in RETRYABLE_STATUSES
            raise SendError(f"gateway answered HTTP {exc.code}", permanent=permanent) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SendError(f"gateway unreachable: {exc}") from exc
        return _reference(body)


def _reference(body: bytes) -> str:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    return str(data.get("id") or data.get("message_id") or "")[:100]
