"""Queueing messages and sending them through the configured backend.

`queue_message` is what other apps call (permit expiry reminders, seasonal job SMS). It
writes the message and, unless told not to, asks the worker to send it once the transaction
commits. `send_queued` is what the worker runs: each message is claimed by a short lease
before the backend is called, outside any transaction, so two workers never send one message
and a slow gateway never holds a database lock.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts.models import Organisation, User
from taawon.core import audit, validation
from taawon.core.exceptions import ValidationFailed

from .backends import Outgoing, SendError, get_backend
from .models import OutboundMessage

logger = logging.getLogger("taawon.messaging")

MAX_BODY = 1000
MAX_ATTEMPTS = 5
CLAIM_FOR = datetime.timedelta(minutes=10)
BATCH = 200
Status = OutboundMessage.Status


def _validate(*, to: str, body: str, language: str, purpose: str, dedupe_key: str) -> str:
    errors: dict[str, list[str]] = {}
    # Messages go to numbers stored in E.164: no region, a number must carry its country code.
    number = validation.clean_phone(to, region=None, errors=errors, field="to")
    if not number and "to" not in errors:
        errors["to"] = [str(validation.PHONE_MESSAGES["no_country_code"])]
    if not (body or "").strip():
        errors["body"] = [_("The message is empty.")]
    elif len(body) > MAX_BODY:
        errors["body"] = [_("Enter at most %(n)s characters.") % {"n": MAX_BODY}]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose a valid option.")]
    if not purpose or len(purpose) > OutboundMessage._meta.get_field("purpose").max_length:
        errors["purpose"] = [_("Name the purpose of the message.")]
    if not dedupe_key or len(dedupe_key) > OutboundMessage._meta.get_field("dedupe_key").max_length:
        errors["dedupe_key"] = [_("A message needs a key of at most 200 characters.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return number


@transaction.atomic
def queue_message(
    *,
    to: str,
    body: str,
    language: str,
    purpose: str,
    dedupe_key: str,
    owner: Organisation,
    queued_by: User | None = None,
    send: bool = True,
) -> OutboundMessage | None:
    """Queue one message; None when a message with `dedupe_key` exists (it is never resent).

    `send=False` leaves the sending to the caller, who queues many and then enqueues
    `tasks.send_queued_messages` once.
    """
    to = _validate(to=to, body=body, language=language, purpose=purpose, dedupe_key=dedupe_key)
    try:
        # A savepoint: the key taken by a concurrent transaction must not break the caller's.
        with transaction.atomic():
            message = OutboundMessage.objects.create(
                owner=owner,
                to=to,
                body=body,
                language=language,
                purpose=purpose,
                dedupe_key=dedupe_key,
                created_by=queued_by,
                updated_by=queued_by,
            )
    except IntegrityError:
        if OutboundMessage.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    audit.record_create(queued_by, message)
    if send:
        transaction.on_commit(_enqueue_sending)
    return message


def _enqueue_sending(run_after: datetime.datetime | None = None) -> None:
    from .tasks import send_queued_messages

    task = send_queued_messages
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    task.enqueue()


def _claim(pk: int, now: datetime.datetime) -> bool:
    """Take message `pk` for `CLAIM_FOR`; False if it is sent, failed or another's."""
    claimed = OutboundMessage.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now), pk=pk, status=Status.QUEUED
    ).update(claimed_until=now + CLAIM_FOR)
    return claimed == 1


def _finish(message: OutboundMessage, before: dict, **changes) -> None:
    """Store the outcome and release the claim (a message to retry keeps it as its backoff)."""
    changes.setdefault("claimed_until", None)
    with transaction.atomic():
        for name, value in changes.items():
            setattr(message, name, value)
        message.save(update_fields=[*changes, "updated_at"])
        audit.record_update(None, message, before)


def send_queued(*, limit: int = BATCH, backend_name: str | None = None) -> dict[str, int]:
    """Send up to `limit` queued messages, oldest first; counts of sent, failed and retried.

    A backend error that may pass (a gateway down) leaves the message queued for a later run,
    up to MAX_ATTEMPTS; one that will not (a number the gateway refuses) fails it at once.
    """
    backend = get_backend(backend_name)
    counts = {"sent": 0, "failed": 0, "retry": 0}
    now = timezone.now()
    ids = list(
        OutboundMessage.objects.filter(status=Status.QUEUED)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    for pk in ids:
        if not _claim(pk, timezone.now()):
            continue
        message = OutboundMessage.objects.get(pk=pk)
        before = audit.snapshot(message, ["status", "attempts", "sent_at", "error", "backend"])
        attempts = message.attempts + 1
        try:
            reference = backend.send(
                Outgoing(
                    reference=str(message.pk),
                    to=message.to,
                    body=message.body,
                    language=message.language,
                )
            )
        except SendError as error:
            give_up = error.permanent or attempts >= MAX_ATTEMPTS
            logger.warning("message %s not sent (attempt %s): %s", pk, attempts, error)
            _finish(
                message,
                before,
                attempts=attempts,
                error=str(error)[:1000],
                backend=backend.name,
                status=Status.FAILED if give_up else Status.QUEUED,
                claimed_until=None if give_up else timezone.now() + CLAIM_FOR,
            )
            counts["failed" if give_up else "retry"] += 1
            continue
        _finish(
            message,
            before,
            attempts=attempts,
            status=Status.SENT,
            sent_at=timezone.now(),
            backend=backend.name,
            provider_reference=reference[:100],
            error="",
        )
        counts["sent"] += 1
    if counts["retry"]:
        _enqueue_sending(timezone.now() + CLAIM_FOR)
    elif len(ids) == limit:
        # More are waiting: another run takes the next batch.
        _enqueue_sending()
    return counts
