"""The employment panel on a registry person's page (dispatched as "person.panels")."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from taawon.people.models import Person

from .templatetags.employment import employment_panel


def person_panel(*, request: HttpRequest, person: Person) -> str:
    context = employment_panel({"request": request}, person)
    if context["employment_panel"] is None:
        return ""
    return render_to_string("employment/includes/person_panel.html", context, request=request)
