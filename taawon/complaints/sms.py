"""Complaints by SMS: a message the gateway delivers to a unit's complaints line becomes a
complaint of that unit, and the sender gets its reference and PIN back by SMS.

A message that starts with the number of a category (1 to 7, as the unit's posters list them)
is of that category; any other is "not yet classified" and comes in sensitive, so that only
the focal points read it first: it may tell of abuse.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from taawon.lib.arabic import ARABIC_INDIC_DIGITS, is_arabic
from taawon.messaging.services import queue_message

from . import queries, services
from .models import Category, Channel, ComplainantKind

# The order the posters list them in.
NUMBERED = (
    Category.WAGES_UNPAID,
    Category.SAFETY,
    Category.HARASSMENT,
    Category.DISCRIMINATION,
    Category.PERMIT,
    Category.SERVICE_QUALITY,
    Category.THANKS,
)


def _category(body: str) -> tuple[str, str]:
    text = body.strip()
    first = text[:1].translate(ARABIC_INDIC_DIGITS)
    if first.isdigit() and 1 <= int(first) <= len(NUMBERED):
        return NUMBERED[int(first) - 1], text[1:].strip(" .-:") or text
    return Category.OTHER, text


def _language(body: str) -> str:
    return "ar" if is_arabic(body) else "en"


def receive_sms(*, sender: str, recipient: str, body: str, provider_reference: str = "") -> bool:
    """Record the message as a complaint when `recipient` is a unit's complaints line (False
    when it is not one: another app may answer that number)."""
    line = queries.line_for(recipient)
    if line is None:
        return False
    category, text = _category(body)
    language = _language(body)
    receipt = services.record_complaint(
        owner=line.owner,
        category=category,
        description=text,
        channel=Channel.SMS,
        complainant_kind=ComplainantKind.ANONYMOUS,
        contact_phone=sender,
        language=language,
        sensitive=category == Category.OTHER,
        inbound_reference=provider_reference,
    )
    complaint = receipt.complaint
    with translation.override(language):
        body_out = _(
            "We received your message. Reference %(reference)s, PIN %(pin)s. "
            "Keep them to follow it."
        ) % {"reference": complaint.reference, "pin": receipt.pin}
    queue_message(
        to=complaint.contact_phone,
        body=body_out,
        language=language,
        purpose="complaint_receipt",
        dedupe_key=f"complaint-receipt:{complaint.pk}",
        owner=line.owner,
    )
    return True
