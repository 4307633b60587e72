"""Confirmation of mass or irreversible actions.

A page shows what an action will do, computed by the code that will do it, and carries a token
of what it showed; the action runs only when it is given the token again and what it would do
still gives the same token. A changed situation (a job seeker added since, a record moved) asks
again instead of acting on something nobody saw. The API does not ask: a client that calls the
endpoint has confirmed; a client that sends the token gets the same check.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils.translation import gettext_lazy as _

from .exceptions import Conflict

FIELD = "confirm"


class ConfirmationChanged(Conflict):
    code = "confirmation_changed"
    default_message = _(
        "What this would do has changed since it was shown: check it again before confirming."
    )


def token(*parts: Any) -> str:
    """A short fingerprint of what an action would do (its counts and targets)."""
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def check(expected: str | None, actual: str) -> None:
    """Raise `ConfirmationChanged` when a token was given and what would be done differs.
    `expected=None` (an API call) confirms whatever the action does now."""
    if expected is not None and expected != actual:
        raise ConfirmationChanged()
