"""Awareness sessions on labour law, OSH, COVID-19 at work and work permits.

Participants are registered persons, or head counts by sex and nationality for people who were
not registered, or both.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.core import audit
from taawon.geo.countries import is_country
from taawon.geo.models import District, Governorate
from taawon.indicators import locks
from taawon.people.models import Person

from .. import rules
from ..unit import cleaning
from ..unit.cleaning import Errors
from .models import AwarenessHeadCount, AwarenessSession

SESSION_FIELDS = (
    "topic",
    "topic_detail",
    "date",
    "governorate",
    "district",
    "venue",
    "facilitator",
    "participants",
    "head_counts",
    "notes",
)
MAX_HEAD_COUNT = 10_000

HeadCounts = Mapping[tuple[str, str], int]


def _head_counts(raw: HeadCounts | None, errors: Errors) -> dict[tuple[str, str], int]:
    cleaned: dict[tuple[str, str], int] = {}
    for key, count in (raw or {}).items():
        try:
            sex, nationality = key
        except (TypeError, ValueError):
            errors.add("head_counts", _("Give each head count a sex and a nationality."))
            continue
        nationality = str(nationality or "").upper()
        if sex not in AwarenessHeadCount.Sex.values:
            errors.add("head_counts", _("Choose female or male for each head count."))
            continue
        if not is_country(nationality):
            errors.add("head_counts", _("Unknown nationality: %(code)s.") % {"code": nationality})
            continue
        number = cleaning.integer(
            count, field="head_counts", errors=errors, minimum=0, maximum=MAX_HEAD_COUNT, default=0
        )
        if number:
            cleaned[(sex, nationality)] = cleaned.get((sex, nationality), 0) + number
    return cleaned


def _participants(people: Iterable[Person], actor: User | None, errors: Errors) -> list[Person]:
    rows = list(dict.fromkeys(people or []))
    for person in rows:
        if actor is not None and not scoping.can(actor, scoping.READ, person):
            errors.add("participants", _("You may not add this person."))
        else:
            cleaning.active_person(person, "participants", errors)
    return rows


def _clean(
    values: Mapping[str, Any], *, country: str, actor: User | None, errors: Errors
) -> tuple[dict[str, Any], list[Person], dict[tuple[str, str], int]]:
    v = values
    cleaned: dict[str, Any] = {
        "topic": cleaning.choice(
            v["topic"], AwarenessSession.Topic.values, field="topic", errors=errors
        ),
        "topic_detail": cleaning.text(
            v["topic_detail"], max_length=200, field="topic_detail", errors=errors
        ),
        "date": cleaning.date(v["date"], field="date", errors=errors, not_future=True),
        "venue": cleaning.text(v["venue"], max_length=200, field="venue", errors=errors),
        "facilitator": cleaning.text(
            v["facilitator"], max_length=200, field="facilitator", errors=errors
        ),
        "notes": cleaning.text(
            v["notes"], max_length=5000, field="notes", errors=errors, multiline=True
        ),
    }
    if cleaned["topic"] == AwarenessSession.Topic.OTHER and not cleaned["topic_detail"]:
        errors.add("topic_detail", _("Say what the session was about."))
    if not cleaned["venue"]:
        errors.add("venue", _("Say where the session took place."))
    if not cleaned["facilitator"]:
        errors.add("facilitator", _("Name the facilitator."))
    cleaned["governorate"], cleaned["district"] = cleaning.places(
        v["governorate"], v["district"], errors, country=country
    )
    participants = _participants(v["participants"], actor, errors)
    head_counts = _head_counts(v["head_counts"], errors)
    if not participants and not head_counts and not {"participants", "head_counts"} & set(errors):
        errors.add("participants", _("Add the registered participants, head counts, or both."))
    return cleaned, participants, head_counts


def _write_head_counts(session: AwarenessSession, counts: Mapping[tuple[str, str], int]) -> None:
    session.head_counts.all().delete()
    AwarenessHeadCount.objects.bulk_create(
        AwarenessHeadCount(session=session, sex=sex, nationality=nationality, count=count)
        for (sex, nationality), count in sorted(counts.items())
    )


def _counts_for_audit(counts: Mapping[tuple[str, str], int]) -> dict[str, int]:
    return {f"{sex}/{nationality}": n for (sex, nationality), n in sorted(counts.items())}


@transaction.atomic
def record_awareness_session(
    *,
    owner: Organisation,
    topic: str,
    date: datetime.date,
    governorate: Governorate | int | None,
    venue: str,
    facilitator: str,
    recorded_by: User | None,
    topic_detail: str = "",
    district: District | int | None = None,
    participants: Iterable[Person] = (),
    head_counts: HeadCounts | None = None,
    notes: str = "",
    reason: str = "",
) -> AwarenessSession:
    """A session and who came: `participants` are registered persons, `head_counts` map
    (sex, nationality) to the number of unregistered participants. `reason`: why, when `date`
    lies in a locked reporting period (taawon.indicators.locks)."""
    values = dict(locals())  # the arguments, before any other local exists
    values.pop("reason")
    errors = Errors()
    cleaning.owner_unit(owner, recorded_by, errors)
    cleaned, people, counts = _clean(
        values, country=owner.country if owner else "", actor=recorded_by, errors=errors
    )
    errors.raise_if_any()
    actor = cleaning.acting(recorded_by)
    session = AwarenessSession.objects.create(
        owner=owner, created_by=actor, updated_by=actor, **cleaned
    )
    session.participants.set(people)
    _write_head_counts(session, counts)
    after = audit.snapshot(session)
    after.update(participants=sorted(p.pk for p in people), head_counts=_counts_for_audit(counts))
    audit.record(actor=recorded_by, action="create", obj=session, changes=audit.diff({}, after))
    locks.note_edit(
        record=session,
        owner_id=session.owner_id,
        days=[session.date],
        reason=reason,
        by=recorded_by,
    )
    return session


@transaction.atomic
def update_awareness_session(
    *, session: AwarenessSession, updated_by: User | None, reason: str = "", **changes: Any
) -> AwarenessSession:
    """Change any of SESSION_FIELDS; `head_counts`, when given, replaces them all. `reason`:
    why, when its date before or after the change lies in a locked reporting period
    (taawon.indicators.locks)."""
    before = session.date
    rules.check_may_change(updated_by, session)
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"update_awareness_session() got unexpected fields {sorted(unknown)}")
    current_counts = {(h.sex, h.nationality): h.count for h in session.head_counts.all()}
    values = {
        name: getattr(session, name)
        for name in SESSION_FIELDS
        if name not in ("participants", "head_counts")
    }
    values["participants"] = list(session.participants.all())
    values["head_counts"] = current_counts
    values.update(changes)
    errors = Errors()
    cleaned, people, counts = _clean(
        values, country=session.owner.country, actor=updated_by, errors=errors
    )
    errors.raise_if_any()
    cleaning.save_changes(session, cleaned, updated_by, participants=people)
    if counts != current_counts:
        _write_head_counts(session, counts)
        audit.record(
            actor=updated_by,
            action="update",
            obj=session,
            changes={"head_counts": [_counts_for_audit(current_counts), _counts_for_audit(counts)]},
        )
    locks.note_edit(
        record=session,
        owner_id=session.owner_id,
        days=[before, session.date],
        reason=reason,
        by=updated_by,
    )
    return session


@transaction.atomic
def add_awareness_participants(
    *, session: AwarenessSession, people: Iterable[Person], added_by: User | None, reason: str = ""
) -> list[Person]:
    """Add several registered participants at once: all of them or, on any error, none.
    Returns those who were not participants before."""
    rules.check_may_change(added_by, session)
    current = list(session.participants.all())
    taken = {person.pk for person in current}
    new = [person for person in dict.fromkeys(people) if person.pk not in taken]
    if new:
        update_awareness_session(
            session=session, updated_by=added_by, reason=reason, participants=[*current, *new]
        )
    return new
