"""The data rights panel on a registry person's page (dispatched as "person.panels"): consent
per purpose, the subject-access copy, corrections, and the organisations the record was
shared with."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from taawon.accounts import scoping
from taawon.people.models import Consent, Person

from . import queries, rules, services


def person_panel(*, request: HttpRequest, person: Person) -> str:
    user = request.user
    if scoping.reach(user, scoping.READ, domain=rules.DOMAIN).empty:
        return ""
    state = services.consent_state(person)
    access, corrections = queries.requests_of(person)
    return render_to_string(
        "datarights/includes/person_panel.html",
        {
            "person": person,
            "may_handle": rules.may_handle_person(user, person),
            "may_change_consent": rules.may_handle_person(user, person)
            and person.status == Person.Status.ACTIVE,
            "consents": [(value, label, state[value]) for value, label in Consent.Purpose.choices],
            "access_requests": access[:5],
            "corrections": corrections[:10],
            "shares": queries.shared_with(person),
        },
        request=request,
    )
