"""The employment unit's REST resources, mounted at /api/v1/employment: a thin layer over the
same queries and services as the web pages. Records out of the caller's reach are 404; ids of
such records in a request body are field errors. Errors become JSON in taawon/api.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from taawon.accounts.models import Organisation, User
from taawon.core.exceptions import PermissionDenied, ValidationFailed

from .. import queries, services
from ..models import AwarenessSession, Employer, FarmVisit, Referral, Vacancy
from ..schemas import (
    PAGE,
    AwarenessIn,
    AwarenessListOut,
    AwarenessOut,
    AwarenessPatchIn,
    CounsellingIn,
    CounsellingOut,
    EmployerDetailOut,
    EmployerIn,
    EmployerListOut,
    EmployerPatchIn,
    FollowUpIn,
    FollowUpOut,
    JobSeekerIn,
    JobSeekerListOut,
    JobSeekerOut,
    JobSeekerPatchIn,
    PlacementIn,
    PlacementListOut,
    PlacementOut,
    PlacementPatchIn,
    ReferralIn,
    ReferralListOut,
    ReferralOut,
    ReferralPatchIn,
    VacancyIn,
    VacancyListOut,
    VacancyOut,
    VacancyPatchIn,
    VisitIn,
    VisitListOut,
    VisitOut,
    VisitPatchIn,
    WorkplaceIn,
    WorkplaceOut,
    WorkplacePatchIn,
)

router = Router(tags=["employment"])
CHANGE = queries.CHANGE
MAX_LIMIT = 200
LIMIT = Query(50, ge=1, le=MAX_LIMIT)
OFFSET = Query(0, ge=0)


def listing(text: str) -> str:
    """The description of a list endpoint: what it lists, then how its pages work."""
    return f"{text} {PAGE}"


def _page(qs: QuerySet, limit: int, offset: int) -> dict[str, Any]:
    rows = list(qs[offset : offset + limit + 1])
    return {
        "items": rows[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(rows) > limit else None,
    }


def _owner(user: User, owner_id: int | None) -> Organisation:
    """The unit a new record belongs to: the one asked for, or the caller's only one."""
    units = list(queries.unit_choices(user))
    if not units:
        raise PermissionDenied(_("You may not add employment records."))
    if owner_id is None:
        if len(units) == 1:
            return units[0]
        raise ValidationFailed(
            field_errors={"owner": [_("You work for several units: choose the owner.")]}
        )
    for unit in units:
        if unit.pk == owner_id:
            return unit
    raise ValidationFailed(
        field_errors={"owner": [_("You may not add records for this employment unit.")]}
    )


def _ref(load: Callable[..., Any], user: User, pk: int | None, field: str, action: str = CHANGE):
    """A record named by id in a request body, or a field error when it is out of reach."""
    if pk is None:
        return None
    try:
        return load(user, pk, action)
    except Http404:
        raise ValidationFailed(field_errors={field: [_("Unknown or out of reach.")]}) from None


def _users(ids: list[int]) -> list[User]:
    users = list(User.objects.filter(pk__in=set(ids), is_active=True))
    if len(users) != len(set(ids)):
        raise ValidationFailed(field_errors={"staff": [_("Unknown user.")]})
    return users


def _people(user: User, ids: list[int]) -> list:
    people = []
    for pk in dict.fromkeys(ids):
        try:
            people.append(queries.get_person_for_user(user, pk))
        except Http404:
            raise ValidationFailed(
                field_errors={"participants": [_("Unknown or out of reach.")]}
            ) from None
    return people


def _head_counts(rows: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["sex"], row["nationality"].upper())
        counts[key] = counts.get(key, 0) + row["count"]
    return counts


def _blank_none(data: dict[str, Any], *names: str) -> dict[str, Any]:
    # Optional choices travel as null; the services take "" for "none".
    for name in names:
        if name in data and data[name] is None:
            data[name] = ""
    return data


# ---- Employers and workplaces -------------------------------------------------------------


@router.get(
    "/employers",
    response=EmployerListOut,
    summary="List employers",
    description=listing(
        "Farms and businesses of your units, by name; `q` matches a name or the owner's "
        "name, `sector` is an ISIC Rev.4 section."
    ),
)
def list_employers(
    request: HttpRequest,
    q: str = "",
    kind: Employer.Kind | None = None,
    sector: str = "",
    governorate: int | None = None,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    qs = queries.employer_list(
        request.auth, q=q, kind=kind or "", sector=sector.upper(), governorate=governorate
    )
    return _page(qs, limit, offset)


@router.get("/employers/{int:employer_id}", response=EmployerDetailOut, summary="Read an employer")
def read_employer(request: HttpRequest, employer_id: int):
    return queries.get_employer_for_user(request.auth, employer_id)


@router.post("/employers", response={201: EmployerDetailOut}, summary="Add an employer")
def create_employer(request: HttpRequest, payload: EmployerIn):
    user = request.auth
    data = _blank_none(payload.dict(), "size")
    owner = _owner(user, data.pop("owner"))
    employer = services.register_employer(owner=owner, created_by=user, **data)
    return Status(201, queries.get_employer_for_user(user, employer.pk))


@router.patch(
    "/employers/{int:employer_id}", response=EmployerDetailOut, summary="Change an employer"
)
def update_employer(request: HttpRequest, employer_id: int, payload: EmployerPatchIn):
    user = request.auth
    employer = queries.get_employer_for_user(user, employer_id, CHANGE)
    data = _blank_none(payload.dict(exclude_unset=True), "size")
    services.update_employer(employer=employer, updated_by=user, **data)
    return queries.get_employer_for_user(user, employer.pk)


@router.post(
    "/employers/{int:employer_id}/workplaces",
    response={201: WorkplaceOut},
    summary="Add a workplace",
)
def create_workplace(request: HttpRequest, employer_id: int, payload: WorkplaceIn):
    user = request.auth
    employer = queries.get_employer_for_user(user, employer_id, CHANGE)
    return Status(201, services.add_workplace(employer=employer, created_by=user, **payload.dict()))


@router.patch("/workplaces/{int:workplace_id}", response=WorkplaceOut, summary="Change a workplace")
def update_workplace(request: HttpRequest, workplace_id: int, payload: WorkplacePatchIn):
    user = request.auth
    workplace = queries.get_workplace_for_user(user, workplace_id, CHANGE)
    return services.update_workplace(
        workplace=workplace, updated_by=user, **payload.dict(exclude_unset=True)
    )


# ---- Farm visits --------------------------------------------------------------------------


def _visit_refs(user: User, data: dict[str, Any]) -> dict[str, Any]:
    if "workplace" in data:
        workplace = _ref(queries.get_workplace_for_user, user, data["workplace"], "workplace")
        data["workplace"] = workplace
    if "staff" in data:
        data["staff"] = _users(data["staff"]) if data["staff"] else [user]
    return data


@router.get(
    "/visits",
    response=VisitListOut,
    summary="List farm visits",
    description=listing("Visits to employers of your units, newest first."),
)
def list_visits(
    request: HttpRequest,
    employer: int | None = None,
    purpose: FarmVisit.Purpose | None = None,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    user = request.auth
    employer_row = queries.get_employer_for_user(user, employer) if employer else None
    qs = queries.visit_list(user, employer=employer_row, purpose=purpose or "")
    return _page(qs, limit, offset)


@router.get("/visits/{int:visit_id}", response=VisitOut, summary="Read a farm visit")
def read_visit(request: HttpRequest, visit_id: int):
    return queries.get_visit_for_user(request.auth, visit_id)


@router.post("/visits", response={201: VisitOut}, summary="Record a farm visit")
def create_visit(request: HttpRequest, payload: VisitIn):
    """`osh_checklist` answers the items of the OSH checklist: drinking_water, toilets,
    separate_sanitation, shade_and_breaks, first_aid, protective_equipment,
    pesticide_storage, pesticide_reentry, machinery, safe_transport, working_hours,
    no_child_labour, written_terms, covid19."""
    user = request.auth
    data = payload.dict()
    employer = _ref(queries.get_employer_for_user, user, data.pop("employer"), "employer")
    data = _visit_refs(user, data)
    visit = services.record_farm_visit(employer=employer, recorded_by=user, **data)
    return Status(201, queries.get_visit_for_user(user, visit.pk))


@router.patch("/visits/{int:visit_id}", response=VisitOut, summary="Change a farm visit")
def update_visit(request: HttpRequest, visit_id: int, payload: VisitPatchIn):
    user = request.auth
    visit = queries.get_visit_for_user(user, visit_id, CHANGE)
    data = _visit_refs(user, payload.dict(exclude_unset=True))
    services.update_farm_visit(visit=visit, updated_by=user, **data)
    return queries.get_visit_for_user(user, visit.pk)


# ---- Vacancies ----------------------------------------------------------------------------


def _vacancy_data(user: User, data: dict[str, Any]) -> dict[str, Any]:
    if "workplace" in data:
        data["workplace"] = _ref(
            queries.get_workplace_for_user, user, data["workplace"], "workplace"
        )
    return _blank_none(data, "permit_sector")


@router.get(
    "/vacancies",
    response=VacancyListOut,
    summary="List vacancies",
    description=listing(
        "Vacancies of your units, latest start first, with positions `filled` counted "
        "from placements."
    ),
)
def list_vacancies(
    request: HttpRequest,
    status: Vacancy.Status | None = None,
    occupation: str = Query("", description="ISCO-08 code of any level: 92 finds 9211"),
    governorate: int | None = None,
    employer: int | None = None,
    q: str = "",
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    user = request.auth
    employer_row = queries.get_employer_for_user(user, employer) if employer else None
    qs = queries.vacancy_list(
        user,
        status=status or "",
        occupation=occupation,
        governorate=governorate,
        employer=employer_row,
        q=q,
    )
    return _page(qs, limit, offset)


@router.get("/vacancies/{int:vacancy_id}", response=VacancyOut, summary="Read a vacancy")
def read_vacancy(request: HttpRequest, vacancy_id: int):
    return queries.get_vacancy_for_user(request.auth, vacancy_id)


@router.post("/vacancies", response={201: VacancyOut}, summary="Post a vacancy")
def create_vacancy(request: HttpRequest, payload: VacancyIn):
    user = request.auth
    data = _vacancy_data(user, payload.dict())
    employer = _ref(queries.get_employer_for_user, user, data.pop("employer"), "employer")
    vacancy = services.post_vacancy(employer=employer, posted_by=user, **data)
    return Status(201, queries.get_vacancy_for_user(user, vacancy.pk))


@router.patch("/vacancies/{int:vacancy_id}", response=VacancyOut, summary="Change a vacancy")
def update_vacancy(request: HttpRequest, vacancy_id: int, payload: VacancyPatchIn):
    """Positions never drop below the placements made."""
    user = request.auth
    vacancy = queries.get_vacancy_for_user(user, vacancy_id, CHANGE)
    data = _vacancy_data(user, payload.dict(exclude_unset=True))
    services.update_vacancy(vacancy=vacancy, updated_by=user, **data)
    return queries.get_vacancy_for_user(user, vacancy.pk)


@router.post("/vacancies/{int:vacancy_id}/close", response=VacancyOut, summary="Close a vacancy")
def close_vacancy(request: HttpRequest, vacancy_id: int):
    user = request.auth
    vacancy = queries.get_vacancy_for_user(user, vacancy_id, CHANGE)
    services.close_vacancy(vacancy=vacancy, closed_by=user)
    return queries.get_vacancy_for_user(user, vacancy.pk)


@router.post("/vacancies/{int:vacancy_id}/reopen", response=VacancyOut, summary="Reopen a vacancy")
def reopen_vacancy(request: HttpRequest, vacancy_id: int):
    user = request.auth
    vacancy = queries.get_vacancy_for_user(user, vacancy_id, CHANGE)
    services.reopen_vacancy(vacancy=vacancy, reopened_by=user)
    return queries.get_vacancy_for_user(user, vacancy.pk)


# ---- Job seekers and counselling ----------------------------------------------------------


@router.get(
    "/job-seekers",
    response=JobSeekerListOut,
    summary="List job seekers",
    description=listing(
        "Job seekers of your units, newest first; `q` searches names as the registry does."
    ),
)
def list_job_seekers(
    request: HttpRequest,
    q: str = "",
    occupation: str = "",
    governorate: int | None = None,
    placed: bool | None = None,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    qs = queries.job_seeker_list(
        request.auth, q=q, occupation=occupation, governorate=governorate, placed=placed
    )
    return _page(qs, limit, offset)


@router.get("/job-seekers/{int:job_seeker_id}", response=JobSeekerOut, summary="Read a job seeker")
def read_job_seeker(request: HttpRequest, job_seeker_id: int):
    return queries.get_job_seeker_for_user(request.auth, job_seeker_id)


@router.post("/job-seekers", response={201: JobSeekerOut}, summary="Register a job seeker")
def create_job_seeker(request: HttpRequest, payload: JobSeekerIn):
    user = request.auth
    data = _blank_none(payload.dict(), "work_permit_sector")
    person = _ref(queries.get_person_for_user, user, data.pop("person"), "person", queries.READ)
    owner_id = data.pop("owner")
    owner = _owner(user, owner_id) if owner_id is not None else None
    seeker = services.register_job_seeker(person=person, owner=owner, registered_by=user, **data)
    return Status(201, queries.get_job_seeker_for_user(user, seeker.pk))


@router.patch(
    "/job-seekers/{int:job_seeker_id}", response=JobSeekerOut, summary="Change a job seeker"
)
def update_job_seeker(request: HttpRequest, job_seeker_id: int, payload: JobSeekerPatchIn):
    user = request.auth
    seeker = queries.get_job_seeker_for_user(user, job_seeker_id, CHANGE)
    data = _blank_none(payload.dict(exclude_unset=True), "work_permit_sector")
    services.update_job_seeker(job_seeker=seeker, updated_by=user, **data)
    return queries.get_job_seeker_for_user(user, seeker.pk)


@router.post(
    "/job-seekers/{int:job_seeker_id}/counselling",
    response={201: CounsellingOut},
    summary="Record a counselling session",
)
def create_counselling(request: HttpRequest, job_seeker_id: int, payload: CounsellingIn):
    user = request.auth
    seeker = queries.get_job_seeker_for_user(user, job_seeker_id, CHANGE)
    return Status(
        201,
        services.record_counselling_session(job_seeker=seeker, recorded_by=user, **payload.dict()),
    )


# ---- Referrals, placements, follow-ups ----------------------------------------------------


@router.get(
    "/referrals",
    response=ReferralListOut,
    summary="List referrals",
    description=listing("Referrals to vacancies of your units, newest first."),
)
def list_referrals(
    request: HttpRequest,
    status: Referral.Status | None = None,
    vacancy: int | None = None,
    job_seeker: int | None = None,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    qs = queries.referral_list(request.auth, status=status or "")
    if vacancy is not None:
        qs = qs.filter(vacancy_id=vacancy)
    if job_seeker is not None:
        qs = qs.filter(job_seeker_id=job_seeker)
    return _page(qs.select_related("placement"), limit, offset)


@router.get("/referrals/{int:referral_id}", response=ReferralOut, summary="Read a referral")
def read_referral(request: HttpRequest, referral_id: int):
    return queries.get_referral_for_user(request.auth, referral_id)


@router.post("/referrals", response={201: ReferralOut}, summary="Refer a job seeker")
def create_referral(request: HttpRequest, payload: ReferralIn):
    user = request.auth
    data = payload.dict()
    seeker = _ref(
        queries.get_job_seeker_for_user, user, data.pop("job_seeker"), "job_seeker", queries.READ
    )
    vacancy = _ref(queries.get_vacancy_for_user, user, data.pop("vacancy"), "vacancy")
    referral = services.refer_job_seeker(
        job_seeker=seeker, vacancy=vacancy, referred_by=user, **data
    )
    return Status(201, queries.get_referral_for_user(user, referral.pk))


@router.patch(
    "/referrals/{int:referral_id}", response=ReferralOut, summary="Change a referral's status"
)
def update_referral(request: HttpRequest, referral_id: int, payload: ReferralPatchIn):
    user = request.auth
    referral = queries.get_referral_for_user(user, referral_id, CHANGE)
    services.set_referral_status(referral=referral, changed_by=user, **payload.dict())
    return queries.get_referral_for_user(user, referral.pk)


@router.get(
    "/placements",
    response=PlacementListOut,
    summary="List placements",
    description=listing(
        "Placements of your units, latest start first; `follow_up_due` keeps those whose "
        "1- or 3-month follow-up is due and missing."
    ),
)
def list_placements(
    request: HttpRequest,
    follow_up_due: bool = False,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    return _page(queries.placement_list(request.auth, follow_up_due=follow_up_due), limit, offset)


@router.get("/placements/{int:placement_id}", response=PlacementOut, summary="Read a placement")
def read_placement(request: HttpRequest, placement_id: int):
    return queries.get_placement_for_user(request.auth, placement_id)


@router.post("/placements", response={201: PlacementOut}, summary="Place a referred job seeker")
def create_placement(request: HttpRequest, payload: PlacementIn):
    """Refused with an error on `vacancy` when the vacancy is closed or every position is
    filled; the count is taken under a lock, so two at once never overbook."""
    user = request.auth
    data = payload.dict()
    referral = _ref(queries.get_referral_for_user, user, data.pop("referral"), "referral")
    placement = services.place_job_seeker(referral=referral, placed_by=user, **data)
    return Status(201, queries.get_placement_for_user(user, placement.pk))


@router.patch(
    "/placements/{int:placement_id}", response=PlacementOut, summary="Change a placement's terms"
)
def update_placement(request: HttpRequest, placement_id: int, payload: PlacementPatchIn):
    user = request.auth
    placement = queries.get_placement_for_user(user, placement_id, CHANGE)
    services.update_placement(
        placement=placement, updated_by=user, **payload.dict(exclude_unset=True)
    )
    return queries.get_placement_for_user(user, placement.pk)


@router.post(
    "/placements/{int:placement_id}/follow-ups",
    response={201: FollowUpOut},
    summary="Record a follow-up",
)
def create_follow_up(request: HttpRequest, placement_id: int, payload: FollowUpIn):
    user = request.auth
    placement = queries.get_placement_for_user(user, placement_id, CHANGE)
    data = _blank_none(payload.dict(), "reason")
    return Status(201, services.record_follow_up(placement=placement, recorded_by=user, **data))


# ---- Awareness sessions -------------------------------------------------------------------


def _awareness_data(user: User, data: dict[str, Any]) -> dict[str, Any]:
    if "participants" in data:
        data["participants"] = _people(user, data["participants"] or [])
    if "head_counts" in data:
        data["head_counts"] = _head_counts(data["head_counts"] or [])
    return data


@router.get(
    "/awareness-sessions",
    response=AwarenessListOut,
    summary="List awareness sessions",
    description=listing("Sessions of your units, newest first."),
)
def list_awareness_sessions(
    request: HttpRequest,
    topic: AwarenessSession.Topic | None = None,
    governorate: int | None = None,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    qs = queries.awareness_list(request.auth, topic=topic or "", governorate=governorate)
    return _page(qs.prefetch_related("participants", "head_counts"), limit, offset)


@router.get(
    "/awareness-sessions/{int:session_id}",
    response=AwarenessOut,
    summary="Read an awareness session",
)
def read_awareness_session(request: HttpRequest, session_id: int):
    return queries.get_awareness_for_user(request.auth, session_id)


@router.post(
    "/awareness-sessions", response={201: AwarenessOut}, summary="Record an awareness session"
)
def create_awareness_session(request: HttpRequest, payload: AwarenessIn):
    """Participants are registered persons (`participants`), head counts by sex and
    nationality of those who were not registered (`head_counts`), or both."""
    user = request.auth
    data = _awareness_data(user, payload.dict())
    owner = _owner(user, data.pop("owner"))
    session = services.record_awareness_session(owner=owner, recorded_by=user, **data)
    return Status(201, queries.get_awareness_for_user(user, session.pk))


@router.patch(
    "/awareness-sessions/{int:session_id}",
    response=AwarenessOut,
    summary="Change an awareness session",
)
def update_awareness_session(request: HttpRequest, session_id: int, payload: AwarenessPatchIn):
    user = request.auth
    session = queries.get_awareness_for_user(user, session_id, CHANGE)
    data = _awareness_data(user, payload.dict(exclude_unset=True))
    services.update_awareness_session(session=session, updated_by=user, **data)
    return queries.get_awareness_for_user(user, session.pk)
