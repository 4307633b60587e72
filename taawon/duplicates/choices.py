"""Which record's value the survivor of a merge keeps, field by field.

The fields of a person record are grouped as a reviewer decides them: a name in one script is
kept whole (its four parts), a date of birth with its year, a district with its governorate,
the six Washington Group answers together. For each group that differs between the two
records the reviewer picks a record; without a pick the survivor keeps its own value, or takes
the other record's when its own is empty, so that a merge never loses what only the merged
record held (a Latin name registered by one unit only, say).

Values are read and written by attribute name (`governorate_id`, not the related object), as
JSON-ready values, so that the merge can record the survivor's values before and undo can put
them back exactly.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taawon.core.exceptions import ValidationFailed
from taawon.geo.countries import country_name
from taawon.people.models import WASHINGTON_GROUP_DOMAINS, Person

NAME_PARTS = ("given", "father", "grandfather", "family")
GROUPS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "name_ar": (gettext_lazy("Name in Arabic"), tuple(f"{p}_name_ar" for p in NAME_PARTS)),
    "name_en": (gettext_lazy("Name in Latin letters"), tuple(f"{p}_name_en" for p in NAME_PARTS)),
    "sex": (gettext_lazy("Sex"), ("sex",)),
    "birth": (
        gettext_lazy("Date of birth"),
        ("date_of_birth", "birth_year", "birth_year_estimated"),
    ),
    "nationality": (gettext_lazy("Nationality"), ("nationality",)),
    "displacement_status": (gettext_lazy("Displacement status"), ("displacement_status",)),
    "phone": (gettext_lazy("Phone"), ("phone",)),
    "place": (gettext_lazy("Governorate and district"), ("governorate_id", "district_id")),
    "education_level": (gettext_lazy("Education level"), ("education_level",)),
    "disability": (
        gettext_lazy("Difficulties (Washington Group questions)"),
        tuple(f"wg_{d}" for d in WASHINGTON_GROUP_DOMAINS),
    ),
}
# Values that say nothing was recorded; `birth_year_estimated` is only a note on the year.
EMPTY = (None, "", False)


def values_of(person: Person, group: str) -> dict[str, Any]:
    """The group's values of `person`, JSON-ready (dates as ISO strings)."""
    out = {}
    for name in GROUPS[group][1]:
        value = getattr(person, name)
        out[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return out


def is_empty(values: Mapping[str, Any]) -> bool:
    return all(v in EMPTY for v in values.values())


def differing_groups(first: Person, second: Person) -> list[str]:
    """The groups whose values differ between the two records, in GROUPS order."""
    return [g for g in GROUPS if values_of(first, g) != values_of(second, g)]


def check_keep(keep: Mapping[str, Any] | None, person_ids: tuple[int, int]) -> dict[str, int]:
    """`keep` (group -> id of the record whose value to keep) checked; errors name the field."""
    checked: dict[str, int] = {}
    problems = []
    for group, person_id in (keep or {}).items():
        if group not in GROUPS:
            problems.append(_("Unknown field: %(field)s.") % {"field": group})
            continue
        try:
            person_id = int(person_id)
        except (TypeError, ValueError):
            person_id = 0
        if person_id not in person_ids:
            problems.append(
                _("Choose one of the two records for %(field)s.") % {"field": GROUPS[group][0]}
            )
            continue
        checked[group] = person_id
    if problems:
        raise ValidationFailed(field_errors={"keep": problems})
    return checked


def values_to_take(survivor: Person, merged: Person, keep: Mapping[str, int]) -> dict[str, Any]:
    """The merged record's values the survivor takes: the groups chosen for it, and those the
    survivor has empty and the merged record has not (unless the survivor's own was chosen)."""
    taken: dict[str, Any] = {}
    for group in differing_groups(survivor, merged):
        own, other = values_of(survivor, group), values_of(merged, group)
        chosen = keep.get(group)
        if chosen == merged.pk or (chosen is None and is_empty(own) and not is_empty(other)):
            taken.update(other)
    given = {n: taken.get(n, getattr(survivor, n)) for n in ("given_name_ar", "given_name_en")}
    if not any(given.values()):
        raise ValidationFailed(
            field_errors={"keep": [_("The kept record needs a given name in one script.")]}
        )
    return taken


@dataclass(frozen=True)
class FieldChoice:
    """One differing group as the pair page offers it: each record's value in words."""

    key: str
    label: str
    options: tuple[tuple[int, str], tuple[int, str]]
    """(record id, its value in words) for each of the two records."""
    default: int | None
    """The record whose value is kept without a pick when it does not depend on which record
    survives (only one has a value); None when it does (the survivor's own)."""

    @property
    def ltr(self) -> bool:
        """A phone number reads left to right, also on an Arabic page."""
        return self.key == "phone"


def _shown(person: Person, group: str) -> str:
    if group == "name_ar":
        return person.name_ar
    if group == "name_en":
        return person.name_en
    if group == "birth":
        if person.date_of_birth:
            return formats.date_format(person.date_of_birth, "SHORT_DATE_FORMAT")
        if person.birth_year:
            note = _("estimated") if person.birth_year_estimated else ""
            return f"{person.birth_year} ({note})" if note else str(person.birth_year)
        return ""
    if group == "place":
        places = (person.governorate, person.district)
        return " · ".join(p.display_name for p in places if p is not None)
    if group == "disability":
        return "; ".join(
            f"{Person._meta.get_field(f'wg_{d}').verbose_name}: "
            f"{getattr(person, f'get_wg_{d}_display')()}"
            for d in WASHINGTON_GROUP_DOMAINS
            if getattr(person, f"wg_{d}") is not None
        )
    if group == "nationality":
        return country_name(person.nationality) if person.nationality else ""
    field = GROUPS[group][1][0]
    display = getattr(person, f"get_{field}_display", None)
    return str(display() if display else getattr(person, field) or "")


def field_choices(first: Person, second: Person) -> list[FieldChoice]:
    """The groups that differ between the pair's two records, for the reviewer to choose."""
    choices = []
    for group in differing_groups(first, second):
        a, b = values_of(first, group), values_of(second, group)
        default = None
        if is_empty(a) != is_empty(b):
            default = second.pk if is_empty(a) else first.pk
        choices.append(
            FieldChoice(
                key=group,
                label=str(GROUPS[group][0]),
                options=((first.pk, _shown(first, group)), (second.pk, _shown(second, group))),
                default=default,
            )
        )
    return choices
