"""The subject-access copy: what Taawon holds about a person, as a PDF in their language.

The registry record (identity document numbers masked but for their last digits), consents,
the job seeker profile with its referrals and placements, work permits, correction and
access requests, and the organisations the record was shared with. The other apps' records
come through their own queries, within the requesting user's reach: the copy is what the
unit handling the request may see (a record held by an organisation beyond it is asked of
that organisation).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html

from taawon.accounts.models import User
from taawon.core.crypto import cipher
from taawon.employment.seekers import queries as seekers
from taawon.geo.countries import country_name
from taawon.people import queries as people_queries
from taawon.people import validation
from taawon.people.models import Person
from taawon.permits import queries as permits

from . import queries

SHOWN_DIGITS = 3


def masked(value: str) -> str:
    """All but the last digits hidden: enough for the person to recognise their document."""
    tail = value[-SHOWN_DIGITS:] if len(value) > SHOWN_DIGITS else ""
    return "•" * max(len(value) - len(tail), 4) + tail


def _record(person: Person) -> list[tuple[str, object]]:
    def label(name: str) -> str:
        return str(Person._meta.get_field(name).verbose_name).capitalize()

    rows: list[tuple[str, object]] = [
        (label(name), getattr(person, name)) for name in validation.NAME_FIELDS
    ]
    rows += [
        (label("sex"), person.get_sex_display()),
        (label("date_of_birth"), person.date_of_birth or person.birth_year),
        (label("nationality"), country_name(person.nationality) if person.nationality else ""),
        (label("displacement_status"), person.get_displacement_status_display()),
        (label("governorate"), person.governorate.display_name if person.governorate else ""),
        (label("district"), person.district.display_name if person.district else ""),
        (
            label("phone"),
            format_html('<bdi dir="ltr">{}</bdi>', person.phone) if person.phone else "",
        ),
        (label("education_level"), person.get_education_level_display()),
    ]
    rows += [
        (label(name), getattr(person, f"get_{name}_display")()) for name in validation.WG_FIELDS
    ]
    rows.append((label("status"), person.get_status_display()))
    return [(name, value) for name, value in rows if value not in ("", None)]


def context(*, person: Person, user: User | None) -> dict:
    job_seeker = seekers.job_seeker_of(user, person)
    referrals = list(seekers.referrals_of_job_seeker(user, job_seeker)) if job_seeker else []
    access, corrections = queries.requests_of(person)
    return {
        "person": person,
        "record": _record(person),
        "identifiers": [
            (identifier.get_kind_display(), masked(cipher().decrypt(identifier.value_encrypted)))
            for identifier in people_queries.identifiers_of(person)
        ],
        "consents": people_queries.consents_of(person),
        "job_seeker": job_seeker,
        "referrals": referrals,
        "permits": list(
            permits.permits_for(user).filter(person=person).select_related("cooperative")
        ),
        "corrections": corrections,
        "access_requests": access,
        "shares": queries.shared_with(person),
        "made": timezone.now(),
    }


def subject_access_html(*, person: Person, user: User | None, language: str) -> str:
    with translation.override(language):
        return render_to_string("datarights/access_copy.html", context(person=person, user=user))


def subject_access_pdf(*, person: Person, user: User | None, language: str) -> bytes:
    from taawon.reports.pdf import render_pdf

    return render_pdf(subject_access_html(person=person, user=user, language=language))
