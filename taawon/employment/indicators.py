"""The employment units' indicators, registered with the indicator engine (taawon.indicators).

Farms visited, jobs secured, job seekers registered and placed count exactly what the unit
indicators page counts (employment/unit/indicators.py), so that the programme brief's table
comes out the same from either.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from taawon.accounts import scoping
from taawon.indicators.registry import (
    COUNT_DISTINCT,
    COUNT_PERSONS,
    COUNT_ROWS,
    EVENTS,
    PERSONS,
    SUM,
    Indicator,
    register,
)

from .awareness.models import AwarenessHeadCount
from .employers.models import Employer, FarmVisit
from .placements.models import FollowUp, Placement, Referral
from .placements.queries import under_18_at_start
from .seekers.models import CounsellingSession, JobSeeker
from .vacancies.models import Vacancy

PERSON_LIST_FILTERS = {"governorate": "governorate"}


def _job_seekers():
    return JobSeeker.objects.all()


def _sessions():
    return CounsellingSession.objects.all()


def _farm_visits():
    return FarmVisit.objects.filter(employer__kind=Employer.Kind.FARM)


def _vacancies():
    return Vacancy.objects.all()


def _referrals():
    return Referral.objects.all()


def _placements():
    return Placement.objects.all()


def _young_workers():
    return under_18_at_start(Placement.objects.all())


def _still_employed():
    return FollowUp.objects.filter(checkpoint=FollowUp.Checkpoint.THREE_MONTHS, still_employed=True)


def _head_counts():
    return AwarenessHeadCount.objects.all()


def register_indicators() -> None:
    register(
        Indicator(
            code="job_seekers_registered",
            name=_("Job seekers registered"),
            definition=_(
                "Unique persons whose job seeker profile was registered in the period "
                "(registration date); a person merged into another counts once."
            ),
            unit=PERSONS,
            rows=_job_seekers,
            date="registered_on",
            measure=COUNT_PERSONS,
            subject="person",
            governorate="person__governorate",
            list_url="employment:job_seeker_list",
            list_filters=PERSON_LIST_FILTERS,
            summarised=True,
            order=20,
        )
    )
    register(
        Indicator(
            code="counselling_sessions",
            name=_("Counselling sessions"),
            definition=_(
                "Counselling sessions held with job seekers in the period (each session once)."
            ),
            unit=EVENTS,
            rows=_sessions,
            date="date",
            measure=COUNT_ROWS,
            subject="job_seeker__person",
            governorate="job_seeker__person__governorate",
            summarised=True,
            order=30,
        )
    )
    register(
        Indicator(
            code="farms_visited",
            name=_("Farms visited"),
            definition=_(
                "Farms (employers of kind farm) with at least one visit dated in the period, "
                "each farm once however often it was visited."
            ),
            unit=EVENTS,
            rows=_farm_visits,
            date="date",
            measure=COUNT_DISTINCT,
            field="employer",
            governorate="employer__governorate",
            list_url="employment:visit_list",
            order=40,
        )
    )
    register(
        Indicator(
            code="vacancies_open",
            name=_("Vacancies opened"),
            definition=_(
                "Vacancies whose start date falls in the period, whatever their status now."
            ),
            unit=EVENTS,
            rows=_vacancies,
            date="start_date",
            measure=COUNT_ROWS,
            governorate="employer__governorate",
            list_url="employment:vacancy_list",
            list_filters={"governorate": "governorate"},
            order=50,
        )
    )
    register(
        Indicator(
            code="positions_open",
            name=_("Positions opened"),
            definition=_(
                "Positions offered by the vacancies whose start date falls in the period "
                "(the sum of their positions)."
            ),
            unit=EVENTS,
            rows=_vacancies,
            date="start_date",
            measure=SUM,
            field="positions",
            governorate="employer__governorate",
            list_url="employment:vacancy_list",
            list_filters={"governorate": "governorate"},
            order=55,
        )
    )
    register(
        Indicator(
            code="referrals",
            name=_("Referrals"),
            definition=_(
                "Referrals of job seekers to vacancies made in the period (each referral once)."
            ),
            unit=EVENTS,
            rows=_referrals,
            date="referred_on",
            measure=COUNT_ROWS,
            subject="job_seeker__person",
            governorate="job_seeker__person__governorate",
            summarised=True,
            order=60,
        )
    )
    register(
        Indicator(
            code="job_seekers_placed",
            name=_("Job seekers placed"),
            definition=_(
                "Unique persons with a placement starting in the period; a person placed twice, "
                "or merged into another, counts once."
            ),
            unit=PERSONS,
            rows=_placements,
            date="start_date",
            measure=COUNT_PERSONS,
            subject="job_seeker__person",
            governorate="job_seeker__person__governorate",
            list_url="employment:placement_list",
            summarised=True,
            order=70,
        )
    )
    register(
        Indicator(
            code="jobs_secured",
            name=_("Jobs secured"),
            definition=_(
                "Positions filled: placements starting in the period, each placement once "
                "(a person placed twice counts twice)."
            ),
            unit=EVENTS,
            rows=_placements,
            date="start_date",
            measure=COUNT_ROWS,
            subject="job_seeker__person",
            governorate="job_seeker__person__governorate",
            list_url="employment:placement_list",
            summarised=True,
            order=75,
        )
    )
    register(
        Indicator(
            code="young_workers_placed",
            name=_("Young workers placed"),
            definition=_(
                "Unique persons under 18 on the day their job started, with a placement "
                "starting in the period (taawon.protection: never below the minimum working "
                "age, never in hazardous work); persons with no birth recorded are not counted."
            ),
            unit=PERSONS,
            rows=_young_workers,
            date="start_date",
            measure=COUNT_PERSONS,
            subject="job_seeker__person",
            governorate="job_seeker__person__governorate",
            list_url="employment:young_workers",
            summarised=True,
            # The age on the day the job started reads the person's birth.
            watch=("job_seeker__person__date_of_birth", "job_seeker__person__birth_year"),
            order=77,
        )
    )
    register(
        Indicator(
            code="still_employed_3_months",
            name=_("Placements still employed at 3 months"),
            definition=_(
                "Placements whose 3-month follow-up, dated in the period, found the worker still "
                "employed (each placement once)."
            ),
            unit=EVENTS,
            rows=_still_employed,
            date="date",
            measure=COUNT_DISTINCT,
            field="placement",
            subject="placement__job_seeker__person",
            governorate="placement__job_seeker__person__governorate",
            list_url="employment:placement_list",
            order=80,
        )
    )
    register(
        Indicator(
            code="awareness_participants",
            name=_("Awareness session participants"),
            definition=_(
                "Participants of awareness sessions held in the period: the sum of the sessions' "
                "head counts (by sex and nationality), not unique persons."
            ),
            unit=EVENTS,
            rows=_head_counts,
            date="session__date",
            measure=SUM,
            field="count",
            governorate="session__governorate",
            owner="session__owner",
            fields={"sex": "sex", "nationality": "nationality"},
            scope=_scope_by_session,
            list_url="employment:awareness_list",
            list_filters={"governorate": "governorate"},
            order=90,
        )
    )


def _scope_by_session(queryset: QuerySet, user) -> QuerySet:
    # A head count belongs to its session's owner.
    return scoping.scope(queryset, user, owner_field="session__owner")
