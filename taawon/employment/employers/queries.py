"""Scoped reads of employers, their workplaces and farm visits."""

from __future__ import annotations

from django.db.models import (
    Count,
    Q,
    QuerySet,
)

from taawon.accounts import scoping
from taawon.accounts.models import User

from ..unit.access import READ, by_name
from ..vacancies.models import Vacancy
from .models import Employer, FarmVisit, Workplace


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
        .order_by(by_name(), "pk")
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
