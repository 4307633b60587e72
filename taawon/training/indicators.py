"""Training indicators, registered with the indicator engine (taawon.indicators): people
trained (in all and per course subject), cooperatives reached, trainers certified, and the
cascade's reach (people trained by the trainers a training of trainers certified).

Each counts people as people: a person trained in several events of the period is counted
once (the engine counts distinct persons), by sex, nationality, governorate and organisation
like every indicator. A participant counts as trained when they completed the event by its
course's rule; the event's first day places them in a period.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from taawon.accounts import scoping
from taawon.indicators.registry import (
    COUNT_DISTINCT,
    COUNT_PERSONS,
    EVENTS,
    PERSONS,
    Indicator,
    register,
)

from .models import CertifiedTrainer, Facilitator, Participant, Subject


def _by_event(queryset, user):
    return scoping.scope(queryset, user, owner_field="event__owner")


def _by_tot(queryset, user):
    return scoping.scope(queryset, user, owner_field="tot_event__owner")


def _trained():
    return Participant.objects.filter(completed=True)


def _of(subject: str):
    return lambda: Participant.objects.filter(completed=True, event__course__subject=subject)


def _represented():
    return Participant.objects.filter(completed=True, cooperative__isnull=False)


def _trainers():
    return CertifiedTrainer.objects.all()


def _cascade():
    """Completed participants of events facilitated by a trainer certified for the course."""
    certified_lead = Facilitator.objects.filter(
        event=OuterRef("event"),
        person__isnull=False,
        person__in=CertifiedTrainer.objects.filter(
            course=OuterRef(OuterRef("event__course"))
        ).values("person"),
    )
    return Participant.objects.filter(completed=True).filter(Exists(certified_lead))


def _per_subject(label):
    return lazy(lambda: _("People trained: %(course)s") % {"course": label}, str)()


def register_indicators() -> None:
    common = {
        "subject": "person",
        "owner": "event__owner",
        "date": "event__start_date",
        "scope": _by_event,
        "governorate": "person__governorate",
        "list_url": "training:event_list",
    }
    register(
        Indicator(
            code="training_people_trained",
            name=_("People trained"),
            definition=_(
                "People who completed a training, a training of trainers or a refresher that "
                "started in the period, each counted once however many events they completed."
            ),
            unit=PERSONS,
            rows=_trained,
            measure=COUNT_PERSONS,
            order=300,
            **common,
        )
    )
    for offset, (value, label) in enumerate(Subject.choices):
        register(
            Indicator(
                code=f"training_{value}",
                name=_per_subject(label),
                definition=_("People who completed an event of this course in the period."),
                unit=PERSONS,
                rows=_of(value),
                measure=COUNT_PERSONS,
                order=301 + offset,
                **common,
            )
        )
    register(
        Indicator(
            code="training_cooperatives_reached",
            name=_("Cooperatives reached by training"),
            definition=_(
                "Cooperatives with at least one representative who completed a training event "
                "that started in the period."
            ),
            unit=EVENTS,
            rows=_represented,
            date="event__start_date",
            measure=COUNT_DISTINCT,
            field="cooperative_id",
            owner="event__owner",
            scope=_by_event,
            order=320,
        )
    )
    register(
        Indicator(
            code="training_trainers_certified",
            name=_("Trainers certified"),
            definition=_(
                "People certified as trainers of a course in the period, by completing its "
                "training of trainers; each counted once."
            ),
            unit=PERSONS,
            rows=_trainers,
            date="certified_on",
            measure=COUNT_PERSONS,
            subject="person",
            owner="tot_event__owner",
            governorate="person__governorate",
            scope=_by_tot,
            order=321,
        )
    )
    register(
        Indicator(
            code="training_cascade_reach",
            name=_("Cascade reach: people trained by certified trainers"),
            definition=_(
                "People who completed an event, started in the period, that a trainer certified "
                "for its course facilitated: the reach of the trainings of trainers beyond "
                "their own participants. Each person counted once."
            ),
            unit=PERSONS,
            rows=_cascade,
            measure=COUNT_PERSONS,
            order=322,
            **common,
        )
    )
