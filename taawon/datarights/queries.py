"""Scoped reads of data requests, agreements and what was shared, for pages, API and the PDF."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.people.models import Person

from . import rules
from .models import AccessRequest, CorrectionRequest, PartnerExport, SharedPerson, SharingAgreement


def access_requests(user: User | None) -> QuerySet[AccessRequest]:
    return scoping.scope(AccessRequest.objects.all(), user).select_related(
        "person", "created_by", "owner"
    )


def correction_requests(user: User | None, *, status: str = "") -> QuerySet[CorrectionRequest]:
    qs = scoping.scope(CorrectionRequest.objects.all(), user).select_related(
        "person", "created_by", "decided_by", "owner"
    )
    return qs.filter(status=status) if status else qs


def get_correction_for_user(user: User | None, pk, action: str = scoping.READ) -> CorrectionRequest:
    return scoping.get_scoped_or_404(
        CorrectionRequest.objects.select_related("person", "created_by", "decided_by"),
        user,
        pk,
        action,
    )


def agreements(user: User | None) -> QuerySet[SharingAgreement]:
    return scoping.scope(SharingAgreement.objects.all(), user).select_related("owner")


def get_agreement_for_user(user: User | None, pk, action: str = scoping.READ) -> SharingAgreement:
    return scoping.get_scoped_or_404(
        SharingAgreement.objects.select_related("owner", "created_by"), user, pk, action
    )


def agreements_for_export(
    user: User | None, *, today: datetime.date | None = None
) -> QuerySet[SharingAgreement]:
    """The agreements in force today under which `user` may export to a partner."""
    today = today or timezone.localdate()
    qs = scoping.scope(
        SharingAgreement.objects.filter(starts_on__lte=today, ends_on__gte=today),
        user,
        scoping.CHANGE,
        roles=rules.AGREEMENT_ROLES,
    )
    return qs.select_related("owner").order_by("partner", "pk")


def partner_exports(user: User | None) -> QuerySet[PartnerExport]:
    return scoping.scope(PartnerExport.objects.all(), user).select_related(
        "agreement", "created_by"
    )


def shared_with(person: Person) -> list[SharedPerson]:
    """Every partner export the person was in, newest first: the person's own right to know,
    so not narrowed to the reader's reach (the page that shows it already is)."""
    return list(
        SharedPerson.objects.filter(person=person)
        .select_related("export", "export__agreement", "export__agreement__owner")
        .order_by("-export__created_at", "-pk")
    )


def requests_of(person: Person) -> tuple[list[AccessRequest], list[CorrectionRequest]]:
    return (
        list(person.access_requests.select_related("created_by").order_by("-created_at", "-pk")),
        list(
            person.correction_requests.select_related("created_by", "decided_by").order_by(
                "-created_at", "-pk"
            )
        ),
    )
