"""API shapes of the employment unit's records. Related records travel as ids, occupations as
ISCO-08 codes, skills and checklist items as the codes of `reference`, money as decimal strings."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from . import queries
from .models import (
    AwarenessSession,
    CounsellingSession,
    Currency,
    Employer,
    FarmVisit,
    FollowUp,
    JobSeeker,
    PermitSector,
    Placement,
    Referral,
    Vacancy,
    WagePeriod,
)

OWNER = Field(
    None,
    description=(
        "Employment unit (organisation id); required when you may add records for more than one"
    ),
)
PAGE = "Pages never count the whole table: follow `next_offset` (null on the last page)."


class Page(Schema):
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last page")


class Stamped(Schema):
    id: int
    owner: int = Field(description="Owning employment unit (organisation id)")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_owner(obj) -> int:
        return obj.owner_id


# ---- Employers, workplaces, visits --------------------------------------------------------


class WorkplaceOut(Schema):
    id: int
    employer: int
    name: str
    governorate: int
    district: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    address: str

    @staticmethod
    def resolve_employer(obj) -> int:
        return obj.employer_id

    @staticmethod
    def resolve_governorate(obj) -> int:
        return obj.governorate_id

    @staticmethod
    def resolve_district(obj) -> int | None:
        return obj.district_id


class WorkplaceIn(Schema):
    name: str = Field(max_length=200)
    governorate: int | None = Field(None, description="Defaults to the employer's")
    district: int | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    address: str = Field("", max_length=300)


class WorkplacePatchIn(Schema):
    name: str | None = Field(None, max_length=200)
    governorate: int | None = None
    district: int | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    address: str | None = Field(None, max_length=300)


class EmployerOut(Stamped):
    kind: Employer.Kind
    name_ar: str
    name_en: str
    owner_name: str
    sector: str = Field(description="ISIC Rev.4 section, A to U")
    size: str
    contact_name: str
    phone: str = Field(description="E.164")
    governorate: int
    district: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    address: str
    notes: str

    @staticmethod
    def resolve_governorate(obj) -> int:
        return obj.governorate_id

    @staticmethod
    def resolve_district(obj) -> int | None:
        return obj.district_id


class EmployerDetailOut(EmployerOut):
    workplaces: list[WorkplaceOut]

    @staticmethod
    def resolve_workplaces(obj: Employer) -> list:
        return list(queries.workplaces_of(obj))


class EmployerListOut(Page):
    items: list[EmployerOut]


class EmployerIn(Schema):
    owner: int | None = OWNER
    kind: Employer.Kind
    name_ar: str = Field("", max_length=200)
    name_en: str = Field("", max_length=200)
    owner_name: str = Field("", max_length=200)
    sector: str = Field(max_length=1, description="ISIC Rev.4 section, A to U")
    size: Employer.Size | None = None
    contact_name: str = Field("", max_length=200)
    phone: str = Field("", max_length=30, description="E.164, or a local number of the country")
    governorate: int
    district: int | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    address: str = Field("", max_length=300)
    notes: str = Field("", max_length=5000)


class EmployerPatchIn(Schema):
    """Only the fields sent are changed."""

    kind: Employer.Kind | None = None
    name_ar: str | None = Field(None, max_length=200)
    name_en: str | None = Field(None, max_length=200)
    owner_name: str | None = Field(None, max_length=200)
    sector: str | None = Field(None, max_length=1)
    size: Employer.Size | None = None
    contact_name: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=30)
    governorate: int | None = None
    district: int | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    address: str | None = Field(None, max_length=300)
    notes: str | None = Field(None, max_length=5000)


OSH_DESCRIPTION = 'Checklist item code → "yes", "no" or "na"; items not checked are left out'


class VisitOut(Stamped):
    employer: int
    workplace: int | None
    date: datetime.date
    purpose: FarmVisit.Purpose
    staff: list[int] = Field(description="User ids")
    findings: str
    osh_checklist: dict[str, str] = Field(description=OSH_DESCRIPTION)
    next_steps: str

    @staticmethod
    def resolve_employer(obj) -> int:
        return obj.employer_id

    @staticmethod
    def resolve_workplace(obj) -> int | None:
        return obj.workplace_id

    @staticmethod
    def resolve_staff(obj: FarmVisit) -> list[int]:
        return sorted(user.pk for user in obj.staff.all())


class VisitListOut(Page):
    items: list[VisitOut]


class VisitIn(Schema):
    employer: int
    workplace: int | None = None
    date: datetime.date
    purpose: FarmVisit.Purpose
    staff: list[int] = Field(description="User ids; defaults to you", default_factory=list)
    findings: str = Field("", max_length=5000)
    osh_checklist: dict[str, str] = Field(default_factory=dict, description=OSH_DESCRIPTION)
    next_steps: str = Field("", max_length=5000)


class VisitPatchIn(Schema):
    workplace: int | None = None
    date: datetime.date | None = None
    purpose: FarmVisit.Purpose | None = None
    staff: list[int] | None = None
    findings: str | None = Field(None, max_length=5000)
    osh_checklist: dict[str, str] | None = Field(None, description=OSH_DESCRIPTION)
    next_steps: str | None = Field(None, max_length=5000)


# ---- Vacancies ----------------------------------------------------------------------------


class VacancyOut(Stamped):
    employer: int
    workplace: int | None
    title: str
    occupation: str = Field(description="ISCO-08 unit group code")
    positions: int
    filled: int = Field(description="Placements made, counted")
    start_date: datetime.date
    end_date: datetime.date | None
    wage: Decimal
    wage_period: WagePeriod
    currency: Currency
    hours_per_day: Decimal
    days_per_week: int
    skills: list[str]
    min_experience_years: int
    work_permit_required: bool
    permit_sector: str
    facilities: list[str] = Field(
        description="Of transport, childcare, separate_sanitation, women_in_team"
    )
    description: str
    status: Vacancy.Status

    @staticmethod
    def resolve_employer(obj) -> int:
        return obj.employer_id

    @staticmethod
    def resolve_workplace(obj) -> int | None:
        return obj.workplace_id

    @staticmethod
    def resolve_occupation(obj: Vacancy) -> str:
        return obj.occupation.code


class VacancyListOut(Page):
    items: list[VacancyOut]


FACILITY_FIELDS = {
    "offers_transport": "Transport provided",
    "offers_childcare": "Childcare provided",
    "separate_sanitation": "Separate toilets for women and men",
    "women_in_team": "Women in the team",
}


class VacancyIn(Schema):
    employer: int
    workplace: int | None = None
    title: str = Field("", max_length=200)
    occupation: str = Field(description="ISCO-08 unit group code, e.g. 9211")
    positions: int
    start_date: datetime.date
    end_date: datetime.date | None = None
    wage: Decimal
    wage_period: WagePeriod
    currency: Currency = Currency.JOD
    hours_per_day: Decimal
    days_per_week: int = 6
    skills: list[str] = Field(default_factory=list, description="Skill codes")
    min_experience_years: int = 0
    work_permit_required: bool = False
    permit_sector: PermitSector | None = None
    offers_transport: bool = False
    offers_childcare: bool = False
    separate_sanitation: bool = False
    women_in_team: bool = False
    description: str = Field("", max_length=5000)


class VacancyPatchIn(Schema):
    workplace: int | None = None
    title: str | None = Field(None, max_length=200)
    occupation: str | None = None
    positions: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    wage: Decimal | None = None
    wage_period: WagePeriod | None = None
    currency: Currency | None = None
    hours_per_day: Decimal | None = None
    days_per_week: int | None = None
    skills: list[str] | None = None
    min_experience_years: int | None = None
    work_permit_required: bool | None = None
    permit_sector: PermitSector | None = None
    offers_transport: bool | None = None
    offers_childcare: bool | None = None
    separate_sanitation: bool | None = None
    women_in_team: bool | None = None
    description: str | None = Field(None, max_length=5000)


# ---- Job seekers --------------------------------------------------------------------------


class JobSeekerOut(Stamped):
    person: int
    occupations: list[str] = Field(description="ISCO-08 unit group codes")
    skills: list[str]
    experience_years: int
    preferred_governorates: list[int]
    max_travel_km: int
    available_from: datetime.date | None
    available_until: datetime.date | None
    expected_wage: Decimal | None
    expected_wage_period: WagePeriod
    currency: Currency
    work_permit_status: JobSeeker.PermitStatus
    work_permit_sector: str
    needs: list[str] = Field(
        description="Of transport, childcare, separate_sanitation, women_in_team"
    )
    notes: str

    @staticmethod
    def resolve_person(obj) -> int:
        return obj.person_id

    @staticmethod
    def resolve_occupations(obj: JobSeeker) -> list[str]:
        return sorted(o.code for o in obj.occupations.all())

    @staticmethod
    def resolve_preferred_governorates(obj: JobSeeker) -> list[int]:
        return sorted(g.pk for g in obj.preferred_governorates.all())


class JobSeekerListOut(Page):
    items: list[JobSeekerOut]


class JobSeekerIn(Schema):
    person: int = Field(description="Registry person id; the person must be active")
    owner: int | None = Field(None, description="Employment unit; the person's own by default")
    occupations: list[str] = Field(description="ISCO-08 unit group codes sought")
    skills: list[str] = Field(default_factory=list)
    experience_years: int = 0
    preferred_governorates: list[int] = Field(default_factory=list)
    max_travel_km: int = 25
    available_from: datetime.date | None = None
    available_until: datetime.date | None = None
    expected_wage: Decimal | None = None
    expected_wage_period: WagePeriod = WagePeriod.DAILY
    currency: Currency = Currency.JOD
    work_permit_status: JobSeeker.PermitStatus = JobSeeker.PermitStatus.NONE
    work_permit_sector: PermitSector | None = None
    needs_transport: bool = False
    needs_childcare: bool = False
    needs_separate_sanitation: bool = False
    needs_women_in_team: bool = False
    notes: str = Field("", max_length=5000)


class JobSeekerPatchIn(Schema):
    occupations: list[str] | None = None
    skills: list[str] | None = None
    experience_years: int | None = None
    preferred_governorates: list[int] | None = None
    max_travel_km: int | None = None
    available_from: datetime.date | None = None
    available_until: datetime.date | None = None
    expected_wage: Decimal | None = None
    expected_wage_period: WagePeriod | None = None
    currency: Currency | None = None
    work_permit_status: JobSeeker.PermitStatus | None = None
    work_permit_sector: PermitSector | None = None
    needs_transport: bool | None = None
    needs_childcare: bool | None = None
    needs_separate_sanitation: bool | None = None
    needs_women_in_team: bool | None = None
    notes: str | None = Field(None, max_length=5000)


class CounsellingOut(Stamped):
    job_seeker: int
    date: datetime.date
    counsellor: int
    topics: list[CounsellingSession.Topic]
    notes: str
    action_plan: str

    @staticmethod
    def resolve_job_seeker(obj) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_counsellor(obj) -> int:
        return obj.counsellor_id


class CounsellingIn(Schema):
    date: datetime.date
    topics: list[CounsellingSession.Topic]
    notes: str = Field("", max_length=5000)
    action_plan: str = Field("", max_length=5000)


# ---- Referrals, placements, follow-ups ----------------------------------------------------


class ReferralOut(Stamped):
    job_seeker: int
    vacancy: int
    referred_on: datetime.date
    status: Referral.Status
    status_on: datetime.date
    note: str
    placement: int | None

    @staticmethod
    def resolve_job_seeker(obj) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_vacancy(obj) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_placement(obj: Referral) -> int | None:
        return getattr(getattr(obj, "placement", None), "pk", None)


class ReferralListOut(Page):
    items: list[ReferralOut]


class ReferralIn(Schema):
    job_seeker: int
    vacancy: int
    referred_on: datetime.date | None = Field(None, description="Today by default")
    note: str = Field("", max_length=500)


class ReferralPatchIn(Schema):
    """A hire is recorded by creating a placement, never by setting "hired" here."""

    status: Referral.Status
    on: datetime.date | None = Field(None, description="Today by default")
    note: str | None = Field(None, max_length=500)


class FollowUpOut(Schema):
    id: int
    checkpoint: FollowUp.Checkpoint
    date: datetime.date
    still_employed: bool
    reason: str
    note: str


class FollowUpIn(Schema):
    checkpoint: FollowUp.Checkpoint = Field(description="1 or 3 (months)")
    date: datetime.date
    still_employed: bool
    reason: FollowUp.Reason | None = Field(None, description="Required when not employed")
    note: str = Field("", max_length=500)


class PlacementOut(Stamped):
    referral: int
    vacancy: int
    job_seeker: int
    start_date: datetime.date
    end_date: datetime.date | None
    contract_type: Placement.ContractType
    wage: Decimal
    wage_period: WagePeriod
    currency: Currency
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_referral(obj) -> int:
        return obj.referral_id

    @staticmethod
    def resolve_vacancy(obj) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_job_seeker(obj) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_follow_ups(obj: Placement) -> list:
        return sorted(obj.follow_ups.all(), key=lambda f: f.checkpoint)


class PlacementListOut(Page):
    items: list[PlacementOut]


class PlacementIn(Schema):
    referral: int = Field(description="A referral that is referred or interviewed")
    start_date: datetime.date
    end_date: datetime.date | None = None
    contract_type: Placement.ContractType
    wage: Decimal
    wage_period: WagePeriod
    currency: Currency = Currency.JOD


class PlacementPatchIn(Schema):
    end_date: datetime.date | None = None
    contract_type: Placement.ContractType | None = None
    wage: Decimal | None = None
    wage_period: WagePeriod | None = None
    currency: Currency | None = None


# ---- Awareness sessions -------------------------------------------------------------------


class HeadCountIO(Schema):
    sex: str = Field(description="female or male")
    nationality: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2")
    count: int = Field(ge=0)


class AwarenessOut(Stamped):
    topic: AwarenessSession.Topic
    topic_detail: str
    date: datetime.date
    governorate: int
    district: int | None
    venue: str
    facilitator: str
    participants: list[int] = Field(description="Registered persons' ids")
    head_counts: list[HeadCountIO] = Field(description="Participants who were not registered")
    notes: str

    @staticmethod
    def resolve_governorate(obj) -> int:
        return obj.governorate_id

    @staticmethod
    def resolve_district(obj) -> int | None:
        return obj.district_id

    @staticmethod
    def resolve_participants(obj: AwarenessSession) -> list[int]:
        return sorted(p.pk for p in obj.participants.all())

    @staticmethod
    def resolve_head_counts(obj: AwarenessSession) -> list[dict]:
        return [
            {"sex": h.sex, "nationality": h.nationality, "count": h.count}
            for h in sorted(obj.head_counts.all(), key=lambda h: (h.nationality, h.sex))
        ]


class AwarenessListOut(Page):
    items: list[AwarenessOut]


class AwarenessIn(Schema):
    owner: int | None = OWNER
    topic: AwarenessSession.Topic
    topic_detail: str = Field("", max_length=200, description="Required when topic is other")
    date: datetime.date
    governorate: int
    district: int | None = None
    venue: str = Field(max_length=200)
    facilitator: str = Field(max_length=200)
    participants: list[int] = Field(default_factory=list, description="Registered persons' ids")
    head_counts: list[HeadCountIO] = Field(default_factory=list)
    notes: str = Field("", max_length=5000)


class AwarenessPatchIn(Schema):
    """Only the fields sent are changed; `participants` and `head_counts` replace the lists."""

    topic: AwarenessSession.Topic | None = None
    topic_detail: str | None = Field(None, max_length=200)
    date: datetime.date | None = None
    governorate: int | None = None
    district: int | None = None
    venue: str | None = Field(None, max_length=200)
    facilitator: str | None = Field(None, max_length=200)
    participants: list[int] | None = None
    head_counts: list[HeadCountIO] | None = None
    notes: str | None = Field(None, max_length=5000)
