"""{% export_buttons "people" %}: the Export button group of a list page, for users who may
read the list (and the "with names" links for those who may reveal names)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from .. import registry, services

register = template.Library()


@register.inclusion_tag("exports/includes/buttons.html", takes_context=True)
def export_buttons(context: template.Context, name: str) -> dict:
    request = context["request"]
    export = registry.get(name)
    if not export.may_read(request.user):
        return {"links": []}
    base = reverse(f"exports:{name}")
    filters = services.list_params(request.GET)
    may_identify = export.may_identify(request.user)

    def link(fmt: str, identified: bool) -> str:
        query = filters.copy()
        query["format"] = fmt
        if identified:
            query["identified"] = "1"
        return f"{base}?{query.urlencode()}"

    links = [("XLSX", link("xlsx", False), False), ("CSV", link("csv", False), False)]
    if may_identify:
        links += [("XLSX", link("xlsx", True), True), ("CSV", link("csv", True), True)]
    return {"links": links, "person_level": export.person_level}
