"""Training over HTTP, mounted at /api/v1/training: the same queries (scoped by the event's
owner) and services as the pages. An event the caller does not read is 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from taawon.accounts.models import Organisation, User
from taawon.cooperatives import queries as cooperative_queries
from taawon.core.api_pages import PAGE_NOTE, PageIn, fetch_page
from taawon.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from taawon.grants import queries as grants_queries
from taawon.people import queries as people_queries

from . import queries, rules, services
from .models import Course, Event, EventKind, Mode
from .schemas import (
    AttendanceIn,
    CascadeOut,
    CourseListOut,
    EventDetailOut,
    EventIn,
    EventListOut,
    EventOut,
    FacilitatorIn,
    FacilitatorOut,
    ParticipantIn,
    ParticipantOut,
    ScoresIn,
)

router = Router(tags=["training"])

EVENT_FIELDS = (
    "id",
    "owner_id",
    "course_id",
    "title",
    "kind",
    "mode",
    "language",
    "start_date",
    "end_date",
    "place",
    "platform",
    "organiser",
    "partner",
    "planned_participants",
)
PARTICIPANT_FIELDS = (
    "id",
    "person_id",
    "cooperative_id",
    "venture_id",
    "role",
    "days_attended",
    "pre_score",
    "post_score",
    "gain",
    "completed",
    "certificate_code",
    "certificate_issued_on",
)


def _require_reader(request: HttpRequest) -> None:
    if not rules.may_read_any(request.auth):
        raise NotFound()


def _event(user, event: Event) -> dict:
    return {
        **{name: getattr(event, name) for name in EVENT_FIELDS},
        "actions": rules.event_actions(user, event),
    }


def _participant(participant) -> dict:
    return {name: getattr(participant, name) for name in PARTICIPANT_FIELDS}


def _detail(user, event: Event) -> dict:
    return {
        **_event(user, event),
        "session_days": [day.date for day in queries.days_of(event)],
        "facilitators": [
            {
                "id": f.pk,
                "person_id": f.person_id,
                "user_id": f.user_id,
                "uncertified_reason": f.uncertified_reason,
            }
            for f in queries.facilitators_of(event)
        ],
        "participants": [_participant(p) for p in queries.participants_of(event)],
    }


def _changing(request: HttpRequest, event_id: int) -> Event:
    event = queries.get_event_for_user(request.auth, event_id)
    if not rules.may_change(request.auth, event):
        raise PermissionDenied()
    return event


def _lookup(field: str, getter):
    try:
        return getter()
    except Http404:
        raise ValidationFailed(field_errors={field: [_("No such record you may read.")]}) from None


@router.get(
    "/courses",
    response=CourseListOut,
    summary="The training catalogue",
    description=f"The courses of the catalogue, by subject and name. {PAGE_NOTE}",
)
def list_courses(request: HttpRequest, page: Query[PageIn]):
    _require_reader(request)
    result = fetch_page(queries.courses(), page)
    result["items"] = [
        {
            **{
                name: getattr(course, name)
                for name in (
                    "id",
                    "code",
                    "subject",
                    "name_en",
                    "name_ar",
                    "min_attendance_percent",
                    "min_post_score",
                    "score_max",
                )
            },
            "languages": [v.language for v in course.versions.all()],
        }
        for course in result["items"]
    ]
    return result


@router.get(
    "/events",
    response=EventListOut,
    summary="List training events",
    description=f"Events of the organisations you read, newest first. {PAGE_NOTE}",
)
def list_events(
    request: HttpRequest,
    page: Query[PageIn],
    kind: EventKind | None = None,
    mode: Mode | None = None,
):
    _require_reader(request)
    result = fetch_page(queries.event_list(request.auth, kind=kind or "", mode=mode or ""), page)
    result["items"] = [_event(request.auth, e) for e in result["items"]]
    return result


@router.post("/events", response={201: EventOut}, summary="Plan a training event")
def plan_event(request: HttpRequest, payload: EventIn):
    if not rules.may_run(request.auth):
        raise NotFound()
    owner = Organisation.objects.filter(pk=payload.owner_id).first()
    if owner is None or not rules.may_run_for(request.auth, owner.pk):
        raise ValidationFailed(
            field_errors={"owner_id": [_("Choose an organisation you work for.")]}
        )
    course = Course.objects.filter(pk=payload.course_id, is_active=True).first()
    if course is None:
        raise ValidationFailed(field_errors={"course_id": [_("Choose a course of the catalogue.")]})
    data = payload.dict(exclude={"owner_id", "course_id"})
    event = services.plan_event(owner=owner, course=course, by=request.auth, **data)
    return Status(201, _event(request.auth, event))


@router.get("/events/{event_id}", response=EventDetailOut, summary="One training event")
def get_event(request: HttpRequest, event_id: int):
    return _detail(request.auth, queries.get_event_for_user(request.auth, event_id))


@router.post(
    "/events/{event_id}/participants",
    response={201: ParticipantOut},
    summary="Add a participant",
)
def add_participant(request: HttpRequest, event_id: int, payload: ParticipantIn):
    event = _changing(request, event_id)
    user = request.auth
    person = _lookup(
        "person_id", lambda: people_queries.get_person_for_user(user, payload.person_id)
    )
    cooperative = None
    if payload.cooperative_id is not None:
        cooperative = _lookup(
            "cooperative_id",
            lambda: cooperative_queries.get_cooperative_for_user(user, payload.cooperative_id),
        )
    venture = None
    if payload.venture_id is not None:
        venture = _lookup(
            "venture_id", lambda: grants_queries.get_award_for_user(user, payload.venture_id)
        )
    participant = services.add_participant(
        event=event,
        person=person,
        cooperative=cooperative,
        venture=venture,
        role=payload.role,
        by=user,
    )
    return Status(201, _participant(participant))


@router.post(
    "/events/{event_id}/facilitators",
    response={201: FacilitatorOut},
    summary="Add a facilitator",
    description=(
        "A person of the registry (`person_id`) or a staff member (`user_id`). A person not "
        "certified for the course needs `uncertified_reason`."
    ),
)
def add_facilitator(request: HttpRequest, event_id: int, payload: FacilitatorIn):
    event = _changing(request, event_id)
    user = request.auth
    person = staff = None
    if payload.person_id is not None:
        person = _lookup(
            "person_id", lambda: people_queries.get_person_for_user(user, payload.person_id)
        )
    if payload.user_id is not None:
        staff = User.objects.filter(
            pk=payload.user_id,
            is_active=True,
            memberships__organisation__in=rules.owners_for(user),
        ).first()
        if staff is None:
            raise ValidationFailed(field_errors={"user_id": [_("No such staff member.")]})
    facilitator = services.add_facilitator(
        event=event,
        person=person,
        user=staff,
        uncertified_reason=payload.uncertified_reason,
        by=user,
    )
    return Status(
        201,
        {
            "id": facilitator.pk,
            "person_id": facilitator.person_id,
            "user_id": facilitator.user_id,
            "uncertified_reason": facilitator.uncertified_reason,
        },
    )


@router.put(
    "/events/{event_id}/attendance",
    response=EventDetailOut,
    summary="Record attendance",
    description="For each participant listed, the session days they were present.",
)
def record_attendance(request: HttpRequest, event_id: int, payload: AttendanceIn):
    event = _changing(request, event_id)
    services.record_attendance(event=event, present=payload.present, by=request.auth)
    return _detail(request.auth, event)


@router.put(
    "/participants/{participant_id}/scores",
    response=ParticipantOut,
    summary="Record pre- and post-test scores",
)
def record_scores(request: HttpRequest, participant_id: int, payload: ScoresIn):
    participant = queries.get_participant_for_user(request.auth, participant_id)
    if not rules.may_change(request.auth, participant.event):
        raise PermissionDenied()
    participant = services.record_scores(
        participant=participant,
        pre_score=payload.pre_score,
        post_score=payload.post_score,
        by=request.auth,
    )
    return _participant(participant)


@router.post(
    "/participants/{participant_id}/certificate",
    response=ParticipantOut,
    summary="Issue a certificate",
    description="Only to a participant who completed; the answer carries its code.",
)
def issue_certificate(request: HttpRequest, participant_id: int):
    participant = queries.get_participant_for_user(request.auth, participant_id)
    if not rules.may_change(request.auth, participant.event):
        raise PermissionDenied()
    return _participant(services.issue_certificate(participant=participant, by=request.auth))


def _cascade(result) -> dict:
    generations = []
    for number in (1, 2, 3):
        counts = queries.breakdown(result.generation(number))
        generations.append(
            {
                "generation": number,
                "people": counts.total,
                "by_sex": dict(counts.by_sex),
                "by_nationality": dict(counts.by_nationality),
            }
        )
    return {"generations": generations, "total": len(result.people)}


@router.get(
    "/events/{event_id}/cascade",
    response=CascadeOut,
    summary="The cascade of a training of trainers",
)
def tot_cascade(request: HttpRequest, event_id: int):
    event = queries.get_event_for_user(request.auth, event_id)
    if event.kind != EventKind.TOT:
        raise NotFound()
    return _cascade(queries.tot_reach(request.auth, event))


@router.get(
    "/trainers/{person_id}/cascade", response=CascadeOut, summary="The cascade of a trainer"
)
def trainer_cascade(request: HttpRequest, person_id: int):
    _require_reader(request)
    if not queries.trainers_for(request.auth).filter(person_id=person_id).exists():
        raise NotFound()
    return _cascade(queries.trainer_reach(request.auth, person_id))
