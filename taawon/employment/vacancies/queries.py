"""Scoped reads of vacancies, with their filled positions, and the referrals made to them."""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    When,
)

from taawon.accounts import scoping
from taawon.accounts.models import User

from ..employers.models import Employer
from ..placements.models import Referral
from ..seekers.models import JobSeeker
from ..unit.access import CHANGE, READ
from .models import Vacancy


def with_filled(qs: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
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
    return with_filled(
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
    qs = with_filled(
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
