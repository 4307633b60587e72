"""Scoped reads of job seekers, their counselling and whom a vacancy may be referred."""

from __future__ import annotations

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    QuerySet,
)

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.people import queries as people_queries
from taawon.people.models import Person

from ..placements.models import Placement, Referral
from ..unit.access import READ
from ..vacancies.models import Vacancy
from .models import CounsellingSession, JobSeeker


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


def get_counselling_for_user(user: User, pk, action: str = READ) -> CounsellingSession:
    qs = CounsellingSession.objects.select_related("job_seeker", "counsellor")
    return scoping.get_scoped_or_404(qs, user, pk, action)
