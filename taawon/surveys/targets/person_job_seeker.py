"""Target: a person (through the people app's duplicate check) and their job seeker profile.

A submission whose person has possible duplicates waits: the reviewer then answers "new" (a
different person) or names the candidate who is the same person, as at registration.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from taawon.core.exceptions import ValidationFailed
from taawon.employment.seekers.services import register_job_seeker
from taawon.geo.models import Governorate
from taawon.people.models import Person
from taawon.people.services import NEW, PossibleDuplicates, register_person

from . import Outcome

PERSON = (
    "given_name_ar",
    "father_name_ar",
    "family_name_ar",
    "given_name_en",
    "family_name_en",
    "sex",
    "birth_year",
    "nationality",
    "displacement_status",
    "phone",
)
PARAMETERS = (*PERSON, "governorate", "occupations", "experience_years", "needs_transport")


def _person_data(params: dict, person_fields: tuple[str, ...]) -> dict:
    data = {name: params[name] or "" for name in PERSON if name in params and name in person_fields}
    code = params.get("governorate")
    if code:
        governorate = Governorate.objects.filter(iso_code=str(code).upper()).first()
        data["governorate"] = governorate.pk if governorate else -1
    return data


def apply(params: dict, *, submission, by, decision: str = "") -> Outcome:
    from taawon.people.validation import PERSON_FIELDS

    data = _person_data(params, PERSON_FIELDS)
    if decision and decision != NEW:
        # The reviewer recognised a candidate: the profile goes to that person.
        person = Person.objects.filter(pk=int(decision) if decision.isdigit() else 0).first()
        if person is None or int(decision) not in {c.get("person") for c in submission.candidates}:
            raise ValidationFailed(field_errors={"decision": [_("Choose one of the candidates.")]})
    else:
        try:
            person = register_person(
                owner=submission.owner,
                data=data,
                registered_by=by,
                duplicate_decision=NEW if decision == NEW else None,
            )
        except PossibleDuplicates as duplicates:
            return Outcome(waiting=True, candidates=duplicates.payload["candidates"])
    occupations = str(params.get("occupations") or "").split()
    try:
        years = int(params.get("experience_years") or 0)
    except ValueError:
        raise ValidationFailed(
            field_errors={"experience_years": [_("Enter a whole number.")]}
        ) from None
    seeker = register_job_seeker(
        person=person,
        occupations=occupations,
        registered_by=by,
        owner=submission.owner,
        experience_years=years,
        needs_transport=str(params.get("needs_transport") or "") in ("yes", "1", "true"),
    )
    return Outcome(records={"person": person.pk, "job_seeker": seeker.pk})
