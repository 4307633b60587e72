"""Scoped reads of the employment unit's records, for the web pages, the API and indicators.

Every read goes through `accounts.scoping`: a record is visible when its owning employment unit
is in the user's reach. List queries come with what a list row shows already joined, so their
query count does not grow with the rows (tests pin it).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation, User
from taawon.geo.models import Governorate
from taawon.people import queries as people_queries
from taawon.people.models import Person

from . import labour_demand, reference
from .labour_demand import CropArea
from .models import (
    AwarenessHeadCount,
    AwarenessSession,
    Campaign,
    CampaignAssignment,
    CounsellingSession,
    CropCalendar,
    Employer,
    FarmCrop,
    FarmVisit,
    FollowUp,
    JobSeeker,
    Placement,
    Referral,
    Vacancy,
    Workplace,
)

READ, CHANGE = scoping.READ, scoping.CHANGE
# Days after a placement's start when each follow-up falls due.
FOLLOW_UP_DAYS = {FollowUp.Checkpoint.ONE_MONTH: 30, FollowUp.Checkpoint.THREE_MONTHS: 91}
STAFF_ROLES = (
    Membership.Role.ADMINISTRATOR,
    Membership.Role.MANAGER,
    Membership.Role.COUNSELLOR,
    Membership.Role.DATA_CLERK,
)


def _by_name(prefix: str = "") -> Coalesce:
    # A record with an Arabic name only still sorts by its name.
    return Coalesce(NullIf(f"{prefix}name_en", Value("")), f"{prefix}name_ar")


# ---- Who may do what ----------------------------------------------------------------------


def unit_choices(user: User) -> QuerySet[Organisation]:
    """Employment units `user` may add records for (owner pickers)."""
    return (
        scoping.organisations(user, CHANGE, domain="employment")
        .filter(kind=Organisation.Kind.EMPLOYMENT_UNIT)
        .order_by("name_en")
    )


def may_add(user: User) -> bool:
    return unit_choices(user).exists()


def may_read(user: User) -> bool:
    return not scoping.reach(user, READ, domain="employment").empty


def can_change(user: User, obj) -> bool:
    return scoping.can(user, CHANGE, obj)


def staff_choices(owner_id: int, user: User) -> QuerySet[User]:
    """Who can be named as visit staff: the unit's and its cooperative's staff, and `user`."""
    unit = Organisation.objects.filter(pk=owner_id).only("parent_id").first()
    organisations = [owner_id] + ([unit.parent_id] if unit and unit.parent_id else [])
    staff = Membership.objects.filter(
        organisation_id__in=organisations, role__in=STAFF_ROLES, user__is_active=True
    ).values("user_id")
    return User.objects.filter(Q(pk__in=staff) | Q(pk=user.pk)).order_by(
        "first_name", "last_name", "username"
    )


# ---- Employers, workplaces, visits --------------------------------------------------------


def employer_list(
    user: User,
    *,
    q: str = "",
    kind: str = "",
    sector: str = "",
    governorate: int | None = None,
) -> QuerySet[Employer]:
    """Employers `user` may read, by name, with their place, unit and open vacancies counted."""
    qs = scoping.scope(Employer.objects.all(), user)
    q = " ".join((q or "").split())
    if q:
        qs = qs.filter(
            Q(name_ar__icontains=q) | Q(name_en__icontains=q) | Q(owner_name__icontains=q)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if sector:
        qs = qs.filter(sector=sector)
    if governorate:
        qs = qs.filter(governorate_id=governorate)
    return (
        qs.select_related("governorate", "district", "owner")
        .annotate(
            open_vacancies=Count("vacancies", filter=Q(vacancies__status=Vacancy.Status.OPEN))
        )
        .order_by(_by_name(), "pk")
    )


def get_employer_for_user(user: User, pk, action: str = READ) -> Employer:
    qs = Employer.objects.select_related(
        "governorate", "district", "owner", "created_by", "updated_by"
    )
    return scoping.get_scoped_or_404(qs, user, pk, action)


def workplaces_of(employer: Employer) -> QuerySet[Workplace]:
    return employer.workplaces.select_related("governorate", "district").order_by("name", "pk")


def get_workplace_for_user(user: User, pk, action: str = READ) -> Workplace:
    qs = Workplace.objects.select_related("employer", "employer__owner", "governorate", "district")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def visit_list(
    user: User, *, employer: Employer | None = None, purpose: str = ""
) -> QuerySet[FarmVisit]:
    qs = scoping.scope(FarmVisit.objects.all(), user)
    if employer is not None:
        qs = qs.filter(employer=employer)
    if purpose:
        qs = qs.filter(purpose=purpose)
    return (
        qs.select_related("employer", "employer__governorate", "workplace", "owner")
        .prefetch_related("staff")
        .order_by("-date", "-pk")
    )


def get_visit_for_user(user: User, pk, action: str = READ) -> FarmVisit:
    qs = FarmVisit.objects.select_related(
        "employer", "workplace", "owner", "created_by"
    ).prefetch_related("staff")
    return scoping.get_scoped_or_404(qs, user, pk, action)


# ---- Vacancies ----------------------------------------------------------------------------


def _with_filled(qs: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return qs.annotate(filled=Count("placements", distinct=True))


def vacancy_list(
    user: User,
    *,
    status: str = "",
    occupation: str = "",
    governorate: int | None = None,
    employer: Employer | None = None,
    q: str = "",
) -> QuerySet[Vacancy]:
    """Vacancies `user` may read, newest first, with positions filled counted (`filled`).

    `occupation` is an ISCO-08 code of any level: "92" finds every unit group under it. A
    vacancy is in the governorate of its workplace, or of its employer when it has none.
    """
    qs = scoping.scope(Vacancy.objects.all(), user)
    if status:
        qs = qs.filter(status=status)
    if occupation:
        qs = qs.filter(occupation__code__startswith=occupation.strip())
    if governorate:
        qs = qs.filter(
            Q(workplace__governorate_id=governorate)
            | Q(workplace__isnull=True, employer__governorate_id=governorate)
        )
    if employer is not None:
        qs = qs.filter(employer=employer)
    q = " ".join((q or "").split())
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(employer__name_en__icontains=q)
            | Q(employer__name_ar__icontains=q)
        )
    return _with_filled(
        qs.select_related(
            "employer",
            "employer__governorate",
            "workplace",
            "workplace__governorate",
            "occupation",
            "owner",
        )
    ).order_by("-start_date", "-pk")


def get_vacancy_for_user(user: User, pk, action: str = READ) -> Vacancy:
    qs = _with_filled(
        Vacancy.objects.select_related(
            "employer",
            "employer__governorate",
            "workplace",
            "workplace__governorate",
            "occupation",
            "owner",
            "created_by",
        )
    )
    return scoping.get_scoped_or_404(qs, user, pk, action)


def referrals_of_vacancy(user: User, vacancy: Vacancy) -> QuerySet[Referral]:
    qs = scoping.scope(Referral.objects.filter(vacancy=vacancy), user)
    return qs.select_related(
        "job_seeker", "job_seeker__person", "placement", "created_by"
    ).order_by("-referred_on", "-pk")


def open_vacancies_for(user: User, job_seeker: JobSeeker) -> QuerySet[Vacancy]:
    """Open vacancies `user` may refer `job_seeker` to, those in an occupation the person seeks
    first, and without those already referred to."""
    sought = job_seeker.occupations.values("pk")
    already = Referral.objects.filter(job_seeker=job_seeker, vacancy=OuterRef("pk"))
    qs = scoping.scope(Vacancy.objects.filter(status=Vacancy.Status.OPEN), user, CHANGE)
    return (
        qs.exclude(Exists(already))
        .select_related("employer", "occupation")
        .annotate(
            fits=Case(When(occupation__in=sought, then=1), default=0, output_field=IntegerField())
        )
        .order_by("-fits", "-start_date", "-pk")
    )


# ---- Job seekers and counselling ----------------------------------------------------------


def job_seeker_list(
    user: User,
    *,
    q: str = "",
    occupation: str = "",
    governorate: int | None = None,
    placed: bool | None = None,
) -> QuerySet[JobSeeker]:
    """Job seekers `user` may read, newest first; `q` searches the person's names as the
    registry does, `governorate` is where the person lives."""
    qs = scoping.scope(JobSeeker.objects.all(), user)
    q = (q or "").strip()
    if q:
        qs = qs.filter(person__in=people_queries.search(Person.objects.all(), q).values("pk"))
    if occupation:
        qs = qs.filter(
            Exists(
                JobSeeker.occupations.through.objects.filter(
                    jobseeker_id=OuterRef("pk"), occupation__code__startswith=occupation.strip()
                )
            )
        )
    if governorate:
        qs = qs.filter(person__governorate_id=governorate)
    if placed is not None:
        hired = Placement.objects.filter(job_seeker=OuterRef("pk"))
        qs = qs.filter(Exists(hired)) if placed else qs.exclude(Exists(hired))
    return (
        qs.select_related("person", "person__governorate", "owner")
        .prefetch_related("occupations")
        .annotate(placements_count=Count("placements", distinct=True))
        .order_by("-pk")
    )


def get_job_seeker_for_user(user: User, pk, action: str = READ) -> JobSeeker:
    qs = JobSeeker.objects.select_related(
        "person", "person__governorate", "person__district", "owner", "created_by"
    ).prefetch_related("occupations", "preferred_governorates")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def job_seeker_of(user: User, person: Person) -> JobSeeker | None:
    """The person's job seeker profile if `user` may read it; None otherwise."""
    qs = scoping.scope(JobSeeker.objects.filter(person=person), user)
    return qs.prefetch_related("occupations").first()


def counselling_of(job_seeker: JobSeeker) -> QuerySet[CounsellingSession]:
    return job_seeker.counselling_sessions.select_related("counsellor").order_by("-date", "-pk")


def referrals_of_job_seeker(user: User, job_seeker: JobSeeker) -> QuerySet[Referral]:
    qs = scoping.scope(Referral.objects.filter(job_seeker=job_seeker), user)
    return qs.select_related(
        "vacancy", "vacancy__employer", "vacancy__occupation", "placement"
    ).order_by("-referred_on", "-pk")


def referable_job_seekers(user: User, vacancy: Vacancy) -> QuerySet[JobSeeker]:
    """Job seekers `user` may refer to `vacancy`: active persons not yet referred to it,
    those seeking its occupation first."""
    already = Referral.objects.filter(vacancy=vacancy, job_seeker=OuterRef("pk"))
    fits = JobSeeker.occupations.through.objects.filter(
        jobseeker_id=OuterRef("pk"), occupation_id=vacancy.occupation_id
    )
    qs = scoping.scope(
        JobSeeker.objects.filter(person__status=Person.Status.ACTIVE, owner_id=vacancy.owner_id),
        user,
    )
    return (
        qs.exclude(Exists(already))
        .select_related("person")
        .annotate(fits=Exists(fits))
        .order_by("-fits", "-pk")
    )


# ---- Referrals, placements, follow-ups ----------------------------------------------------


def get_referral_for_user(user: User, pk, action: str = READ) -> Referral:
    qs = Referral.objects.select_related(
        "job_seeker", "job_seeker__person", "vacancy", "vacancy__employer", "vacancy__occupation"
    )
    return scoping.get_scoped_or_404(qs, user, pk, action)


def placement_list(
    user: User, *, follow_up_due: bool = False, today: datetime.date | None = None
) -> QuerySet[Placement]:
    """Placements `user` may read, latest start first, with their follow-ups fetched.

    `follow_up_due`: only those whose 1- or 3-month follow-up is due by `today` and missing.
    """
    qs = scoping.scope(Placement.objects.all(), user)
    if follow_up_due:
        today = today or datetime.date.today()
        due = Q()
        for checkpoint, days in FOLLOW_UP_DAYS.items():
            done = FollowUp.objects.filter(placement=OuterRef("pk"), checkpoint=checkpoint)
            due |= Q(start_date__lte=today - datetime.timedelta(days=days)) & ~Exists(done)
        qs = qs.filter(due)
    return (
        qs.select_related(
            "job_seeker",
            "job_seeker__person",
            "vacancy",
            "vacancy__employer",
            "vacancy__occupation",
        )
        .prefetch_related("follow_ups")
        .order_by("-start_date", "-pk")
    )


def get_placement_for_user(user: User, pk, action: str = READ) -> Placement:
    qs = Placement.objects.select_related(
        "job_seeker",
        "job_seeker__person",
        "vacancy",
        "vacancy__employer",
        "vacancy__occupation",
        "referral",
        "owner",
        "created_by",
    ).prefetch_related("follow_ups")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def follow_ups_missing(placement: Placement) -> list[int]:
    """Checkpoints not yet recorded for `placement`, in order."""
    done = {f.checkpoint for f in placement.follow_ups.all()}
    return [c for c in FollowUp.Checkpoint.values if c not in done]


def referral_list(user: User, *, status: str = "") -> QuerySet[Referral]:
    qs = scoping.scope(Referral.objects.all(), user)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related(
        "job_seeker", "job_seeker__person", "vacancy", "vacancy__employer", "vacancy__occupation"
    ).order_by("-referred_on", "-pk")


# ---- Awareness sessions -------------------------------------------------------------------


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


def get_person_for_user(user: User, pk, action: str = READ) -> Person:
    """A registry person `user` may read (for a new job seeker profile or a participant)."""
    try:
        return people_queries.get_person_for_user(user, pk, action)
    except (ValueError, TypeError):
        raise Http404 from None


# ---- The unit at a glance -----------------------------------------------------------------


@dataclass
class Overview:
    employers: int
    visits: int
    open_vacancies: int
    positions_open: int
    job_seekers: int
    placed: int
    placements: int
    follow_ups_due: int
    awareness_sessions: int


def overview(user: User, *, today: datetime.date | None = None) -> Overview:
    """Counts of what `user` may read, the figures the programme reports on."""
    vacancies = scoping.scope(Vacancy.objects.filter(status=Vacancy.Status.OPEN), user)
    # An open vacancy has fewer placements than positions, so the difference of the sums is
    # the positions left.
    positions = vacancies.aggregate(total=Coalesce(Sum("positions"), 0))["total"]
    taken = Placement.objects.filter(vacancy__in=vacancies).count()
    placements = scoping.scope(Placement.objects.all(), user)
    return Overview(
        employers=scoping.scope(Employer.objects.all(), user).count(),
        visits=scoping.scope(FarmVisit.objects.all(), user).count(),
        open_vacancies=vacancies.count(),
        positions_open=positions - taken,
        job_seekers=scoping.scope(JobSeeker.objects.all(), user).count(),
        placed=placements.values("job_seeker").distinct().count(),
        placements=placements.count(),
        follow_ups_due=placement_list(user, follow_up_due=True, today=today).count(),
        awareness_sessions=scoping.scope(AwarenessSession.objects.all(), user).count(),
    )


def find_people(user: User, q: str, *, exclude: set[int], limit: int = 10) -> list[Person]:
    """Active registry persons `user` may read whose names match `q` (participant search)."""
    found = people_queries.person_list(user, q=q).exclude(pk__in=sorted(exclude))
    return list(found[:limit])


# ---- Seasonal campaigns -------------------------------------------------------------------


def campaign_list(user: User) -> QuerySet[Campaign]:
    qs = scoping.scope(Campaign.objects.all(), user)
    return (
        qs.select_related("owner")
        .annotate(
            vacancy_count=Count("vacancies", distinct=True),
            assigned=Count("assignments", distinct=True),
        )
        .order_by("-pk")
    )


def get_campaign_for_user(user: User, pk, action: str = READ) -> Campaign:
    qs = Campaign.objects.select_related("owner", "created_by", "updated_by")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def campaign_vacancies(campaign: Campaign) -> QuerySet[Vacancy]:
    return _with_filled(
        campaign.vacancies.select_related("employer", "workplace", "occupation")
    ).order_by("employer__name_en", "pk")


def campaign_vacancy_choices(user: User) -> QuerySet[Vacancy]:
    """Open vacancies `user` may put in a campaign."""
    qs = scoping.scope(Vacancy.objects.filter(status=Vacancy.Status.OPEN), user, CHANGE)
    return qs.select_related("employer", "occupation").order_by("-start_date", "-pk")


def assignments_of(campaign: Campaign) -> QuerySet[CampaignAssignment]:
    return campaign.assignments.select_related(
        "job_seeker__person", "vacancy__employer", "vacancy__occupation", "referral"
    ).order_by("vacancy__employer__name_en", "vacancy_id", "-score", "job_seeker_id")


@dataclass
class CampaignTotals:
    positions: int
    assigned: int
    women: int
    refugees: int
    referred: int
    skipped: int
    mean_score: float | None

    @property
    def fill_rate(self) -> float:
        return self.assigned / self.positions if self.positions else 0.0

    @property
    def women_share(self) -> float:
        return self.women / self.assigned if self.assigned else 0.0

    @property
    def refugee_share(self) -> float:
        return self.refugees / self.assigned if self.assigned else 0.0


def campaign_totals(campaign: Campaign) -> CampaignTotals:
    refugee = Q(job_seeker__person__displacement_status__in=("refugee", "asylum_seeker"))
    row = campaign.assignments.aggregate(
        assigned=Count("pk"),
        women=Count("pk", filter=Q(job_seeker__person__sex="female")),
        refugees=Count("pk", filter=refugee),
        referred=Count("pk", filter=Q(referral__isnull=False)),
        skipped=Count("pk", filter=~Q(skipped_reason="")),
        mean=Avg("score"),
    )
    return CampaignTotals(
        positions=campaign.positions,
        assigned=row["assigned"],
        women=row["women"],
        refugees=row["refugees"],
        referred=row["referred"],
        skipped=row["skipped"],
        mean_score=row["mean"],
    )


# ---- Seasonal labour demand ---------------------------------------------------------------

# ISCO-08 groups of farm work: skilled agricultural workers (major group 6), agricultural
# labourers (921) and farm machinery operators (8341).
AGRICULTURE_ISCO = ("6", "921", "8341")


def crop_calendar_list(
    user: User, *, governorate: int | None = None, crop: str = ""
) -> QuerySet[CropCalendar]:
    qs = scoping.scope(CropCalendar.objects.all(), user)
    if governorate:
        qs = qs.filter(governorate_id=governorate)
    if crop:
        qs = qs.filter(crop=crop)
    return (
        qs.select_related("governorate", "owner")
        .annotate(farm_count=Count("farms", distinct=True), dunum_total=Sum("farms__dunums"))
        .order_by("governorate__name_en", "crop", "pk")
    )


def get_crop_calendar_for_user(user: User, pk, action: str = READ) -> CropCalendar:
    qs = CropCalendar.objects.select_related("governorate", "owner", "created_by")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def calendar_choices(user: User, governorate_id: int | None = None) -> QuerySet[CropCalendar]:
    """Calendars `user` may attach to a farm (of the farm's governorate when given)."""
    qs = scoping.scope(CropCalendar.objects.all(), user)
    if governorate_id:
        qs = qs.filter(governorate_id=governorate_id)
    return qs.select_related("governorate").order_by("governorate__name_en", "crop", "pk")


def farm_crop_list(user: User, *, employer: Employer | None = None) -> QuerySet[FarmCrop]:
    qs = scoping.scope(FarmCrop.objects.all(), user)
    if employer is not None:
        qs = qs.filter(employer=employer)
    return qs.select_related(
        "employer", "workplace", "calendar", "calendar__governorate", "owner"
    ).order_by(_by_name("employer__"), "pk")


def get_farm_crop_for_user(user: User, pk, action: str = READ) -> FarmCrop:
    qs = FarmCrop.objects.select_related(
        "employer", "workplace", "calendar", "calendar__governorate", "owner"
    )
    return scoping.get_scoped_or_404(qs, user, pk, action)


def crop_areas(user: User | None, *, governorate: int | None = None) -> list[CropArea]:
    """Farms' crops `user` may read (None: all, for services and tasks) as the demand
    formula's areas, placed in their calendar's governorate."""
    qs = FarmCrop.objects.all()
    if user is not None:
        qs = scoping.scope(qs, user)
    if governorate:
        qs = qs.filter(calendar__governorate_id=governorate)
    rows = qs.values_list(
        "calendar__governorate_id",
        "dunums",
        "calendar__workers_per_dunum",
        "calendar__planting_months",
        "calendar__harvest_months",
        "calendar__crop",
    )
    return [
        CropArea(place, frozenset(planting or []) | frozenset(harvest or []),
                 float(dunums * per_dunum), crop)
        for place, dunums, per_dunum, planting, harvest, crop in rows
    ]  # fmt: skip


@dataclass
class ForecastRow:
    governorate: Governorate
    workers: list[int]
    seasons: list[tuple[datetime.date, list]]
    """Seasons starting within the forecast's months: (first day, crops as reference entries,
    which print in the reader's language)."""

    @property
    def peak(self) -> int:
        return max(self.workers, default=0)


@dataclass
class Forecast:
    months: list[datetime.date]
    rows: list[ForecastRow]

    @property
    def totals(self) -> list[int]:
        return [sum(r.workers[i] for r in self.rows) for i in range(len(self.months))]


def labour_forecast(
    user: User,
    *,
    first: datetime.date | None = None,
    count: int = 12,
    governorate: int | None = None,
) -> Forecast:
    """Workers needed per governorate month by month from `first`'s month, from the farms'
    crops `user` may read (rounded up to whole workers)."""
    first = (first or datetime.date.today()).replace(day=1)
    areas = crop_areas(user, governorate=governorate)
    demand = labour_demand.forecast(areas, first, count)
    starts = labour_demand.season_starts(areas)
    months = labour_demand.months_from(first, count)
    places = Governorate.objects.in_bulk(list(demand))
    rows = []
    for place_id, workers in demand.items():
        seasons = [
            (day, [reference.crop(code) or code for code in sorted(starts[place_id][day.month])])
            for day in months
            if starts.get(place_id, {}).get(day.month)
        ]
        rows.append(ForecastRow(places[place_id], [math.ceil(w - 1e-9) for w in workers], seasons))
    rows.sort(key=lambda r: r.governorate.name_en)
    return Forecast(months, rows)


def season_candidates(
    *,
    owner_id: int,
    governorate: Governorate,
    month: datetime.date,
    today: datetime.date | None = None,
) -> QuerySet[JobSeeker]:
    """Job seekers of unit `owner_id` who could work a season starting in `governorate` in
    `month`'s month: active persons seeking farm work (AGRICULTURE_ISCO) who prefer the
    governorate, live in it or travel as far as its centre, are available that month and are
    not in a job that has not ended. Merged and archived persons are out (not active)."""
    from . import matching  # matching reads queries' neighbours; imported late

    first = month.replace(day=1)
    last = labour_demand.month_after(first) - datetime.timedelta(days=1)
    farm_work = Q()
    for prefix in AGRICULTURE_ISCO:
        farm_work |= Q(occupation__code__startswith=prefix)
    seeks_farm_work = JobSeeker.occupations.through.objects.filter(
        farm_work, jobseeker_id=OuterRef("pk")
    )
    prefers = JobSeeker.preferred_governorates.through.objects.filter(
        jobseeker_id=OuterRef("pk"), governorate_id=governorate.pk
    )
    centre = [(float(governorate.latitude), float(governorate.longitude))]
    qs = (
        JobSeeker.objects.filter(owner_id=owner_id, person__status=Person.Status.ACTIVE)
        .filter(Exists(seeks_farm_work))
        .filter(
            Exists(prefers)
            | Q(person__governorate_id=governorate.pk)
            | matching.within_travel(centre)
        )
        .filter(Q(available_from__isnull=True) | Q(available_from__lte=last))
        .filter(Q(available_until__isnull=True) | Q(available_until__gte=first))
        .exclude(matching.placed_now(today or datetime.date.today()))
    )
    return qs.select_related("person").order_by("pk")


def readable_units(user: User) -> QuerySet[Organisation]:
    """Employment units whose records `user` may read (the indicators' unit filter)."""
    return (
        scoping.organisations(user, READ, domain="employment")
        .filter(kind=Organisation.Kind.EMPLOYMENT_UNIT)
        .order_by("name_en")
    )


def get_counselling_for_user(user: User, pk, action: str = READ) -> CounsellingSession:
    qs = CounsellingSession.objects.select_related("job_seeker", "counsellor")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def get_follow_up_for_user(user: User, pk, action: str = READ) -> FollowUp:
    return scoping.get_scoped_or_404(FollowUp.objects.select_related("placement"), user, pk, action)
