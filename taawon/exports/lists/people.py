"""Exports of the person registry's list."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from taawon.lib.tabular.export import Column
from taawon.people import queries
from taawon.people import rules as people_rules
from taawon.people.forms import PersonFilterForm

from ..pseudonyms import pseudonym
from ..registry import ListExport, register
from . import display, raw, text

NAME_PARTS = ("given", "father", "grandfather", "family")


def person_columns(path: str = "") -> tuple[Column, ...]:
    """The columns that describe a person, for every list whose rows are about one (the
    person at `path` of the row). The reference is pseudonymous; names and phone identify."""
    prefix = f"{path}." if path else ""
    person = raw(path)
    return (
        Column(
            _("Person reference"),
            "#person+code",
            lambda row: pseudonym(getattr(person(row), "pk", None)),
        ),
        Column(_("Name (Arabic)"), "#person+name+i_ar", text(prefix + "name_ar"), True),
        Column(_("Name (Latin)"), "#person+name+i_en", text(prefix + "name_en"), True),
        Column(_("Phone"), "#contact+phone", text(prefix + "phone"), True),
        Column(_("Sex"), "#sex", display(path, "sex")),
        Column(_("Year of birth"), "#date+birth+year", lambda row: _birth_year(person(row))),
        Column(_("Nationality"), "#country+code+nationality", text(prefix + "nationality")),
        Column(
            _("Displacement status"),
            "#population+displacement",
            display(path, "displacement_status"),
        ),
        Column(_("Governorate"), "#adm1+name", text(prefix + "governorate")),
    )


def _birth_year(person) -> int | None:
    # The year only: with the sex and the governorate, a full date of birth singles people out.
    if person is None:
        return None
    if person.date_of_birth is not None:
        return person.date_of_birth.year
    return person.birth_year


# What the columns above read of a person, its governorate and its owner (their names in
# either language); a person's other columns (needs, disabilities, audit stamps) stay unread.
PERSON_FIELDS = (
    "id",
    "owner_id",
    "status",
    "sex",
    "date_of_birth",
    "birth_year",
    "nationality",
    "displacement_status",
    "created_at",
    "phone",
    *(f"{part}_name_{lang}" for lang in ("ar", "en") for part in NAME_PARTS),
    "governorate__name_en",
    "governorate__name_ar",
    "owner__name_en",
    "owner__name_ar",
)


def _rows(user, params: QueryDict):
    return queries.person_list(user, **PersonFilterForm(params or None).filters())


register(
    ListExport(
        name="people",
        title=_("Persons"),
        may_read=people_rules.may_read_registry,
        rows=_rows,
        columns=(
            *person_columns(),
            Column(_("Record"), "#status", display("", "status")),
            Column(_("Owning organisation"), "#org+name", text("owner")),
            Column(_("Registered on"), "#date+registered", raw("created_at")),
        ),
        domain="people",
        person_level=True,
        persons_of=lambda row: (row.pk,),
        only=PERSON_FIELDS,
    )
)
