"""`{% load employment %}{% employment_panel person %}`: the person's job seeker profile (or a
link to create it) for the person page, so the people app needs no employment code."""

from __future__ import annotations

from typing import Any

from django import template

from taawon.people.models import Person

from .. import rules
from ..seekers import queries as seeker_queries

register = template.Library()


@register.inclusion_tag("employment/includes/person_panel.html", takes_context=True)
def employment_panel(context: template.Context, person: Person) -> dict[str, Any]:
    user = context["request"].user
    if not rules.may_read(user):
        return {"employment_panel": None}
    return {
        "employment_panel": {
            "person": person,
            "seeker": seeker_queries.job_seeker_of(user, person),
            "may_add": person.status == Person.Status.ACTIVE and rules.may_add(user),
        }
    }
