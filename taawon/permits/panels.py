"""The work permits panel on a registry person's page (dispatched as "person.panels")."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from taawon.people.models import Person

from . import queries, rules

MAX_SHOWN = 10


def person_panel(*, request: HttpRequest, person: Person) -> str:
    """The person's permits that the user may read, and "Apply" when they may; "" when the
    user has no reach in permits."""
    user = request.user
    if not rules.may_read(user):
        return ""
    permits = list(
        queries.permits_for(user)
        .filter(person=person)
        .select_related("cooperative", "person")
        .order_by("-id")[:MAX_SHOWN]
    )
    may_apply = person.status == Person.Status.ACTIVE and rules.may_apply(user)
    return render_to_string(
        "permits/includes/person_panel.html",
        {
            "person": person,
            "permits": permits,
            "may_apply": may_apply,
            "today": timezone.localdate(),
        },
        request=request,
    )
