"""Scoped reads of awareness sessions (labour law, OSH, COVID-19)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    OuterRef,
    Sum,
)
from django.db.models.functions import Coalesce

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.lib import phones
from taawon.lib.crypto import normalise_identifier
from taawon.people import queries as people_queries
from taawon.people.models import Person

from ..unit.access import READ
from .models import AwarenessHeadCount, AwarenessSession

MAX_ENTRY = 40


def awareness_list(user: User, *, topic: str = "", governorate: int | None = None):
    """Sessions `user` may read, newest first, with `registered` and `counted` participants."""
    qs = scoping.scope(AwarenessSession.objects.all(), user)
    if topic:
        qs = qs.filter(topic=topic)
    if governorate:
        qs = qs.filter(governorate_id=governorate)
    counted = (
        AwarenessHeadCount.objects.filter(session=OuterRef("pk"))
        .values("session")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return (
        qs.select_related("governorate", "district", "owner")
        .annotate(
            registered=Count("participants", distinct=True),
            counted=Coalesce(counted, 0),
        )
        .order_by("-date", "-pk")
    )


def get_awareness_for_user(user: User, pk, action: str = READ) -> AwarenessSession:
    qs = AwarenessSession.objects.select_related(
        "governorate", "district", "owner", "created_by"
    ).prefetch_related("head_counts", "participants")
    return scoping.get_scoped_or_404(qs, user, pk, action)


# ---- A pasted list of participants --------------------------------------------------------

_SEPARATORS = re.compile(r"[\n\r,،;؛]+")
# What may appear in an identifier or a phone number as people type them.
_ENTRY = re.compile(r"^[\w\s+().\-/\u200e\u200f\u061c]+$")


@dataclass
class ParticipantList:
    """A pasted list read entry by entry: the persons found (in the user's reach, each once),
    the entries that found no one or several persons, and those that are neither an identifier
    nor a phone number."""

    found: list[Person] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)


def resolve_participant_list(user: User, text: str, *, region: str | None) -> ParticipantList:
    """Each entry of `text` (one per line or comma-separated) as an identifier of any kind,
    through the registry's blind index, or else as a phone number read for `region`. A person
    out of `user`'s reach is not found, as a person who does not exist."""
    result = ParticipantList()
    seen: set[int] = set()
    for entry in dict.fromkeys(e.strip() for e in _SEPARATORS.split(text or "")):
        if not entry:
            continue
        if len(entry) > MAX_ENTRY or not _ENTRY.match(entry) or not normalise_identifier(entry):
            result.bad.append(entry)
            continue
        persons = people_queries.persons_by_identifier(user, entry)
        if not persons:
            phone = phones.phone_or_none(entry, region)
            persons = people_queries.persons_by_phone(user, phone) if phone else []
        if not persons:
            result.not_found.append(entry)
        elif len(persons) > 1:
            result.ambiguous.append(entry)
        elif persons[0].pk not in seen:
            seen.add(persons[0].pk)
            result.found.append(persons[0])
    return result
