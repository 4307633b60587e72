"""Every read of training: scoped through `accounts.scoping` by the event's owner.

Facilitators, participants, session days and attendance are read through their event; the
certified trainers through the training of trainers that certified them. The catalogue is the
same for everyone who reads training. The cascade is computed (`cascade`) over the events the
reader reaches only, so that nobody learns of trainings beyond their reach.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.http import Http404

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.grants import queries as grants_queries
from taawon.people.models import Person

from . import cascade
from .models import (
    AttendanceImport,
    CertifiedTrainer,
    Course,
    Event,
    EventKind,
    Facilitator,
    Participant,
    SessionDay,
)

_MISSING = (ValueError, TypeError, OverflowError)


def courses() -> QuerySet[Course]:
    return (
        Course.objects.filter(is_active=True)
        .prefetch_related("versions")
        .annotate(event_count=Count("events"))
        .order_by("subject", "name_en")
    )


def events_for(user: User | None, action: str = scoping.READ) -> QuerySet[Event]:
    return scoping.scope(Event.objects.all(), user, action)


def event_list(
    user: User | None,
    *,
    course: int | None = None,
    subject: str = "",
    kind: str = "",
    mode: str = "",
    q: str = "",
) -> QuerySet[Event]:
    qs = (
        events_for(user)
        .select_related("course", "owner")
        .annotate(participant_count=Count("participants", distinct=True))
    )
    if course is not None:
        qs = qs.filter(course_id=course)
    if subject:
        qs = qs.filter(course__subject=subject)
    if kind:
        qs = qs.filter(kind=kind)
    if mode:
        qs = qs.filter(mode=mode)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(place__icontains=q))
    return qs.order_by("-start_date", "-id")


def get_event_for_user(user: User | None, pk, action: str = scoping.READ) -> Event:
    try:
        return events_for(user, action).select_related("course", "owner").get(pk=pk)
    except (Event.DoesNotExist, *_MISSING):
        raise Http404 from None


def days_of(event: Event) -> list[SessionDay]:
    return list(event.days.order_by("date"))


def facilitators_of(event: Event) -> QuerySet[Facilitator]:
    return event.facilitators.select_related("person", "user").order_by("id")


def participants_of(event: Event) -> QuerySet[Participant]:
    return (
        event.participants.select_related("person", "cooperative", "venture__application")
        .prefetch_related("attendance")
        .order_by("id")
    )


def participant_list(
    user: User | None, *, event: int | None = None, course: int | None = None
) -> QuerySet[Participant]:
    qs = scoping.scope(Participant.objects.all(), user, owner_field="event__owner").select_related(
        "person", "person__governorate", "cooperative", "event", "event__course", "event__owner"
    )
    # The venture is named only to those who read it in grants.
    qs = qs.annotate(
        venture_label=Case(
            When(
                venture__in=grants_queries.awards_for(user).values("pk"),
                then=F("venture__application__name"),
            ),
            default=Value(""),
        )
    )
    if event is not None:
        qs = qs.filter(event_id=event)
    if course is not None:
        qs = qs.filter(event__course_id=course)
    return qs.order_by("-event__start_date", "event_id", "id")


def get_participant_for_user(user: User | None, pk, action: str = scoping.READ) -> Participant:
    try:
        return (
            scoping.scope(Participant.objects.all(), user, action, owner_field="event__owner")
            .select_related("person", "cooperative", "event", "event__course", "event__owner")
            .get(pk=pk)
        )
    except (Participant.DoesNotExist, *_MISSING):
        raise Http404 from None


def participations_of_venture(user: User | None, award) -> QuerySet[Participant]:
    """The training the people of a funded venture received, in the events `user` reads."""
    return (
        Participant.objects.filter(venture=award, event__in=events_for(user))
        .select_related("event", "event__course")
        .order_by("-event__start_date", "event_id", "id")
    )


def trainers_for(user: User | None) -> QuerySet[CertifiedTrainer]:
    return (
        scoping.scope(CertifiedTrainer.objects.all(), user, owner_field="tot_event__owner")
        .select_related("person", "course", "tot_event")
        .order_by("-certified_on", "id")
    )


def tots_for(user: User | None) -> QuerySet[Event]:
    return events_for(user).filter(kind=EventKind.TOT).select_related("course")


def is_certified(person_id: int, course_id: int) -> bool:
    return CertifiedTrainer.objects.filter(person_id=person_id, course_id=course_id).exists()


def get_import_for_user(user: User | None, pk, action: str = scoping.READ) -> AttendanceImport:
    try:
        return (
            scoping.scope(AttendanceImport.objects.all(), user, action)
            .select_related("event", "event__course")
            .get(pk=pk)
        )
    except (AttendanceImport.DoesNotExist, *_MISSING):
        raise Http404 from None


def by_certificate_code(code: str) -> Participant | None:
    """The participant a certificate code names (the public verification page), or None."""
    code = (code or "").strip().upper()
    if not code or len(code) > 20:
        return None
    return (
        Participant.objects.filter(certificate_code=code, completed=True)
        .select_related("person", "event", "event__course")
        .first()
    )


# ---- The cascade ---------------------------------------------------------------------------


def training_graph(user: User | None) -> dict[int, set[int]]:
    """Who trained whom among the events `user` reads: an edge from each person who
    facilitated an event to each person who completed it."""
    events = events_for(user).values("pk")
    trainers: dict[int, set[int]] = {}
    for event_id, person_id in Facilitator.objects.filter(
        event__in=events, person__isnull=False
    ).values_list("event_id", "person_id"):
        trainers.setdefault(event_id, set()).add(person_id)
    edges = []
    for event_id, person_id in Participant.objects.filter(
        event_id__in=list(trainers), completed=True
    ).values_list("event_id", "person_id"):
        edges.extend((trainer, person_id) for trainer in trainers[event_id])
    return cascade.build_graph(edges)


def trainer_reach(user: User | None, person_id: int, graph=None) -> cascade.Reach:
    return cascade.reach(graph if graph is not None else training_graph(user), [person_id])


def tot_reach(user: User | None, event: Event, graph=None) -> cascade.Reach:
    """Generation 1: the trainers the training of trainers certified (its participants who
    completed); then the people they trained, and the people those trained."""
    completed = event.participants.filter(completed=True).values_list("person_id", flat=True)
    facilitators = event.facilitators.filter(person__isnull=False).values_list(
        "person_id", flat=True
    )
    return cascade.reach(
        graph if graph is not None else training_graph(user),
        list(facilitators),
        first_generation=list(completed),
    )


@dataclass
class Breakdown:
    """A set of people counted by sex and by nationality."""

    total: int
    by_sex: list[tuple[str, int]]
    by_nationality: list[tuple[str, int]]


def breakdown(person_ids: set[int]) -> Breakdown:
    from taawon.geo.countries import country_name
    from taawon.people.models import Sex

    rows = list(Person.objects.filter(pk__in=sorted(person_ids)).values_list("sex", "nationality"))
    sexes = Counter(sex for sex, _n in rows)
    nationalities = Counter(nationality for _s, nationality in rows)
    labels = dict(Sex.choices)
    return Breakdown(
        total=len(rows),
        by_sex=[(str(labels.get(sex, sex)), n) for sex, n in sorted(sexes.items())],
        by_nationality=[
            (country_name(code) if code else "—", n) for code, n in nationalities.most_common()
        ],
    )


def persons_by_id(person_ids: set[int]) -> dict[int, Person]:
    return {p.pk: p for p in Person.objects.filter(pk__in=sorted(person_ids))}


def cascade_totals(user: User | None) -> tuple[list[dict], list[dict]]:
    """Per training of trainers and per certified trainer: the people of each generation."""
    graph = training_graph(user)
    per_tot = []
    for event in tots_for(user).order_by("-start_date", "-id"):
        result = tot_reach(user, event, graph)
        per_tot.append({"event": event, **_counts(result)})
    per_trainer = []
    seen: set[int] = set()
    for trainer in trainers_for(user):
        # A person certified for two courses is one trainer: one row, their first course.
        if trainer.person_id in seen:
            continue
        seen.add(trainer.person_id)
        result = cascade.reach(graph, [trainer.person_id])
        per_trainer.append({"trainer": trainer, **_counts(result)})
    return per_tot, per_trainer


def _counts(result: cascade.Reach) -> dict:
    return {
        "first": len(result.generation(1)),
        "second": len(result.generation(2)),
        "third": len(result.generation(3)),
        "total": len(result.people),
    }
