"""Reminders to holders whose permit expires soon, queued through the message backend.

Each permit gets one reminder per window (30 days before expiry, then 7), in the language of
its holder: the message's dedupe key names the permit, its expiry date and the window, so that
running the task twice in a day, or every day of the window, sends it once. A holder who
refused contact by SMS (their latest answer) is not written to; a renewal under way, an
archived or merged holder, or no phone number means no reminder either.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from taawon.core.exceptions import ValidationFailed
from taawon.messaging import services as messaging
from taawon.people import queries as people_queries
from taawon.people.models import Consent, Person

from .. import queries
from ..models import Permit

# Days before expiry at which a reminder goes, largest first.
WINDOWS = (30, 7)
PURPOSE = "permit_expiry"


def window_for(days_left: int) -> int | None:
    """The smallest window `days_left` falls in: 25 days left -> 30, 5 -> 7, 40 -> None."""
    inside = [w for w in WINDOWS if days_left <= w]
    return min(inside) if inside else None


def dedupe_key(permit: Permit, window: int) -> str:
    return f"{PURPOSE}:{permit.pk}:{permit.expires_on.isoformat()}:{window}"


def reminder_text(permit: Permit) -> str:
    """The reminder in the holder's language (the permit's message language)."""
    with translation.override(permit.language):
        return _(
            "Your work permit %(number)s expires on %(date)s. Contact %(cooperative)s to renew it."
        ) % {
            "number": permit.permit_number,
            "date": formats.date_format(permit.expires_on, "d/m/Y"),
            "cooperative": permit.cooperative.display_name,
        }


def _refused_sms(person_ids: list[int]) -> set[int]:
    """Persons whose latest answer about SMS was no (the rule lives in people's queries)."""
    return people_queries.withheld_consent(Consent.Purpose.SMS, person_ids)


@transaction.atomic
def queue_expiry_reminders(*, today: datetime.date | None = None) -> dict[str, int]:
    """Queue the reminders due today; counts by outcome ("queued", "already", "no_phone",
    "refused_sms", "holder_not_active", "bad_phone"). The sending is enqueued once, after
    the commit, when something was queued."""
    today = today or timezone.localdate()
    permits = list(queries.expiring(None, within_days=max(WINDOWS), today=today))
    refused = _refused_sms(sorted({p.person_id for p in permits}))
    counts: Counter[str] = Counter()
    for permit in permits:
        window = window_for((permit.expires_on - today).days)
        person = permit.person
        if window is None:
            continue
        if person.status != Person.Status.ACTIVE:
            counts["holder_not_active"] += 1
        elif not person.phone:
            counts["no_phone"] += 1
        elif person.pk in refused:
            counts["refused_sms"] += 1
        else:
            try:
                message = messaging.queue_message(
                    to=person.phone,
                    body=reminder_text(permit),
                    language=permit.language,
                    purpose=PURPOSE,
                    dedupe_key=dedupe_key(permit, window),
                    owner=permit.owner,
                    send=False,
                )
            except ValidationFailed:
                # A number the gateway cannot take: nothing queued, counted apart.
                counts["bad_phone"] += 1
                continue
            counts["queued" if message else "already"] += 1
    if counts["queued"]:
        transaction.on_commit(_send)
    return dict(counts)


def _send() -> None:
    from taawon.messaging.tasks import send_queued_messages

    send_queued_messages.enqueue()
