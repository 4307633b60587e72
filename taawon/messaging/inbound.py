"""Messages coming in from the SMS gateway: checked here, then handed to the apps that
answer the number they were sent to (the "message.received" event; complaints answers its
units' complaints lines). Nothing of the message is kept here: the app that takes it does.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from taawon.core import events, validation
from taawon.core.exceptions import ValidationFailed

MAX_BODY = 1600  # ten concatenated SMS


@transaction.atomic
def receive_message(
    *, sender: str, recipient: str, body: str, provider_reference: str = ""
) -> None:
    """Hand an inbound message to the app that answers `recipient`; ValidationFailed when
    it is malformed or no app answers that number (nothing is written then)."""
    errors: dict[str, list[str]] = {}
    sender = validation.clean_phone(sender, region=None, errors=errors, field="from")
    recipient = validation.clean_phone(recipient, region=None, errors=errors, field="to")
    body = validation.clean_text(body or "", errors=errors, field="text").strip()
    if not body and "text" not in errors:
        errors["text"] = [_("The message is empty.")]
    elif len(body) > MAX_BODY:
        errors["text"] = [_("Enter at most %(n)s characters.") % {"n": MAX_BODY}]
    provider_reference = (provider_reference or "").strip()
    if len(provider_reference) > 100:
        errors["id"] = [_("Enter at most %(n)s characters.") % {"n": 100}]
    for field, number in (("from", sender), ("to", recipient)):
        if not number and field not in errors:
            errors[field] = [_("Enter a phone number with its country code.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    answered = events.dispatch(
        "message.received",
        sender=sender,
        recipient=recipient,
        body=body,
        provider_reference=provider_reference,
    )
    if not any(answered.values()):
        raise ValidationFailed(field_errors={"to": [_("No service answers this number.")]})
